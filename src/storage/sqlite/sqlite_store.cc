#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <set>
#include <vector>

#include "base/strings.h"
#include "domain/codec.h"
#include "storage/field_diff.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/journal_rows.h"
#include "storage/sqlite/migrations.h"

namespace biobridge::storage::sqlite {

using domain::Opportunity;
using domain::Organization;

// --- Read connection pool ----------------------------------------------------

class SqliteStore::ReadPool {
 public:
  ReadPool(std::string path, int max, bool synchronous_full)
      : path_(std::move(path)), max_(std::max(1, max)), synchronous_full_(synchronous_full) {}

  // Borrows a connection, opening one when none is idle and fewer than `max`
  // are open, else waiting for one to come back.
  Status With(const Work& work) {
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
      auto opened = Connection::Open(path_, /*read_only=*/true, synchronous_full_);
      if (!opened.ok()) {
        std::lock_guard lock(mutex_);
        --open_;
        returned_.notify_one();
        return opened.status();
      }
      connection = std::move(opened).value();
    }
    Status status = work(*connection);
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    returned_.notify_one();
    return status;
  }

 private:
  const std::string path_;
  const int max_;
  const bool synchronous_full_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;                                   // guarded by mutex_
};

// --- Directory tables --------------------------------------------------------
//
// Organisations and opportunities are stored alike: the interchange JSON in
// `doc`, a few columns to filter and sort on, and their multi-valued codes in
// a side table. DirectoryTable<T> says how for each, so that one set of
// functions below does create/update/delete/import for both.

namespace {

using Codes = std::set<std::pair<std::string_view, std::string_view>>;  // facet, code

std::string SortName(const Organization& o) { return AsciiLower(o.name.Best({"en"})); }

void AddCodes(Codes& codes, std::string_view facet, const std::vector<std::string>& values) {
  for (const std::string& v : values) codes.emplace(facet, v);
}

template <typename T>
struct DirectoryTable;

template <>
struct DirectoryTable<Organization> {
  static constexpr std::string_view kEntity = "organization";
  static constexpr std::string_view kTable = "organizations";
  static constexpr std::string_view kCodesTable = "organization_codes";
  static constexpr std::string_view kCodesKey = "organization_id";
  static constexpr std::string_view kColumns[] = {"kind", "country", "sort_name"};
  static void BindColumns(Statement& s, const Organization& o) {
    s.Bind(1, o.kind).Bind(2, o.country).Bind(3, SortName(o));
  }
  static Codes CodesOf(const Organization& o) {
    Codes codes;
    AddCodes(codes, "area", o.therapeutic_areas);
    AddCodes(codes, "modality", o.modalities);
    AddCodes(codes, "market", o.markets);
    return codes;
  }
  static Result<Organization> FromJson(const json::object& doc) { return domain::OrganizationFromJson(doc); }
};

template <>
struct DirectoryTable<Opportunity> {
  static constexpr std::string_view kEntity = "opportunity";
  static constexpr std::string_view kTable = "opportunities";
  static constexpr std::string_view kCodesTable = "opportunity_codes";
  static constexpr std::string_view kCodesKey = "opportunity_id";
  static constexpr std::string_view kColumns[] = {"organization_id", "direction", "stage", "confidentiality"};
  static void BindColumns(Statement& s, const Opportunity& o) {
    s.Bind(1, o.organization_id).Bind(2, o.direction).Bind(3, o.stage).Bind(4, o.confidentiality);
  }
  static Codes CodesOf(const Opportunity& o) {
    Codes codes;
    AddCodes(codes, "cooperation", o.cooperation);
    AddCodes(codes, "area", o.therapeutic_areas);
    AddCodes(codes, "modality", o.modalities);
    AddCodes(codes, "target", o.target_countries);
    return codes;
  }
  static Result<Opportunity> FromJson(const json::object& doc) { return domain::OpportunityFromJson(doc); }
};

// SQL text of each table, built once from its description.
template <typename T>
struct DirectorySql {
  using Table = DirectoryTable<T>;
  static constexpr int kColumnCount = std::size(Table::kColumns);

  std::string select_by_id = fmt::format("SELECT doc, version, created_at, updated_at FROM {} WHERE id = ?", Table::kTable);
  std::string select_all = fmt::format("SELECT doc, version, created_at, updated_at FROM {} ORDER BY id", Table::kTable);
  std::string insert, update;
  std::string delete_row = fmt::format("DELETE FROM {} WHERE id = ?", Table::kTable);
  std::string delete_code =
      fmt::format("DELETE FROM {} WHERE facet = ? AND code = ? AND {} = ?", Table::kCodesTable, Table::kCodesKey);
  std::string insert_code =
      fmt::format("INSERT OR IGNORE INTO {} (facet, code, {}) VALUES (?, ?, ?)", Table::kCodesTable, Table::kCodesKey);

