// The expert committee of a programme: experts and the conflicts of
// interest they have or declare, projects submitted for review, the
// committee's settings and reviewer assignment, reviews on a weighted
// rubric, their aggregation with per-reviewer calibration, and the
// committee's decision.
//
// Conflicts are academic (the same organisation, a recent joint project)
// or commercial (employment, equity, consulting, an advisory board, a
// competing programme, an investment portfolio), at organisation level (any
// project of that organisation) or person level (a project whose team
// names that person). FindConflict decides; the service never shows an
// expert a project they conflict with, and the solver never assigns one.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"
#include "domain/collaboration.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

inline constexpr std::string_view kAcademicConflicts[] = {"same_organization", "joint_project"};
inline constexpr std::string_view kCommercialConflicts[] = {"employment",     "equity",
                                                            "consulting",     "advisory_board",
                                                            "competing_programme", "investor_portfolio"};
bool IsConflictKind(std::string_view kind);

// Where an expert works or worked. `to` empty: still there.
struct Affiliation {
  std::string organization_id;  // a directory organisation, or empty
  std::string name;             // as the expert writes it, when not in the directory
  std::string role;
  std::optional<Date> from;
  std::optional<Date> to;
  friend bool operator==(const Affiliation&, const Affiliation&) = default;
};

// A conflict the expert declares: with an organisation, a person (as the
// project team lists them: a name or a user id), or a whole programme.
struct DeclaredConflict {
  std::string kind;             // one of the kinds above
  std::string organization_id;  // exactly one of these three
  std::string person;
  std::string programme_id;
  std::optional<Date> until;    // none: open-ended
  std::string note;
  friend bool operator==(const DeclaredConflict&, const DeclaredConflict&) = default;
};

struct Publication {
  std::string title;
  std::string abstract;
  std::optional<int> year;
  friend bool operator==(const Publication&, const Publication&) = default;
};

struct Expert {
  std::string id;
  std::string user_id;  // the account the expert signs in with, or empty
  std::string name;
  LocalizedText expertise;  // a statement of expertise, in any languages
  std::vector<std::string> therapeutic_areas;
  std::vector<std::string> modalities;
  std::vector<std::string> languages;  // ISO 639-1 codes the expert reads
  std::vector<Affiliation> affiliations;
  std::vector<DeclaredConflict> conflicts;
  std::vector<Publication> publications;
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const Expert&, const Expert&) = default;
};

struct TeamMember {
  std::string name;
  std::string user_id;
  std::string role;
  friend bool operator==(const TeamMember&, const TeamMember&) = default;
};

// Metadata of a document submitted with a project (the file itself is not
// kept by BioBridge).
struct ProjectDocument {
  std::string name;
  std::string media_type;
  std::int64_t bytes = 0;
  std::string sha256;
  friend bool operator==(const ProjectDocument&, const ProjectDocument&) = default;
};

inline constexpr std::string_view kProjectStatuses[] = {"submitted", "decided", "withdrawn"};
inline constexpr std::string_view kDecisionOutcomes[] = {"accept", "revise", "reject"};

struct Decision {
  std::string outcome;  // one of kDecisionOutcomes
  std::string note;
  std::string decided_by;  // user id
  Timestamp decided_at{};
  // What the decision rested on: the reviews submitted and the reviewers
  // assigned when it was made. Deciding before every assigned review is in
  // takes the chair's reason, kept here for the committee (never shown to
  // the applicant).
  int reviews_submitted = 0;
  int reviewers_assigned = 0;
  std::string override_reason;
  friend bool operator==(const Decision&, const Decision&) = default;
};

struct ReviewProject {
  std::string id;
  std::string programme_id;
  std::string organization_id;  // the applicant
  std::string opportunity_id;   // optional: the opportunity it grew from
  LocalizedText title;
  LocalizedText summary;
  std::string language;  // the language it is written in (en, zh, ru)
  std::vector<std::string> therapeutic_areas;
  std::vector<std::string> modalities;
  std::vector<TeamMember> team;
  std::vector<ProjectDocument> documents;
  std::string status = "submitted";
  std::optional<Decision> decision;
  std::string submitted_by;  // user id
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const ReviewProject&, const ReviewProject&) = default;
};

struct RubricCriterion {
  std::string id;
  LocalizedText name;
  double weight = 1;
  friend bool operator==(const RubricCriterion&, const RubricCriterion&) = default;
};

// Innovation, market prospects, regulatory readiness, manufacturing and
// batch stability, supply chain, team and international talent.
std::vector<RubricCriterion> DefaultRubric();

// The development prospects of a market-development plan: market,
// regulatory feasibility, supply-chain readiness (batch stability,
// compliance documentation), partners, team.
std::vector<RubricCriterion> ProspectsRubric();

