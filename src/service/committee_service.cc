#include "service/committee_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "domain/codec.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/committee_internal.h"
#include "service/directory_service.h"
#include "service/request_body.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge::service {

using domain::AssignmentEntry;
using domain::Committee;
using domain::Expert;
using domain::ReviewProject;

namespace committee_detail {

constexpr std::string_view kLanguages[] = {"en", "zh", "ru"};

std::uint32_t LanguageBit(std::string_view language) {
  for (std::size_t i = 0; i < std::size(kLanguages); ++i) {
    if (kLanguages[i] == language) return 1u << i;
  }
  return 0;
}

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

const AssignmentEntry* FindEntry(const Committee& c, std::string_view project, std::string_view expert) {
  for (const AssignmentEntry& e : c.assignment) {
    if (e.project_id == project && e.expert_id == expert) return &e;
  }
  return nullptr;
}

AssignmentEntry* FindEntry(Committee& c, std::string_view project, std::string_view expert) {
  return const_cast<AssignmentEntry*>(FindEntry(std::as_const(c), project, expert));
}

namespace {

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

}  // namespace

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

ReviewProject WithoutApplicant(ReviewProject p) {
  p.organization_id.clear();
  p.opportunity_id.clear();
  p.team.clear();
  p.submitted_by.clear();
  p.extra = {};
  for (std::size_t i = 0; i < p.documents.size(); ++i) p.documents[i].name = fmt::format("Document {}", i + 1);
  return p;
}

Result<std::optional<domain::ConflictFinding>> ConflictChecker::Check(const Expert& expert, const ReviewProject& project) {
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

std::vector<ReviewProject> OpenProjects(std::vector<ReviewProject> projects) {
  std::erase_if(projects, [](const ReviewProject& p) { return p.status != "submitted"; });
  return projects;
}

}  // namespace committee_detail

using namespace committee_detail;

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
  // Why the chair decided before every review was in is the committee's business.
  if (project.decision) project.decision->override_reason.clear();
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

storage::WriteContext CommitteeService::Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }

}  // namespace biobridge::service
