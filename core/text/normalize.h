// Unicode hygiene through ICU: the only module that includes <unicode/...>.
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::text {

// Returns valid UTF-8: each invalid byte sequence becomes U+FFFD. Never throws.
std::string repair_utf8(std::string_view bytes);

// NFKC-normalises valid UTF-8 so that compatibility forms (full-width letters,
// ligatures, composed vs decomposed accents) index and query alike.
std::string nfkc(std::string_view utf8);

// Article text as stored and indexed: repair_utf8 + NFKC, control characters
// dropped, "\r\n" -> "\n", runs of spaces/tabs folded to one space, lines
// trimmed, and runs of blank lines folded to one paragraph break ("\n\n").
std::string clean_text(std::string_view bytes);

// clean_text, then all whitespace (newlines too) folded to single spaces.
std::string clean_line(std::string_view bytes);

// A matching key: NFKC case-folded with accents removed ("Société" -> "societe").
std::string fold(std::string_view utf8);

// A facet key: fold(), then every run of non-alphanumerics becomes one '-'
// ("Société Générale S.A." -> "societe-generale-s-a").
std::string slug(std::string_view utf8);

// True if the bytes look like binary data rather than text (NUL bytes, or a
// large share of control characters in the first few KiB).
bool looks_binary(std::string_view bytes);

}  // namespace newsdesk::text
