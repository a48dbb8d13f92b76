// SqliteStore: the expert committee (schema 0005_committee.sql). Each entity
// is a row holding its interchange JSON and the columns it is looked up by;
// one set of helpers (doc_tables.h) serves the four tables.
#include <fmt/format.h>

#include "domain/committee.h"
#include "storage/field_diff.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/doc_tables.h"
#include "storage/sqlite/journal_rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace biobridge::storage::sqlite {
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
  BB_ASSIGN_OR_RETURN(bool programme, c.Exists("SELECT 1 FROM programmes WHERE id = ?", p.programme_id));
  if (!programme) return InvalidArgumentError("programme", fmt::format("no programme has id '{}'", p.programme_id));
  BB_ASSIGN_OR_RETURN(bool organization, c.Exists("SELECT 1 FROM organizations WHERE id = ?", p.organization_id));
  if (!organization) {
    return InvalidArgumentError("organization", fmt::format("no organization has id '{}'", p.organization_id));
  }
  return Status::Ok();
}

std::vector<std::string> ProjectColumns(const domain::ReviewProject& p) { return {p.programme_id, p.organization_id}; }
std::vector<std::string> ReviewColumns(const domain::Review& r) { return {r.programme_id, r.project_id, r.expert_id}; }

}  // namespace

// --- Experts ------------------------------------------------------------------------

Result<domain::Expert> SqliteStore::CreateExpert(domain::Expert expert, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(CheckExpertUser(c, expert));
    expert.meta = {1, context.at, context.at};
    return InsertDoc(c, kExperts, expert.id, {expert.user_id}, domain::ToJson(expert), context);
  }));
  return expert;
}

Result<domain::Expert> SqliteStore::UpdateExpert(domain::Expert expert, std::int64_t expected_version,
                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(CheckExpertUser(c, expert));
    BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kExperts, expert.id, {expert.user_id}, domain::ToJson(expert),
                                                         expected_version, context));
    BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kExperts, expert.id));
    if (!stored) return InternalError("a row written in this transaction is gone");
    expert.meta = {version, stored->meta.created_at, context.at};
    return Status::Ok();
  }));
  return expert;
}

Result<domain::Expert> SqliteStore::GetExpert(std::string_view id) {
  std::optional<StoredDoc> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, SelectDoc(c, kExperts, id));
    return Status::Ok();
  }));
  if (!stored) return NotFoundError(fmt::format("no expert has id '{}'", id));
  return Decoded<domain::Expert>(*stored, domain::ExpertFromJson);
}

Result<domain::Expert> SqliteStore::FindExpertOfUser(std::string_view user_id) {
  std::vector<StoredDoc> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    if (user_id.empty()) return Status::Ok();
    BB_ASSIGN_OR_RETURN(found, SelectDocs(c, kExperts, "WHERE user_id = ?", {std::string(user_id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("account '{}' has no expert profile", user_id));
  return Decoded<domain::Expert>(found.front(), domain::ExpertFromJson);
}

Result<Page<domain::Expert>> SqliteStore::ListExperts(const PageRequest& page) {
  Page<domain::Expert> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM experts"));
        BB_RETURN_IF_ERROR(count.Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(std::vector<StoredDoc> rows,
                            SelectDocs(c, kExperts,
                                       fmt::format("WHERE seq IN (SELECT seq FROM experts ORDER BY seq LIMIT {} OFFSET {})",
                                                   page.per_page, std::int64_t{page.page - 1} * page.per_page),
                                       {}));
        for (const StoredDoc& row : rows) {
          BB_ASSIGN_OR_RETURN(domain::Expert e, Decoded<domain::Expert>(row, domain::ExpertFromJson));
          out.items.push_back(std::move(e));
        }
        return Status::Ok();
      },
      /*snapshot=*/true));
  return out;
}

// --- Projects for review --------------------------------------------------------------

Result<domain::ReviewProject> SqliteStore::CreateReviewProject(domain::ReviewProject project,
                                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(CheckProjectReferences(c, project));
    project.meta = {1, context.at, context.at};
    return InsertDoc(c, kProjects, project.id, ProjectColumns(project), domain::ToJson(project), context);
  }));
  return project;
}

Result<domain::ReviewProject> SqliteStore::UpdateReviewProject(domain::ReviewProject project,
                                                               std::int64_t expected_version,
                                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(CheckProjectReferences(c, project));
    BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kProjects, project.id, ProjectColumns(project),
                                                         domain::ToJson(project), expected_version, context));
    BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kProjects, project.id));
    if (!stored) return InternalError("a row written in this transaction is gone");
    project.meta = {version, stored->meta.created_at, context.at};
    return Status::Ok();
  }));
  return project;
}

Result<domain::ReviewProject> SqliteStore::GetReviewProject(std::string_view id) {
  std::optional<StoredDoc> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, SelectDoc(c, kProjects, id));
    return Status::Ok();
  }));
  if (!stored) return NotFoundError(fmt::format("no project for review has id '{}'", id));
  return Decoded<domain::ReviewProject>(*stored, domain::ReviewProjectFromJson);
}

