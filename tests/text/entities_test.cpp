#include "text/entities.h"

#include <catch2/catch.hpp>

using namespace newsdesk::text;

TEST_CASE("decode_entities decodes numeric and named character references", "[text]") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"no references", "no references"},
      {"&lt;Amoco Corp&gt; &amp; Co", "<Amoco Corp> & Co"},
      {"&quot;quoted&quot; &apos;single&apos;", "\"quoted\" 'single'"},
      {"a&nbsp;b",
       "a\xC2\xA0"
       "b"},
      {"&#65;&#x42;&#X43;", "ABC"},
      {"caf&#233; caf&#xe9; caf&eacute;", "caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9"},
      {"&Uuml;ber &uuml;ber &szlig;",
       "\xC3\x9C"
       "ber \xC3\xBC"
       "ber \xC3\x9F"},
      {"&copy; &reg; &trade; &pound;5 &euro;5",
       "\xC2\xA9 \xC2\xAE \xE2\x84\xA2 \xC2\xA3"
       "5 \xE2\x82\xAC"
       "5"},
      {"a&ndash;b&mdash;c&hellip;",
       "a\xE2\x80\x93"
       "b\xE2\x80\x94"
       "c\xE2\x80\xA6"},
      {"&lsquo;x&rsquo; &ldquo;y&rdquo;", "\xE2\x80\x98x\xE2\x80\x99 \xE2\x80\x9Cy\xE2\x80\x9D"},
      {"&#x1F600;", "\xF0\x9F\x98\x80"},                                     // beyond the BMP
      {"&#146;s &#150; &#151;", "\xE2\x80\x99s \xE2\x80\x93 \xE2\x80\x94"},  // Windows-1252
      {"&#3;end&#2;",
       "\x03"
       "end\x02"},  // control characters are left to clean_text
      {"&#0; &#xD800; &#1114112; &#99999999999999999999;",
       "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD"},
      // Not references: left as written.
      {"AT&T and R&D", "AT&T and R&D"},
      {"&unknown; &amp &#; &#x; &#12 &#xZZ; & ;", "&unknown; &amp &#; &#x; &#12 &#xZZ; & ;"},
      {"&AMP; is case-sensitive", "&AMP; is case-sensitive"},
      {"&ampersand;", "&ampersand;"},
      {"&&amp;&", "&&&"},
      {"trailing &", "trailing &"},
      {"bad \xFF byte &amp; more", "bad \xFF byte & more"},  // other bytes pass through
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(decode_entities(c.in) == c.out);
  }
}
