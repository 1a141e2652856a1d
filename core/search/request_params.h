// The one reading of search parameters, shared by the HTTP API (URL query
// parameters) and the query tool (its flags become the same name=value pairs),
// so both accept exactly the same values and give the same errors.
#pragma once

#include <map>
#include <string>

#include "search/search_types.h"

namespace newsdesk::search {

// name -> value; a name may repeat (company=apple&company=tesla).
using SearchParams = std::multimap<std::string, std::string>;

// q, page, size, snippet_length; company, country, topic, source
// (repeatable); from, to (YYYY-MM-DD); sort (relevance|date|recent);
// half_life (days); collapse (true|false); group; related; facets (values
// per facet, 0 = none). Unknown names are ignored. Throws UserError naming
// the parameter for a value that cannot be used.
SearchRequest parse_search_params(const SearchParams& params);

}  // namespace newsdesk::search