  DirectorySql() {
    // Parameters: the table's columns, then doc, version, created_at, updated_at, id.
    std::string columns, placeholders, assignments;
    for (int i = 0; i < kColumnCount; ++i) {
      columns += fmt::format("{}, ", Table::kColumns[i]);
      placeholders += fmt::format("?{}, ", i + 1);
      assignments += fmt::format("{} = ?{}, ", Table::kColumns[i], i + 1);
    }
    const int n = kColumnCount;
    insert = fmt::format("INSERT INTO {} ({}doc, version, created_at, updated_at, id) VALUES ({}?{}, ?{}, ?{}, ?{}, ?{})",
                         Table::kTable, columns, placeholders, n + 1, n + 2, n + 3, n + 4, n + 5);
    update = fmt::format("UPDATE {} SET {}doc = ?{}, version = ?{}, created_at = ?{}, updated_at = ?{} WHERE id = ?{}",
                         Table::kTable, assignments, n + 1, n + 2, n + 3, n + 4, n + 5);
  }

  static const DirectorySql& Get() {
    static const DirectorySql sql;
    return sql;
  }
};

// A stored record as read back: its decoded form and its stored JSON.
template <typename T>
struct StoredRecord {
  T record;
  json::object doc;
};

// Decodes the current row of a statement selecting doc, version, created_at,
// updated_at; `doc` receives the parsed JSON.
template <typename T>
Result<T> DecodeRow(const Statement& row, json::object& doc) {
  boost::system::error_code ec;
  json::value parsed = json::parse(row.Text(0), ec);
  if (ec || !parsed.is_object()) {
    return InternalError(fmt::format("a stored {} is corrupt", DirectoryTable<T>::kEntity));
  }
  doc = std::move(parsed.get_object());
  BB_ASSIGN_OR_RETURN(T record, DirectoryTable<T>::FromJson(doc));
  record.meta = {row.Int(1), FromUnixMillis(row.Int(2)), FromUnixMillis(row.Int(3))};
  return record;
}

template <typename T>
Result<T> DecodeRow(const Statement& row) {
  json::object doc;
  return DecodeRow<T>(row, doc);
}

// The stored record with `id`, or nullopt.
template <typename T>
Result<std::optional<StoredRecord<T>>> LoadRecord(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(DirectorySql<T>::Get().select_by_id));
  stmt.Bind(1, id);
  BB_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<StoredRecord<T>>();
  json::object doc;
  BB_ASSIGN_OR_RETURN(T record, DecodeRow<T>(stmt, doc));
  return std::optional<StoredRecord<T>>(StoredRecord<T>{std::move(record), std::move(doc)});
}

Status NotFound(std::string_view entity, std::string_view id) {
  return NotFoundError(fmt::format("no {} has id '{}'", entity, id));
}

// Brings a record's rows in the code table from `before` to `after`.
template <typename T>
Status UpdateCodes(Connection& c, const std::string& id, const Codes& before, const Codes& after) {
  const DirectorySql<T>& sql = DirectorySql<T>::Get();
  for (const auto& [facet, code] : before) {
    if (after.count({facet, code})) continue;
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(sql.delete_code));
    BB_RETURN_IF_ERROR(stmt.Bind(1, facet).Bind(2, code).Bind(3, id).Run());
  }
  for (const auto& [facet, code] : after) {
    if (before.count({facet, code})) continue;
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(sql.insert_code));
    BB_RETURN_IF_ERROR(stmt.Bind(1, facet).Bind(2, code).Bind(3, id).Run());
  }
  return Status::Ok();
}

// Writes the row and its codes. `record.meta` holds the new version and
// times; `previous` is the stored record being replaced, if any.
template <typename T>
Status WriteRow(Connection& c, const T& record, const std::string& doc, const T* previous) {
  using Sql = DirectorySql<T>;
  constexpr int n = Sql::kColumnCount;
  const Sql& sql = Sql::Get();
  BB_ASSIGN_OR_RETURN(Statement row, c.Prepare(previous ? sql.update : sql.insert));
  DirectoryTable<T>::BindColumns(row, record);
  row.Bind(n + 1, doc)
      .Bind(n + 2, record.meta.version)
      .Bind(n + 3, ToUnixMillis(record.meta.created_at))
      .Bind(n + 4, ToUnixMillis(record.meta.updated_at))
      .Bind(n + 5, record.id);
  BB_RETURN_IF_ERROR(row.Run());
  return UpdateCodes<T>(c, record.id, previous ? DirectoryTable<T>::CodesOf(*previous) : Codes(),
                        DirectoryTable<T>::CodesOf(record));
}

