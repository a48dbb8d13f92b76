// What the files of CommitteeService share and nothing else includes: how
// a viewer stands in a programme (Access), the conflict check with its
// per-request cache, and the texts affinity is computed from.
//
// committee_service.cc: access, experts, the committee, projects;
// committee_assignment.cc: solving, publishing, declining, swapping reviewers;
// committee_reviews.cc: reviews, scores, the decision and the report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "domain/collaboration.h"
#include "domain/committee.h"
#include "domain/taxonomy.h"
#include "match/affinity.h"
#include "service/committee_service.h"
#include "storage/store.h"

namespace biobridge::service::committee_detail {

inline constexpr std::size_t kMaxReasonLength = 500;

// The bit of a language in the solver's language masks (en, zh, ru); 0 for any other.
std::uint32_t LanguageBit(std::string_view language);

// The body's "settings", when given, over `settings` (the fields it names
// replace theirs), validated; `settings` changes only when all is well.
Status ApplySettings(const json::object& body, const domain::Taxonomies& taxonomies, domain::CommitteeSettings& settings);

domain::AssignmentEntry* FindEntry(domain::Committee& c, std::string_view project, std::string_view expert);
const domain::AssignmentEntry* FindEntry(const domain::Committee& c, std::string_view project, std::string_view expert);

// The texts an expert's affinity is computed from: their statement of
// expertise (every language, one document, with their areas and modalities)
// and each publication.
std::vector<match::ExpertiseDocument> ExpertiseOf(const domain::Expert& e, const domain::Taxonomies& taxonomies);
match::ExpertiseDocument TextOf(const domain::ReviewProject& p, const domain::Taxonomies& taxonomies);

// A double-blind expert sees the work, not who submitted it.
domain::ReviewProject WithoutApplicant(domain::ReviewProject p);

// The projects still awaiting a decision.
std::vector<domain::ReviewProject> OpenProjects(std::vector<domain::ReviewProject> projects);

// Finds conflicts, caching what it reads from the store for one request.
class ConflictChecker {
 public:
  ConflictChecker(storage::Store& store, Date today) : store_(store), today_(today) {}
  Result<std::optional<domain::ConflictFinding>> Check(const domain::Expert& expert, const domain::ReviewProject& project);

 private:
  storage::Store& store_;
  Date today_;
  std::map<std::string, std::vector<std::string>> memberships_;
  std::map<std::string, std::vector<domain::Collaboration>> collaborations_;
};

}  // namespace biobridge::service::committee_detail

namespace biobridge::service {

// What the viewer is in one programme (chair, expert profile) and its committee.
struct CommitteeService::Access {
  domain::Programme programme;
  bool chair = false;
  std::optional<domain::Committee> committee;  // none: the programme has no committee yet
  std::optional<domain::Expert> expert;        // the viewer's profile, when they have one
  committee_detail::ConflictChecker checker;
};

}  // namespace biobridge::service
