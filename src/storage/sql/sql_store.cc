#include "storage/sql/sql_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <thread>
#include <variant>
#include <vector>

#include "storage/sql/connection.h"
#include "storage/sql/directory_rows.h"
#include "storage/sql/tag_dictionary.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/new_records.h"
#include "storage/sql/outbox_rows.h"

namespace biobridge::storage::sql {

using domain::Collaboration;
using domain::Opportunity;
using domain::Organization;

// --- Read connection pool ----------------------------------------------------

class SqlStore::ReadPool {
 public:
  ReadPool(OpenConnection open, int max) : open_reader_(std::move(open)), max_(std::max(1, max)) {}

  // Borrows a connection, opening one when none is idle and fewer than `max`
  // are open, else waiting for one to come back. An idle connection whose
  // server went away (a restart) fails as it is first used: then, and only
  // when nothing of the work reached the server (it may have handed rows to
  // a visitor), the work runs again once on a new connection, so that one
  // restart costs no request.
  Status With(const Work& work) {
    bool stale = false;
    Status status = WithOne(work, stale);
    if (stale) status = WithOne(work, stale);
    return status;
  }

 private:
  Status WithOne(const Work& work, bool& stale) {
    std::unique_ptr<Connection> connection;
    {
      std::unique_lock lock(mutex_);
      returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
      if (!idle_.empty()) {
        connection = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++open_;
      }
    }
    if (!connection) {
      auto opened = open_reader_();
      if (!opened.ok()) {
        std::lock_guard lock(mutex_);
        --open_;
        returned_.notify_one();
        return opened.status();
      }
      connection = std::move(opened).value();
      stale = false;  // (a new connection failing is not worth a retry)
    } else {
      stale = true;
    }
    const std::uint64_t answered_before = connection->answered();
    Status status = work(*connection);
    stale = stale && status.code() == StatusCode::kUnavailable && !connection->Usable() &&
            connection->answered() == answered_before;
    {
      std::lock_guard lock(mutex_);
      if (connection->Usable()) {
        idle_.push_back(std::move(connection));
      } else {
        --open_;  // its server went away: the next borrower opens a new one
      }
    }
    returned_.notify_one();
    return status;
  }

  const OpenConnection open_reader_;
  const int max_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;                                   // guarded by mutex_
};

namespace {

using detail::DirectoryDb;

// A filtered, paginated list: conditions with their arguments, and the tags
// a record must carry.
struct ListQuery {
  using Argument = std::variant<std::string, std::int64_t>;
  struct Condition {
    std::string sql;
    std::vector<Argument> arguments;
  };
  struct Tag {
    std::string_view table, key;
    std::int64_t id;  // -1: a tag no record carries
  };

  std::string from;   // FROM clause
  std::string alias;  // of the listed table within it
  std::vector<Condition> conditions;
  std::vector<Tag> tags;

  void Equal(std::string_view column, const std::string& value) {
    if (!value.empty()) conditions.push_back({fmt::format("{} = ?", column), {value}});
  }
  Status HasTag(Connection& c, const TagDictionary& dictionary, std::string_view table, std::string_view key,
                std::string_view facet, const std::string& code) {
    if (code.empty()) return Status::Ok();
    BB_ASSIGN_OR_RETURN(std::optional<std::int64_t> id, dictionary.Find(c, facet, code));
    tags.push_back({table, key, id.value_or(-1)});
    return Status::Ok();
  }
  // (column IN (a, b) OR other_column IN (c, d)).
  void InEither(std::string_view column, const std::vector<std::string>& values, std::string_view other_column,
                const std::vector<std::string>& other_values) {
    if (values.empty()) return;
    Condition condition{fmt::format("({} IN ({})", column, Placeholders(values.size())), {}};
    if (!other_values.empty()) {
      condition.sql += fmt::format(" OR {} IN ({})", other_column, Placeholders(other_values.size()));
    }
    condition.sql += ")";
    condition.arguments.assign(values.begin(), values.end());
    condition.arguments.insert(condition.arguments.end(), other_values.begin(), other_values.end());
    conditions.push_back(std::move(condition));
  }

