#include "extract/topics.h"

#include <xapian.h>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "schema.h"
#include "text/ascii.h"
#include "text/string_map.h"
#include "text/word_filter.h"

namespace newsdesk::extract {

namespace {

enum class WordKind { Stem, Exact, Prefix };

// One word of a term: matched on its English stem (the default), on its
// folded form exactly ("=ships"), or as a prefix of the folded form ("chip*").
struct WordPattern {
  WordKind kind = WordKind::Stem;
  std::string key;
};

// A word as topics match it: a token of the article (extract/tokens.h, the
// words the company and country extractors read too), with its stem.
struct Word {
  std::string_view folded;  // the token's key
  std::string own_stem;     // the stem, when it differs from `folded`
  std::size_t begin = 0;    // byte span in the original text, for evidence
  std::size_t end = 0;
  std::size_t segment = 0;  // phrases never cross a sentence or paragraph end
  [[nodiscard]] std::string_view stem() const { return own_stem.empty() ? folded : own_stem; }
};

bool has_letter(std::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return text::is_ascii_alpha(static_cast<unsigned char>(c)); });
}

// The first two bytes of a word, as an index into a 64 Kibit set.
std::size_t two_bytes(std::string_view word) {
  const auto first = word.empty() ? 0U : static_cast<unsigned char>(word[0]);
  const auto second = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0U;
  return first << 8U | second;
}

// The words of `text` from its `tokens` (views into their keys: keep the
// tokens). A possessive "'s" is no word ("Apple's" is "Apple"). A sentence
// end (. ! ? ; : before a space) or a blank line starts a new segment, so
// that a phrase never spans two sentences.
//
// `stem_starts`, when given, holds the first two bytes of every stem the
// taxonomy knows: a word starting otherwise cannot match one (Snowball keeps
// the first two letters), so it is not stemmed. Stemming is most of the work.
std::vector<Word> topic_words(std::string_view text, std::span<const Token> tokens,
                              const Xapian::Stem& stemmer,
                              const std::bitset<65536>* stem_starts = nullptr) {
  std::vector<Word> words;
  words.reserve(tokens.size());
  std::size_t segment = 0;
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const std::string_view gap = text.substr(previous_end, token.begin - previous_end);
    previous_end = token.end;
    if (i > 0 && token.key == "s" && (gap == "'" || gap == "\xE2\x80\x99")) continue;
    for (std::size_t k = 0; k + 1 < gap.size(); ++k) {
      const char c = gap[k];
      const char next = gap[k + 1];
      if (((c == '.' || c == '!' || c == '?' || c == ';' || c == ':') &&
           text::is_ascii_space(static_cast<unsigned char>(next))) ||
          (c == '\n' && next == '\n')) {
        ++segment;
      }
    }
    Word& word = words.emplace_back();
    word.folded = token.key;
    word.begin = token.begin;
    word.end = token.end;
    word.segment = segment;
    // Snowball leaves words under three letters alone; numbers never stem.
    if (word.folded.size() < 3 || !has_letter(word.folded) ||
        (stem_starts && !stem_starts->test(two_bytes(word.folded)))) {
      continue;
    }
    std::string stem = stemmer(token.key);
    if (stem != token.key) word.own_stem = std::move(stem);
  }
  return words;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