// Opportunities may only point at an organisation that exists.
Status CheckReferences(Connection&, const Organization&) { return Status::Ok(); }
Status CheckReferences(Connection& c, const Opportunity& o) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT 1 FROM organizations WHERE id = ?"));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, o.organization_id).Step());
  if (found) return Status::Ok();
  return InvalidArgumentError("organization", fmt::format("no organisation has id '{}'; create or import it first",
                                                          o.organization_id));
}

// Writes a new record (version 1) whose references were checked. `action`
// names it in the audit log.
template <typename T>
Status WriteNewRecord(Connection& c, T& record, const WriteContext& context, std::string_view action) {
  record.meta = {1, context.at, context.at};
  BB_RETURN_IF_ERROR(WriteRow<T>(c, record, json::serialize(domain::ToJson(record)), /*previous=*/nullptr));
  // A create's values are the record's version 1: later update records keep
  // every value they overwrite and a delete record keeps the whole record, so
  // each version can be rebuilt without copying the record here.
  BB_RETURN_IF_ERROR(AppendAudit(c, context, action, DirectoryTable<T>::kEntity, record.id, {}));
  return AppendChange(c, context, DirectoryTable<T>::kEntity, record.id, "upsert", 1);
}

template <typename T>
Status InsertRecord(Connection& c, T& record, const WriteContext& context, std::string_view action) {
  BB_RETURN_IF_ERROR(CheckReferences(c, record));
  return WriteNewRecord(c, record, context, action);
}

// A replacement that passed its checks: the new JSON and what changed.
struct Replacement {
  json::object doc;
  json::object diff;
};

// Checks replacing `stored` by `record`; nullopt when no field changed.
template <typename T>
Result<std::optional<Replacement>> PlanReplacement(Connection& c, T& record, const StoredRecord<T>& stored) {
  Replacement plan{domain::ToJson(record), {}};
  plan.diff = FieldDiff(stored.doc, plan.doc);
  if (plan.diff.empty()) {
    record.meta = stored.record.meta;
    return std::optional<Replacement>();
  }
  BB_RETURN_IF_ERROR(CheckReferences(c, record));
  return std::optional<Replacement>(std::move(plan));
}

template <typename T>
Status WriteReplacement(Connection& c, T& record, const StoredRecord<T>& stored, const Replacement& plan,
                        const WriteContext& context, std::string_view action) {
  record.meta = {stored.record.meta.version + 1, stored.record.meta.created_at, context.at};
  BB_RETURN_IF_ERROR(WriteRow(c, record, json::serialize(plan.doc), &stored.record));
  BB_RETURN_IF_ERROR(AppendAudit(c, context, action, DirectoryTable<T>::kEntity, record.id, plan.diff));
  return AppendChange(c, context, DirectoryTable<T>::kEntity, record.id, "upsert", record.meta.version);
}

// Replaces `stored` by `record`, bumping the version; does nothing (and
// returns false) when no field changed.
template <typename T>
Result<bool> ReplaceRecord(Connection& c, T& record, const StoredRecord<T>& stored, const WriteContext& context,
                           std::string_view action) {
  BB_ASSIGN_OR_RETURN(auto plan, PlanReplacement(c, record, stored));
  if (!plan) return false;
  BB_RETURN_IF_ERROR(WriteReplacement(c, record, stored, *plan, context, action));
  return true;
}

template <typename T>
Status CreateRecord(Connection& c, T& record, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(c, record.id));
  if (stored) {
    return AlreadyExistsError(fmt::format("a {} with id '{}' already exists", DirectoryTable<T>::kEntity, record.id),
                              "id");
  }
  return InsertRecord(c, record, context, "create");
}

template <typename T>
Status UpdateRecord(Connection& c, T& record, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(c, record.id));
  if (!stored) return NotFound(DirectoryTable<T>::kEntity, record.id);
  if (record.meta.version != stored->record.meta.version) {
    return AbortedError(fmt::format("{} '{}' was changed meanwhile: version {} is current, the update was based on "
                                    "version {}; reload it and apply the change again",
                                    DirectoryTable<T>::kEntity, record.id, stored->record.meta.version,
                                    record.meta.version));
  }
  return ReplaceRecord(c, record, *stored, context, "update").status();
}

