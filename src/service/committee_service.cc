#include "service/committee_service.h"

#include "base/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/utf8.h"
#include "domain/validation.h"
#include "match/affinity.h"
#include "service/authorization.h"
#include "domain/codec.h"
#include "service/notices.h"
#include "service/directory_service.h"
#include "service/request_body.h"
#include "service/roles.h"
#include "solve/assignment.h"
#include "text/vocabulary.h"

namespace biobridge::service {
namespace {

using domain::AssignmentEntry;
using domain::Committee;
using domain::Expert;
using domain::ReviewProject;

constexpr std::size_t kMaxReasonLength = 500;
constexpr std::string_view kLanguages[] = {"en", "zh", "ru"};

std::uint32_t LanguageBit(std::string_view language) {
  for (std::size_t i = 0; i < std::size(kLanguages); ++i) {
    if (kLanguages[i] == language) return 1u << i;
  }
  return 0;
}

// The body's "settings", when given, over `settings` (the fields it names
// replace theirs), validated; `settings` changes only when all is well.
Status ApplySettings(const json::object& body, const domain::Taxonomies& taxonomies, domain::CommitteeSettings& settings) {
  const json::value* given = body.if_contains("settings");
  if (!given || given->is_null()) return Status::Ok();
  if (!given->is_object()) return InvalidArgumentError("settings", "must be an object");
  auto merged = domain::CommitteeSettingsFromJson(given->get_object(), settings);
  if (!merged.ok()) return merged.status().WithFieldPrefix("settings");
  BB_RETURN_IF_ERROR(domain::ValidateCommitteeSettings(*merged, taxonomies).WithFieldPrefix("settings"));
  settings = std::move(*merged);
  return Status::Ok();
}

AssignmentEntry* FindEntry(Committee& c, std::string_view project, std::string_view expert) {
  for (AssignmentEntry& e : c.assignment) {
    if (e.project_id == project && e.expert_id == expert) return &e;
  }
  return nullptr;
}

// The labels of taxonomy codes (therapeutic areas, modalities), in every
// language: concept tagging turns them into the same concept terms as the
// words in the texts, so that a code chosen from a list counts like writing it.
void AddCodeLabels(match::ExpertiseDocument& document, const std::vector<std::string>& codes,
                   const domain::Taxonomy& taxonomy) {
  for (const std::string& code : codes) {
    if (const domain::TaxonomyEntry* entry = taxonomy.Find(code)) {
      for (const auto& [language, label] : entry->labels.variants()) document.push_back({label, 1});
    }
  }
}

// The texts an expert's affinity is computed from: their statement of
// expertise (every language, one document, with their areas and modalities)
// and each publication.
std::vector<match::ExpertiseDocument> ExpertiseOf(const Expert& e, const domain::Taxonomies& taxonomies) {
  std::vector<match::ExpertiseDocument> documents;
  match::ExpertiseDocument statement;
  for (const auto& [language, text] : e.expertise.variants()) statement.push_back({text, 1});
  AddCodeLabels(statement, e.therapeutic_areas, taxonomies.therapeutic_areas());
  AddCodeLabels(statement, e.modalities, taxonomies.modalities());
  if (!statement.empty()) documents.push_back(std::move(statement));
  for (const domain::Publication& p : e.publications) documents.push_back({{p.title, 2}, {p.abstract, 1}});
  return documents;
}

match::ExpertiseDocument TextOf(const ReviewProject& p, const domain::Taxonomies& taxonomies) {
  match::ExpertiseDocument document;
  for (const auto& [language, text] : p.title.variants()) document.push_back({text, 2});
  for (const auto& [language, text] : p.summary.variants()) document.push_back({text, 1});
  AddCodeLabels(document, p.therapeutic_areas, taxonomies.therapeutic_areas());
  AddCodeLabels(document, p.modalities, taxonomies.modalities());
  return document;
}

// A double-blind expert sees the work, not who submitted it.
ReviewProject WithoutApplicant(ReviewProject p) {
  p.organization_id.clear();
  p.opportunity_id.clear();
  p.team.clear();
  p.submitted_by.clear();
  p.extra = {};
  for (std::size_t i = 0; i < p.documents.size(); ++i) p.documents[i].name = fmt::format("Document {}", i + 1);
  return p;
}

// Finds conflicts, caching what it reads from the store for one request.
class ConflictChecker {
 public:
  ConflictChecker(storage::Store& store, Date today) : store_(store), today_(today) {}

  Result<std::optional<domain::ConflictFinding>> Check(const Expert& expert, const ReviewProject& project) {
    domain::ConflictContext context{.today = today_};
    if (!expert.user_id.empty()) {
      auto [it, added] = memberships_.try_emplace(expert.user_id);
      if (added) {
        BB_ASSIGN_OR_RETURN(std::vector<domain::Membership> memberships, store_.ListMembershipsOfUser(expert.user_id));
        for (const domain::Membership& m : memberships) it->second.push_back(m.organization_id);
      }
      context.member_of = it->second;
    }
    auto [it, added] = collaborations_.try_emplace(project.organization_id);
    if (added) {
      BB_ASSIGN_OR_RETURN(storage::Page<domain::Collaboration> page,
                          store_.ListCollaborations(project.organization_id, {1, 1000}));
      it->second = std::move(page.items);
    }
    context.collaborations = it->second;
    return domain::FindConflict(expert, project, context);
  }

