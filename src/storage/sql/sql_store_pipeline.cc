// SqlStore: expressions of interest, deals, their moves and the parties'
// acceptances of confidentiality agreements (schema 0003_pipeline.sql); programmes (0004_programmes.sql).
#include <fmt/format.h>

#include "domain/codec.h"
#include "storage/field_diff.h"
#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {

using domain::CdaAcceptance;
using domain::Deal;
using domain::DealMove;
using domain::DealStage;
using domain::Interest;
using domain::InterestStatus;

namespace {

constexpr std::string_view kInterestColumns =
    "id, from_organization, to_organization, opportunity_id, message, status, decline_reason, decision_note, "
    "created_by, decided_by, decided_at, deal_id, version, created_at, updated_at, programme_id";
constexpr std::string_view kDealColumns =
    "seq, id, interest_id, opportunity_id, programme_id, initiator, recipient, stage, closed_in, close_reason, "
    "version, created_at, updated_at, title, value_amount, value_currency, next_step, next_step_due, contact_user, contact_name";

Interest DecodeInterest(const Statement& row) {
  Interest i;
  i.id = row.Text(0);
  i.from_organization = row.Text(1);
  i.to_organization = row.Text(2);
  i.opportunity_id = row.Text(3);
  i.message = row.Text(4);
  domain::ParseInterestStatus(row.Text(5), i.status);
  i.decline_reason = row.Text(6);
  i.decision_note = row.Text(7);
  i.created_by = row.Text(8);
  i.decided_by = row.Text(9);
  if (!row.IsNull(10)) i.decided_at = FromUnixMillis(row.Int(10));
  i.deal_id = row.Text(11);
  i.meta = {row.Int(12), FromUnixMillis(row.Int(13)), FromUnixMillis(row.Int(14))};
  i.programme_id = row.Text(15);
  return i;
}

// What the audit log records of an interest.
json::object AuditView(const Interest& i) {
  json::object out{{"from_organization", i.from_organization},
                   {"to_organization", i.to_organization},
                   {"opportunity_id", i.opportunity_id},
                   {"message", i.message},
                   {"status", domain::InterestStatusName(i.status)}};
  if (!i.decline_reason.empty()) out["decline_reason"] = i.decline_reason;
  if (!i.decision_note.empty()) out["decision_note"] = i.decision_note;
  if (!i.deal_id.empty()) out["deal_id"] = i.deal_id;
  if (!i.programme_id.empty()) out["programme_id"] = i.programme_id;
  return out;
}

json::object AuditView(const Deal& d) {
  json::object out{{"initiator", d.initiator},     {"recipient", d.recipient},
                   {"opportunity_id", d.opportunity_id}, {"programme_id", d.programme_id},
                   {"stage", domain::DealStageName(d.stage)}};
  if (d.closed_in) out["closed_in"] = domain::DealStageName(*d.closed_in);
  if (!d.close_reason.empty()) out["close_reason"] = d.close_reason;
  const domain::DealDetails& x = d.details;
  if (!x.title.empty()) out["title"] = x.title;
  if (x.value) out["value"] = fmt::format("{} {}", *x.value, x.currency);
  if (!x.next_step.empty()) out["next_step"] = x.next_step;
  if (x.due) out["due"] = FormatDate(*x.due);
  if (!x.contact.empty()) out["contact"] = x.contact;
  return out;
}

DealStage StageOf(std::string_view name) {
  Result<DealStage> stage = domain::ParseDealStage(name);
  return stage.ok() ? *stage : DealStage::kContact;  // the schema only ever holds valid names
}

Result<std::optional<Interest>> SelectInterest(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT {} FROM interests WHERE id = ?", kInterestColumns)));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, id).Step());
  if (!found) return std::optional<Interest>();
  return std::optional<Interest>(DecodeInterest(stmt));
}

// The deal of the current row of `row` (kDealColumns), with its moves and acceptances.
Result<Deal> DecodeDeal(Connection& c, const Statement& row) {
  const std::int64_t seq = row.Int(0);
  Deal d;
  d.id = row.Text(1);
  d.interest_id = row.Text(2);
  d.opportunity_id = row.Text(3);
  d.programme_id = row.Text(4);
  d.initiator = row.Text(5);
  d.recipient = row.Text(6);
  d.stage = StageOf(row.Text(7));
  if (!row.Text(8).empty()) d.closed_in = StageOf(row.Text(8));
  d.close_reason = row.Text(9);
  d.meta = {row.Int(10), FromUnixMillis(row.Int(11)), FromUnixMillis(row.Int(12))};
  d.details.title = row.Text(13);
  if (!row.IsNull(14)) d.details.value = row.Int(14);
  d.details.currency = row.Text(15);
  d.details.next_step = row.Text(16);
  if (Result<Date> due = ParseDate(row.Text(17)); due.ok()) d.details.due = *due;
  d.details.contact = row.Text(18);
  d.details.contact_name = row.Text(19);

  BB_ASSIGN_OR_RETURN(Statement moves, c.Prepare("SELECT from_stage, to_stage, actor, at, note, reason FROM deal_moves "
                                                 "WHERE deal_seq = ? ORDER BY move"));
  moves.Bind(1, seq);
  while (true) {
    BB_ASSIGN_OR_RETURN(bool more, moves.Step());
    if (!more) break;
    DealMove m;
    if (!moves.Text(0).empty()) m.from = StageOf(moves.Text(0));
    m.to = StageOf(moves.Text(1));
    m.actor = moves.Text(2);
    m.at = FromUnixMillis(moves.Int(3));
    m.note = moves.Text(4);
    m.reason = moves.Text(5);
    d.moves.push_back(std::move(m));
  }
  BB_ASSIGN_OR_RETURN(Statement cda, c.Prepare("SELECT organization_id, user_id, text_version, text_sha256, at FROM "
                                               "cda_acceptances WHERE deal_seq = ? ORDER BY at, organization_id"));
  cda.Bind(1, seq);
  while (true) {
    BB_ASSIGN_OR_RETURN(bool more, cda.Step());
    if (!more) break;
    d.cda.push_back(CdaAcceptance{std::string(cda.Text(0)), std::string(cda.Text(1)), std::string(cda.Text(2)),
                                  std::string(cda.Text(3)), FromUnixMillis(cda.Int(4))});
  }
  return d;
}

Result<std::optional<std::pair<std::int64_t, Deal>>> SelectDeal(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT {} FROM deals WHERE id = ?", kDealColumns)));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, id).Step());
  if (!found) return std::optional<std::pair<std::int64_t, Deal>>();
  const std::int64_t seq = stmt.Int(0);
  BB_ASSIGN_OR_RETURN(Deal deal, DecodeDeal(c, stmt));
  return std::optional<std::pair<std::int64_t, Deal>>(std::pair{seq, std::move(deal)});
}

Status InsertMove(Connection& c, std::int64_t deal_seq, std::int64_t index, const DealMove& m) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO deal_moves (deal_seq, move, from_stage, to_stage, actor, "
                                                "at, note, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  return stmt.Bind(1, deal_seq)
      .Bind(2, index)
      .Bind(3, m.from ? domain::DealStageName(*m.from) : std::string_view(""))
      .Bind(4, domain::DealStageName(m.to))
      .Bind(5, m.actor)
      .Bind(6, ToUnixMillis(m.at))
      .Bind(7, m.note)
      .Bind(8, m.reason)
      .Run();
}

Status UpdateInterestRow(Connection& c, const Interest& i) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("UPDATE interests SET status = ?, decline_reason = ?, decision_note = ?, "
                                                "decided_by = ?, decided_at = ?, deal_id = ?, version = ?, "
                                                "updated_at = ? WHERE id = ?"));
  stmt.Bind(1, domain::InterestStatusName(i.status))
      .Bind(2, i.decline_reason)
      .Bind(3, i.decision_note)
      .Bind(4, i.decided_by);
  if (i.decided_at) {
    stmt.Bind(5, ToUnixMillis(*i.decided_at));
  } else {
    stmt.BindNull(5);
  }
  return stmt.Bind(6, i.deal_id).Bind(7, i.meta.version).Bind(8, ToUnixMillis(i.meta.updated_at)).Bind(9, i.id).Run();
}

