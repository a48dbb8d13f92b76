// SqlStore: the expert committee (schema 0005_committee.sql). Each entity
// is a row holding its interchange JSON and the columns it is looked up by,
// written and read through the document-table helpers (doc_tables.h).
#include <fmt/format.h>

#include "domain/committee.h"
#include "storage/sql/connection.h"
#include "storage/sql/doc_tables.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

const DocTable kExperts{"experts", "expert", "expert", {"user_id"}};
const DocTable kProjects{"review_projects", "review_project", "project for review", {"programme_id", "organization_id"}};
const DocTable kCommittees{"committees", "committee", "committee", {}};
const DocTable kReviews{"reviews", "review", "review", {"programme_id", "project_id", "expert_id"}};

Status CheckExpertUser(Connection& c, const domain::Expert& e) {
  if (e.user_id.empty()) return Status::Ok();
  BB_ASSIGN_OR_RETURN(bool user_exists, c.Exists("SELECT 1 FROM users WHERE id = ?", e.user_id));
  if (!user_exists) return InvalidArgumentError("user", fmt::format("no account has id '{}'", e.user_id));
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT id FROM experts WHERE user_id = ?"));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, e.user_id).Step());
  if (found && stmt.Text(0) != e.id) {
    return AlreadyExistsError(fmt::format("account '{}' has an expert profile already ({})", e.user_id, stmt.Text(0)),
                              "user");
  }
  return Status::Ok();
}

Status CheckProjectReferences(Connection& c, const domain::ReviewProject& p) {
  BB_RETURN_IF_ERROR(CheckReference(c, "SELECT 1 FROM programmes WHERE id = ?", p.programme_id, "programme", "programme"));
  return CheckReference(c, "SELECT 1 FROM organizations WHERE id = ?", p.organization_id, "organization", "organization");
}

const Kind<domain::Expert> kExpertKind{
    kExperts, [](const domain::Expert& e) { return e.id; }, [](const domain::Expert& e) { return domain::ToJson(e); },
    domain::ExpertFromJson, [](const domain::Expert& e) { return std::vector<std::string>{e.user_id}; }, CheckExpertUser};

const Kind<domain::ReviewProject> kProjectKind{
    kProjects, [](const domain::ReviewProject& p) { return p.id; },
    [](const domain::ReviewProject& p) { return domain::ToJson(p); }, domain::ReviewProjectFromJson,
    [](const domain::ReviewProject& p) { return std::vector<std::string>{p.programme_id, p.organization_id}; },
    CheckProjectReferences};

const Kind<domain::Committee> kCommitteeKind{
    kCommittees, [](const domain::Committee& c) { return c.programme_id; },
    [](const domain::Committee& c) { return domain::ToJson(c); }, domain::CommitteeFromJson,
    [](const domain::Committee&) { return std::vector<std::string>{}; },
    [](Connection& c, const domain::Committee& committee) -> Status {
      return CheckReference(c, "SELECT 1 FROM programmes WHERE id = ?", committee.programme_id, "programme", "programme");
    }};

const Kind<domain::Review> kReviewKind{
    kReviews, [](const domain::Review& r) { return r.id; }, [](const domain::Review& r) { return domain::ToJson(r); },
    domain::ReviewFromJson,
    [](const domain::Review& r) { return std::vector<std::string>{r.programme_id, r.project_id, r.expert_id}; },
    [](Connection& c, const domain::Review& r) -> Status {
      BB_RETURN_IF_ERROR(CheckReference(c, "SELECT 1 FROM review_projects WHERE id = ?", r.project_id, "project",
                                        "project for review"));
      return CheckReference(c, "SELECT 1 FROM experts WHERE id = ?", r.expert_id, "expert", "expert");
    }};

}  // namespace

// --- Experts ------------------------------------------------------------------------

Result<domain::Expert> SqlStore::CreateExpert(domain::Expert expert, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) { return CreateIn(c, kExpertKind, expert, context); }));
  return expert;
}

Result<domain::Expert> SqlStore::UpdateExpert(domain::Expert expert, std::int64_t expected_version,
                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kExpertKind, expert, expected_version, context); }));
  return expert;
}

Result<domain::Expert> SqlStore::GetExpert(std::string_view id) {
  std::vector<domain::Expert> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kExpertKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no expert has id '{}'", id));
  return std::move(found.front());
}

