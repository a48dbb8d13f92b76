#include "match/countries.h"

#include <algorithm>
#include <map>

#include "text/tokenizer.h"

namespace biobridge::match {
namespace {

// Short forms people write instead of the ISO names of the taxonomy.
constexpr std::pair<std::string_view, std::string_view> kCommonNames[] = {
    {"RU", "Russia"},        {"RU", "Россия"},      {"RU", "РФ"},          {"GB", "UK"},
    {"GB", "Britain"},       {"GB", "Great Britain"}, {"GB", "Великобритания"}, {"US", "USA"},
    {"US", "США"},           {"US", "Соединенные Штаты"}, {"KR", "Korea"}, {"KR", "韩国"},
    {"KR", "Южная Корея"},   {"KP", "朝鲜"},         {"IR", "伊朗"},        {"SY", "叙利亚"},
    {"SY", "Сирия"},         {"LA", "老挝"},         {"LA", "Лаос"},        {"MD", "摩尔多瓦"},
    {"MD", "Молдова"},       {"MD", "Молдавия"},     {"VE", "委内瑞拉"},    {"VE", "Венесуэла"},
    {"BO", "玻利维亚"},      {"TW", "台湾"},         {"TW", "Тайвань"},     {"TR", "Turkey"},
    {"TR", "Турция"},        {"KG", "Kyrgyz Republic"}, {"KG", "吉尔吉斯斯坦"}, {"KG", "Кыргызстан"},
    {"CZ", "Czech Republic"}, {"BY", "Белоруссия"},  {"AE", "UAE"},         {"AE", "ОАЭ"},
    {"VN", "Viet Nam"},
};

struct CountryNames {
  std::map<std::string, std::string> by_stems;  // stems joined by ' ' -> code
  std::size_t longest_words = 1;
  std::vector<std::pair<std::string, std::string>> han;  // Han name -> code, longest first
};

const CountryNames& Names(const domain::Taxonomies& taxonomies) {
  static const CountryNames names = [&] {
    CountryNames n;
    auto add = [&](std::string_view code, std::string_view name) {
      const std::vector<text::Token> tokens = text::Tokenize(name);
      if (tokens.empty()) return;
      if (std::all_of(tokens.begin(), tokens.end(), [](const text::Token& t) { return t.kind == text::TokenKind::kHan; })) {
        std::string joined;
        for (const text::Token& t : tokens) joined += t.normalized;
        n.han.emplace_back(joined, std::string(code));
        return;
      }
      std::string key;
      for (const text::Token& t : tokens) key += (key.empty() ? "" : " ") + t.stem;
      n.by_stems.emplace(key, std::string(code));
      n.longest_words = std::max(n.longest_words, tokens.size());
    };
    for (const domain::TaxonomyEntry& e : taxonomies.countries().entries()) {
      for (const auto& [language, label] : e.labels.variants()) add(e.code, label);
    }
    for (const auto& [code, name] : kCommonNames) add(code, name);
    std::stable_sort(n.han.begin(), n.han.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return n;
  }();
  return names;
}

}  // namespace

std::vector<std::string> CountriesNamedIn(std::string_view text, const domain::Taxonomies& taxonomies) {
  const CountryNames& names = Names(taxonomies);
  const std::vector<text::Token> tokens = text::Tokenize(text);
  std::vector<std::pair<std::uint32_t, std::string>> found;  // byte offset, code
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == text::TokenKind::kHan) continue;
    std::string key;
    std::string best;
    std::size_t best_end = i;
    for (std::size_t j = i; j < tokens.size() && j - i < names.longest_words && tokens[j].kind != text::TokenKind::kHan; ++j) {
      key += (j == i ? "" : " ") + tokens[j].stem;
      if (auto it = names.by_stems.find(key); it != names.by_stems.end()) {
        best = it->second;
        best_end = j;
      }
    }
    if (!best.empty()) {
      found.emplace_back(tokens[i].begin, best);
      i = best_end;
    }
  }
  for (const text::HanRun& run : text::FindHanRuns(tokens)) {
    std::string_view rest = run.text;
    std::size_t offset = 0;
    while (!rest.empty()) {
      bool matched = false;
      for (const auto& [name, code] : names.han) {
        if (rest.substr(0, name.size()) == name) {
          found.emplace_back(tokens[run.first_token].begin + static_cast<std::uint32_t>(offset), code);
          rest.remove_prefix(name.size());
          offset += name.size();
          matched = true;
          break;
        }
      }
      if (!matched) {  // skip one code point
        std::size_t step = 1;
        while (step < rest.size() && (static_cast<unsigned char>(rest[step]) & 0xC0) == 0x80) ++step;
        rest.remove_prefix(step);
        offset += step;
      }
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> codes;
  for (const auto& [offset, code] : found) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

}  // namespace biobridge::match