// The pending interest `id` at `expected_version`, for a decision on it.
Result<Interest> PendingInterest(Connection& c, std::string_view id, std::int64_t expected_version) {
  BB_ASSIGN_OR_RETURN(std::optional<Interest> found, SelectInterest(c, id));
  if (!found) return NotFoundError(fmt::format("no expression of interest has id '{}'", id));
  if (expected_version != 0 && found->meta.version != expected_version) {
    return AbortedError(fmt::format("the expression of interest changed (version {} now, not {}); reload it",
                                    found->meta.version, expected_version));
  }
  if (found->status != InterestStatus::kPending) {
    return FailedPreconditionError(fmt::format("the expression of interest was already {}",
                                               domain::InterestStatusName(found->status)));
  }
  return std::move(*found);
}

// WHERE clause and its one bound value for a deal filter.
std::pair<std::string, std::vector<std::string>> DealWhere(const DealFilter& filter) {
  std::vector<std::string> clauses;
  std::vector<std::string> values;
  if (!filter.organization_id.empty()) {
    clauses.push_back(fmt::format("(initiator = ?{0} OR recipient = ?{0})", values.size() + 1));
    values.push_back(filter.organization_id);
  }
  if (!filter.programme_id.empty()) {
    clauses.push_back(fmt::format("programme_id = ?{}", values.size() + 1));
    values.push_back(filter.programme_id);
  }
  std::string where;
  for (const std::string& clause : clauses) where += (where.empty() ? " WHERE " : " AND ") + clause;
  return {where, values};
}

}  // namespace