  // FROM ... WHERE ... and its arguments. The page query scans the listed
  // table in list order and checks tags per row (it stops after one page);
  // the count starts from the first tag's rows, which is what bounds it.
  std::pair<std::string, std::vector<Argument>> Clauses(bool for_count) const {
    std::vector<std::string> where;
    std::vector<Argument> arguments;
    std::string source = from;
    std::size_t first_exists = 0;
    if (for_count && !tags.empty()) {
      source = fmt::format("{} t0, {}", tags[0].table, from);
      where.push_back(fmt::format("t0.tag = ? AND {}.seq = t0.{}", alias, tags[0].key));
      arguments.emplace_back(tags[0].id);
      first_exists = 1;
    }
    for (const Condition& c : conditions) {
      where.push_back(c.sql);
      arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
    }
    for (std::size_t i = first_exists; i < tags.size(); ++i) {
      where.push_back(fmt::format("EXISTS (SELECT 1 FROM {} t WHERE t.tag = ? AND t.{} = {}.seq)", tags[i].table,
                                  tags[i].key, alias));
      arguments.emplace_back(tags[i].id);
    }
    std::string sql = source;
    for (std::size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
    return {std::move(sql), std::move(arguments)};
  }
};

int BindArguments(Statement& stmt, const std::vector<ListQuery::Argument>& arguments) {
  int index = 1;
  for (const auto& argument : arguments) {
    std::visit([&](const auto& value) { stmt.Bind(index++, value); }, argument);
  }
  return index;
}

// A query's text and arguments, as one key for ListCache.
std::string CacheKey(const std::string& sql, const std::vector<ListQuery::Argument>& arguments) {
  std::string key = sql;
  for (const auto& argument : arguments) {
    key += '\0';
    if (const auto* text = std::get_if<std::string>(&argument)) {
      key += 's';
      key += std::to_string(text->size());
      key += ':';
      key += *text;
    } else {
      key += 'i';
      key += std::to_string(std::get<std::int64_t>(argument));
    }
  }
  return key;
}

// One page of `query` and its total, inside the caller's read transaction:
// what `cache` knows for the snapshot's newest change record is not asked
// of the database again (a total; the rows of a page sent as stored).
template <typename T>
Result<Page<T>> RunList(Connection& c, const ListQuery& query, std::string_view order, const PageRequest& page,
                        ListCache& cache) {
  Page<T> result;
  result.page = std::max(1, page.page);
  result.per_page = std::max(1, page.per_page);
  std::int64_t change_seq = 0;
  if (cache.enabled()) {
    BB_ASSIGN_OR_RETURN(Statement newest, c.Prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    BB_ASSIGN_OR_RETURN(bool has_newest, newest.Step());
    change_seq = has_newest ? newest.Int(0) : 0;
  }
  {
    const auto [clauses, arguments] = query.Clauses(/*for_count=*/true);
    const std::string sql = "SELECT COUNT(*) FROM " + clauses;
    const std::string key = CacheKey(sql, arguments);
    if (std::optional<std::int64_t> known = cache.FindTotal(key, change_seq)) {
      result.total = *known;
    } else {
      BB_ASSIGN_OR_RETURN(Statement count, c.Prepare(sql));
      BindArguments(count, arguments);
      BB_ASSIGN_OR_RETURN(bool counted, count.Step());
      result.total = counted ? count.Int(0) : 0;
      cache.RememberTotal(key, change_seq, result.total);
    }
  }
  auto [clauses, arguments] = query.Clauses(/*for_count=*/false);
  arguments.emplace_back(std::int64_t{result.per_page});
  arguments.emplace_back(std::int64_t{result.page - 1} * result.per_page);
  const std::string sql = fmt::format("SELECT {0}.doc, {0}.version, {0}.created_at, {0}.updated_at FROM {1} "
                                      "ORDER BY {2} LIMIT ? OFFSET ?",
                                      query.alias, clauses, order);
  std::string key;
  if constexpr (std::is_same_v<T, RecordJson>) {
    key = CacheKey(sql, arguments);
    if (std::shared_ptr<const ListCache::Rows> rows = cache.FindPage(key, change_seq)) {
      result.items = *rows;
      return result;
    }
  }
  BB_ASSIGN_OR_RETURN(Statement list, c.Prepare(sql));
  BindArguments(list, arguments);
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, list.Step());
    if (!row) break;
    if constexpr (std::is_same_v<T, RecordJson>) {
      result.items.push_back(RecordJson{std::string(list.Text(0)), detail::MetaOfRow(list)});  // as stored
    } else {
      BB_ASSIGN_OR_RETURN(T record, detail::DecodeRow<T>(list));
      result.items.push_back(std::move(record));
    }
  }
  if constexpr (std::is_same_v<T, RecordJson>) cache.RememberPage(key, change_seq, result.items);
  return result;
}

// The indexes a bulk load drops: those that serve lists and the audit trail.
// (Unique indexes stay: imports check ids against them.)
constexpr std::string_view kBulkLoadIndexes[] = {
    "organizations_by_name",        "organizations_by_country",  "organizations_by_kind",
    "organizations_by_country_and_kind", "opportunities_by_organization", "opportunities_by_visibility",
    "audit_log_by_entity",
};

// Builds again every index a bulk load dropped, in one transaction.
Status RebuildDroppedIndexes(Connection& c) {
  BB_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(c));
  std::vector<std::pair<std::string, std::string>> dropped;
  {
    BB_ASSIGN_OR_RETURN(Statement list, c.Prepare("SELECT name, sql FROM bulk_load_indexes ORDER BY name"));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, list.Step());
      if (!row) break;
      dropped.emplace_back(list.Text(0), list.Text(1));
    }
  }
  for (const auto& [name, sql] : dropped) BB_RETURN_IF_ERROR(c.Exec(sql));
  BB_RETURN_IF_ERROR(c.Exec("DELETE FROM bulk_load_indexes"));
  return tx.Commit();
}

}  // namespace