 private:
  storage::Store& store_;
  Date today_;
  std::map<std::string, std::vector<std::string>> memberships_;
  std::map<std::string, std::vector<domain::Collaboration>> collaborations_;
};

json::object FiguresJson(const solve::AssignmentResult& result, const std::vector<ReviewProject>& projects,
                         std::size_t conflicts) {
  const solve::AssignmentStats& s = result.stats;
  json::array uncovered;
  for (const solve::UncoveredProject& u : result.uncovered) {
    uncovered.push_back(json::object{{"project", projects[std::size_t(u.project)].id},
                                     {"reviewers", u.reviewers},
                                     {"reason", u.reason}});
  }
  json::object figures{{"total_affinity", s.total_affinity},
                       {"min_project_affinity", s.min_project_affinity},
                       {"mean_project_affinity", s.mean_project_affinity},
                       {"min_project_bound", s.min_project_bound},
                       {"load", json::object{{"min", s.min_load}, {"max", s.max_load}, {"stddev", s.load_stddev}}},
                       {"covered_projects", s.covered_projects},
                       {"projects", projects.size()},
                       {"conflicts", conflicts},
                       {"kept", result.kept},
                       {"uncovered", std::move(uncovered)}};
  return figures;
}

}  // namespace

// --- Access -------------------------------------------------------------------------

bool CommitteeService::IsChair(const Principal& who, const domain::Programme& programme) const {
  return IsProgrammeOperator(who, programme);  // operators chair their programme's committee
}

Result<domain::Programme> CommitteeService::ProgrammeForChair(const Principal& who, std::string_view programme_id,
                                                              std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  BB_ASSIGN_OR_RETURN(domain::Programme programme, context_.store.GetProgramme(programme_id));
  if (!IsChair(who, programme)) {
    return PermissionDeniedError(fmt::format("only the committee chair (members of '{}', which runs the programme) may {}",
                                             programme.operator_organization, to_do));
  }
  return programme;
}

Result<Committee> CommitteeService::CommitteeForChair(const Principal& who, std::string_view programme_id,
                                                      std::string_view to_do) {
  BB_RETURN_IF_ERROR(ProgrammeForChair(who, programme_id, to_do).status());
  return context_.store.GetCommittee(programme_id);
}

struct CommitteeService::Access {
  domain::Programme programme;
  bool chair = false;
  std::optional<Committee> committee;  // none: the programme has no committee yet
  std::optional<Expert> expert;        // the viewer's profile, when they have one
  ConflictChecker checker;
};

Result<std::unique_ptr<CommitteeService::Access>> CommitteeService::AccessTo(const Principal& who,
                                                                             std::string_view programme_id) {
  BB_ASSIGN_OR_RETURN(domain::Programme programme, context_.store.GetProgramme(programme_id));
  auto access = std::make_unique<Access>(Access{std::move(programme), false, std::nullopt, std::nullopt,
                                                ConflictChecker(context_.store, DateOf(context_.clock.Now()))});
  access->chair = IsChair(who, access->programme);
  Result<Committee> committee = context_.store.GetCommittee(programme_id);
  if (committee.ok()) {
    access->committee = std::move(*committee);
  } else if (committee.status().code() != StatusCode::kNotFound) {
    return committee.status();
  }
  if (who.user()) {
    Result<Expert> expert = context_.store.FindExpertOfUser(who.user()->id);
    if (expert.ok()) {
      access->expert = std::move(*expert);
    } else if (expert.status().code() != StatusCode::kNotFound) {
      return expert.status();
    }
  }
  return access;
}

Result<Expert> CommitteeService::AssignedExpert(Access& access, const ReviewProject& project) {
  const Status not_found = NotFoundError(fmt::format("no project for review has id '{}'", project.id));
  if (!access.expert || !access.committee || access.committee->assignment_state != "published") return not_found;
  const auto& entries = access.committee->assignment;
  const bool assigned = std::any_of(entries.begin(), entries.end(), [&](const AssignmentEntry& e) {
    return e.project_id == project.id && e.expert_id == access.expert->id && e.status == "assigned";
  });
  if (!assigned) return not_found;
  // No conflict check here: what the expert can open follows the assignment,
  // not what they declare (committee_service.h says why).
  return *access.expert;
}

Result<ProjectView> CommitteeService::View(const Principal& who, ReviewProject project, Access& access) {
  if (access.chair) return ProjectView{std::move(project), false, "chair"};
  if (who.MemberOf(project.organization_id)) return ProjectView{std::move(project), false, "applicant"};
  BB_RETURN_IF_ERROR(AssignedExpert(access, project).status());
  if (access.committee->settings.blind == "double") {
    return ProjectView{WithoutApplicant(std::move(project)), true, "expert"};
  }
  return ProjectView{std::move(project), false, "expert"};
}

Result<ProjectView> CommitteeService::View(const Principal& who, ReviewProject project) {
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, project.programme_id));
  return View(who, std::move(project), *access);
}

// --- Experts -------------------------------------------------------------------------

