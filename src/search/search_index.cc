#include "search/search_index.h"
#include "storage/store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <condition_variable>
#include <deque>
#include <thread>
#include <tuple>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace biobridge::search {
namespace {

// Value slots, read by the facet counter.
enum Slot : Xapian::valueno {
  kSlotType = 0,
  kSlotCountry = 1,
  kSlotKind = 2,
  kSlotAreas = 3,
  kSlotCooperation = 4,
  kSlotStage = 5,
};
// The document data holds what a hit shows and the facts matching scores
// candidates by, one field per line (lists joined by kListSeparator), so
// that a hit costs one read: no value slots, no database.
enum DataField : std::size_t {
  kDataType, kDataId, kDataOrganization, kDataCountry, kDataKind, kDataMarkets,
  kDataCertifications,  // "concept_id" or "concept_id@YYYY-MM-DD" (expiry)
  kDataAreas, kDataConcepts, kDataDirection, kDataCooperation, kDataStage, kDataTargets, kDataFieldCount
};
constexpr std::size_t kMaxStoredConcepts = 40;
constexpr char kListSeparator = '\x1f';

// Boolean term prefixes.
constexpr std::string_view kIdPrefix = "Q";
constexpr std::string_view kTypePrefix = "XT";
constexpr std::string_view kCountryPrefix = "XC";
constexpr std::string_view kKindPrefix = "XK";
constexpr std::string_view kAreaPrefix = "XA";
constexpr std::string_view kCooperationPrefix = "XO";
constexpr std::string_view kStagePrefix = "XS";
constexpr std::string_view kDirectionPrefix = "XD";
constexpr std::string_view kTierPrefix = "XV";
constexpr std::string_view kOrganizationPrefix = "XG";
// Certificates in force: of a kind or family ("XQK" code), holding in a
// country ("XQC" country, "*" for international standards), both of one
// certificate ("XQB" code ":" country).
constexpr std::string_view kCertificatePrefix = "XQK";
constexpr std::string_view kCertifiedInPrefix = "XQC";
constexpr std::string_view kCertificateInPrefix = "XQB";

constexpr std::string_view kAppliedSeqKey = "applied_change_seq";
constexpr std::string_view kAnalysisKey = "analysis";
// Concepts carry a query's meaning across languages: weighted above words.
constexpr double kConceptQueryWeight = 2.0;
// In a profile (matching), concepts weigh like words: a long text mentions
// broad concepts (an area, "vaccine") that many candidates share, and
// weighting them up drowns the specific words (measured: bench/eval_matching).
constexpr double kConceptProfileWeight = 1.0;
// A profile query keeps its strongest terms only: enough to rank, few enough
// for Xapian to prune.
constexpr std::size_t kMaxProfileTerms = 32;

std::string Term(std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); }

