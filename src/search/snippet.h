// Snippets: the passage of a record's text that shows why it matched, with
// the matching words marked. Marks come from the same analysis as the
// search (analysis.h): a stem of the query, a Han bigram of the query, or a
// mention of a concept the query names (or a narrower one: a query for lung
// cancer marks "NSCLC"). So a Chinese query marks the Russian words that
// carry the same concept.
//
// Parts are plain text with a flag, not HTML: the client escapes and styles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/analysis.h"

namespace biobridge::search {

struct SnippetPart {
  std::string text;
  bool highlight = false;
  friend bool operator==(const SnippetPart&, const SnippetPart&) = default;
};

inline constexpr std::size_t kSnippetCharacters = 180;

// The marked text, cut to about `max_characters` code points around the
// first mark (with "…" where text was cut). Empty text gives no parts.
std::vector<SnippetPart> MakeSnippet(std::string_view text, const QueryAnalysis& query,
                                     const text::Vocabulary& vocabulary,
                                     std::size_t max_characters = kSnippetCharacters);

// Whether the text has at least one mark.
bool HasMatch(const std::vector<SnippetPart>& parts);

}  // namespace biobridge::search