template <typename T>
Status DeleteRecord(Connection& c, std::string_view id, std::int64_t expected_version, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(c, id));
  if (!stored) return NotFound(DirectoryTable<T>::kEntity, id);
  const std::int64_t version = stored->record.meta.version;
  if (expected_version != 0 && expected_version != version) {
    return AbortedError(fmt::format("{} '{}' was changed meanwhile: version {} is current, the delete was based on "
                                    "version {}; reload it and decide again",
                                    DirectoryTable<T>::kEntity, id, version, expected_version));
  }
  BB_ASSIGN_OR_RETURN(Statement row, c.Prepare(DirectorySql<T>::Get().delete_row));
  BB_RETURN_IF_ERROR(row.Bind(1, id).Run());
  BB_RETURN_IF_ERROR(UpdateCodes<T>(c, stored->record.id, DirectoryTable<T>::CodesOf(stored->record), {}));
  BB_RETURN_IF_ERROR(AppendAudit(c, context, "delete", DirectoryTable<T>::kEntity, id, FieldDiff(stored->doc, {})));
  return AppendChange(c, context, DirectoryTable<T>::kEntity, id, "delete", version + 1);
}

// Creates or replaces a record. Every check comes before the first write;
// `wrote` tells whether writing had begun when an error came.
template <typename T>
Result<ImportOutcome> UpsertRecord(Connection& c, T& record, const WriteContext& context, bool& wrote) {
  wrote = false;
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(c, record.id));
  if (!stored) {
    BB_RETURN_IF_ERROR(CheckReferences(c, record));
    wrote = true;
    BB_RETURN_IF_ERROR(WriteNewRecord(c, record, context, "import"));
    return ImportOutcome::kCreated;
  }
  BB_ASSIGN_OR_RETURN(auto plan, PlanReplacement(c, record, *stored));
  if (!plan) return ImportOutcome::kUnchanged;
  wrote = true;
  BB_RETURN_IF_ERROR(WriteReplacement(c, record, *stored, *plan, context, "import"));
  return ImportOutcome::kUpdated;
}

template <typename T>
Status ForEachRecord(Connection& c, const std::function<Status(const T&)>& visit) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(DirectorySql<T>::Get().select_all));
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::Ok();
    BB_ASSIGN_OR_RETURN(T record, DecodeRow<T>(stmt));
    BB_RETURN_IF_ERROR(visit(record));
  }
}

// A filtered, paginated list: WHERE clauses with their (text) arguments.
struct ListQuery {
  std::string from;   // FROM clause
  std::string alias;  // of the listed table within it
  std::vector<std::string> conditions;
  std::vector<std::string> arguments;

  void Equal(std::string_view column, const std::string& value) {
    if (value.empty()) return;
    conditions.push_back(fmt::format("{} = ?", column));
    arguments.push_back(value);
  }
  void HasCode(std::string_view codes_table, std::string_view key, std::string_view id_column,
               std::string_view facet, const std::string& value) {
    if (value.empty()) return;
    conditions.push_back(fmt::format("EXISTS (SELECT 1 FROM {} c WHERE c.facet = '{}' AND c.code = ? AND c.{} = {})",
                                     codes_table, facet, key, id_column));
    arguments.push_back(value);
  }
  // (column IN (a, b) OR other_column IN (c)); values are bound.
  void InEither(std::string_view column, const std::vector<std::string>& values, std::string_view other_column,
                const std::vector<std::string>& other_values) {
    if (values.empty()) return;
    auto placeholders = [](std::size_t n) {
      std::string p;
      for (std::size_t i = 0; i < n; ++i) p += i ? ", ?" : "?";
      return p;
    };
    std::string condition = fmt::format("({} IN ({})", column, placeholders(values.size()));
    if (!other_values.empty()) condition += fmt::format(" OR {} IN ({})", other_column, placeholders(other_values.size()));
    conditions.push_back(condition + ")");
    arguments.insert(arguments.end(), values.begin(), values.end());
    arguments.insert(arguments.end(), other_values.begin(), other_values.end());
  }
  std::string Where() const {
    std::string where;
    for (std::size_t i = 0; i < conditions.size(); ++i) where += (i ? " AND " : " WHERE ") + conditions[i];
    return where;
  }
};

