// Evaluation of partner matching on real consortia (not part of make test).
//
//   bb_eval_matching --data ../shared/data [--seed N]
//
// (a) ClinicalTrials.gov (ctgov_covid_trials): a seeded 20 % of the trials
//     that have collaborators are queries; every other trial describes the
//     organisations that sponsored or joined it (their trials' titles,
//     conditions and interventions; the countries of their sites). For each
//     query the lead sponsor looks for partners: the trial's collaborators
//     are hidden and must be ranked among all organisations.
// (b) CORDIS Horizon Europe (cordis_health_consortia, he_*): each project in
//     turn is the query, from its coordinator; every organisation is
//     described by its name and the titles and objectives of its other
//     projects; the project's other members are hidden and must be ranked.
// Three methods see the same text: BioBridge's matcher (concepts,
// complementarity, markets), plain BM25 (Xapian, English stemming, the same
// documents and query text) and popularity (most projects first).
// Metrics over queries with at least one findable partner (one that appears
// elsewhere in the data): recall@10 (share of hidden partners in the top 10)
// and MRR (1 / rank of the first hidden partner found).
#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "base/csv.h"
#include "base/strings.h"
#include "domain/taxonomy.h"
#include "match/countries.h"
#include "match/history.h"
#include "match/matcher.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge {
namespace {

struct Csv {
  std::map<std::string, std::size_t> columns;
  std::vector<std::vector<std::string>> rows;
  const std::string& Get(const std::vector<std::string>& row, const std::string& column) const {
    static const std::string kEmpty;
    auto it = columns.find(column);
    return it == columns.end() || it->second >= row.size() ? kEmpty : row[it->second];
  }
};

Csv LoadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  Csv csv;
  Status s = ReadCsv(in, [&](std::size_t row, std::vector<std::string>& fields) -> Status {
    if (row == 1) {
      for (std::size_t i = 0; i < fields.size(); ++i) csv.columns[Trim(fields[i])] = i;
    } else {
      csv.rows.push_back(std::move(fields));
    }
    return Status::Ok();
  });
  if (!s.ok()) throw std::runtime_error(path + ": " + s.ToString());
  return csv;
}

// An organisation as the evaluation knows it.
struct Org {
  std::string id;
  std::string name;
  std::string text;       // what describes it
  std::string country;    // ISO code
  std::vector<std::string> markets;
  std::string kind;
  int projects = 0;       // popularity
};

// Organisation kind from its name, the same for every method (only BioBridge uses it).
std::string KindFromName(std::string name) {
  name = AsciiLower(name);
  auto has = [&](std::initializer_list<const char*> words) {
    for (const char* w : words) {
      if (name.find(w) != std::string::npos) return true;
    }
    return false;
  };
  if (has({"hospital", "hôpital", "hopital", "ospedale", "clinic", "klinik", "medical center", "medical centre",
           "health system", "healthcare", "assistance publique", "hospices", "nhs "})) return "hospital";
  if (has({"universit", "college", "school of", "école", "ecole"})) return "university";
  if (has({"institut", "istituto", "research", "council", "academy", "centre national", "center for", "fondazione",
           "foundation", "national cancer", "inserm", "cnrs"})) return "research_institute";
  if (has({"ministry", "agency", "government", "department of health", "public health"})) return "government";
  if (has({" inc", " ltd", "gmbh", " s.a", " ag", " llc", "pharma", "therapeutics", "biotech", " corp", "company",
           " co.", " srl", " spa", " bv", " ab", "limited", "sas", "plc"})) return "company";
  return "other";
}

struct Metrics {
  int queries = 0;
  double recall = 0;
  double mrr = 0;
  void Add(const std::vector<std::string>& ranked, const std::set<std::string>& relevant) {
    if (relevant.empty()) return;
    ++queries;
    int found_top10 = 0;
    double rr = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (relevant.count(ranked[i]) == 0) continue;
      if (i < 10) ++found_top10;
      if (rr == 0) rr = 1.0 / static_cast<double>(i + 1);
    }
    recall += static_cast<double>(found_top10) / static_cast<double>(relevant.size());
    mrr += rr;
  }
  std::string Row(std::string_view method) const {
    return fmt::format("| {} | {} | {:.3f} | {:.3f} |", method, queries, queries ? recall / queries : 0.0,
                       queries ? mrr / queries : 0.0);
  }
};

