// Query synonyms: "AI" = "artificial intelligence", "M&A" = "merger". Read
// from synonym files (data/synonyms.txt, whose header documents the format,
// plus any files a user adds) and compiled into the terms the index holds.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdesk::search {

// The terms the indexer stores for plain text, in order: prepare_for_terms,
// then Xapian's word splitting, lower case and English stemming (STEM_ALL),
// without prefix. "Artificial Intelligence" -> {"artifici", "intellig"},
// "M&A" -> {"m&a"}, "$AAPL" -> {"aapl"}, "9988.HK" -> {"9988", "hk"}.
std::vector<std::string> word_terms(std::string_view text);

// One word or phrase of a synonym group.
struct SynonymEntry {
  std::string text;                // as written in the file: "artificial intelligence"
  std::vector<std::string> terms;  // word_terms(text)
};

// Immutable once loaded: any number of threads may use one at the same time.
class Synonyms {
 public:
  Synonyms() = default;

  // Reads synonym files in order; a later file adds to the earlier ones (a
  // group sharing a word or phrase with an earlier group joins it). Throws
  // std::runtime_error "file: cannot read" or "file:line: message".
  static Synonyms load(const std::vector<std::filesystem::path>& files);
  // The built-in file (data/synonyms.txt) followed by `extra` files.
  static Synonyms load_default(const std::vector<std::filesystem::path>& extra = {});
  static std::filesystem::path default_file();
  // Parses synonym text; `origin` names it in error messages.
  static Synonyms parse(std::string_view text, std::string_view origin);

  // Adds the groups of `text` (in the file format) to these synonyms. Throws
  // std::runtime_error "origin:line: message" and then changes nothing.
  void add(std::string_view text, std::string_view origin);

  // What a query for `terms` (word_terms of a word or phrase) also finds:
  // the other entries of its groups; nullopt if it has no synonyms. The
  // pointers are valid while this object lives unchanged.
  struct Match {
    const SynonymEntry* entry = nullptr;            // the entry `terms` equals
    std::vector<const SynonymEntry*> alternatives;  // in file order, never `entry` itself
  };
  [[nodiscard]] std::optional<Match> find(const std::vector<std::string>& terms) const;

  // The number of terms of the longest entry: runs longer than this never match.
  [[nodiscard]] std::size_t longest_entry() const { return longest_; }
  [[nodiscard]] bool empty() const { return matches_.empty(); }
  // Entries (words or phrases) that have synonyms.
  [[nodiscard]] std::size_t size() const { return matches_.size(); }

 private:
  void read(std::string_view text, std::string_view origin);  // entries and rules
  void rebuild();                                             // matches_ from them

  // A group of entries: `from` entries also find every `to` entry. For an
  // equivalence line ("a, b, c") from == to.
  struct Rule {
    std::vector<std::size_t> from, to;  // indexes into entries_
    bool equivalence = false;
  };
  std::vector<SynonymEntry> entries_;
  std::unordered_map<std::string, std::size_t> entry_by_key_;  // joined terms -> entries_ index
  std::vector<Rule> rules_;
  // joined terms of an entry -> (its index, the indexes of what it finds)
  std::unordered_map<std::string, std::pair<std::size_t, std::vector<std::size_t>>> matches_;
  std::size_t longest_ = 0;
};

}  // namespace newsdesk::search
