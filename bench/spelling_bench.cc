// The search box's speller (text/spelling.h) on the shipped vocabulary.
//
//   bb_spelling_bench [--rounds N]
//       Builds the speller, then corrects typos made from the vocabulary's
//       own label words of five letters or more (each with its middle letter
//       dropped, and each with its two middle letters swapped) and the same
//       words as typed (nothing to correct). Prints the build time, the time
//       per Correct call (median of N rounds over the whole list), and the
//       share of typos put back to the word they came from.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "text/spelling.h"
#include "text/tokenizer.h"
#include "text/unicode.h"

namespace biobridge {
namespace {

std::vector<std::u32string> Words() {
  std::set<std::string> words;
  for (const text::Concept& c : text::Vocabulary::Builtin().concepts()) {
    std::vector<std::string_view> labels;
    for (const auto& [language, label] : c.labels.variants()) labels.push_back(label);
    for (const std::string& s : c.synonyms) labels.push_back(s);
    for (std::string_view label : labels) {
      for (const text::Token& t : text::Tokenize(label)) {
        if (t.kind == text::TokenKind::kWord) words.insert(t.normalized);
      }
    }
  }
  std::vector<std::u32string> out;
  for (const std::string& w : words) {
    std::u32string letters;
    text::ForEachCodePoint(w, [&](char32_t c, std::size_t, std::size_t) { letters.push_back(c); });
    if (letters.size() >= 5) out.push_back(std::move(letters));
  }
  return out;
}

std::string Utf8(std::u32string_view letters) {
  std::string out;
  for (const char32_t c : letters) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

int Run(int rounds) {
  using Clock = std::chrono::steady_clock;
  const auto built_at = Clock::now();
  const text::Speller speller(text::Vocabulary::Builtin());
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - built_at).count();

  struct Case {
    std::string typed, meant;  // meant empty: nothing to correct
  };
  std::vector<Case> cases;
  for (const std::u32string& w : Words()) {
    const std::size_t middle = w.size() / 2;
    std::u32string dropped = w;
    dropped.erase(middle, 1);
    std::u32string swapped = w;
    std::swap(swapped[middle - 1], swapped[middle]);
    cases.push_back({Utf8(dropped), Utf8(w)});
    if (swapped != w) cases.push_back({Utf8(swapped), Utf8(w)});
    cases.push_back({Utf8(w), ""});
  }
  std::vector<double> per_call_us;
  int typos = 0, put_back = 0;
  for (int r = 0; r < rounds; ++r) {
    typos = put_back = 0;
    const auto started = Clock::now();
    for (const Case& c : cases) {
      const std::optional<std::string> corrected = speller.Correct(c.typed);
      if (c.meant.empty()) continue;
      ++typos;
      put_back += corrected && *corrected == c.meant;
    }
    per_call_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - started).count() /
                          static_cast<double>(cases.size()));
  }
  std::sort(per_call_us.begin(), per_call_us.end());
  std::cout << fmt::format(
      "speller: built in {:.1f} ms; {} calls per round ({} typos), {:.1f} µs per Correct (median of {} rounds); "
      "{:.1f} % of typos put back to the word they came from\n",
      build_ms, cases.size(), typos, per_call_us[per_call_us.size() / 2], rounds,
      100.0 * static_cast<double>(put_back) / static_cast<double>(typos));
  return 0;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  return biobridge::Run(rounds);
}