struct Methods {
  Metrics biobridge, text_only, bm25, history, popularity;
};

void PrintTable(const Methods& m) {
  std::cout << "| method | queries | recall@10 | MRR |\n|---|---|---|---|\n";
  std::cout << m.biobridge.Row("BioBridge matcher (text + partner history)") << '\n'
            << m.text_only.Row("BioBridge matcher, text only") << '\n'
            << m.bm25.Row("BM25 (Xapian, same text)") << '\n'
            << m.history.Row("partner history alone") << '\n'
            << m.popularity.Row("popularity") << '\n';
  auto ratio = [&](const Metrics& a) { return m.bm25.mrr > 0 ? a.mrr / m.bm25.mrr : 0.0; };
  std::cout << fmt::format("\nMRR ratio to BM25: BioBridge {:.2f}, text only {:.2f}, history alone {:.2f}\n",
                           ratio(m.biobridge), ratio(m.text_only), ratio(m.history));
}

constexpr int kRankDepth = 100;

// --dump FILE: one line per (query, candidate) of the text-only matcher's and
// BM25's first 100 with every feature, read by bench/learn_weights.py:
// query, candidate, relevant (0/1), relevant count, BM25 score, candidate's
// projects, candidate kind, owner kind, same country (0/1), owner name,
// candidate name, then the matcher's rank, score and reason contributions
// as key=value.
std::ofstream* g_dump = nullptr;
// --list-needs FILE: the answerable ClinicalTrials.gov queries of the split, in
// order of NCT number, with their English text (position, nct_id, text), so
// that a set of translations can be drawn from them without reading the data
// by hand.
std::ofstream* g_needs = nullptr;

// --per-query FILE: for every query of --languages, per language and method, recall@10 and
// the reciprocal rank of the first partner found, to read where one language loses.
std::ofstream* g_per_query = nullptr;

// Plain BM25 over the same documents: Xapian with English stemming.
class Bm25 {
 public:
  explicit Bm25(const std::vector<Org>& orgs) : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    for (const Org& o : orgs) db_.add_document(Document(o));
  }
  void Replace(const Org& o) { db_.replace_document("Q" + o.id, Document(o)); }
  static Xapian::Document Document(const Org& o) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("en"));
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(o.name);
    generator.index_text(o.text);
    doc.add_boolean_term("Q" + o.id);
    doc.set_data(o.id);
    return doc;
  }

  std::vector<std::string> Rank(const std::string& text, const std::string& exclude,
                                std::map<std::string, double>* scores = nullptr) const {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("en"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query q = parser.parse_query(text, 0);
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query("Q" + exclude));
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    // With scores wanted (--dump), deeper than the ranking: the matcher's pool
    // reaches candidates BM25 ranks far down.
    constexpr Xapian::doccount kScoredDepth = 1000;
    const Xapian::MSet mset = enquire.get_mset(0, scores ? kScoredDepth : kRankDepth);
    std::vector<std::string> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (scores) (*scores)[it.get_document().get_data()] = it.get_weight();
      if (out.size() < kRankDepth) out.push_back(it.get_document().get_data());
    }
    return out;
  }

 private:
  Xapian::WritableDatabase db_;
};

std::vector<std::string> ByPopularity(const std::vector<Org>& orgs, const std::string& exclude) {
  std::vector<const Org*> sorted;
  for (const Org& o : orgs) {
    if (o.id != exclude) sorted.push_back(&o);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Org* a, const Org* b) { return a->projects > b->projects; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < sorted.size() && i < kRankDepth; ++i) out.push_back(sorted[i]->id);
  return out;
}

// Partner history alone: past partners by joint work, then partners of
// partners by strength (match/history.h); the same history BioBridge reads.
std::vector<std::string> ByHistory(const match::PartnerHistory& history) {
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& [id, d] : history.direct) scored.emplace_back(-(1.0 + static_cast<double>(d.joint)), id);
  for (const auto& [id, i] : history.indirect) scored.emplace_back(-i.strength, id);
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < kRankDepth; ++i) out.push_back(scored[i].second);
  return out;
}