Result<std::vector<domain::ReviewProject>> SqliteStore::ListReviewProjects(std::string_view programme_id,
                                                                           std::string_view organization_id) {
  std::vector<StoredDoc> rows;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    if (organization_id.empty()) {
      BB_ASSIGN_OR_RETURN(rows, SelectDocs(c, kProjects, "WHERE programme_id = ?", {std::string(programme_id)}));
    } else {
      BB_ASSIGN_OR_RETURN(rows, SelectDocs(c, kProjects, "WHERE programme_id = ? AND organization_id = ?",
                                           {std::string(programme_id), std::string(organization_id)}));
    }
    return Status::Ok();
  }));
  std::vector<domain::ReviewProject> out;
  for (const StoredDoc& row : rows) {
    BB_ASSIGN_OR_RETURN(domain::ReviewProject p, Decoded<domain::ReviewProject>(row, domain::ReviewProjectFromJson));
    out.push_back(std::move(p));
  }
  return out;
}

// --- Committees -------------------------------------------------------------------------

Result<domain::Committee> SqliteStore::GetCommittee(std::string_view programme_id) {
  std::optional<StoredDoc> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, SelectDoc(c, kCommittees, programme_id));
    return Status::Ok();
  }));
  if (!stored) return NotFoundError(fmt::format("programme '{}' has no committee yet", programme_id));
  return Decoded<domain::Committee>(*stored, domain::CommitteeFromJson);
}

Result<std::vector<domain::Committee>> SqliteStore::ListCommittees() {
  std::vector<StoredDoc> rows;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(rows, SelectDocs(c, kCommittees, "", {}));
    return Status::Ok();
  }));
  std::vector<domain::Committee> out;
  for (const StoredDoc& row : rows) {
    BB_ASSIGN_OR_RETURN(domain::Committee committee, Decoded<domain::Committee>(row, domain::CommitteeFromJson));
    out.push_back(std::move(committee));
  }
  return out;
}

Result<domain::Committee> SqliteStore::PutCommittee(domain::Committee committee, std::int64_t expected_version,
                                                    const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool programme, c.Exists("SELECT 1 FROM programmes WHERE id = ?", committee.programme_id));
    if (!programme) {
      return InvalidArgumentError("programme", fmt::format("no programme has id '{}'", committee.programme_id));
    }
    const json::object doc = domain::ToJson(committee);
    if (expected_version == 0) {
      committee.meta = {1, context.at, context.at};
      return InsertDoc(c, kCommittees, committee.programme_id, {}, doc, context);
    }
    BB_ASSIGN_OR_RETURN(std::int64_t version,
                        ReplaceDoc(c, kCommittees, committee.programme_id, {}, doc, expected_version, context));
    BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kCommittees, committee.programme_id));
    if (!stored) return InternalError("a row written in this transaction is gone");
    committee.meta = {version, stored->meta.created_at, context.at};
    return Status::Ok();
  }));
  return committee;
}

// --- Reviews -------------------------------------------------------------------------------

Result<domain::Review> SqliteStore::CreateReview(domain::Review review, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT 1 FROM reviews WHERE project_id = ? AND expert_id = ?"));
    BB_ASSIGN_OR_RETURN(bool exists, stmt.Bind(1, review.project_id).Bind(2, review.expert_id).Step());
    if (exists) {
      return AlreadyExistsError(fmt::format("expert '{}' has a review of project '{}' already", review.expert_id,
                                            review.project_id));
    }
    BB_ASSIGN_OR_RETURN(bool project, c.Exists("SELECT 1 FROM review_projects WHERE id = ?", review.project_id));
    if (!project) return InvalidArgumentError("project", fmt::format("no project for review has id '{}'", review.project_id));
    BB_ASSIGN_OR_RETURN(bool expert, c.Exists("SELECT 1 FROM experts WHERE id = ?", review.expert_id));
    if (!expert) return InvalidArgumentError("expert", fmt::format("no expert has id '{}'", review.expert_id));
    review.meta = {1, context.at, context.at};
    return InsertDoc(c, kReviews, review.id, ReviewColumns(review), domain::ToJson(review), context);
  }));
  return review;
}

Result<domain::Review> SqliteStore::UpdateReview(domain::Review review, std::int64_t expected_version,
                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kReviews, review.id, ReviewColumns(review),
                                                         domain::ToJson(review), expected_version, context));
    BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kReviews, review.id));
    if (!stored) return InternalError("a row written in this transaction is gone");
    review.meta = {version, stored->meta.created_at, context.at};
    return Status::Ok();
  }));
  return review;
}

Result<domain::Review> SqliteStore::GetReview(std::string_view id) {
  std::optional<StoredDoc> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, SelectDoc(c, kReviews, id));
    return Status::Ok();
  }));
  if (!stored) return NotFoundError(fmt::format("no review has id '{}'", id));
  return Decoded<domain::Review>(*stored, domain::ReviewFromJson);
}

Result<std::vector<domain::Review>> SqliteStore::ListReviews(const ReviewFilter& filter) {
  std::vector<std::string> clauses, values;
  if (!filter.programme_id.empty()) clauses.push_back("programme_id = ?"), values.push_back(filter.programme_id);
  if (!filter.project_id.empty()) clauses.push_back("project_id = ?"), values.push_back(filter.project_id);
  if (!filter.expert_id.empty()) clauses.push_back("expert_id = ?"), values.push_back(filter.expert_id);
  std::string where;
  for (std::size_t i = 0; i < clauses.size(); ++i) where += (i ? " AND " : "WHERE ") + clauses[i];
  std::vector<StoredDoc> rows;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(rows, SelectDocs(c, kReviews, where, values));
    return Status::Ok();
  }));
  std::vector<domain::Review> out;
  for (const StoredDoc& row : rows) {
    BB_ASSIGN_OR_RETURN(domain::Review r, Decoded<domain::Review>(row, domain::ReviewFromJson));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace biobridge::storage::sqlite
