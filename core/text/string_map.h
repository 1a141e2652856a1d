// Hash maps keyed by std::string that std::string_view finds without
// building a temporary std::string for every look-up.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsdesk::text {

// Not noexcept: libstdc++ then keeps each key's hash in its node, and a
// look-up compares those instead of hashing again every key it walks past.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace newsdesk::text