domain::Organization ToDomain(const Org& o) {
  domain::Organization d;
  d.id = o.id;
  d.name = {{"en", o.name}};
  d.description = {{"en", o.text.substr(0, 20000)}};
  d.kind = o.kind;
  d.country = o.country.empty() ? "XK" : o.country;  // unknown: a placeholder no query targets
  d.markets = o.markets;
  return d;
}

// BioBridge over a real store and index of the same organisations.
class BioBridge {
 public:
  BioBridge(const std::vector<Org>& orgs, const std::filesystem::path& dir)
      : store_(std::move(storage::sqlite::SqliteStore::Open({.path = (dir / "eval.db").string()},
                                                            std::chrono::time_point_cast<std::chrono::milliseconds>(
                                                                std::chrono::system_clock::now()))
                             .value())),
        index_(std::move(search::SearchIndex::OpenInMemory(text::Vocabulary::Builtin()).value())),
        matcher_(*index_, domain::Taxonomies::Builtin()) {
    std::vector<storage::DirectoryRecord> records;
    for (const Org& o : orgs) records.emplace_back(ToDomain(o));
    store_->ImportRecords(records, {"system:eval", Now()});
    if (auto r = index_->CatchUp(*store_); !r.ok()) throw std::runtime_error(r.status().ToString());
  }
  void Replace(const Org& o) {
    std::vector<storage::DirectoryRecord> records{ToDomain(o)};
    store_->ImportRecords(records, {"system:eval", Now()});
    if (auto r = index_->CatchUp(*store_); !r.ok()) throw std::runtime_error(r.status().ToString());
  }
  // Past joint work; organisations outside the corpus are left out of it.
  void AddCollaborations(std::vector<domain::Collaboration> collaborations) {
    std::vector<storage::DirectoryRecord> records(collaborations.begin(), collaborations.end());
    for (const auto& outcome : store_->ImportRecords(records, {"system:eval", Now()})) {
      if (!outcome.ok()) throw std::runtime_error(outcome.status().ToString());
    }
  }
  void RemoveCollaboration(const std::string& id) {
    if (Status s = store_->DeleteCollaboration(id, 0, {"system:eval", Now()}); !s.ok()) {
      throw std::runtime_error(s.ToString());
    }
  }
  match::PartnerHistory History(const std::string& organization_id) const {
    auto history = match::LoadPartnerHistory(*store_, organization_id);
    if (!history.ok()) throw std::runtime_error(history.status().ToString());
    return *history;
  }
  // With the owner's partner history, or on the text alone (null).
  std::vector<std::string> Rank(const domain::Opportunity& need, const domain::Organization& owner,
                                const match::PartnerHistory* history,
                                std::vector<match::Candidate>* candidates = nullptr) const {
    match::MatchOptions options{.top = kRankDepth, .only = search::RecordType::kOrganization};
    options.history = history;
    auto ranked = matcher_.ForOpportunity(need, owner, options);
    if (!ranked.ok()) throw std::runtime_error(ranked.status().ToString());
    std::vector<std::string> out;
    for (const match::Candidate& c : *ranked) out.push_back(c.id);
    if (candidates) *candidates = std::move(*ranked);
    return out;
  }

 private:
  static Timestamp Now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<search::SearchIndex> index_;
  match::Matcher matcher_;
};

