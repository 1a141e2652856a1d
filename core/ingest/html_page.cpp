#include "ingest/html_page.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "extract/dates.h"
#include "extract/rfc822_date.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

// Owns one gumbo parse; `fragment` parses as the children of that element.
class GumboTree {
 public:
  explicit GumboTree(std::string_view html, GumboTag fragment = GUMBO_TAG_LAST)
      : options_(kGumboDefaultOptions) {
    options_.fragment_context = fragment;
    options_.max_errors = 0;  // parse errors are of no use to us; do not keep them
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  }
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;
  ~GumboTree() { gumbo_destroy_output(&options_, output_); }
  [[nodiscard]] const GumboNode* root() const { return output_->root; }

 private:
  GumboOptions options_;
  GumboOutput* output_ = nullptr;
};

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode* node) {
  return is_element(node) ? node->v.element.tag : GUMBO_TAG_LAST;
}

std::span<GumboNode* const> children(const GumboNode* node) {
  const GumboVector* v = nullptr;
  if (is_element(node)) {
    v = &node->v.element.children;
  } else if (node->type == GUMBO_NODE_DOCUMENT) {
    v = &node->v.document.children;
  } else {
    return {};
  }
  return {reinterpret_cast<GumboNode* const*>(v->data), v->length};
}

