// CommitteeService: a programme's expert committee, from the projects
// submitted to it to the committee's decision and the prospect-analysis
// report.
//
// Who may do what:
// - the chair: members of the programme's operator (and platform admins).
//   They set the committee (members, settings), draft, inspect and publish
//   the reviewer assignment, see every project, review and score, decide,
//   and read the reports;
// - an expert: a person with an expert profile (their own, tied to their
//   account). They see, review or decline only the projects assigned to them
//   in a published assignment; conflicts keep them out of it when it is
//   drafted. What they can open then changes only by their own decline or
//   the chair's hand, never by what they edit: a conflict found after
//   publication (declared, an affiliation, a membership) is shown to the
//   chair, whose "update the assignment" replaces the pair. (Were access to
//   follow the expert's own declarations, declaring and withdrawing a
//   conflict with an organisation would reveal whether it applied, and
//   blind review would not be blind.) In double-blind review they do not
//   see who applied (organisation, team, opportunity, document names); they
//   never see who else reviews a project, nor anything of the committee
//   beyond their own assignments;
// - an applicant: members of the submitting organisation. They submit and
//   see their projects and, once the committee has decided, the report, with
//   reviewers anonymous and confidential comments left out.
// Anyone else is told the project does not exist (kNotFound).
//
// Errors (beyond service/context.h's): kNotFound for a programme, project,
// expert or review the caller may not know of (see above); kPermissionDenied
// for a member of the operator who is not the chair's organisation, or an
// expert editing someone else's profile; kFailedPrecondition for what the
// committee's state forbids now (an assignment published already or not yet,
// a decided or withdrawn project, a submitted review, too few experts for the
// reviewers a project needs, a decision while reviews are missing without an
// override_reason); kAborted for a committee or review changed since the
// version sent.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/programme.h"
#include "domain/committee.h"
#include "service/context.h"
#include "service/match_service.h"
#include "service/principal.h"

namespace biobridge::service {

// A project as one viewer may see it.
struct ProjectView {
  domain::ReviewProject project;  // redacted for a blind expert
  bool applicant_hidden = false;  // double-blind: the expert does not see who applied
  std::string role;               // the viewer's: "chair", "expert" or "applicant"
};

// A project assigned to the signed-in expert.
struct AssignedProject {
  std::string programme_id;
  ProjectView view;
  std::string review_status;  // "", "draft" or "submitted"
  std::int64_t review_version = 0;
};

// One reviewer of a project as the chair sees them: a submitted review in
// full; of a draft only that it exists and when it was last saved (the
// committee reads a review once its reviewer submits it, so nothing is
// decided on half-written scores); an assigned reviewer who has not begun.
struct ReviewerStatus {
  std::string expert_id;
  std::string expert_name;
  std::string status;     // "not_started", "draft" or "submitted"
  bool assigned = false;  // named for the project by the published assignment now
  std::optional<Timestamp> last_saved;   // of a draft
  std::optional<domain::Review> review;  // a submitted review only
  std::optional<double> weighted;
};

// A committee member as a reviewer of one project, for the chair choosing
// whom to swap in: why they may not review it, if they may not.
struct ReviewerCandidate {
  std::string expert_id;
  std::string expert_name;
  double affinity = 0;        // as the solver weighs the pair
  int load = 0;               // projects assigned to them now
  bool assigned = false;      // already reviewing this project
  bool reads_language = false;
  std::string review_status;  // of an assigned reviewer: "", "draft" or "submitted"
  std::optional<domain::ConflictFinding> conflict;
  std::string unavailable;    // empty: may be swapped in; else why not, in words
};

struct ConflictEntry {
  std::string expert_id;
  std::string expert_name;
  std::string project_id;
  domain::ConflictFinding finding;
  bool assigned = false;  // the pair is in the published assignment: update the assignment to replace it
};

// The prospect-analysis report of a project.
struct ProspectReport {
  ProjectView view;
  std::string programme_name;  // in the viewer's language
  std::string language;        // of the names below
  domain::ProjectScores scores;
  std::vector<domain::RubricCriterion> rubric;
  struct Remark {
    std::string reviewer;  // "A", "B", ... in order of review
    std::string text;
  };
  std::vector<Remark> strengths;
  std::vector<Remark> risks;
  std::map<std::string, int> recommendations;  // outcome → reviews recommending it
  std::vector<MatchItem> partners;             // complementary partners, best first
  std::optional<domain::Decision> decision;
};

class CommitteeService {
 public:
  explicit CommitteeService(const ServiceContext& context) : context_(context) {}