// One query through every method, with the owner's partner history (read once by the caller).
void ScoreQuery(Methods& m, const BioBridge& biobridge, const Bm25& bm25, const domain::Opportunity& need,
                const domain::Organization& owner, const match::PartnerHistory& history,
                const std::vector<Org>& popularity_corpus, const std::set<std::string>& relevant) {
  m.biobridge.Add(biobridge.Rank(need, owner, &history), relevant);
  std::vector<match::Candidate> candidates;
  m.text_only.Add(biobridge.Rank(need, owner, nullptr, &candidates), relevant);
  std::map<std::string, double> bm25_scores;
  const std::vector<std::string> by_bm25 = bm25.Rank(std::string(need.title.Best({"en"})), owner.id, &bm25_scores);
  m.bm25.Add(by_bm25, relevant);
  if (g_dump) {
    std::map<std::string, const Org*> by_id;
    for (const Org& o : popularity_corpus) by_id[o.id] = &o;
    std::map<std::string, std::map<std::string, double>> features;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      auto& f = features[candidates[i].id];
      f["matcher_rank"] = static_cast<double>(i + 1);
      f["matcher_score"] = candidates[i].score;
      for (const match::Reason& r : candidates[i].reasons) f["r_" + r.code] += r.contribution;
    }
    for (std::size_t i = 0; i < by_bm25.size(); ++i) features[by_bm25[i]]["bm25_rank"] = static_cast<double>(i + 1);
    auto clean = [](std::string_view x) {  // a field never holds the separator
      std::string out(x);
      std::replace(out.begin(), out.end(), '\t', ' ');
      return out;
    };
    for (auto& [id, f] : features) {
      const Org* o = by_id.count(id) ? by_id[id] : nullptr;
      *g_dump << need.id << '\t' << id << '\t' << relevant.count(id) << '\t' << relevant.size() << '\t'
              << (bm25_scores.count(id) ? bm25_scores[id] : 0.0) << '\t' << (o ? o->projects : 0) << '\t'
              << (o ? o->kind : "") << '\t' << owner.kind << '\t' << (o && o->country == owner.country) << '\t'
              << clean(owner.name.Best({"en"})) << '\t' << clean(o ? o->name : "") << '\t';
      for (const auto& [k, v] : f) *g_dump << k << '=' << v << ' ';
      *g_dump << '\n';
    }
  }
  m.history.Add(ByHistory(history), relevant);
  m.popularity.Add(ByPopularity(popularity_corpus, owner.id), relevant);
}

std::vector<std::string> SplitPipes(const std::string& s) { return SplitTrimmed(s, '|'); }

std::string CountryCode(const std::string& name) {
  const std::vector<std::string> codes = match::CountriesNamedIn(name, domain::Taxonomies::Builtin());
  return codes.empty() ? std::string() : codes.front();
}

// The same needs in three languages (--languages FILE, bench/data/trial_needs_zh_ru.tsv):
// nct_id, Chinese, Russian; lines starting with '#' are comments.
struct Translations {
  std::map<std::string, std::pair<std::string, std::string>> needs;  // nct_id → (zh, ru)
  struct PerLanguage {
    Metrics with_history, text_only, bm25;
  };
  std::map<std::string, PerLanguage> metrics;  // en, zh, ru
};

Translations LoadTranslations(const std::string& path) {
  Translations t;
  if (path.empty()) return t;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> fields = SplitTrimmed(line, '\t');
    if (fields.size() != 3) throw std::runtime_error(path + ": expected nct_id, zh, ru: " + line);
    t.needs[fields[0]] = {fields[1], fields[2]};
  }
  return t;
}

void PrintLanguages(const Translations& t) {
  if (t.metrics.empty()) return;
  std::cout << "\nThe same needs in three languages (" << t.metrics.at("en").text_only.queries
            << " queries, candidates described in English):\n\n"
            << "| language | method | recall@10 | MRR |\n|---|---|---|---|\n";
  for (const char* language : {"en", "zh", "ru"}) {
    const auto it = t.metrics.find(language);
    if (it == t.metrics.end()) continue;
    auto row = [&](std::string_view method, const Metrics& m) {
      std::cout << fmt::format("| {} | {} | {:.3f} | {:.3f} |\n", language, method, m.queries ? m.recall / m.queries : 0.0,
                               m.queries ? m.mrr / m.queries : 0.0);
    };
    row("BioBridge matcher (text + partner history)", it->second.with_history);
    row("BioBridge matcher, text only", it->second.text_only);
    row("BM25 (Xapian, English stemming)", it->second.bm25);
  }
  const auto& en = t.metrics.at("en");
  for (const char* language : {"zh", "ru"}) {
    const auto& other = t.metrics.at(language);
    auto ratio = [](const Metrics& a, const Metrics& b) { return b.recall > 0 ? a.recall / b.recall : 0.0; };
    std::cout << fmt::format("\nrecall@10 {} / en: text + history {:.2f}, text only {:.2f}", language,
                             ratio(other.with_history, en.with_history), ratio(other.text_only, en.text_only));
  }
  std::cout << '\n';
}