Result<Expert> CommitteeService::CreateExpert(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "create an expert profile"));
  json::object typed = body;
  typed["type"] = "expert";
  BB_ASSIGN_OR_RETURN(Expert expert, domain::ExpertFromJson(typed));
  if (!who.platform_admin()) {
    if (!expert.user_id.empty() && expert.user_id != who.user()->id) {
      return PermissionDeniedError("you may create only your own expert profile");
    }
    expert.user_id = who.user()->id;
  }
  if (expert.id.empty()) {
    expert.id = NewId(context_.random, "exp_");
  } else {
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(expert.id));
  }
  BB_RETURN_IF_ERROR(domain::ValidateExpert(expert, context_.taxonomies));
  return context_.store.CreateExpert(std::move(expert), Context(who));
}

Result<Expert> CommitteeService::UpdateExpert(const Principal& who, std::string_view id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change an expert profile"));
  // Whoever may not see the profile is told it does not exist.
  BB_ASSIGN_OR_RETURN(Expert current, GetExpert(who, id));
  // A profile tied to an account is its owner's to change (expertise and
  // declared conflicts are their own statements); a platform admin keeps
  // those without an account.
  const bool self = who.user() && who.user()->id == current.user_id;
  const bool kept_by_admin = current.user_id.empty() && who.platform_admin();
  if (!self && !kept_by_admin) {
    return PermissionDeniedError(current.user_id.empty() ? "only platform admins change a profile without an account"
                                                         : "only the expert changes their own profile");
  }
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  json::object typed = body;
  typed["type"] = "expert";
  BB_ASSIGN_OR_RETURN(Expert expert, domain::ExpertFromJson(typed));
  expert.id = current.id;
  expert.user_id = current.user_id;  // nobody is made another's expert profile
  BB_RETURN_IF_ERROR(domain::ValidateExpert(expert, context_.taxonomies));
  return context_.store.UpdateExpert(std::move(expert), version, Context(who));
}

Result<Expert> CommitteeService::GetExpert(const Principal& who, std::string_view id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see expert profiles"));
  BB_ASSIGN_OR_RETURN(Expert expert, context_.store.GetExpert(id));
  if (who.platform_admin() || (who.user() && who.user()->id == expert.user_id)) return expert;
  // Chairs see profiles to choose members, without the declared conflicts
  // (commercial ties are private; the conflict list says what matters).
  BB_ASSIGN_OR_RETURN(storage::Page<domain::Programme> programmes, context_.store.ListProgrammes({1, 1000}));
  for (const domain::Programme& p : programmes.items) {
    if (IsChair(who, p)) {
      expert.conflicts.clear();
      expert.user_id.clear();
      return expert;
    }
  }
  return NotFoundError(fmt::format("no expert has id '{}'", id));
}

Result<Expert> CommitteeService::MyExpertProfile(const Principal& who) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see your expert profile"));
  if (!who.user()) return NotFoundError("the platform has no expert profile");
  return context_.store.FindExpertOfUser(who.user()->id);
}

Result<storage::Page<Expert>> CommitteeService::ListExperts(const Principal& who, const storage::PageRequest& page) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "list experts"));
  BB_RETURN_IF_ERROR(ValidatePageRequest(page, DirectoryService::kMaxPerPage));
  bool chair = who.platform_admin();
  BB_ASSIGN_OR_RETURN(storage::Page<domain::Programme> programmes, context_.store.ListProgrammes({1, 1000}));
  for (const domain::Programme& p : programmes.items) chair = chair || IsChair(who, p);
  if (!chair) return PermissionDeniedError("only programme operators choose experts; list them from a programme you run");
  BB_ASSIGN_OR_RETURN(storage::Page<Expert> experts, context_.store.ListExperts(page));
  if (!who.platform_admin()) {
    for (Expert& e : experts.items) e.conflicts.clear(), e.user_id.clear();
  }
  return experts;
}

// --- The committee ------------------------------------------------------------------------

Result<Committee> CommitteeService::GetCommittee(const Principal& who, std::string_view programme_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see a committee"));
  BB_ASSIGN_OR_RETURN(domain::Programme programme, context_.store.GetProgramme(programme_id));
  Result<Committee> committee = context_.store.GetCommittee(programme_id);
  if (IsChair(who, programme)) return committee;
  const Status not_found = NotFoundError(fmt::format("programme '{}' has no committee you are on", programme_id));
  if (!committee.ok() || !who.user()) return not_found;
  Result<Expert> expert = context_.store.FindExpertOfUser(who.user()->id);
  if (!expert.ok() || std::find(committee->members.begin(), committee->members.end(), expert->id) == committee->members.end()) {
    return not_found;
  }
  // An expert sees the settings (the rubric they score on) and their own assignments.
  Committee mine = *committee;
  mine.figures = {};
  mine.assignment.clear();
  mine.members = {expert->id};
  if (committee->assignment_state == "published") {
    for (const AssignmentEntry& e : committee->assignment) {
      if (e.expert_id == expert->id) mine.assignment.push_back(e);
    }
  }
  return mine;
}

