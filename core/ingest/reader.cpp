#include "ingest/reader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <iterator>
#include <streambuf>

#include "errors.h"
#include "ingest/feed.h"
#include "ingest/html_page.h"
#include "ingest/jsonl.h"
#include "ingest/plain_article.h"
#include "ingest/reuters_sgml.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

constexpr std::size_t kHeadBytes = 8192;
// Formats that hold one article per file are read whole; beyond this size a
// "page" is not an article.
constexpr std::size_t kMaxSingleArticleBytes = 64 * 1024 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Yields the bytes already read for format detection, then the rest of the
// underlying stream: readers stream from the start without a seek (stdin).
class ReplayBuffer : public std::streambuf {
 public:
  ReplayBuffer(std::string head, std::streambuf* rest) : head_(std::move(head)), rest_(rest) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize n =
        rest_->sgetn(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
    if (n <= 0) return traits_type::eof();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::streambuf* rest_;
  std::array<char, 65536> chunk_{};
};

std::string read_whole(std::istream& in) {
  std::string all;
  std::array<char, 65536> buf{};
  while (in.read(buf.data(), buf.size()) || in.gcount() > 0) {
    all.append(buf.data(), static_cast<std::size_t>(in.gcount()));
    if (all.size() > kMaxSingleArticleBytes) throw IngestError("file too large for one article");
  }
  return all;
}

std::size_t read_stream(std::istream& raw, const std::filesystem::path& path,
                        const ArticleSink& articles, const ProblemSink& problems) {
  std::string head(kHeadBytes, '\0');
  raw.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(raw.gcount()));
  if (raw.bad()) throw IngestError("read error");
  const Format format = detect_format(path, head);
  ReplayBuffer replay(std::move(head), raw.rdbuf());
  std::istream in(&replay);
  const std::string origin = path.string();

  const auto single = [&](std::optional<Article> article) -> std::size_t {
    if (!article) throw IngestError("no article text in file");
    article->origin = origin;
    articles(std::move(*article));
    return 1;
  };
  switch (format) {
    case Format::JsonLines:
      return read_jsonl(in, origin, articles, problems);
    case Format::ReutersSgml:
      return read_reuters_sgml(in, origin, articles, problems);
    case Format::Feed:
      return read_feed(in, origin, articles, problems);
    case Format::Html:
      return single(parse_html_page(read_whole(in)));
    case Format::PlainText:
      return single(parse_plain_article(read_whole(in)));
  }
  return 0;
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::PlainText:
      return "text";
    case Format::JsonLines:
      return "jsonl";
    case Format::Html:
      return "html";
    case Format::Feed:
      return "feed";
    case Format::ReutersSgml:
      return "reuters-sgml";
  }
  return "unknown";
}

Format detect_format(const std::filesystem::path& path, std::string_view head) {
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw IngestError("empty file");
  }
  if (text::looks_binary(head)) throw IngestError("binary data, not text");
  const std::size_t first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  const std::string start = lower(head.substr(first, 2048));
  if (start.find("<reuters") != std::string::npos || start.find("<!doctype lewis") == 0) {
    return Format::ReutersSgml;
  }
  if (start[0] == '{') return Format::JsonLines;
  if (start[0] == '<') {
    if (start.find("<rss") != std::string::npos || start.find("<feed") != std::string::npos ||
        start.find("<rdf:rdf") != std::string::npos) {
      return Format::Feed;
    }
    if (start.find("<html") != std::string::npos || start.find("<!doctype html") == 0 ||
        start.find("<head") != std::string::npos || start.find("<body") != std::string::npos) {
      return Format::Html;
    }
  }
  const std::string ext = lower(path.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return Format::JsonLines;
  if (ext == ".html" || ext == ".htm") return Format::Html;
  if (ext == ".rss" || ext == ".atom") return Format::Feed;
  if (ext == ".sgm") return Format::ReutersSgml;
  if (ext == ".xml" && start[0] == '<') return Format::Feed;
  return Format::PlainText;
}

bool has_article_extension(const std::filesystem::path& path) {
  static constexpr std::array kExtensions = {".txt", ".jsonl", ".ndjson", ".html", ".htm",
                                             ".xml", ".rss",   ".atom",   ".sgm"};
  const std::string ext = lower(path.extension().string());
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

std::size_t read_file(const std::filesystem::path& path, const ArticleSink& articles,
                      const ProblemSink& problems) {
  if (path == "-") return read_stream(std::cin, path, articles, problems);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IngestError("cannot open file");
  return read_stream(in, path, articles, problems);
}

}  // namespace newsdesk::ingest