  // --- Experts ---
  // Body: the expert's interchange fields. A signed-in person creates their
  // own profile; platform admins may create one for anybody ("user" optional).
  Result<domain::Expert> CreateExpert(const Principal& who, const json::object& body);
  // Body: every field, with "version". The expert themself or a platform admin.
  Result<domain::Expert> UpdateExpert(const Principal& who, std::string_view id, const json::object& body);
  // The expert themself, platform admins, and chairs of a committee the expert is on or may join.
  Result<domain::Expert> GetExpert(const Principal& who, std::string_view id);
  Result<domain::Expert> MyExpertProfile(const Principal& who);
  // For chairs choosing members (members of any programme operator) and platform admins.
  Result<domain::Page<domain::Expert>> ListExperts(const Principal& who, const domain::PageRequest& page);

  // --- The committee (chair) ---
  // The chair sees everything; an expert on it sees the settings and members' count only.
  Result<domain::Committee> GetCommittee(const Principal& who, std::string_view programme_id);
  // Body: {"members": [...], "settings": {...}, "version"} (version 0 or absent: create).
  Result<domain::Committee> PutCommittee(const Principal& who, std::string_view programme_id, const json::object& body);
  // Every conflict between the committee's experts and the programme's projects, with its reason.
  Result<std::vector<ConflictEntry>> Conflicts(const Principal& who, std::string_view programme_id);
  // Computes affinities and conflicts and solves; the draft replaces any
  // earlier draft. Body: {"allow_uncovered": bool, "fairness": bool}.
  // kFailedPrecondition naming the cause when no assignment meets the
  // settings (nothing is written), or when the assignment is published.
  Result<domain::Committee> DraftAssignment(const Principal& who, std::string_view programme_id, const json::object& body);
  // The draft DraftAssignment would make, not saved (also when the
  // assignment is published: what the optimum would be now). Body as
  // DraftAssignment's, plus "settings" that replace the committee's for this
  // computation only.
  Result<domain::Committee> PreviewAssignment(const Principal& who, std::string_view programme_id,
                                              const json::object& body);
  Result<domain::Committee> PublishAssignment(const Principal& who, std::string_view programme_id, std::int64_t version);
  // After publication: assigns projects submitted since (and fills any
  // reviewer slot a decline left open), keeping every published pair.
  Result<domain::Committee> UpdateAssignment(const Principal& who, std::string_view programme_id, std::int64_t version);
  // The committee's members as reviewers of one open project, with their
  // affinity, load and what keeps them off it (chair): assigned ones first,
  // then those available, best affinity first.
  Result<std::vector<ReviewerCandidate>> ReviewerCandidates(const Principal& who, std::string_view project_id);
  // The chair replaces one reviewer of a project by another member by hand.
  // Body: {"replace": expert id, "with": expert id, "version": the committee's}.
  // kInvalidArgument naming the field when "replace" is not reviewing the
  // project or "with" may not (not a member, already on it, declined it, a
  // conflict, at max_load, or the language rule would break);
  // kFailedPrecondition when the reviewer to replace has submitted, the
  // project is decided, or there is no assignment; kAborted on a stale
  // version. In a published assignment the new reviewer is notified and the
  // replaced one told they no longer review it.
  Result<domain::Committee> SwapReviewer(const Principal& who, std::string_view project_id, const json::object& body);
  // The signed-in expert declines a project assigned to them; the
  // assignment changes only what must change to replace them, and never a
  // pair whose review has started, nor another of theirs. The answer is
  // their own assignments as they are now, nothing of anyone else's.
  Result<std::vector<AssignedProject>> Decline(const Principal& who, std::string_view programme_id,
                                               std::string_view project_id, std::string_view reason);