std::string_view attribute(const GumboNode* node, const char* name) {
  if (!is_element(node)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool has_attribute(const GumboNode* node, const char* name) {
  return is_element(node) && gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lower-case name of an element gumbo does not know (custom elements, <dialog>).
std::string unknown_tag_name(const GumboNode* node) {
  GumboStringPiece piece = node->v.element.original_tag;
  if (piece.data == nullptr) return {};
  gumbo_tag_from_original_text(&piece);
  return lower(std::string_view(piece.data, piece.length));
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Preorder walk without recursion (a page may nest thousands of elements deep).
// `visit` returns whether to descend into the node.
template <class Visit>
void walk(const GumboNode* root, Visit&& visit) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (!visit(node)) continue;
    const auto kids = children(node);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
}

// ---- what is not article text ----

// Never visible text, in a page or in a feed fragment.
bool is_invisible_tag(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  switch (tag_of(node)) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

// Site furniture around the story. <header> is optional because the article's
// own header holds its <h1> and <time>, searched but not rendered.
bool is_chrome_tag(const GumboNode* node, bool include_header) {
  switch (tag_of(node)) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_MENU:
      return true;
    case GUMBO_TAG_HEADER:
      return include_header;
    case GUMBO_TAG_UNKNOWN:
      return unknown_tag_name(node) == "dialog";
    default:
      return false;
  }
}

bool is_hidden(const GumboNode* node) {
  if (has_attribute(node, "hidden") || lower(attribute(node, "aria-hidden")) == "true") return true;
  std::string style;
  for (const char c : attribute(node, "style")) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      style += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Whitespace-separated tokens of a class attribute.
std::vector<std::string_view> split_tokens(std::string_view value) {
  std::vector<std::string_view> tokens;
  for (std::size_t pos = 0; pos < value.size();) {
    const std::size_t start = value.find_first_not_of(" \t\r\n\f", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = value.find_first_of(" \t\r\n\f", start);
    if (end == std::string_view::npos) end = value.size();
    tokens.push_back(value.substr(start, end - start));
    pos = end;
  }
  return tokens;
}

std::string squash(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

// Names of widgets that are not the story. Short words must match a whole
// word ("ad" must not catch "header" or "read"); the longer fragments may sit
// inside a compound ("cookieBanner", "jp-relatedposts").
constexpr std::array kNoiseWords = {
    "ad",      "ads",    "adslot",    "adunit",   "advertisement", "share",
    "sharing", "social", "comment",   "comments", "promo",         "sponsored",
    "modal",   "popup",  "subscribe", "trending", "popular",       "recommended"};
constexpr std::array kNoiseFragments = {
    "cookie",     "consent",     "gdpr",           "newsletter",  "breadcrumb",  "advert",
    "sponsor",    "recommend",   "related",        "morestories", "readmore",    "readnext",
    "alsoread",   "youmaylike",  "youmayalsolike", "mostread",    "mostpopular", "sharebar",
    "sharetools", "sharebutton", "socialshare",    "sociallinks", "socialmedia", "outbrain",
    "taboola",    "disqus",      "signup",         "skiplink",    "adsbygoogle"};

bool is_noise_word(const std::string& word) {
  return std::find(kNoiseWords.begin(), kNoiseWords.end(), word) != kNoiseWords.end();
}

// A class or id naming such a widget.
bool names_noise(std::string_view value, bool is_class) {
  std::vector<std::string_view> tokens =
      is_class ? split_tokens(value) : std::vector<std::string_view>{value};
  for (const std::string_view token : tokens) {
    const std::string low = lower(token);
    // State modifiers ("has-comments", "is-shareable") describe the element,
    // which may well be the story itself.
    if (low.starts_with("has-") || low.starts_with("has_") || low.starts_with("is-") ||
        low.starts_with("is_") || low.starts_with("no-") || low.starts_with("with-")) {
      continue;
    }
    const std::vector<std::string> words = split_words(low);
    if (std::any_of(words.begin(), words.end(), is_noise_word)) return true;
    const std::string squashed = squash(words);
    for (const char* fragment : kNoiseFragments) {
      if (squashed.find(fragment) != std::string::npos) return true;
    }
  }
  return false;
}

// An aria-label is free text ("Share this article", "Related stories"): only
// how it starts counts, so that a label quoting a headline ("Shares rally")
// is not taken for a widget.
bool labels_noise(std::string_view label) {
  const std::vector<std::string> words = split_words(label);
  if (words.empty()) return false;
  if (is_noise_word(words.front())) return true;
  const std::string squashed = squash(words);
  for (const char* fragment : kNoiseFragments) {
    if (squashed.starts_with(fragment)) return true;
  }
  return false;
}

bool marked_as_noise(const GumboNode* node) {
  if (!is_element(node)) return false;
  if (is_hidden(node)) return true;
  static constexpr std::array kRoles = {"navigation", "banner",  "contentinfo", "complementary",
                                        "search",     "dialog",  "alertdialog", "menu",
                                        "menubar",    "toolbar", "alert"};
  for (const std::string& role : split_words(attribute(node, "role"))) {
    if (std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end()) return true;
  }
  return names_noise(attribute(node, "class"), true) || names_noise(attribute(node, "id"), false) ||
         labels_noise(attribute(node, "aria-label"));
}

// Everything a page shows that is not the story.
bool is_page_noise(const GumboNode* node, bool include_header) {
  const GumboTag tag = tag_of(node);
  if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY) return false;
  return is_invisible_tag(node) || is_chrome_tag(node, include_header) || marked_as_noise(node);
}

// ---- rendering text ----

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool is_preformatted(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP ||
         tag == GUMBO_TAG_PLAINTEXT || tag == GUMBO_TAG_TEXTAREA;
}

// Text of a subtree with "\n\n" around blocks and "\n" for <br>; not yet
// cleaned. `skip` says which elements to leave out (the root is never left out).
template <class Skip>
std::string render(const GumboNode* root, Skip&& skip) {
  std::string out;
  int preformatted = 0;
  // A null node marks the end of the element below it on the stack.
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node == nullptr) {
      const GumboNode* closed = stack.back();
      stack.pop_back();
      const GumboTag tag = tag_of(closed);
      if (is_preformatted(tag)) --preformatted;
      if (is_block(tag)) out += "\n\n";
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) out += ' ';
      continue;
    }
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE: {
        const std::size_t start = out.size();
        out += node->v.text.text;
        // Source line breaks are not paragraph breaks outside <pre>.
        if (preformatted == 0) {
          std::replace_if(
              out.begin() + static_cast<std::ptrdiff_t>(start), out.end(),
              [](char c) { return c == '\n' || c == '\r' || c == '\t' || c == '\f'; }, ' ');
        }
        continue;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        continue;  // comments, the document node
    }
    if (node != root && skip(node)) continue;
    const GumboTag tag = tag_of(node);
    if (tag == GUMBO_TAG_BR) {
      out += '\n';
      continue;
    }
    if (is_block(tag)) out += "\n\n";
    if (is_preformatted(tag)) ++preformatted;
    stack.push_back(node);
    stack.push_back(nullptr);
    const auto kids = children(node);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

std::string text_of(const GumboNode* node) {
  return text::clean_line(render(node, [](const GumboNode* n) { return is_invisible_tag(n); }));
}

// ---- the page's parts ----

const GumboNode* child_with_tag(const GumboNode* node, GumboTag tag) {
  if (node == nullptr) return nullptr;
  for (const GumboNode* child : children(node)) {
    if (tag_of(child) == tag) return child;
  }
  return nullptr;
}

// Visible text length of a subtree once page noise is left out.
std::size_t story_length(const GumboNode* node) {
  std::size_t length = 0;
  walk(node, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      length += std::strlen(n->v.text.text);
      return false;
    }
    return is_element(n) && (n == node || !is_page_noise(n, true));
  });
  return length;
}

bool names_story_body(const GumboNode* node) {
  for (const std::string& item : split_words(attribute(node, "itemprop"))) {
    if (item == "articlebody") return true;
  }
  static constexpr std::array kBodies = {"articlebody",  "storybody",      "postcontent",
                                         "entrycontent", "articlecontent", "storycontent",
                                         "postbody",     "articletext",    "storytext"};
  for (const char* attr : {"class", "id"}) {
    for (const std::string_view token : split_tokens(attribute(node, attr))) {
      const std::string squashed = squash(split_words(token));
      for (const char* body : kBodies) {
        if (squashed.find(body) != std::string::npos) return true;
      }
    }
  }
  return false;
}

bool contains(const GumboNode* ancestor, const GumboNode* node) {
  for (; node != nullptr; node = node->parent) {
    if (node == ancestor) return true;
  }
  return false;
}

// The element holding the story: the fullest <article>, unless a story-body
// element outside it holds more; else <main>; else the body.
const GumboNode* main_content(const GumboNode* body) {
  std::vector<const GumboNode*> articles, bodies, mains;
  walk(body, [&](const GumboNode* n) {
    if (!is_element(n)) return false;
    if (n != body && is_page_noise(n, false)) return false;
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_ARTICLE) articles.push_back(n);
    if (names_story_body(n)) bodies.push_back(n);
    if (tag == GUMBO_TAG_MAIN || lower(attribute(n, "role")) == "main") mains.push_back(n);
    return true;
  });
  // Bounded so that a page of thousands of nested candidates stays linear enough.
  const auto fullest = [](const std::vector<const GumboNode*>& nodes) {
    const GumboNode* best = nullptr;
    std::size_t best_length = 0;
    for (std::size_t i = 0; i < nodes.size() && i < 64; ++i) {
      const std::size_t length = story_length(nodes[i]);
      if (length > best_length) {
        best = nodes[i];
        best_length = length;
      }
    }
    return std::pair{best, best_length};
  };
  const auto [article, article_chars] = fullest(articles);
  const auto [story, story_chars] = fullest(bodies);
  if (article && !(story && !contains(article, story) && story_chars > article_chars)) {
    return article;
  }
  if (story) return story;
  for (const GumboNode* m : mains) {
    if (story_length(m) > 0) return m;
  }
  return body;
}

struct Meta {
  std::string key;  // property, name or itemprop, lower case
  std::string content;
};

std::vector<Meta> collect_meta(const GumboNode* root) {
  std::vector<Meta> metas;
  walk(root, [&](const GumboNode* n) {
    if (!is_element(n)) return false;
    if (tag_of(n) == GUMBO_TAG_META && has_attribute(n, "content")) {
      for (const char* attr : {"property", "name", "itemprop"}) {
        const std::string_view key = attribute(n, attr);
        if (!key.empty()) metas.push_back({lower(key), std::string(attribute(n, "content"))});
      }
      return false;
    }
    // Metadata of teaser cards in related-story lists is not this page's.
    return n == root || tag_of(n) == GUMBO_TAG_HEAD || !is_page_noise(n, false);
  });
  return metas;
}

std::string meta_value(const std::vector<Meta>& metas, std::string_view key) {
  for (const Meta& m : metas) {
    if (m.key == key) return m.content;
  }
  return {};
}

std::optional<std::int64_t> parse_date(std::string_view value) {
  if (auto t = extract::parse_iso8601(value)) return t;
  return extract::parse_rfc822_date(value);
}

// "Title | Site", "Title - Site", "Site: Title" -> "Title" when Site is the site's name.
std::string strip_site_name(const std::string& title, const std::string& site) {
  if (site.empty()) return title;
  const std::string site_key = text::fold(site);
  static constexpr std::array kSeparators = {
      " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", " :: ", ": "};
  for (const std::string_view sep : kSeparators) {
    const std::size_t at = title.rfind(sep);
    if (at != std::string::npos && at > 0 &&
        text::fold(title.substr(at + sep.size())) == site_key) {
      return title.substr(0, at);
    }
    const std::size_t first = title.find(sep);
    if (first != std::string::npos && first > 0 && text::fold(title.substr(0, first)) == site_key &&
        first + sep.size() < title.size()) {
      return title.substr(first + sep.size());
    }
  }
  return title;
}

// The first non-empty <h1> under `root` that is part of the page's text.
// `accept` may refuse one (a logo) and the search goes on.
template <class Accept>
const GumboNode* find_h1(const GumboNode* root, Accept&& accept) {
  const GumboNode* found = nullptr;
  walk(root, [&](const GumboNode* n) {
    if (found != nullptr || !is_element(n)) return false;
    if (n != root && is_page_noise(n, false)) return false;
    if (tag_of(n) == GUMBO_TAG_H1) {
      if (!text_of(n).empty() && accept(n)) found = n;
      return false;
    }
    return true;
  });
  return found;
}

bool inside_site_header(const GumboNode* node) {
  bool in_header = false;
  for (const GumboNode* n = node->parent; n != nullptr; n = n->parent) {
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) return false;
    if (tag == GUMBO_TAG_HEADER || lower(attribute(n, "role")) == "banner") in_header = true;
  }
  return in_header;
}