template <typename T>
Result<Page<T>> RunList(Connection& c, const ListQuery& query, std::string_view order, const PageRequest& page) {
  Page<T> result;
  result.page = std::max(1, page.page);
  result.per_page = std::max(1, page.per_page);
  const std::string where = query.Where();
  {
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare(fmt::format("SELECT COUNT(*) FROM {}{}", query.from, where)));
    for (std::size_t i = 0; i < query.arguments.size(); ++i) count.Bind(static_cast<int>(i + 1), query.arguments[i]);
    BB_ASSIGN_OR_RETURN(bool row, count.Step());
    result.total = row ? count.Int(0) : 0;
  }
  BB_ASSIGN_OR_RETURN(Statement list,
                      c.Prepare(fmt::format("SELECT {0}.doc, {0}.version, {0}.created_at, {0}.updated_at FROM {1}{2} "
                                            "ORDER BY {3} LIMIT ? OFFSET ?",
                                            query.alias, query.from, where, order)));
  int index = 1;
  for (const std::string& argument : query.arguments) list.Bind(index++, argument);
  list.Bind(index++, std::int64_t{result.per_page});
  list.Bind(index, std::int64_t{result.page - 1} * result.per_page);
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, list.Step());
    if (!row) break;
    BB_ASSIGN_OR_RETURN(T record, DecodeRow<T>(list));
    result.items.push_back(std::move(record));
  }
  return result;
}

}  // namespace

// --- SqliteStore ---------------------------------------------------------------

SqliteStore::SqliteStore(std::unique_ptr<Connection> writer, std::unique_ptr<ReadPool> readers, int schema_version)
    : writer_(std::move(writer)), readers_(std::move(readers)), schema_version_(schema_version) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const Options& options, Timestamp now) {
  BB_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, /*read_only=*/false, options.synchronous_full));
  BB_ASSIGN_OR_RETURN(int version, ApplyMigrations(*writer, now));
  auto readers = std::make_unique<ReadPool>(options.path, options.max_read_connections, options.synchronous_full);
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(writer), std::move(readers), version));
}

Status SqliteStore::WriteTransaction(const Work& work) {
  std::lock_guard lock(write_mutex_);
  BB_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*writer_));
  BB_RETURN_IF_ERROR(work(*writer_));
  return tx.Commit();
}

Status SqliteStore::Read(const Work& work, bool snapshot) {
  return readers_->With([&](Connection& c) -> Status {
    if (!snapshot) return work(c);
    BB_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(c, /*immediate=*/false));
    BB_RETURN_IF_ERROR(work(c));
    return tx.Commit();
  });
}

Result<Organization> SqliteStore::GetOrganization(std::string_view id) {
  std::optional<StoredRecord<Organization>> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, LoadRecord<Organization>(c, id));
    return Status::Ok();
  }));
  if (!stored) return NotFound("organization", id);
  return std::move(stored->record);
}

Result<Opportunity> SqliteStore::GetOpportunity(std::string_view id) {
  std::optional<StoredRecord<Opportunity>> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, LoadRecord<Opportunity>(c, id));
    return Status::Ok();
  }));
  if (!stored) return NotFound("opportunity", id);
  return std::move(stored->record);
}

Result<Page<Organization>> SqliteStore::ListOrganizations(const OrganizationFilter& filter, const PageRequest& page) {
  ListQuery q;
  q.from = "organizations o";
  q.alias = "o";
  q.Equal("o.country", filter.country);
  q.Equal("o.kind", filter.kind);
  q.HasCode("organization_codes", "organization_id", "o.id", "area", filter.therapeutic_area);
  q.HasCode("organization_codes", "organization_id", "o.id", "modality", filter.modality);
  Page<Organization> result;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(result, RunList<Organization>(c, q, "o.sort_name, o.id", page));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return result;
}

Result<Page<Opportunity>> SqliteStore::ListOpportunities(const OpportunityFilter& filter, const PageRequest& page) {
  ListQuery q;
  const bool by_organization = !filter.country.empty() || !filter.kind.empty();
  q.from = by_organization ? "organizations org JOIN opportunities p ON p.organization_id = org.id" : "opportunities p";
  q.alias = "p";
  q.Equal("p.organization_id", filter.organization_id);
  q.Equal("p.direction", filter.direction);
  q.Equal("p.stage", filter.stage);
  q.Equal("org.country", filter.country);
  q.Equal("org.kind", filter.kind);
  q.HasCode("opportunity_codes", "opportunity_id", "p.id", "cooperation", filter.cooperation);
  q.HasCode("opportunity_codes", "opportunity_id", "p.id", "area", filter.therapeutic_area);
  q.HasCode("opportunity_codes", "opportunity_id", "p.id", "modality", filter.modality);
  q.HasCode("opportunity_codes", "opportunity_id", "p.id", "target", filter.target_country);
  q.InEither("p.confidentiality", filter.visible_tiers, "p.organization_id", filter.own_organization_ids);
  Page<Opportunity> result;
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(result, RunList<Opportunity>(c, q, "p.created_at DESC, p.id", page));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return result;
}

