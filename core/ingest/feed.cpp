#include "ingest/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "errors.h"
#include "extract/dates.h"
#include "extract/rfc822_date.h"
#include "ingest/html_page.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

// No entity substitution (NOENT), no DTD loading (DTDLOAD, DTDATTR), never the
// network; libxml2's own size and depth limits stay on (no XML_PARSE_HUGE).
// Errors come to our handler only, never to stderr.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kUserlandNs = "http://backend.userland.com/rss2";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

enum class Vocabulary { Rss, Atom, Content, DublinCore, Other };

Vocabulary vocabulary(const xmlChar* namespace_uri) {
  if (namespace_uri == nullptr) return Vocabulary::Rss;  // RSS 0.9x and 2.0 have none
  const std::string_view ns(reinterpret_cast<const char*>(namespace_uri));
  if (ns == kRss10Ns || ns == kRss090Ns || ns == kUserlandNs) return Vocabulary::Rss;
  if (ns == kAtomNs || ns == kAtom03Ns) return Vocabulary::Atom;
  if (ns == kContentNs) return Vocabulary::Content;
  if (ns == kDcNs) return Vocabulary::DublinCore;
  return Vocabulary::Other;
}

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

Vocabulary vocabulary_of(const xmlNode* node) {
  return vocabulary(node->ns != nullptr ? node->ns->href : nullptr);
}

bool is(const xmlNode* node, Vocabulary v, std::string_view local_name) {
  return node->type == XML_ELEMENT_NODE && view(node->name) == local_name &&
         vocabulary_of(node) == v;
}

// libxml2 hands out strings it allocated; this takes one over.
std::string take(xmlChar* s) {
  std::string out(view(s));
  xmlFree(s);
  return out;
}

std::string attribute(const xmlNode* node, const char* name) {
  return take(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
}

std::string content_of(const xmlNode* node) {
  return take(xmlNodeGetContent(node));
}

bool has_element_child(const xmlNode* node) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

// The children of `node` as markup: inline XHTML (Atom type="xhtml", or a
// description written as elements rather than escaped HTML).
std::string inner_xml(xmlNode* node) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer) return {};
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    xmlNodeDump(buffer.get(), node->doc, child, 0, 0);
  }
  return std::string(view(xmlBufferContent(buffer.get())));
}

enum class Markup { Text, Html };

// Visible text of a title or body element. RSS puts (escaped) HTML anywhere;
// Atom says which with type="text|html|xhtml" or a MIME type.
std::string text_of(xmlNode* node, Markup markup_default) {
  const std::string type = attribute(node, "type");
  if (!attribute(node, "src").empty()) return {};  // Atom content held elsewhere
  if (type == "xhtml" || has_element_child(node) || type.ends_with("+xml") ||
      type.ends_with("/xml")) {
    return html_to_text(inner_xml(node));
  }
  Markup markup = markup_default;
  if (type == "html" || type == "text/html") {
    markup = Markup::Html;
  } else if (type == "text" || type.starts_with("text/")) {
    markup = Markup::Text;
  } else if (!type.empty()) {
    return {};  // base64-encoded media, not text
  }
  const std::string raw = content_of(node);
  return markup == Markup::Html ? html_to_text(raw) : text::clean_text(raw);
}

bool is_absolute_url(std::string_view url) {
  std::string scheme(url.substr(0, 8));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme.starts_with("http://") || scheme.starts_with("https://");
}

// Atom hrefs may be relative to an xml:base.
std::string resolve(const xmlNode* node, std::string href) {
  if (href.empty() || is_absolute_url(href)) return href;
  const std::string base = take(xmlNodeGetBase(node->doc, node));
  if (!is_absolute_url(base)) return href;
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()),
                               reinterpret_cast<const xmlChar*>(base.c_str()));
  return built != nullptr ? take(built) : href;
}

// <link rel="alternate" href=...>: the page of the entry.
std::string alternate_link(const xmlNode* node) {
  const std::string rel = attribute(node, "rel");
  if (!rel.empty() && rel != "alternate") return {};
  return resolve(node, text::clean_line(attribute(node, "href")));
}

std::optional<std::int64_t> parse_date(const std::string& value, bool iso_first) {
  const auto iso = [&] { return extract::parse_iso8601(value); };
  const auto rfc = [&] { return extract::parse_rfc822_date(value); };
  if (iso_first) {
    if (auto t = iso()) return t;
    return rfc();
  }
  if (auto t = rfc()) return t;
  return iso();
}

struct Item {
  Article article;
  std::string bad_date;  // a date that was given but could not be read
};

