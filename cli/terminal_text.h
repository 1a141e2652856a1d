// Turns the HTML of highlighted snippets into terminal text.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::cli {

// Decodes the entities that Xapian's snippets produce (&amp; &lt; &gt; &quot;
// &#39; and numeric ones) and renders <mark>…</mark> as bold when `color`,
// else drops the tags.
std::string snippet_to_terminal(std::string_view html, bool color);

}  // namespace newsdesk::cli
