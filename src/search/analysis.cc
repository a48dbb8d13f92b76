#include "search/analysis.h"

#include <map>

#include "base/utf8.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace biobridge::search {
namespace {

// One letter or digit says nothing ("t" of "CAR-T", "2" of "phase 2").
bool IsIndexableWord(const text::Token& token) {
  return token.kind != text::TokenKind::kHan && CountCodePoints(token.normalized) >= 2 &&
         !text::IsStopWord(token.normalized);
}

}  // namespace

std::string ConceptTerm(std::string_view concept_id) { return std::string(kConceptPrefix) + std::string(concept_id); }
std::string CountryTerm(std::string_view country_code) {
  return std::string(kCountryTermPrefix) + std::string(country_code);
}

bool IsSoundSkeletonTerm(std::string_view term) {
  return term.starts_with(kLatinSkeletonPrefix) || term.starts_with(kCyrillicSkeletonPrefix);
}

std::string OtherScriptTerm(std::string_view term) {
  if (term.starts_with(kLatinSkeletonPrefix)) {
    return std::string(kCyrillicSkeletonPrefix) + std::string(term.substr(kLatinSkeletonPrefix.size()));
  }
  if (term.starts_with(kCyrillicSkeletonPrefix)) {
    return std::string(kLatinSkeletonPrefix) + std::string(term.substr(kCyrillicSkeletonPrefix.size()));
  }
  return {};
}

std::string SoundSkeletonTerm(std::string_view stem) {
  const text::SoundSkeleton s = text::SoundSkeletonOf(stem);
  if (s.key.empty()) return {};
  return std::string(s.script == text::Script::kLatin ? kLatinSkeletonPrefix : kCyrillicSkeletonPrefix) + s.key;
}

std::string_view ConceptOfKind(std::string_view kind) {
  static const std::map<std::string_view, std::string_view> kConcepts = {
      {"hospital", "role_hospital"},       {"university", "role_university"},
      {"research_institute", "role_research_institute"}, {"investor", "role_investor"},
      {"supplier", "role_supplier"},       {"distributor", "role_distributor"},
      {"association", "role_association"}, {"government", "role_government"},
  };
  auto it = kConcepts.find(kind);
  return it == kConcepts.end() ? std::string_view() : it->second;
}

std::string_view ConceptOfCooperation(std::string_view cooperation) {
  static const std::map<std::string_view, std::string_view> kConcepts = {
      {"licensing_in", "coop_licensing_in"},
      {"licensing_out", "coop_licensing_out"},
      {"co_development", "coop_co_development"},
      {"distribution", "coop_distribution"},
      {"market_entry", "coop_market_entry"},
      {"joint_venture", "coop_joint_venture"},
      {"investment", "coop_investment"},
      {"supply", "coop_supply"},
      {"manufacturing", "coop_contract_manufacturing"},
      {"clinical_trial", "coop_clinical_trial"},
      {"research_collaboration", "coop_research_collaboration"},
      {"technology_transfer", "coop_technology_transfer"},
  };
  auto it = kConcepts.find(cooperation);
  return it == kConcepts.end() ? std::string_view() : it->second;
}

namespace {

// Adds the terms and concepts of `text` to `profile`: one map for a whole
// record, rather than one per field merged afterwards.
void AddText(TermProfile& profile, std::string_view text, double weight, const text::Vocabulary& vocabulary,
             text::TagMode mode) {
  if (text.empty()) return;
  const std::vector<text::Token> tokens = text::Tokenize(text);
  for (const text::Token& token : tokens) {
    if (!IsIndexableWord(token)) continue;
    profile.terms[token.stem] += weight;
    if (std::string skeleton = SoundSkeletonTerm(token.stem); !skeleton.empty()) profile.terms[skeleton] += weight;
  }
  for (const text::HanRun& run : text::FindHanRuns(tokens)) {
    for (std::string& bigram : text::HanBigrams(run.text)) profile.terms[std::move(bigram)] += weight;
    for (std::size_t i = run.first_token; i <= run.last_token; ++i) {
      if (CountCodePoints(tokens[i].normalized) >= 3) profile.terms[tokens[i].normalized] += weight;
    }
  }
  for (const text::ConceptMention& mention : vocabulary.Tag(tokens, mode)) {
    profile.concepts[mention.concept_index] += weight;
    for (std::uint32_t general : vocabulary.Generalizations(mention.concept_index)) profile.concepts[general] += weight / 2;
  }
}

}  // namespace

TermProfile AnalyzeText(std::string_view text, double weight, const text::Vocabulary& vocabulary, text::TagMode mode) {
  TermProfile profile;
  AddText(profile, text, weight, vocabulary, mode);
  return profile;
}

namespace {

void AddLocalized(TermProfile& profile, const domain::LocalizedText& text, double weight,
                  const text::Vocabulary& vocabulary) {
  for (const auto& [language, value] : text.variants()) AddText(profile, value, weight, vocabulary, text::TagMode::kDocument);
}

constexpr double kTitleWeight = 3;
constexpr double kCodeWeight = 2;
constexpr double kListWeight = 2;
constexpr double kBodyWeight = 1;

void AddConcept(TermProfile& profile, std::string_view id, double weight, const text::Vocabulary& vocabulary) {
  const std::int32_t c = id.empty() ? -1 : vocabulary.IndexOf(id);
  if (c < 0) return;
  profile.concepts[static_cast<std::uint32_t>(c)] += weight;
  for (std::uint32_t general : vocabulary.Generalizations(static_cast<std::uint32_t>(c))) {
    profile.concepts[general] += weight / 2;
  }
}

void AddCodes(TermProfile& profile, const std::vector<std::string>& areas, const std::vector<std::string>& modalities,
              const text::Vocabulary& vocabulary) {
  for (const std::string& a : areas) AddConcept(profile, "area_" + a, kCodeWeight, vocabulary);
  for (const std::string& m : modalities) AddConcept(profile, m, kCodeWeight, vocabulary);
}

}  // namespace