Item read_rss_item(xmlNode* item) {
  Item out;
  Article& a = out.article;
  std::string link, atom_link, guid, guid_permalink, pub_date, dc_date, content, description;
  for (xmlNode* n = item->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is(n, Vocabulary::Rss, "title") && a.title.empty()) {
      a.title = text::clean_line(text_of(n, Markup::Html));
    } else if (is(n, Vocabulary::Rss, "link") && link.empty()) {
      link = text::clean_line(content_of(n));
    } else if (is(n, Vocabulary::Rss, "guid") && guid.empty()) {
      guid = text::clean_line(content_of(n));
      guid_permalink = attribute(n, "isPermaLink");
    } else if (is(n, Vocabulary::Rss, "pubDate") && pub_date.empty()) {
      pub_date = text::clean_line(content_of(n));
    } else if (is(n, Vocabulary::DublinCore, "date") && dc_date.empty()) {
      dc_date = text::clean_line(content_of(n));
    } else if (is(n, Vocabulary::Content, "encoded") && content.empty()) {
      content = text_of(n, Markup::Html);
    } else if (is(n, Vocabulary::Rss, "description") && description.empty()) {
      description = text_of(n, Markup::Html);
    } else if (is(n, Vocabulary::Atom, "link") && atom_link.empty()) {
      atom_link = alternate_link(n);
    }
  }
  a.body = !content.empty() ? std::move(content) : std::move(description);
  // RSS 1.0 names each item by its rdf:about.
  if (guid.empty()) {
    guid = text::clean_line(
        take(xmlGetNsProp(item, reinterpret_cast<const xmlChar*>("about"),
                          reinterpret_cast<const xmlChar*>(std::string(kRdfNs).c_str()))));
  }
  a.source_id = guid;
  // A guid is a permalink unless it says otherwise (RSS 2.0).
  if (link.empty() && guid_permalink != "false" && is_absolute_url(guid)) link = guid;
  a.url = !link.empty() ? link : atom_link;
  if (!pub_date.empty()) a.published = parse_date(pub_date, /*iso_first=*/false);
  if (!a.published && !dc_date.empty()) a.published = parse_date(dc_date, /*iso_first=*/true);
  if (!a.published && (!pub_date.empty() || !dc_date.empty())) {
    out.bad_date = !pub_date.empty() ? pub_date : dc_date;
  }
  return out;
}

Item read_atom_entry(xmlNode* entry) {
  Item out;
  Article& a = out.article;
  std::string link, published, updated, content, summary;
  for (xmlNode* n = entry->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || vocabulary_of(n) != Vocabulary::Atom) continue;
    const std::string_view name = view(n->name);
    if (name == "title" && a.title.empty()) {
      a.title = text::clean_line(text_of(n, Markup::Text));
    } else if (name == "link" && link.empty()) {
      link = alternate_link(n);
    } else if (name == "id" && a.source_id.empty()) {
      a.source_id = text::clean_line(content_of(n));
    } else if ((name == "published" || name == "issued") && published.empty()) {
      published = text::clean_line(content_of(n));
    } else if ((name == "updated" || name == "modified") && updated.empty()) {
      updated = text::clean_line(content_of(n));
    } else if (name == "content" && content.empty()) {
      content = text_of(n, Markup::Text);
    } else if (name == "summary" && summary.empty()) {
      summary = text_of(n, Markup::Text);
    }
  }
  a.body = !content.empty() ? std::move(content) : std::move(summary);
  a.url = std::move(link);
  const std::string& date = !published.empty() ? published : updated;
  if (!date.empty()) {
    a.published = parse_date(date, /*iso_first=*/true);
    if (!a.published) out.bad_date = date;
  }
  return out;
}

// Pulls the feed from the stream for libxml2, and watches the prolog: a
// document that declares a DOCTYPE is cut off before libxml2 parses a single
// entity declaration. (UTF-16 documents are left to the DOCTYPE node check.)
class Input {
 public:
  explicit Input(std::istream& in) : in_(in) {}
  [[nodiscard]] bool saw_doctype() const { return doctype_; }
  [[nodiscard]] bool at_end() const { return at_end_; }
  // The last bytes read: where a document cut short stops.
  [[nodiscard]] std::string_view last_bytes() const { return last_bytes_; }

  static int read(void* context, char* buffer, int length) {
    auto& self = *static_cast<Input*>(context);
    if (self.doctype_) return -1;
    if (length <= 0) return 0;
    self.in_.read(buffer, length);
    if (self.in_.bad()) return -1;
    const auto n = static_cast<std::size_t>(self.in_.gcount());
    self.scan(std::string_view(buffer, n));
    self.at_end_ = self.in_.eof();
    self.last_bytes_.append(buffer, n);
    if (self.last_bytes_.size() > 1024) self.last_bytes_.erase(0, self.last_bytes_.size() - 512);
    return self.doctype_ ? -1 : static_cast<int>(n);
  }
  static int close(void*) { return 0; }

