// One entry point for every input format: detect it, then read the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "ingest/problem.h"

namespace newsdesk::ingest {

enum class Format { PlainText, JsonLines, Html, Feed, ReutersSgml };

std::string_view format_name(Format format);

// The format of a file, decided by its content first (`head` is its first
// bytes) and by its extension second. Throws IngestError for data that is not
// text (binary) or an empty file.
Format detect_format(const std::filesystem::path& path, std::string_view head);

// True for files a folder walk picks up (.txt, .jsonl, .ndjson, .html, .htm,
// .xml, .rss, .atom, .sgm). Files named explicitly are read whatever their
// extension.
bool has_article_extension(const std::filesystem::path& path);

// Reads every article of one file ("-" = standard input) into `articles`,
// reporting bad records through `problems`. Streams formats that can hold
// many articles (JSON Lines, feeds, Reuters SGML). Throws IngestError if the
// file as a whole cannot be read. Returns the number of articles delivered.
std::size_t read_file(const std::filesystem::path& path, const ArticleSink& articles,
                      const ProblemSink& problems);

}  // namespace newsdesk::ingest
