// Reviews, their scores, the committee's decision and the prospect-analysis report.
#include "service/committee_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/log.h"
#include "base/strings.h"
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

// --- The decision ----------------------------------------------------------------------

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

namespace {

// The reviews a decision rests on: the reviewers the published assignment
// names for the project, and which of their reviews are in.
struct ReviewCount {
  int assigned = 0;
  int submitted = 0;  // by anyone: a submitted review counts even when its reviewer was replaced later
  int drafts = 0;     // assigned reviewers with a draft
};

ReviewCount CountReviews(const std::optional<Committee>& committee, const std::vector<domain::Review>& reviews,
                         std::string_view project_id) {
  ReviewCount count;
  for (const domain::Review& r : reviews) count.submitted += r.status == "submitted";
  if (!committee || committee->assignment_state != "published") return count;
  for (const AssignmentEntry& e : committee->assignment) {
    if (e.project_id != project_id || e.status != "assigned") continue;
    ++count.assigned;
    for (const domain::Review& r : reviews) count.drafts += r.expert_id == e.expert_id && r.status == "draft";
  }
  return count;
}

}  // namespace

Result<ProjectView> CommitteeService::Decide(const Principal& who, std::string_view project_id, const json::object& body) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_RETURN_IF_ERROR(ProgrammeForChair(who, project.programme_id, "decide on a project").status());
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (project.status == "withdrawn") return FailedPreconditionError("the project was withdrawn");
  BB_ASSIGN_OR_RETURN(std::string outcome, Text(body, "outcome", /*required=*/false));
  BB_ASSIGN_OR_RETURN(std::string note, Text(body, "note", /*required=*/false, domain::RecordLimits::kDescriptionLength));
  BB_ASSIGN_OR_RETURN(std::string override_reason,
                      Text(body, "override_reason", /*required=*/false, domain::RecordLimits::kDescriptionLength));
  // A decision on fewer reviews than the committee asked for is the chair's
  // to take, but knowingly: the report the applicant receives rests on them.
  std::optional<Committee> committee;
  if (Result<Committee> c = context_.store.GetCommittee(project.programme_id); c.ok()) {
    committee = std::move(*c);
  } else if (c.status().code() != StatusCode::kNotFound) {
    return c.status();
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.project_id = project.id}));
  const ReviewCount count = CountReviews(committee, reviews, project.id);
  const int missing = std::max(0, count.assigned - count.submitted);
  const bool short_of_reviews = missing > 0 || count.submitted == 0;
  if (short_of_reviews && Trim(override_reason).empty()) {
    const std::string state =
        count.assigned == 0
            ? (count.submitted == 0 ? "no review of this project is in and no reviewer is assigned"
                                    : "no reviewer is assigned")
            : fmt::format("{} of the {} assigned reviews {} not submitted ({} a draft the committee cannot read yet); "
                          "the applicant's report would rest on {}",
                          missing, count.assigned, missing == 1 ? "is" : "are", count.drafts,
                          count.submitted == 1 ? "one review" : fmt::format("{} reviews", count.submitted));
    return FailedPreconditionError(fmt::format(
        "{}: wait for the reviews, or decide now with an override_reason saying why the committee cannot wait", state));
  }
  project.decision = domain::Decision{std::move(outcome), std::move(note), who.actor(), context_.clock.Now(),
                                      count.submitted, count.assigned,
                                      short_of_reviews ? std::string(Trim(override_reason)) : std::string()};
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

Result<std::vector<ReviewerStatus>> CommitteeService::ProjectReviews(const Principal& who, std::string_view project_id) {
  BB_ASSIGN_OR_RETURN(ReviewProject project, context_.store.GetReviewProject(project_id));
  BB_ASSIGN_OR_RETURN(Committee committee, CommitteeForChair(who, project.programme_id, "see the reviews"));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context_.store.ListReviews({.project_id = project.id}));
  std::vector<ReviewerStatus> out;
  auto add = [&](const std::string& expert_id, bool assigned) {
    ReviewerStatus status{.expert_id = expert_id, .status = "not_started", .assigned = assigned};
    for (const domain::Review& r : reviews) {
      if (r.expert_id != expert_id) continue;
      status.status = r.status;
      if (r.status == "submitted") {
        status.weighted = domain::WeightedScore(r, committee.settings.rubric);
        status.review = r;
      } else {
        status.last_saved = r.meta.updated_at;
      }
    }
    if (!assigned && status.status != "submitted") return;  // a replaced reviewer's draft is nobody's business
    Result<Expert> expert = context_.store.GetExpert(expert_id);
    status.expert_name = expert.ok() ? expert->name : "";
    out.push_back(std::move(status));
  };
  std::set<std::string> listed;
  if (committee.assignment_state == "published") {
    for (const AssignmentEntry& e : committee.assignment) {
      if (e.project_id == project.id && e.status == "assigned" && listed.insert(e.expert_id).second) add(e.expert_id, true);
    }
  }
  for (const domain::Review& r : reviews) {
    if (r.status == "submitted" && listed.insert(r.expert_id).second) add(r.expert_id, false);
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
