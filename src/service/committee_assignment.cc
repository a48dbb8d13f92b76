// The committee's reviewer assignment: solving it, publishing it, and what
// changes it afterwards (projects submitted since, declines, the chair's swaps).
#include "service/committee_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/log.h"
#include "base/utf8.h"
#include "domain/codec.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/committee_internal.h"
#include "service/notices.h"
#include "service/request_body.h"
#include "solve/assignment.h"
#include "text/vocabulary.h"
#include "storage/store.h"

namespace biobridge::service {

using domain::AssignmentEntry;
using domain::Committee;
using domain::Expert;
using domain::ReviewProject;
using namespace committee_detail;

namespace {

// The figures of an assignment's pairs: what the solver reports and a
// hand-made swap refreshes alike.
void PutStats(json::object& figures, const solve::AssignmentStats& s) {
  figures["total_affinity"] = s.total_affinity;
  figures["min_project_affinity"] = s.min_project_affinity;
  figures["mean_project_affinity"] = s.mean_project_affinity;
  figures["load"] = json::object{{"min", s.min_load}, {"max", s.max_load}, {"stddev", s.load_stddev}};
  figures["covered_projects"] = s.covered_projects;
}

json::object FiguresJson(const solve::AssignmentResult& result, const std::vector<ReviewProject>& projects,
                         std::size_t conflicts) {
  json::array uncovered;
  for (const solve::UncoveredProject& u : result.uncovered) {
    uncovered.push_back(json::object{{"project", projects[std::size_t(u.project)].id},
                                     {"reviewers", u.reviewers},
                                     {"reason", u.reason}});
  }
  json::object figures;
  PutStats(figures, result.stats);
  figures["min_project_bound"] = result.stats.min_project_bound;
  figures["projects"] = projects.size();
  figures["conflicts"] = conflicts;
  figures["kept"] = result.kept;
  figures["uncovered"] = std::move(uncovered);
  return figures;
}

}  // namespace

namespace {

// The committee's experts and the solver's problem over `projects`:
// affinities of every pair, loads, languages and names, without conflicts
// or kept pairs (the caller knows which apply).
struct CommitteeProblem {
  std::vector<Expert> experts;
  solve::AssignmentProblem problem;
  std::size_t Index(std::size_t project, std::size_t expert) const { return project * experts.size() + expert; }
};

Result<CommitteeProblem> ProblemOf(storage::Store& store, const domain::Taxonomies& taxonomies, const Committee& committee,
                                   const std::vector<ReviewProject>& projects) {
  const domain::CommitteeSettings& settings = committee.settings;
  CommitteeProblem out;
  for (const std::string& id : committee.members) {
    BB_ASSIGN_OR_RETURN(Expert e, store.GetExpert(id));
    out.experts.push_back(std::move(e));
  }
  match::AffinityIndex affinity(text::Vocabulary::Builtin());
  for (const ReviewProject& p : projects) affinity.AddProject(TextOf(p, taxonomies));
  for (const Expert& e : out.experts) affinity.AddExpert(ExpertiseOf(e, taxonomies));
  solve::AssignmentProblem& problem = out.problem;
  problem.projects = int(projects.size());
  problem.experts = int(out.experts.size());
  problem.reviewers_per_project = settings.reviewers_per_project;
  problem.min_load = settings.min_load;
  problem.max_load = settings.max_load;
  problem.affinity = affinity.Compute();
  for (const ReviewProject& p : projects) {
    problem.project_names.push_back(fmt::format("{} ({})", p.id, p.title.Best({"en", "zh", "ru"})));
    problem.project_languages.push_back(settings.language_rule ? LanguageBit(p.language) : 0);
  }
  for (const Expert& e : out.experts) {
    problem.expert_names.push_back(e.name);
    std::uint32_t mask = 0;
    for (const std::string& language : e.languages) mask |= LanguageBit(language);
    problem.expert_languages.push_back(mask);
  }
  return out;
}

// The figures of the committee's assigned pairs among `projects`, over what
// the solver last reported (a hand-made change keeps its bound and counts).
void RefreshFigures(Committee& committee, const CommitteeProblem& model, const std::vector<ReviewProject>& projects) {
  std::vector<solve::AssignedPair> pairs;
  for (std::size_t j = 0; j < projects.size(); ++j) {
    for (std::size_t e = 0; e < model.experts.size(); ++e) {
      const AssignmentEntry* entry = FindEntry(committee, projects[j].id, model.experts[e].id);
      if (entry && entry->status == "assigned") pairs.push_back({int(j), int(e), model.problem.affinity[model.Index(j, e)]});
    }
  }
  PutStats(committee.figures, solve::Summarize(model.problem, pairs));
}

}  // namespace

Status CommitteeService::Solve(Committee& committee, const std::vector<ReviewProject>& projects, bool allow_uncovered,
                               bool fairness, bool incremental, bool replace_conflicted) {
  const domain::CommitteeSettings& settings = committee.settings;
  BB_ASSIGN_OR_RETURN(CommitteeProblem model, ProblemOf(context_.store, context_.taxonomies, committee, projects));
  const std::vector<Expert>& experts = model.experts;
  solve::AssignmentProblem& problem = model.problem;
  if (int(experts.size()) < settings.reviewers_per_project) {
    return FailedPreconditionError(fmt::format("the committee has {} experts but each project needs {} reviewers; add "
                                               "experts or lower reviewers_per_project",
                                               experts.size(), settings.reviewers_per_project));
  }
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
    for (std::size_t e = 0; e < experts.size(); ++e) {
      const AssignmentEntry* entry = FindEntry(committee, projects[j].id, experts[e].id);
      const bool assigned = incremental && entry && entry->status == "assigned";
      std::optional<domain::ConflictFinding> finding;
      if (!assigned || replace_conflicted) {
        BB_ASSIGN_OR_RETURN(finding, checker.Check(experts[e], projects[j]));
      }
      if (finding || (entry && entry->status == "declined")) {
        problem.affinity[model.Index(j, e)] = std::nanf("");
        conflicts += finding.has_value();
      } else if (assigned) {
        (reviewed.contains({projects[j].id, experts[e].id}) ? problem.fixed : problem.keep).emplace_back(int(j), int(e));
      }
    }
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

// --- The chair's hand ----------------------------------------------------------------

namespace {

bool Reads(const Expert& e, std::string_view language) {
  return std::find(e.languages.begin(), e.languages.end(), language) != e.languages.end();
}

// Every member as a reviewer of one open project, with the model their
// affinities came from (a swap refreshes the figures with it).
struct Candidates {
  std::vector<ReviewProject> projects;  // the open ones, as the solver sees them
  std::size_t project = 0;              // the one asked about, in `projects`
  CommitteeProblem model;
  std::vector<ReviewerCandidate> members;  // in committee order
};

Result<Candidates> CandidatesFor(const ServiceContext& context, const Committee& committee, const ReviewProject& project) {
  if (project.status != "submitted") {
    return FailedPreconditionError("the committee has decided on this project (or it was withdrawn); its reviewers stay as they were");
  }
  Candidates out;
  BB_ASSIGN_OR_RETURN(std::vector<ReviewProject> all, context.store.ListReviewProjects(committee.programme_id, ""));
  out.projects = OpenProjects(std::move(all));
  const auto it = std::find_if(out.projects.begin(), out.projects.end(),
                               [&](const ReviewProject& p) { return p.id == project.id; });
  out.project = std::size_t(it - out.projects.begin());
  BB_ASSIGN_OR_RETURN(out.model, ProblemOf(context.store, context.taxonomies, committee, out.projects));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context.store.ListReviews({.project_id = project.id}));
  ConflictChecker checker(context.store, DateOf(context.clock.Now()));
  const int max_load = committee.settings.max_load;
  for (std::size_t e = 0; e < out.model.experts.size(); ++e) {
    const Expert& expert = out.model.experts[e];
    ReviewerCandidate c{.expert_id = expert.id, .expert_name = expert.name};
    c.affinity = out.model.problem.affinity[out.model.Index(out.project, e)];
    for (const AssignmentEntry& entry : committee.assignment) {
      if (entry.expert_id != expert.id || entry.status != "assigned") continue;
      ++c.load;
      c.assigned = c.assigned || entry.project_id == project.id;
    }
    c.reads_language = Reads(expert, project.language);
    for (const domain::Review& r : reviews) {
      if (r.expert_id == expert.id) c.review_status = r.status;
    }
    BB_ASSIGN_OR_RETURN(c.conflict, checker.Check(expert, project));
    const AssignmentEntry* entry = FindEntry(committee, project.id, expert.id);
    if (c.assigned) {
      c.unavailable = "already reviews this project";
    } else if (entry && entry->status == "declined") {
      c.unavailable = "declined this project";
    } else if (c.conflict) {
      c.unavailable = "conflict of interest: " + c.conflict->detail;
    } else if (c.load >= max_load) {
      c.unavailable = fmt::format("already reviews {} projects, the most the committee's settings allow (max_load {})",
                                  c.load, max_load);
    } else if (c.review_status == "submitted") {
      c.unavailable = "reviewed this project before being replaced; their review already counts";
    }
    out.members.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::vector<ReviewerCandidate>> CommitteeService::ReviewerCandidates(const Principal& who, std::string_view project_id) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, project.programme_id, "choose a project's reviewers"));
  BB_ASSIGN_OR_RETURN(Candidates candidates, CandidatesFor(context_, committee, project));
  std::vector<ReviewerCandidate> out = std::move(candidates.members);
  std::stable_sort(out.begin(), out.end(), [](const ReviewerCandidate& a, const ReviewerCandidate& b) {
    if (a.assigned != b.assigned) return a.assigned;
    if (a.unavailable.empty() != b.unavailable.empty()) return a.unavailable.empty();
    return a.affinity > b.affinity;
  });
  return out;
}

Result<Committee> CommitteeService::SwapReviewer(const Principal& who, std::string_view project_id, const json::object& body) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, project.programme_id, "change a project's reviewers"));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  BB_ASSIGN_OR_RETURN(std::string replace, Text(body, "replace", /*required=*/true));
  BB_ASSIGN_OR_RETURN(std::string with, Text(body, "with", /*required=*/true));
  if (committee.assignment_state == "none") return FailedPreconditionError("draft an assignment first");
  if (committee.meta.version != version) {
    return AbortedError(fmt::format("the committee changed (version {} now, not {}); reload it", committee.meta.version, version));
  }
  BB_ASSIGN_OR_RETURN(Candidates candidates, CandidatesFor(context_, committee, project));
  auto member = [&](std::string_view id) -> const ReviewerCandidate* {
    for (const ReviewerCandidate& c : candidates.members) {
      if (c.expert_id == id) return &c;
    }
    return nullptr;
  };
  const ReviewerCandidate* out = member(replace);
  if (!out || !out->assigned) {
    return InvalidArgumentError("replace", fmt::format("'{}' is not reviewing this project; name one of its reviewers", replace));
  }
  if (out->review_status == "submitted") {
    return FailedPreconditionError(fmt::format("{} has submitted their review of this project; a submitted review stays part "
                                               "of the committee's work, so they stay on it",
                                               out->expert_name));
  }
  const ReviewerCandidate* in = member(with);
  if (!in) return InvalidArgumentError("with", fmt::format("'{}' is not a member of this committee", with));
  if (!in->unavailable.empty()) {
    return InvalidArgumentError("with", fmt::format("{} cannot review this project: {}", in->expert_name, in->unavailable));
  }
  // The language rule holds after the swap if it held before.
  if (committee.settings.language_rule && LanguageBit(project.language) != 0) {
    bool before = false, after = in->reads_language;
    for (const ReviewerCandidate& c : candidates.members) {
      if (!c.assigned || !c.reads_language) continue;
      before = true;
      after = after || c.expert_id != replace;
    }
    if (before && !after) {
      return InvalidArgumentError("with", fmt::format("nobody on the project would then read its language ({}), which the "
                                                      "committee's language rule asks for; choose a member who does",
                                                      project.language));
    }
  }
  const std::vector<AssignmentEntry> before = committee.assignment;
  std::erase_if(committee.assignment, [&](const AssignmentEntry& e) { return e.project_id == project.id && e.expert_id == replace; });
  committee.assignment.push_back({project.id, with, in->affinity, "assigned", ""});
  RefreshFigures(committee, candidates.model, candidates.projects);
  const json::value* swaps = committee.figures.if_contains("swapped_by_hand");
  committee.figures["swapped_by_hand"] = (swaps && swaps->is_int64() ? swaps->as_int64() : 0) + 1;
  storage::WriteContext write = Context(who);
  if (committee.assignment_state == "published") {
    BB_RETURN_IF_ERROR(NoticesOfAssignment(committee, before, write));
    BB_ASSIGN_OR_RETURN(Expert replaced, context_.store.GetExpert(replace));
    if (!replaced.user_id.empty()) {
      BB_ASSIGN_OR_RETURN(domain::Programme programme, context_.store.GetProgramme(committee.programme_id));
      write.notices.push_back(notices::ToUser(
          notices::Make("review_withdrawn", "review_project", project.id, "/reviews",
                        {{"project", domain::ToJson(project.title)}, {"programme", domain::ToJson(programme.name)}}),
          replaced.user_id, write.actor));
    }
  }
  return context_.store.PutCommittee(std::move(committee), version, write);
}

}  // namespace biobridge::service
