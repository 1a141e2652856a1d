// The JSON form of a search result: the HTTP API and `newsdesk-query --json`
// print exactly this.
#pragma once

#include <nlohmann/json.hpp>

#include "search/search_types.h"

namespace newsdesk::search {

// {query, parsed, expansions: [{kind, from, to}], warnings, suggestion (or
//  null), total, total_exact, took_ms, page, size,
//  results: [{id, title, title_html, url, source, date, snippet, companies,
//             countries, topics, score, group, similar}],
//  facets: {company|country|topic|source: {distinct, values: [{key, name,
//           detail, count, selected}]}},
//  dates: {unit, buckets: [{label, from, to, count, selected}], earlier, later
//         (a bucket of far-off outliers, or null), undated}}.
// date is ISO 8601 UTC or null. The README documents the same shape.
nlohmann::ordered_json to_json(const SearchResult& result);

}  // namespace newsdesk::search
