#include "search/snippet.h"

#include <algorithm>

#include "base/utf8.h"

namespace biobridge::search {
namespace {

struct Range {
  std::uint32_t begin;
  std::uint32_t end;
};

std::vector<Range> MarkedRanges(std::string_view text, const QueryAnalysis& query,
                                const text::Vocabulary& vocabulary) {
  const std::vector<text::Token> tokens = text::Tokenize(text);
  std::vector<bool> marked(tokens.size(), false);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == text::TokenKind::kHan) continue;
    marked[i] = query.stems.contains(tokens[i].stem) ||
                (!query.other_script_terms.empty() && query.other_script_terms.contains(SoundSkeletonTerm(tokens[i].stem)));
  }
  // Han: mark the words holding a character pair the query has.
  for (const text::HanRun& run : text::FindHanRuns(tokens)) {
    std::vector<std::size_t> owner;  // token of each character of the run
    std::vector<std::string> chars;
    for (std::size_t t = run.first_token; t <= run.last_token; ++t) {
      for (std::string& c : text::SplitCodePoints(tokens[t].normalized)) {
        chars.push_back(std::move(c));
        owner.push_back(t);
      }
    }
    for (std::size_t c = 0; c + 1 < chars.size(); ++c) {
      if (query.han_bigrams.count(chars[c] + chars[c + 1]) != 0) marked[owner[c]] = marked[owner[c + 1]] = true;
    }
    if (chars.size() == 1 && query.han_bigrams.count(chars[0]) != 0) marked[owner[0]] = true;
  }
  std::vector<Range> ranges;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (marked[i]) ranges.push_back({tokens[i].begin, tokens[i].end});
  }
  if (!query.concepts.empty()) {
    for (const text::ConceptMention& m : vocabulary.Tag(tokens)) {
      bool named = query.concepts.count(m.concept_index) != 0;
      for (std::uint32_t general : vocabulary.Generalizations(m.concept_index)) named = named || query.concepts.count(general);
      if (named) ranges.push_back({m.begin, m.end});
    }
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  // Merge overlapping ranges and those separated by spaces only.
  std::vector<Range> merged;
  for (const Range& r : ranges) {
    if (!merged.empty()) {
      Range& last = merged.back();
      const std::string_view gap = r.begin > last.end ? text.substr(last.end, r.begin - last.end) : std::string_view();
      if (r.begin <= last.end || gap.find_first_not_of(' ') == std::string_view::npos) {
        last.end = std::max(last.end, r.end);
        continue;
      }
    }
    merged.push_back(r);
  }
  return merged;
}

// Byte offset `count` code points before/after `offset`, within the text.
std::size_t BackCodePoints(std::string_view text, std::size_t offset, std::size_t count) {
  while (offset > 0 && count > 0) {
    --offset;
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) --count;
  }
  return offset;
}

std::size_t ForwardCodePoints(std::string_view text, std::size_t offset, std::size_t count) {
  while (offset < text.size() && count > 0) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
    --count;
  }
  return offset;
}

}  // namespace

std::vector<SnippetPart> MakeSnippet(std::string_view text, const QueryAnalysis& query,
                                     const text::Vocabulary& vocabulary, std::size_t max_characters) {
  std::vector<SnippetPart> parts;
  if (text.empty()) return parts;
  const std::vector<Range> marks = MarkedRanges(text, query, vocabulary);
  std::size_t begin = 0;
  std::size_t end = text.size();
  if (CountCodePoints(text) > max_characters) {
    // Start a little before the first mark, so that it is read in context.
    const std::size_t lead = std::min<std::size_t>(max_characters / 4, 40);
    begin = marks.empty() ? 0 : BackCodePoints(text, marks.front().begin, lead);
    // Do not cut a word: move back to a space when there is one close by.
    if (begin > 0) {
      const std::size_t space = text.rfind(' ', begin);
      if (space != std::string_view::npos && begin - space < 16) begin = space + 1;
    }
    end = ForwardCodePoints(text, begin, max_characters);
    if (end < text.size()) {
      const std::size_t space = text.rfind(' ', end);
      if (space != std::string_view::npos && space > begin && end - space < 16) end = space;
    }
  }
  auto add = [&](std::size_t from, std::size_t to, bool highlight) {
    if (to > from) parts.push_back({std::string(text.substr(from, to - from)), highlight});
  };
  if (begin > 0) parts.push_back({"…", false});
  std::size_t at = begin;
  for (const Range& r : marks) {
    if (r.end <= begin || r.begin >= end) continue;
    const std::size_t from = std::max<std::size_t>(r.begin, begin);
    const std::size_t to = std::min<std::size_t>(r.end, end);
    add(at, from, false);
    add(from, to, true);
    at = to;
  }
  add(at, end, false);
  if (end < text.size()) parts.push_back({"…", false});
  // Merge neighbouring plain parts (the ellipsis with its text).
  std::vector<SnippetPart> out;
  for (SnippetPart& p : parts) {
    if (!out.empty() && !out.back().highlight && !p.highlight) {
      out.back().text += p.text;
    } else {
      out.push_back(std::move(p));
    }
  }
  return out;
}

bool HasMatch(const std::vector<SnippetPart>& parts) {
  return std::any_of(parts.begin(), parts.end(), [](const SnippetPart& p) { return p.highlight; });
}

}  // namespace biobridge::search