Result<Interest> SqlStore::CreateInterest(Interest interest, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    for (const auto& [field, id] : {std::pair{"from_organization", &interest.from_organization},
                                    std::pair{"to_organization", &interest.to_organization}}) {
      BB_ASSIGN_OR_RETURN(bool exists, c.Exists("SELECT 1 FROM organizations WHERE id = ?", *id));
      if (!exists) return InvalidArgumentError(field, fmt::format("no organization has id '{}'", *id));
    }
    if (!interest.opportunity_id.empty()) {
      BB_ASSIGN_OR_RETURN(Statement owner, c.Prepare("SELECT organization_id FROM opportunities WHERE id = ?"));
      BB_ASSIGN_OR_RETURN(bool found, owner.Bind(1, interest.opportunity_id).Step());
      if (!found) {
        return InvalidArgumentError("opportunity", fmt::format("no opportunity has id '{}'", interest.opportunity_id));
      }
      if (owner.Text(0) != interest.to_organization) {
        return InvalidArgumentError("opportunity", fmt::format("opportunity '{}' is not one of organization '{}'",
                                                               interest.opportunity_id, interest.to_organization));
      }
    }
    if (!interest.programme_id.empty()) {
      BB_ASSIGN_OR_RETURN(bool exists, c.Exists("SELECT 1 FROM programmes WHERE id = ?", interest.programme_id));
      if (!exists) {
        return InvalidArgumentError("programme", fmt::format("no programme has id '{}'", interest.programme_id));
      }
    }
    BB_ASSIGN_OR_RETURN(bool taken, c.Exists("SELECT 1 FROM interests WHERE id = ?", interest.id));
    if (taken) return AlreadyExistsError(fmt::format("an expression of interest with id '{}' exists", interest.id), "id");
    BB_ASSIGN_OR_RETURN(Statement pending,
                        c.Prepare("SELECT 1 FROM interests WHERE from_organization = ? AND to_organization = ? AND "
                                  "opportunity_id = ? AND status = 'pending'"));
    BB_ASSIGN_OR_RETURN(bool open, pending.Bind(1, interest.from_organization)
                                       .Bind(2, interest.to_organization)
                                       .Bind(3, interest.opportunity_id)
                                       .Step());
    if (open) {
      return AlreadyExistsError("an expression of interest to the same recipient is still waiting for an answer");
    }
    interest.status = InterestStatus::kPending;
    interest.meta = {1, context.at, context.at};
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare(fmt::format("INSERT INTO interests ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                              "?, ?, ?, ?)",
                                              kInterestColumns)));
    stmt.Bind(1, interest.id)
        .Bind(2, interest.from_organization)
        .Bind(3, interest.to_organization)
        .Bind(4, interest.opportunity_id)
        .Bind(5, interest.message)
        .Bind(6, domain::InterestStatusName(interest.status))
        .Bind(7, std::string_view(""))
        .Bind(8, std::string_view(""))
        .Bind(9, interest.created_by)
        .Bind(10, std::string_view(""))
        .BindNull(11)
        .Bind(12, std::string_view(""))
        .Bind(13, interest.meta.version)
        .Bind(14, ToUnixMillis(interest.meta.created_at))
        .Bind(15, ToUnixMillis(interest.meta.updated_at))
        .Bind(16, interest.programme_id);
    BB_RETURN_IF_ERROR(stmt.Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "create", "interest", interest.id, FieldDiff({}, AuditView(interest))));
    return AppendChange(c, context, "interest", interest.id, "upsert", 1);
  }));
  return interest;
}