Result<Committee> CommitteeService::PutCommittee(const Principal& who, std::string_view programme_id,
                                                 const json::object& body) {
  BB_RETURN_IF_ERROR(ProgrammeForChair(who, programme_id, "set up the committee").status());
  Result<Committee> existing = context_.store.GetCommittee(programme_id);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return existing.status();
  Committee committee = existing.ok() ? *existing : Committee{};
  committee.programme_id = std::string(programme_id);
  std::int64_t version = 0;
  if (existing.ok()) {
    BB_ASSIGN_OR_RETURN(version, RequiredVersion(body));
  }
  const Committee before = committee;
  if (const json::value* m = body.if_contains("members"); m && !m->is_null()) {
    if (!m->is_array()) return InvalidArgumentError("members", "must be an array of expert ids");
    committee.members.clear();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < m->get_array().size(); ++i) {
      const json::value& item = m->get_array()[i];
      const std::string field = fmt::format("members[{}]", i);
      if (!item.is_string()) return InvalidArgumentError(field, "must be an expert id");
      const std::string id(item.get_string());
      if (!context_.store.GetExpert(id).ok()) return InvalidArgumentError(field, fmt::format("no expert has id '{}'", id));
      if (!seen.insert(id).second) return InvalidArgumentError(field, fmt::format("'{}' is listed twice", id));
      committee.members.push_back(id);
    }
  }
  BB_RETURN_IF_ERROR(ApplySettings(body, context_.taxonomies, committee.settings));
  if (before.assignment_state == "published") {
    domain::CommitteeSettings frozen = before.settings;
    frozen.disagreement = committee.settings.disagreement;
    if (committee.members != before.members || committee.settings != frozen) {
      return FailedPreconditionError(
          "the assignment is published: members and settings are fixed (only the disagreement threshold may change); "
          "experts who cannot review decline their projects instead");
    }
  } else if (committee.members != before.members || committee.settings != before.settings) {
    // A draft made for other members or settings no longer holds.
    committee.assignment.clear();
    committee.figures = {};
    committee.assignment_state = "none";
  }
  return context_.store.PutCommittee(std::move(committee), version, Context(who));
}

Result<std::vector<ConflictEntry>> CommitteeService::Conflicts(const Principal& who, std::string_view programme_id) {
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, programme_id, "see the committee's conflicts"));
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> projects, context_.store.ListReviewProjects(programme_id, ""));
  ConflictChecker checker(context_.store, DateOf(context_.clock.Now()));
  std::vector<ConflictEntry> out;
  for (const std::string& id : committee.members) {
    BB_ASSIGN_OR_RETURN(Expert expert, context_.store.GetExpert(id));
    for (const ReviewProject& p : projects) {
      BB_ASSIGN_OR_RETURN(std::optional<domain::ConflictFinding> finding, checker.Check(expert, p));
      if (!finding) continue;
      const AssignmentEntry* entry = FindEntry(committee, p.id, expert.id);
      const bool assigned = committee.assignment_state == "published" && entry && entry->status == "assigned";
      out.push_back({expert.id, expert.name, p.id, std::move(*finding), assigned});
    }
  }
  return out;
}

Status CommitteeService::Solve(Committee& committee, const std::vector<ReviewProject>& projects, bool allow_uncovered,
                               bool fairness, bool incremental, bool replace_conflicted) {
  const domain::CommitteeSettings& settings = committee.settings;
  std::vector<Expert> experts;
  for (const std::string& id : committee.members) {
    BB_ASSIGN_OR_RETURN(Expert e, context_.store.GetExpert(id));
    experts.push_back(std::move(e));
  }
  if (int(experts.size()) < settings.reviewers_per_project) {
    return FailedPreconditionError(fmt::format("the committee has {} experts but each project needs {} reviewers; add "
                                               "experts or lower reviewers_per_project",
                                               experts.size(), settings.reviewers_per_project));
  }
  match::AffinityIndex affinity(text::Vocabulary::Builtin());
  for (const ReviewProject& p : projects) affinity.AddProject(TextOf(p, context_.taxonomies));
  for (const Expert& e : experts) affinity.AddExpert(ExpertiseOf(e, context_.taxonomies));

  solve::AssignmentProblem problem;
  problem.projects = int(projects.size());
  problem.experts = int(experts.size());
  problem.reviewers_per_project = settings.reviewers_per_project;
  problem.min_load = settings.min_load;
  problem.max_load = settings.max_load;
  problem.affinity = affinity.Compute();
  problem.allow_uncovered = allow_uncovered;
  problem.fairness = fairness;
  // A pair whose review has started stays, whatever it costs; the others are kept when they can be.
  std::set<std::pair<std::string, std::string>> reviewed;
  if (incremental) {
    BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.programme_id = committee.programme_id}));
    for (const domain::Review& r : reviews) reviewed.emplace(r.project_id, r.expert_id);
  }
  ConflictChecker checker(context_.store, DateOf(context_.clock.Now()));
  std::size_t conflicts = 0;
  for (std::size_t j = 0; j < projects.size(); ++j) {
    problem.project_names.push_back(fmt::format("{} ({})", projects[j].id, projects[j].title.Best({"en", "zh", "ru"})));
    for (std::size_t e = 0; e < experts.size(); ++e) {
      const AssignmentEntry* entry = FindEntry(committee, projects[j].id, experts[e].id);
      const bool assigned = incremental && entry && entry->status == "assigned";
      std::optional<domain::ConflictFinding> finding;
      if (!assigned || replace_conflicted) {
        BB_ASSIGN_OR_RETURN(finding, checker.Check(experts[e], projects[j]));
      }
      if (finding || (entry && entry->status == "declined")) {
        problem.affinity[j * experts.size() + e] = std::nanf("");
        conflicts += finding.has_value();
      } else if (assigned) {
        (reviewed.contains({projects[j].id, experts[e].id}) ? problem.fixed : problem.keep).emplace_back(int(j), int(e));
      }
    }
    problem.project_languages.push_back(settings.language_rule ? LanguageBit(projects[j].language) : 0);
  }
  for (const Expert& e : experts) {
    problem.expert_names.push_back(e.name);
    std::uint32_t mask = 0;
    for (const std::string& language : e.languages) mask |= LanguageBit(language);
    problem.expert_languages.push_back(mask);
  }
  BB_ASSIGN_OR_RETURN(solve::AssignmentResult result, solve::SolveAssignment(problem));

  // Entries of projects outside this solve, and declined ones, stay as they are.
  std::set<std::string> solved;
  for (const ReviewProject& p : projects) solved.insert(p.id);
  std::vector<AssignmentEntry> entries;
  for (const AssignmentEntry& e : committee.assignment) {
    if (!solved.contains(e.project_id) || e.status == "declined") entries.push_back(e);
  }
  for (const solve::AssignedPair& a : result.assigned) {
    entries.push_back({projects[std::size_t(a.project)].id, experts[std::size_t(a.expert)].id, a.affinity, "assigned", ""});
  }
  committee.assignment = std::move(entries);
  committee.figures = FiguresJson(result, projects, conflicts);
  if (fairness) {
    committee.figures["optimum_total_affinity"] = result.optimum_stats.total_affinity;
    committee.figures["optimum_min_project_affinity"] = result.optimum_stats.min_project_affinity;
    committee.figures["fairness_threshold"] = result.fairness_threshold;
  }
  return Status::Ok();
}