// --- SqlStore ---------------------------------------------------------------

SqlStore::SqlStore(std::unique_ptr<Connection> writer, OpenConnection open_reader, int max_readers,
                   std::unique_ptr<TagDictionary> tags, int schema_version, std::size_t list_cache_bytes,
                   OpenConnection reopen_writer)
    : writer_(std::move(writer)),
      reopen_writer_(std::move(reopen_writer)),
      readers_(std::make_unique<ReadPool>(std::move(open_reader), max_readers)),
      tags_(std::move(tags)),
      schema_version_(schema_version),
      lists_(list_cache_bytes) {}

SqlStore::~SqlStore() = default;

Result<bool> SqlStore::WaitForChanges(std::chrono::milliseconds timeout) {
  std::this_thread::sleep_for(timeout);
  return false;
}

Result<std::unique_ptr<TagDictionary>> SqlStore::LoadTags(Connection& writer) {
  auto tags = std::make_unique<TagDictionary>();
  BB_RETURN_IF_ERROR(tags->Load(writer));
  BB_RETURN_IF_ERROR(RebuildDroppedIndexes(writer));  // after a bulk load that did not finish
  return tags;
}

Status SqlStore::WithWriter(const Work& work) {
  std::lock_guard lock(write_mutex_);
  BB_RETURN_IF_ERROR(ReviveWriter());
  return work(*writer_);
}

Status SqlStore::ReviveWriter() {
  if (writer_->Usable() || !reopen_writer_) return Status::Ok();
  BB_ASSIGN_OR_RETURN(writer_, reopen_writer_());
  return Status::Ok();
}

Status SqlStore::WriteTransaction(const Work& work) {
  std::lock_guard lock(write_mutex_);
  BB_RETURN_IF_ERROR(ReviveWriter());
  // A writer whose server restarted since the last write fails to begin:
  // it is replaced and the write begins again (nothing of it has run yet).
  const auto begin = [&]() -> Result<Transaction> {
    Result<Transaction> begun = Transaction::Begin(*writer_);
    if (begun.ok() || writer_->Usable()) return begun;
    BB_RETURN_IF_ERROR(ReviveWriter());
    return Transaction::Begin(*writer_);
  };
  BB_ASSIGN_OR_RETURN(Transaction tx, begin());
  BB_RETURN_IF_ERROR(work(*writer_));
  return tx.Commit();
}

Status SqlStore::WriteTransaction(const WriteContext& context, const Work& work) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(work(c));
    return WriteOutbox(c, context);
  });
}

Status SqlStore::Read(const Work& work, bool snapshot) {
  return readers_->With([&](Connection& c) -> Status {
    if (!snapshot) return work(c);
    BB_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(c, Transaction::Kind::kRead));
    BB_RETURN_IF_ERROR(work(c));
    return tx.Commit();
  });
}