Result<Interest> SqlStore::GetInterest(std::string_view id) {
  std::optional<Interest> interest;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(interest, SelectInterest(c, id));
    return Status::Ok();
  }));
  if (!interest) return NotFoundError(fmt::format("no expression of interest has id '{}'", id));
  return std::move(*interest);
}

Result<Page<Interest>> SqlStore::ListInterests(std::string_view organization_id, InterestSide side,
                                                  const PageRequest& page) {
  const std::string where = side == InterestSide::kSent       ? "from_organization = ?1"
                            : side == InterestSide::kReceived ? "to_organization = ?1"
                                                              : "(from_organization = ?1 OR to_organization = ?1)";
  Page<Interest> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare(fmt::format("SELECT COUNT(*) FROM interests WHERE {}", where)));
        BB_RETURN_IF_ERROR(count.Bind(1, organization_id).Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare(fmt::format("SELECT {} FROM interests WHERE {} ORDER BY seq "
                                                                  "DESC LIMIT ? OFFSET ?",
                                                                  kInterestColumns, where)));
        rows.Bind(1, organization_id)
            .Bind(2, std::int64_t{page.per_page})
            .Bind(3, std::int64_t{page.page - 1} * page.per_page);
        while (true) {
          BB_ASSIGN_OR_RETURN(bool row, rows.Step());
          if (!row) return Status::Ok();
          out.items.push_back(DecodeInterest(rows));
        }
      },
      /*snapshot=*/true));
  return out;
}

Result<Deal> SqlStore::AcceptInterest(std::string_view interest_id, std::int64_t expected_version, Deal deal,
                                         const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Interest interest, PendingInterest(c, interest_id, expected_version));
    BB_ASSIGN_OR_RETURN(bool taken, c.Exists("SELECT 1 FROM deals WHERE id = ?", deal.id));
    if (taken) return AlreadyExistsError(fmt::format("a deal with id '{}' exists", deal.id), "id");
    if (deal.moves.size() != 1 || deal.moves.front().from || deal.moves.front().to != DealStage::kContact) {
      return InternalError("a new deal needs exactly its opening move, to contact");
    }
    deal.interest_id = interest.id;
    deal.opportunity_id = interest.opportunity_id;
    deal.initiator = interest.from_organization;
    deal.recipient = interest.to_organization;
    deal.stage = DealStage::kContact;
    deal.closed_in.reset();
    deal.close_reason.clear();
    deal.cda.clear();
    deal.meta = {1, context.at, context.at};
    BB_ASSIGN_OR_RETURN(Statement insert,
                        c.Prepare("INSERT INTO deals (id, interest_id, opportunity_id, programme_id, initiator, "
                                  "recipient, stage, closed_in, close_reason, version, created_at, updated_at, title) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', 1, ?, ?, ?) RETURNING seq"));
    BB_ASSIGN_OR_RETURN(const std::int64_t deal_seq, insert.Bind(1, deal.id)
                           .Bind(2, deal.interest_id)
                           .Bind(3, deal.opportunity_id)
                           .Bind(4, deal.programme_id)
                           .Bind(5, deal.initiator)
                           .Bind(6, deal.recipient)
                           .Bind(7, domain::DealStageName(deal.stage))
                           .Bind(8, ToUnixMillis(context.at))
                           .Bind(9, ToUnixMillis(context.at))
                           .Bind(10, deal.details.title)
                           .RunReturning());
    BB_RETURN_IF_ERROR(InsertMove(c, deal_seq, 0, deal.moves.front()));
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "create", "deal", deal.id, FieldDiff({}, AuditView(deal))));
    BB_RETURN_IF_ERROR(AppendChange(c, context, "deal", deal.id, "upsert", 1));

    const json::object before = AuditView(interest);
    interest.status = InterestStatus::kAccepted;
    interest.decided_by = context.actor;
    interest.decided_at = context.at;
    interest.deal_id = deal.id;
    interest.meta.version += 1;
    interest.meta.updated_at = context.at;
    BB_RETURN_IF_ERROR(UpdateInterestRow(c, interest));
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "accept", "interest", interest.id, FieldDiff(before, AuditView(interest))));
    return AppendChange(c, context, "interest", interest.id, "upsert", interest.meta.version);
  }));
  return deal;
}

