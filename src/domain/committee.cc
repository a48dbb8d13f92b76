#include "domain/committee.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "base/strings.h"
#include "domain/json_fields.h"

namespace biobridge::domain {

bool IsConflictKind(std::string_view kind) {
  return std::find(std::begin(kAcademicConflicts), std::end(kAcademicConflicts), kind) != std::end(kAcademicConflicts) ||
         std::find(std::begin(kCommercialConflicts), std::end(kCommercialConflicts), kind) != std::end(kCommercialConflicts);
}

std::vector<RubricCriterion> DefaultRubric() {
  return {
      {"innovation", {{"en", "Innovation"}, {"zh", "创新性"}, {"ru", "Инновационность"}}, 1},
      {"market", {{"en", "Market prospects"}, {"zh", "市场前景"}, {"ru", "Рыночные перспективы"}}, 1},
      {"regulatory", {{"en", "Regulatory readiness"}, {"zh", "注册法规准备"}, {"ru", "Регуляторная готовность"}}, 1},
      {"manufacturing",
       {{"en", "Manufacturing and batch stability"}, {"zh", "生产与批次稳定性"}, {"ru", "Производство и стабильность серий"}},
       1},
      {"supply_chain", {{"en", "Supply chain"}, {"zh", "供应链"}, {"ru", "Цепочка поставок"}}, 1},
      {"team",
       {{"en", "Team and international talent"}, {"zh", "团队与国际人才"}, {"ru", "Команда и международные кадры"}},
       1},
  };
}

std::vector<RubricCriterion> ProspectsRubric() {
  return {
      {"market", {{"en", "Market"}, {"zh", "市场"}, {"ru", "Рынок"}}, 1},
      {"regulatory", {{"en", "Regulatory feasibility"}, {"zh", "注册法规可行性"}, {"ru", "Регуляторная осуществимость"}}, 1},
      {"supply_chain",
       {{"en", "Supply-chain readiness (batch stability, compliance documentation)"},
        {"zh", "供应链准备（批次稳定性、合规文件）"},
        {"ru", "Готовность цепочки поставок (стабильность серий, документы о соответствии)"}},
       1},
      {"partners", {{"en", "Partners"}, {"zh", "合作伙伴"}, {"ru", "Партнёры"}}, 1},
      {"team", {{"en", "Team and international talent"}, {"zh", "团队与国际人才"}, {"ru", "Команда и международные кадры"}}, 1},
  };
}

std::optional<std::vector<RubricCriterion>> RubricPreset(std::string_view name) {
  if (name == "standard") return DefaultRubric();
  if (name == "prospects") return ProspectsRubric();
  return std::nullopt;
}

// --- Conflicts -----------------------------------------------------------------

namespace {

Date YearsBefore(Date d, int years) { return Date{d.year - years, d.month, d.day}; }

std::string Folded(std::string_view s) { return AsciiLower(Trim(s)); }

}  // namespace

std::optional<ConflictFinding> FindConflict(const Expert& expert, const ReviewProject& project,
                                            const ConflictContext& context) {
  const std::string& org = project.organization_id;
  // Declared conflicts first: the expert's own word, with its kind.
  for (const DeclaredConflict& c : expert.conflicts) {
    if (c.until && *c.until < context.today) continue;
    if (!c.organization_id.empty() && c.organization_id == org) {
      return ConflictFinding{c.kind, "organization", fmt::format("declared: {} with the applicant", c.kind)};
    }
    if (!c.programme_id.empty() && c.programme_id == project.programme_id) {
      return ConflictFinding{c.kind, "programme", fmt::format("declared: {} with this programme", c.kind)};
    }
    if (!c.person.empty()) {
      for (const TeamMember& m : project.team) {
        if ((!m.user_id.empty() && m.user_id == c.person) || Folded(m.name) == Folded(c.person)) {
          return ConflictFinding{c.kind, "person", fmt::format("declared: {} with {}, on the project team", c.kind, m.name)};
        }
      }
    }
  }
  // The expert's account is a member of the applicant.
  if (std::find(context.member_of.begin(), context.member_of.end(), org) != context.member_of.end()) {
    return ConflictFinding{"same_organization", "organization", "a member of the applicant organisation"};
  }
  // The expert is on the project team.
  for (const TeamMember& m : project.team) {
    if ((!expert.user_id.empty() && m.user_id == expert.user_id) || Folded(m.name) == Folded(expert.name)) {
      return ConflictFinding{"same_organization", "person", "on the project team"};
    }
  }
  // Affiliations: current, or ended within affiliation_years.
  const Date cutoff = YearsBefore(context.today, context.affiliation_years);
  std::vector<std::string> recent_affiliations;
  for (const Affiliation& a : expert.affiliations) {
    if (a.organization_id.empty() || (a.to && *a.to < cutoff)) continue;
    if (a.organization_id == org) {
      return ConflictFinding{"same_organization", "organization",
                             a.to ? fmt::format("affiliated with the applicant until {}", FormatDate(*a.to))
                                  : "affiliated with the applicant"};
    }
    recent_affiliations.push_back(a.organization_id);
  }
  // A recent joint project between the applicant and one of the expert's organisations.
  for (const Collaboration& c : context.collaborations) {
    if (!c.year || *c.year < context.today.year - context.joint_project_years) continue;
    if (std::find(c.organizations.begin(), c.organizations.end(), org) == c.organizations.end()) continue;
    for (const std::string& mine : recent_affiliations) {
      if (std::find(c.organizations.begin(), c.organizations.end(), mine) != c.organizations.end()) {
        return ConflictFinding{"joint_project", "organization",
                               // Named by its title: its id is the database's, not the reader's.
                               fmt::format("a joint project with the applicant since {}: “{}”", *c.year,
                                           c.title.Best({"en", "zh", "ru"}))};
      }
    }
  }
  return std::nullopt;
}

// --- Reviews ----------------------------------------------------------------------

std::optional<double> WeightedScore(const Review& review, const std::vector<RubricCriterion>& rubric) {
  double sum = 0, weights = 0;
  for (const RubricCriterion& c : rubric) {
    const auto it = review.scores.find(c.id);
    if (it == review.scores.end()) continue;
    sum += c.weight * it->second;
    weights += c.weight;
  }
  if (weights == 0) return std::nullopt;
  return sum / weights;
}

std::vector<ProjectScores> AggregateReviews(const std::vector<Review>& reviews, const CommitteeSettings& settings) {
  struct Scored {
    const Review* review;
    double score;
  };
  std::vector<Scored> scored;
  for (const Review& r : reviews) {
    if (r.status != "submitted") continue;
    if (const auto s = WeightedScore(r, settings.rubric)) scored.push_back({&r, *s});
  }
  double programme_mean = 0;
  for (const Scored& s : scored) programme_mean += s.score;
  if (!scored.empty()) programme_mean /= double(scored.size());
  std::map<std::string, std::pair<double, int>> by_reviewer;  // expert → (sum, n)
  for (const Scored& s : scored) {
    auto& [sum, n] = by_reviewer[s.review->expert_id];
    sum += s.score;
    ++n;
  }
  std::map<std::string, double> leniency;
  for (const auto& [expert, sum_n] : by_reviewer) {
    const auto [sum, n] = sum_n;
    leniency[expert] = (sum / n - programme_mean) * (double(n) / (n + 2));
  }
  std::map<std::string, ProjectScores> projects;
  std::map<std::string, std::vector<double>> raw, calibrated;
  std::map<std::string, std::map<std::string, std::pair<double, int>>> criteria;
  for (const Scored& s : scored) {
    const std::string& p = s.review->project_id;
    raw[p].push_back(s.score);
    calibrated[p].push_back(s.score - leniency[s.review->expert_id]);
    for (const auto& [criterion, score] : s.review->scores) {
      auto& [sum, n] = criteria[p][criterion];
      sum += score;
      ++n;
    }
  }
  std::vector<ProjectScores> out;
  for (const auto& [project, values] : raw) {
    ProjectScores ps;
    ps.project_id = project;
    ps.submitted = int(values.size());
    auto mean = [](const std::vector<double>& v) {
      double sum = 0;
      for (double x : v) sum += x;
      return sum / double(v.size());
    };
    ps.overall = mean(values);
    ps.calibrated = std::clamp(mean(calibrated[project]), double(kMinScore), double(kMaxScore));
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    ps.spread = *hi - *lo;
    ps.disagreement = ps.spread > settings.disagreement;
    for (const auto& [criterion, sum_n] : criteria[project]) ps.criteria[criterion] = sum_n.first / sum_n.second;
    out.push_back(std::move(ps));
  }
  return out;
}

// --- Interchange --------------------------------------------------------------------

namespace {

void PutDate(json::object& out, std::string_view key, const std::optional<Date>& date) {
  if (date) out[key] = FormatDate(*date);
}

}  // namespace

json::object ToJson(const Expert& e) {
  json::object out;
  out["type"] = "expert";
  out["id"] = e.id;
  PutString(out, "user", e.user_id);
  out["name"] = e.name;
  PutText(out, "expertise", e.expertise);
  PutList(out, "therapeutic_areas", e.therapeutic_areas);
  PutList(out, "modalities", e.modalities);
  PutList(out, "languages", e.languages);
  json::array affiliations;
  for (const Affiliation& a : e.affiliations) {
    json::object o;
    PutString(o, "organization", a.organization_id);
    PutString(o, "name", a.name);
    PutString(o, "role", a.role);
    PutDate(o, "from", a.from);
    PutDate(o, "to", a.to);
    affiliations.push_back(std::move(o));
  }
  if (!affiliations.empty()) out["affiliations"] = std::move(affiliations);
  json::array conflicts;
  for (const DeclaredConflict& c : e.conflicts) {
    json::object o{{"kind", c.kind}};
    PutString(o, "organization", c.organization_id);
    PutString(o, "person", c.person);
    PutString(o, "programme", c.programme_id);
    PutDate(o, "until", c.until);
    PutString(o, "note", c.note);
    conflicts.push_back(std::move(o));
  }
  if (!conflicts.empty()) out["conflicts"] = std::move(conflicts);
  json::array publications;
  for (const Publication& p : e.publications) {
    json::object o{{"title", p.title}};
    PutString(o, "abstract", p.abstract);
    if (p.year) o["year"] = *p.year;
    publications.push_back(std::move(o));
  }
  if (!publications.empty()) out["publications"] = std::move(publications);
  PutExtra(out, e.extra);
  return out;
}

Result<Expert> ExpertFromJson(const json::object& object) {
  RecordReader in(object, {"id", "user", "name", "expertise", "therapeutic_areas", "modalities", "languages",
                           "affiliations", "conflicts", "publications"});
  Expert e;
  BB_RETURN_IF_ERROR(in.Type("expert"));
  BB_RETURN_IF_ERROR(in.String("id", e.id));
  BB_RETURN_IF_ERROR(in.String("user", e.user_id));
  BB_RETURN_IF_ERROR(in.String("name", e.name));
  BB_RETURN_IF_ERROR(in.Text("expertise", e.expertise));
  BB_RETURN_IF_ERROR(in.StringList("therapeutic_areas", e.therapeutic_areas));
  BB_RETURN_IF_ERROR(in.StringList("modalities", e.modalities));
  BB_RETURN_IF_ERROR(in.StringList("languages", e.languages));
  BB_RETURN_IF_ERROR(in.Objects("affiliations", {"organization", "name", "role", "from", "to"},
                                [&](const RecordReader& a) -> Status {
                                  Affiliation x;
                                  BB_RETURN_IF_ERROR(a.String("organization", x.organization_id));
                                  BB_RETURN_IF_ERROR(a.String("name", x.name));
                                  BB_RETURN_IF_ERROR(a.String("role", x.role));
                                  BB_RETURN_IF_ERROR(a.DateField("from", x.from));
                                  BB_RETURN_IF_ERROR(a.DateField("to", x.to));
                                  e.affiliations.push_back(std::move(x));
                                  return Status::Ok();
                                }));
  BB_RETURN_IF_ERROR(in.Objects("conflicts", {"kind", "organization", "person", "programme", "until", "note"},
                                [&](const RecordReader& c) -> Status {
                                  DeclaredConflict x;
                                  BB_RETURN_IF_ERROR(c.String("kind", x.kind));
                                  BB_RETURN_IF_ERROR(c.String("organization", x.organization_id));
                                  BB_RETURN_IF_ERROR(c.String("person", x.person));
                                  BB_RETURN_IF_ERROR(c.String("programme", x.programme_id));
                                  BB_RETURN_IF_ERROR(c.DateField("until", x.until));
                                  BB_RETURN_IF_ERROR(c.String("note", x.note));
                                  e.conflicts.push_back(std::move(x));
                                  return Status::Ok();
                                }));
  BB_RETURN_IF_ERROR(in.Objects("publications", {"title", "abstract", "year"}, [&](const RecordReader& p) -> Status {
    Publication x;
    BB_RETURN_IF_ERROR(p.String("title", x.title));
    BB_RETURN_IF_ERROR(p.String("abstract", x.abstract));
    BB_RETURN_IF_ERROR(p.Year("year", x.year));
    e.publications.push_back(std::move(x));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.Version(e.meta.version));
  e.extra = in.Extra();
  return e;
}

json::object ToJson(const ReviewProject& p) {
  json::object out;
  out["type"] = "review_project";
  out["id"] = p.id;
  out["programme"] = p.programme_id;
  PutString(out, "organization", p.organization_id);  // empty only when withheld (double-blind)
  PutString(out, "opportunity", p.opportunity_id);
  PutText(out, "title", p.title);
  PutText(out, "summary", p.summary);
  out["language"] = p.language;
  PutList(out, "therapeutic_areas", p.therapeutic_areas);
  PutList(out, "modalities", p.modalities);
  json::array team;
  for (const TeamMember& m : p.team) {
    json::object o{{"name", m.name}};
    PutString(o, "user", m.user_id);
    PutString(o, "role", m.role);
    team.push_back(std::move(o));
  }
  if (!team.empty()) out["team"] = std::move(team);
  json::array documents;
  for (const ProjectDocument& d : p.documents) {
    json::object o{{"name", d.name}};
    PutString(o, "media_type", d.media_type);
    if (d.bytes) o["bytes"] = d.bytes;
    PutString(o, "sha256", d.sha256);
    documents.push_back(std::move(o));
  }
  if (!documents.empty()) out["documents"] = std::move(documents);
  out["status"] = p.status;
  if (p.decision) {
    json::object decision{{"outcome", p.decision->outcome},
                          {"note", p.decision->note},
                          {"decided_by", p.decision->decided_by},
                          {"decided_at", FormatTimestamp(p.decision->decided_at)},
                          {"reviews_submitted", p.decision->reviews_submitted},
                          {"reviewers_assigned", p.decision->reviewers_assigned}};
    PutString(decision, "override_reason", p.decision->override_reason);
    out["decision"] = std::move(decision);
  }
  PutString(out, "submitted_by", p.submitted_by);
  PutExtra(out, p.extra);
  return out;
}

Result<ReviewProject> ReviewProjectFromJson(const json::object& object) {
  RecordReader in(object, {"id", "programme", "organization", "opportunity", "title", "summary", "language",
                           "therapeutic_areas", "modalities", "team", "documents", "status", "decision", "submitted_by"});
  ReviewProject p;
  BB_RETURN_IF_ERROR(in.Type("review_project"));
  BB_RETURN_IF_ERROR(in.String("id", p.id));
  BB_RETURN_IF_ERROR(in.String("programme", p.programme_id));
  BB_RETURN_IF_ERROR(in.String("organization", p.organization_id));
  BB_RETURN_IF_ERROR(in.String("opportunity", p.opportunity_id));
  BB_RETURN_IF_ERROR(in.Text("title", p.title));
  BB_RETURN_IF_ERROR(in.Text("summary", p.summary));
  BB_RETURN_IF_ERROR(in.String("language", p.language));
  BB_RETURN_IF_ERROR(in.StringList("therapeutic_areas", p.therapeutic_areas));
  BB_RETURN_IF_ERROR(in.StringList("modalities", p.modalities));
  BB_RETURN_IF_ERROR(in.Objects("team", {"name", "user", "role"}, [&](const RecordReader& m) -> Status {
    TeamMember x;
    BB_RETURN_IF_ERROR(m.String("name", x.name));
    BB_RETURN_IF_ERROR(m.String("user", x.user_id));
    BB_RETURN_IF_ERROR(m.String("role", x.role));
    p.team.push_back(std::move(x));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.Objects("documents", {"name", "media_type", "bytes", "sha256"}, [&](const RecordReader& d) -> Status {
    ProjectDocument x;
    int bytes = 0;
    BB_RETURN_IF_ERROR(d.String("name", x.name));
    BB_RETURN_IF_ERROR(d.String("media_type", x.media_type));
    BB_RETURN_IF_ERROR(d.Int("bytes", bytes, 0, 2'000'000'000));
    x.bytes = bytes;
    BB_RETURN_IF_ERROR(d.String("sha256", x.sha256));
    p.documents.push_back(std::move(x));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.String("status", p.status));
  if (p.status.empty()) p.status = "submitted";
  BB_RETURN_IF_ERROR(in.Object("decision", {"outcome", "note", "decided_by", "decided_at", "reviews_submitted",
                                             "reviewers_assigned", "override_reason"},
                                [&](const RecordReader& d) -> Status {
    Decision x;
    BB_RETURN_IF_ERROR(d.String("outcome", x.outcome));
    BB_RETURN_IF_ERROR(d.String("note", x.note));
    BB_RETURN_IF_ERROR(d.String("decided_by", x.decided_by));
    BB_RETURN_IF_ERROR(d.Time("decided_at", x.decided_at));
    BB_RETURN_IF_ERROR(d.Int("reviews_submitted", x.reviews_submitted, 0, 1000));
    BB_RETURN_IF_ERROR(d.Int("reviewers_assigned", x.reviewers_assigned, 0, 1000));
    BB_RETURN_IF_ERROR(d.String("override_reason", x.override_reason));
    p.decision = std::move(x);
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.String("submitted_by", p.submitted_by));
  BB_RETURN_IF_ERROR(in.Version(p.meta.version));
  p.extra = in.Extra();
  return p;
}

json::object ToJson(const CommitteeSettings& s) {
  json::array rubric;
  for (const RubricCriterion& c : s.rubric) rubric.push_back(json::object{{"id", c.id}, {"name", ToJson(c.name)}, {"weight", c.weight}});
  json::object out{{"reviewers_per_project", s.reviewers_per_project},
                   {"min_load", s.min_load},
                   {"max_load", s.max_load},
                   {"language_rule", s.language_rule},
                   {"blind", s.blind},
                   {"rubric", std::move(rubric)},
                   {"disagreement", s.disagreement}};
  if (s.review_deadline) out["review_deadline"] = FormatTimestamp(*s.review_deadline);
  return out;
}

Result<CommitteeSettings> CommitteeSettingsFromJson(const json::object& object, CommitteeSettings s) {
  RecordReader in(object, {"reviewers_per_project", "min_load", "max_load", "language_rule", "blind", "rubric",
                           "rubric_preset", "disagreement", "review_deadline"});
  BB_RETURN_IF_ERROR(in.Int("reviewers_per_project", s.reviewers_per_project, 1, 20));
  BB_RETURN_IF_ERROR(in.Int("min_load", s.min_load, 0, 1000));
  BB_RETURN_IF_ERROR(in.Int("max_load", s.max_load, 1, 1000));
  BB_RETURN_IF_ERROR(in.Bool("language_rule", s.language_rule));
  BB_RETURN_IF_ERROR(in.String("blind", s.blind));
  if (in.Has("rubric")) {
    s.rubric.clear();
    BB_RETURN_IF_ERROR(in.Objects("rubric", {"id", "name", "weight"}, [&](const RecordReader& c) -> Status {
      RubricCriterion x;
      BB_RETURN_IF_ERROR(c.String("id", x.id));
      BB_RETURN_IF_ERROR(c.Text("name", x.name));
      BB_RETURN_IF_ERROR(c.Number("weight", x.weight, 0, 100));
      s.rubric.push_back(std::move(x));
      return Status::Ok();
    }));
  }
  // A preset is read, never kept: the rubric it gives is what is stored.
  if (in.Has("rubric_preset")) {
    if (in.Has("rubric")) return InvalidArgumentError("rubric_preset", "give a rubric or a preset, not both");
    std::string preset;
    BB_RETURN_IF_ERROR(in.String("rubric_preset", preset));
    std::optional<std::vector<RubricCriterion>> rubric = RubricPreset(preset);
    if (!rubric) {
      return InvalidArgumentError("rubric_preset",
                                  fmt::format("'{}' is not a preset; use one of {}", preset, fmt::join(kRubricPresets, ", ")));
    }
    s.rubric = std::move(*rubric);
  }
  BB_RETURN_IF_ERROR(in.Number("disagreement", s.disagreement, 0, kMaxScore - kMinScore));
  if (const json::value* deadline = object.if_contains("review_deadline"); deadline && deadline->is_null()) {
    s.review_deadline.reset();
  } else if (in.Has("review_deadline")) {
    Timestamp at{};
    BB_RETURN_IF_ERROR(in.Time("review_deadline", at));
    s.review_deadline = at;
  }
  return s;
}

json::object ToJson(const Committee& c) {
  json::array assignment;
  for (const AssignmentEntry& a : c.assignment) {
    json::object o{{"project", a.project_id}, {"expert", a.expert_id}, {"affinity", a.affinity}, {"status", a.status}};
    PutString(o, "decline_reason", a.decline_reason);
    assignment.push_back(std::move(o));
  }
  json::object out{{"programme", c.programme_id},
                   {"members", json::array(c.members.begin(), c.members.end())},
                   {"settings", ToJson(c.settings)},
                   {"assignment_state", c.assignment_state},
                   {"assignment", std::move(assignment)},
                   {"figures", c.figures}};
  if (c.published_at) out["published_at"] = FormatTimestamp(*c.published_at);
  return out;
}

Result<Committee> CommitteeFromJson(const json::object& object) {
  RecordReader in(object, {"programme", "members", "settings", "assignment_state", "assignment", "figures", "published_at"});
  Committee c;
  BB_RETURN_IF_ERROR(in.String("programme", c.programme_id));
  BB_RETURN_IF_ERROR(in.StringList("members", c.members));
  if (const json::value* s = object.if_contains("settings"); s && s->is_object()) {
    auto settings = CommitteeSettingsFromJson(s->get_object());
    if (!settings.ok()) return settings.status().WithFieldPrefix("settings");
    c.settings = std::move(*settings);
  }
  BB_RETURN_IF_ERROR(in.String("assignment_state", c.assignment_state));
  if (c.assignment_state.empty()) c.assignment_state = "none";
  BB_RETURN_IF_ERROR(in.Objects("assignment", {"project", "expert", "affinity", "status", "decline_reason"},
                                [&](const RecordReader& a) -> Status {
                                  AssignmentEntry x;
                                  BB_RETURN_IF_ERROR(a.String("project", x.project_id));
                                  BB_RETURN_IF_ERROR(a.String("expert", x.expert_id));
                                  BB_RETURN_IF_ERROR(a.Number("affinity", x.affinity, -1e9, 1e9));
                                  BB_RETURN_IF_ERROR(a.String("status", x.status));
                                  BB_RETURN_IF_ERROR(a.String("decline_reason", x.decline_reason));
                                  c.assignment.push_back(std::move(x));
                                  return Status::Ok();
                                }));
  if (const json::value* f = object.if_contains("figures"); f && f->is_object()) c.figures = f->get_object();
  Timestamp published{};
  BB_RETURN_IF_ERROR(in.Time("published_at", published));
  if (published != Timestamp{}) c.published_at = published;
  return c;
}

json::object ToJson(const Review& r) {
  json::object scores;
  for (const auto& [criterion, score] : r.scores) scores[criterion] = score;
  json::object out{{"id", r.id},
                   {"programme", r.programme_id},
                   {"project", r.project_id},
                   {"expert", r.expert_id},
                   {"scores", std::move(scores)},
                   {"strengths", r.strengths},
                   {"risks", r.risks},
                   {"confidential_comment", r.confidential_comment},
                   {"recommendation", r.recommendation},
                   {"status", r.status}};
  if (r.submitted_at) out["submitted_at"] = FormatTimestamp(*r.submitted_at);
  return out;
}

Result<Review> ReviewFromJson(const json::object& object) {
  RecordReader in(object, {"id", "programme", "project", "expert", "scores", "strengths", "risks",
                           "confidential_comment", "recommendation", "status", "submitted_at"});
  Review r;
  BB_RETURN_IF_ERROR(in.String("id", r.id));
  BB_RETURN_IF_ERROR(in.String("programme", r.programme_id));
  BB_RETURN_IF_ERROR(in.String("project", r.project_id));
  BB_RETURN_IF_ERROR(in.String("expert", r.expert_id));
  if (const json::value* s = object.if_contains("scores"); s && !s->is_null()) {
    if (!s->is_object()) return InvalidArgumentError("scores", "must be an object of criterion id to a score from 1 to 5");
    for (const auto& member : s->get_object()) {
      const std::string field = "scores." + std::string(member.key());
      if (member.value().is_null()) continue;
      const std::optional<std::int64_t> whole = WholeNumber(member.value());
      if (!whole) {
        return InvalidArgumentError(field, fmt::format("must be a whole number from {} to {}", kMinScore, kMaxScore));
      }
      const std::int64_t score = *whole;
      if (score < kMinScore || score > kMaxScore) {
        return InvalidArgumentError(field, fmt::format("must be between {} and {}, got {}", kMinScore, kMaxScore, score));
      }
      r.scores[std::string(member.key())] = static_cast<int>(score);
    }
  }
  BB_RETURN_IF_ERROR(in.String("strengths", r.strengths));
  BB_RETURN_IF_ERROR(in.String("risks", r.risks));
  BB_RETURN_IF_ERROR(in.String("confidential_comment", r.confidential_comment));
  BB_RETURN_IF_ERROR(in.String("recommendation", r.recommendation));
  BB_RETURN_IF_ERROR(in.String("status", r.status));
  if (r.status.empty()) r.status = "draft";
  Timestamp submitted{};
  BB_RETURN_IF_ERROR(in.Time("submitted_at", submitted));
  if (submitted != Timestamp{}) r.submitted_at = submitted;
  BB_RETURN_IF_ERROR(in.Version(r.meta.version));
  return r;
}

}  // namespace biobridge::domain
