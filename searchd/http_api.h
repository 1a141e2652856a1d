// The HTTP API: one route table, and pure translators between HTTP
// parameters and the search core (testable without sockets).
#pragma once

#include <httplib.h>

#include <filesystem>

#include "search/search_types.h"
#include "searchd/searcher_pool.h"

namespace newsdesk::searchd {

// q, page, size, snippet_length -> SearchRequest. Throws UserError for a
// parameter that is not a valid number.
search::SearchRequest parse_search_request(const httplib::Params& params);

// Installs the routes, the JSON error policy (UserError -> 400, anything
// else -> 500, always {"error": {"code", "message"}}) and the static files.
// Throws std::runtime_error if web_root is not a folder.
void install_routes(httplib::Server& server, SearcherPool& pool,
                    const std::filesystem::path& web_root);

}  // namespace newsdesk::searchd