Result<Interest> SqlStore::DeclineInterest(std::string_view interest_id, std::int64_t expected_version,
                                              std::string reason, std::string note, const WriteContext& context) {
  Interest interest;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(interest, PendingInterest(c, interest_id, expected_version));
    const json::object before = AuditView(interest);
    interest.status = InterestStatus::kDeclined;
    interest.decline_reason = std::move(reason);
    interest.decision_note = std::move(note);
    interest.decided_by = context.actor;
    interest.decided_at = context.at;
    interest.meta.version += 1;
    interest.meta.updated_at = context.at;
    BB_RETURN_IF_ERROR(UpdateInterestRow(c, interest));
    BB_RETURN_IF_ERROR(
        AppendAudit(c, context, "decline", "interest", interest.id, FieldDiff(before, AuditView(interest))));
    return AppendChange(c, context, "interest", interest.id, "upsert", interest.meta.version);
  }));
  return interest;
}

Result<Deal> SqlStore::GetDeal(std::string_view id) {
  std::optional<std::pair<std::int64_t, Deal>> found;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(found, SelectDeal(c, id));
        return Status::Ok();
      },
      /*snapshot=*/true));
  if (!found) return NotFoundError(fmt::format("no deal has id '{}'", id));
  return std::move(found->second);
}

Result<Page<Deal>> SqlStore::ListDeals(const DealFilter& filter, const PageRequest& page) {
  // Named, not a structured binding: clang 14 cannot capture one in a lambda.
  const auto deal_where = DealWhere(filter);
  const std::string& where = deal_where.first;
  const std::vector<std::string>& values = deal_where.second;
  Page<Deal> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM deals" + where));
        for (std::size_t i = 0; i < values.size(); ++i) count.Bind(static_cast<int>(i + 1), values[i]);
        BB_RETURN_IF_ERROR(count.Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare(fmt::format("SELECT {} FROM deals{} ORDER BY seq DESC LIMIT ?{} "
                                                                  "OFFSET ?{}",
                                                                  kDealColumns, where, values.size() + 1,
                                                                  values.size() + 2)));
        for (std::size_t i = 0; i < values.size(); ++i) rows.Bind(static_cast<int>(i + 1), values[i]);
        rows.Bind(static_cast<int>(values.size() + 1), std::int64_t{page.per_page})
            .Bind(static_cast<int>(values.size() + 2), std::int64_t{page.page - 1} * page.per_page);
        while (true) {
          BB_ASSIGN_OR_RETURN(bool row, rows.Step());
          if (!row) return Status::Ok();
          BB_ASSIGN_OR_RETURN(Deal deal, DecodeDeal(c, rows));
          out.items.push_back(std::move(deal));
        }
      },
      /*snapshot=*/true));
  return out;
}

Status SqlStore::ForEachDeal(const DealFilter& filter, const std::function<Status(const Deal&)>& visit) {
  // Named, not a structured binding: clang 14 cannot capture one in a lambda.
  const auto deal_where = DealWhere(filter);
  const std::string& where = deal_where.first;
  const std::vector<std::string>& values = deal_where.second;
  return Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare(fmt::format("SELECT {} FROM deals{} ORDER BY seq", kDealColumns,
                                                                  where)));
        for (std::size_t i = 0; i < values.size(); ++i) rows.Bind(static_cast<int>(i + 1), values[i]);
        while (true) {
          BB_ASSIGN_OR_RETURN(bool row, rows.Step());
          if (!row) return Status::Ok();
          BB_ASSIGN_OR_RETURN(Deal deal, DecodeDeal(c, rows));
          BB_RETURN_IF_ERROR(visit(deal));
        }
      },
      /*snapshot=*/true);
}