namespace {

std::vector<ReviewProject> OpenProjects(std::vector<ReviewProject> projects) {
  std::erase_if(projects, [](const ReviewProject& p) { return p.status != "submitted"; });
  return projects;
}

}  // namespace

Result<Committee> CommitteeService::PreviewAssignment(const Principal& who, std::string_view programme_id,
                                                      const json::object& body) {
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, programme_id, "draft the reviewer assignment"));
  BB_ASSIGN_OR_RETURN(bool allow_uncovered, Flag(body, "allow_uncovered"));
  BB_ASSIGN_OR_RETURN(bool fairness, Flag(body, "fairness"));
  BB_RETURN_IF_ERROR(ApplySettings(body, context_.taxonomies, committee.settings));
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> all, context_.store.ListReviewProjects(programme_id, ""));
  const std::vector<ReviewProject> projects = OpenProjects(std::move(all));
  if (projects.empty()) return FailedPreconditionError("no project awaits review in this programme");
  // A fresh optimum: a published assignment's declines and pairs do not carry over.
  committee.assignment.clear();
  BB_RETURN_IF_ERROR(Solve(committee, projects, allow_uncovered, fairness, /*incremental=*/false));
  committee.assignment_state = "draft";
  return committee;
}

Result<Committee> CommitteeService::DraftAssignment(const Principal& who, std::string_view programme_id,
                                                    const json::object& body) {
  if (body.contains("settings")) {
    return InvalidArgumentError("settings", "set the committee's settings first (PUT the committee), then draft");
  }
  BB_ASSIGN_OR_RETURN(Committee current, CommitteeForChair(who, programme_id, "draft the reviewer assignment"));
  if (current.assignment_state == "published") {
    return FailedPreconditionError("the assignment is published; experts who cannot review decline their projects");
  }
  BB_ASSIGN_OR_RETURN(Committee committee, PreviewAssignment(who, programme_id, body));
  const std::int64_t version = committee.meta.version;
  return context_.store.PutCommittee(std::move(committee), version, Context(who));
}

Result<Committee> CommitteeService::PublishAssignment(const Principal& who, std::string_view programme_id,
                                                      std::int64_t version) {
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, programme_id, "publish the reviewer assignment"));
  if (committee.assignment_state != "draft") {
    return FailedPreconditionError(committee.assignment_state == "published" ? "the assignment is published already"
                                                                             : "draft an assignment first");
  }
  committee.assignment_state = "published";
  committee.published_at = context_.clock.Now();
  storage::WriteContext write = Context(who);
  BB_RETURN_IF_ERROR(NoticesOfAssignment(committee, {}, write));
  return context_.store.PutCommittee(std::move(committee), version, write);
}

Status CommitteeService::NoticesOfAssignment(const Committee& committee,
                                             const std::vector<domain::AssignmentEntry>& before,
                                             storage::WriteContext& write) {
  BB_ASSIGN_OR_RETURN(domain::Programme programme, context_.store.GetProgramme(committee.programme_id));
  for (const domain::AssignmentEntry& pair : committee.assignment) {
    if (pair.status != "assigned") continue;
    const bool known = std::any_of(before.begin(), before.end(), [&](const domain::AssignmentEntry& old) {
      return old.project_id == pair.project_id && old.expert_id == pair.expert_id && old.status == "assigned";
    });
    if (known) continue;
    Result<Expert> expert = context_.store.GetExpert(pair.expert_id);
    Result<ReviewProject> project = context_.store.GetReviewProject(pair.project_id);
    if (!expert.ok() || expert->user_id.empty() || !project.ok()) continue;
    // The title and the programme: what the reviewer sees of the project
    // anyway, never who applied.
    write.notices.push_back(notices::ToUser(
        notices::Make("review_assigned", "review_project", project->id, "/review-projects/" + project->id,
                      {{"project", domain::ToJson(project->title)}, {"programme", domain::ToJson(programme.name)}}),
        expert->user_id, write.actor));
  }
  return Status::Ok();
}