bool is_slug(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool parse_number(std::string_view text, double* value) {
  const std::string s = trim(text);
  if (s.empty()) return false;
  char* end = nullptr;
  *value = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

struct Entry {
  std::vector<WordPattern> words;
  std::size_t topic = 0;
  std::size_t term = 0;  // index into TopicInfo::terms
  double weight = 0;
};

// Between two terms of one length matching at one place, the more exact one
// wins: "=trading" (weight 0) overrides "trade", which stems alike.
int specificity(const Entry& entry) {
  int total = 0;
  for (const auto& w : entry.words) {
    total += w.kind == WordKind::Exact ? 2 : w.kind == WordKind::Stem ? 1 : 0;
  }
  return total;
}

bool word_matches(const WordPattern& p, const Word& t) {
  switch (p.kind) {
    case WordKind::Stem:
      return t.stem() == p.key;
    case WordKind::Exact:
      return t.folded == p.key;
    case WordKind::Prefix:
      return t.folded.starts_with(p.key);
  }
  return false;
}

}  // namespace

struct Taxonomy::Tables {
  std::vector<TopicInfo> topics;
  text::StringMap<std::size_t> topic_index;
  std::vector<Entry> entries;
  // First word of an entry -> entries starting with it, one map per kind.
  text::StringMap<std::vector<std::size_t>> by_stem;
  text::StringMap<std::vector<std::size_t>> by_exact;
  text::StringMap<std::vector<std::size_t>> by_prefix;
  std::vector<std::size_t> prefix_lengths;  // distinct key lengths in by_prefix
  std::bitset<65536> stem_starts;           // see topic_words()
  // What each map can find: most words of an article are certainly not in
  // it, and need no look-up there.
  text::WordFilter stem_keys, exact_keys;
  std::bitset<65536> prefix_starts;  // two_bytes() of by_prefix's keys
  double title_weight = 3;
  int max_mentions = 3;
  double body_length = 0;  // 0 = no length normalisation
};

namespace {

class Parser {
 public:
  explicit Parser(std::string_view origin) : origin_(origin), stemmer_("english") {}

  void line(std::size_t number, std::string_view raw) {
    number_ = number;
    const std::string text = trim(strip_comment(raw));
    if (text.empty()) return;
    // An indented line continues the term list above it, with its weight.
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (indented && continuing_) return term_list(continued_weight_, text);
    continuing_ = false;
    if (text.front() == '[') return header(text);
    const auto colon = text.find(':');
    const auto equals = text.find('=');
    if (equals != std::string::npos && (colon == std::string::npos || equals < colon)) {
      return setting(trim(std::string_view(text).substr(0, equals)),
                     std::string_view(text).substr(equals + 1));
    }
    if (colon != std::string::npos) {
      return terms(std::string_view(text).substr(0, colon),
                   std::string_view(text).substr(colon + 1));
    }
    fail("expected '[topic-id] Name', 'setting = value' or 'weight: terms'");
  }

  std::shared_ptr<const Taxonomy::Tables> finish() {
    if (tables_->topics.empty()) {
      number_ = 0;
      throw std::runtime_error(origin_ + ": no topics");
    }
    for (auto& topic : tables_->topics) {
      if (!topic_has_threshold_[&topic - tables_->topics.data()]) {
        topic.threshold = default_threshold_;
      }
    }
    std::unordered_set<std::size_t> lengths;
    for (const auto& [key, ids] : tables_->by_prefix) {
      lengths.insert(key.size());
      if (key.size() >= 2) {
        tables_->prefix_starts.set(two_bytes(key));
      } else if (key.empty()) {
        tables_->prefix_starts.set();
      } else {
        for (std::size_t second = 0; second < 256; ++second) {
          tables_->prefix_starts.set(two_bytes(key) | second);  // any byte may follow
        }
      }
    }
    for (const auto& [key, ids] : tables_->by_stem) tables_->stem_keys.add(key);
    for (const auto& [key, ids] : tables_->by_exact) tables_->exact_keys.add(key);
    tables_->prefix_lengths.assign(lengths.begin(), lengths.end());
    std::sort(tables_->prefix_lengths.begin(), tables_->prefix_lengths.end());
    return tables_;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw std::runtime_error(origin_ + ":" + std::to_string(number_) + ": " + message);
  }

  static std::string_view strip_comment(std::string_view s) {
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '"') quoted = !quoted;
      if (s[i] == '#' && !quoted) return s.substr(0, i);
    }
    return s;
  }

  void header(const std::string& text) {
    const auto close = text.find(']');
    if (close == std::string::npos) fail("topic header without ']'");
    const std::string id = trim(std::string_view(text).substr(1, close - 1));
    if (!is_slug(id)) fail("topic id '" + id + "' is not a lower-case slug (a-z, 0-9, '-')");
    if (tables_->topic_index.count(id)) fail("topic '" + id + "' defined twice");
    TopicInfo topic;
    topic.id = id;
    topic.name = trim(std::string_view(text).substr(close + 1));
    if (topic.name.empty()) topic.name = id;
    tables_->topic_index.emplace(id, tables_->topics.size());
    tables_->topics.push_back(std::move(topic));
    topic_has_threshold_.push_back(false);
    seen_terms_.clear();
  }

  void setting(const std::string& key, std::string_view value_text) {
    double value = 0;
    if (!parse_number(value_text, &value)) {
      fail("'" + key + "' needs a number, not '" + trim(value_text) + "'");
    }
    const bool in_topic = !tables_->topics.empty();
    if (key == "threshold") {
      if (value <= 0) fail("threshold must be above 0");
      if (in_topic) {
        tables_->topics.back().threshold = value;
        topic_has_threshold_.back() = true;
      } else {
        default_threshold_ = value;
      }
    } else if (key == "title_weight" && !in_topic) {
      if (value < 0) fail("title_weight must not be negative");
      tables_->title_weight = value;
    } else if (key == "max_mentions" && !in_topic) {
      if (value < 1 || value != static_cast<int>(value))
        fail("max_mentions must be a whole number >= 1");
      tables_->max_mentions = static_cast<int>(value);
    } else if (key == "body_length" && !in_topic) {
      if (value < 0) fail("body_length must not be negative");
      tables_->body_length = value;
    } else if (key == "title_weight" || key == "max_mentions" || key == "body_length") {
      fail("'" + key + "' is a global setting: put it before the first topic");
    } else {
      fail("unknown setting '" + key + "' (threshold, title_weight, max_mentions, body_length)");
    }
  }

  void terms(std::string_view weight_text, std::string_view list) {
    if (tables_->topics.empty()) fail("terms before the first '[topic-id] Name' header");
    double weight = 0;
    if (!parse_number(weight_text, &weight)) {
      fail("expected 'weight: terms', and '" + trim(weight_text) + "' is not a number");
    }
    term_list(weight, list);
    continuing_ = true;
    continued_weight_ = weight;
  }

  void term_list(double weight, std::string_view list) {
    std::size_t added = 0;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= list.size(); ++i) {
      if (i < list.size() && list[i] == '"') quoted = !quoted;
      if (i == list.size() || (list[i] == ',' && !quoted)) {
        std::string term = trim(list.substr(start, i - start));
        if (!term.empty()) {
          add_term(term, weight);
          ++added;
        }
        start = i + 1;
      }
    }
    if (quoted) fail("unmatched '\"'");
    if (added == 0) fail("no terms after the weight");
  }

  void add_term(std::string term, double weight) {
    const std::string as_written = term;
    if (term.size() >= 2 && term.front() == '"' && term.back() == '"') {
      term = trim(std::string_view(term).substr(1, term.size() - 2));
    }
    if (term.find('"') != std::string::npos) fail("stray '\"' in term " + as_written);
    std::vector<WordPattern> words;
    std::istringstream pieces(term);
    std::string piece;
    while (pieces >> piece) {
      WordKind kind = WordKind::Stem;
      if (piece.front() == '=') {
        kind = WordKind::Exact;
        piece.erase(0, 1);
      }
      if (!piece.empty() && piece.back() == '*') {
        if (kind == WordKind::Exact) fail("'=' and '*' cannot be combined: " + as_written);
        kind = WordKind::Prefix;
        piece.pop_back();
      }
      std::vector<Token> tokens;
      tokenize(piece, 1, tokens);
      const std::vector<Word> piece_words = topic_words(piece, tokens, stemmer_);
      if (piece_words.empty()) fail("no word in " + as_written);
      if (kind != WordKind::Stem && piece_words.size() != 1) {
        fail("'=' and '*' apply to single words: " + as_written);
      }
      for (const Word& w : piece_words) {
        if (kind == WordKind::Stem) tables_->stem_starts.set(two_bytes(w.stem()));
        words.push_back({kind, std::string(kind == WordKind::Stem ? w.stem() : w.folded)});
      }
    }
    if (words.empty()) fail("empty term");
    std::string key;
    for (const auto& w : words) key += std::to_string(static_cast<int>(w.kind)) + w.key + ' ';
    if (!seen_terms_.insert(key).second) {
      fail("term " + as_written + " is listed twice in this topic (after stemming)");
    }
    auto& topic = tables_->topics.back();
    Entry entry;
    entry.topic = tables_->topics.size() - 1;
    entry.term = topic.terms.size();
    entry.weight = weight;
    entry.words = std::move(words);
    topic.terms.push_back({as_written, weight});
    const auto id = tables_->entries.size();
    const auto& first = entry.words.front();
    auto& map = first.kind == WordKind::Stem    ? tables_->by_stem
                : first.kind == WordKind::Exact ? tables_->by_exact
                                                : tables_->by_prefix;
    map[first.key].push_back(id);
    tables_->entries.push_back(std::move(entry));
  }

  std::string origin_;
  std::size_t number_ = 0;
  Xapian::Stem stemmer_;
  std::shared_ptr<Taxonomy::Tables> tables_ = std::make_shared<Taxonomy::Tables>();
  std::vector<bool> topic_has_threshold_;
  double default_threshold_ = 3;
  std::unordered_set<std::string> seen_terms_;  // of the current topic
  bool continuing_ = false;                     // the line before was a term list
  double continued_weight_ = 0;
};