Result<Deal> SqlStore::MoveDeal(std::string_view deal_id, std::int64_t expected_version, DealMove move,
                                   const WriteContext& context) {
  Deal deal;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(auto found, SelectDeal(c, deal_id));
    if (!found) return NotFoundError(fmt::format("no deal has id '{}'", deal_id));
    auto& [seq, current] = *found;
    if (expected_version != 0 && current.meta.version != expected_version) {
      return AbortedError(fmt::format("the deal changed (version {} now, not {}); reload it", current.meta.version,
                                      expected_version));
    }
    if (!move.from || *move.from != current.stage) {
      return FailedPreconditionError(fmt::format("the deal is at '{}' now", domain::DealStageName(current.stage)));
    }
    const json::object before = AuditView(current);
    deal = std::move(current);
    if (move.to == DealStage::kClosed) {
      deal.closed_in = deal.stage;
      deal.close_reason = move.reason;
    } else {
      deal.closed_in.reset();
      deal.close_reason.clear();
    }
    deal.stage = move.to;
    deal.meta.version += 1;
    deal.meta.updated_at = context.at;
    BB_RETURN_IF_ERROR(InsertMove(c, seq, static_cast<std::int64_t>(deal.moves.size()), move));
    deal.moves.push_back(std::move(move));
    BB_ASSIGN_OR_RETURN(Statement update, c.Prepare("UPDATE deals SET stage = ?, closed_in = ?, close_reason = ?, "
                                                    "version = ?, updated_at = ? WHERE seq = ?"));
    BB_RETURN_IF_ERROR(update.Bind(1, domain::DealStageName(deal.stage))
                           .Bind(2, deal.closed_in ? domain::DealStageName(*deal.closed_in) : std::string_view(""))
                           .Bind(3, deal.close_reason)
                           .Bind(4, deal.meta.version)
                           .Bind(5, ToUnixMillis(context.at))
                           .Bind(6, seq)
                           .Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "move", "deal", deal.id, FieldDiff(before, AuditView(deal))));
    return AppendChange(c, context, "deal", deal.id, "upsert", deal.meta.version);
  }));
  return deal;
}

Result<Deal> SqlStore::UpdateDealDetails(std::string_view deal_id, std::int64_t expected_version,
                                         domain::DealDetails details, const WriteContext& context) {
  Deal deal;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(auto found, SelectDeal(c, deal_id));
    if (!found) return NotFoundError(fmt::format("no deal has id '{}'", deal_id));
    auto& [seq, current] = *found;
    if (current.meta.version != expected_version) {
      return AbortedError(fmt::format("the deal changed (version {} now, not {}); reload it", current.meta.version,
                                      expected_version));
    }
    const json::object before = AuditView(current);
    deal = std::move(current);
    deal.details = std::move(details);
    deal.meta.version += 1;
    deal.meta.updated_at = context.at;
    const domain::DealDetails& x = deal.details;
    BB_ASSIGN_OR_RETURN(Statement update, c.Prepare("UPDATE deals SET title = ?, value_amount = ?, value_currency = ?, "
                                                    "next_step = ?, next_step_due = ?, contact_user = ?, contact_name = ?, "
                                                    "version = ?, updated_at = ? WHERE seq = ?"));
    update.Bind(1, x.title);
    if (x.value) {
      update.Bind(2, *x.value);
    } else {
      update.BindNull(2);
    }
    BB_RETURN_IF_ERROR(update.Bind(3, x.currency)
                           .Bind(4, x.next_step)
                           .Bind(5, x.due ? FormatDate(*x.due) : std::string())
                           .Bind(6, x.contact)
                           .Bind(7, x.contact_name)
                           .Bind(8, deal.meta.version)
                           .Bind(9, ToUnixMillis(context.at))
                           .Bind(10, seq)
                           .Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "update", "deal", deal.id, FieldDiff(before, AuditView(deal))));
    return AppendChange(c, context, "deal", deal.id, "upsert", deal.meta.version);
  }));
  return deal;
}

