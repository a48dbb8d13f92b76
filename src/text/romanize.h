// Russian in Latin letters, for readers who do not read Cyrillic (Chinese
// readers above all), shown beside the original and never instead of it.
// BGN/PCGN romanisation through ICU's "Russian-Latin/BGN", without its prime
// marks for ь and ъ, which look like stray quotes in a name:
// "Национальный медицинский центр" → "Natsionalnyy meditsinskiy tsentr".
// Text in other scripts passes through unchanged. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace biobridge::text {

// Whether `text` has a Cyrillic letter (so that romanising it says something).
bool HasCyrillic(std::string_view text);

std::string RomanizeRussian(std::string_view text);

}  // namespace biobridge::text
