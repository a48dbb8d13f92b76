// PlanService: market-development plans. For an organisation, a product (or
// one of its opportunities) and target countries, BioBridge drafts, per
// country:
//  - the regulatory steps in order, from the country's profile
//    (domain/regulatory_profile.h): a local representative where one is
//    required, GMP evidence, the registration route for the product kind with
//    its expected months and source, the alternatives, and market entry —
//    each with the documents it needs (codes the UI words in en/zh/ru);
//  - which of the organisation's certificates count there (in force and
//    holding in that country) and what is missing (GMP for medicines, ISO
//    13485 for devices) with the kinds that would count;
//  - the partner roles needed (distributor, authorised representative,
//    clinical site, CRO, warehouse) and for each the matcher's best
//    candidates based in that country, with its reasons;
//  - what the profile does not say, listed under "unknown": nothing is
//    invented for a country without a profile.
// The plan is then the organisation's document: its members edit it (title,
// visibility, steps, notes; against the version they read), share it with
// partner organisations, export it as printable HTML, and delete it.
//
// Who reads a plan: its organisation's members, the organisations it is
// shared with, and by its visibility (private: nobody else; members: signed-in
// accounts with a verified address; public: anyone); platform admins. To
// anyone else it does not exist (kNotFound).
//
// Errors (beyond service/context.h's): kNotFound for a plan the caller may
// not read (see above) or an opportunity not of the plan's organisation;
// kInvalidArgument naming the field (countries, product_kind, a step's
// months); kAborted for a plan changed since the version sent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "service/context.h"
#include "service/committee_service.h"
#include "service/match_service.h"
#include "service/principal.h"

namespace biobridge::service {

inline constexpr std::size_t kMaxPlanCountries = 10;
inline constexpr int kPlanCandidatesPerRole = 3;

struct PlanView {
  std::string id;
  std::string organization_id;
  std::string visibility;
  std::vector<std::string> shared_with;  // only for the plan's own organisation (and admins)
  json::object doc;
  std::string created_at, updated_at;
  std::int64_t version = 0;
  bool mine = false;  // the viewer may edit it
};

class PlanService {
 public:
  PlanService(const ServiceContext& context, const MatchService& match, CommitteeService& committee)
      : context_(context), match_(match), committee_(committee) {}

  // body: {"organization", "product", "product_kind": "drug"|"device",
  // "device_class"?, "opportunity"?, "countries": [...], "title"?, "language"?}.
  Result<PlanView> Draft(const Principal& who, const json::value& body);
  Result<PlanView> Get(const Principal& who, std::string_view id);
  // An organisation's plans that `who` may read, newest first.
  Result<std::vector<PlanView>> ListOf(const Principal& who, std::string_view organization_id);
  // The plans shared with `who`'s organisations.
  Result<std::vector<PlanView>> SharedWith(const Principal& who);
  // body: {"version", "title"?, "visibility"?, "countries"?: [{"country", "notes"?, "steps"?}]}.
  Result<PlanView> Update(const Principal& who, std::string_view id, const json::value& body);
  Status Delete(const Principal& who, std::string_view id, std::int64_t version);
  Result<PlanView> Share(const Principal& who, std::string_view id, std::string_view organization_id, bool shared);
  // Submits the plan to a programme's Expert Committee for its prospect
  // analysis (members, in person): a project for review whose summary is the
  // plan's substance per country (steps, durations, certificates missing,
  // partners found, unknowns) — the plan itself stays as private as it is.
  // The committee's decision and recommendations are then written into the
  // plan (CommitteeService::Decide). Returns the project's id.
  Result<std::string> SubmitForReview(const Principal& who, std::string_view id, std::string_view programme_id);

  // A printable, self-contained HTML document of the plan in `lang`.
  Result<std::string> ExportHtml(const Principal& who, std::string_view id, std::string_view lang);

 private:
  Result<json::object> DraftCountry(const Principal& who, std::string_view organization_id, const json::object& input,
                                    std::string_view country);
  Result<PlanView> Present(const Principal& who, const domain::StoredPlan& plan);
  Result<bool> MayRead(const Principal& who, const domain::StoredPlan& plan);

  ServiceContext context_;
  const MatchService& match_;
  CommitteeService& committee_;
};

}  // namespace biobridge::service
