// Speller: what a search that found nothing may have meant, from the words
// of the vocabulary's labels (vocabulary.h) in every language.
//
// The words come from the vocabulary only, never from records: a suggestion
// must not tell a visitor which words hidden records contain. The service
// offers a correction or a concept only when searching it, with the viewer's
// visibility, finds something (service/search_service.h).
//
// Corrections are by edit distance on letters (an edit: a letter added,
// dropped or changed, or two adjacent letters swapped), one edit for words of
// four to seven letters and two for longer ones; shorter words are left
// alone, since there almost any word is one edit from another ("hiv", "hcv").
// Chinese has no spelling in that sense: a run of Han characters is related
// to the concepts whose Chinese labels share its character pairs.
//
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/vocabulary.h"

namespace biobridge::text {

class Speller {
 public:
  explicit Speller(const Vocabulary& vocabulary);

  // The label word closest to `word` (a Latin or Cyrillic word as typed),
  // normalised; nullopt when `word` is a label word itself or a form of one
  // (same stem), is too short, or no label word is close enough. Ties go to
  // the word more labels use, then to the alphabetically first.
  std::optional<std::string> Correct(std::string_view word) const;

  // The concepts with a label that has `word` (normalised, as Correct
  // returns it) or, for a word of at least kMinPrefixLetters letters, a word
  // beginning with it ("cardio" → cardiology, cardiomyopathy): exact ones
  // first, then by the length of the label word; for one word, the concept
  // with the shortest label holding it first; each once, at most `limit`.
  std::vector<std::uint32_t> ConceptsWithWord(std::string_view word, std::size_t limit) const;

  // The concepts whose Chinese labels share character pairs with `han_run`
  // (normalised Han text), most alike first (Dice coefficient of the pairs,
  // at least kMinHanLikeness), at most `limit`.
  std::vector<std::uint32_t> ConceptsLikeHan(std::string_view han_run, std::size_t limit) const;

  static constexpr std::size_t kMinCorrectedLetters = 4;
  static constexpr std::size_t kMinTwoEditLetters = 8;
  static constexpr std::size_t kMinPrefixLetters = 4;
  static constexpr double kMinHanLikeness = 0.4;

 private:
  struct Word {
    std::string text;             // normalised
    std::u32string letters;       // its code points
    std::size_t uses = 0;         // labels that use it
    std::vector<std::uint32_t> concepts;  // each once, those with the shortest label using it first
  };
  struct HanLabel {
    std::uint32_t concept_index;
    std::vector<std::string> bigrams;  // of one label, sorted, each once
  };

  std::vector<Word> words_;  // sorted by text
  std::vector<std::vector<std::size_t>> by_length_;  // indexes into words_ by number of letters, in text order
  std::unordered_map<std::string, std::size_t> word_index_;
  std::unordered_set<std::string> stems_;
  std::vector<HanLabel> han_labels_;
};

// Optimal string alignment distance between `a` and `b`, or `bound` + 1
// when it exceeds `bound` (stops early).
std::size_t EditDistance(std::u32string_view a, std::u32string_view b, std::size_t bound);

}  // namespace biobridge::text