Result<Committee> CommitteeService::UpdateAssignment(const Principal& who, std::string_view programme_id,
                                                     std::int64_t version) {
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, programme_id, "update the reviewer assignment"));
  if (committee.assignment_state != "published") return FailedPreconditionError("publish the assignment first");
  if (committee.meta.version != version) {
    return AbortedError(fmt::format("the committee changed (version {} now, not {}); reload it", committee.meta.version, version));
  }
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> all, context_.store.ListReviewProjects(programme_id, ""));
  const std::vector<domain::AssignmentEntry> before = committee.assignment;
  BB_RETURN_IF_ERROR(Solve(committee, OpenProjects(std::move(all)), /*allow_uncovered=*/true, /*fairness=*/false,
                           /*incremental=*/true));
  storage::WriteContext write = Context(who);
  BB_RETURN_IF_ERROR(NoticesOfAssignment(committee, before, write));
  return context_.store.PutCommittee(std::move(committee), version, write);
}

Result<std::vector<AssignedProject>> CommitteeService::Decline(const Principal& who, std::string_view programme_id,
                                                               std::string_view project_id, std::string_view reason) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "decline a review"));
  if (reason.size() > kMaxReasonLength) {
    return InvalidArgumentError("reason", fmt::format("is longer than {} bytes", kMaxReasonLength));
  }
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  if (project.programme_id != programme_id) return NotFoundError(fmt::format("no project for review has id '{}'", project_id));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, programme_id));
  BB_ASSIGN_OR_RETURN(Expert expert, AssignedExpert(*access, project));
  Committee committee = std::move(*access->committee);  // there is one: the expert is assigned in it
  AssignmentEntry* entry = FindEntry(committee, project.id, expert.id);
  entry->status = "declined";
  entry->decline_reason = std::string(reason);
  const std::int64_t version = committee.meta.version;
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> all, context_.store.ListReviewProjects(programme_id, ""));
  // Replacing the expert may leave the project short: it is then reported, not refused.
  BB_RETURN_IF_ERROR(Solve(committee, OpenProjects(std::move(all)), /*allow_uncovered=*/true, /*fairness=*/false,
                           /*incremental=*/true, /*replace_conflicted=*/false));
  BB_RETURN_IF_ERROR(context_.store.PutCommittee(std::move(committee), version, Context(who)).status());
  return MyAssignments(who);
}

// --- Projects --------------------------------------------------------------------------

Result<ProjectView> CommitteeService::SubmitProject(const Principal& who, std::string_view programme_id,
                                                    const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "submit a project"));
  BB_RETURN_IF_ERROR(context_.store.GetProgramme(programme_id).status());
  json::object typed = body;
  typed["type"] = "review_project";
  BB_ASSIGN_OR_RETURN(ReviewProject project, domain::ReviewProjectFromJson(typed));
  if (project.organization_id.empty()) {
    return InvalidArgumentError("organization", "organization is required: the id of the organisation applying");
  }
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, project.organization_id, "submit a project for it"));
  project.id = NewId(context_.random, "rp_");
  project.programme_id = std::string(programme_id);
  project.status = "submitted";
  project.decision.reset();
  project.submitted_by = who.actor();
  if (!project.opportunity_id.empty()) {
    Result<domain::Opportunity> opportunity = DirectoryService(context_).GetOpportunity(who, project.opportunity_id);
    if (!opportunity.ok() || opportunity->organization_id != project.organization_id) {
      return InvalidArgumentError("opportunity",
                                  fmt::format("'{}' is not an opportunity of {}", project.opportunity_id, project.organization_id));
    }
  }
  // A market-development plan under review (its prospects): one of the applicant's own plans.
  if (const json::value* plan = project.extra.if_contains("plan")) {
    Result<storage::Store::StoredPlan> stored =
        plan->is_string() ? context_.store.GetPlan(plan->get_string()) : Result<storage::Store::StoredPlan>(NotFoundError(""));
    if (!stored.ok() || stored->organization_id != project.organization_id) {
      return InvalidArgumentError("plan", "name one of the applying organisation's own market-development plans");
    }
  }
  BB_RETURN_IF_ERROR(domain::ValidateReviewProject(project, context_.taxonomies));
  BB_ASSIGN_OR_RETURN(ReviewProject created, context_.store.CreateReviewProject(std::move(project), Context(who)));
  return View(who, std::move(created));
}

Result<ProjectView> CommitteeService::GetProject(const Principal& who, std::string_view id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see projects for review"));
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(id));
  return View(who, std::move(project));
}

Result<std::vector<ProjectView>> CommitteeService::ListProjects(const Principal& who, std::string_view programme_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see projects for review"));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, programme_id));
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> projects, context_.store.ListReviewProjects(programme_id, ""));
  std::vector<ProjectView> out;
  for (ReviewProject& p : projects) {
    Result<ProjectView> view = View(who, std::move(p), *access);
    if (view.ok()) out.push_back(std::move(*view));
    else if (view.status().code() != StatusCode::kNotFound) return view.status();
  }
  return out;
}