std::string JoinList(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += kListSeparator;
    out += v;
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t end = value.find(kListSeparator, start);
    if (end == std::string::npos) end = value.size();
    if (end > start) out.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Xapian::termcount Wdf(double weight) {
  return static_cast<Xapian::termcount>(std::max(1.0, std::round(weight * 2)));
}

// What a document of either kind carries besides its text.
struct DocumentFields {
  RecordType type;
  std::string id;
  std::string organization_id;
  std::string country;
  std::string kind;
  std::vector<std::string> areas;
  std::vector<std::string> cooperation;
  std::string stage;
  std::string direction;
  std::string tier = "public";
  std::vector<std::string> targets;
  std::vector<std::string> markets;
  std::string certifications;
  std::vector<std::string> certificate_terms;  // boolean terms of the certificates in force
};

Xapian::Document BuildDocument(const DocumentFields& f, const TermProfile& profile, const text::Vocabulary& vocabulary) {
  Xapian::Document doc;
  for (const auto& [term, weight] : profile.terms) doc.add_term(term, Wdf(weight));
  for (const auto& [c, weight] : profile.concepts) doc.add_term(ConceptTerm(vocabulary.concepts()[c].id), Wdf(weight));
  const std::string type(RecordTypeName(f.type));
  doc.add_boolean_term(Term(kIdPrefix, f.id));
  doc.add_boolean_term(Term(kTypePrefix, type));
  doc.add_boolean_term(Term(kOrganizationPrefix, f.organization_id));
  doc.add_boolean_term(Term(kTierPrefix, f.tier));
  if (!f.country.empty()) doc.add_boolean_term(Term(kCountryPrefix, f.country));
  if (!f.kind.empty()) doc.add_boolean_term(Term(kKindPrefix, f.kind));
  for (const std::string& a : f.areas) doc.add_boolean_term(Term(kAreaPrefix, a));
  for (const std::string& c : f.cooperation) doc.add_boolean_term(Term(kCooperationPrefix, c));
  if (!f.stage.empty()) doc.add_boolean_term(Term(kStagePrefix, f.stage));
  if (!f.direction.empty()) doc.add_boolean_term(Term(kDirectionPrefix, f.direction));
  for (const std::string& term : f.certificate_terms) doc.add_boolean_term(term);
  doc.add_value(kSlotType, type);
  doc.add_value(kSlotCountry, f.country);
  doc.add_value(kSlotKind, f.kind);
  doc.add_value(kSlotAreas, JoinList(f.areas));
  doc.add_value(kSlotCooperation, JoinList(f.cooperation));
  doc.add_value(kSlotStage, f.stage);
  std::vector<std::pair<double, std::uint32_t>> strongest;
  for (const auto& [c, weight] : profile.concepts) strongest.emplace_back(-weight, c);
  std::sort(strongest.begin(), strongest.end());
  std::vector<std::string> concept_ids;
  for (std::size_t i = 0; i < strongest.size() && i < kMaxStoredConcepts; ++i) {
    concept_ids.push_back(vocabulary.concepts()[strongest[i].second].id);
  }
  std::array<std::string, kDataFieldCount> data;
  data[kDataType] = type;
  data[kDataId] = f.id;
  data[kDataOrganization] = f.organization_id;
  data[kDataCountry] = f.country;
  data[kDataKind] = f.kind;
  data[kDataMarkets] = JoinList(f.markets);
  data[kDataCertifications] = f.certifications;
  data[kDataAreas] = JoinList(f.areas);
  data[kDataConcepts] = JoinList(concept_ids);
  data[kDataDirection] = f.direction;
  data[kDataCooperation] = JoinList(f.cooperation);
  data[kDataStage] = f.stage;
  data[kDataTargets] = JoinList(f.targets);
  std::string joined;
  for (std::size_t i = 0; i < data.size(); ++i) joined += (i ? "\n" : "") + data[i];
  doc.set_data(joined);
  return doc;
}

struct OwnerFields {
  std::string country;
  std::string kind;
  std::vector<std::string> markets;
  std::string certifications;  // the slot's list, joined
  std::vector<std::string> certificate_terms;
  std::vector<domain::Certificate> certificates;  // in force
};

// The boolean terms of certificates in force (see kCertificatePrefix).
std::vector<std::string> CertificateTerms(const std::vector<domain::Certificate>& certificates) {
  std::set<std::string> terms;
  for (const domain::Certificate& c : certificates) {
    const domain::CertificateKind* kind = domain::CertificateKinds::Builtin().Find(c.kind);
    if (!kind) continue;
    const std::vector<std::string> countries = domain::CertificateCountries(c);
    for (const std::string& code : {kind->code, kind->family}) {
      terms.insert(Term(kCertificatePrefix, code));
      for (const std::string& country : countries) terms.insert(Term(kCertificateInPrefix, code + ":" + country));
    }
    for (const std::string& country : countries) terms.insert(Term(kCertifiedInPrefix, country));
  }
  return {terms.begin(), terms.end()};
}

// Certification concepts of an organisation with their expiry, for the slot:
// what it declares by name, and its recorded certificates in force.
std::string CertificationList(const domain::Organization& o, const std::vector<domain::Certificate>& certificates,
                              const text::Vocabulary& vocabulary) {
  std::vector<std::string> items;
  for (const domain::Certificate& c : certificates) {
    const domain::CertificateKind* kind = domain::CertificateKinds::Builtin().Find(c.kind);
    const std::int32_t index = kind && !kind->concept_id.empty() ? vocabulary.IndexOf(kind->concept_id) : -1;
    if (index < 0) continue;
    std::vector<std::uint32_t> ids = vocabulary.Generalizations(static_cast<std::uint32_t>(index));
    ids.insert(ids.begin(), static_cast<std::uint32_t>(index));
    for (std::uint32_t id : ids) {
      if (vocabulary.concepts()[id].category != "certification") continue;
      items.push_back(vocabulary.concepts()[id].id + (c.expires_on ? "@" + FormatDate(*c.expires_on) : ""));
    }
  }
  for (const domain::Certification& cert : o.certifications) {
    for (const text::ConceptMention& m : vocabulary.Tag(cert.name)) {
      std::vector<std::uint32_t> ids = vocabulary.Generalizations(m.concept_index);
      ids.insert(ids.begin(), m.concept_index);
      for (std::uint32_t id : ids) {
        if (vocabulary.concepts()[id].category != "certification") continue;
        items.push_back(vocabulary.concepts()[id].id + (cert.expires ? "@" + FormatDate(*cert.expires) : ""));
      }
    }
  }
  return JoinList(items);
}

// `certificates`: the organisation's, all of them; those not lapsed count.
OwnerFields OwnerOf(const domain::Organization& o, std::vector<domain::Certificate> certificates,
                    const text::Vocabulary& vocabulary) {
  std::erase_if(certificates, [](const domain::Certificate& c) { return c.lapsed; });
  OwnerFields owner{o.country, o.kind, o.markets, CertificationList(o, certificates, vocabulary),
                    CertificateTerms(certificates), {}};
  owner.certificates = std::move(certificates);
  return owner;
}

Xapian::Document OrganizationDocument(const domain::Organization& o, const OwnerFields& owner,
                                      const text::Vocabulary& vocabulary) {
  DocumentFields f{RecordType::kOrganization, o.id, o.id, o.country, o.kind, o.therapeutic_areas, {}, {}, {}, "public",
                   {}, o.markets, owner.certifications, owner.certificate_terms};
  TermProfile profile = AnalyzeOrganization(o, vocabulary);
  AddCertificates(profile, owner.certificates, vocabulary);
  return BuildDocument(f, profile, vocabulary);
}

Xapian::Document OpportunityDocument(const domain::Opportunity& o, const OwnerFields& owner,
                                     const text::Vocabulary& vocabulary) {
  DocumentFields f{RecordType::kOpportunity, o.id, o.organization_id, owner.country, owner.kind, o.therapeutic_areas,
                   o.cooperation, o.stage, o.direction, o.confidentiality, o.target_countries, owner.markets,
                   owner.certifications, owner.certificate_terms};
  TermProfile profile = AnalyzeOpportunity(o, vocabulary);
  if (!owner.country.empty()) profile.terms[CountryTerm(owner.country)] += 1;
  return BuildDocument(f, profile, vocabulary);
}

// Counts facet values over every match (multi-valued slots hold lists).
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    for (std::size_t i = 0; i < kFacets.size(); ++i) {
      const std::string value = doc.get_value(kFacets[i].slot);
      if (value.empty()) continue;
      std::size_t start = 0;
      while (start <= value.size()) {
        std::size_t end = value.find(kListSeparator, start);
        if (end == std::string::npos) end = value.size();
        if (end > start) ++counts_[i][value.substr(start, end - start)];
        start = end + 1;
      }
    }
  }
  std::string get_description() const override { return "BioBridge facet counter"; }

  std::map<std::string, std::vector<FacetValue>> Result() const {
    std::map<std::string, std::vector<FacetValue>> out;
    for (std::size_t i = 0; i < kFacets.size(); ++i) {
      std::vector<FacetValue>& values = out[kFacets[i].name];
      for (const auto& [value, count] : counts_[i]) values.push_back({value, count});
      std::stable_sort(values.begin(), values.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    }
    return out;
  }

 private:
  struct Facet {
    const char* name;
    Xapian::valueno slot;
  };
  static constexpr std::array<Facet, 6> kFacets = {{{"type", kSlotType},
                                                    {"country", kSlotCountry},
                                                    {"kind", kSlotKind},
                                                    {"area", kSlotAreas},
                                                    {"cooperation", kSlotCooperation},
                                                    {"stage", kSlotStage}}};
  std::array<std::map<std::string, std::int64_t>, kFacets.size()> counts_;
};

