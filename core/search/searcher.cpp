#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>
#include <vector>

#include "errors.h"
#include "extract/facet_extractor.h"
#include "schema.h"
#include "search/facet_counter.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "search/related.h"
#include "search/spelling.h"
#include "search/synonyms.h"
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

// Without SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word
// of every hit's body, about 6 ms of a 7 ms query on Reuters (bench/
// query_latency.sh); the passage with the most query matches is good enough.
constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_EXHAUSTIVE;

// An article about a company the query names (its XABOUT term) gets this
// much weight on top of BM25, so it outranks one that mentions the company
// in passing. Boolean terms carry no weight of their own, hence a fixed-weight
// posting source filtered by the term. Tuned on bench/relevance.
constexpr double kAboutBoost = 2.0;

Xapian::Query about_boost(const std::vector<std::string>& companies) {
  std::vector<Xapian::Query> boosts;
  for (const std::string& key : companies) {
    Xapian::Query weight((new Xapian::FixedWeightPostingSource(kAboutBoost))->release());
    boosts.emplace_back(Xapian::Query::OP_FILTER, weight,
                        Xapian::Query(std::string(schema::kAboutPrefix) + key));
  }
  return Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
}

// "2025-01-31" <-> "20250131" (the day slot's form).
std::string day_key(const std::string& iso) {
  return iso.empty() ? iso : iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}
std::string iso_day(const std::string& key) {
  return key.size() != 8 ? key : key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}
void to_iso(DateBucket& bucket) {
  bucket.from = iso_day(bucket.from);
  bucket.to = iso_day(bucket.to);
}

FacetSelection selection_of(const SearchRequest& request,
                            const extract::FacetExtractor* reference) {
  FacetSelection selection;
  for (const schema::Facet facet : schema::kAllFacets) {
    for (const std::string& value : request.filters[static_cast<std::size_t>(facet)]) {
      std::string key = resolve_facet_key(facet, value, reference);
      auto& keys = selection[facet];
      if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
        keys.push_back(std::move(key));
      }
    }
  }
  selection.from_day = day_key(request.from_day);
  selection.to_day = day_key(request.to_day);
  return selection;
}

bool empty_selection(const FacetSelection& selection) {
  return !selection.has_date_range() && std::all_of(selection.keys.begin(), selection.keys.end(),
                                                    [](const auto& keys) { return keys.empty(); });
}

}  // namespace

std::shared_ptr<const SearchResources> SearchResources::load(
    const std::vector<std::filesystem::path>& extra_company_files,
    const std::vector<std::filesystem::path>& extra_synonym_files) {
  extract::FacetSources sources = extract::FacetSources::defaults();
  sources.company_files.insert(sources.company_files.end(), extra_company_files.begin(),
                               extra_company_files.end());
  auto resources = std::make_shared<SearchResources>();
  resources->reference = std::make_shared<const extract::FacetExtractor>(sources);
  resources->synonyms =
      std::make_shared<const Synonyms>(Synonyms::load_default(extra_synonym_files));
  return resources;
}

Searcher::Searcher(const std::filesystem::path& db_dir,
                   std::shared_ptr<const SearchResources> resources)
    : resources_(resources ? std::move(resources) : SearchResources::load()),
      db_dir_(db_dir),
      index_(open_index(db_dir)) {}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

void Searcher::reopen() {
  // New or merged segments: open the index again. Otherwise the segment
  // handles share the combined database's internals, so one reopen
  // refreshes both. Either way, new documents mean new facet columns.
  try {
    if (!segments_changed(index_, db_dir_)) {
      if (index_.all.reopen()) counter_.reset();
      return;
    }
  } catch (const Xapian::DatabaseError&) {
    // Merged away while being reopened: open the new list below.
  }
  index_ = open_index(db_dir_);
  counter_.reset();
}