std::optional<std::int64_t> json_ld_date(const GumboNode* root) {
  using nlohmann::json;
  static constexpr std::array kArticleTypes = {
      "newsarticle",        "article",     "reportagenewsarticle", "analysisnewsarticle",
      "opinionnewsarticle", "blogposting", "liveblogposting",      "backgroundnewsarticle",
      "reviewnewsarticle",  "report",      "scholarlyarticle",     "techarticle"};
  const auto is_article = [](const json& object) {
    const auto type = object.find("@type");
    if (type == object.end()) return false;
    std::vector<std::string> types;
    if (type->is_string()) types.push_back(lower(type->get<std::string>()));
    if (type->is_array()) {
      for (const json& t : *type) {
        if (t.is_string()) types.push_back(lower(t.get<std::string>()));
      }
    }
    return std::any_of(types.begin(), types.end(), [](const std::string& t) {
      return std::find(kArticleTypes.begin(), kArticleTypes.end(), t) != kArticleTypes.end();
    });
  };
  std::optional<std::int64_t> any_date;  // from an object not typed as an article
  std::optional<std::int64_t> article_date;
  walk(root, [&](const GumboNode* n) {
    if (article_date || !is_element(n)) return false;
    if (tag_of(n) != GUMBO_TAG_SCRIPT) return true;
    if (lower(attribute(n, "type")) != "application/ld+json") return false;
    std::string source;
    for (const GumboNode* child : children(n)) {
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
        source += child->v.text.text;
      }
    }
    const json doc = json::parse(source, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return false;
    // Only the page's own objects: the top level, a top-level array, @graph
    // and mainEntity. Articles nested deeper (an ItemList of related stories)
    // are other pages.
    std::vector<const json*> objects;
    const auto add = [&](const json& value) {
      if (value.is_object()) objects.push_back(&value);
      if (value.is_array()) {
        for (const json& item : value) {
          if (item.is_object()) objects.push_back(&item);
        }
      }
    };
    add(doc);
    for (std::size_t i = 0; i < objects.size() && i < 256; ++i) {
      const json& object = *objects[i];
      for (const char* key : {"@graph", "mainEntity"}) {
        if (const auto it = object.find(key); it != object.end()) add(*it);
      }
    }
    for (const json* object : objects) {
      const auto published = object->find("datePublished");
      if (published == object->end() || !published->is_string()) continue;
      const auto t = parse_date(published->get<std::string>());
      if (t && is_article(*object)) {
        article_date = t;
        break;
      }
      if (t && !any_date) any_date = t;
    }
    return false;
  });
  return article_date ? article_date : any_date;
}