struct Mentions {
  int title = 0;
  int body = 0;
  std::string_view evidence;  // first mention, title preferred
};

// Counts, per entry, the mentions in one text. Within a topic the longest
// entry matching at a position wins and the words it covers are not counted
// again, so "palm oil" listed at weight 0 keeps "oil" from counting.
void count_mentions(const Taxonomy::Tables& tables, std::string_view text,
                    const std::vector<Word>& tokens, bool title, std::vector<Mentions>& mentions,
                    std::vector<std::size_t>& touched) {
  std::vector<std::size_t> covered_until(tables.topics.size(), 0);
  std::vector<std::size_t> candidates;
  // Best (longest) match per topic at the current position: topic -> (entry, length).
  std::vector<std::pair<std::size_t, std::size_t>> best;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Word& token = tokens[i];
    candidates.clear();
    auto add = [&](const auto& map, std::string_view key) {
      const auto it = map.find(key);
      if (it != map.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    if (tables.stem_keys.may_contain(token.stem())) add(tables.by_stem, token.stem());
    if (tables.exact_keys.may_contain(token.folded)) add(tables.by_exact, token.folded);
    if (tables.prefix_starts.test(two_bytes(token.folded))) {
      for (const std::size_t length : tables.prefix_lengths) {
        if (length > token.folded.size()) break;
        add(tables.by_prefix, token.folded.substr(0, length));
      }
    }
    if (candidates.empty()) continue;
    best.clear();
    for (const std::size_t id : candidates) {
      const Entry& entry = tables.entries[id];
      if (i < covered_until[entry.topic]) continue;
      const std::size_t length = entry.words.size();
      if (i + length > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < length && match; ++k) {
        const Word& next = tokens[i + k];
        match = next.segment == token.segment && word_matches(entry.words[k], next);
      }
      if (!match) continue;
      auto found = std::find_if(best.begin(), best.end(), [&](const auto& b) {
        return tables.entries[b.first].topic == entry.topic;
      });
      if (found == best.end()) {
        best.emplace_back(id, length);
      } else if (length > found->second ||
                 (length == found->second &&
                  specificity(entry) > specificity(tables.entries[found->first]))) {
        *found = {id, length};
      }
    }
    for (const auto& [id, length] : best) {
      const Entry& entry = tables.entries[id];
      covered_until[entry.topic] = i + length;
      Mentions& m = mentions[id];
      if (m.title == 0 && m.body == 0) touched.push_back(id);
      (title ? m.title : m.body) += 1;
      if (m.evidence.empty() || (title && m.title == 1)) {
        const Word& last = tokens[i + length - 1];
        m.evidence = text.substr(token.begin, last.end - token.begin);
      }
    }
  }
}

}  // namespace

