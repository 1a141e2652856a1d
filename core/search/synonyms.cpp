#include "search/synonyms.h"

#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "schema.h"
#include "text/analysis.h"
#include "text/normalize.h"

namespace newsdesk::search {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string join(const std::vector<std::string>& terms) {
  std::string key;
  for (const std::string& term : terms) {
    if (!key.empty()) key += ' ';
    key += term;
  }
  return key;
}

// A '#' at the start of a line or after a space starts a comment ("C#" does not).
std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

std::vector<std::string_view> split_list(std::string_view list) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t comma = list.find(',');
    out.push_back(trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

// Union-find over entry indexes, for merging equivalence groups.
std::size_t root_of(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

std::vector<std::string> word_terms(std::string_view text) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(schema::make_stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(text::prepare_for_terms(text::clean_line(text)));
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      positioned.emplace_back(*pos, *term);
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> terms;
  terms.reserve(positioned.size());
  for (auto& [pos, term] : positioned) terms.push_back(std::move(term));
  return terms;
}

Synonyms Synonyms::load(const std::vector<std::filesystem::path>& files) {
  Synonyms synonyms;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw std::runtime_error(file.string() + ": cannot read");
    synonyms.add(text.str(), file.string());
  }
  return synonyms;
}

std::filesystem::path Synonyms::default_file() {
  return std::filesystem::path(NEWSDESK_DATA_DIR) / "synonyms.txt";
}

Synonyms Synonyms::load_default(const std::vector<std::filesystem::path>& extra) {
  std::vector<std::filesystem::path> files{default_file()};
  files.insert(files.end(), extra.begin(), extra.end());
  return load(files);
}

Synonyms Synonyms::parse(std::string_view text, std::string_view origin) {
  Synonyms synonyms;
  synonyms.add(text, origin);
  return synonyms;
}

void Synonyms::add(std::string_view text, std::string_view origin) {
  Synonyms next = *this;  // unchanged if `text` has an error
  next.read(text, origin);
  next.rebuild();
  *this = std::move(next);
}

void Synonyms::read(std::string_view text, std::string_view origin) {
  std::size_t line_number = 0;
  const auto fail = [&](const std::string& message) {
    throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_number) + ": " +
                             message);
  };
  // Entries of one side of a line, deduplicated, as indexes into entries_.
  const auto read_side = [&](std::string_view list) {
    std::vector<std::size_t> side;
    for (const std::string_view item : split_list(list)) {
      if (item.empty()) fail("empty entry (two commas in a row, or one at an end)");
      std::vector<std::string> terms = word_terms(item);
      if (terms.empty()) fail("\"" + std::string(item) + "\" has no words");
      const std::string key = join(terms);
      auto [it, added] = entry_by_key_.try_emplace(key, entries_.size());
      if (added) entries_.push_back({std::string(item), std::move(terms)});
      if (std::find(side.begin(), side.end(), it->second) == side.end()) {
        side.push_back(it->second);
      }
    }
    return side;
  };

  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    const std::string_view line = trim(strip_comment(text.substr(begin, end - begin)));
    begin = end + 1;
    if (line.empty()) continue;
    Rule rule;
    if (const std::size_t arrow = line.find("=>"); arrow != std::string_view::npos) {
      if (line.find("=>", arrow + 2) != std::string_view::npos) fail("more than one \"=>\"");
      rule.from = read_side(line.substr(0, arrow));
      rule.to = read_side(line.substr(arrow + 2));
    } else {
      rule.from = read_side(line);
      rule.to = rule.from;
      rule.equivalence = true;
      if (rule.from.size() < 2) fail("a group needs two or more different words or phrases");
    }
    rules_.push_back(std::move(rule));
  }
}

void Synonyms::rebuild() {
  const std::size_t n = entries_.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::vector<bool> in_group(n, false);
  std::vector<std::vector<std::size_t>> one_way(n);
  for (const Rule& rule : rules_) {
    for (const std::size_t e : rule.from) {
      if (rule.equivalence) {
        in_group[e] = true;
        parent[root_of(parent, e)] = root_of(parent, rule.from.front());
      } else {
        one_way[e].insert(one_way[e].end(), rule.to.begin(), rule.to.end());
      }
    }
  }
  std::unordered_map<std::size_t, std::vector<std::size_t>> members;  // root -> group
  for (std::size_t e = 0; e < n; ++e) {
    if (in_group[e]) members[root_of(parent, e)].push_back(e);
  }
  matches_.clear();
  longest_ = 0;
  for (std::size_t e = 0; e < n; ++e) {
    std::vector<std::size_t> alternatives = std::move(one_way[e]);
    if (in_group[e]) {
      const auto& group = members[root_of(parent, e)];
      alternatives.insert(alternatives.end(), group.begin(), group.end());
    }
    std::sort(alternatives.begin(), alternatives.end());
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    alternatives.erase(std::remove(alternatives.begin(), alternatives.end(), e),
                       alternatives.end());
    if (alternatives.empty()) continue;
    longest_ = std::max(longest_, entries_[e].terms.size());
    matches_.emplace(join(entries_[e].terms), std::make_pair(e, std::move(alternatives)));
  }
}

std::optional<Synonyms::Match> Synonyms::find(const std::vector<std::string>& terms) const {
  if (terms.empty() || terms.size() > longest_) return std::nullopt;
  const auto it = matches_.find(join(terms));
  if (it == matches_.end()) return std::nullopt;
  Match match;
  match.entry = &entries_[it->second.first];
  for (const std::size_t alternative : it->second.second) {
    match.alternatives.push_back(&entries_[alternative]);
  }
  return match;
}

}  // namespace newsdesk::search