Result<domain::Expert> SqlStore::FindExpertOfUser(std::string_view user_id) {
  std::vector<domain::Expert> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    if (user_id.empty()) return Status::Ok();
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kExpertKind, "WHERE user_id = ?", {std::string(user_id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("account '{}' has no expert profile", user_id));
  return std::move(found.front());
}

Result<Page<domain::Expert>> SqlStore::ListExperts(const PageRequest& page) {
  Page<domain::Expert> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM experts"));
        BB_RETURN_IF_ERROR(count.Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(out.items, ListIn(c, kExpertKind,
                                              fmt::format("WHERE seq IN (SELECT seq FROM experts ORDER BY seq LIMIT {} "
                                                          "OFFSET {})",
                                                          page.per_page, std::int64_t{page.page - 1} * page.per_page),
                                              {}));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return out;
}

// --- Projects for review --------------------------------------------------------------

Result<domain::ReviewProject> SqlStore::CreateReviewProject(domain::ReviewProject project,
                                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) { return CreateIn(c, kProjectKind, project, context); }));
  return project;
}

Result<domain::ReviewProject> SqlStore::UpdateReviewProject(domain::ReviewProject project,
                                                               std::int64_t expected_version,
                                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kProjectKind, project, expected_version, context); }));
  return project;
}

Result<domain::ReviewProject> SqlStore::GetReviewProject(std::string_view id) {
  std::vector<domain::ReviewProject> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kProjectKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no project for review has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::ReviewProject>> SqlStore::ListReviewProjects(std::string_view programme_id,
                                                                           std::string_view organization_id) {
  std::vector<domain::ReviewProject> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    if (organization_id.empty()) {
      BB_ASSIGN_OR_RETURN(out, ListIn(c, kProjectKind, "WHERE programme_id = ?", {std::string(programme_id)}));
    } else {
      BB_ASSIGN_OR_RETURN(out, ListIn(c, kProjectKind, "WHERE programme_id = ? AND organization_id = ?",
                                      {std::string(programme_id), std::string(organization_id)}));
    }
    return Status::Ok();
  }));
  return out;
}

// --- Committees -------------------------------------------------------------------------

Result<domain::Committee> SqlStore::GetCommittee(std::string_view programme_id) {
  std::vector<domain::Committee> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kCommitteeKind, "WHERE id = ?", {std::string(programme_id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("programme '{}' has no committee yet", programme_id));
  return std::move(found.front());
}

Result<std::vector<domain::Committee>> SqlStore::ListCommittees() {
  std::vector<domain::Committee> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kCommitteeKind, "", {}));
    return Status::Ok();
  }));
  return out;
}

Result<domain::Committee> SqlStore::PutCommittee(domain::Committee committee, std::int64_t expected_version,
                                                    const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return PutIn(c, kCommitteeKind, committee, expected_version, context); }));
  return committee;
}

// --- Reviews -------------------------------------------------------------------------------

Result<domain::Review> SqlStore::CreateReview(domain::Review review, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT 1 FROM reviews WHERE project_id = ? AND expert_id = ?"));
    BB_ASSIGN_OR_RETURN(bool exists, stmt.Bind(1, review.project_id).Bind(2, review.expert_id).Step());
    if (exists) {
      return AlreadyExistsError(fmt::format("expert '{}' has a review of project '{}' already", review.expert_id,
                                            review.project_id));
    }
    return CreateIn(c, kReviewKind, review, context);
  }));
  return review;
}

Result<domain::Review> SqlStore::UpdateReview(domain::Review review, std::int64_t expected_version,
                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kReviewKind, review, expected_version, context); }));
  return review;
}

Result<domain::Review> SqlStore::GetReview(std::string_view id) {
  std::vector<domain::Review> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kReviewKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no review has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::Review>> SqlStore::ListReviews(const ReviewFilter& filter) {
  std::vector<std::string> clauses, values;
  if (!filter.programme_id.empty()) clauses.push_back("programme_id = ?"), values.push_back(filter.programme_id);
  if (!filter.project_id.empty()) clauses.push_back("project_id = ?"), values.push_back(filter.project_id);
  if (!filter.expert_id.empty()) clauses.push_back("expert_id = ?"), values.push_back(filter.expert_id);
  std::string where;
  for (std::size_t i = 0; i < clauses.size(); ++i) where += (i ? " AND " : "WHERE ") + clauses[i];
  std::vector<domain::Review> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kReviewKind, where, values));
    return Status::Ok();
  }));
  return out;
}

}  // namespace biobridge::storage::sql
