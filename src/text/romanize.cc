#include "text/romanize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>

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
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c >= 0x0400 && c <= 0x04FF) return true;
  }
  return false;
}

std::string RomanizeRussian(std::string_view text) {
  if (!HasCyrillic(text)) return std::string(text);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  RussianToLatin().transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

}  // namespace biobridge::text
