#include "match/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "match/countries.h"
#include "search/analysis.h"

namespace biobridge::match {
namespace {

using search::RecordType;

bool Contains(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::vector<std::string> Intersection(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a) {
    if (Contains(b, x) && !Contains(out, x)) out.push_back(x);
  }
  return out;
}

// Cooperation types whose posts answer each other. Licensing out and in are
// the two sides of one deal, whatever the posts' directions (a request for a
// licensee answers a request for a technology). Distribution and market
// entry are the same side when both posts ask (two makers looking for a
// local partner compete for it); they answer each other only across
// directions (a distributor's offer, a maker's request).
struct ComplementaryCooperation {
  std::string_view a, b;
  bool two_sides;  // complementary in the same direction too
};
constexpr ComplementaryCooperation kComplementaryCooperation[] = {
    {"licensing_out", "licensing_in", true},
    {"distribution", "market_entry", false},
};

// Distribution and market entry are asked for from two sides: a maker that
// wants to sell in a market, or a distributor (or a hospital) that wants
// products for its own market. A post is on the local side when its
// organisation is a distributor or a hospital, or when its own country is
// among the markets it names (a Russian company in-licensing for Russia).
constexpr double kSideInferredStrength = 0.5;
bool IsLocalMarketType(std::string_view cooperation) { return cooperation == "distribution" || cooperation == "market_entry"; }
bool LocalSide(std::string_view kind, std::string_view country, const std::vector<std::string>& targets) {
  if (kind == "distributor" || kind == "hospital") return true;
  return !country.empty() && std::find(targets.begin(), targets.end(), country) != targets.end();
}
// Whether one side has `pair.a` and the other `pair.b`, either way round.
bool Across(const ComplementaryCooperation& pair, const std::vector<std::string>& x, const std::vector<std::string>& y) {
  return (Contains(x, pair.a) && Contains(y, pair.b)) || (Contains(x, pair.b) && Contains(y, pair.a));
}
bool AsksForLocalMarket(const std::vector<std::string>& cooperation) {
  return std::any_of(cooperation.begin(), cooperation.end(), [](const std::string& c) { return IsLocalMarketType(c); });
}

// What the other side of a post of this cooperation type is expected to
// mention, by direction of the post: retrieval looks for these too.
struct Counterpart {
  std::string_view cooperation;
  std::string_view direction;  // of the source post
  std::initializer_list<std::string_view> concepts;
};
const Counterpart kCounterparts[] = {
    {"distribution", "request", {"role_distributor", "coop_distribution", "wholesale"}},
    {"distribution", "offer", {"coop_distribution", "coop_market_entry"}},
    {"market_entry", "request", {"role_distributor", "coop_market_entry", "regulatory_affairs"}},
    {"clinical_trial", "request", {"role_hospital", "coop_clinical_trial", "cro_services", "coop_hospital_partnership"}},
    {"clinical_trial", "offer", {"coop_clinical_trial", "medical_device", "role_pharma_company"}},
    {"manufacturing", "request", {"cdmo_services", "coop_contract_manufacturing", "gmp"}},
    {"manufacturing", "offer", {"coop_contract_manufacturing", "cdmo_services"}},
    {"supply", "request", {"role_supplier", "coop_supply"}},
    {"supply", "offer", {"coop_supply", "hospital_procurement"}},
    {"investment", "request", {"role_investor", "coop_investment"}},
    {"investment", "offer", {"coop_investment", "coop_startup"}},
    {"licensing_in", "request", {"coop_licensing_out", "coop_licensing"}},
    {"licensing_out", "offer", {"coop_licensing_in", "coop_licensing"}},
    {"research_collaboration", "request", {"role_university", "role_research_institute", "coop_research_collaboration"}},
    {"technology_transfer", "request", {"role_research_institute", "coop_technology_transfer"}},
    {"technology_transfer", "offer", {"coop_technology_transfer", "coop_licensing_in"}},
    {"co_development", "request", {"coop_co_development", "role_biotech_company"}},
    {"joint_venture", "request", {"coop_joint_venture", "localisation"}},
};

// An organisation of the kind a post's cooperation type suggests is weaker
// evidence than a post that answers it (most hospitals are not looking for
// a trial sponsor), unless the need asked for that kind in words.
constexpr double kKindOnlyStrength = 0.4;

// Organisation kinds that suit each other when neither posted anything.
const std::map<std::string_view, std::vector<std::string>> kComplementaryKinds = {
    {"company", {"hospital", "distributor", "investor", "university", "research_institute", "supplier"}},
    {"hospital", {"company", "supplier"}},
    {"distributor", {"company"}},
    {"investor", {"company"}},
    {"university", {"company", "hospital"}},
    {"research_institute", {"company", "hospital"}},
    {"supplier", {"company", "hospital"}},
};

// Concepts of a need written as text, read as cooperation types and kinds.
// The concepts of the taxonomy codes themselves come from search/analysis.h;
// these are the ones that say more than their code.
constexpr std::pair<std::string_view, std::string_view> kMoreCooperationConcepts[] = {
    {"role_distributor", "distribution"},
    {"cdmo_services", "manufacturing"},
};
// Roles that are companies ("company" has no concept of its own).
constexpr std::string_view kCompanyRoles[] = {"role_pharma_company", "role_biotech_company", "role_device_maker",
                                              "role_diagnostics_company", "role_cro", "role_cdmo"};

std::string CooperationOfConcept(std::string_view concept_id, const domain::Taxonomies& taxonomies) {
  for (const auto& [id, code] : kMoreCooperationConcepts) {
    if (id == concept_id) return std::string(code);
  }
  for (const domain::TaxonomyEntry& e : taxonomies.cooperation_types().entries()) {
    if (search::ConceptOfCooperation(e.code) == concept_id) return e.code;
  }
  return {};
}

// The organisation kind a role concept names: its own kind concept, or a
// narrower one ("hospital network" is a hospital).
std::string KindOfConcept(std::uint32_t concept_index, const text::Vocabulary& vocabulary,
                          const domain::Taxonomies& taxonomies) {
  const std::string& id = vocabulary.concepts()[concept_index].id;
  if (std::find(std::begin(kCompanyRoles), std::end(kCompanyRoles), id) != std::end(kCompanyRoles)) return "company";
  std::vector<std::uint32_t> chain = vocabulary.Ancestors(concept_index);
  chain.insert(chain.begin(), concept_index);
  for (const domain::TaxonomyEntry& e : taxonomies.organization_kinds().entries()) {
    const std::string_view kind_concept = search::ConceptOfKind(e.code);
    for (std::uint32_t c : chain) {
      if (!kind_concept.empty() && vocabulary.concepts()[c].id == kind_concept &&
          vocabulary.concepts()[c].category == "role") {
        return e.code;
      }
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> PartnerKindsFor(std::string_view direction, const std::vector<std::string>& cooperation) {
  static const std::map<std::string_view, std::vector<std::string>> kRequest = {
      {"distribution", {"distributor"}},
      {"market_entry", {"distributor", "association", "government"}},
      {"clinical_trial", {"hospital", "research_institute", "university"}},
      {"manufacturing", {"company", "supplier"}},
      {"supply", {"supplier", "company"}},
      {"investment", {"investor"}},
      {"licensing_in", {"company", "university", "research_institute"}},
      {"licensing_out", {"company"}},
      {"research_collaboration", {"university", "research_institute", "hospital", "company"}},
      {"technology_transfer", {"university", "research_institute", "company"}},
      {"co_development", {"company", "university", "research_institute"}},
      {"joint_venture", {"company"}},
  };
  static const std::map<std::string_view, std::vector<std::string>> kOffer = {
      {"distribution", {"company"}},
      {"market_entry", {"company"}},
      {"clinical_trial", {"company"}},
      {"manufacturing", {"company", "hospital", "distributor"}},
      {"supply", {"company", "hospital", "distributor"}},
      {"investment", {"company"}},
      {"licensing_out", {"company"}},
      {"licensing_in", {"company", "university", "research_institute"}},
      {"research_collaboration", {"company", "university", "research_institute", "hospital"}},
      {"technology_transfer", {"company"}},
      {"co_development", {"company"}},
      {"joint_venture", {"company"}},
  };
  const auto& table = direction == "offer" ? kOffer : kRequest;
  std::vector<std::string> kinds;
  for (const std::string& c : cooperation) {
    auto it = table.find(c);
    if (it == table.end()) continue;
    for (const std::string& k : it->second) {
      if (!Contains(kinds, k)) kinds.push_back(k);
    }
  }
  return kinds;
}

struct Matcher::Source {
  std::string exclude_organization;  // empty for text
  std::string exclude_id;
  bool is_opportunity = false;  // a post (or a text need): direction and cooperation are meaningful
  std::string direction;
  std::vector<std::string> cooperation;
  std::string stage;
  std::vector<std::string> areas;
  std::vector<std::string> targets;  // target countries
  std::string country;               // where the source is based
  std::string kind;                  // organisation kind of the source
  std::vector<std::string> partner_kinds;
  std::vector<std::string> named_kinds;  // of those, the ones a text need asks for in words
  search::TermProfile profile;
  std::set<std::string> wanted_certifications;  // concept ids
};

Matcher::Matcher(const search::SearchIndex& index, const domain::Taxonomies& taxonomies)
    : index_(index), taxonomies_(taxonomies), vocabulary_(index.vocabulary()) {}

namespace {

// Target markets, for retrieval: candidates based or present there.
void AddTargetCountries(search::TermProfile& profile, const std::vector<std::string>& targets) {
  constexpr double kTargetWeight = 1.5;
  for (const std::string& t : targets) profile.terms[search::CountryTerm(t)] += kTargetWeight;
}

std::set<std::string> CertificationConcepts(const search::TermProfile& profile, const text::Vocabulary& vocabulary) {
  std::set<std::string> ids;
  for (const auto& [c, weight] : profile.concepts) {
    if (vocabulary.concepts()[c].category == "certification") ids.insert(vocabulary.concepts()[c].id);
  }
  return ids;
}

// Counterpart concepts for retrieval, at a weight that lets them find the
// right kind of partner without drowning the source's own words.
void AddCounterparts(search::TermProfile& profile, std::string_view direction,
                     const std::vector<std::string>& cooperation, const text::Vocabulary& vocabulary) {
  constexpr double kCounterpartWeight = 1.5;
  for (const Counterpart& c : kCounterparts) {
    if (c.direction != direction || !Contains(cooperation, c.cooperation)) continue;
    for (std::string_view id : c.concepts) {
      if (const std::int32_t i = vocabulary.IndexOf(id); i >= 0) profile.concepts[static_cast<std::uint32_t>(i)] += kCounterpartWeight;
    }
  }
}

int StageIndex(const domain::Taxonomy& stages, std::string_view code) {
  const auto& entries = stages.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

// Adds to `pool` the known partners the text retrieval missed: past
// partners first, then the strongest partners of partners. An organisation
// is missed when its own record is not in the pool (one of its posts may
// be); no record enters the pool twice.
Status PoolKnownPartners(const search::SearchIndex& index, search::SearchRequest request, const PartnerHistory& history,
                         search::SearchResult& pool) {
  constexpr std::size_t kMaxDirect = Matcher::kPoolSize;
  constexpr std::size_t kMaxIndirect = Matcher::kPoolSize / 2;
  std::set<std::string> pooled;
  for (const search::SearchHit& hit : pool.hits) pooled.insert(hit.id);
  std::vector<std::string> missed;
  for (const auto& [id, direct] : history.direct) {
    if (!pooled.count(id) && missed.size() < kMaxDirect) missed.push_back(id);
  }
  std::vector<std::pair<double, std::string>> indirect;
  for (const auto& [id, i] : history.indirect) {
    if (!pooled.count(id)) indirect.emplace_back(-i.strength, id);
  }
  std::sort(indirect.begin(), indirect.end());
  for (std::size_t i = 0; i < indirect.size() && i < kMaxIndirect; ++i) missed.push_back(indirect[i].second);
  if (!request.only_organizations.empty()) {  // the caller's restriction holds for known partners too
    std::erase_if(missed, [&](const std::string& id) {
      return std::find(request.only_organizations.begin(), request.only_organizations.end(), id) ==
             request.only_organizations.end();
    });
  }
  if (missed.empty()) return Status::Ok();
  request.only_organizations = std::move(missed);
  request.limit = static_cast<int>(kMaxDirect + kMaxIndirect);
  BB_ASSIGN_OR_RETURN(search::SearchResult more, index.Search(request));
  for (search::SearchHit& hit : more.hits) {
    if (pooled.insert(hit.id).second) pool.hits.push_back(std::move(hit));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Candidate>> Matcher::ForOpportunity(const domain::Opportunity& opportunity,
                                                       const domain::Organization& owner,
                                                       const MatchOptions& options) const {
  Source s;
  s.exclude_organization = owner.id;
  s.exclude_id = opportunity.id;
  s.is_opportunity = true;
  s.direction = opportunity.direction;
  s.cooperation = opportunity.cooperation;
  s.stage = opportunity.stage;
  s.areas = opportunity.therapeutic_areas;
  s.targets = opportunity.target_countries;
  s.country = owner.country;
  s.kind = owner.kind;
  s.partner_kinds = PartnerKindsFor(opportunity.direction, opportunity.cooperation);
  s.profile = search::AnalyzeOpportunity(opportunity, vocabulary_);
  s.wanted_certifications = CertificationConcepts(s.profile, vocabulary_);
  AddCounterparts(s.profile, s.direction, s.cooperation, vocabulary_);
  AddTargetCountries(s.profile, s.targets);
  return Rank(s, options);
}

Result<std::vector<Candidate>> Matcher::ForOrganization(const domain::Organization& organization,
                                                        const MatchOptions& options) const {
  Source s;
  s.exclude_organization = organization.id;
  s.areas = organization.therapeutic_areas;
  s.country = organization.country;
  s.kind = organization.kind;
  // Words of names ("University", "Medical") match names, not needs: the
  // name counts through its concepts only.
  domain::Organization unnamed = organization;
  unnamed.name = {};
  s.profile = search::AnalyzeOrganization(unnamed, vocabulary_);
  for (const auto& [language, name] : organization.name.variants()) {
    for (const auto& [c, weight] : search::AnalyzeText(name, 3.0, vocabulary_).concepts) s.profile.concepts[c] += weight;
  }
  // Its own country, markets and kind describe it, not what it looks for
  // (a distributor looks for makers, not for other distributors).
  for (auto it = s.profile.terms.begin(); it != s.profile.terms.end();) {
    it = it->first.starts_with(search::kCountryTermPrefix) ? s.profile.terms.erase(it) : std::next(it);
  }
  if (const std::int32_t own_kind = vocabulary_.IndexOf(search::ConceptOfKind(organization.kind)); own_kind >= 0) {
    s.profile.concepts.erase(static_cast<std::uint32_t>(own_kind));
  }
  // What the other side of an organisation of this kind tends to mention.
  if (auto it = kComplementaryKinds.find(organization.kind); it != kComplementaryKinds.end()) {
    for (std::uint32_t c = 0; c < vocabulary_.concepts().size(); ++c) {
      if (vocabulary_.concepts()[c].category != "role") continue;
      if (Contains(it->second, KindOfConcept(c, vocabulary_, taxonomies_))) s.profile.concepts[c] += 0.5;
    }
  }
  return Rank(s, options);
}

Result<std::vector<Candidate>> Matcher::ForText(std::string_view text, const MatchOptions& options) const {
  Source s;
  s.is_opportunity = true;
  s.direction = "request";
  s.profile = search::AnalyzeText(text, 1.0, vocabulary_, text::TagMode::kQuery);
  if (s.profile.terms.empty() && s.profile.concepts.empty()) {
    return InvalidArgumentError("text", "the text has no words to match on");
  }
  for (const auto& [c, weight] : s.profile.concepts) {
    const text::Concept& concept_ = vocabulary_.concepts()[c];
    if (const std::string cooperation = CooperationOfConcept(concept_.id, taxonomies_);
        !cooperation.empty() && !Contains(s.cooperation, cooperation)) {
      s.cooperation.push_back(cooperation);
    }
    if (concept_.category == "role") {
      if (const std::string kind = KindOfConcept(c, vocabulary_, taxonomies_);
          !kind.empty() && !Contains(s.partner_kinds, kind)) {
        s.partner_kinds.push_back(kind);
        s.named_kinds.push_back(kind);
      }
    }
    if (concept_.category == "therapeutic_area" && weight >= 1.0) {
      for (const std::string& a : concept_.therapeutic_areas) {
        if (!Contains(s.areas, a)) s.areas.push_back(a);
      }
    }
  }
  for (const std::string& k : PartnerKindsFor(s.direction, s.cooperation)) {
    if (!Contains(s.partner_kinds, k)) s.partner_kinds.push_back(k);
  }
  s.wanted_certifications = CertificationConcepts(s.profile, vocabulary_);
  s.targets = CountriesNamedIn(text, taxonomies_);
  AddCounterparts(s.profile, s.direction, s.cooperation, vocabulary_);
  AddTargetCountries(s.profile, s.targets);
  return Rank(s, options);
}

Result<std::vector<Candidate>> Matcher::Rank(const Source& s, const MatchOptions& options) const {
  search::SearchRequest request;
  request.profile = &s.profile;
  request.filter.type = options.only;
  request.filter.visible_tiers = options.visible_tiers;
  request.filter.own_organization_ids = options.own_organization_ids;
  request.filter.country = options.country;
  request.filter.kinds = options.kinds;
  request.only_organizations = options.among_organizations;
  if (!s.exclude_organization.empty()) request.filter.exclude_organization_ids = {s.exclude_organization};
  if (!s.exclude_id.empty()) request.filter.exclude_ids = {s.exclude_id};
  request.limit = kPoolSize;
  request.facts = true;
  BB_ASSIGN_OR_RETURN(search::SearchResult pool, index_.Search(request));
  const PartnerHistory* history = options.history && !options.history->empty() ? options.history : nullptr;
  if (history) BB_RETURN_IF_ERROR(PoolKnownPartners(index_, std::move(request), *history, pool));
  if (pool.hits.empty()) return std::vector<Candidate>{};
  // Relevance is judged against the best candidate, unless even the best
  // reaches less than a quarter of the most the query could score: then
  // the whole pool is a weak match, and relevance scales down with it.
  const double best = pool.hits.front().score > 0 ? pool.hits.front().score : 1.0;
  const double pool_strength = pool.max_possible > 0 ? std::min(1.0, best / (0.25 * pool.max_possible)) : 1.0;

  const domain::Taxonomy& stages = taxonomies_.stages();
  // The source's concepts, strongest first, to name the shared ones.
  std::vector<std::pair<double, std::string>> source_concepts;
  for (const auto& [c, weight] : s.profile.concepts) source_concepts.emplace_back(-weight, vocabulary_.concepts()[c].id);
  std::sort(source_concepts.begin(), source_concepts.end());

  std::vector<Candidate> ranked;
  for (const search::SearchHit& hit : pool.hits) {
    const search::RecordFacts& f = hit.facts;
    Candidate c;
    c.type = hit.type;
    c.id = hit.id;
    c.organization_id = hit.organization_id;
    auto add = [&](double weight, double strength, std::string code, std::vector<std::string> items) {
      if (strength <= 0) return;
      c.reasons.push_back({std::move(code), weight * strength, std::move(items)});
    };

    // Relevance: shared concepts (named) and words.
    {
      std::vector<std::string> shared;
      for (const auto& [weight, id] : source_concepts) {
        if (shared.size() < 6 && Contains(f.concepts, id)) shared.push_back(id);
      }
      const double strength = std::clamp(hit.score / best, 0.0, 1.0) * pool_strength;
      if (!shared.empty()) {
        add(kWeights.relevance, strength, "shared_concepts", std::move(shared));
      } else {
        add(kWeights.relevance, strength, "shared_words", {});
      }
    }
    // Where the candidate stands against the markets the source names: based
    // in one, present in some, or (when it names any) outside them all.
    const bool in_target = Contains(s.targets, f.country);
    const std::vector<std::string> present = in_target ? std::vector<std::string>{} : Intersection(s.targets, f.markets);
    const bool outside_targets = !s.targets.empty() && !in_target && present.empty();
    // Complement.
    if (s.is_opportunity && hit.type == RecordType::kOpportunity) {
      const std::vector<std::string> shared_types = Intersection(s.cooperation, f.cooperation);
      const bool same_side = s.direction == f.direction;
      bool complements = false;
      if (!same_side && !shared_types.empty()) {
        add(kWeights.complement, 1.0, s.direction == "request" ? "offer_meets_request" : "request_meets_offer",
            shared_types);
        complements = true;
      } else {
        for (const ComplementaryCooperation& pair : kComplementaryCooperation) {
          if (same_side && !pair.two_sides) continue;
          if (Across(pair, s.cooperation, f.cooperation)) {
            const bool source_has_a = Contains(s.cooperation, pair.a);
            add(kWeights.complement, 1.0, "complementary_cooperation",
                {std::string(source_has_a ? pair.a : pair.b), std::string(source_has_a ? pair.b : pair.a)});
            complements = true;
            break;
          }
        }
      }
      // A maker asking for a market and a distributor asking for products
      // there: the two sides of one deal, though both posts ask.
      if (same_side && !complements && AsksForLocalMarket(s.cooperation) && AsksForLocalMarket(f.cooperation) &&
          LocalSide(s.kind, s.country, s.targets) != LocalSide(f.kind, f.country, f.targets)) {
        const bool they_are_local = LocalSide(f.kind, f.country, f.targets);
        // Inferred from who posts it, not from what the post says it offers: weaker evidence.
        add(kWeights.complement, kSideInferredStrength, they_are_local ? "wants_what_you_bring" : "brings_what_you_want",
            {they_are_local ? f.country : s.country});
        complements = true;
      }
      // Asking (or offering) the same kind of cooperation: a competitor.
      if (same_side && !complements) {
        bool rivals = !shared_types.empty();
        for (const ComplementaryCooperation& pair : kComplementaryCooperation) {
          rivals = rivals || (!pair.two_sides && Across(pair, s.cooperation, f.cooperation));
        }
        c.competitor = rivals;
      }
    } else if (s.is_opportunity && hit.type == RecordType::kOrganization) {
      // A hospital or distributor for market entry or distribution is one in
      // that market: a Chinese hospital is not what a search for Russian
      // hospitals needs, whatever its kind.
      if (Contains(s.partner_kinds, f.kind) && !(outside_targets && AsksForLocalMarket(s.cooperation))) {
        std::vector<std::string> items{f.kind};
        items.insert(items.end(), s.cooperation.begin(), s.cooperation.end());
        add(kWeights.complement, Contains(s.named_kinds, f.kind) ? 1.0 : kKindOnlyStrength, "partner_kind",
            std::move(items));
      }
    } else if (!s.is_opportunity && hit.type == RecordType::kOpportunity) {
      if (Contains(PartnerKindsFor(f.direction, f.cooperation), s.kind)) {
        std::vector<std::string> items{s.kind};
        items.insert(items.end(), f.cooperation.begin(), f.cooperation.end());
        add(kWeights.complement, 1.0, "looks_for_your_kind", std::move(items));
      }
    } else if (auto it = kComplementaryKinds.find(s.kind); it != kComplementaryKinds.end() && Contains(it->second, f.kind)) {
      add(kWeights.complement, 0.6, "complementary_kinds", {s.kind, f.kind});
    }
    // Market.
    {
      double strength = 0;
      std::string code;
      std::vector<std::string> items;
      if (in_target) {
        strength = 1.0, code = "target_market", items = {f.country};
      } else if (!present.empty()) {
        strength = 0.8, code = "market_presence", items = present;
      } else if (s.targets.empty() && !s.country.empty() && Contains(f.targets, s.country)) {
        // (Only when the source names no market of its own: a request for
        // partners in Russia is not answered by a post aimed at China.)
        strength = 0.7, code = "targets_your_country", items = {s.country};
      }
      add(kWeights.market, strength, code, items);
    }
    // Therapeutic areas.
    if (!s.areas.empty() && !f.areas.empty()) {
      const std::vector<std::string> common = Intersection(s.areas, f.areas);
      const double strength =
          static_cast<double>(common.size()) / static_cast<double>(std::min(s.areas.size(), f.areas.size()));
      add(kWeights.area, std::min(1.0, strength), "therapeutic_area", common);
    }
    // Certifications asked for and held.
    if (!s.wanted_certifications.empty()) {
      std::vector<std::string> held;
      for (const auto& [concept_id, expires] : f.certifications) {
        if (expires && *expires < options.today) continue;
        if (s.wanted_certifications.count(concept_id) && !Contains(held, concept_id)) held.push_back(concept_id);
      }
      if (!held.empty()) {
        add(kWeights.certification,
            std::min(1.0, static_cast<double>(held.size()) / static_cast<double>(s.wanted_certifications.size())),
            "certification", held);
      }
    }
    // History: worked together before, or with the same partners; half as
    // much outside the markets the source asks for.
    if (history) {
      const double reach = outside_targets ? 0.5 : 1.0;
      if (auto d = history->direct.find(hit.organization_id); d != history->direct.end()) {
        const double strength = std::min(1.0, 0.6 + 0.2 * static_cast<double>(d->second.joint - 1));
        add(kWeights.history, reach * strength, "worked_together",
            {std::to_string(d->second.joint), d->second.latest_year ? std::to_string(*d->second.latest_year) : ""});
      } else if (auto i = history->indirect.find(hit.organization_id); i != history->indirect.end()) {
        add(kWeights.history, reach * 0.5 * i->second.strength, "partners_in_common", {std::to_string(i->second.via)});
      }
    }
    // Stage.
    if (!s.stage.empty() && !f.stage.empty() && s.stage != "not_applicable" && f.stage != "not_applicable") {
      const int a = StageIndex(stages, s.stage);
      const int b = StageIndex(stages, f.stage);
      if (a >= 0 && b >= 0 && std::abs(a - b) <= 1) add(kWeights.stage, a == b ? 1.0 : 0.5, "stage", {f.stage});
    }

    for (const Reason& r : c.reasons) c.score += r.contribution;
    std::stable_sort(c.reasons.begin(), c.reasons.end(),
                     [](const Reason& x, const Reason& y) { return x.contribution > y.contribution; });
    ranked.push_back(std::move(c));
  }
  // Partners first, best first; then the strongest few competitors.
  std::stable_sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    if (a.competitor != b.competitor) return !a.competitor;
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  });
  const auto first_competitor =
      std::find_if(ranked.begin(), ranked.end(), [](const Candidate& c) { return c.competitor; });
  const std::size_t partners = static_cast<std::size_t>(first_competitor - ranked.begin());
  const std::size_t keep_partners = std::min(partners, static_cast<std::size_t>(std::max(options.top, 0)));
  const std::size_t keep_competitors = std::min(ranked.size() - partners, kMaxCompetitors);
  std::vector<Candidate> out;
  out.reserve(keep_partners + keep_competitors);
  std::move(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep_partners), std::back_inserter(out));
  std::move(first_competitor, first_competitor + static_cast<std::ptrdiff_t>(keep_competitors), std::back_inserter(out));
  return out;
}

}  // namespace biobridge::match
