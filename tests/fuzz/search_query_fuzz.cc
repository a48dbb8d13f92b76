// Fuzz target: a search box's text, analysed (words, Han runs and bigrams,
// stems, concepts) and run against a small index in every language.
#include <cstddef>
#include <cstdint>
#include <string>

#include "search/analysis.h"
#include "tests/fuzz/fuzz_world.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace biobridge;
  const std::string query(reinterpret_cast<const char*>(data), size);
  (void)search::AnalyzeQuery(query, text::Vocabulary::Builtin());
  service::SearchParams params;
  params.q = query;
  params.lang = size % 3 == 0 ? "en" : size % 3 == 1 ? "zh" : "ru";
  (void)fuzz::World().search.Search(service::Principal::Anonymous(), params);
  return 0;
}