template <typename T>
Result<T> SqlStore::GetRecord(std::string_view id) {
  std::optional<detail::StoredRecord<T>> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, detail::LoadRecord<T>(c, id));
    return Status::Ok();
  }));
  if (!stored) return detail::NotFound(detail::DirectoryTable<T>::kEntity, id);
  return std::move(stored->record);
}

template <typename T>
Result<std::vector<T>> SqlStore::GetRecords(const std::vector<std::string>& ids) {
  std::vector<T> out;
  if (ids.empty()) return out;  // (no transaction: on PostgreSQL two round trips for nothing)
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(out, detail::LoadRecords<T>(c, ids));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return out;
}

Result<Organization> SqlStore::GetOrganization(std::string_view id) { return GetRecord<Organization>(id); }

Result<std::vector<Organization>> SqlStore::GetOrganizations(const std::vector<std::string>& ids) {
  return GetRecords<Organization>(ids);
}

Result<RecordJson> SqlStore::GetOrganizationJson(std::string_view id) {
  std::optional<RecordJson> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(detail::DirectorySql<Organization>::Get().select_by_id));
    BB_ASSIGN_OR_RETURN(bool row, stmt.Bind(1, id).Step());
    if (row) {
      found = RecordJson{std::string(stmt.Text(0)), detail::MetaOfRow(stmt)};
    }
    return Status::Ok();
  }));
  if (!found) return detail::NotFound("organization", id);
  return std::move(*found);
}

Result<Opportunity> SqlStore::GetOpportunity(std::string_view id) { return GetRecord<Opportunity>(id); }

Result<std::vector<Opportunity>> SqlStore::GetOpportunities(const std::vector<std::string>& ids) {
  return GetRecords<Opportunity>(ids);
}

// Organisations decoded (T = Organization) or as stored (T = RecordJson).
template <typename T>
Result<Page<T>> SqlStore::ListOrganizationsAs(const OrganizationFilter& filter, const PageRequest& page) {
  ListQuery q;
  q.from = "organizations o";
  q.alias = "o";
  q.Equal("o.country", filter.country);
  q.Equal("o.kind", filter.kind);
  Page<T> result;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        constexpr std::string_view kTags = "organization_tags", kKey = "organization_seq";
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "area", filter.therapeutic_area));
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "modality", filter.modality));
        BB_ASSIGN_OR_RETURN(result, RunList<T>(c, q, "o.sort_name, o.seq", page, lists_));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return result;
}

Result<Page<Organization>> SqlStore::ListOrganizations(const OrganizationFilter& filter, const PageRequest& page) {
  return ListOrganizationsAs<Organization>(filter, page);
}

Result<Page<RecordJson>> SqlStore::ListOrganizationsJson(const OrganizationFilter& filter, const PageRequest& page) {
  return ListOrganizationsAs<RecordJson>(filter, page);
}

Result<Page<Opportunity>> SqlStore::ListOpportunities(const OpportunityFilter& filter, const PageRequest& page) {
  ListQuery q;
  const bool by_organization = !filter.country.empty() || !filter.kind.empty();
  q.from = by_organization ? "organizations org JOIN opportunities p ON p.organization_id = org.id" : "opportunities p";
  q.alias = "p";
  q.Equal("p.organization_id", filter.organization_id);
  q.Equal("p.direction", filter.direction);
  q.Equal("p.stage", filter.stage);
  q.Equal("org.country", filter.country);
  q.Equal("org.kind", filter.kind);
  Page<Opportunity> result;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        // One organisation's posts are found by its index; without statistics
        // SQLite's planner would otherwise count them through the tier index,
        // every public post of the kind (unary + keeps it off that index;
        // PostgreSQL keeps statistics, and has no unary + for text).
        const bool off_tier_index = !filter.organization_id.empty() && c.dialect() == sql::Dialect::kSqlite;
        q.InEither(off_tier_index ? "+p.confidentiality" : "p.confidentiality", filter.visible_tiers,
                   "p.organization_id", filter.own_organization_ids);
        constexpr std::string_view kTags = "opportunity_tags", kKey = "opportunity_seq";
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "cooperation", filter.cooperation));
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "area", filter.therapeutic_area));
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "modality", filter.modality));
        BB_RETURN_IF_ERROR(q.HasTag(c, *tags_, kTags, kKey, "target", filter.target_country));
        BB_ASSIGN_OR_RETURN(result, RunList<Opportunity>(c, q, "p.seq DESC", page, lists_));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return result;
}