Result<Deal> SqlStore::AcceptCda(std::string_view deal_id, CdaAcceptance acceptance, const WriteContext& context) {
  Deal deal;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(auto found, SelectDeal(c, deal_id));
    if (!found) return NotFoundError(fmt::format("no deal has id '{}'", deal_id));
    auto& [seq, current] = *found;
    if (!current.IsParty(acceptance.organization_id)) {
      return InvalidArgumentError("organization", fmt::format("organization '{}' is not a party to deal '{}'",
                                                              acceptance.organization_id, deal_id));
    }
    for (const CdaAcceptance& a : current.cda) {
      if (a.organization_id == acceptance.organization_id) {
        return AlreadyExistsError(
            fmt::format("organization '{}' already accepted the agreement of this deal", acceptance.organization_id));
      }
    }
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare("INSERT INTO cda_acceptances (deal_seq, organization_id, user_id, "
                                                    "text_version, text_sha256, at) VALUES (?, ?, ?, ?, ?, ?)"));
    BB_RETURN_IF_ERROR(insert.Bind(1, seq)
                           .Bind(2, acceptance.organization_id)
                           .Bind(3, acceptance.user_id)
                           .Bind(4, acceptance.text_version)
                           .Bind(5, acceptance.text_sha256)
                           .Bind(6, ToUnixMillis(acceptance.at))
                           .Run());
    deal = std::move(current);
    deal.meta.version += 1;
    deal.meta.updated_at = context.at;
    BB_ASSIGN_OR_RETURN(Statement update, c.Prepare("UPDATE deals SET version = ?, updated_at = ? WHERE seq = ?"));
    BB_RETURN_IF_ERROR(update.Bind(1, deal.meta.version).Bind(2, ToUnixMillis(context.at)).Bind(3, seq).Run());
    const json::object accepted{{"organization_id", acceptance.organization_id},
                                {"text_version", acceptance.text_version},
                                {"text_sha256", acceptance.text_sha256}};
    deal.cda.push_back(std::move(acceptance));
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "accept_cda", "deal", deal.id, FieldDiff({}, accepted)));
    return AppendChange(c, context, "deal", deal.id, "upsert", deal.meta.version);
  }));
  return deal;
}

}  // namespace biobridge::storage::sql

// --- Programmes ----------------------------------------------------------------

namespace biobridge::storage::sql {

using domain::Programme;

namespace {

Result<Programme> DecodeProgramme(const Statement& row) {
  BB_ASSIGN_OR_RETURN(json::value doc, ParseJson(row.Text(1)));
  if (!doc.is_object()) return InternalError("a stored programme is not a JSON object");
  BB_ASSIGN_OR_RETURN(Programme p, domain::ProgrammeFromJson(doc.as_object()));
  p.meta = {row.Int(2), FromUnixMillis(row.Int(3)), FromUnixMillis(row.Int(4))};
  return p;
}

Result<std::int64_t> ProgrammeSeq(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT seq FROM programmes WHERE id = ?"));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, id).Step());
  if (!found) return NotFoundError(fmt::format("no programme has id '{}'", id));
  return stmt.Int(0);
}

Result<std::vector<std::string>> Column(Connection& c, std::string_view sql, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(sql));
  stmt.Bind(1, value);
  std::vector<std::string> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.emplace_back(stmt.Text(0));
  }
}

}  // namespace

