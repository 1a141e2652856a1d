// Exception types that cross module boundaries.
#pragma once

#include <stdexcept>

namespace newsdesk {

// The caller asked for something that cannot be done (a query too long, a bad
// parameter). Front ends map it to "bad request" (HTTP 400, exit code 2).
class UserError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A whole input file cannot be read (missing, binary, unknown format).
class IngestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsdesk
