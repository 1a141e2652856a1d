// The HTTP API: one route table. URL parameters are read by
// search::parse_search_params, shared with the query tool.
#pragma once

#include <httplib.h>

#include <filesystem>

#include "searchd/searcher_pool.h"

namespace newsdesk::searchd {

// Installs the routes, the JSON error policy (UserError -> 400, anything
// else -> 500, always {"error": {"code", "message"}}) and the static files.
// Throws std::runtime_error if web_root is not a folder.
void install_routes(httplib::Server& server, SearcherPool& pool,
                    const std::filesystem::path& web_root);

}  // namespace newsdesk::searchd