Result<Programme> SqlStore::CreateProgramme(Programme programme, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool operator_exists,
                        c.Exists("SELECT 1 FROM organizations WHERE id = ?", programme.operator_organization));
    if (!operator_exists) {
      return InvalidArgumentError("operator", fmt::format("no organization has id '{}'", programme.operator_organization));
    }
    BB_ASSIGN_OR_RETURN(bool taken, c.Exists("SELECT 1 FROM programmes WHERE id = ?", programme.id));
    if (taken) return AlreadyExistsError(fmt::format("a programme with id '{}' exists", programme.id), "id");
    programme.meta = {1, context.at, context.at};
    const json::object doc = domain::ToJson(programme);
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO programmes (id, operator, doc, version, created_at, "
                                                  "updated_at) VALUES (?, ?, ?, 1, ?, ?)"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, programme.id)
                           .Bind(2, programme.operator_organization)
                           .Bind(3, json::serialize(doc))
                           .Bind(4, ToUnixMillis(context.at))
                           .Bind(5, ToUnixMillis(context.at))
                           .Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "create", "programme", programme.id, FieldDiff({}, doc)));
    return AppendChange(c, context, "programme", programme.id, "upsert", 1);
  }));
  return programme;
}

Result<Programme> SqlStore::GetProgramme(std::string_view id) {
  std::optional<Programme> programme;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare("SELECT id, doc, version, created_at, updated_at FROM programmes WHERE id = ?"));
    BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, id).Step());
    if (!found) return Status::Ok();
    BB_ASSIGN_OR_RETURN(programme, DecodeProgramme(stmt));
    return Status::Ok();
  }));
  if (!programme) return NotFoundError(fmt::format("no programme has id '{}'", id));
  return std::move(*programme);
}

Result<Page<Programme>> SqlStore::ListProgrammes(const PageRequest& page) {
  Page<Programme> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM programmes"));
        BB_RETURN_IF_ERROR(count.Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare("SELECT id, doc, version, created_at, updated_at FROM programmes "
                                                      "ORDER BY seq LIMIT ? OFFSET ?"));
        rows.Bind(1, std::int64_t{page.per_page}).Bind(2, std::int64_t{page.page - 1} * page.per_page);
        while (true) {
          BB_ASSIGN_OR_RETURN(bool row, rows.Step());
          if (!row) return Status::Ok();
          BB_ASSIGN_OR_RETURN(Programme p, DecodeProgramme(rows));
          out.items.push_back(std::move(p));
        }
      },
      /*snapshot=*/true));
  return out;
}

Status InsertProgrammeOpportunity(Connection& c, std::string_view programme_id, std::string_view opportunity_id,
                                  const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(std::int64_t seq, ProgrammeSeq(c, programme_id));
  BB_ASSIGN_OR_RETURN(bool exists, c.Exists("SELECT 1 FROM opportunities WHERE id = ?", opportunity_id));
  if (!exists) return InvalidArgumentError("opportunity", fmt::format("no opportunity has id '{}'", opportunity_id));
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO programme_opportunities (programme_seq, "
                                                "opportunity_id) VALUES (?, ?) ON CONFLICT DO NOTHING"));
  BB_RETURN_IF_ERROR(stmt.Bind(1, seq).Bind(2, opportunity_id).Run());
  if (c.Changes() == 0) return Status::Ok();
  return AppendAudit(c, context, "add_opportunity", "programme", programme_id,
                     FieldDiff({}, json::object{{"opportunity", opportunity_id}}));
}

Status SqlStore::AddProgrammeOpportunity(std::string_view programme_id, std::string_view opportunity_id,
                                            const WriteContext& context) {
  return WriteTransaction(context, 
      [&](Connection& c) { return InsertProgrammeOpportunity(c, programme_id, opportunity_id, context); });
}

Result<std::vector<std::string>> SqlStore::ListProgrammeOpportunities(std::string_view programme_id) {
  std::vector<std::string> ids;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(std::int64_t seq, ProgrammeSeq(c, programme_id));
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT opportunity_id FROM programme_opportunities WHERE "
                                                  "programme_seq = ? ORDER BY opportunity_id"));
    stmt.Bind(1, seq);
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      ids.emplace_back(stmt.Text(0));
    }
  }));
  return ids;
}

Result<std::vector<std::string>> SqlStore::ProgrammesOfOpportunity(std::string_view opportunity_id) {
  std::vector<std::string> ids;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(ids, Column(c, "SELECT p.id FROM programme_opportunities po JOIN programmes p ON p.seq = "
                                       "po.programme_seq WHERE po.opportunity_id = ? ORDER BY p.id",
                                    opportunity_id));
    return Status::Ok();
  }));
  return ids;
}

}  // namespace biobridge::storage::sql
