// The JSON form of a search result: the HTTP API and `newsdesk-query --json`
// print exactly this.
#pragma once

#include <nlohmann/json.hpp>

#include "search/search_types.h"

namespace newsdesk::search {

// {query, parsed, total, total_exact, took_ms, page, size,
//  results: [{id, title, title_html, url, source, date, snippet, companies,
//             countries, topics, score}]}; date is ISO 8601 UTC or null.
nlohmann::ordered_json to_json(const SearchResult& result);

}  // namespace newsdesk::search
