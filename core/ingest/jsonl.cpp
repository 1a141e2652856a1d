#include "ingest/jsonl.h"

#include <nlohmann/json.hpp>
#include <string>

#include "extract/dates.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

using nlohmann::json;

// Throws std::invalid_argument with a readable message for a wrong type.
std::string optional_string(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw std::invalid_argument(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

std::vector<std::string> optional_strings(const json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string("\"") + key + "\" is not an array");
  for (const json& value : *it) {
    if (!value.is_string()) {
      throw std::invalid_argument(std::string("\"") + key + "\" holds a non-string");
    }
    std::string cleaned = text::clean_line(value.get<std::string>());
    if (!cleaned.empty()) out.push_back(std::move(cleaned));
  }
  return out;
}

}  // namespace

std::size_t read_jsonl(std::istream& in, std::string_view origin, const ArticleSink& articles,
                       const ProblemSink& problems) {
  std::size_t count = 0;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto report = [&](const std::string& message, bool skipped) {
      problems(Problem{std::string(origin), number, message, skipped});
    };
    // Invalid UTF-8 would make the JSON parser reject the whole line; repair it.
    const json object = json::parse(text::repair_utf8(line), nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded()) {
      report("not valid JSON", true);
      continue;
    }
    if (!object.is_object()) {
      report("not a JSON object", true);
      continue;
    }
    try {
      Article article;
      article.title = text::clean_line(optional_string(object, "title"));
      article.body = text::clean_text(optional_string(object, "body"));
      if (article.title.empty()) throw std::invalid_argument("missing \"title\"");
      if (!object.contains("body")) throw std::invalid_argument("missing \"body\"");
      article.source_id = text::clean_line(optional_string(object, "id"));
      article.url = text::clean_line(optional_string(object, "url"));
      article.source = text::clean_line(optional_string(object, "source"));
      article.companies = optional_strings(object, "companies");
      article.countries = optional_strings(object, "countries");
      article.topics = optional_strings(object, "topics");
      const std::string published = optional_string(object, "published");
      if (!published.empty()) {
        article.published = extract::parse_iso8601(published);
        if (!article.published) {
          report("\"published\" is not an ISO 8601 date: " + published + " (kept undated)", false);
        }
      }
      article.origin = std::string(origin);
      article.origin_line = number;
      articles(std::move(article));
      ++count;
    } catch (const std::invalid_argument& e) {
      report(e.what(), true);
    }
  }
  return count;
}

}  // namespace newsdesk::ingest