void EvaluateClinicalTrials(const std::filesystem::path& data, std::uint32_t seed, const std::filesystem::path& work,
                            Translations& translations) {
  const Csv trials = LoadCsv((data / "ctgov_covid_trials/trials.csv").string());
  const Csv sponsors = LoadCsv((data / "ctgov_covid_trials/trial_sponsor_organizations.csv").string());
  struct Trial {
    std::string text;
    std::vector<std::string> countries;
    std::string lead;
    std::vector<std::string> collaborators;
    std::optional<int> year;
  };
  std::map<std::string, Trial> by_id;
  for (const auto& row : trials.rows) {
    Trial t;
    std::string conditions = trials.Get(row, "conditions");
    std::string interventions = trials.Get(row, "interventions");
    std::replace(conditions.begin(), conditions.end(), '|', ',');
    std::replace(interventions.begin(), interventions.end(), '|', ',');
    t.text = trials.Get(row, "title") + ". " + conditions + ". " + interventions;
    for (const std::string& c : SplitPipes(trials.Get(row, "location_countries"))) {
      if (std::string code = CountryCode(c); !code.empty()) t.countries.push_back(code);
    }
    if (const std::string start = trials.Get(row, "start_date"); start.size() >= 4) t.year = std::atoi(start.c_str());
    by_id[trials.Get(row, "nct_id")] = std::move(t);
  }
  auto key = [](const std::string& name) { return "ct:" + AsciiLower(Trim(name)); };
  std::map<std::string, std::string> names;
  for (const auto& row : sponsors.rows) {
    auto it = by_id.find(sponsors.Get(row, "nct_id"));
    if (it == by_id.end()) continue;
    const std::string& name = sponsors.Get(row, "org_name");
    names[key(name)] = name;
    if (sponsors.Get(row, "role") == "lead_sponsor") {
      it->second.lead = key(name);
    } else {
      it->second.collaborators.push_back(key(name));
    }
  }
  // The split: a seeded 20 % of the trials with collaborators are queries.
  std::vector<std::string> with_partners;
  for (const auto& [id, t] : by_id) {
    if (!t.collaborators.empty() && !t.lead.empty()) with_partners.push_back(id);
  }
  std::mt19937 random(seed);
  std::shuffle(with_partners.begin(), with_partners.end(), random);
  const std::set<std::string> queries(with_partners.begin(), with_partners.begin() + with_partners.size() / 5);

  std::map<std::string, Org> orgs;
  for (const auto& [id, t] : by_id) {
    if (queries.count(id)) continue;
    std::vector<std::string> members{t.lead};
    members.insert(members.end(), t.collaborators.begin(), t.collaborators.end());
    for (const std::string& m : members) {
      if (m.empty()) continue;
      Org& o = orgs[m];
      o.id = m;
      o.name = names[m];
      if (o.projects++ < 30) o.text += t.text + "\n";
      for (const std::string& c : t.countries) {
        if (std::find(o.markets.begin(), o.markets.end(), c) == o.markets.end()) o.markets.push_back(c);
      }
    }
  }
  std::vector<Org> corpus;
  for (auto& [k, o] : orgs) {
    o.kind = KindFromName(o.name);
    o.country = o.markets.empty() ? "" : o.markets.front();
    corpus.push_back(o);
  }
  const auto started = std::chrono::steady_clock::now();
  BioBridge biobridge(corpus, work);
  // Every trial outside the queries is joint work of its sponsors.
  std::vector<domain::Collaboration> joint;
  for (const auto& [id, t] : by_id) {
    if (queries.count(id)) continue;
    domain::Collaboration c;
    c.id = "ct:" + id;
    c.title = {{"en", t.text.substr(0, 300)}};
    c.source = "ClinicalTrials.gov";
    c.year = t.year;
    c.lead = t.lead;
    for (const std::string& m : t.collaborators) {
      if (!m.empty() && m != t.lead && std::find(c.organizations.begin(), c.organizations.end(), m) == c.organizations.end()) {
        c.organizations.push_back(m);
      }
    }
    if (c.organizations.empty() || t.lead.empty()) continue;
    c.organizations.insert(c.organizations.begin(), t.lead);
    joint.push_back(std::move(c));
  }
  biobridge.AddCollaborations(std::move(joint));
  const Bm25 bm25(corpus);
  Methods m;
  int skipped = 0;
  int answerable = 0;
  for (const std::string& id : queries) {
    const Trial& t = by_id[id];
    std::set<std::string> relevant;
    for (const std::string& c : t.collaborators) {
      if (orgs.count(c) && c != t.lead) relevant.insert(c);
    }
    if (relevant.empty()) {
      ++skipped;
      continue;
    }
    if (g_needs) *g_needs << answerable++ << '\t' << id << '\t' << t.text << '\n';
    domain::Opportunity need;
    need.id = "query:" + id;
    need.organization_id = t.lead;
    need.direction = "request";
    need.cooperation = {"clinical_trial"};
    need.title = {{"en", t.text}};
    need.target_countries = t.countries;
    domain::Organization owner;
    auto known = orgs.find(t.lead);
    owner = known != orgs.end() ? ToDomain(known->second) : ToDomain(Org{t.lead, names[t.lead], "", "", {}, "other", 0});
    if (owner.country == "XK" && !t.countries.empty()) owner.country = t.countries.front();
    const match::PartnerHistory history = biobridge.History(owner.id);
    ScoreQuery(m, biobridge, bm25, need, owner, history, corpus, relevant);
    if (auto translated = translations.needs.find(id); translated != translations.needs.end()) {
      for (const auto& [language, text] : {std::pair<std::string, std::string>{"en", t.text},
                                           {"zh", translated->second.first},
                                           {"ru", translated->second.second}}) {
        need.title = {{language, text}};
        Translations::PerLanguage& per = translations.metrics[language];
        const std::vector<std::string> with_history = biobridge.Rank(need, owner, &history);
        const std::vector<std::string> text_only = biobridge.Rank(need, owner, nullptr);
        per.with_history.Add(with_history, relevant);
        per.text_only.Add(text_only, relevant);
        per.bm25.Add(bm25.Rank(text, owner.id), relevant);
        if (g_per_query) {
          for (const auto& [method, ranked] : {std::pair<const char*, const std::vector<std::string>*>{"history", &with_history},
                                               {"text", &text_only}}) {
            Metrics one;
            one.Add(*ranked, relevant);
            *g_per_query << id << '\t' << language << '\t' << method << '\t' << fmt::format("{:.3f}\t{:.3f}", one.recall, one.mrr)
                         << '\n';
          }
        }
      }
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("\n(a) ClinicalTrials.gov: {} candidate organisations, {} query trials ({} without a "
                           "findable collaborator skipped), seed {}, {:.1f} s\n\n",
                           corpus.size(), queries.size(), skipped, seed, seconds);
  PrintTable(m);
  PrintLanguages(translations);
}

void EvaluateCordis(const std::filesystem::path& data, const std::filesystem::path& work) {
  const Csv projects = LoadCsv((data / "cordis_health_consortia/he_projects.csv").string());
  const Csv members = LoadCsv((data / "cordis_health_consortia/he_participations.csv").string());
  struct Project {
    std::string text;
    std::string coordinator;
    std::vector<std::string> members;
    std::optional<int> year;
  };
  std::map<std::string, domain::Collaboration> he_joint;  // by project id
  std::map<std::string, Project> by_id;
  for (const auto& row : projects.rows) {
    Project& p = by_id[projects.Get(row, "project_id")];
    p.text = projects.Get(row, "title") + ". " + projects.Get(row, "objective");
    if (const std::string start = projects.Get(row, "start_date"); start.size() >= 4) p.year = std::atoi(start.c_str());
  }
  std::map<std::string, Org> orgs;
  std::map<std::string, std::vector<std::string>> projects_of;
  for (const auto& row : members.rows) {
    auto it = by_id.find(members.Get(row, "project_id"));
    if (it == by_id.end()) continue;
    const std::string id = "pic:" + members.Get(row, "pic");
    Org& o = orgs[id];
    o.id = id;
    o.name = members.Get(row, "name");
    o.country = members.Get(row, "country") == "UK" ? "GB" : members.Get(row, "country") == "EL" ? "GR"
                                                                                               : members.Get(row, "country");
    const std::string type = members.Get(row, "activity_type");
    o.kind = type == "HES" ? "university" : type == "REC" ? "research_institute" : type == "PRC" ? "company"
                                          : type == "PUB" ? "government" : "other";
    if (std::find(projects_of[id].begin(), projects_of[id].end(), it->first) == projects_of[id].end()) {
      projects_of[id].push_back(it->first);
      if (members.Get(row, "role") == "coordinator") {
        it->second.coordinator = id;
      } else {
        it->second.members.push_back(id);
      }
    }
  }
  // Each organisation is described by all its projects; for a query, the
  // members of that project are re-described without it.
  auto describe = [&](const std::string& id, const std::string& without) {
    Org o = orgs[id];
    o.text.clear();
    o.projects = 0;
    for (const std::string& p : projects_of[id]) {
      if (p == without) continue;
      o.text += by_id[p].text + "\n";
      ++o.projects;
    }
    return o;
  };
  std::vector<Org> corpus;
  for (const auto& [id, o] : orgs) corpus.push_back(describe(id, ""));
  const auto started = std::chrono::steady_clock::now();
  BioBridge biobridge(corpus, work);
  // Joint work: every H2020 project (the history CORDIS publishes) and every
  // Horizon Europe project, among the organisations of the corpus; a query
  // project's own collaboration is removed while it is the query.
  {
    std::map<std::string, domain::Collaboration> joint;
    auto add = [&](const std::string& id, const std::string& pic, const std::string& role, std::optional<int> year) {
      const std::string org = "pic:" + pic;
      if (!orgs.count(org)) return;
      domain::Collaboration& c = joint[id];
      c.id = id;
      c.source = "CORDIS";
      if (year) c.year = year;
      if (std::find(c.organizations.begin(), c.organizations.end(), org) == c.organizations.end()) {
        c.organizations.push_back(org);
      }
      if (role == "coordinator") c.lead = org;
    };
    std::map<std::string, int> sc1_year;
    const Csv sc1_projects = LoadCsv((data / "cordis_health_consortia/h2020_sc1_projects.csv").string());
    for (const auto& row : sc1_projects.rows) {
      sc1_year[sc1_projects.Get(row, "project_rcn")] = std::atoi(sc1_projects.Get(row, "start_date").c_str());
    }
    for (const char* file : {"h2020_sc1_participations.csv", "h2020_other_participations.csv"}) {
      const Csv rows = LoadCsv((data / "cordis_health_consortia" / file).string());
      for (const auto& row : rows.rows) {
        const std::string rcn = rows.Get(row, "project_rcn");
        std::optional<int> year;
        if (const std::string y = rows.Get(row, "start_year"); !y.empty()) year = std::atoi(y.c_str());
        if (auto it = sc1_year.find(rcn); it != sc1_year.end() && it->second > 0) year = it->second;
        add("h2020:" + rcn, rows.Get(row, "pic"), rows.Get(row, "role"), year);
      }
    }
    for (const auto& row : members.rows) {
      const std::string pid = members.Get(row, "project_id");
      if (!by_id.count(pid)) continue;
      add("he:" + pid, members.Get(row, "pic"), members.Get(row, "role"), by_id[pid].year);
    }
    std::vector<domain::Collaboration> list;
    for (auto& [id, c] : joint) {
      if (c.organizations.size() < 2) continue;
      if (!c.lead.empty() && std::find(c.organizations.begin(), c.organizations.end(), c.lead) == c.organizations.end()) c.lead.clear();
      list.push_back(std::move(c));
    }
    biobridge.AddCollaborations(list);
    for (const domain::Collaboration& c : list) {
      if (c.id.starts_with("he:")) he_joint[c.id.substr(3)] = c;
    }
  }
  Bm25 bm25(corpus);
  Methods m;
  int queries = 0;
  for (const auto& [pid, p] : by_id) {
    if (p.coordinator.empty() || p.members.empty()) continue;
    ++queries;
    std::set<std::string> relevant;
    std::vector<Org> hidden;
    for (const std::string& m : p.members) {
      hidden.push_back(describe(m, pid));
      if (hidden.back().projects > 0) relevant.insert(m);  // findable: described by another project
    }
    hidden.push_back(describe(p.coordinator, pid));
    for (const Org& o : hidden) {
      biobridge.Replace(o);
      bm25.Replace(o);
    }
    std::vector<Org> popularity_corpus = corpus;
    for (Org& o : popularity_corpus) {
      for (const Org& h : hidden) {
        if (h.id == o.id) o.projects = h.projects;
      }
    }
    domain::Opportunity need;
    need.id = "query:" + pid;
    need.organization_id = p.coordinator;
    need.direction = "request";
    need.cooperation = {"research_collaboration"};
    need.title = {{"en", p.text}};
    need.target_countries = match::CountriesNamedIn(p.text, domain::Taxonomies::Builtin());
    const domain::Organization owner = ToDomain(hidden.back());
    const auto own = he_joint.find(pid);
    if (own != he_joint.end()) biobridge.RemoveCollaboration(own->second.id);
    ScoreQuery(m, biobridge, bm25, need, owner, biobridge.History(owner.id), popularity_corpus, relevant);
    if (own != he_joint.end()) biobridge.AddCollaborations({own->second});
    for (const Org& o : hidden) {  // restore
      const Org full = describe(o.id, "");
      biobridge.Replace(full);
      bm25.Replace(full);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("\n(b) CORDIS Horizon Europe: {} candidate organisations, {} projects as queries "
                           "(leave one project out), {:.1f} s\n\n",
                           corpus.size(), queries, seconds);
  PrintTable(m);
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  std::filesystem::path data = "../shared/data";
  std::uint32_t seed = 20261123;
  std::string only;
  std::string dump;
  std::string languages;
  std::string needs;
  std::string per_query;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") data = argv[i + 1];
    else if (flag == "--seed") seed = static_cast<std::uint32_t>(std::stoul(argv[i + 1]));
    else if (flag == "--only") only = argv[i + 1];  // ctgov or cordis
    else if (flag == "--dump") dump = argv[i + 1];
    else if (flag == "--languages") languages = argv[i + 1];
    else if (flag == "--list-needs") needs = argv[i + 1];
    else if (flag == "--per-query") per_query = argv[i + 1];
  }
  std::ofstream needs_stream;
  if (!needs.empty()) {
    needs_stream.open(needs);
    biobridge::g_needs = &needs_stream;
  }
  std::ofstream per_query_stream;
  if (!per_query.empty()) {
    per_query_stream.open(per_query);
    biobridge::g_per_query = &per_query_stream;
  }
  std::ofstream dump_stream;
  if (!dump.empty()) {
    dump_stream.open(dump);
    biobridge::g_dump = &dump_stream;
  }
  const std::filesystem::path work = std::filesystem::temp_directory_path() / fmt::format("bb-eval-{}", getpid());
  std::filesystem::create_directories(work);
  try {
    std::filesystem::create_directories(work / "ctgov");
    std::filesystem::create_directories(work / "cordis");
    biobridge::Translations translations = biobridge::LoadTranslations(languages);
    if (only.empty() || only == "ctgov") biobridge::EvaluateClinicalTrials(data, seed, work / "ctgov", translations);
    if (only.empty() || only == "cordis") biobridge::EvaluateCordis(data, work / "cordis");
  } catch (const std::exception& e) {
    std::cerr << "bb_eval_matching: " << e.what() << '\n';
    std::filesystem::remove_all(work);
    return 1;
  }
  std::filesystem::remove_all(work);
  return 0;
}
