#include "text/normalize.h"

#include <opencc/SimpleConverter.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <array>
#include <atomic>
#include <cstdint>
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

namespace {

// Whether OpenCC changes a character on its own, learnt once per character:
// almost all text is simplified already, and asking OpenCC about a whole
// text costs far more than looking characters up.
enum CharState : std::uint8_t { kUnknown = 0, kSimplified = 1, kTraditional = 2 };
constexpr char32_t kHanFirst = 0x3400;
constexpr char32_t kHanLast = 0x9FFF;
std::array<std::atomic<std::uint8_t>, kHanLast - kHanFirst + 1> g_han_state{};

bool HoldsTraditional(std::string_view utf8) {
  bool traditional = false;
  ForEachCodePoint(utf8, [&](char32_t c, std::size_t begin, std::size_t end) {
    if (traditional || !IsHanCodePoint(c)) return;
    if (c < kHanFirst || c > kHanLast) {  // rare blocks: ask every time
      traditional = TraditionalToSimplified().Convert(utf8.data() + begin, end - begin) != utf8.substr(begin, end - begin);
      return;
    }
    std::atomic<std::uint8_t>& state = g_han_state[c - kHanFirst];
    std::uint8_t known = state.load(std::memory_order_relaxed);
    if (known == kUnknown) {
      const std::string one(utf8.substr(begin, end - begin));
      known = TraditionalToSimplified().Convert(one) == one ? kSimplified : kTraditional;
      state.store(known, std::memory_order_relaxed);
    }
    traditional = known == kTraditional;
  });
  return traditional;
}

}  // namespace

std::string ToSimplifiedChinese(std::string_view utf8) {
  // Phrase-level conversion (OpenCC's t2s) only where some character is
  // traditional; phrases of simplified characters are left as written.
  if (!HoldsTraditional(utf8)) return std::string(utf8);
  return TraditionalToSimplified().Convert(utf8.data(), utf8.size());
}

bool ContainsTraditionalChinese(std::string_view utf8) { return HoldsTraditional(utf8); }

namespace {

// Russian letters and CJK ideographs need neither NFKC nor full case
// folding: lower-casing (and ё → е) is all NFKC_Casefold would do to them.
// Returns false when the word holds anything else.
bool FoldSimpleScripts(std::string_view utf8, std::string& out) {
  out.clear();
  out.reserve(utf8.size());
  bool simple = true;
  ForEachCodePoint(utf8, [&](char32_t c, std::size_t begin, std::size_t end) {
    if (!simple) return;
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      return;
    }
    char32_t folded = c;
    if (c >= 0x0410 && c <= 0x042F) folded = c + 0x20;        // А-Я → а-я
    else if (c == 0x0401 || c == 0x0451) folded = 0x0435;     // Ё, ё → е
    else if (c >= 0x0430 && c <= 0x044F) folded = c;          // а-я
    else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      out.append(utf8.substr(begin, end - begin));
      return;
    } else {
      simple = false;
      return;
    }
    // Cyrillic letters are two bytes in UTF-8.
    out += static_cast<char>(0xC0 | (folded >> 6));
    out += static_cast<char>(0x80 | (folded & 0x3F));
  });
  return simple;
}

}  // namespace

std::string NormalizeWord(std::string_view utf8, bool convert_chinese) {
  std::string folded;
  if (FoldSimpleScripts(utf8, folded)) return convert_chinese ? ToSimplifiedChinese(folded) : folded;
  return NormalizeText(utf8);
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
