// SGML/HTML character references ("&amp;", "&#233;", "&#xE9;", "&eacute;") to UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::text {

// Replaces every character reference in `text` by its character in UTF-8:
// decimal and hexadecimal numeric references, and the named entities news
// text uses (amp lt gt quot apos nbsp, all Latin-1 names such as eacute, uuml,
// copy, reg, pound, and typographic ones: ndash mdash lsquo rsquo ldquo rdquo
// hellip euro trade bull ...). A reference needs its closing ';'. Numeric
// references to 128-159 are read as Windows-1252 (&#146; is a right quote), as
// browsers do; 0, surrogates and values beyond U+10FFFF become U+FFFD.
// Unknown or malformed references are left as written. Other bytes, valid
// UTF-8 or not, pass through unchanged. Never throws.
std::string decode_entities(std::string_view text);

}  // namespace newsdesk::text
