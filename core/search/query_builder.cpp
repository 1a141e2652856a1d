#include "search/query_builder.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <unordered_map>
#include <vector>

#include "errors.h"
#include "extract/dates.h"
#include "extract/facet_extractor.h"
#include "schema.h"
#include "search/search_types.h"
#include "search/synonyms.h"
#include "text/analysis.h"
#include "text/normalize.h"

namespace newsdesk::search {
namespace {

using Query = Xapian::Query;
namespace chrono = std::chrono;

// What a clause that cannot be read is replaced by while parsing; removed
// from the parsed query afterwards (remove_term). Never an indexed term.
const std::string kDroppedTerm = "XNEWSDESKDROPPED\x01";

// Operators are upper case only: "apple and pear" is three words to a news reader.
constexpr unsigned kFullFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                Xapian::QueryParser::FLAG_PURE_NOT |
                                Xapian::QueryParser::FLAG_WILDCARD;

// A topic by its id or its display name ("Mergers & acquisitions"), or nullptr.
const extract::TopicInfo* find_topic(const extract::Taxonomy& taxonomy, std::string_view value) {
  const std::string key = schema::facet_key(schema::Facet::Topic, value);
  if (const extract::TopicInfo* topic = taxonomy.find(key)) return topic;
  for (const extract::TopicInfo& topic : taxonomy.topics()) {
    if (text::slug(topic.name) == key) return &topic;
  }
  return nullptr;
}

bool is_binary_operator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "XOR";
}

// The space-separated tokens of a query; spaces inside quotes stay in their
// token. An unmatched quote is dropped first: it would swallow the rest of
// the query into a phrase.
std::vector<std::string> query_tokens(std::string text) {
  if (std::count(text.begin(), text.end(), '"') % 2 == 1) text.erase(text.rfind('"'), 1);
  std::vector<std::string> tokens;
  bool in_quotes = false;
  std::string current;
  for (const char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (c == ' ' && !in_quotes) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// A Chinese or Japanese run that prepare_for_terms cut into words
// ("苹果公司" -> "苹果|公司") after "title:" or a sign ("-", "+") is quoted,
// so that the prefix or sign applies to the whole run, as typed, rather than
// to its first word only: "title:"苹果|公司"", "-"苹果|公司"".
void quote_cut_runs(std::vector<std::string>& tokens) {
  for (std::string& token : tokens) {
    if (token.find(text::kWordSeparator) == std::string::npos ||
        token.find('"') != std::string::npos) {
      continue;
    }
    const std::size_t open = token.find_first_not_of('(');
    const std::size_t close = token.find_last_not_of(')') + 1;
    std::size_t value = open;
    if (token[value] == '-' || token[value] == '+') ++value;
    if (token.compare(value, 6, "title:") == 0) value += 6;
    if (value == open || value >= close) continue;  // neither: a run's words are ANDed
    token.insert(close, "\"");
    token.insert(value, "\"");
  }
}

// Drops operators that have nothing to join ("AND AND x", "x AND", "x NOT",
// "( OR x"): Xapian would read them as the words "and", "or", "not".
std::vector<std::string> drop_dangling_operators(const std::vector<std::string>& tokens) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool last = i + 1 == tokens.size();
    const bool next_is_operator = !last && (is_binary_operator(tokens[i + 1]) ||
                                            tokens[i + 1] == "NOT" || tokens[i + 1] == ")");
    if (is_binary_operator(token)) {
      const bool nothing_before = kept.empty() || is_binary_operator(kept.back()) ||
                                  kept.back() == "NOT" || kept.back().back() == '(';
      if (nothing_before || last || next_is_operator) continue;
    } else if (token == "NOT") {
      if (last || next_is_operator) continue;
    }
    kept.push_back(token);
  }
  return kept;
}

std::string join_tokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---------------------------------------------------------------------------
// Dates

using Day = chrono::sys_days;

// A span of whole days, both ends included.
struct Period {
  Day first, last;
  std::optional<std::int64_t> since;  // "24h": from this instant (UTC seconds) rather than a day
};

Period days(Day first, Day last) {
  return Period{first, last, std::nullopt};
}

// A non-negative decimal number of exactly the given length (any if 0).
std::optional<int> number(std::string_view s, std::size_t length = 0) {
  if (s.empty() || (length != 0 && s.size() != length) || s.size() > 6) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

std::optional<Day> make_day(int y, int m, int d) {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const chrono::year_month_day ymd{chrono::year{y}, chrono::month{static_cast<unsigned>(m)},
                                   chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Day{ymd};
}

Day last_of_month(int y, int m) {
  return Day{chrono::year{y} / chrono::month{static_cast<unsigned>(m)} / chrono::last};
}

Day day_of(std::int64_t seconds) {
  return chrono::floor<chrono::days>(chrono::sys_seconds{chrono::seconds{seconds}});
}

std::int64_t seconds_of(Day day) {
  return chrono::duration_cast<chrono::seconds>(day.time_since_epoch()).count();
}

std::string iso_day(Day day) {
  return extract::format_iso8601(seconds_of(day)).substr(0, 10);
}

// 2025, 2025-02, 2025-02-13, 20250213, 2024Q3, 2024-Q3.
std::optional<Period> absolute_period(std::string_view s) {
  const auto year = number(s.substr(0, 4), 4);
  if (!year) return std::nullopt;
  std::string_view rest = s.substr(4);
  if (rest.empty()) {
    const auto first = make_day(*year, 1, 1);
    if (!first) return std::nullopt;
    return days(*first, last_of_month(*year, 12));
  }
  if (rest.size() == 4 && number(rest, 4)) {  // 20250213
    const auto month = number(rest.substr(0, 2), 2), day = number(rest.substr(2), 2);
    if (month && day) {
      if (const auto d = make_day(*year, *month, *day)) return days(*d, *d);
    }
    return std::nullopt;
  }
  if (rest.front() == '-') rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == 'q') {  // quarter
    const auto quarter = number(rest.substr(1), 1);
    if (!quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
    const auto first = make_day(*year, 3 * *quarter - 2, 1);
    if (!first) return std::nullopt;
    return days(*first, last_of_month(*year, 3 * *quarter));
  }
  const auto month = number(rest.substr(0, 2), 2);
  if (!month) return std::nullopt;
  rest.remove_prefix(2);
  if (rest.empty()) {
    const auto first = make_day(*year, *month, 1);
    if (!first) return std::nullopt;
    return days(*first, last_of_month(*year, *month));
  }
  if (rest.front() != '-') return std::nullopt;
  const auto day = number(rest.substr(1), 2);
  if (!day) return std::nullopt;
  const auto d = make_day(*year, *month, *day);
  if (!d) return std::nullopt;
  return days(*d, *d);
}

// The same day `months` months earlier, or the month's last day if it has fewer.
Day months_back(Day from, int months) {
  const chrono::year_month_day ymd{from};
  const chrono::year_month ym =
      chrono::year_month{ymd.year(), ymd.month()} - chrono::months{months};
  const chrono::year_month_day_last last{ym.year(), chrono::month_day_last{ym.month()}};
  return Day{chrono::year_month_day{ym.year(), ym.month(), std::min(ymd.day(), last.day())}};
}

// today, yesterday, ytd, and N followed by h (hours), d, w, m (months), y.
std::optional<Period> relative_period(std::string_view s, std::int64_t now) {
  const Day today = day_of(now);
  if (s == "today") return days(today, today);
  if (s == "yesterday") return days(today - chrono::days{1}, today - chrono::days{1});
  if (s == "ytd") {
    const chrono::year_month_day ymd{today};
    return days(Day{ymd.year() / chrono::January / 1}, today);
  }
  if (s.size() < 2) return std::nullopt;
  const auto n = number(s.substr(0, s.size() - 1));
  if (!n || *n > 100000) return std::nullopt;
  switch (s.back()) {
    case 'h': {
      const std::int64_t since = now - std::int64_t{*n} * 3600;
      return Period{day_of(since), today, since};
    }
    case 'd':
      return days(today - chrono::days{*n}, today);
    case 'w':
      return days(today - chrono::days{7 * *n}, today);
    case 'm':  // (bounded so that the year stays in range)
      if (*n > 12000) return std::nullopt;
      return days(months_back(today, *n), today);
    case 'y':
      if (*n > 1000) return std::nullopt;
      return days(months_back(today, 12 * *n), today);
    default:
      return std::nullopt;
  }
}

// A point in a range or comparison: a relative one is the day it points
// back to ("7d" in "7d..3d" = the day seven days ago).
std::optional<Period> point(std::string_view s, std::int64_t now) {
  if (auto period = absolute_period(s)) return period;
  if (auto period = relative_period(s, now)) {
    if (s != "ytd" && s != "today" && s != "yesterday") period->last = period->first;
    period->since.reset();
    return period;
  }
  return std::nullopt;
}

struct DateFilter {
  std::optional<Day> from, to;        // whole days, both included; unset = open
  std::optional<std::int64_t> since;  // instead: from this instant
  std::string warning;
};

std::optional<DateFilter> parse_date(std::string_view value, std::int64_t now) {
  const std::string s = lower_ascii(value);
  DateFilter filter;
  for (const std::string_view op : {">=", "<=", ">", "<"}) {
    if (s.rfind(op, 0) != 0) continue;
    const auto p = point(std::string_view(s).substr(op.size()), now);
    if (!p) return std::nullopt;
    if (op == ">=") filter.from = p->first;
    if (op == ">") filter.from = p->last + chrono::days{1};
    if (op == "<=") filter.to = p->last;
    if (op == "<") filter.to = p->first - chrono::days{1};
    return filter;
  }
  if (const std::size_t dots = s.find(".."); dots != std::string::npos) {
    const std::string_view a = std::string_view(s).substr(0, dots);
    const std::string_view b = std::string_view(s).substr(dots + 2);
    if (a.empty() && b.empty()) return std::nullopt;
    std::optional<Period> pa, pb;
    if (!a.empty() && !(pa = point(a, now))) return std::nullopt;
    if (!b.empty() && !(pb = point(b, now))) return std::nullopt;
    if (pa) filter.from = pa->first;
    if (pb) filter.to = pb->last;
    if (pa && pb && pa->first > pb->last) {
      filter.from = pb->first;
      filter.to = pa->last;
      filter.warning = "the range ends before it starts; read as " + iso_day(*filter.from) + ".." +
                       iso_day(*filter.to);
    }
    return filter;
  }
  if (auto p = absolute_period(s)) {
    filter.from = p->first;
    filter.to = p->last;
    return filter;
  }
  if (auto p = relative_period(s, now)) {
    if (p->since) {
      filter.since = p->since;
    } else if (s == "today" || s == "yesterday") {
      filter.from = p->first;
      filter.to = p->last;
    } else {
      filter.from = p->first;  // from then on
    }
    return filter;
  }
  return std::nullopt;
}

}  // namespace

std::string resolve_facet_key(schema::Facet facet, std::string_view value,
                              const extract::FacetExtractor* reference) {
  if (reference) {
    switch (facet) {
      case schema::Facet::Company:
        if (const extract::CompanyInfo* info = reference->companies().resolve(value)) {
          return info->id;
        }
        break;
      case schema::Facet::Country:
        if (const auto code = reference->countries().resolve(value)) {
          return schema::facet_key(facet, *code);
        }
        break;
      case schema::Facet::Topic:
        if (const extract::TopicInfo* topic = find_topic(reference->taxonomy(), value)) {
          return topic->id;
        }
        break;
      case schema::Facet::Source:
        break;
    }
  }
  return schema::facet_key(facet, value);
}

std::int64_t utc_now() {
  return chrono::duration_cast<chrono::seconds>(chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---------------------------------------------------------------------------
// Field values

struct QueryBuilder::State {
  const QueryContext* context = nullptr;
  std::vector<std::string> warnings;
  std::vector<Expansion> expansions;
  std::unordered_map<std::string, std::string> labels;  // value range description -> text
  bool dropped = false;

  void reset() {
    warnings.clear();
    expansions.clear();
    labels.clear();
    dropped = false;
  }

  void report(Expansion expansion) {
    if (std::find(expansions.begin(), expansions.end(), expansion) == expansions.end()) {
      expansions.push_back(std::move(expansion));
    }
  }

  Query drop(const std::string& clause, const std::string& why) {
    warnings.push_back(clause + ": " + why + "; ignored");
    dropped = true;
    return Query(kDroppedTerm);
  }

  static std::string company_term(std::string_view key) {
    return std::string(schema::layout(schema::Facet::Company).prefix) + std::string(key);
  }

  [[nodiscard]] const extract::CompanyInfo* resolve_company(std::string_view value) const {
    return context->reference ? context->reference->companies().resolve(value) : nullptr;
  }

  Query company(const std::string& value) {
    const extract::CompanyInfo* info = resolve_company(value);
    if (!info) return Query(schema::facet_term(schema::Facet::Company, value));
    if (text::slug(value) != info->id) {
      report({"company", "company:" + value, info->name + " (company:" + info->id + ")"});
    }
    return Query(company_term(info->id));
  }

  Query ticker(const std::string& value) {
    const bool bare = value.find_first_of("$:.") == std::string::npos;
    const extract::CompanyInfo* info = resolve_company(bare ? "$" + value : value);
    if (!info) {
      if (context->reference) warnings.push_back("ticker:" + value + ": unknown ticker");
      return Query(schema::facet_term(schema::Facet::Company, value));
    }
    report({"ticker", "ticker:" + value, info->name + " (company:" + info->id + ")"});
    return Query(company_term(info->id));
  }

  Query about(const std::string& value) {
    const extract::CompanyInfo* info = resolve_company(value);
    const std::string key = info ? info->id : text::slug(value);
    if (info && text::slug(value) != info->id) {
      report({"company", "about:" + value, info->name + " (about:" + info->id + ")"});
    }
    return Query(std::string(schema::kAboutPrefix) + key);
  }

  Query country(const std::string& value) {
    if (!context->reference) return Query(schema::facet_term(schema::Facet::Country, value));
    const auto code = context->reference->countries().resolve(value);
    if (!code) return Query(schema::facet_term(schema::Facet::Country, value));
    const std::string key = schema::facet_key(schema::Facet::Country, *code);
    if (text::fold(value) != key) {
      report({"country", "country:" + value,
              extract::country_display_name(*code) + " (country:" + key + ")"});
    }
    return Query(schema::facet_term(schema::Facet::Country, *code));
  }

  Query topic(const std::string& value) {
    if (!context->reference) return Query(schema::facet_term(schema::Facet::Topic, value));
    const extract::TopicInfo* topic = find_topic(context->reference->taxonomy(), value);
    if (!topic) return Query(schema::facet_term(schema::Facet::Topic, value));
    if (schema::facet_key(schema::Facet::Topic, value) != topic->id) {
      report({"topic", "topic:" + value, topic->name + " (topic:" + topic->id + ")"});
    }
    return Query(schema::facet_term(schema::Facet::Topic, topic->id));
  }

  Query date(const std::string& value) {
    const std::optional<DateFilter> filter = parse_date(value, context->now);
    if (!filter) {
      return drop("date:" + value,
                  "not a date (use 2025-02-13, 2025-02, 2025, 2024Q3, 2025-01-01..2025-03-31, "
                  ">2025-01-01, 24h, 7d, 12m or ytd)");
    }
    if (!filter->warning.empty()) warnings.push_back("date:" + value + ": " + filter->warning);
    Query query;
    std::string label;
    if (filter->since) {
      query = Query(Query::OP_VALUE_GE, schema::kTimeSlot,
                    Xapian::sortable_serialise(static_cast<double>(*filter->since)));
      label = "date:>=" + extract::format_iso8601(*filter->since);
    } else if (filter->from && filter->to) {
      if (*filter->to < *filter->from) return drop("date:" + value, "an empty range");
      query = Query(Query::OP_VALUE_RANGE, schema::kDaySlot,
                    extract::format_day_key(seconds_of(*filter->from)),
                    extract::format_day_key(seconds_of(*filter->to)));
      label = *filter->from == *filter->to
                  ? "date:" + iso_day(*filter->from)
                  : "date:" + iso_day(*filter->from) + ".." + iso_day(*filter->to);
    } else if (filter->from) {
      query = Query(Query::OP_VALUE_GE, schema::kDaySlot,
                    extract::format_day_key(seconds_of(*filter->from)));
      label = "date:>=" + iso_day(*filter->from);
    } else {
      query = Query(Query::OP_VALUE_LE, schema::kDaySlot,
                    extract::format_day_key(seconds_of(*filter->to)));
      label = "date:<=" + iso_day(*filter->to);
    }
    labels[query.get_description()] = label;
    return query;
  }
};

namespace {

enum class Field { Company, Ticker, About, Country, Topic, Source, Date };

// field:value -> a boolean filter, the value resolved through the reference
// data. Never throws: a value that cannot be read is dropped with a warning.
class FieldProcessor : public Xapian::FieldProcessor {
 public:
  FieldProcessor(QueryBuilder::State* state, Field field) : state_(state), field_(field) {}
  Query operator()(const std::string& value) override {
    try {
      switch (field_) {
        case Field::Company:
          return state_->company(value);
        case Field::Ticker:
          return state_->ticker(value);
        case Field::About:
          return state_->about(value);
        case Field::Country:
          return state_->country(value);
        case Field::Topic:
          return state_->topic(value);
        case Field::Source:
          return Query(schema::facet_term(schema::Facet::Source, value));
        case Field::Date:
          return state_->date(value);
      }
    } catch (const std::exception& e) {
      return state_->drop(value, e.what());
    }
    return Query(schema::facet_term(schema::Facet::Source, value));
  }

 private:
  QueryBuilder::State* state_;
  Field field_;
};

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const QueryContext& context)
    : db_(db), context_(context), state_(std::make_unique<State>()) {
  state_->context = &context_;
  parser_.set_database(db_);
  parser_.set_stemmer(schema::make_stemmer());
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  parser_.set_default_op(Query::OP_AND);
  parser_.set_max_expansion(kMaxWildcardExpansion, Query::WILDCARD_LIMIT_MOST_FREQUENT,
                            Xapian::QueryParser::FLAG_WILDCARD);
  parser_.add_prefix("title", std::string(schema::kTitlePrefix));
  const auto add = [&](const char* name, Field field, const char* grouping = nullptr) {
    const std::string group = grouping ? grouping : name;
    parser_.add_boolean_prefix(name, (new FieldProcessor(state_.get(), field))->release(), &group);
  };
  // company: and ticker: filter the same facet: "company:apple ticker:NVDA" is either.
  add("company", Field::Company);
  add("ticker", Field::Ticker, "company");
  add("about", Field::About);
  add("country", Field::Country);
  add("topic", Field::Topic);
  add("source", Field::Source);
  add("date", Field::Date);
}

QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(std::string_view raw) const {
  if (raw.size() > kMaxQueryBytes) {
    throw UserError("query is too long (" + std::to_string(raw.size()) + " bytes; at most " +
                    std::to_string(kMaxQueryBytes) + ")");
  }
  state_->reset();
  BuiltQuery built;
  const std::string cleaned = text::clean_line(raw);
  std::vector<std::string> tokens = query_tokens(text::prepare_for_terms(cleaned));
  quote_cut_runs(tokens);
  const std::string text = join_tokens(drop_dangling_operators(tokens));
  if (text.empty()) {
    built.query = Query::MatchAll;
    built.match_all = true;
    built.parsed = describe_query(built.query);
    return built;
  }
  Query query;
  try {
    query = parser_.parse_query(text, kFullFlags);
  } catch (const Xapian::QueryParserError&) {
    // Not well formed (e.g. a dangling operator): read it as plain words.
    std::string words = text;
    for (char& c : words) {
      if (c == '"' || c == '(' || c == ')' || c == ':' || c == '-' || c == '+' || c == '*') c = ' ';
    }
    state_->reset();
    try {
      query = parser_.parse_query(words, 0);
    } catch (const Xapian::QueryParserError& e) {
      throw UserError(std::string("query cannot be read: ") + e.get_msg());
    }
    built.relaxed = true;
    built.warnings.push_back("the query is not well formed: read as plain words");
  }

  const QuerySize size = measure(query);
  if (size.terms > kMaxQueryTerms) {
    throw UserError("query has too many terms (" + std::to_string(size.terms) + "; at most " +
                    std::to_string(kMaxQueryTerms) + ")");
  }
  if (size.wildcards > kMaxQueryWildcards) {
    throw UserError("query has too many wildcards (" + std::to_string(size.wildcards) +
                    "; at most " + std::to_string(kMaxQueryWildcards) + ")");
  }
  if (state_->dropped) {
    bool nothing_left = false;
    query = remove_term(query, kDroppedTerm, nothing_left);
    built.match_all = nothing_left;
  }

  built.expansions = state_->expansions;
  std::vector<CompanyMention> mentions;
  if (context_.reference) {
    mentions =
        find_company_mentions(cleaned, context_.reference->companies(), context_.synonyms, &db_);
  }
  query = expand_query(query, mentions, context_.synonyms, built.expansions, state_->labels);
  query = expand_wildcards(query, db_, kMaxWildcardExpansion, built.expansions, state_->labels);

  built.query = query;
  built.companies = named_companies(query);
  built.parsed = describe_query(query, state_->labels);
  built.warnings.insert(built.warnings.end(), state_->warnings.begin(), state_->warnings.end());
  return built;
}

}  // namespace newsdesk::search
