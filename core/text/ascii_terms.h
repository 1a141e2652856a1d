// Xapian's TermGenerator, for ASCII text, without its per-character Unicode
// work: term generation was an eighth of indexing time.
#pragma once

#include <xapian.h>

#include <string_view>

namespace newsdesk::text {

// Adds the terms of `prepared` (from prepare_for_terms) to `doc` exactly as
// Xapian 1.4's TermGenerator with STEM_ALL, positions and no stopper does
// (acronyms "U.S." -> "us", infixes "AT&T", "don't", "1,000.5", '+'/'#'
// suffixes, words over 64 bytes skipped), counting positions on from
// `position`, which it advances. Returns false, and adds nothing, when the
// text is not all ASCII: give that to a TermGenerator (set_termpos first).
// A test compares the two on every article of corpus/ and of Reuters.
bool index_ascii_terms(std::string_view prepared, const Xapian::Stem& stemmer,
                       Xapian::Document& doc, Xapian::termcount wdf_inc, std::string_view prefix,
                       Xapian::termpos& position);

}  // namespace newsdesk::text
