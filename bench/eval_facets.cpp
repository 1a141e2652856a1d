// Evaluates facet extraction on Reuters-21578 against the collection's own
// labels: PLACES (mapped to ISO codes by bench/eval/reuters_places.tsv) for
// countries, TOPICS (mapped to our taxonomy by bench/eval/reuters_topics.tsv)
// for topics over the ten most frequent Reuters topics. Prints micro
// precision/recall/F1, per-label figures and the worst confusions.
//
//   newsdesk-eval-facets [REUTERS_DIR]   (default: ../shared/corpora/reuters21578)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "extract/companies.h"
#include "extract/countries.h"
#include "extract/topics.h"
#include "ingest/reuters_sgml.h"

namespace {

using namespace newsdesk;
using Labels = std::set<std::string>;

std::map<std::string, std::string> load_mapping(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::map<std::string, std::string> mapping;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string from, to;
    std::getline(fields, from, '\t');
    std::getline(fields, to, '\t');
    if (!from.empty()) mapping[from] = to;
  }
  return mapping;
}

// Counts for micro and per-label figures, and which gold label was missed
// where which wrong one was predicted.
class Scores {
 public:
  void add(const Labels& gold, const Labels& predicted) {
    Labels missed, spurious;
    for (const auto& g : gold) {
      if (predicted.count(g)) {
        ++per_label_[g].tp;
      } else {
        ++per_label_[g].fn;
        missed.insert(g);
      }
    }
    for (const auto& p : predicted) {
      if (!gold.count(p)) {
        ++per_label_[p].fp;
        spurious.insert(p);
      }
    }
    for (const auto& m : missed) {
      if (spurious.empty()) ++confusions_[m + " -> (nothing)"];
      for (const auto& s : spurious) ++confusions_[m + " -> " + s];
    }
    if (missed.empty()) {
      for (const auto& s : spurious) ++confusions_["(none) -> " + s];
    }
    ++articles_;
  }

  void print(const std::string& title, std::size_t labels_shown) const {
    std::size_t tp = 0, fp = 0, fn = 0;
    for (const auto& [label, c] : per_label_) {
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    std::printf("\n== %s: %zu articles\n", title.c_str(), articles_);
    print_row("micro", tp, fp, fn);
    std::vector<std::pair<std::string, Count>> labels(per_label_.begin(), per_label_.end());
    std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) {
      return a.second.tp + a.second.fn > b.second.tp + b.second.fn;
    });
    std::printf("per label (by gold count):\n");
    for (std::size_t i = 0; i < labels.size() && i < labels_shown; ++i) {
      print_row(labels[i].first, labels[i].second.tp, labels[i].second.fp, labels[i].second.fn);
    }
    std::vector<std::pair<std::string, std::size_t>> worst(confusions_.begin(), confusions_.end());
    std::sort(worst.begin(), worst.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    std::printf("20 worst confusions (gold -> predicted):\n");
    for (std::size_t i = 0; i < worst.size() && i < 20; ++i) {
      std::printf("  %6zu  %s\n", worst[i].second, worst[i].first.c_str());
    }
  }

 private:
  struct Count {
    std::size_t tp = 0, fp = 0, fn = 0;
  };
  static void print_row(const std::string& label, std::size_t tp, std::size_t fp, std::size_t fn) {
    const double p = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
    const double r = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
    const double f = 2.0 * static_cast<double>(tp) /
                     static_cast<double>(std::max<std::size_t>(1, 2 * tp + fp + fn));
    std::printf("  %-24s P %.3f  R %.3f  F1 %.3f   (tp %zu, fp %zu, fn %zu)\n", label.c_str(), p, r,
                f, tp, fp, fn);
  }
  std::map<std::string, Count> per_label_;
  std::map<std::string, std::size_t> confusions_;
  std::size_t articles_ = 0;
};

}  // namespace

int main(int argc, char* argv[]) try {
  const std::filesystem::path source = NEWSDESK_SOURCE_DIR;
  const std::filesystem::path reuters = argc > 1
                                            ? std::filesystem::path(argv[1])
                                            : source.parent_path() / "shared/corpora/reuters21578";
  if (!std::filesystem::exists(reuters)) {
    std::cout << "skipped: " << reuters.string() << " is absent\n";
    return 0;
  }
  const auto companies = extract::CompanyDirectory::load({source / "data/companies.tsv"});
  const auto countries = extract::CountryDirectory::load(source / "data/countries.tsv");
  const auto taxonomy = extract::Taxonomy::load(source / "data/taxonomy.txt");
  const auto places = load_mapping(source / "bench/eval/reuters_places.tsv");
  const auto topic_map = load_mapping(source / "bench/eval/reuters_topics.tsv");
  const std::set<std::string> kTopTen = {"earn",  "acq",      "money-fx", "grain", "crude",
                                         "trade", "interest", "ship",     "wheat", "corn"};
  Labels evaluated_topics;  // our ids that the ten map to
  for (const auto& code : kTopTen) {
    if (topic_map.count(code)) evaluated_topics.insert(topic_map.at(code));
  }

  Scores country_scores, topic_scores;
  std::size_t articles = 0, with_company = 0;
  double seconds = 0;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(reuters)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    ingest::read_reuters_sgml(
        in, file.string(),
        [&](Article&& article) {
          ++articles;
          const auto start = std::chrono::steady_clock::now();
          const auto tokens = extract::tokenize_article(article);
          const auto company_tags = extract::extract_companies(companies, article, tokens);
          const auto country_tags =
              extract::extract_countries(countries, companies, article, company_tags, tokens);
          const auto topic_tags = extract::classify_topics(taxonomy, article, tokens);
          seconds +=
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          if (!company_tags.empty()) ++with_company;

          Labels gold_countries, predicted_countries;
          for (const auto& place : article.reference_places) {
            if (places.count(place) && !places.at(place).empty())
              gold_countries.insert(places.at(place));
          }
          for (const auto& tag : country_tags) predicted_countries.insert(tag.key);
          if (!gold_countries.empty()) country_scores.add(gold_countries, predicted_countries);

          Labels gold_topics, predicted_topics;
          bool labelled = false;
          for (const auto& code : article.reference_topics) {
            labelled = true;
            if (kTopTen.count(code) && topic_map.count(code))
              gold_topics.insert(topic_map.at(code));
          }
          for (const auto& tag : topic_tags) {
            if (evaluated_topics.count(tag.key)) predicted_topics.insert(tag.key);
          }
          if (labelled) topic_scores.add(gold_topics, predicted_topics);
        },
        [](const ingest::Problem&) {});
  }
  std::printf(
      "Reuters-21578: %zu articles; extraction %.2f s (%.0f articles/s, one thread); "
      "%zu articles with a company\n",
      articles, seconds, static_cast<double>(articles) / seconds, with_company);
  country_scores.print("country (articles with PLACES labels; target micro-F1 >= 0.90)", 25);
  topic_scores.print(
      "topic, ten most frequent Reuters topics (articles with TOPICS labels; "
      "target micro-F1 >= 0.85)",
      12);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-eval-facets: " << e.what() << "\n";
  return 1;
}
