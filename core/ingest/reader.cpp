#include "ingest/reader.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "errors.h"
#include "ingest/jsonl.h"
#include "ingest/plain_article.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::size_t read_stream(std::istream& in, const std::filesystem::path& path,
                        const ArticleSink& articles, const ProblemSink& problems) {
  // Peek at the head to detect the format, then hand the whole stream on.
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const Format format = detect_format(path, head);
  std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw IngestError("read error");
  const std::string origin = path.string();

  switch (format) {
    case Format::JsonLines: {
      std::istringstream lines(head + rest);
      return read_jsonl(lines, origin, articles, problems);
    }
    case Format::PlainText: {
      auto article = parse_plain_article(head + rest);
      if (!article) throw IngestError("no article text in file");
      article->origin = origin;
      articles(std::move(*article));
      return 1;
    }
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
  }
  return "unknown";
}

Format detect_format(const std::filesystem::path& path, std::string_view head) {
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw IngestError("empty file");
  }
  if (text::looks_binary(head)) throw IngestError("binary data, not text");
  const std::size_t first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  const std::string ext = lower_extension(path);
  if (ext == ".jsonl" || ext == ".ndjson") return Format::JsonLines;
  if (first != std::string_view::npos && head[first] == '{') return Format::JsonLines;
  return Format::PlainText;
}

bool has_article_extension(const std::filesystem::path& path) {
  const std::string ext = lower_extension(path);
  return ext == ".txt" || ext == ".jsonl" || ext == ".ndjson";
}

std::size_t read_file(const std::filesystem::path& path, const ArticleSink& articles,
                      const ProblemSink& problems) {
  if (path == "-") return read_stream(std::cin, path, articles, problems);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IngestError("cannot open file");
  return read_stream(in, path, articles, problems);
}

}  // namespace newsdesk::ingest