  // --- Projects ---
  // Body: the project's fields; "organization" must be one the applicant is a member of.
  Result<ProjectView> SubmitProject(const Principal& who, std::string_view programme_id, const json::object& body);
  Result<ProjectView> GetProject(const Principal& who, std::string_view id);
  // What the viewer may see of a programme's projects.
  Result<std::vector<ProjectView>> ListProjects(const Principal& who, std::string_view programme_id);
  // Body: {"outcome", "note", "override_reason", "version"} (chair).
  // kFailedPrecondition, saying how many reviews are missing, when an
  // assigned reviewer has not submitted (or no review is in) and no
  // override_reason is given; the reason is then kept with the decision,
  // for the committee only.
  // With a market-development plan under review, the outcome and the note
  // (its recommendations) are written into the plan as "committee_review",
  // with the mean score of the submitted reviews on each criterion of the rubric.
  Result<ProjectView> Decide(const Principal& who, std::string_view project_id, const json::object& body);

  // --- Reviews ---
  Result<std::vector<AssignedProject>> MyAssignments(const Principal& who);
  // Body: {"scores", "strengths", "risks", "confidential_comment",
  // "recommendation", "status": "draft" | "submitted", "version" (when updating)}.
  Result<domain::Review> SaveReview(const Principal& who, std::string_view project_id, const json::object& body);
  // kNotFound when the expert has not started one.
  Result<domain::Review> MyReview(const Principal& who, std::string_view project_id);
  // The chair's view of a project's reviewers: every assigned one and any
  // other whose review is submitted, assigned ones first.
  Result<std::vector<ReviewerStatus>> ProjectReviews(const Principal& who, std::string_view project_id);
  // Aggregated scores of every project of the programme (chair).
  Result<std::vector<domain::ProjectScores>> Scores(const Principal& who, std::string_view programme_id);
  // The chair at any time; the applicant once the committee has decided.
  Result<ProspectReport> Report(const Principal& who, std::string_view project_id, std::string_view language);

 private:
  Status RecordReviewInPlan(std::string_view plan_id, const domain::ReviewProject& project);
  struct Access;
  // Who writes and when, for the store's audit (defined where the store's header is).
  storage::WriteContext Context(const Principal& who) const;
  // Tells each expert of the pairs assigned to them that `before` did not have.
  Status NoticesOfAssignment(const domain::Committee& committee, const std::vector<domain::AssignmentEntry>& before,
                             storage::WriteContext& write);
  bool IsChair(const Principal& who, const domain::Programme& programme) const;
  Result<domain::Programme> ProgrammeForChair(const Principal& who, std::string_view programme_id, std::string_view to_do);
  Result<domain::Committee> CommitteeForChair(const Principal& who, std::string_view programme_id, std::string_view to_do);
  // What the viewer is in one programme (chair, expert profile) and its
  // committee, read once for all the projects a request looks at.
  Result<std::unique_ptr<Access>> AccessTo(const Principal& who, std::string_view programme_id);
  // The project and the viewer's role, or kNotFound when they may not see it.
  Result<ProjectView> View(const Principal& who, domain::ReviewProject project, Access& access);
  Result<ProjectView> View(const Principal& who, domain::ReviewProject project);
  // The viewer's expert profile, when it is assigned to the project in a
  // published assignment; else kNotFound.
  Result<domain::Expert> AssignedExpert(Access& access, const domain::ReviewProject& project);
  // Solves the committee's assignment over `projects`: from scratch, or
  // (`incremental`) keeping the assigned pairs and fixing those with a
  // review. An assigned pair that conflicts now is replaced only when the
  // chair asks (`replace_conflicted`); an expert's decline leaves it, so that
  // declining one project cannot reveal who applied for another.
  Status Solve(domain::Committee& committee, const std::vector<domain::ReviewProject>& projects,
               bool allow_uncovered, bool fairness, bool incremental, bool replace_conflicted = true);

  ServiceContext context_;
};

}  // namespace biobridge::service