TermProfile AnalyzeOrganization(const domain::Organization& organization, const text::Vocabulary& vocabulary) {
  TermProfile profile;
  AddLocalized(profile, organization.name, kTitleWeight, vocabulary);
  AddLocalized(profile, organization.description, kBodyWeight, vocabulary);
  for (const std::string& capability : organization.capabilities) {
    AddText(profile, capability, kListWeight, vocabulary, text::TagMode::kDocument);
  }
  for (const domain::Certification& certification : organization.certifications) {
    AddText(profile, certification.name, kListWeight, vocabulary, text::TagMode::kDocument);
  }
  AddCodes(profile, organization.therapeutic_areas, organization.modalities, vocabulary);
  AddConcept(profile, ConceptOfKind(organization.kind), kCodeWeight, vocabulary);
  if (!organization.country.empty()) profile.terms[CountryTerm(organization.country)] += 1;
  for (const std::string& market : organization.markets) profile.terms[CountryTerm(market)] += 1;
  return profile;
}

void AddCertificates(TermProfile& profile, const std::vector<domain::Certificate>& certificates,
                     const text::Vocabulary& vocabulary) {
  for (const domain::Certificate& c : certificates) {
    const domain::CertificateKind* kind = domain::CertificateKinds::Builtin().Find(c.kind);
    if (kind && !kind->concept_id.empty()) {
      if (const std::int32_t index = vocabulary.IndexOf(kind->concept_id); index >= 0) {
        const auto concept_index = static_cast<std::uint32_t>(index);
        profile.concepts[concept_index] += kListWeight;
        for (std::uint32_t general : vocabulary.Generalizations(concept_index)) profile.concepts[general] += kListWeight / 2;
      }
    }
    AddText(profile, c.issuer, 1, vocabulary, text::TagMode::kDocument);
    for (const std::string& product : c.products) AddText(profile, product, 1, vocabulary, text::TagMode::kDocument);
  }
}

TermProfile AnalyzeOpportunity(const domain::Opportunity& opportunity, const text::Vocabulary& vocabulary) {
  TermProfile profile;
  AddLocalized(profile, opportunity.title, kTitleWeight, vocabulary);
  AddLocalized(profile, opportunity.description, kBodyWeight, vocabulary);
  AddCodes(profile, opportunity.therapeutic_areas, opportunity.modalities, vocabulary);
  for (const std::string& c : opportunity.cooperation) AddConcept(profile, ConceptOfCooperation(c), kCodeWeight, vocabulary);
  return profile;
}

QueryAnalysis AnalyzeQuery(std::string_view query, const text::Vocabulary& vocabulary) {
  QueryAnalysis analysis;
  analysis.language = text::DetectLanguage(query);
  const std::vector<text::Token> tokens = text::Tokenize(query);
  const std::vector<text::ConceptMention> mentions = vocabulary.Tag(tokens, text::TagMode::kQuery);

  // The word terms of tokens [first, last], as a query needs all of them.
  auto terms_of = [&](std::size_t first, std::size_t last) {
    std::vector<std::string> terms;
    std::string han;
    auto flush_han = [&] {
      for (std::string& b : text::HanBigrams(han)) {
        analysis.han_bigrams.insert(b);
        terms.push_back(std::move(b));
      }
      han.clear();
    };
    for (std::size_t i = first; i <= last; ++i) {
      const text::Token& t = tokens[i];
      if (t.kind == text::TokenKind::kHan) {
        if (!t.joined) flush_han();
        han += t.normalized;
        continue;
      }
      flush_han();
      if (IsIndexableWord(t)) {
        analysis.stems.insert(t.stem);
        terms.push_back(t.stem);
      }
    }
    flush_han();
    return terms;
  };

  std::size_t next_mention = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    if (next_mention < mentions.size() && mentions[next_mention].first_token == i) {
      const text::ConceptMention& m = mentions[next_mention++];
      QueryAnalysis::Unit unit;
      unit.surface = std::string(query.substr(m.begin, m.end - m.begin));
      unit.terms = terms_of(m.first_token, m.last_token);
      unit.concept_index = static_cast<std::int32_t>(m.concept_index);
      analysis.concepts.insert(m.concept_index);
      analysis.units.push_back(std::move(unit));
      i = m.last_token + 1;
      continue;
    }
    // Outside any mention: a word, or a Han run up to the next mention.
    std::size_t last = i;
    if (tokens[i].kind == text::TokenKind::kHan) {
      while (last + 1 < tokens.size() && tokens[last + 1].kind == text::TokenKind::kHan && tokens[last + 1].joined &&
             !(next_mention < mentions.size() && mentions[next_mention].first_token == last + 1)) {
        ++last;
      }
    }
    QueryAnalysis::Unit unit;
    unit.surface = std::string(query.substr(tokens[i].begin, tokens[last].end - tokens[i].begin));
    unit.han = tokens[i].kind == text::TokenKind::kHan;
    unit.terms = terms_of(i, last);
    if (!unit.han && unit.terms.size() == 1) {
      unit.other_script_term = OtherScriptTerm(SoundSkeletonTerm(unit.terms.front()));
      if (!unit.other_script_term.empty()) analysis.other_script_terms.insert(unit.other_script_term);
    }
    if (!unit.terms.empty()) analysis.units.push_back(std::move(unit));
    i = last + 1;
  }
  return analysis;
}

}  // namespace biobridge::search
