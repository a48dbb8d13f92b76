// LocalizedText: a text field held as a set of language variants.
//
// Every text field of BioBridge (names, titles, descriptions, cities) is one
// of these: {"en": "...", "zh": "...", "ru": "..."}, keyed by ISO 639-1 code.
// Variants keep the order in which they were given, so that a record reads
// back as it was written.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace biobridge::domain {

class LocalizedText {
 public:
  using Variant = std::pair<std::string, std::string>;  // language code, text

  LocalizedText() = default;
  LocalizedText(std::initializer_list<Variant> variants);

  bool empty() const { return variants_.empty(); }
  const std::vector<Variant>& variants() const { return variants_; }

  // The text in `language`, or nullptr.
  const std::string* Find(std::string_view language) const;
  // The text in the first of `preferred` languages that has a variant, else
  // the first variant; empty when there is none.
  std::string_view Best(std::initializer_list<std::string_view> preferred) const;
  // Adds or replaces the variant for `language`.
  void Set(std::string language, std::string text);

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;

 private:
  std::vector<Variant> variants_;
};

// The language a text is most likely written in, judged by its script alone:
// Han "zh", Cyrillic "ru", Hangul "ko", kana "ja", Hebrew "he", Arabic "ar",
// Greek "el", Thai "th", Georgian "ka", Armenian "hy", otherwise "en". Used
// only for the plain-string shorthand of a text field; the object form names
// the language exactly.
std::string GuessLanguageByScript(std::string_view text);

}  // namespace biobridge::domain
