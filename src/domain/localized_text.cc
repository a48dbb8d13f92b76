#include "domain/localized_text.h"

#include <cstdint>

namespace biobridge::domain {

LocalizedText::LocalizedText(std::initializer_list<Variant> variants) {
  for (const auto& [language, text] : variants) Set(language, text);
}

const std::string* LocalizedText::Find(std::string_view language) const {
  for (const auto& [lang, text] : variants_) {
    if (lang == language) return &text;
  }
  return nullptr;
}

std::string_view LocalizedText::Best(std::initializer_list<std::string_view> preferred) const {
  for (std::string_view language : preferred) {
    if (const std::string* text = Find(language)) return *text;
  }
  return variants_.empty() ? std::string_view() : std::string_view(variants_.front().second);
}

void LocalizedText::Set(std::string language, std::string text) {
  for (auto& [lang, existing] : variants_) {
    if (lang == language) {
      existing = std::move(text);
      return;
    }
  }
  variants_.emplace_back(std::move(language), std::move(text));
}

namespace {

// Decodes the code point starting at `i` of valid UTF-8 and advances `i`.
std::uint32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  std::uint32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < length && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += length;
  return cp;
}

}  // namespace

std::string GuessLanguageByScript(std::string_view text) {
  struct Range {
    std::uint32_t first, last;
    const char* language;
  };
  static constexpr Range kScripts[] = {
      {0x3040, 0x30FF, "ja"},   // Hiragana, Katakana (before Han: Japanese mixes both)
      {0x4E00, 0x9FFF, "zh"},   {0x3400, 0x4DBF, "zh"}, {0x20000, 0x2A6DF, "zh"},
      {0xAC00, 0xD7AF, "ko"},   {0x1100, 0x11FF, "ko"}, {0x0400, 0x04FF, "ru"},
      {0x0590, 0x05FF, "he"},   {0x0600, 0x06FF, "ar"}, {0x0370, 0x03FF, "el"},
      {0x0E00, 0x0E7F, "th"},   {0x10A0, 0x10FF, "ka"}, {0x0530, 0x058F, "hy"},
  };
  bool saw_han = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::uint32_t cp = NextCodePoint(text, i);
    for (const Range& r : kScripts) {
      if (cp >= r.first && cp <= r.last) {
        if (std::string_view(r.language) == "zh") {
          saw_han = true;  // keep looking for kana, which makes it Japanese
          break;
        }
        return r.language;
      }
    }
  }
  return saw_han ? "zh" : "en";
}

}  // namespace biobridge::domain
