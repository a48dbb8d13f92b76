#include "text/romanize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>

#include "base/strings.h"

namespace biobridge::text {
namespace {

// One per thread: an ICU transliterator is not to be shared between threads.
const icu::Transliterator& RussianToLatin() {
  thread_local const std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8("Russian-Latin/BGN; [\\u02B9\\u02BA] Remove"), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error("ICU has no Russian-Latin/BGN transliterator");
    return t;
  }();
  return *transliterator;
}

}  // namespace

bool HasCyrillic(std::string_view text) {
  // U+0400..U+04FF are the two-byte sequences led by 0xD0..0xD3 (valid UTF-8
  // has no other use for those lead bytes), so a byte scan is enough.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xD0 && byte <= 0xD3;
  });
}

std::string RomanizeRussian(std::string_view text) {
  if (!HasCyrillic(text)) return std::string(text);
  // Names come back page after page, and ICU's rule-based transliterators
  // share their rules under one lock: what was romanised once is remembered
  // (up to kRemembered names; then forgotten all at once and learnt again).
  constexpr std::size_t kRemembered = 1 << 14;
  static std::shared_mutex mutex;
  static std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> remembered;
  {
    std::shared_lock lock(mutex);
    if (auto found = remembered.find(text); found != remembered.end()) return found->second;
  }
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  RussianToLatin().transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  std::unique_lock lock(mutex);
  if (remembered.size() >= kRemembered) remembered.clear();
  remembered.emplace(text, out);
  return out;
}

}  // namespace biobridge::text