// <time> in the story: one marked as the publication time first, else the
// first that is not marked as an update.
std::optional<std::int64_t> time_element_date(const GumboNode* content) {
  std::optional<std::int64_t> marked, first;
  walk(content, [&](const GumboNode* n) {
    if (marked || !is_element(n)) return false;
    if (n != content && is_page_noise(n, false)) return false;
    if (tag_of(n) != GUMBO_TAG_TIME) return true;
    std::string value(attribute(n, "datetime"));
    if (value.empty()) value = text_of(n);
    const auto t = parse_date(value);
    if (!t) return false;
    const std::string labels =
        lower(std::string(attribute(n, "itemprop")) + " " + std::string(attribute(n, "class")));
    if (has_attribute(n, "pubdate") || labels.find("datepublished") != std::string::npos ||
        labels.find("publish") != std::string::npos) {
      marked = t;
    } else if (!first && labels.find("modified") == std::string::npos &&
               labels.find("updated") == std::string::npos) {
      first = t;
    }
    return false;
  });
  return marked ? marked : first;
}

// The smallest element holding both the headline and the story text: where a
// page puts the dateline when the text sits in its own <div>.
const GumboNode* story_scope(const GumboNode* content, const GumboNode* h1) {
  if (h1 == nullptr) return content;
  for (const GumboNode* n = content; n != nullptr; n = n->parent) {
    if (contains(n, h1)) return n;
  }
  return content;
}