 private:
  enum class State { Start, Text, Open, Bang, Comment, Pi, Done };

  void scan(std::string_view bytes) {
    for (const char ch : bytes) {
      const auto c = static_cast<unsigned char>(ch);
      switch (state_) {
        case State::Start:
          // Zero bytes or a UTF-16 byte order mark: not ASCII-compatible.
          if (c == 0 || c == 0xfe || c == 0xff) {
            state_ = State::Done;
            return;
          }
          state_ = State::Text;
          [[fallthrough]];
        case State::Text:
          if (c == '<') state_ = State::Open;
          break;
        case State::Open:
          if (c == '?') {
            state_ = State::Pi;
          } else if (c == '!') {
            state_ = State::Bang;
            bang_.clear();
          } else {
            state_ = State::Done;  // the root element: the prolog is over
            return;
          }
          break;
        case State::Bang:
          bang_ += static_cast<char>(std::toupper(c));
          if (bang_ == "--") {
            state_ = State::Comment;
            tail_.clear();
          } else if (bang_ == "DOCTYPE") {
            doctype_ = true;
            state_ = State::Done;
            return;
          } else if (std::string_view("DOCTYPE").substr(0, bang_.size()) != bang_ && bang_ != "-") {
            state_ = State::Done;  // not well formed; libxml2 will say so
            return;
          }
          break;
        case State::Comment:
        case State::Pi:
          tail_ += static_cast<char>(c);
          if (tail_.size() > 3) tail_.erase(0, 1);
          if ((state_ == State::Comment && tail_.ends_with("-->")) ||
              (state_ == State::Pi && tail_.ends_with("?>"))) {
            state_ = State::Text;
            tail_.clear();
          }
          break;
        case State::Done:
          return;
      }
    }
  }

  std::istream& in_;
  State state_ = State::Start;
  std::string bang_;  // the characters after "<!"
  std::string tail_;  // the last characters of a comment or processing instruction
  bool doctype_ = false;
  bool at_end_ = false;
  std::string last_bytes_;
};

// Keeps the error that stopped the parse: the first fatal one, else the first.
struct ErrorLog {
  std::string message;
  int code = 0;
  int line = 0;
  bool fatal = false;
  // The innermost element still open, when the error names it ("Premature end
  // of data in tag X line N", "Opening and ending tag mismatch: X line N ...").
  std::string open_element;
  int open_line = 0;
};

void on_error(void* context, xmlErrorPtr error) {
  auto& log = *static_cast<ErrorLog*>(context);
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  const bool fatal = error->level == XML_ERR_FATAL;
  if (!log.message.empty() && (log.fatal || !fatal)) return;
  std::string message = error->message != nullptr ? error->message : "XML error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  log.message = std::move(message);
  log.code = error->code;
  log.line = error->line;
  log.fatal = fatal;
  log.open_element.clear();
  if ((error->code == XML_ERR_TAG_NOT_FINISHED || error->code == XML_ERR_TAG_NAME_MISMATCH) &&
      error->str1 != nullptr) {
    log.open_element = error->str1;
    log.open_line = error->int1;
  }
}

using ReaderPtr = std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)>;

const char* const kDtdRefused = "feed declares a DTD or entities; refused";

bool declares_dtd(const xmlDoc* doc) {
  return doc != nullptr && (doc->intSubset != nullptr || doc->extSubset != nullptr);
}

// The next node in document order: into `node` when `descend`, else past it.
xmlNode* next_in_order(xmlNode* node, bool descend) {
  if (descend && node->type == XML_ELEMENT_NODE && node->children != nullptr) {
    return node->children;
  }
  for (; node != nullptr; node = node->parent) {
    if (node->next != nullptr) return node->next;
  }
  return nullptr;
}

std::string qualified_name(const xmlNode* node) {
  std::string name(view(node->name));
  if (node->ns != nullptr && node->ns->prefix != nullptr) {
    name = std::string(view(node->ns->prefix)) + ":" + name;
  }
  return name;
}

