#include "text/analysis.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

namespace newsdesk::text {
namespace {

std::string strip_accents(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& nfd = *icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2& nfc = *icu::Normalizer2::getNFCInstance(status);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString decomposed = nfd.normalize(in, status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    // Only the combining diacriticals of Latin, Greek and Cyrillic: marks
    // of other scripts (the kana voicing mark in が) are part of the letter.
    if (cp < 0x300 || cp > 0x36f) bare.append(cp);
    i += U16_LENGTH(cp);
  }
  std::string out;
  nfc.normalize(bare, status).toUTF8String(out);
  return U_SUCCESS(status) ? out : std::string(utf8);
}

}  // namespace

std::string prepare_for_terms(std::string_view utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string out = ascii ? std::string(utf8) : strip_accents(utf8);
  const auto is_suffix = [](char c) { return c == '+' || c == '#'; };
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (is_suffix(out[i]) && std::isalnum(static_cast<unsigned char>(out[i - 1]))) {
      for (; i < out.size() && is_suffix(out[i]); ++i) out[i] = ' ';
    }
  }
  return out;
}

}  // namespace newsdesk::text