std::optional<std::int64_t> published_time(const GumboNode* root, const GumboNode* content,
                                           const GumboNode* h1, const std::vector<Meta>& metas) {
  static constexpr std::array kMetaKeys = {"article:published_time",
                                           "og:published_time",
                                           "datepublished",
                                           "pubdate",
                                           "publishdate",
                                           "publish-date",
                                           "publish_date",
                                           "date",
                                           "dc.date",
                                           "dc.date.issued",
                                           "dcterms.date",
                                           "dcterms.issued",
                                           "dcterms.created",
                                           "sailthru.date",
                                           "parsely-pub-date"};
  for (const char* key : kMetaKeys) {
    for (const Meta& m : metas) {
      if (m.key != key) continue;
      if (const auto t = parse_date(m.content)) return t;
    }
  }
  if (const auto t = json_ld_date(root)) return t;
  if (const auto t = time_element_date(content)) return t;
  const GumboNode* scope = story_scope(content, h1);
  return scope != content ? time_element_date(scope) : std::nullopt;
}

bool is_absolute_url(std::string_view url) {
  const std::string low = lower(url.substr(0, 8));
  return low.starts_with("http://") || low.starts_with("https://");
}

std::string canonical_url(const GumboNode* root, const std::vector<Meta>& metas) {
  std::string canonical;
  walk(root, [&](const GumboNode* n) {
    if (!canonical.empty() || !is_element(n)) return false;
    if (tag_of(n) != GUMBO_TAG_LINK) return true;
    for (const std::string& rel : split_words(attribute(n, "rel"))) {
      if (rel == "canonical") canonical = text::clean_line(attribute(n, "href"));
    }
    return false;
  });
  if (is_absolute_url(canonical)) return canonical;
  // A relative canonical link cannot be resolved without the page's address.
  const std::string og_url = text::clean_line(meta_value(metas, "og:url"));
  return is_absolute_url(og_url) ? og_url : std::string();
}

