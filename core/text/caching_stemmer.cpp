#include "text/caching_stemmer.h"

#include <string>
#include <unordered_map>
#include <utility>

namespace newsdesk::text {
namespace {

class CachingStemImplementation : public Xapian::StemImplementation {
 public:
  CachingStemImplementation(Xapian::Stem stemmer, std::size_t max_entries)
      : stemmer_(std::move(stemmer)), max_entries_(max_entries) {}

  std::string operator()(const std::string& word) override {
    if (const auto found = stems_.find(word); found != stems_.end()) return found->second;
    if (stems_.size() >= max_entries_) stems_.clear();
    return stems_.emplace(word, stemmer_(word)).first->second;
  }

  std::string get_description() const override { return "cached " + stemmer_.get_description(); }

 private:
  Xapian::Stem stemmer_;
  std::size_t max_entries_;
  std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

Xapian::Stem make_caching_stemmer(Xapian::Stem stemmer, std::size_t max_entries) {
  return Xapian::Stem(new CachingStemImplementation(std::move(stemmer), max_entries));
}

}  // namespace newsdesk::text
