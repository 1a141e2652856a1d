// Facet values found in an article, with how central they are and why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/text_date.h"

namespace newsdesk::extract {

struct FacetTag {
  std::string key;   // canonical: company id ("apple"), ISO code ("CN"), topic id ("ai")
  double score = 0;  // salience or confidence; larger = more central to the article
  std::vector<std::string> evidence;  // what triggered it, as written ("Apple's", "(NASDAQ: AAPL)")
};

// A facet value as stored: key for filtering and counting, display name,
// salience score and the words that triggered it.
struct FacetValue {
  std::string key;
  std::string name;
  double score = 0;
  std::vector<std::string> evidence;  // empty when it came from the source's metadata
};

// Everything extraction decided for one article.
struct ArticleFacets {
  std::vector<FacetValue> companies, countries, topics;
  std::optional<TextDate> text_date;  // set only when the article had no date
};

}  // namespace newsdesk::extract
