#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "text/ascii.h"

namespace newsdesk::text {
namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString normalize(const icu::Normalizer2& normalizer, const icu::UnicodeString& in) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer.normalize(in, status);
  return U_SUCCESS(status) ? out : in;
}

const icu::Normalizer2& nfkc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFKCInstance(status);
}

}  // namespace

std::string repair_utf8(std::string_view bytes) {
  if (is_ascii(bytes)) return std::string(bytes);
  // fromUTF8 substitutes U+FFFD for every ill-formed sequence.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())));
  return to_utf8(u);
}

std::string nfkc(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return to_utf8(normalize(nfkc_instance(), u));
}

std::string clean_text(std::string_view bytes) {
  const std::string normal = nfkc(repair_utf8(bytes));
  std::string out;
  out.reserve(normal.size());
  std::size_t pending_newlines = 0;  // newlines seen since the last visible char
  bool pending_space = false;
  for (std::size_t i = 0; i < normal.size(); ++i) {
    const auto c = static_cast<unsigned char>(normal[i]);
    if (c == '\n') {
      ++pending_newlines;
      pending_space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (c < 0x20 || c == 0x7f) continue;  // C0 controls
    // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
    if (c == 0xc2 && i + 1 < normal.size()) {
      const auto next = static_cast<unsigned char>(normal[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        ++i;
        continue;
      }
    }
    if (!out.empty()) {
      if (pending_newlines >= 2) {
        out += "\n\n";
      } else if (pending_newlines == 1) {
        out += '\n';
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_newlines = 0;
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string clean_line(std::string_view bytes) {
  std::string s = clean_text(bytes);
  std::replace(s.begin(), s.end(), '\n', ' ');
  // Paragraph breaks became two spaces; fold them.
  s.erase(std::unique(s.begin(), s.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
          s.end());
  return s;
}

std::string fold(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& nfd = *icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2& casefold = *icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString decomposed =
      normalize(nfd, icu::UnicodeString::fromUTF8(
                         icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    if (u_charType(cp) != U_NON_SPACING_MARK) bare.append(cp);
    i += U16_LENGTH(cp);
  }
  return to_utf8(normalize(casefold, bare));
}

std::string slug(std::string_view utf8) {
  if (is_ascii(utf8)) {  // the same, without ICU: story keys slug every title and lead
    std::string out;
    bool dash = false;
    for (const char c : utf8) {
      if (is_ascii_alnum(static_cast<unsigned char>(c))) {
        if (dash && !out.empty()) out += '-';
        dash = false;
        out += ascii_lower(c);
      } else {
        dash = true;
      }
    }
    return out;
  }
  const std::string folded = fold(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  icu::UnicodeString out;
  bool dash = false;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    if (u_isalnum(cp)) {
      if (dash && !out.isEmpty()) out.append(static_cast<UChar>('-'));
      dash = false;
      out.append(cp);
    } else {
      dash = true;
    }
  }
  return to_utf8(out);
}

bool looks_binary(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) return true;
  std::size_t controls = 0;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  return !head.empty() && controls * 10 > head.size();  // >10% control bytes
}

}  // namespace newsdesk::text