// Rubrics a chair picks by name ("rubric_preset" in the settings) instead
// of writing one: "standard" (DefaultRubric) and "prospects".
inline constexpr std::string_view kRubricPresets[] = {"standard", "prospects"};
std::optional<std::vector<RubricCriterion>> RubricPreset(std::string_view name);

inline constexpr std::string_view kBlindModes[] = {"single", "double"};
inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 5;

struct CommitteeSettings {
  int reviewers_per_project = 3;
  int min_load = 0;
  int max_load = 6;
  bool language_rule = true;  // at least one reviewer reads the project's language
  std::string blind = "double";
  std::vector<RubricCriterion> rubric = DefaultRubric();
  double disagreement = 1.5;  // overall scores further apart than this are flagged
  // When reviews are due; experts with a review still open are reminded
  // kReviewReminderLead before it.
  std::optional<Timestamp> review_deadline;
  friend bool operator==(const CommitteeSettings&, const CommitteeSettings&) = default;
};

inline constexpr std::chrono::hours kReviewReminderLead{48};

inline constexpr std::string_view kAssignmentStates[] = {"none", "draft", "published"};

struct AssignmentEntry {
  std::string project_id;
  std::string expert_id;
  double affinity = 0;
  std::string status = "assigned";  // or "declined"
  std::string decline_reason;
  friend bool operator==(const AssignmentEntry&, const AssignmentEntry&) = default;
};

// One per programme that has a committee.
struct Committee {
  std::string programme_id;
  std::vector<std::string> members;  // expert ids
  CommitteeSettings settings;
  std::string assignment_state = "none";
  std::vector<AssignmentEntry> assignment;
  json::object figures;  // the solver's figures and uncovered projects, as shown to the chair
  std::optional<Timestamp> published_at;
  RecordMeta meta;
  friend bool operator==(const Committee&, const Committee&) = default;
};

inline constexpr std::string_view kReviewStatuses[] = {"draft", "submitted"};

struct Review {
  std::string id;
  std::string programme_id;
  std::string project_id;
  std::string expert_id;
  std::map<std::string, int> scores;  // criterion id → kMinScore..kMaxScore
  std::string strengths;
  std::string risks;
  std::string confidential_comment;  // for the committee only, never the applicant
  std::string recommendation;        // one of kDecisionOutcomes, or empty in a draft
  std::string status = "draft";
  std::optional<Timestamp> submitted_at;
  RecordMeta meta;
  friend bool operator==(const Review&, const Review&) = default;
};

// --- Conflicts -----------------------------------------------------------------

struct ConflictFinding {
  std::string kind;   // a conflict kind
  std::string level;  // "organization", "person" or "programme"
  std::string detail; // in words, for the chair
};

// What FindConflict knows beyond the expert and the project.
struct ConflictContext {
  Date today;
  // Organisations whose members the expert's account is (from memberships).
  std::vector<std::string> member_of;
  // Collaborations of the project's organisation (joint projects).
  std::vector<Collaboration> collaborations;
  int affiliation_years = 3;   // a past affiliation counts this long after it ends
  int joint_project_years = 3; // a joint project counts this long after it started
};

// The first conflict between an expert and a project, or none.
std::optional<ConflictFinding> FindConflict(const Expert& expert, const ReviewProject& project,
                                            const ConflictContext& context);

// --- Reviews ----------------------------------------------------------------------

// The weighted mean of a review's scores over the rubric (criteria without a
// score left out), or none when nothing is scored.
std::optional<double> WeightedScore(const Review& review, const std::vector<RubricCriterion>& rubric);

struct ProjectScores {
  std::string project_id;
  int submitted = 0;                       // reviews counted
  std::optional<double> overall;           // mean of the reviews' weighted scores
  std::optional<double> calibrated;        // the same after each reviewer's leniency is taken out
  std::map<std::string, double> criteria;  // criterion id → mean score
  double spread = 0;                       // highest minus lowest overall score
  bool disagreement = false;               // spread above the settings' threshold
};

// Aggregates the submitted reviews of a programme, per project. A reviewer's
// leniency is their mean weighted score minus the programme's, shrunk
// toward zero by n / (n + 2) for n reviews (one review says little); the
// calibrated score subtracts it.
std::vector<ProjectScores> AggregateReviews(const std::vector<Review>& reviews, const CommitteeSettings& settings);

// --- Interchange --------------------------------------------------------------------

json::object ToJson(const Expert& expert);
json::object ToJson(const ReviewProject& project);
json::object ToJson(const CommitteeSettings& settings);
json::object ToJson(const Committee& committee);
json::object ToJson(const Review& review);
Result<Expert> ExpertFromJson(const json::object& object);
Result<ReviewProject> ReviewProjectFromJson(const json::object& object);
Result<CommitteeSettings> CommitteeSettingsFromJson(const json::object& object, CommitteeSettings base = {});
Result<Committee> CommitteeFromJson(const json::object& object);
Result<Review> ReviewFromJson(const json::object& object);

}  // namespace biobridge::domain
