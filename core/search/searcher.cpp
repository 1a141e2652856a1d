#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>
#include <vector>

#include "errors.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "text/analysis.h"

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

// sort=recent: the relevance ranking of this many best matches (or of the
// page asked for, when deeper) is re-scored by age.
constexpr Xapian::doccount kRecencyWindow = 200;

// Age is counted back from the newest article in the index, not from the
// clock, so an archive (Reuters 1987) ranks by recency within itself, and a
// live index, whose newest article is minutes old, by age from now.
double newest_time(const Xapian::Database& db) {
  const std::string upper = db.get_value_upper_bound(schema::kTimeSlot);
  return upper.empty() ? 0 : Xapian::sortable_unserialise(upper);
}

// weight × 0.5^(age / half-life). An undated article is treated as two
// half-lives old: it neither wins nor vanishes.
double decayed(double weight, const Xapian::Document& doc, double newest, double half_life_days) {
  const std::string value = doc.get_value(schema::kTimeSlot);
  const double age_days =
      value.empty() ? 2 * half_life_days
                    : std::max(0.0, newest - Xapian::sortable_unserialise(value)) / 86400.0;
  return weight * std::exp2(-age_days / half_life_days);
}

struct RankedHit {
  Xapian::Document doc;
  double score;
};

// Without SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word
// of every hit's body, about 6 ms of a 7 ms query on Reuters (bench/
// query_latency.sh); the passage with the most query matches is good enough.
constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_EXHAUSTIVE;

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
  const bool by_date = request.sort == SortOrder::Date || built.match_all;
  if (by_date) enquire.set_sort_by_value_then_relevance(schema::kTimeSlot, true);

  const std::size_t offset = (request.page - 1) * request.size;
  const bool by_recency = request.sort == SortOrder::Recent && !by_date;
  // Recency re-scores a window of the best matches, so it fetches the window.
  const Xapian::doccount first = by_recency ? 0 : static_cast<Xapian::doccount>(offset);
  const Xapian::doccount wanted =
      by_recency ? std::max<Xapian::doccount>(kRecencyWindow,
                                              static_cast<Xapian::doccount>(offset + request.size))
                 : static_cast<Xapian::doccount>(request.size);
  const Xapian::doccount check_at_least = std::max<Xapian::doccount>(first + wanted, 1000);
  const Xapian::MSet mset = enquire.get_mset(first, wanted, check_at_least);

  std::vector<std::pair<Xapian::MSetIterator, double>> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) ranked.emplace_back(it, it.get_weight());
  if (by_recency) {
    const double newest = newest_time(db_);
    for (auto& [it, score] : ranked) {
      score = decayed(score, it.get_document(), newest, request.half_life_days);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    ranked.erase(ranked.begin(), ranked.begin() + std::min(offset, ranked.size()));
    if (ranked.size() > request.size) ranked.resize(request.size);
  }

  SearchResult result;
  result.query = request.query;
  result.parsed = built.query.get_description();
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.page = request.page;
  result.size = request.size;
  const Xapian::Stem stemmer = schema::make_stemmer();
  for (const auto& [it, score] : ranked) {
    schema::StoredArticle stored = schema::decode_document_data(it.get_document().get_data());
    Article& article = stored.article;
    Hit hit;
    hit.id = std::move(stored.id);
    hit.title_html = text::snippet(mset, article.title, article.title.size() + 16, stemmer,
                                   Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "");
    hit.snippet = text::snippet(mset, one_line(article.body), request.snippet_length, stemmer,
                                kSnippetFlags, "<mark>", "</mark>", "…");
    hit.title = std::move(article.title);
    hit.url = std::move(article.url);
    hit.source = std::move(article.source);
    hit.published = article.published;
    hit.companies = std::move(article.companies);
    hit.countries = std::move(article.countries);
    hit.topics = std::move(article.topics);
    hit.score = score;
    result.hits.push_back(std::move(hit));
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace newsdesk::search