// The elements a parse error left open. In the partial tree they are the last
// child of the last child ... of the root, down to the innermost open one when
// it can be told; otherwise that whole chain (some of it may be closed).
std::vector<const xmlNode*> open_elements(const xmlDoc* doc, const ErrorLog& log,
                                          const Input& input) {
  std::vector<const xmlNode*> chain;
  for (const xmlNode* n = xmlDocGetRootElement(doc); n != nullptr && n->type == XML_ELEMENT_NODE;
       n = n->last) {
    chain.push_back(n);
  }
  if (!log.open_element.empty()) {
    // The error names the innermost open element and its line (line numbers
    // above 65535 are not kept in the node).
    for (std::size_t i = chain.size(); i-- > 0;) {
      const xmlNode* n = chain[i];
      if ((n->line == log.open_line || n->line == 65535) &&
          (qualified_name(n) == log.open_element || view(n->name) == log.open_element)) {
        chain.resize(i + 1);
        break;
      }
    }
  } else if (log.code == XML_ERR_DOCUMENT_END && input.at_end()) {
    // Cut off at the end of the input: if the last thing read was an end tag,
    // the element it closed is complete.
    std::string_view rest = input.last_bytes();
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) {
      rest.remove_suffix(1);
    }
    const std::size_t open = rest.rfind("</");
    if (!rest.ends_with('>') || open == std::string_view::npos) return chain;
    std::string_view name = rest.substr(open + 2, rest.size() - open - 3);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) {
      name.remove_suffix(1);
    }
    for (std::size_t i = chain.size(); i-- > 0;) {
      if (qualified_name(chain[i]) == name) {
        chain.resize(i);
        break;
      }
    }
  }
  return chain;
}

enum class Dialect { Unknown, Rss, Atom };

Dialect dialect_of(const xmlNode* root) {
  if (is(root, Vocabulary::Rss, "rss")) return Dialect::Rss;
  if (view(root->name) == "RDF" && root->ns != nullptr && view(root->ns->href) == kRdfNs) {
    return Dialect::Rss;  // RSS 1.0
  }
  if (is(root, Vocabulary::Atom, "feed")) return Dialect::Atom;
  return Dialect::Unknown;
}

// Reads items and the feed title from expanded subtrees, wherever they come
// from: the streaming loop or what is left after an error.
class FeedBuilder {
 public:
  FeedBuilder(std::string_view origin, const ArticleSink& articles, const ProblemSink& problems)
      : origin_(origin), articles_(articles), problems_(problems) {}

  Dialect dialect = Dialect::Unknown;
  std::size_t items = 0;  // items read to their end
  std::size_t count = 0;  // articles delivered

  [[nodiscard]] Vocabulary own() const {
    return dialect == Dialect::Atom ? Vocabulary::Atom : Vocabulary::Rss;
  }
  [[nodiscard]] bool is_item(const xmlNode* node) const {
    return dialect == Dialect::Atom ? is(node, Vocabulary::Atom, "entry")
                                    : is(node, Vocabulary::Rss, "item");
  }
  // <channel><title> (RSS 0.9x-2.0, and RSS 1.0 under rdf:RDF) or <feed><title>.
  [[nodiscard]] bool is_feed_title(const xmlNode* node) const {
    if (!source_.empty() || !is(node, own(), "title") || node->parent == nullptr) return false;
    return dialect == Dialect::Atom ? is(node->parent, Vocabulary::Atom, "feed")
                                    : is(node->parent, Vocabulary::Rss, "channel");
  }

  void read_title(xmlNode* node) {
    source_ =
        text::clean_line(text_of(node, dialect == Dialect::Rss ? Markup::Html : Markup::Text));
  }

  void read_item(xmlNode* node) {
    const std::size_t number = ++items;
    Item item = dialect == Dialect::Rss ? read_rss_item(node) : read_atom_entry(node);
    Article& article = item.article;
    if (article.title.empty() && article.body.empty()) {
      problems_(
          Problem{std::string(origin_), number, "item has neither a title nor any text", true});
      return;
    }
    if (!item.bad_date.empty()) {
      problems_(Problem{std::string(origin_), number,
                        "unreadable date: " + item.bad_date + " (kept undated)", false});
    }
    article.source = source_;
    article.origin = std::string(origin_);
    article.origin_line = number;
    articles_(std::move(article));
    ++count;
  }

  // After an error: the items the parser finished before it, from `node` on.
  // Returns the number of the item the error cut short, 0 if none.
  std::size_t salvage(xmlNode* node, const std::vector<const xmlNode*>& open) {
    while (node != nullptr) {
      if (node->type == XML_ELEMENT_NODE && (is_item(node) || is_feed_title(node))) {
        if (std::find(open.begin(), open.end(), node) != open.end()) {
          return is_item(node) ? items + 1 : 0;
        }
        is_item(node) ? read_item(node) : read_title(node);
        node = next_in_order(node, false);
      } else {
        node = next_in_order(node, true);
      }
    }
    return 0;
  }