Result<Organization> SqlStore::CreateOrganization(Organization organization, const WriteContext& context,
                                                     std::string_view founder_user_id) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(detail::CreateRecord(DirectoryDb{c, *tags_}, organization, context));
    if (founder_user_id.empty()) return Status::Ok();
    return WriteMembership(
        c, domain::Membership{std::string(founder_user_id), organization.id, domain::MembershipRole::kAdmin}, context);
  }));
  return organization;
}

Result<Organization> SqlStore::UpdateOrganization(Organization organization, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, 
      [&](Connection& c) { return detail::UpdateRecord(DirectoryDb{c, *tags_}, organization, context); }));
  return organization;
}

namespace {

// Files are deleted one by one, by someone who means it: a record that still
// has documents is not deleted under them.
Status NoDocumentsLeft(Connection& c, std::string_view where, std::string_view id, std::string_view what) {
  BB_ASSIGN_OR_RETURN(Statement count, c.Prepare(fmt::format("SELECT COUNT(*) FROM documents WHERE {}", where)));
  BB_RETURN_IF_ERROR(count.Bind(1, id).Step().status());
  if (const std::int64_t n = count.Int(0); n > 0) {
    return FailedPreconditionError(
        fmt::format("{} still has {} document{}; delete them first", what, n, n == 1 ? "" : "s"));
  }
  return Status::Ok();
}

}  // namespace

Status SqlStore::DeleteOrganization(std::string_view id, std::int64_t expected_version,
                                       const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM opportunities WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(count.Bind(1, id).Step().status());
    if (const std::int64_t n = count.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format(
          "organization '{}' still has {} opportunit{}; delete them first", id, n, n == 1 ? "y" : "ies"));
    }
    BB_RETURN_IF_ERROR(NoDocumentsLeft(c, "organization_id = ?", id, fmt::format("organization '{}'", id)));
    BB_ASSIGN_OR_RETURN(Statement certificates, c.Prepare("SELECT COUNT(*) FROM certificates WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(certificates.Bind(1, id).Step().status());
    if (const std::int64_t n = certificates.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format("organization '{}' still has {} certificate{}; delete them first", id, n,
                                                 n == 1 ? "" : "s"));
    }
    BB_ASSIGN_OR_RETURN(Statement plans, c.Prepare("SELECT COUNT(*) FROM plans WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(plans.Bind(1, id).Step().status());
    if (const std::int64_t n = plans.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format("organization '{}' still has {} market-development plan{}; delete them "
                                                 "first", id, n, n == 1 ? "" : "s"));
    }
    // An accreditation is the platform's grant to this organisation, not kept for a successor.
    BB_ASSIGN_OR_RETURN(Statement accreditation, c.Prepare("DELETE FROM accreditations WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(accreditation.Bind(1, id).Run());
    BB_ASSIGN_OR_RETURN(Statement joint, c.Prepare("SELECT COUNT(*) FROM collaboration_members WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(joint.Bind(1, id).Step().status());
    if (const std::int64_t n = joint.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format(
          "organization '{}' took part in {} collaboration{}; delete them first", id, n, n == 1 ? "" : "s"));
    }
    // Interests and deals are the record of contacts both parties rely on;
    // programmes, of what their operator ran.
    BB_ASSIGN_OR_RETURN(Statement contacts,
                        c.Prepare("SELECT (SELECT COUNT(*) FROM interests WHERE from_organization = ?1 OR "
                                  "to_organization = ?1) + (SELECT COUNT(*) FROM deals WHERE initiator = ?1 OR "
                                  "recipient = ?1) + (SELECT COUNT(*) FROM programmes WHERE operator = ?1)"));
    BB_RETURN_IF_ERROR(contacts.Bind(1, id).Step().status());
    if (const std::int64_t n = contacts.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format(
          "organization '{}' has {} expression{} of interest, deal{} or programme{} on record; they cannot be deleted",
          id, n, n == 1 ? "" : "s", n == 1 ? "" : "s", n == 1 ? "" : "s"));
    }
    // Its memberships go with it (ON DELETE CASCADE); journal them first.
    BB_ASSIGN_OR_RETURN(Statement members, c.Prepare("SELECT user_id FROM memberships WHERE organization_id = ?"));
    members.Bind(1, id);
    std::vector<std::string> user_ids;
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, members.Step());
      if (!row) break;
      user_ids.emplace_back(members.Text(0));
    }
    BB_RETURN_IF_ERROR(detail::DeleteRecord<Organization>(DirectoryDb{c, *tags_}, id, expected_version, context));
    for (const std::string& user_id : user_ids) {
      BB_RETURN_IF_ERROR(AppendChange(c, context, "membership", fmt::format("{}/{}", id, user_id), "delete", 0));
    }
    return Status::Ok();
  });
}

