// The topic taxonomy (data/taxonomy.txt, or the file given with --taxonomy)
// and the classifier that tags an article with every topic it scores over.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "extract/facet_tag.h"
#include "extract/tokens.h"

namespace newsdesk::extract {

// One weighted word or phrase of a topic, as written in the taxonomy file.
struct TopicTerm {
  std::string text;  // "net income", "semiconduct*", "=ships"
  double weight = 0;
};

struct TopicInfo {
  std::string id;    // lower-case slug, the facet key: "mergers-acquisitions"
  std::string name;  // display name: "Mergers & acquisitions"
  double threshold = 0;
  std::vector<TopicTerm> terms;
};

// A parsed taxonomy with its lookup tables built. The format is documented at
// the top of data/taxonomy.txt. Immutable once loaded: any number of threads
// may call classify_topics() on one Taxonomy at the same time. Cheap to copy
// (the tables are shared).
class Taxonomy {
 public:
  // Reads and parses a taxonomy file. Throws std::runtime_error: "file: cannot
  // read" when it cannot be read, "file:line: message" for a malformed line.
  static Taxonomy load(const std::filesystem::path& file);
  // Parses taxonomy text; `origin` names it in error messages ("origin:line: ...").
  static Taxonomy parse(std::string_view text, std::string_view origin);

  // In file order.
  [[nodiscard]] const std::vector<TopicInfo>& topics() const;
  // The topic with this id, or nullptr.
  [[nodiscard]] const TopicInfo* find(std::string_view id) const;

  struct Tables;  // the hash maps built at load (defined in topics.cpp)

 private:
  std::shared_ptr<const Tables> tables_;
  friend std::vector<FacetTag> classify_topics(const Taxonomy&, const Article&,
                                               std::span<const Token>);
};

// Every topic whose score reaches its threshold, highest score first (ties by
// file order). key = topic id, score = the topic's score, evidence = the words
// and phrases that counted for it, as written in the article, strongest first.
// Reads title and body only. Thread-safe; never throws except std::bad_alloc.
std::vector<FacetTag> classify_topics(const Taxonomy& taxonomy, const Article& article);
// The same with the article's tokens (tokenize_article), when the caller has
// them already.
std::vector<FacetTag> classify_topics(const Taxonomy& taxonomy, const Article& article,
                                      std::span<const Token> tokens);

}  // namespace newsdesk::extract