Result<Organization> SqliteStore::CreateOrganization(Organization organization, const WriteContext& context,
                                                     std::string_view founder_user_id) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(CreateRecord(c, organization, context));
    if (founder_user_id.empty()) return Status::Ok();
    return WriteMembership(
        c, domain::Membership{std::string(founder_user_id), organization.id, domain::MembershipRole::kAdmin}, context);
  }));
  return organization;
}

Result<Organization> SqliteStore::UpdateOrganization(Organization organization, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) { return UpdateRecord(c, organization, context); }));
  return organization;
}

Status SqliteStore::DeleteOrganization(std::string_view id, std::int64_t expected_version,
                                       const WriteContext& context) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM opportunities WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(count.Bind(1, id).Step().status());
    if (const std::int64_t n = count.Int(0); n > 0) {
      return FailedPreconditionError(fmt::format(
          "organization '{}' still has {} opportunit{}; delete them first", id, n, n == 1 ? "y" : "ies"));
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
    BB_RETURN_IF_ERROR(DeleteRecord<Organization>(c, id, expected_version, context));
    for (const std::string& user_id : user_ids) {
      BB_RETURN_IF_ERROR(AppendChange(c, context, "membership", fmt::format("{}/{}", id, user_id), "delete", 0));
    }
    return Status::Ok();
  });
}

Result<Opportunity> SqliteStore::CreateOpportunity(Opportunity opportunity, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) { return CreateRecord(c, opportunity, context); }));
  return opportunity;
}

Result<Opportunity> SqliteStore::UpdateOpportunity(Opportunity opportunity, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) { return UpdateRecord(c, opportunity, context); }));
  return opportunity;
}

Status SqliteStore::DeleteOpportunity(std::string_view id, std::int64_t expected_version,
                                      const WriteContext& context) {
  return WriteTransaction(
      [&](Connection& c) { return DeleteRecord<Opportunity>(c, id, expected_version, context); });
}

std::vector<Result<ImportOutcome>> SqliteStore::ImportRecords(std::span<DirectoryRecord> records,
                                                              const WriteContext& context) {
  std::vector<Result<ImportOutcome>> outcomes;
  outcomes.reserve(records.size());
  // Fast path: a record is refused only by checks that precede its writes,
  // so a refusal leaves nothing to undo and needs no savepoint (a savepoint
  // copies every page a record touches). Should a write itself fail half-way,
  // the batch is rolled back and written again with a savepoint per record.
  const Status kRetry = AbortedError("a write failed half-way; retrying with savepoints");
  Status committed = WriteTransaction([&](Connection& c) -> Status {
    for (DirectoryRecord& record : records) {
      bool wrote = false;
      Result<ImportOutcome> outcome = std::visit([&](auto& r) { return UpsertRecord(c, r, context, wrote); }, record);
      if (!outcome.ok() && wrote) return kRetry;
      outcomes.push_back(std::move(outcome));
    }
    return Status::Ok();
  });
  if (committed == kRetry) {
    outcomes.clear();
    committed = WriteTransaction([&](Connection& c) -> Status {
      for (DirectoryRecord& record : records) {
        BB_ASSIGN_OR_RETURN(Savepoint savepoint, Savepoint::Begin(c));
        bool wrote = false;
        Result<ImportOutcome> outcome =
            std::visit([&](auto& r) { return UpsertRecord(c, r, context, wrote); }, record);
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

Status SqliteStore::ForEachOrganization(const std::function<Status(const Organization&)>& visit) {
  return Read([&](Connection& c) { return ForEachRecord<Organization>(c, visit); }, /*snapshot=*/true);
}

Status SqliteStore::ForEachOpportunity(const std::function<Status(const Opportunity&)>& visit) {
  return Read([&](Connection& c) { return ForEachRecord<Opportunity>(c, visit); }, /*snapshot=*/true);
}

}  // namespace biobridge::storage::sqlite