std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest = rest.substr(at + 1);
  }
  if (!rest.starts_with('[')) rest = rest.substr(0, rest.find(':'));
  std::string host = lower(rest);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace

std::optional<Article> parse_html_page(std::string_view html) {
  const GumboTree tree(html);
  const GumboNode* root = tree.root();
  const GumboNode* head = child_with_tag(root, GUMBO_TAG_HEAD);
  const GumboNode* body = child_with_tag(root, GUMBO_TAG_BODY);
  if (body == nullptr) return std::nullopt;

  const std::vector<Meta> metas = collect_meta(root);
  Article article;
  article.url = canonical_url(root, metas);
  article.source = text::clean_line(meta_value(metas, "og:site_name"));
  if (article.source.empty()) article.source = host_of(article.url);

  // Title: the story's <h1>; else an <h1> of the page that is not the site's
  // logo in its header; else og:title or <title> without the site's name.
  std::string meta_title = text::clean_line(meta_value(metas, "og:title"));
  if (meta_title.empty()) {
    if (const GumboNode* title = child_with_tag(head, GUMBO_TAG_TITLE)) meta_title = text_of(title);
  }
  const std::string site_name = text::clean_line(meta_value(metas, "og:site_name"));
  meta_title = strip_site_name(meta_title, site_name);
  const std::string meta_key = text::fold(meta_title);
  const std::string site_key = text::fold(site_name);

  const GumboNode* content = main_content(body);
  const auto not_logo = [&](const GumboNode* h1) {
    const std::string key = text::fold(text_of(h1));
    if (!site_key.empty() && key == site_key) return false;
    return !inside_site_header(h1) || meta_key.empty() || key == meta_key;
  };
  const GumboNode* h1 = content != body ? find_h1(content, not_logo) : nullptr;
  if (h1 == nullptr) h1 = find_h1(body, not_logo);
  article.title = h1 != nullptr ? text_of(h1) : meta_title;

  std::string text = text::clean_text(
      render(content, [&](const GumboNode* n) { return n == h1 || is_page_noise(n, true); }));
  // The headline repeated as the story's first paragraph (a second <h1>, a
  // "headline" <p>) is not body text.
  const std::string title_key = text::fold(article.title);
  while (!title_key.empty()) {
    const std::size_t end = text.find("\n\n");
    const std::string first = text.substr(0, end);
    if (text::fold(text::clean_line(first)) != title_key) break;
    text.erase(0, end == std::string::npos ? std::string::npos : end + 2);
  }
  article.body = std::move(text);
  if (article.body.empty()) return std::nullopt;
  article.published = published_time(root, content, h1, metas);
  return article;
}

std::string html_to_text(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) return text::clean_text(html);
  const GumboTree tree(html, GUMBO_TAG_DIV);
  return text::clean_text(
      render(tree.root(), [](const GumboNode* n) { return is_invisible_tag(n) || is_hidden(n); }));
}

}  // namespace newsdesk::ingest
