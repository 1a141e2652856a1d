#include "search/search_json.h"

#include "extract/dates.h"

namespace newsdesk::search {

nlohmann::ordered_json to_json(const SearchResult& result) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const Hit& hit : result.hits) {
    hits.push_back({
        {"id", hit.id},
        {"title", hit.title},
        {"title_html", hit.title_html},
        {"url", hit.url},
        {"source", hit.source},
        {"date", hit.published ? nlohmann::ordered_json(extract::format_iso8601(*hit.published))
                               : nlohmann::ordered_json(nullptr)},
        {"snippet", hit.snippet},
        {"companies", hit.companies},
        {"countries", hit.countries},
        {"topics", hit.topics},
        {"score", hit.score},
    });
  }
  return {
      {"query", result.query},     {"parsed", result.parsed},
      {"total", result.total},     {"total_exact", result.total_exact},
      {"took_ms", result.took_ms}, {"page", result.page},
      {"size", result.size},       {"results", std::move(hits)},
  };
}

}  // namespace newsdesk::search
