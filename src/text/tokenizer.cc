#include "text/tokenizer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "base/strings.h"
#include "text/normalize.h"
#include "text/unicode.h"

namespace biobridge::text {
namespace {

// ICU break iterators keep state: one per thread.
icu::BreakIterator& WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no word break iterator");
    return b;
  }();
  return *breaker;
}

class SnowballStemmer {
 public:
  explicit SnowballStemmer(const char* algorithm) : stemmer_(sb_stemmer_new(algorithm, "UTF_8")) {
    if (stemmer_ == nullptr) throw std::runtime_error("libstemmer: no stemmer for this language");
  }
  ~SnowballStemmer() { sb_stemmer_delete(stemmer_); }
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  std::string Stem(std::string_view word) {
    const sb_symbol* stem =
        sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stem == nullptr) return std::string(word);  // out of memory: the word itself still works
    return std::string(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
  }

 private:
  sb_stemmer* stemmer_;
};

// UTF-16 text for ICU with, for each UTF-16 index, the UTF-8 offset it came from.
struct Utf16Text {
  icu::UnicodeString text;
  std::vector<std::uint32_t> utf8_offset;  // size text.length() + 1
};

Utf16Text ToUtf16(std::string_view utf8) {
  Utf16Text out;
  out.utf8_offset.reserve(utf8.size() + 1);
  ForEachCodePoint(utf8, [&](char32_t c, std::size_t begin, std::size_t) {
    out.text.append(static_cast<UChar32>(c));
    out.utf8_offset.push_back(static_cast<std::uint32_t>(begin));
    if (c > 0xFFFF) out.utf8_offset.push_back(static_cast<std::uint32_t>(begin));
  });
  out.utf8_offset.push_back(static_cast<std::uint32_t>(utf8.size()));
  return out;
}

struct WordShape {
  int letters = 0;
  bool lower = false;
  bool han = false;
  UScriptCode script = USCRIPT_COMMON;  // of the first letter
};

WordShape ShapeOf(std::string_view word) {
  WordShape shape;
  ForEachCodePoint(word, [&](char32_t c, std::size_t, std::size_t) {
    const auto cp = static_cast<UChar32>(c);
    if (!u_isalpha(cp)) return;
    if (shape.letters++ == 0) {
      UErrorCode status = U_ZERO_ERROR;
      shape.script = uscript_getScript(cp, &status);
    }
    shape.lower = shape.lower || u_islower(cp);
    shape.han = shape.han || IsHanCodePoint(c);
  });
  return shape;
}

}  // namespace

namespace {
std::string StemUncached(std::string_view normalized_word);
}  // namespace

std::string Stem(std::string_view normalized_word) {
  // Words repeat: a per-thread cache saves most of Snowball's work.
  constexpr std::size_t kMaxCached = 1 << 16;
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache;
  auto it = cache.find(normalized_word);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCached) cache.clear();
  std::string stem = StemUncached(normalized_word);
  cache.emplace(std::string(normalized_word), stem);
  return stem;
}