FacetCounter& Searcher::counter() {
  if (!counter_) counter_ = std::make_unique<FacetCounter>(index_, resources_->reference.get());
  return *counter_;
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  validate(request);
  BuiltQuery built;
  if (request.related_to.empty()) {
    const QueryContext context{resources_->reference.get(), resources_->synonyms.get()};
    built = QueryBuilder(index_.all, context).build(request.query);
  } else {
    // "More like this": the article's distinctive words and entities replace the query.
    const auto doc = find_article(index_.all, request.related_to);
    if (!doc) throw UserError("no article with id '" + request.related_to + "'");
    built.query = related_query(index_.all, *doc);
    built.parsed = "related to " + request.related_to;
  }
  if (!request.group.empty()) {
    // The copies of one story (a hit's group): a filter, not a ranking change.
    built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                Xapian::Query(schema::story_term(request.group)));
    built.match_all = false;
  }
  const FacetSelection selection = selection_of(request, resources_->reference.get());
  const bool filtered = !empty_selection(selection);
  const bool count_facets = request.facet_size > 0;

  // What decides the order: the query, plus the "about" boost.
  Xapian::Query ranked = built.query;
  if (!built.companies.empty() && request.sort != SortOrder::Date) {
    ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, about_boost(built.companies));
  }
  if (filtered) ranked = counter().filtered(ranked, selection);

  Xapian::Enquire enquire(index_.all);
  enquire.set_query(ranked);
  // The same story from several sources or files shows once, with a count.
  const bool collapse = request.collapse && request.group.empty();
  if (collapse) enquire.set_collapse_key(schema::kStorySlot);
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
  // The exact total (and the facets and "N similar") come from the counter
  // when facets are counted or stories collapsed (Xapian's collapsed totals
  // count stories, and its uncollapsed estimate is not reliable on several
  // databases), so the ranked match may stop early.
  const bool exact_counts = count_facets || collapse;
  const Xapian::doccount check_at_least =
      exact_counts ? 0 : std::max<Xapian::doccount>(first + wanted, 1000);
  Xapian::MSet mset = enquire.get_mset(first, wanted, check_at_least);
  if (!by_date && mset.size() > 0 && mset.get_max_possible() == 0) {
    // Only filters (company:x, date:7d): nothing to rank by, so newest first.
    enquire.set_sort_by_value_then_relevance(schema::kTimeSlot, true);
    mset = enquire.get_mset(first, wanted, check_at_least);
  }

  std::vector<std::pair<Xapian::MSetIterator, double>> ranked_hits;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ranked_hits.emplace_back(it, it.get_weight());
  if (by_recency) {
    const double newest = newest_time(index_.all);
    for (auto& [it, score] : ranked_hits) {
      score = decayed(score, it.get_document(), newest, request.half_life_days);
    }
    std::stable_sort(ranked_hits.begin(), ranked_hits.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    ranked_hits.erase(ranked_hits.begin(),
                      ranked_hits.begin() + std::min(offset, ranked_hits.size()));
    if (ranked_hits.size() > request.size) ranked_hits.resize(request.size);
  }

  SearchResult result;
  result.query = request.query;
  result.parsed = built.parsed;
  result.expansions = built.expansions;
  result.warnings = built.warnings;
  result.page = request.page;
  result.size = request.size;
  // The hits' stories: with facets counted, the same exact pass counts each
  // story's matches, so "N similar" is exact (Xapian's collapse count is a
  // lower bound when the ranked match stops early).
  std::vector<std::string> stories;
  for (const auto& [it, score] : ranked_hits) {
    stories.push_back(it.get_document().get_value(schema::kStorySlot));
  }
  std::vector<std::size_t> story_matches;
  if (exact_counts) {
    FacetCounts counts = counter().count(built.query, selection, request.facet_size,
                                         collapse ? stories : std::vector<std::string>{});
    story_matches = std::move(counts.story_matches);
    result.total = counts.total;  // articles, not collapsed stories
    result.total_exact = true;
    if (count_facets) {
      result.facets = std::move(counts.facets);
      result.dates = std::move(counts.dates);
      for (DateBucket& bucket : result.dates.buckets) to_iso(bucket);
      to_iso(result.dates.earlier);
      to_iso(result.dates.later);
    }
  } else {
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  }
  if (request.related_to.empty() && !request.query.empty()) {
    if (auto suggestion = suggest_spelling(index_.all, request.query)) {
      result.suggestion = std::move(*suggestion);
    }
  }
  const Xapian::Stem stemmer = schema::make_stemmer();
  const text::SnippetTerms snippet_terms(ranked);
  for (std::size_t k = 0; k < ranked_hits.size(); ++k) {
    const auto& [it, score] = ranked_hits[k];
    schema::StoredArticle stored = schema::stored_article(it.get_document());
    Article& article = stored.article;
    Hit hit;
    hit.id = std::move(stored.id);
    hit.title_html =
        text::snippet(mset, article.title, article.title.size() + 16, stemmer,
                      Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "", snippet_terms);
    hit.snippet = text::snippet(mset, one_line(article.body), request.snippet_length, stemmer,
                                kSnippetFlags, "<mark>", "</mark>", "…", snippet_terms);
    hit.title = std::move(article.title);
    hit.url = std::move(article.url);
    hit.source = std::move(article.source);
    hit.published = article.published;
    hit.companies = std::move(article.companies);
    hit.countries = std::move(article.countries);
    hit.topics = std::move(article.topics);
    hit.score = score;
    hit.group = std::move(stories[k]);
    if (collapse && k < story_matches.size() && !hit.group.empty()) {
      hit.similar = std::max<std::size_t>(story_matches[k], 1) - 1;  // the others
    } else if (collapse) {
      hit.similar = it.get_collapse_count();
    }
    result.hits.push_back(std::move(hit));
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace newsdesk::search
