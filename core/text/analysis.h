// The text handed to Xapian's term generator, at index time and at query
// time alike: whatever is done here must be done on both sides.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::text {

// Latin accents are removed (case and everything else kept), so "Nestlé" and
// "Nestle" index and query as one word; and a '+' or '#' glued to the end of
// a word is split off, because Xapian would keep it ("OPEC+" -> "opec+",
// which a search for "opec" would miss). Stored and displayed text is not
// changed by this.
std::string prepare_for_terms(std::string_view utf8);

}  // namespace newsdesk::text
