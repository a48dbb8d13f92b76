// Text normalisation and language detection: the first steps of every
// analysis of text in BioBridge, so that the index, the queries and the
// concept vocabulary all meet on the same form of a word.
//
// NormalizeText applies, in this order:
//   1. NFKC with Unicode case folding (ICU's NFKC_Casefold): full-width
//      letters and digits become ASCII, ligatures split, case disappears;
//   2. Russian ё → е (Russian writes both for one letter);
//   3. traditional → simplified Chinese (OpenCC's t2s, phrases then
//      characters), only when the text holds Han characters.
// The input must be valid UTF-8 (BioBridge checks all input at its edges);
// invalid sequences become U+FFFD.
//
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace biobridge::text {

std::string NormalizeText(std::string_view utf8);

// The same, for a word of a text already known to hold no traditional
// characters (`convert_chinese` false skips OpenCC): the tokenizer checks a
// whole text once instead of every word.
std::string NormalizeWord(std::string_view utf8, bool convert_chinese);

// Traditional → simplified Chinese alone (OpenCC t2s); other text unchanged.
std::string ToSimplifiedChinese(std::string_view utf8);
// Whether the text holds a character that OpenCC's t2s changes.
bool ContainsTraditionalChinese(std::string_view utf8);

// The language a text is written in, judged from the script of its letters:
// the script with most letters wins (Han "zh", Cyrillic "ru", Latin "en",
// Hangul "ko", Arabic "ar", Hebrew "he", Greek "el", Thai "th", Georgian "ka",
// Armenian "hy"; any kana makes Han text "ja"). Empty when the text has no
// letters at all (digits and punctuation only).
std::string DetectLanguage(std::string_view utf8);

}  // namespace biobridge::text