Status CommitteeService::RecordReviewInPlan(std::string_view plan_id, const ReviewProject& project) {
  // What goes into the plan is read once; only the plan is read again when a
  // member saved it meanwhile.
  BB_ASSIGN_OR_RETURN(const domain::Programme programme, context_.store.GetProgramme(project.programme_id));
  json::object review{{"programme", project.programme_id},
                      {"programme_name", domain::ToJson(programme.name)},
                      {"project", project.id},
                      {"outcome", project.decision->outcome},
                      {"recommendations", project.decision->note},
                      {"decided_at", FormatTimestamp(project.decision->decided_at)}};
  // The prospects as the committee scored them: the mean of the submitted
  // reviews on each criterion of the rubric, never one reviewer's review.
  Result<Committee> committee = context_.store.GetCommittee(project.programme_id);
  if (!committee.ok() && committee.status().code() != StatusCode::kNotFound) return committee.status();
  if (committee.ok()) {
    BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.programme_id = project.programme_id}));
    for (const domain::ProjectScores& scores : domain::AggregateReviews(reviews, committee->settings)) {
      if (scores.project_id != project.id || scores.submitted == 0) continue;
      json::array criteria;
      for (const domain::RubricCriterion& c : committee->settings.rubric) {
        const auto mean = scores.criteria.find(c.id);
        criteria.push_back(json::object{{"id", c.id},
                                        {"name", domain::ToJson(c.name)},
                                        {"mean", mean == scores.criteria.end() ? json::value(nullptr) : json::value(mean->second)}});
      }
      review["reviews"] = scores.submitted;
      review["overall"] = scores.overall ? json::value(*scores.overall) : json::value(nullptr);
      review["scale"] = json::array{domain::kMinScore, domain::kMaxScore};
      review["criteria"] = std::move(criteria);
    }
  }
  for (int attempt = 0; attempt < 3; ++attempt) {  // a member may be saving the plan at the same moment
    BB_ASSIGN_OR_RETURN(storage::Store::StoredPlan plan, context_.store.GetPlan(plan_id));
    BB_ASSIGN_OR_RETURN(json::value doc, ParseJson(plan.doc, JsonLimits{.max_depth = 16}));
    doc.as_object()["committee_review"] = review;
    plan.doc = json::serialize(doc);
    Result<std::int64_t> saved = context_.store.UpdatePlan(plan, {"system:committee", context_.clock.Now()});
    if (saved.ok() || saved.status().code() != StatusCode::kAborted) return saved.status();
  }
  return AbortedError("the plan kept changing");
}

Result<ProjectView> CommitteeService::Decide(const Principal& who, std::string_view project_id, const json::object& body) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_RETURN_IF_ERROR(ProgrammeForChair(who, project.programme_id, "decide on a project").status());
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (project.status == "withdrawn") return FailedPreconditionError("the project was withdrawn");
  BB_ASSIGN_OR_RETURN(std::string outcome, Text(body, "outcome", /*required=*/false));
  BB_ASSIGN_OR_RETURN(std::string note, Text(body, "note", /*required=*/false, domain::RecordLimits::kDescriptionLength));
  project.decision = domain::Decision{std::move(outcome), std::move(note), who.actor(), context_.clock.Now()};
  project.status = "decided";
  BB_RETURN_IF_ERROR(domain::ValidateReviewProject(project, context_.taxonomies));
  storage::WriteContext write = Context(who);
  // The applicant learns the outcome; never who reviewed.
  write.notices.push_back(notices::ToOrganization(
      notices::Make("decision_made", "review_project", project.id, "/review-projects/" + project.id,
                    {{"project", domain::ToJson(project.title)}, {"outcome", project.decision->outcome}}),
      project.organization_id, who.actor()));
  BB_ASSIGN_OR_RETURN(ReviewProject updated, context_.store.UpdateReviewProject(std::move(project), version, write));
  // The committee's decision and recommendations become part of the plan it reviewed.
  if (const json::value* plan_id = updated.extra.if_contains("plan"); plan_id && plan_id->is_string()) {
    Status recorded = RecordReviewInPlan(plan_id->get_string(), updated);
    if (!recorded.ok()) spdlog::error("the decision on {} was not written into plan {}: {}", updated.id,
                                      plan_id->get_string(), recorded.ToString());
  }
  return View(who, std::move(updated));
}

// --- Reviews --------------------------------------------------------------------------------