  void report(std::size_t line, std::string message) {
    problems_(Problem{std::string(origin_), line, std::move(message), true});
  }

 private:
  std::string_view origin_;
  const ArticleSink& articles_;
  const ProblemSink& problems_;
  std::string source_;
};

}  // namespace

std::size_t read_feed(std::istream& in, std::string_view origin, const ArticleSink& articles,
                      const ProblemSink& problems) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });

  Input input(in);
  ErrorLog log;
  // Declared before the reader, so freed after it.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> partial_doc(nullptr, xmlFreeDoc);
  ReaderPtr reader(
      xmlReaderForIO(Input::read, Input::close, &input, nullptr, nullptr, kParseOptions),
      xmlFreeTextReader);
  if (input.saw_doctype()) throw IngestError(kDtdRefused);
  if (!reader) throw IngestError("cannot start the XML reader");
  xmlTextReaderSetStructuredErrorHandler(reader.get(), on_error, &log);

  FeedBuilder feed(origin, articles, problems);
  // How the reader was last moved, to know where to pick up after an error.
  enum class Move { Read, Next, Expand } move = Move::Read;
  bool moved_from_start_tag = false;
  const auto advance = [&](Move how) {
    move = how;
    moved_from_start_tag = xmlTextReaderNodeType(reader.get()) == XML_READER_TYPE_ELEMENT;
    return how == Move::Next ? xmlTextReaderNext(reader.get()) : xmlTextReaderRead(reader.get());
  };

  int status = advance(Move::Read);
  while (status == 1) {
    const int type = xmlTextReaderNodeType(reader.get());
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) throw IngestError(kDtdRefused);
    if (type != XML_READER_TYPE_ELEMENT) {
      status = advance(Move::Read);
      continue;
    }
    xmlNode* node = xmlTextReaderCurrentNode(reader.get());
    if (feed.dialect == Dialect::Unknown) {
      if (declares_dtd(node->doc)) throw IngestError(kDtdRefused);
      feed.dialect = dialect_of(node);
      if (feed.dialect == Dialect::Unknown) {
        throw IngestError("not an RSS or Atom feed (root element <" +
                          std::string(view(node->name)) + ">)");
      }
      status = advance(Move::Read);
      continue;
    }
    if (feed.is_item(node) || feed.is_feed_title(node)) {
      // One item at a time in memory: expand its subtree, read it, move past
      // it (the reader frees what it has moved past).
      move = Move::Expand;
      xmlNode* expanded = xmlTextReaderExpand(reader.get());
      if (expanded == nullptr) {
        status = -1;
        break;
      }
      feed.is_item(expanded) ? feed.read_item(expanded) : feed.read_title(expanded);
      status = advance(Move::Next);
      continue;
    }
    status = advance(Move::Read);
  }

  if (input.saw_doctype()) throw IngestError(kDtdRefused);
  if (status < 0) {
    // The parser works in chunks: items it finished before the error may not
    // have been handed out yet. Pick up after the last node the reader gave.
    xmlNode* current = xmlTextReaderCurrentNode(reader.get());
    xmlDoc* doc = current != nullptr ? current->doc : nullptr;
    if (doc == nullptr) {
      // Failed before the first node: the partial tree is only in the reader's
      // document, which this call makes ours to free.
      doc = xmlTextReaderCurrentDoc(reader.get());
      partial_doc.reset(doc);
    }
    // An entity bomb in a UTF-16 document can fail before its DOCTYPE node is read.
    if (declares_dtd(doc)) throw IngestError(kDtdRefused);
    xmlNode* from = nullptr;
    if (feed.dialect == Dialect::Unknown) {
      from = doc != nullptr ? xmlDocGetRootElement(doc) : nullptr;
      if (from != nullptr) feed.dialect = dialect_of(from);
    } else if (current != nullptr) {
      from = move == Move::Expand
                 ? current
                 : next_in_order(current, move == Move::Read && moved_from_start_tag);
    }
    std::size_t cut_short = 0;
    if (from != nullptr && feed.dialect != Dialect::Unknown) {
      cut_short = feed.salvage(from, open_elements(doc, log, input));
    }
    std::string message = "XML is not well formed";
    if (log.line > 0) message += " at line " + std::to_string(log.line);
    if (!log.message.empty()) message += ": " + log.message;
    if (feed.items == 0) throw IngestError(message);
    feed.report(cut_short, message + "; the rest of the feed is not read");
  } else if (feed.dialect == Dialect::Unknown) {
    throw IngestError("no XML element in file");
  }
  return feed.count;
}

}  // namespace newsdesk::ingest