Result<Opportunity> SqlStore::CreateOpportunity(Opportunity opportunity, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, 
      [&](Connection& c) { return detail::CreateRecord(DirectoryDb{c, *tags_}, opportunity, context); }));
  return opportunity;
}

Result<Opportunity> SqlStore::UpdateOpportunity(Opportunity opportunity, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, 
      [&](Connection& c) { return detail::UpdateRecord(DirectoryDb{c, *tags_}, opportunity, context); }));
  return opportunity;
}

Status SqlStore::DeleteOpportunity(std::string_view id, std::int64_t expected_version,
                                      const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(NoDocumentsLeft(c, "subject_type = 'opportunity' AND subject_id = ?", id,
                                       fmt::format("opportunity '{}'", id)));
    BB_RETURN_IF_ERROR(detail::DeleteRecord<Opportunity>(DirectoryDb{c, *tags_}, id, expected_version, context));
    // It leaves the programmes it was in; deals keep its id as history.
    BB_ASSIGN_OR_RETURN(Statement programmes, c.Prepare("DELETE FROM programme_opportunities WHERE opportunity_id = ?"));
    return programmes.Bind(1, id).Run();
  });
}

Result<Collaboration> SqlStore::GetCollaboration(std::string_view id) { return GetRecord<Collaboration>(id); }

Result<Page<Collaboration>> SqlStore::ListCollaborations(std::string_view organization_id,
                                                            const PageRequest& page) {
  ListQuery q;
  q.from = "collaboration_members m JOIN collaborations c ON c.seq = m.collaboration_seq";
  q.alias = "c";
  q.conditions.push_back({"m.organization_id = ?", {std::string(organization_id)}});
  Page<Collaboration> result;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(result, RunList<Collaboration>(c, q, "c.year IS NULL, c.year DESC, c.id", page, lists_));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return result;
}

Result<std::vector<Partner>> SqlStore::ListPartners(std::string_view organization_id, int limit) {
  std::vector<Partner> partners;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare("SELECT other.organization_id, COUNT(*), MAX(c.year) "
                                  "FROM collaboration_members mine "
                                  "JOIN collaboration_members other ON other.collaboration_seq = mine.collaboration_seq "
                                  "JOIN collaborations c ON c.seq = mine.collaboration_seq "
                                  "WHERE mine.organization_id = ?1 AND other.organization_id <> ?1 "
                                  "GROUP BY other.organization_id "
                                  "ORDER BY COUNT(*) DESC, MAX(c.year) IS NULL, MAX(c.year) DESC, other.organization_id "
                                  "LIMIT ?2"));
    stmt.Bind(1, organization_id).Bind(2, std::int64_t{std::max(0, limit)});
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      Partner p{std::string(stmt.Text(0)), stmt.Int(1), std::nullopt};
      if (!stmt.IsNull(2)) p.latest_year = static_cast<int>(stmt.Int(2));
      partners.push_back(std::move(p));
    }
  }, /*snapshot=*/true));
  return partners;
}

Status SqlStore::DeleteCollaboration(std::string_view id, std::int64_t expected_version,
                                        const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) {
    return detail::DeleteRecord<Collaboration>(DirectoryDb{c, *tags_}, id, expected_version, context);
  });
}