Result<std::vector<AssignedProject>> CommitteeService::MyAssignments(const Principal& who) {
  BB_ASSIGN_OR_RETURN(Expert expert, MyExpertProfile(who));
  BB_ASSIGN_OR_RETURN(std::vector<Committee> committees, context_.store.ListCommittees());
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.expert_id = expert.id}));
  std::vector<AssignedProject> out;
  for (const Committee& c : committees) {
    if (c.assignment_state != "published") continue;
    std::unique_ptr<Access> access;
    for (const AssignmentEntry& e : c.assignment) {
      if (e.expert_id != expert.id || e.status != "assigned") continue;
      if (!access) {
        BB_ASSIGN_OR_RETURN(access, AccessTo(who, c.programme_id));
      }
      BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(e.project_id));
      Result<ProjectView> view = View(who, std::move(project), *access);
      if (!view.ok()) continue;  // a conflict declared since: not shown
      AssignedProject item{c.programme_id, std::move(*view), "", 0};
      for (const domain::Review& r : reviews) {
        if (r.project_id == e.project_id) item.review_status = r.status, item.review_version = r.meta.version;
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

Result<domain::Review> CommitteeService::SaveReview(const Principal& who, std::string_view project_id,
                                                    const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "review a project"));
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, project.programme_id));
  BB_ASSIGN_OR_RETURN(Expert expert, AssignedExpert(*access, project));
  const domain::CommitteeSettings& settings = access->committee->settings;
  if (project.status != "submitted") return FailedPreconditionError("the committee has decided on this project; reviews are closed");
  BB_ASSIGN_OR_RETURN(domain::Review input, domain::ReviewFromJson(body));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> existing,
                      context_.store.ListReviews({.project_id = project.id, .expert_id = expert.id}));
  domain::Review review = existing.empty() ? domain::Review{} : existing.front();
  const bool was_submitted = review.status == "submitted";
  if (existing.empty()) review.id = NewId(context_.random, "rv_");
  review.programme_id = project.programme_id;
  review.project_id = project.id;
  review.expert_id = expert.id;
  review.scores = input.scores;
  review.strengths = input.strengths;
  review.risks = input.risks;
  review.confidential_comment = input.confidential_comment;
  review.recommendation = input.recommendation;
  review.status = input.status;
  if (was_submitted && review.status != "submitted") {
    return FailedPreconditionError("a submitted review stays submitted; you may still correct it");
  }
  if (review.status == "submitted" && !was_submitted) review.submitted_at = context_.clock.Now();
  BB_RETURN_IF_ERROR(domain::ValidateReview(review, settings));
  if (existing.empty()) return context_.store.CreateReview(std::move(review), Context(who));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  return context_.store.UpdateReview(std::move(review), version, Context(who));
}

Result<domain::Review> CommitteeService::MyReview(const Principal& who, std::string_view project_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see your review"));
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, project.programme_id));
  BB_ASSIGN_OR_RETURN(Expert expert, AssignedExpert(*access, project));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> existing,
                      context_.store.ListReviews({.project_id = project.id, .expert_id = expert.id}));
  if (existing.empty()) return NotFoundError("you have not started a review of this project");
  return existing.front();
}

Result<std::vector<ReviewWithReviewer>> CommitteeService::ProjectReviews(const Principal& who, std::string_view project_id) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, project.programme_id, "see the reviews"));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.project_id = project.id}));
  std::vector<ReviewWithReviewer> out;
  for (domain::Review& r : reviews) {
    Result<Expert> expert = context_.store.GetExpert(r.expert_id);
    const std::optional<double> weighted = domain::WeightedScore(r, committee.settings.rubric);
    out.push_back({std::move(r), expert.ok() ? expert->name : "", weighted});
  }
  return out;
}

Result<std::vector<domain::ProjectScores>> CommitteeService::Scores(const Principal& who, std::string_view programme_id) {
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, programme_id, "see the scores"));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.programme_id = std::string(programme_id)}));
  return domain::AggregateReviews(reviews, committee.settings);
}

Result<ProspectReport> CommitteeService::Report(const Principal& who, std::string_view project_id,
                                                std::string_view language) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "read a report"));
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(std::unique_ptr<Access> access, AccessTo(who, project.programme_id));
  BB_ASSIGN_OR_RETURN(ProjectView view, View(who, project, *access));
  if (view.role == "expert") return NotFoundError(fmt::format("no report of project '{}' is open to you", project_id));
  if (view.role == "applicant" && !project.decision) {
    return FailedPreconditionError("the report opens to the applicant once the committee has decided");
  }
  const domain::Programme& programme = access->programme;
  const domain::CommitteeSettings settings = access->committee ? access->committee->settings : domain::CommitteeSettings{};
  ProspectReport report;
  report.language = language.empty() ? project.language : std::string(language);
  report.programme_name = std::string(programme.name.Best({report.language, "en", "zh", "ru"}));
  report.rubric = settings.rubric;
  report.decision = project.decision;
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.programme_id = project.programme_id}));
  for (domain::ProjectScores& s : domain::AggregateReviews(reviews, settings)) {
    if (s.project_id == project.id) report.scores = std::move(s);
  }
  report.scores.project_id = project.id;
  char letter = 'A';
  for (const domain::Review& r : reviews) {
    if (r.project_id != project.id || r.status != "submitted") continue;
    const std::string reviewer(1, letter++);
    if (!r.strengths.empty()) report.strengths.push_back({reviewer, r.strengths});
    if (!r.risks.empty()) report.risks.push_back({reviewer, r.risks});
    if (!r.recommendation.empty()) ++report.recommendations[r.recommendation];
  }
  // Complementary partners for the project, as matching sees its text.
  std::string need(project.title.Best({project.language, "en", "zh", "ru"}));
  const std::string_view summary = project.summary.Best({project.language, "en", "zh", "ru"});
  need += "\n";
  need += TruncateUtf8(summary, 3000);  // matching reads at most MatchService::kMaxTextCharacters
  Result<MatchResult> matches = MatchService(context_).ForText(who, need, {report.language, "organization", 10});
  if (matches.ok()) {
    for (MatchItem& item : matches->items) {
      if (item.record.organization_id == project.organization_id || report.partners.size() == 5) continue;
      report.partners.push_back(std::move(item));
    }
  }
  report.view = std::move(view);
  return report;
}

}  // namespace biobridge::service