namespace {

std::string StemUncached(std::string_view normalized_word) {
  const WordShape shape = ShapeOf(normalized_word);
  SnowballStemmer* stemmer = nullptr;
  if (shape.script == USCRIPT_LATIN) {
    thread_local SnowballStemmer english("english");
    stemmer = &english;
  } else if (shape.script == USCRIPT_CYRILLIC) {
    thread_local SnowballStemmer russian("russian");
    stemmer = &russian;
  } else {
    return std::string(normalized_word);
  }
  // Snowball is not idempotent: "энцефалита" → "энцефалит" but
  // "энцефалит" → "энцефал". Stemming the stem again until it stops
  // changing makes the forms of one word meet (at most a few rounds).
  std::string stem = stemmer->Stem(normalized_word);
  for (int round = 0; round < 3; ++round) {
    std::string again = stemmer->Stem(stem);
    if (again == stem) break;
    stem = std::move(again);
  }
  return stem;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view utf8) {
  std::vector<Token> tokens;
  if (utf8.empty()) return tokens;
  const Utf16Text text = ToUtf16(utf8);
  // OpenCC once for the whole text: words need it only if it changes something.
  const bool traditional = ContainsTraditionalChinese(utf8);
  icu::BreakIterator& breaker = WordBreaker();
  breaker.setText(text.text);
  std::int32_t start = breaker.first();
  for (std::int32_t end = breaker.next(); end != icu::BreakIterator::DONE; start = end, end = breaker.next()) {
    const std::int32_t status = breaker.getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
    Token token;
    token.begin = text.utf8_offset[static_cast<std::size_t>(start)];
    token.end = text.utf8_offset[static_cast<std::size_t>(end)];
    const std::string_view original = utf8.substr(token.begin, token.end - token.begin);
    if (original.size() > kMaxWordBytes) continue;
    const WordShape shape = ShapeOf(original);
    token.normalized = NormalizeWord(original, traditional);
    if (status < UBRK_WORD_NUMBER_LIMIT) {
      token.kind = TokenKind::kNumber;
      token.stem = token.normalized;
    } else if (shape.han) {
      token.kind = TokenKind::kHan;
      token.stem = token.normalized;
      token.joined = !tokens.empty() && tokens.back().kind == TokenKind::kHan && tokens.back().end == token.begin;
    } else {
      token.kind = TokenKind::kWord;
      token.stem = Stem(token.normalized);
      token.acronym = shape.letters >= 2 && !shape.lower && shape.script != USCRIPT_HAN;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::vector<HanRun> FindHanRuns(const std::vector<Token>& tokens) {
  std::vector<HanRun> runs;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kHan) continue;
    if (tokens[i].joined && !runs.empty() && runs.back().last_token + 1 == i) {
      runs.back().text += tokens[i].normalized;
      runs.back().last_token = i;
    } else {
      runs.push_back({tokens[i].normalized, i, i});
    }
  }
  return runs;
}

std::vector<std::string> SplitCodePoints(std::string_view run) {
  std::vector<std::string> out;
  ForEachCodePoint(run, [&](char32_t, std::size_t begin, std::size_t end) {
    out.emplace_back(run.substr(begin, end - begin));
  });
  return out;
}

std::vector<std::string> HanBigrams(std::string_view run) {
  std::vector<std::string> chars = SplitCodePoints(run);
  if (chars.size() <= 1) return chars;
  std::vector<std::string> bigrams;
  bigrams.reserve(chars.size() - 1);
  for (std::size_t i = 0; i + 1 < chars.size(); ++i) bigrams.push_back(chars[i] + chars[i + 1]);
  return bigrams;
}

bool IsStopWord(std::string_view word) {
  // Sorted, for binary search. Short lists on purpose: only words that carry
  // no meaning in a biomedical partnering text.
  static constexpr std::string_view kStopWords[] = {
      "a",     "an",    "and",   "are",   "as",    "at",    "be",    "been",  "but",   "by",    "can",
      "for",   "from",  "has",   "have",  "in",    "into",  "is",    "it",    "its",   "of",    "on",
      "or",    "our",   "that",  "the",   "their", "this",  "to",    "was",   "we",    "were",  "which",
      "will",  "with",  "без",   "бы",    "был",   "была",  "были",  "было",  "в",     "во",
      "вы",    "да",    "для",   "до",    "его",   "ее",    "если",  "есть",  "же",    "за",    "и",
      "из",    "или",   "им",    "их",    "к",     "как",   "ко",    "мы",    "на",    "над",   "не",
      "него",  "нет",   "ни",    "но",    "о",     "об",    "от",    "по",    "под",   "при",   "с",
      "со",    "так",   "также", "то",    "только", "у",    "уже",   "чем",   "что",   "это",   "этот",
      "я",     "а",     "он",    "она",   "они",
  };
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopWords), std::end(kStopWords));
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

}  // namespace biobridge::text
