// SqlStore: market-development plans and their shares (schema 0015_plans.sql).
#include <fmt/format.h>

#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "p.id, p.organization_id, p.doc, p.visibility, p.created_by, p.created_at, p.updated_at, p.version";

Store::StoredPlan PlanOf(const Statement& row) {
  return {std::string(row.Text(0)), std::string(row.Text(1)), std::string(row.Text(2)), std::string(row.Text(3)),
          std::string(row.Text(4)), FromUnixMillis(row.Int(5)), FromUnixMillis(row.Int(6)), row.Int(7)};
}

Result<std::vector<Store::StoredPlan>> Select(Connection& c, std::string_view from_where, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement select, c.Prepare(fmt::format("SELECT {} FROM {} ORDER BY p.updated_at DESC, p.id",
                                                              kColumns, from_where)));
  select.Bind(1, value);
  std::vector<Store::StoredPlan> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    out.push_back(PlanOf(select));
  }
}

Result<Store::StoredPlan> SelectOne(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(auto found, Select(c, "plans p WHERE p.id = ?", id));
  if (found.empty()) return NotFoundError(fmt::format("no plan has id '{}'", id));
  return std::move(found.front());
}

// The audit keeps what a plan said: its visibility and its JSON.
json::object Summary(const Store::StoredPlan& p) { return json::object{{"visibility", p.visibility}, {"doc", p.doc}}; }

json::object Diff(const json::object& before, const json::object& after) {
  json::object out;
  for (const char* key : {"visibility", "doc"}) {
    const json::value* b = before.if_contains(key);
    const json::value* a = after.if_contains(key);
    if (b && a && *b == *a) continue;
    out[key] = json::object{{"before", b ? *b : json::value(nullptr)}, {"after", a ? *a : json::value(nullptr)}};
  }
  return out;
}

}  // namespace

Status SqlStore::CreatePlan(const StoredPlan& plan, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool found, c.Exists("SELECT 1 FROM organizations WHERE id = ?", plan.organization_id));
    if (!found) return NotFoundError(fmt::format("no organisation has id '{}'", plan.organization_id));
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
        "INSERT INTO plans (id, organization_id, doc, visibility, created_by, created_at, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    BB_RETURN_IF_ERROR(insert.Bind(1, plan.id).Bind(2, plan.organization_id).Bind(3, plan.doc).Bind(4, plan.visibility)
                           .Bind(5, plan.created_by).Bind(6, ToUnixMillis(plan.created_at))
                           .Bind(7, ToUnixMillis(plan.updated_at)).Bind(8, plan.version).Run());
    return AppendAudit(c, context, "create", "plan", plan.id, Diff({}, Summary(plan)));
  });
}

Result<Store::StoredPlan> SqlStore::GetPlan(std::string_view id) {
  StoredPlan found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, SelectOne(c, id));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<Store::StoredPlan>> SqlStore::ListPlans(std::string_view organization_id, bool shared) {
  std::vector<StoredPlan> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, shared ? "plans p JOIN plan_shares s ON s.plan_id = p.id WHERE s.organization_id = ?"
                                                : "plans p WHERE p.organization_id = ?",
                                      organization_id));
    return Status::Ok();
  }));
  return found;
}

Result<std::int64_t> SqlStore::UpdatePlan(const StoredPlan& plan, const WriteContext& context) {
  std::int64_t version = 0;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const StoredPlan before, SelectOne(c, plan.id));
    if (before.version != plan.version) {
      return AbortedError(fmt::format("the plan changed since version {} (it is at {}); reload and try again",
                                      plan.version, before.version));
    }
    version = before.version + 1;
    BB_ASSIGN_OR_RETURN(Statement update, c.Prepare(
        "UPDATE plans SET doc = ?, visibility = ?, updated_at = ?, version = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(update.Bind(1, plan.doc).Bind(2, plan.visibility).Bind(3, ToUnixMillis(context.at))
                           .Bind(4, version).Bind(5, plan.id).Run());
    return AppendAudit(c, context, "update", "plan", plan.id, Diff(Summary(before), Summary(plan)));
  }));
  return version;
}

Status SqlStore::DeletePlan(std::string_view id, std::int64_t expected_version, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const StoredPlan before, SelectOne(c, id));
    if (expected_version != 0 && before.version != expected_version) {
      return AbortedError(fmt::format("the plan changed since version {} (it is at {}); reload and try again",
                                      expected_version, before.version));
    }
    BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM plans WHERE id = ?"));
    BB_RETURN_IF_ERROR(remove.Bind(1, id).Run());
    return AppendAudit(c, context, "delete", "plan", id, Diff(Summary(before), {}));
  });
}

Status SqlStore::SetPlanShare(std::string_view plan_id, std::string_view organization_id, bool shared,
                                 const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(SelectOne(c, plan_id).status());
    BB_ASSIGN_OR_RETURN(bool found, c.Exists("SELECT 1 FROM organizations WHERE id = ?", organization_id));
    if (!found) return NotFoundError(fmt::format("no organisation has id '{}'", organization_id));
    if (shared) {
      BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
          "INSERT INTO plan_shares (plan_id, organization_id, shared_by, shared_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT DO NOTHING"));
      BB_RETURN_IF_ERROR(insert.Bind(1, plan_id).Bind(2, organization_id).Bind(3, context.actor)
                             .Bind(4, ToUnixMillis(context.at)).Run());
    } else {
      BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM plan_shares WHERE plan_id = ? AND organization_id = ?"));
      BB_RETURN_IF_ERROR(remove.Bind(1, plan_id).Bind(2, organization_id).Run());
    }
    if (c.Changes() == 0) return Status::Ok();
    return AppendAudit(c, context, shared ? "share" : "unshare", "plan", plan_id,
                       json::object{{"shared_with", json::object{{"before", shared ? json::value(nullptr) : json::value(organization_id)},
                                                                 {"after", shared ? json::value(organization_id) : json::value(nullptr)}}}});
  });
}

Result<std::vector<std::string>> SqlStore::ListPlanShares(std::string_view plan_id) {
  std::vector<std::string> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare("SELECT organization_id FROM plan_shares WHERE plan_id = ? ORDER BY shared_at, organization_id"));
    rows.Bind(1, plan_id);
    return AppendTexts(rows, out);
  }));
  return out;
}

}  // namespace biobridge::storage::sql
