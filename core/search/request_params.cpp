#include "search/request_params.h"

#include <cmath>
#include <cstdlib>

#include "errors.h"
#include "extract/dates.h"
#include "schema.h"

namespace newsdesk::search {
namespace {

const std::string* last_value(const SearchParams& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return nullptr;
  return &std::prev(last)->second;
}

std::size_t whole_number(const SearchParams& params, const std::string& name,
                         std::size_t fallback) {
  const std::string* text = last_value(params, name);
  if (!text || text->empty()) return fallback;
  if (text->size() > 9 || text->find_first_not_of("0123456789") != std::string::npos) {
    throw UserError(name + " must be a whole number, got '" + *text + "'");
  }
  return static_cast<std::size_t>(std::stoul(*text));
}

// "YYYY-MM-DD" that is a real calendar day.
std::string day(const SearchParams& params, const std::string& name) {
  const std::string* text = last_value(params, name);
  if (!text || text->empty()) return {};
  const auto seconds = extract::parse_iso8601(*text);
  if (text->size() != 10 || !seconds) {
    throw UserError(name + " must be a day written YYYY-MM-DD, got '" + *text + "'");
  }
  return *text;
}

SortOrder sort_order(const SearchParams& params) {
  const std::string* text = last_value(params, "sort");
  if (!text || text->empty() || *text == "relevance") return SortOrder::Relevance;
  if (*text == "date") return SortOrder::Date;
  if (*text == "recent") return SortOrder::Recent;
  throw UserError("sort must be relevance, date or recent, got '" + *text + "'");
}

bool flag(const SearchParams& params, const std::string& name, bool fallback) {
  const std::string* text = last_value(params, name);
  if (!text || text->empty()) return fallback;
  if (*text == "true" || *text == "1" || *text == "yes") return true;
  if (*text == "false" || *text == "0" || *text == "no") return false;
  throw UserError(name + " must be true or false, got '" + *text + "'");
}

double half_life(const SearchParams& params, double fallback) {
  const std::string* text = last_value(params, "half_life");
  if (!text || text->empty()) return fallback;
  char* end = nullptr;
  const double days = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size() || !std::isfinite(days) || days <= 0 || days > 36500) {
    throw UserError("half_life must be a number of days between 0 and 36500, got '" + *text + "'");
  }
  return days;
}

}  // namespace

SearchRequest parse_search_params(const SearchParams& params) {
  SearchRequest request;
  if (const std::string* q = last_value(params, "q")) request.query = *q;
  request.page = whole_number(params, "page", request.page);
  request.size = whole_number(params, "size", request.size);
  request.snippet_length = whole_number(params, "snippet_length", request.snippet_length);
  request.facet_size = whole_number(params, "facets", request.facet_size);

  std::size_t filter_values = 0;
  for (const schema::Facet facet : schema::kAllFacets) {
    const auto [first, last] = params.equal_range(std::string(schema::layout(facet).name));
    for (auto it = first; it != last; ++it) {
      if (it->second.empty()) continue;
      request.filters[static_cast<std::size_t>(facet)].push_back(it->second);
      if (++filter_values > kMaxFilterValues) {
        throw UserError("at most " + std::to_string(kMaxFilterValues) + " facet filter values");
      }
    }
  }
  request.from_day = day(params, "from");
  request.to_day = day(params, "to");
  request.sort = sort_order(params);
  request.half_life_days = half_life(params, request.half_life_days);
  request.collapse = flag(params, "collapse", request.collapse);
  if (const std::string* group = last_value(params, "group")) request.group = *group;
  if (const std::string* id = last_value(params, "related")) request.related_to = *id;
  return request;
}

}  // namespace newsdesk::search
