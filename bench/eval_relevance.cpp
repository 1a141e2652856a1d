// Ranking quality on the bundled corpus: runs every judged query of
// bench/relevance/judgments.tsv through the in-process Searcher (top 10),
// maps each hit to a judged title (exact title; unjudged = grade 0) and
// prints per-query nDCG@10 and reciprocal rank, and their means.
//
//   newsdesk-eval-relevance --db DIR [--judgments FILE] [--relevant GRADE] [--json]
//
// Grades are 0-3 (3 squarely about the query, 2 substantially relevant,
// 1 marginal, unlisted 0).
//   nDCG@10: gain 2^grade - 1, discount log2(rank + 1); the ideal ranking is
//            every judged title of the query, best grade first.
//   RR:      1 / rank of the first hit whose grade is >= --relevant (default 2),
//            0 if none of the top 10 is.
// A judged title that matches no article of the index is an error (a typo
// would silently lower the score): they are listed and the exit code is 1.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "extract/tsv_file.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/searcher.h"
#include "text/normalize.h"

namespace {

using namespace newsdesk;

constexpr std::size_t kDepth = 10;

struct JudgedQuery {
  std::string query;
  std::map<std::string, int> grades;  // title as the indexer stores it -> grade
};

struct Options {
  std::filesystem::path db;
  std::filesystem::path judgments =
      std::filesystem::path(NEWSDESK_SOURCE_DIR) / "bench/relevance/judgments.tsv";
  int relevant = 2;
  bool json = false;
};

// Queries in the order of their first line. Titles are compared as the
// indexer stores them (text::clean_line: NFKC, whitespace folded), so a
// full-width comma in a judged Chinese title still matches exactly;
// `normalised` collects the judged titles that this changed.
std::vector<JudgedQuery> load_judgments(const std::filesystem::path& file,
                                        std::set<std::string>& normalised) {
  std::vector<JudgedQuery> queries;
  std::map<std::string, std::size_t> index;
  extract::read_tsv(file, "relevance judgments", 3,
                    [&](const std::vector<std::string>& cols, const extract::TsvFail& fail) {
                      const std::string& grade = cols[2];
                      if (grade.size() != 1 || grade[0] < '0' || grade[0] > '3') {
                        fail("grade must be 0, 1, 2 or 3, not \"" + grade + "\"");
                      }
                      auto [it, added] = index.emplace(cols[0], queries.size());
                      if (added) queries.push_back({cols[0], {}});
                      auto& grades = queries[it->second].grades;
                      const std::string title = text::clean_line(cols[1]);
                      if (title != cols[1]) normalised.insert(cols[1]);
                      if (!grades.emplace(title, grade[0] - '0').second) {
                        fail("title judged twice for this query: " + cols[1]);
                      }
                    });
  return queries;
}

// Every title in the index, with how many articles carry it.
std::map<std::string, std::size_t> index_titles(const std::filesystem::path& db_dir) {
  const Xapian::Database db = search::open_index(db_dir).all;
  std::map<std::string, std::size_t> titles;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    ++titles[schema::stored_article(db.get_document(*it)).article.title];
  }
  return titles;
}

double dcg(const std::vector<int>& grades) {
  double sum = 0;
  for (std::size_t i = 0; i < grades.size() && i < kDepth; ++i) {
    sum += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  return sum;
}

struct QueryScore {
  std::string query;
  double ndcg = 0;
  double rr = 0;
  std::size_t judged = 0;           // titles judged for the query
  std::size_t found = 0;            // of them, in the top 10
  std::size_t total = 0;            // matching articles
  std::vector<int> ranked_grades;   // grade of each hit, in rank order
  std::vector<std::string> missed;  // judged >= relevant, not in the top 10
};

QueryScore score(search::Searcher& searcher, const JudgedQuery& judged, int relevant) {
  QueryScore s;
  s.query = judged.query;
  s.judged = judged.grades.size();
  search::SearchRequest request;
  request.query = judged.query;
  request.size = kDepth;
  const search::SearchResult result = searcher.search(request);
  s.total = result.total;

  std::set<std::string> seen;  // a title counts once (duplicate stories share titles)
  for (const search::Hit& hit : result.hits) {
    const auto it = judged.grades.find(hit.title);
    const bool first = seen.insert(hit.title).second;
    const int grade = it != judged.grades.end() && first ? it->second : 0;
    if (it != judged.grades.end() && first) ++s.found;
    s.ranked_grades.push_back(grade);
    if (s.rr == 0 && grade >= relevant) s.rr = 1.0 / static_cast<double>(s.ranked_grades.size());
  }
  std::vector<int> ideal;
  for (const auto& [title, grade] : judged.grades) {
    ideal.push_back(grade);
    if (grade >= relevant && !seen.count(title)) s.missed.push_back(title);
  }
  std::sort(ideal.rbegin(), ideal.rend());
  const double best = dcg(ideal);
  s.ndcg = best > 0 ? dcg(s.ranked_grades) / best : 0;
  return s;
}

Options parse_options(int argc, char* argv[]) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--db") {
      options.db = value();
    } else if (arg == "--judgments") {
      options.judgments = value();
    } else if (arg == "--relevant") {
      options.relevant = std::stoi(value());
      if (options.relevant < 1 || options.relevant > 3) {
        throw std::invalid_argument("--relevant must be 1, 2 or 3");
      }
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: newsdesk-eval-relevance --db DIR [--judgments FILE] [--relevant GRADE]"
                   " [--json]\n";
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg + " (see --help)");
    }
  }
  if (options.db.empty()) throw std::invalid_argument("--db DIR is required");
  return options;
}