// Field `field` of a document's data (fields are separated by newlines).
std::string_view FieldOfData(std::string_view blob, std::size_t field) {
  for (std::size_t i = 0; i < field; ++i) {
    const std::size_t end = blob.find('\n');
    if (end == std::string_view::npos) return {};
    blob.remove_prefix(end + 1);
  }
  return blob.substr(0, blob.find('\n'));
}

// Accepts the records of a long list of organisations: an OR of thousands
// of terms costs Xapian more than the whole ranking (a 15,000-delegate event
// took a second), while a set lookup per candidate is cheap.
class OrganizationDecider : public Xapian::MatchDecider {
 public:
  explicit OrganizationDecider(const std::vector<std::string>& ids) : ids_(ids.begin(), ids.end()) {}
  bool operator()(const Xapian::Document& doc) const override {
    return ids_.contains(std::string(FieldOfData(doc.get_data(), kDataOrganization)));
  }

 private:
  std::unordered_set<std::string> ids_;
};

// Above this many organisations, OrganizationDecider instead of a query term each.
constexpr std::size_t kOrganizationTermsAtMost = 256;

Xapian::Query AnyOf(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) terms.emplace_back(Term(prefix, v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query TextQuery(const QueryAnalysis& analysis, const text::Vocabulary& vocabulary, bool all_units) {
  std::vector<Xapian::Query> units;
  for (const QueryAnalysis::Unit& unit : analysis.units) {
    Xapian::Query words;
    if (!unit.terms.empty()) words = Xapian::Query(Xapian::Query::OP_AND, unit.terms.begin(), unit.terms.end());
    // The same name in the other script is the same word: counted once.
    if (!unit.other_script_term.empty()) words = Xapian::Query(Xapian::Query::OP_MAX, words, Xapian::Query(unit.other_script_term));
    if (unit.concept_index < 0) {
      units.push_back(words);
      continue;
    }
    Xapian::Query concept_query(Xapian::Query::OP_SCALE_WEIGHT,
                                Xapian::Query(ConceptTerm(vocabulary.concepts()[unit.concept_index].id)),
                                kConceptQueryWeight);
    // One meaning, counted once: a record that has both the concept and the
    // query's own words (same language) scores no more for it than one that
    // has the concept only (another language).
    units.push_back(unit.terms.empty() ? concept_query : Xapian::Query(Xapian::Query::OP_MAX, concept_query, words));
  }
  return Xapian::Query(all_units ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, units.begin(), units.end());
}

// A profile query keeps the terms that discriminate: each term's weight in
// the profile times its inverse document frequency, best first; terms found
// in more than a fifth of the documents carry almost nothing and cost the
// most (Xapian cannot prune their long posting lists), so they are left out.
Xapian::Query ProfileQuery(const TermProfile& profile, const text::Vocabulary& vocabulary, const Xapian::Database& db) {
  constexpr double kMaxDocumentShare = 0.01;
  constexpr double kAlwaysKeptFrequency = 1000;  // cheap enough whatever the collection
  const double documents = std::max<double>(1, db.get_doccount());
  const double max_frequency = std::max(kAlwaysKeptFrequency, kMaxDocumentShare * documents);
  std::vector<std::tuple<double, double, std::string>> weighted;  // rank, weight, term
  auto consider = [&](const std::string& term, double weight) {
    const double df = db.get_termfreq(term);
    if (df == 0 || df > max_frequency) return;
    weighted.emplace_back(weight * std::log(1 + documents / df), weight, term);
  };
  for (const auto& [term, weight] : profile.terms) {
    // A skeleton is looked for in the other script only (analysis.h).
    if (std::string other = OtherScriptTerm(term); !other.empty()) {
      consider(other, weight);
    } else {
      consider(term, weight);
    }
  }
  for (const auto& [c, weight] : profile.concepts) {
    consider(ConceptTerm(vocabulary.concepts()[c].id), weight * kConceptProfileWeight);
  }
  std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  if (weighted.size() > kMaxProfileTerms) weighted.resize(kMaxProfileTerms);
  std::vector<Xapian::Query> terms;
  for (const auto& [rank, weight, term] : weighted) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query FilterQuery(const SearchFilter& f) {
  std::vector<Xapian::Query> all;
  if (f.type) all.emplace_back(Term(kTypePrefix, RecordTypeName(*f.type)));
  auto add = [&](std::string_view prefix, const std::string& value) {
    if (!value.empty()) all.emplace_back(Term(prefix, value));
  };
  add(kCountryPrefix, f.country);
  add(kKindPrefix, f.kind);
  add(kAreaPrefix, f.area);
  add(kCooperationPrefix, f.cooperation);
  add(kStagePrefix, f.stage);
  add(kDirectionPrefix, f.direction);
  add(kOrganizationPrefix, f.organization_id);
  if (!f.kinds.empty()) {
    std::vector<Xapian::Query> any;
    for (const std::string& k : f.kinds) any.emplace_back(Term(kKindPrefix, k));
    all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!f.certified_in.empty()) {
    // Where a certificate holds: that country, or anywhere (an international standard).
    const std::string prefix(f.certificate.empty() ? kCertifiedInPrefix : kCertificateInPrefix);
    const std::string code = f.certificate.empty() ? "" : f.certificate + ":";
    all.emplace_back(Xapian::Query::OP_OR, Xapian::Query(Term(prefix, code + f.certified_in)),
                     Xapian::Query(Term(prefix, code + "*")));
  } else {
    add(kCertificatePrefix, f.certificate);
  }
  if (!f.visible_tiers.empty()) {
    std::vector<Xapian::Query> visible{Xapian::Query(Term(kTypePrefix, "organization"))};
    for (const std::string& tier : f.visible_tiers) visible.emplace_back(Term(kTierPrefix, tier));
    for (const std::string& org : f.own_organization_ids) visible.emplace_back(Term(kOrganizationPrefix, org));
    all.emplace_back(Xapian::Query::OP_OR, visible.begin(), visible.end());
  }
  if (all.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

// out[i] = build(in[i]) on up to `threads` threads (analysis is the costly
// part of indexing; Xapian's writes stay on one thread).
template <typename In, typename Build>
std::vector<Xapian::Document> BuildInParallel(const std::vector<In>& in, int threads, Build build) {
  std::vector<Xapian::Document> out(in.size());
  if (in.empty()) return out;
  const std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, in.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < in.size(); i = next++) out[i] = build(in[i]);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

int DefaultThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

Status XapianError(const Xapian::Error& e, std::string_view doing) {
  if (std::string_view(e.get_type()) == "DatabaseLockError") {
    return UnavailableError(fmt::format("the search index is in use by another process ({})", e.get_description()));
  }
  return InternalError(fmt::format("search index: {} failed: {}", doing, e.get_description()));
}

}  // namespace

std::string_view RecordTypeName(RecordType type) {
  return type == RecordType::kOrganization ? "organization" : "opportunity";
}

class SearchIndex::Impl {
 public:
  Impl(const text::Vocabulary& vocabulary, std::string path, Xapian::WritableDatabase writer)
      : vocabulary_(vocabulary),
        path_(std::move(path)),
        writer_(std::move(writer)),
        analysis_(fmt::format("{}:{:016x}", kAnalysisVersion, vocabulary.fingerprint())) {
    const std::string seq = writer_.get_metadata(std::string(kAppliedSeqKey));
    applied_seq_ = seq.empty() ? 0 : std::stoll(seq);
    if (writer_.get_doccount() == 0 && applied_seq_ == 0) {
      writer_.set_metadata(std::string(kAnalysisKey), analysis_);  // nothing indexed yet: built by today's rules
      writer_.commit();
    }
    analysis_is_current_ = writer_.get_metadata(std::string(kAnalysisKey)) == analysis_;
  }

  bool analysis_is_current() const { return analysis_is_current_.load(); }

  const text::Vocabulary& vocabulary() const { return vocabulary_; }
  std::int64_t applied_seq() const { return applied_seq_.load(); }

  // Runs `read` on a database handle that sees the last commit.
  template <typename Read>
  auto WithReader(Read&& read) const {
    if (path_.empty()) {  // in memory: the writer is the only handle
      std::lock_guard lock(write_mutex_);
      return read(static_cast<const Xapian::Database&>(writer_));
    }
    std::unique_ptr<Reader> reader = TakeReader();
    struct Return {
      const Impl* impl;
      std::unique_ptr<Reader>& reader;
      ~Return() { impl->ReturnReader(std::move(reader)); }
    } give_back{this, reader};
    try {
      return read(static_cast<const Xapian::Database&>(reader->db));
    } catch (const Xapian::DatabaseModifiedError&) {
      reader->db.reopen();  // overtaken by two commits while reading: once more on the newest
      return read(static_cast<const Xapian::Database&>(reader->db));
    }
  }

  Result<std::int64_t> CatchUp(storage::Store& store) {
    std::lock_guard lock(write_mutex_);
    return CatchUpLocked(store);
  }

  Status Put(const std::vector<domain::Organization>& organizations,
             const std::vector<std::pair<domain::Opportunity, const domain::Organization*>>& opportunities,
             const CertificatesByOrganization& certificates) {
    std::lock_guard lock(write_mutex_);
    const int threads = organizations.size() + opportunities.size() > 64 ? DefaultThreads() : 1;
    auto owner_of = [&](const domain::Organization& o) {
      auto found = certificates.find(o.id);
      return OwnerOf(o, found == certificates.end() ? std::vector<domain::Certificate>{} : found->second, vocabulary_);
    };
    try {
      std::vector<Xapian::Document> docs = BuildInParallel(
          organizations, threads, [&](const domain::Organization& o) { return OrganizationDocument(o, owner_of(o), vocabulary_); });
      for (std::size_t i = 0; i < docs.size(); ++i) {
        writer_.replace_document(Term(kIdPrefix, organizations[i].id), docs[i]);
      }
      docs = BuildInParallel(opportunities, threads, [&](const auto& o) {
        return OpportunityDocument(o.first, o.second ? owner_of(*o.second) : OwnerFields{}, vocabulary_);
      });
      for (std::size_t i = 0; i < docs.size(); ++i) {
        writer_.replace_document(Term(kIdPrefix, opportunities[i].first.id), docs[i]);
      }
      writer_.commit();
      ++generation_;
    } catch (const Xapian::Error& e) {
      return XapianError(e, "indexing");
    }
    return Status::Ok();
  }

  Status Rebuild(storage::Store& store, int threads, const std::function<void(std::int64_t)>& progress) {
    std::lock_guard lock(write_mutex_);
    BB_ASSIGN_OR_RETURN(const std::int64_t latest, store.LatestChangeSeq());
    const std::string fresh_path = path_.empty() ? std::string() : path_ + ".rebuild";
    try {
      const int shards = path_.empty() ? 1 : std::max(threads, 1);
      std::vector<std::string> shard_paths;
      std::vector<Xapian::WritableDatabase> writers;
      if (path_.empty()) {
        writers.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
      } else {
        // One shard per thread, each analysed and written by its own thread,
        // then merged by compaction: Xapian's writes run in parallel too.
        for (int k = 0; k < shards; ++k) {
          shard_paths.push_back(fmt::format("{}.shard{}", fresh_path, k));
          writers.emplace_back(shard_paths.back(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        }
      }
      std::atomic<std::int64_t> done{0};
      // Certificates are few beside the directory: read them all first.
      std::unordered_map<std::string, std::vector<domain::Certificate>> certificates;
      BB_RETURN_IF_ERROR(store.ForEachCertificate([&](const domain::Certificate& c) {
        certificates[c.organization_id].push_back(c);
        return Status::Ok();
      }));
      std::unordered_map<std::string, OwnerFields> owners;
      auto owner_of = [&](const domain::Organization& o) {
        auto found = certificates.find(o.id);
        return OwnerOf(o, found == certificates.end() ? std::vector<domain::Certificate>{} : found->second, vocabulary_);
      };
      BB_RETURN_IF_ERROR(AddSharded<domain::Organization>(
          writers, [&](auto visit) { return store.ForEachOrganization(visit); },
          [&](const domain::Organization& o) { owners.emplace(o.id, owner_of(o)); },
          [&](const domain::Organization& o) { return OrganizationDocument(o, owner_of(o), vocabulary_); }, done,
          progress));
      BB_RETURN_IF_ERROR(AddSharded<domain::Opportunity>(
          writers, [&](auto visit) { return store.ForEachOpportunity(visit); }, [](const domain::Opportunity&) {},
          [&](const domain::Opportunity& o) {
            auto owner = owners.find(o.organization_id);
            return OpportunityDocument(o, owner == owners.end() ? OwnerFields{} : owner->second, vocabulary_);
          },
          done, progress));
      Xapian::WritableDatabase fresh;
      if (path_.empty()) {
        fresh = std::move(writers.front());
      } else {
        Xapian::Database all;
        for (std::size_t k = 0; k < writers.size(); ++k) {
          writers[k].commit();
          writers[k].close();
          all.add_database(Xapian::Database(shard_paths[k]));
        }
        std::filesystem::remove_all(fresh_path);
        all.compact(fresh_path);
        all.close();
        for (const std::string& shard : shard_paths) std::filesystem::remove_all(shard);
        fresh = Xapian::WritableDatabase(fresh_path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      }
      fresh.set_metadata(std::string(kAppliedSeqKey), std::to_string(latest));
      fresh.set_metadata(std::string(kAnalysisKey), analysis_);
      fresh.commit();
      if (path_.empty()) {
        writer_ = std::move(fresh);
      } else {
        fresh.close();
        writer_.close();
        const std::string old_path = path_ + ".old";
        std::filesystem::remove_all(old_path);
        std::filesystem::rename(path_, old_path);
        std::filesystem::rename(fresh_path, path_);
        std::filesystem::remove_all(old_path);
        writer_ = Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
        std::lock_guard readers_lock(readers_mutex_);
        readers_.clear();
        ++epoch_;
      }
      applied_seq_ = latest;
      analysis_is_current_ = true;
      ++generation_;
    } catch (const Xapian::Error& e) {
      return XapianError(e, "rebuilding");
    } catch (const std::filesystem::filesystem_error& e) {
      return InternalError(fmt::format("search index: replacing the index failed: {}", e.what()));
    }
    return CatchUpLocked(store).status();
  }

 private:
  struct Reader {
    Xapian::Database db;
    std::uint64_t generation = 0;
    std::uint64_t epoch = 0;
  };

  std::unique_ptr<Reader> TakeReader() const {
    std::unique_ptr<Reader> reader;
    {
      std::lock_guard lock(readers_mutex_);
      if (!readers_.empty()) {
        reader = std::move(readers_.back());
        readers_.pop_back();
      }
    }
    const std::uint64_t generation = generation_.load();
    if (!reader) {
      reader = std::make_unique<Reader>(Reader{Xapian::Database(path_), generation, epoch_.load()});
    } else if (reader->generation != generation) {
      reader->db.reopen();
      reader->generation = generation;
    }
    return reader;
  }

  void ReturnReader(std::unique_ptr<Reader> reader) const {
    std::lock_guard lock(readers_mutex_);
    if (reader->epoch == epoch_.load()) readers_.push_back(std::move(reader));
  }

  // Reads every record of `for_each` on this thread (calling `on_read`),
  // and builds and adds its document on one thread per writer, in batches.
  template <typename Record, typename ForEach, typename OnRead, typename Build>
  static Status AddSharded(std::vector<Xapian::WritableDatabase>& writers, ForEach for_each, OnRead on_read,
                           Build build, std::atomic<std::int64_t>& done,
                           const std::function<void(std::int64_t)>& progress) {
    constexpr std::size_t kBatch = 1000;
    constexpr std::size_t kMaxQueued = 8;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Record>> queue;
    bool finished = false;
    std::exception_ptr failure;
    auto work = [&](Xapian::WritableDatabase& writer) {
      try {
        while (true) {
          std::vector<Record> batch;
          {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return !queue.empty() || finished; });
            if (queue.empty()) return;
            batch = std::move(queue.front());
            queue.pop_front();
          }
          changed.notify_all();
          for (const Record& r : batch) writer.add_document(build(r));
          // Committing each batch keeps Xapian's in-memory inverter small:
          // its default (every 10,000 documents) costs a quarter more time
          // at 1M documents, in cache misses over a larger map.
          writer.commit();
          done += static_cast<std::int64_t>(batch.size());
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        finished = true;
        queue.clear();
        changed.notify_all();
      }
    };
    std::vector<std::thread> pool;
    for (Xapian::WritableDatabase& writer : writers) pool.emplace_back(work, std::ref(writer));
    std::vector<Record> batch;
    auto push = [&] {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return queue.size() < kMaxQueued || finished; });
      if (!finished) queue.push_back(std::move(batch));
      batch.clear();
      lock.unlock();
      changed.notify_all();
      if (progress) progress(done.load());
    };
    Status read = for_each([&](const Record& record) -> Status {
      on_read(record);
      batch.push_back(record);
      if (batch.size() == kBatch) push();
      return Status::Ok();
    });
    if (!batch.empty()) push();
    {
      std::lock_guard lock(mutex);
      finished = true;
    }
    changed.notify_all();
    for (std::thread& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    if (progress) progress(done.load());
    return read;
  }

  Result<std::int64_t> CatchUpLocked(storage::Store& store) {
    constexpr int kChangesPerCommit = 4096;
    std::int64_t applied = 0;
    std::int64_t seq = applied_seq_.load();
    try {
      while (true) {
        BB_ASSIGN_OR_RETURN(std::vector<storage::ChangeRecord> changes, store.ListChanges(seq, kChangesPerCommit));
        if (changes.empty()) break;
        // The newest record of each changed entity is what gets indexed.
        std::map<std::string, bool> organizations;  // id -> whether it existed before (opportunities to refresh)
        std::set<std::string> opportunities;
        for (const storage::ChangeRecord& c : changes) {
          if (c.entity_type == "organization") organizations[c.entity_id] |= c.version > 1;
          if (c.entity_type == "certificates") organizations[c.entity_id] = true;  // its opportunities carry them too
          if (c.entity_type == "opportunity") opportunities.insert(c.entity_id);
        }
        // Read in batches (a few queries per thousand records, not several
        // each: that is what a PostgreSQL server a round trip away needs).
        std::map<std::string, OwnerFields> owners;
        const auto add_owners = [&](const std::vector<domain::Organization>& read) -> Status {
          std::vector<std::string> ids;
          for (const domain::Organization& o : read) ids.push_back(o.id);
          BB_ASSIGN_OR_RETURN(auto certificates, store.ListCertificatesOf(ids));
          for (const domain::Organization& o : read) {
            auto held = certificates.find(o.id);
            owners[o.id] = OwnerOf(o, held == certificates.end() ? std::vector<domain::Certificate>{} : std::move(held->second),
                                   vocabulary_);
          }
          return Status::Ok();
        };
        std::vector<std::string> organization_ids;
        for (const auto& [id, existed] : organizations) organization_ids.push_back(id);
        BB_ASSIGN_OR_RETURN(std::vector<domain::Organization> changed_organizations,
                            store.GetOrganizations(organization_ids));
        BB_RETURN_IF_ERROR(add_owners(changed_organizations));
        for (const auto& [id, existed] : organizations) {
          if (!owners.count(id)) {  // deleted
            writer_.delete_document(Term(kIdPrefix, id));
            ++applied;
            continue;
          }
          if (!existed) continue;
          // Its opportunities carry its country and kind.
          storage::OpportunityFilter filter;
          filter.organization_id = id;
          for (int page = 1;; ++page) {
            BB_ASSIGN_OR_RETURN(auto listed, store.ListOpportunities(filter, {.page = page, .per_page = 100}));
            for (const domain::Opportunity& o : listed.items) opportunities.insert(o.id);
            if (static_cast<std::int64_t>(page) * 100 >= listed.total) break;
          }
        }
        BB_ASSIGN_OR_RETURN(std::vector<domain::Opportunity> read_opportunities,
                            store.GetOpportunities(std::vector<std::string>(opportunities.begin(), opportunities.end())));
        std::set<std::string> read_ids, other_owners;
        for (const domain::Opportunity& o : read_opportunities) {
          read_ids.insert(o.id);
          if (!owners.count(o.organization_id)) other_owners.insert(o.organization_id);
        }
        for (const std::string& id : opportunities) {
          if (read_ids.count(id)) continue;
          writer_.delete_document(Term(kIdPrefix, id));  // deleted
          ++applied;
        }
        BB_ASSIGN_OR_RETURN(std::vector<domain::Organization> others,
                            store.GetOrganizations(std::vector<std::string>(other_owners.begin(), other_owners.end())));
        BB_RETURN_IF_ERROR(add_owners(others));
        std::vector<std::pair<domain::Opportunity, OwnerFields>> changed_opportunities;
        for (domain::Opportunity& o : read_opportunities) {
          auto owner = owners.find(o.organization_id);
          if (owner == owners.end()) return InternalError(fmt::format("opportunity '{}' names no stored organisation", o.id));
          changed_opportunities.emplace_back(std::move(o), owner->second);
        }
        const int threads = changed_organizations.size() + changed_opportunities.size() > 64 ? DefaultThreads() : 1;
        std::vector<Xapian::Document> docs = BuildInParallel(
            changed_organizations, threads,
            [&](const domain::Organization& o) { return OrganizationDocument(o, owners.at(o.id), vocabulary_); });
        for (std::size_t i = 0; i < docs.size(); ++i) {
          writer_.replace_document(Term(kIdPrefix, changed_organizations[i].id), docs[i]);
        }
        docs = BuildInParallel(changed_opportunities, threads, [&](const auto& o) {
          return OpportunityDocument(o.first, o.second, vocabulary_);
        });
        for (std::size_t i = 0; i < docs.size(); ++i) {
          writer_.replace_document(Term(kIdPrefix, changed_opportunities[i].first.id), docs[i]);
        }
        applied += static_cast<std::int64_t>(changed_organizations.size() + changed_opportunities.size());
        seq = changes.back().seq;
        writer_.set_metadata(std::string(kAppliedSeqKey), std::to_string(seq));
        writer_.commit();
        applied_seq_ = seq;
        ++generation_;
      }
    } catch (const Xapian::Error& e) {
      return XapianError(e, "indexing");
    }
    return applied;
  }

  const text::Vocabulary& vocabulary_;
  const std::string path_;  // empty: in memory
  mutable std::mutex write_mutex_;
  Xapian::WritableDatabase writer_;
  std::atomic<std::int64_t> applied_seq_{0};
  const std::string analysis_;  // kAnalysisVersion and the vocabulary's fingerprint, as kept in the metadata
  std::atomic<bool> analysis_is_current_{false};
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> epoch_{0};
  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Reader>> readers_;
};

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& path, const text::Vocabulary& vocabulary) {
  try {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::make_unique<Impl>(vocabulary, path, std::move(writer))));
  } catch (const Xapian::Error& e) {
    return XapianError(e, fmt::format("opening {}", path));
  }
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::OpenInMemory(const text::Vocabulary& vocabulary) {
  try {
    Xapian::WritableDatabase writer(std::string(), Xapian::DB_BACKEND_INMEMORY);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::make_unique<Impl>(vocabulary, "", std::move(writer))));
  } catch (const Xapian::Error& e) {
    return XapianError(e, "opening in memory");
  }
}

Result<std::int64_t> SearchIndex::CatchUp(storage::Store& store) { return impl_->CatchUp(store); }

Status SearchIndex::Rebuild(storage::Store& store, int threads, const std::function<void(std::int64_t)>& progress) {
  return impl_->Rebuild(store, threads, progress);
}

Status SearchIndex::Put(const std::vector<domain::Organization>& organizations,
                        const std::vector<std::pair<domain::Opportunity, const domain::Organization*>>& opportunities,
                        const CertificatesByOrganization& certificates) {
  return impl_->Put(organizations, opportunities, certificates);
}

std::int64_t SearchIndex::applied_change_seq() const { return impl_->applied_seq(); }
bool SearchIndex::analysis_is_current() const { return impl_->analysis_is_current(); }
const text::Vocabulary& SearchIndex::vocabulary() const { return impl_->vocabulary(); }

std::int64_t SearchIndex::document_count() const {
  try {
    return impl_->WithReader([](const Xapian::Database& db) { return static_cast<std::int64_t>(db.get_doccount()); });
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Result<SearchResult> SearchIndex::Search(const SearchRequest& request) const {
  if ((request.query == nullptr) == (request.profile == nullptr)) {
    return InternalError("SearchRequest needs exactly one of query and profile");
  }
  const text::Vocabulary& vocabulary = impl_->vocabulary();
  try {
    return impl_->WithReader([&](const Xapian::Database& db) -> Result<SearchResult> {
      Xapian::Query ranked = request.query != nullptr ? TextQuery(*request.query, vocabulary, request.all_units)
                                                      : ProfileQuery(*request.profile, vocabulary, db);
      // Every record of the listed organisations is a candidate, ranked or not.
      std::optional<OrganizationDecider> among;
      if (request.only_organizations.size() > kOrganizationTermsAtMost) {
        among.emplace(request.only_organizations);
        ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query::MatchAll, ranked);
      } else if (!request.only_organizations.empty()) {
        ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, AnyOf(kOrganizationPrefix, request.only_organizations),
                               ranked);
      }
      Xapian::Query query(Xapian::Query::OP_FILTER, ranked, FilterQuery(request.filter));
      if (!request.filter.exclude_ids.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, AnyOf(kIdPrefix, request.filter.exclude_ids));
      }
      if (!request.filter.exclude_organization_ids.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                              AnyOf(kOrganizationPrefix, request.filter.exclude_organization_ids));
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      FacetSpy facets;
      if (request.facets) enquire.add_matchspy(&facets);
      const Xapian::doccount check_at_least = request.facets ? db.get_doccount() : 0;
      const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                 static_cast<Xapian::doccount>(request.limit), check_at_least, nullptr,
                                                 among ? &*among : nullptr);
      SearchResult result;
      result.total = static_cast<std::int64_t>(mset.get_matches_estimated());
      result.max_possible = mset.get_max_possible();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string blob = it.get_document().get_data();
        std::array<std::string, kDataFieldCount> data;
        for (std::size_t i = 0, start = 0; i < data.size() && start <= blob.size(); ++i) {
          std::size_t end = blob.find('\n', start);
          if (end == std::string::npos) end = blob.size();
          data[i] = blob.substr(start, end - start);
          start = end + 1;
        }
        SearchHit hit;
        hit.type = data[kDataType] == "organization" ? RecordType::kOrganization : RecordType::kOpportunity;
        hit.id = data[kDataId];
        hit.organization_id = data[kDataOrganization];
        hit.score = it.get_weight();
        if (request.facts) {
          RecordFacts& f = hit.facts;
          f.country = data[kDataCountry];
          f.kind = data[kDataKind];
          f.markets = SplitList(data[kDataMarkets]);
          for (const std::string& item : SplitList(data[kDataCertifications])) {
            const std::size_t at = item.find('@');
            std::optional<Date> expires;
            if (at != std::string::npos) {
              if (auto d = ParseDate(item.substr(at + 1)); d.ok()) expires = *d;
            }
            f.certifications.emplace_back(item.substr(0, at), expires);
          }
          f.areas = SplitList(data[kDataAreas]);
          f.concepts = SplitList(data[kDataConcepts]);
          f.direction = data[kDataDirection];
          f.cooperation = SplitList(data[kDataCooperation]);
          f.stage = data[kDataStage];
          f.targets = SplitList(data[kDataTargets]);
        }
        result.hits.push_back(std::move(hit));
      }
      if (request.facets) result.facets = facets.Result();
      return result;
    });
  } catch (const Xapian::Error& e) {
    return XapianError(e, "searching");
  }
}

}  // namespace biobridge::search
