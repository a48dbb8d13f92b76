#include "text/normalize.h"

#include <opencc/SimpleConverter.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "text/unicode.h"

namespace biobridge::text {
namespace {

const icu::Normalizer2& NfkcCasefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC_Casefold is unavailable");
    return n;
  }();
  return *instance;
}

// OpenCC's dictionaries ship with the library (Debian: /usr/share/opencc).
// One converter per thread: OpenCC does not promise that Convert is
// thread-safe, and a converter costs a few milliseconds to load.
const opencc::SimpleConverter& TraditionalToSimplified() {
  thread_local std::unique_ptr<opencc::SimpleConverter> converter =
      std::make_unique<opencc::SimpleConverter>(OPENCC_T2S_CONFIG);
  return *converter;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string ToSimplifiedChinese(std::string_view utf8) {
  if (!ContainsHan(utf8)) return std::string(utf8);
  return TraditionalToSimplified().Convert(utf8.data(), utf8.size());
}

std::string NormalizeText(std::string_view utf8) {
  if (IsAscii(utf8)) {  // the common case, and NFKC_Casefold of ASCII is lower case
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded =
      NfkcCasefold().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size())), status);
  if (U_FAILURE(status)) return std::string(utf8);
  folded.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0451)), icu::UnicodeString(static_cast<UChar>(0x0435)));
  std::string out;
  folded.toUTF8String(out);
  return ToSimplifiedChinese(out);
}

std::string DetectLanguage(std::string_view utf8) {
  struct ScriptLanguage {
    UScriptCode script;
    const char* language;
  };
  static constexpr std::array<ScriptLanguage, 10> kLanguages = {{
      {USCRIPT_HAN, "zh"}, {USCRIPT_CYRILLIC, "ru"}, {USCRIPT_LATIN, "en"}, {USCRIPT_HANGUL, "ko"},
      {USCRIPT_ARABIC, "ar"}, {USCRIPT_HEBREW, "he"}, {USCRIPT_GREEK, "el"}, {USCRIPT_THAI, "th"},
      {USCRIPT_GEORGIAN, "ka"}, {USCRIPT_ARMENIAN, "hy"},
  }};
  std::array<int, kLanguages.size()> letters{};
  bool kana = false;
  ForEachCodePoint(utf8, [&](char32_t c, std::size_t, std::size_t) {
    if (!u_isalpha(static_cast<UChar32>(c))) return;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) kana = true;
    for (std::size_t i = 0; i < kLanguages.size(); ++i) {
      if (kLanguages[i].script == script) ++letters[i];
    }
  });
  std::size_t best = 0;
  for (std::size_t i = 1; i < letters.size(); ++i) {
    if (letters[i] > letters[best]) best = i;
  }
  if (kana) return "ja";
  if (letters[best] == 0) return "";
  return kLanguages[best].language;
}

}  // namespace biobridge::text