Taxonomy Taxonomy::parse(std::string_view text, std::string_view origin) {
  Parser parser(origin);
  std::size_t number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    parser.line(++number, text.substr(start, end - start));
    start = end + 1;
  }
  Taxonomy taxonomy;
  taxonomy.tables_ = parser.finish();
  return taxonomy;
}

Taxonomy Taxonomy::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read taxonomy file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw std::runtime_error(file.string() + ": cannot read taxonomy file");
  return parse(content.str(), file.string());
}

const std::vector<TopicInfo>& Taxonomy::topics() const {
  return tables_->topics;
}

const TopicInfo* Taxonomy::find(std::string_view id) const {
  const auto it = tables_->topic_index.find(id);
  return it == tables_->topic_index.end() ? nullptr : &tables_->topics[it->second];
}

std::vector<FacetTag> classify_topics(const Taxonomy& taxonomy, const Article& article) {
  return classify_topics(taxonomy, article, tokenize_article(article));
}

std::vector<FacetTag> classify_topics(const Taxonomy& taxonomy, const Article& article,
                                      std::span<const Token> tokens) {
  const Taxonomy::Tables& tables = *taxonomy.tables_;
  const Xapian::Stem& stemmer = schema::thread_stemmer();
  std::vector<Mentions> mentions(tables.entries.size());
  std::vector<std::size_t> touched;
  const auto body_start = static_cast<std::size_t>(
      std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.segment != 0; }) -
      tokens.begin());
  count_mentions(tables, article.title,
                 topic_words(article.title, tokens.first(body_start), stemmer, &tables.stem_starts),
                 true, mentions, touched);
  const std::vector<Word> body =
      topic_words(article.body, tokens.subspan(body_start), stemmer, &tables.stem_starts);
  count_mentions(tables, article.body, body, false, mentions, touched);
  // A long article mentions many things in passing: past body_length words,
  // body mentions count less (by the square root of the excess).
  double body_scale = 1;
  if (tables.body_length > 0 && static_cast<double>(body.size()) > tables.body_length) {
    body_scale = std::sqrt(tables.body_length / static_cast<double>(body.size()));
  }

  std::vector<double> scores(tables.topics.size(), 0);
  // (contribution, entry) per topic, for the evidence
  std::vector<std::vector<std::pair<double, std::size_t>>> fired(tables.topics.size());
  for (const std::size_t id : touched) {
    const Entry& entry = tables.entries[id];
    const Mentions& m = mentions[id];
    const double contribution = entry.weight * ((m.title > 0 ? tables.title_weight : 0) +
                                                body_scale * std::min(m.body, tables.max_mentions));
    scores[entry.topic] += contribution;
    if (contribution > 0) fired[entry.topic].emplace_back(contribution, id);
  }

  std::vector<FacetTag> tags;
  for (std::size_t t = 0; t < tables.topics.size(); ++t) {
    if (scores[t] < tables.topics[t].threshold) continue;
    FacetTag tag;
    tag.key = tables.topics[t].id;
    tag.score = scores[t];
    auto& f = fired[t];
    std::stable_sort(f.begin(), f.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [contribution, id] : f) {
      std::string evidence(mentions[id].evidence);
      if (std::find(tag.evidence.begin(), tag.evidence.end(), evidence) == tag.evidence.end()) {
        tag.evidence.push_back(std::move(evidence));
      }
    }
    tags.push_back(std::move(tag));
  }
  std::stable_sort(tags.begin(), tags.end(),
                   [](const FacetTag& a, const FacetTag& b) { return a.score > b.score; });
  return tags;
}

}  // namespace newsdesk::extract
