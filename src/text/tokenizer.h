// Tokenizer: splits text in any of BioBridge's languages into the words that
// are indexed, searched and tagged with concepts.
//
// Words are found by ICU's word break rules, which segment Chinese (and
// Japanese) by dictionary. Each word is normalised (normalize.h) and, for
// Latin and Cyrillic script, reduced to its Snowball stem (English and
// Russian respectively), so "antibodies" and "antibody" meet, as do
// "антитела" and "антител". Han words keep their position in the run of Han
// characters they came from, because the index also uses character bigrams
// of whole runs: a biomedical term missing from ICU's dictionary (单克隆) is
// still found by its bigrams (单克, 克隆).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace biobridge::text {

enum class TokenKind {
  kWord,    // letters of an alphabetic script (may contain digits: "covid19")
  kNumber,  // digits
  kHan,     // one dictionary word of Han characters
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string normalized;  // NormalizeText of the word
  std::string stem;        // the Snowball stem of a Latin or Cyrillic word; otherwise == normalized
  std::uint32_t begin = 0;  // byte range of the word in the tokenised text
  std::uint32_t end = 0;
  bool acronym = false;  // a word written in capitals, at least two letters: "AIDS", "GMP"
  bool joined = false;   // kHan: directly follows the previous Han word, in one run of Han characters
};

// Words longer than this (in bytes) are dropped: no one searches for them,
// and index terms have a length limit.
inline constexpr std::size_t kMaxWordBytes = 64;

std::vector<Token> Tokenize(std::string_view utf8);

// A maximal run of Han words with nothing between them.
struct HanRun {
  std::string text;          // the normalised words, concatenated
  std::size_t first_token;   // indexes into the token vector, inclusive
  std::size_t last_token;
};
std::vector<HanRun> FindHanRuns(const std::vector<Token>& tokens);

// The bigrams of adjacent characters of `run` (normalised Han text); a run
// of one character gives that character.
std::vector<std::string> HanBigrams(std::string_view run);

// The code points of `run` as separate UTF-8 strings.
std::vector<std::string> SplitCodePoints(std::string_view run);

// The Snowball stem of a normalised word: English for Latin script, Russian
// for Cyrillic, applied until it no longer changes (so that Stem(Stem(w))
// == Stem(w)); other words come back unchanged.
std::string Stem(std::string_view normalized_word);

// English and Russian function words ("the", "and", "и", "для"), given
// normalised; the index leaves them out.
bool IsStopWord(std::string_view normalized_word);

}  // namespace biobridge::text