std::vector<Result<ImportOutcome>> SqlStore::ImportRecords(std::span<DirectoryRecord> records,
                                                              const WriteContext& context) {
  std::vector<Result<ImportOutcome>> outcomes;
  outcomes.reserve(records.size());
  // Fast path: a record is refused only by checks that precede its writes,
  // so a refusal leaves nothing to undo and needs no savepoint (a savepoint
  // copies every page a record touches). New records are checked in memory
  // against the ids stored and those created before them in the batch, and
  // written together (NewRecords); a replacement first writes those held,
  // then itself. Should a write fail, the batch is rolled back and written
  // again record by record, with a savepoint each.
  const Status kRetry = AbortedError("a write failed half-way; retrying with savepoints");
  Status committed = WriteTransaction(context, [&](Connection& c) -> Status {
    const DirectoryDb db{c, *tags_};
    BB_ASSIGN_OR_RETURN(detail::KnownIds known, detail::StoredIds(c, records));
    const detail::OrganizationExists organization_known = [&](std::string_view id) -> Result<bool> {
      return known.organizations.count(id) > 0;
    };
    detail::NewRecords fresh(db, context, "import");
    for (DirectoryRecord& record : records) {
      bool wrote = false;
      Result<ImportOutcome> outcome = std::visit(
          [&](auto& r) -> Result<ImportOutcome> {
            using T = std::decay_t<decltype(r)>;
            if (!known.Of<T>().count(r.id)) {
              BB_RETURN_IF_ERROR(detail::CheckReferences(r, organization_known));
              wrote = true;
              BB_RETURN_IF_ERROR(fresh.Add(r));
              known.Of<T>().insert(r.id);
              return ImportOutcome::kCreated;
            }
            wrote = true;
            BB_RETURN_IF_ERROR(fresh.Write());
            return detail::UpsertRecord(db, r, context, wrote);
          },
          record);
      if (!outcome.ok() && wrote) return kRetry;
      outcomes.push_back(std::move(outcome));
    }
    if (!fresh.Write().ok()) return kRetry;
    return Status::Ok();
  });
  if (committed == kRetry) {
    outcomes.clear();
    committed = WriteTransaction(context, [&](Connection& c) -> Status {
      for (DirectoryRecord& record : records) {
        BB_ASSIGN_OR_RETURN(Savepoint savepoint, Savepoint::Begin(c));
        bool wrote = false;
        Result<ImportOutcome> outcome =
            std::visit([&](auto& r) { return detail::UpsertRecord(DirectoryDb{c, *tags_}, r, context, wrote); }, record);
        if (outcome.ok()) BB_RETURN_IF_ERROR(savepoint.Release());  // else rolled back on scope exit
        outcomes.push_back(std::move(outcome));
      }
      return Status::Ok();
    });
  }
  if (!committed.ok()) {
    // Nothing of the batch was committed: every record shares the failure.
    outcomes.assign(records.size(), Result<ImportOutcome>(committed));
  }
  return outcomes;
}

Status SqlStore::StartBulkLoad() {
  return WriteTransaction([&](Connection& c) -> Status {
    {
      BB_ASSIGN_OR_RETURN(Statement any, c.Prepare("SELECT EXISTS (SELECT 1 FROM organizations) OR "
                                                   "EXISTS (SELECT 1 FROM opportunities)"));
      BB_RETURN_IF_ERROR(any.Step().status());
      if (any.Int(0) != 0) return FailedPreconditionError("a bulk load needs an empty directory");
    }  // (a statement still open would lock the schema against DROP INDEX)
    for (std::string_view name : kBulkLoadIndexes) {
      BB_ASSIGN_OR_RETURN(std::optional<std::string> sql, c.IndexDefinition(name));
      if (!sql) continue;  // a bulk load under way already dropped it
      BB_ASSIGN_OR_RETURN(Statement keep, c.Prepare("INSERT INTO bulk_load_indexes (name, sql) VALUES (?, ?)"));
      BB_RETURN_IF_ERROR(keep.Bind(1, name).Bind(2, *sql).Run());
      BB_RETURN_IF_ERROR(c.Exec(fmt::format("DROP INDEX {}", name)));
    }
    return Status::Ok();
  });
}

Status SqlStore::FinishBulkLoad() {
  return WithWriter([](Connection& c) { return RebuildDroppedIndexes(c); });
}

Status SqlStore::ForEachOrganization(const std::function<Status(const Organization&)>& visit) {
  return Read([&](Connection& c) { return detail::ForEachRecord<Organization>(c, visit); }, /*snapshot=*/true);
}

Status SqlStore::ForEachOpportunity(const std::function<Status(const Opportunity&)>& visit) {
  return Read([&](Connection& c) { return detail::ForEachRecord<Opportunity>(c, visit); }, /*snapshot=*/true);
}

Status SqlStore::ForEachCollaboration(const std::function<Status(const Collaboration&)>& visit) {
  return Read([&](Connection& c) { return detail::ForEachRecord<Collaboration>(c, visit); }, /*snapshot=*/true);
}

}  // namespace biobridge::storage::sql
