#include "text/spelling.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/unicode.h"

namespace biobridge::text {
namespace {

std::u32string Letters(std::string_view utf8) {
  std::u32string out;
  ForEachCodePoint(utf8, [&](char32_t c, std::size_t, std::size_t) { out.push_back(c); });
  return out;
}

// Every label of a concept, in every language.
std::vector<std::string_view> LabelsOf(const Concept& c) {
  std::vector<std::string_view> labels;
  for (const auto& [language, label] : c.labels.variants()) labels.push_back(label);
  for (const std::string& s : c.synonyms) labels.push_back(s);
  return labels;
}

}  // namespace

std::size_t EditDistance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rows of the dynamic programme: the one before last (for swaps),
  // the last and the current; on the stack for words as long as the index
  // keeps (tokenizer.h: kMaxWordBytes), so a scan allocates nothing.
  constexpr std::size_t kStackRow = kMaxWordBytes + 1;
  std::array<std::size_t, 3 * kStackRow> stack_rows;
  std::vector<std::size_t> heap_rows;
  std::size_t* rows = stack_rows.data();
  if (m + 1 > kStackRow) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  const std::size_t stride = m + 1 > kStackRow ? m + 1 : kStackRow;
  std::size_t* before = rows;
  std::size_t* last = rows + stride;
  std::size_t* current = rows + 2 * stride;
  for (std::size_t j = 0; j <= m; ++j) last[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({last[j] + 1, current[j - 1] + 1, last[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > bound) return bound + 1;
    std::swap(before, last);
    std::swap(last, current);
  }
  return std::min(last[m], bound + 1);
}

Speller::Speller(const Vocabulary& vocabulary) {
  // Each label word with the labels that use it: (words in the label, concept).
  std::map<std::string, std::vector<std::pair<std::size_t, std::uint32_t>>> uses;
  const std::vector<Concept>& concepts = vocabulary.concepts();
  for (std::uint32_t index = 0; index < concepts.size(); ++index) {
    for (std::string_view label : LabelsOf(concepts[index])) {
      const std::vector<Token> tokens = Tokenize(label);
      std::set<std::string_view> seen;  // a word counts once per label
      for (const Token& t : tokens) {
        if (t.kind != TokenKind::kWord || !seen.insert(t.normalized).second) continue;
        uses[t.normalized].emplace_back(tokens.size(), index);
        stems_.insert(t.stem);
      }
      std::set<std::string> han_bigrams;
      for (const HanRun& run : FindHanRuns(tokens)) {
        for (std::string& b : HanBigrams(run.text)) han_bigrams.insert(std::move(b));
      }
      if (!han_bigrams.empty()) han_labels_.push_back({index, {han_bigrams.begin(), han_bigrams.end()}});
    }
  }
  words_.reserve(uses.size());
  for (auto& [text, labels] : uses) {
    Word word{.text = text, .letters = Letters(text), .uses = labels.size()};
    // The concept a word stands for most is the one with the shortest label
    // holding it: "cardiology" is Cardiovascular diseases before it is a
    // research centre of cardiology.
    std::sort(labels.begin(), labels.end());
    for (const auto& [length, concept_index] : labels) {
      if (std::find(word.concepts.begin(), word.concepts.end(), concept_index) == word.concepts.end()) {
        word.concepts.push_back(concept_index);
      }
    }
    if (by_length_.size() <= word.letters.size()) by_length_.resize(word.letters.size() + 1);
    by_length_[word.letters.size()].push_back(words_.size());
    word_index_.emplace(text, words_.size());
    words_.push_back(std::move(word));
  }
}

std::optional<std::string> Speller::Correct(std::string_view typed) const {
  const std::vector<Token> tokens = Tokenize(typed);
  if (tokens.size() != 1 || tokens.front().kind != TokenKind::kWord) return std::nullopt;
  const Token& token = tokens.front();
  if (word_index_.contains(token.normalized) || stems_.contains(token.stem)) return std::nullopt;
  const std::u32string letters = Letters(token.normalized);
  if (letters.size() < kMinCorrectedLetters) return std::nullopt;
  const std::size_t bound = letters.size() >= kMinTwoEditLetters ? 2 : 1;
  // Only words within `bound` letters of the typed one can be within
  // `bound` edits of it.
  const Word* best = nullptr;
  std::size_t best_distance = bound + 1;
  const std::size_t shortest = letters.size() - bound;
  for (std::size_t length = shortest; length <= letters.size() + bound && length < by_length_.size(); ++length) {
    for (const std::size_t i : by_length_[length]) {
      const Word& w = words_[i];
      const std::size_t d = EditDistance(letters, w.letters, bound);
      if (d > bound) continue;
      // Fewest edits, then the word more labels use, then the alphabetically first.
      if (best == nullptr || std::tie(d, best->uses, w.text) < std::tie(best_distance, w.uses, best->text)) {
        best = &w;
        best_distance = d;
      }
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->text;
}

std::vector<std::uint32_t> Speller::ConceptsWithWord(std::string_view word, std::size_t limit) const {
  std::vector<std::uint32_t> out;
  auto add = [&](const Word& w) {
    for (std::uint32_t c : w.concepts) {
      if (out.size() < limit && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
  };
  const std::string normalized = NormalizeText(word);
  if (const auto it = word_index_.find(normalized); it != word_index_.end()) add(words_[it->second]);
  if (Letters(normalized).size() < kMinPrefixLetters) return out;
  std::vector<const Word*> longer;
  for (auto it = std::lower_bound(words_.begin(), words_.end(), normalized,
                                  [](const Word& w, const std::string& s) { return w.text < s; });
       it != words_.end() && it->text.starts_with(normalized); ++it) {
    if (it->text != normalized) longer.push_back(&*it);
  }
  std::stable_sort(longer.begin(), longer.end(),
                   [](const Word* a, const Word* b) { return a->letters.size() < b->letters.size(); });
  for (const Word* w : longer) add(*w);
  return out;
}

std::vector<std::uint32_t> Speller::ConceptsLikeHan(std::string_view han_run, std::size_t limit) const {
  std::vector<std::string> query = HanBigrams(NormalizeText(han_run));
  std::sort(query.begin(), query.end());
  query.erase(std::unique(query.begin(), query.end()), query.end());
  if (query.empty()) return {};
  std::vector<std::pair<double, std::uint32_t>> alike;
  for (const HanLabel& label : han_labels_) {
    std::size_t shared = 0;
    for (std::size_t i = 0, j = 0; i < query.size() && j < label.bigrams.size();) {
      if (query[i] == label.bigrams[j]) {
        ++shared, ++i, ++j;
      } else if (query[i] < label.bigrams[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    const double dice = 2.0 * static_cast<double>(shared) / static_cast<double>(query.size() + label.bigrams.size());
    if (shared > 0 && dice >= kMinHanLikeness) alike.emplace_back(dice, label.concept_index);
  }
  std::sort(alike.begin(), alike.end(),
            [](const auto& a, const auto& b) { return std::tie(b.first, a.second) < std::tie(a.first, b.second); });
  std::vector<std::uint32_t> out;  // a concept's best label placed it
  for (const auto& [dice, c] : alike) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

}  // namespace biobridge::text
