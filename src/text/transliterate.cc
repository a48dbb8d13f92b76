#include "text/transliterate.h"

#include <cstdint>

namespace biobridge::text {
namespace {

constexpr std::size_t kMinLetters = 7;
constexpr std::size_t kMinKeyLength = 4;

bool IsLatinVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// Appends a class unless it repeats the last one ("ss", "кк", "ck" are one).
void Push(std::string& key, char cls) {
  if (key.empty() || key.back() != cls) key.push_back(cls);
}

std::string LatinKey(std::string_view w) {
  std::string key;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if (IsLatinVowel(c) || c == 'j') {
      // "eu" reads as "ев" in Greek-derived words (pseudo → псевдо, neuro → невро).
      if (c == 'u' && i > 0 && w[i - 1] == 'e') Push(key, 'V');
      continue;
    }
    switch (c) {
      case 'c':
        if (next == 'h') {
          Push(key, 'K');
          ++i;
        } else {
          Push(key, next == 'e' || next == 'i' || next == 'y' ? 'S' : 'K');
        }
        break;
      case 'p':
        if (next == 'h') {
          Push(key, 'F');
          ++i;
        } else {
          Push(key, 'P');
        }
        break;
      case 't':
        if (next == 'h') ++i;
        Push(key, 'T');
        break;
      case 'q':
        Push(key, 'K');
        if (next == 'u') ++i;
        break;
      case 'x':
        Push(key, 'K');
        Push(key, 'S');
        break;
      case 'r':
        if (next == 'h') ++i;  // rheum → ревм
        Push(key, 'R');
        break;
      case 'g': case 'h': case 'k': Push(key, 'K'); break;
      case 's': case 'z': Push(key, 'S'); break;
      case 'd': Push(key, 'D'); break;
      case 'b': Push(key, 'B'); break;
      case 'f': Push(key, 'F'); break;
      case 'v': case 'w': Push(key, 'V'); break;
      case 'l': Push(key, 'L'); break;
      case 'm': Push(key, 'M'); break;
      case 'n': Push(key, 'N'); break;
      default: return {};  // a digit or anything else: no key
    }
  }
  return key;
}

// Classes of а..я (U+0430..U+044F); 0 for vowels and signs.
constexpr char kCyrillicClass[32] = {
    0,   'B', 'V', 'K', 'D', 0,   'S', 'S',  // а б в г д е ж з
    0,   0,   'K', 'L', 'M', 'N', 0,   'P',  // и й к л м н о п
    'R', 'S', 'T', 0,   'F', 'K', 'S', 'C',  // р с т у ф х ц ч
    'S', 'S', 0,   0,   0,   0,   0,   0,    // ш щ ъ ы ь э ю я
};

std::string CyrillicKey(std::string_view w) {
  if (w.size() % 2 != 0) return {};  // a letter of another script among them
  std::string key;
  for (std::size_t i = 0; i + 1 < w.size(); i += 2) {
    const auto b0 = static_cast<unsigned char>(w[i]);
    const auto b1 = static_cast<unsigned char>(w[i + 1]);
    const std::uint32_t cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
    if ((b0 & 0xE0u) != 0xC0u || cp < 0x430 || cp > 0x44F) return {};
    if (const char cls = kCyrillicClass[cp - 0x430]; cls != 0) Push(key, cls);
  }
  return key;
}

}  // namespace

SoundSkeleton SoundSkeletonOf(std::string_view word) {
  if (word.empty()) return {};
  SoundSkeleton s;
  if (static_cast<unsigned char>(word.front()) < 0x80) {
    s.script = Script::kLatin;
    if (word.size() >= kMinLetters) s.key = LatinKey(word);
  } else {
    s.script = Script::kCyrillic;  // two bytes a letter; CyrillicKey refuses anything else
    if (word.size() >= 2 * kMinLetters) s.key = CyrillicKey(word);
  }
  if (s.key.size() < kMinKeyLength) s.key.clear();
  if (s.key.empty()) s.script = Script::kOther;
  return s;
}

}  // namespace biobridge::text
