// text::index_ascii_terms must give exactly what Xapian's TermGenerator
// gives: the query parser reads queries the TermGenerator's way.
#include "text/ascii_terms.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "schema.h"
#include "support/test_env.h"
#include "text/analysis.h"

namespace t = newsdesk::testing;
using newsdesk::text::index_ascii_terms;

namespace {

// term wdf positions..., one line per term.
std::string describe(const Xapian::Document& doc) {
  std::ostringstream out;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    out << *term << ' ' << term.get_wdf();
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      out << ' ' << *pos;
    }
    out << '\n';
  }
  return out.str();
}

// The text as a title (weight 3), again under S, then after a gap as a body:
// the way DocumentBuilder indexes an article, by both term generators.
// Returns false if the text is not ASCII (then nothing is compared).
bool same_terms(const std::string& text) {
  const Xapian::Stem stemmer = newsdesk::schema::make_stemmer();
  Xapian::Document expected;
  Xapian::TermGenerator generator;
  generator.set_stemmer(stemmer);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_document(expected);
  generator.index_text(text, 3);
  generator.index_text(text, 1, "S");
  generator.increase_termpos();
  generator.index_text(text);

  Xapian::Document got;
  Xapian::termpos position = 0;
  if (!index_ascii_terms(text, stemmer, got, 3, "", position)) return false;
  REQUIRE(index_ascii_terms(text, stemmer, got, 1, "S", position));
  position += 100;
  REQUIRE(index_ascii_terms(text, stemmer, got, 1, "", position));
  CAPTURE(text);
  REQUIRE(describe(got) == describe(expected));
  CHECK(position == generator.get_termpos());
  return true;
}

// Every file under `dir`, prepared for indexing, in pieces of about
// `piece` bytes cut at line ends; returns how many pieces were ASCII.
std::size_t compare_files(const std::filesystem::path& dir, std::size_t piece) {
  std::size_t ascii = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text, line;
    const auto flush = [&] {
      ascii += same_terms(newsdesk::text::prepare_for_terms(text)) ? 1 : 0;
      text.clear();
    };
    while (std::getline(in, line)) {
      text += line;
      text += '\n';
      if (text.size() >= piece) flush();
    }
    flush();
  }
  return ascii;
}

}  // namespace

TEST_CASE("ASCII terms: words, case and positions as the TermGenerator gives them",
          "[analysis][terms]") {
  for (const char* text :
       {"", "   ", "Oil prices rose", "OPEC output, in barrels per day (bpd)", "a b c",
        "x_y __init__ _", "Words  with\ttabs\nand\r\nnewlines", "prices price pricing priced",
        "1987 1,000 1,000.50 3.5% 10;20 1.2.3 a.1 1.a 5,a"}) {
    CHECK(same_terms(text));
  }
}

TEST_CASE("ASCII terms: acronyms, infixes and suffixes as the TermGenerator reads them",
          "[analysis][terms]") {
  for (const char* text : {"U.S. economy",
                           "the U.S.",
                           "U.S.A",
                           "U.S",
                           "P.T.O. please",
                           "I.B.M.x",
                           "A.B.c",
                           "A.b",
                           "E.U.-wide",
                           "Mr. Smith",
                           "AT&T and M&S",
                           "a&",
                           "&&",
                           "R&D's",
                           "don't 'quoted' o'neil",
                           "rock 'n' roll",
                           "C++ C# F## x+++ a++++ b+++c fish+chips +1 #2",
                           "e.g. i.e.",
                           "GM's U.K. unit",
                           "Q1 Q.1",
                           "A. B. C.",
                           "X.Y.Z.",
                           "U.S.-Japan",
                           "AB.CD",
                           "A.BC"}) {
    CHECK(same_terms(text));
  }
}

TEST_CASE("ASCII terms: words over 64 bytes are skipped without a position", "[analysis][terms]") {
  CHECK(same_terms("short " + std::string(64, 'a') + " " + std::string(65, 'b') + " end"));
  CHECK(same_terms(std::string(70, 'X') + " tail"));
}

TEST_CASE("ASCII terms: text that is not ASCII is left to the TermGenerator", "[analysis][terms]") {
  Xapian::Document doc;
  Xapian::termpos position = 7;
  CHECK_FALSE(index_ascii_terms("caf\xC3\xA9 au lait", newsdesk::schema::make_stemmer(), doc, 1, "",
                                position));
  CHECK(doc.termlist_count() == 0);
  CHECK(position == 7);
}

TEST_CASE("ASCII terms: every ASCII piece of corpus/ as the TermGenerator gives it",
          "[analysis][terms]") {
  CHECK(compare_files(t::source_dir() / "corpus", 2000) > 10);
}

TEST_CASE("ASCII terms: every piece of Reuters as the TermGenerator gives it",
          "[analysis][terms][shared]") {
  if (!t::shared_available("corpora/reuters21578")) return;
  CHECK(compare_files(t::shared_dir() / "corpora/reuters21578", 4000) > 5000);
}
