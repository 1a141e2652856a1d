#include "search/search_json.h"

#include "extract/dates.h"

namespace newsdesk::search {
namespace {

using Json = nlohmann::ordered_json;

Json hit_json(const Hit& hit) {
  return {
      {"id", hit.id},
      {"title", hit.title},
      {"title_html", hit.title_html},
      {"url", hit.url},
      {"source", hit.source},
      {"date", hit.published ? Json(extract::format_iso8601(*hit.published)) : Json(nullptr)},
      {"snippet", hit.snippet},
      {"companies", hit.companies},
      {"countries", hit.countries},
      {"topics", hit.topics},
      {"score", hit.score},
      {"group", hit.group},
      {"similar", hit.similar},
  };
}

Json facets_json(const std::vector<FacetSummary>& facets) {
  Json out = Json::object();
  for (const FacetSummary& facet : facets) {
    Json values = Json::array();
    for (const FacetBucket& bucket : facet.top) {
      values.push_back({{"key", bucket.key},
                        {"name", bucket.name},
                        {"detail", bucket.detail},
                        {"count", bucket.count},
                        {"selected", bucket.selected}});
    }
    out[facet.facet] = {{"distinct", facet.distinct}, {"values", std::move(values)}};
  }
  return out;
}

Json bucket_json(const DateBucket& bucket) {
  return {{"label", bucket.label},
          {"from", bucket.from},
          {"to", bucket.to},
          {"count", bucket.count},
          {"selected", bucket.selected}};
}

Json dates_json(const DateHistogram& dates) {
  Json buckets = Json::array();
  for (const DateBucket& bucket : dates.buckets) buckets.push_back(bucket_json(bucket));
  return {{"unit", dates.unit},
          {"buckets", std::move(buckets)},
          {"earlier", dates.earlier.count ? bucket_json(dates.earlier) : Json(nullptr)},
          {"later", dates.later.count ? bucket_json(dates.later) : Json(nullptr)},
          {"undated", dates.undated}};
}

}  // namespace

nlohmann::ordered_json to_json(const SearchResult& result) {
  Json hits = Json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_json(hit));
  Json expansions = Json::array();
  for (const Expansion& expansion : result.expansions) {
    expansions.push_back(
        {{"kind", expansion.kind}, {"from", expansion.from}, {"to", expansion.to}});
  }
  return {
      {"query", result.query},
      {"parsed", result.parsed},
      {"expansions", std::move(expansions)},
      {"warnings", result.warnings},
      {"suggestion", result.suggestion.empty() ? Json(nullptr) : Json(result.suggestion)},
      {"total", result.total},
      {"total_exact", result.total_exact},
      {"took_ms", result.took_ms},
      {"page", result.page},
      {"size", result.size},
      {"results", std::move(hits)},
      {"facets", facets_json(result.facets)},
      {"dates", dates_json(result.dates)},
  };
}

}  // namespace newsdesk::search
