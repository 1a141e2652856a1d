#include "search/searcher.h"

#include <algorithm>
#include <chrono>

#include "errors.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"

namespace newsdesk::search {
namespace {

void validate(const SearchRequest& request) {
  if (request.size < 1 || request.size > kMaxPageSize) {
    throw UserError("size must be between 1 and " + std::to_string(kMaxPageSize));
  }
  if (request.page < 1) throw UserError("page must be 1 or more");
  if ((request.page - 1) * request.size >= kMaxResultOffset) {
    throw UserError("results beyond the first " + std::to_string(kMaxResultOffset) +
                    " cannot be paged to; refine the query");
  }
  if (request.snippet_length > kMaxSnippetLength) {
    throw UserError("snippet length must be at most " + std::to_string(kMaxSnippetLength));
  }
}

// Snippets are shown as one line: paragraph breaks become spaces.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

constexpr unsigned kSnippetFlags =
    Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;

}  // namespace

Searcher::Searcher(const std::filesystem::path& db_dir) : db_(open_index(db_dir).all) {}

void Searcher::reopen() {
  db_.reopen();
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  validate(request);
  const QueryBuilder builder(db_, QueryContext{});
  const BuiltQuery built = builder.build(request.query);

  Xapian::Enquire enquire(db_);
  enquire.set_query(built.query);
  if (built.match_all) enquire.set_sort_by_value_then_relevance(schema::kTimeSlot, true);

  const std::size_t offset = (request.page - 1) * request.size;
  const Xapian::doccount check_at_least =
      static_cast<Xapian::doccount>(std::max<std::size_t>(offset + request.size, 1000));
  const Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(offset),
                       static_cast<Xapian::doccount>(request.size), check_at_least);

  SearchResult result;
  result.query = request.query;
  result.parsed = built.query.get_description();
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.page = request.page;
  result.size = request.size;
  const Xapian::Stem stemmer = schema::make_stemmer();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    schema::StoredArticle stored = schema::decode_document_data(it.get_document().get_data());
    Article& article = stored.article;
    Hit hit;
    hit.id = std::move(stored.id);
    hit.title_html = mset.snippet(article.title, article.title.size() + 16, stemmer,
                                  Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "");
    hit.snippet = mset.snippet(one_line(article.body), request.snippet_length, stemmer,
                               kSnippetFlags, "<mark>", "</mark>", "…");
    hit.title = std::move(article.title);
    hit.url = std::move(article.url);
    hit.source = std::move(article.source);
    hit.published = article.published;
    hit.companies = std::move(article.companies);
    hit.countries = std::move(article.countries);
    hit.topics = std::move(article.topics);
    hit.score = it.get_weight();
    result.hits.push_back(std::move(hit));
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace newsdesk::search