std::string grades_string(const std::vector<int>& grades) {
  std::string out;
  for (const int g : grades) out += g > 0 ? static_cast<char>('0' + g) : '.';
  return out;
}

}  // namespace

int main(int argc, char* argv[]) try {
  const Options options = parse_options(argc, argv);
  std::set<std::string> normalised;
  const std::vector<JudgedQuery> queries = load_judgments(options.judgments, normalised);
  const auto titles = index_titles(options.db);

  // Judged titles that no article carries, with a hint when they match after
  // case/accent folding.
  std::map<std::string, std::string> errors;  // title -> hint
  for (const JudgedQuery& q : queries) {
    for (const auto& [title, grade] : q.grades) {
      if (titles.count(title) || errors.count(title)) continue;
      std::string hint;
      for (const auto& [indexed, count] : titles) {
        if (text::fold(indexed) == text::fold(title)) hint = indexed;
      }
      errors[title] = hint;
    }
  }

  search::Searcher searcher(options.db);
  std::vector<QueryScore> scores;
  double ndcg_sum = 0, rr_sum = 0;
  for (const JudgedQuery& q : queries) {
    scores.push_back(score(searcher, q, options.relevant));
    ndcg_sum += scores.back().ndcg;
    rr_sum += scores.back().rr;
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, scores.size()));

  if (options.json) {
    nlohmann::ordered_json out;
    out["articles"] = searcher.document_count();
    out["queries"] = scores.size();
    out["ndcg_at_10"] = ndcg_sum / n;
    out["mrr"] = rr_sum / n;
    out["relevant_grade"] = options.relevant;
    out["per_query"] = nlohmann::ordered_json::array();
    for (const QueryScore& s : scores) {
      out["per_query"].push_back({{"query", s.query},
                                  {"ndcg_at_10", s.ndcg},
                                  {"rr", s.rr},
                                  {"judged", s.judged},
                                  {"judged_in_top_10", s.found},
                                  {"total", s.total},
                                  {"grades", s.ranked_grades},
                                  {"relevant_missed", s.missed}});
    }
    out["normalised_titles"] = normalised;
    out["unknown_titles"] = nlohmann::ordered_json::array();
    for (const auto& [title, hint] : errors) out["unknown_titles"].push_back(title);
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::printf("%-36s %7s %5s %7s %7s  %s\n", "query", "nDCG@10", "RR", "judged", "matches",
                "grades of the top 10 (. = unjudged)");
    for (const QueryScore& s : scores) {
      std::printf("%-36.36s %7.3f %5.2f %3zu/%-3zu %7zu  %s\n", s.query.c_str(), s.ndcg, s.rr,
                  s.found, s.judged, s.total, grades_string(s.ranked_grades).c_str());
    }
    for (const auto& [title, hint] : errors) {
      std::printf("error: judged title matches no article: \"%s\"%s\n", title.c_str(),
                  hint.empty() ? "" : (" (did you mean \"" + hint + "\"?)").c_str());
    }
    for (const std::string& title : normalised) {
      std::printf("note: judged title matched as the indexer normalises it (NFKC): \"%s\"\n",
                  title.c_str());
    }
    std::printf("relevant = grade >= %d; judged = judged titles in the top 10 / judged titles\n",
                options.relevant);
    std::printf("nDCG@10 %.3f  MRR %.3f  (%zu queries)\n", ndcg_sum / n, rr_sum / n, scores.size());
  }
  return errors.empty() ? 0 : 1;
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdesk-eval-relevance: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-eval-relevance: " << e.what() << "\n";
  return 1;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdesk-eval-relevance: " << e.get_description() << "\n";
  return 1;
}
