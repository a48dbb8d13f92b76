#include "storage/sql/directory_rows.h"

#include <algorithm>

#include "base/strings.h"
#include "domain/codec.h"
#include "storage/field_diff.h"
#include "storage/sql/journal_rows.h"

namespace biobridge::storage::sql::detail {

using domain::Collaboration;
using domain::Opportunity;
using domain::Organization;

namespace {

void AddCodes(Codes& codes, std::string_view facet, const std::vector<std::string>& values) {
  for (const std::string& v : values) codes.emplace(facet, v);
}

}  // namespace

std::array<Value, 3> DirectoryTable<Organization>::ColumnValues(const Organization& o, std::string& scratch) {
  scratch = AsciiLower(o.name.Best({"en"}));
  return {o.kind, o.country, std::string_view(scratch)};
}

Codes DirectoryTable<Organization>::CodesOf(const Organization& o) {
  Codes codes;
  AddCodes(codes, "area", o.therapeutic_areas);
  AddCodes(codes, "modality", o.modalities);
  AddCodes(codes, "market", o.markets);
  return codes;
}

Result<Organization> DirectoryTable<Organization>::FromJson(const json::object& doc) {
  return domain::OrganizationFromJson(doc);
}

std::array<Value, 4> DirectoryTable<Opportunity>::ColumnValues(const Opportunity& o, std::string&) {
  return {o.organization_id, o.direction, o.stage, o.confidentiality};
}

Codes DirectoryTable<Opportunity>::CodesOf(const Opportunity& o) {
  Codes codes;
  AddCodes(codes, "cooperation", o.cooperation);
  AddCodes(codes, "area", o.therapeutic_areas);
  AddCodes(codes, "modality", o.modalities);
  AddCodes(codes, "target", o.target_countries);
  return codes;
}

Result<Opportunity> DirectoryTable<Opportunity>::FromJson(const json::object& doc) {
  return domain::OpportunityFromJson(doc);
}

std::array<Value, 2> DirectoryTable<Collaboration>::ColumnValues(const Collaboration& c, std::string&) {
  return {c.lead, c.year ? Value(std::int64_t{*c.year}) : Value()};
}

Result<Collaboration> DirectoryTable<Collaboration>::FromJson(const json::object& doc) {
  return domain::CollaborationFromJson(doc);
}

namespace {

// The derived rows of a tagged record: its tags.
template <typename T>
Status WriteTagRows(const DirectoryDb& db, std::int64_t seq, const T* before, const T* after) {
  return UpdateTags<T>(db, seq, before ? DirectoryTable<T>::CodesOf(*before) : Codes(),
                       after ? DirectoryTable<T>::CodesOf(*after) : Codes());
}

}  // namespace

Status DirectoryTable<Organization>::WriteDerivedRows(const DirectoryDb& db, std::int64_t seq,
                                                     const Organization* before, const Organization* after) {
  return WriteTagRows(db, seq, before, after);
}

Status DirectoryTable<Opportunity>::WriteDerivedRows(const DirectoryDb& db, std::int64_t seq, const Opportunity* before,
                                                    const Opportunity* after) {
  return WriteTagRows(db, seq, before, after);
}

Status DirectoryTable<Collaboration>::WriteDerivedRows(const DirectoryDb& db, std::int64_t seq,
                                                      const Collaboration* before, const Collaboration* after) {
  Connection& c = db.c;
  std::set<std::string_view> old_members, new_members;
  if (before) old_members.insert(before->organizations.begin(), before->organizations.end());
  if (after) new_members.insert(after->organizations.begin(), after->organizations.end());
  for (std::string_view id : old_members) {
    if (new_members.count(id)) continue;
    BB_ASSIGN_OR_RETURN(Statement del, c.Prepare("DELETE FROM collaboration_members WHERE organization_id = ? AND "
                                                 "collaboration_seq = ?"));
    BB_RETURN_IF_ERROR(del.Bind(1, id).Bind(2, seq).Run());
  }
  for (std::string_view id : new_members) {
    if (old_members.count(id)) continue;
    BB_ASSIGN_OR_RETURN(Statement add, c.Prepare("INSERT INTO collaboration_members (organization_id, "
                                                 "collaboration_seq) VALUES (?, ?)"));
    BB_RETURN_IF_ERROR(add.Bind(1, id).Bind(2, seq).Run());
  }
  return Status::Ok();
}

Status NotFound(std::string_view entity, std::string_view id) {
  return NotFoundError(fmt::format("no {} has id '{}'", entity, id));
}

Status CheckReferences(const Organization&, const OrganizationExists&) { return Status::Ok(); }

namespace {

Status CheckReference(std::string_view field, std::string_view id, const OrganizationExists& exists) {
  BB_ASSIGN_OR_RETURN(bool found, exists(id));
  if (found) return Status::Ok();
  return InvalidArgumentError(std::string(field), fmt::format("no organisation has id '{}'; create or import it first", id));
}

}  // namespace

Status CheckReferences(const Opportunity& o, const OrganizationExists& exists) {
  return CheckReference("organization", o.organization_id, exists);
}

Status CheckReferences(const Collaboration& o, const OrganizationExists& exists) {
  for (std::size_t i = 0; i < o.organizations.size(); ++i) {
    BB_RETURN_IF_ERROR(CheckReference(fmt::format("organizations[{}]", i), o.organizations[i], exists));
  }
  return Status::Ok();
}

Result<std::set<std::int64_t>> TagIds(const DirectoryDb& db, const Codes& codes) {
  std::set<std::int64_t> ids;
  for (const auto& [facet, code] : codes) {
    BB_ASSIGN_OR_RETURN(std::int64_t id, db.tags.FindOrCreate(db.c, facet, code));
    ids.insert(id);
  }
  return ids;
}

template <typename T>
Status WriteNewRecord(const DirectoryDb& db, T& record, const WriteContext& context, std::string_view action) {
  record.meta = {1, context.at, context.at};
  BB_RETURN_IF_ERROR(WriteRow<T>(db, record, json::serialize(domain::ToJson(record)), /*previous=*/nullptr));
  // A create's values are the record's version 1: later update records keep
  // every value they overwrite and a delete record keeps the whole record, so
  // each version can be rebuilt without copying the record here.
  BB_RETURN_IF_ERROR(AppendAudit(db.c, context, action, DirectoryTable<T>::kEntity, record.id, {}));
  return AppendChange(db.c, context, DirectoryTable<T>::kEntity, record.id, "upsert", 1);
}

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
Status WriteReplacement(const DirectoryDb& db, T& record, const StoredRecord<T>& stored, const Replacement& plan,
                        const WriteContext& context, std::string_view action) {
  record.meta = {stored.record.meta.version + 1, stored.record.meta.created_at, context.at};
  BB_RETURN_IF_ERROR(WriteRow<T>(db, record, json::serialize(plan.doc), &stored));
  BB_RETURN_IF_ERROR(AppendAudit(db.c, context, action, DirectoryTable<T>::kEntity, record.id, plan.diff));
  return AppendChange(db.c, context, DirectoryTable<T>::kEntity, record.id, "upsert", record.meta.version);
}

template <typename T>
Status CreateRecord(const DirectoryDb& db, T& record, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(db.c, record.id));
  if (stored) {
    return AlreadyExistsError(fmt::format("a {} with id '{}' already exists", DirectoryTable<T>::kEntity, record.id),
                              "id");
  }
  BB_RETURN_IF_ERROR(CheckReferences(db.c, record));
  return WriteNewRecord(db, record, context, "create");
}

template <typename T>
Status UpdateRecord(const DirectoryDb& db, T& record, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(db.c, record.id));
  if (!stored) return NotFound(DirectoryTable<T>::kEntity, record.id);
  if (record.meta.version != stored->record.meta.version) {
    return AbortedError(fmt::format("{} '{}' was changed meanwhile: version {} is current, the update was based on "
                                    "version {}; reload it and apply the change again",
                                    DirectoryTable<T>::kEntity, record.id, stored->record.meta.version,
                                    record.meta.version));
  }
  BB_ASSIGN_OR_RETURN(auto plan, PlanReplacement(db.c, record, *stored));
  if (!plan) return Status::Ok();
  return WriteReplacement(db, record, *stored, *plan, context, "update");
}

template <typename T>
Status DeleteRecord(const DirectoryDb& db, std::string_view id, std::int64_t expected_version,
                    const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(db.c, id));
  if (!stored) return NotFound(DirectoryTable<T>::kEntity, id);
  const std::int64_t version = stored->record.meta.version;
  if (expected_version != 0 && expected_version != version) {
    return AbortedError(fmt::format("{} '{}' was changed meanwhile: version {} is current, the delete was based on "
                                    "version {}; reload it and decide again",
                                    DirectoryTable<T>::kEntity, id, version, expected_version));
  }
  BB_ASSIGN_OR_RETURN(Statement row, db.c.Prepare(DirectorySql<T>::Get().delete_row));
  BB_RETURN_IF_ERROR(row.Bind(1, stored->seq).Run());
  BB_RETURN_IF_ERROR(DirectoryTable<T>::WriteDerivedRows(db, stored->seq, &stored->record, nullptr));
  BB_RETURN_IF_ERROR(AppendAudit(db.c, context, "delete", DirectoryTable<T>::kEntity, id, FieldDiff(stored->doc, {})));
  return AppendChange(db.c, context, DirectoryTable<T>::kEntity, id, "delete", version + 1);
}

template <typename T>
Result<ImportOutcome> UpsertRecord(const DirectoryDb& db, T& record, const WriteContext& context, bool& wrote) {
  wrote = false;
  BB_ASSIGN_OR_RETURN(auto stored, LoadRecord<T>(db.c, record.id));
  if (!stored) {
    BB_RETURN_IF_ERROR(CheckReferences(db.c, record));
    wrote = true;
    BB_RETURN_IF_ERROR(WriteNewRecord(db, record, context, "import"));
    return ImportOutcome::kCreated;
  }
  BB_ASSIGN_OR_RETURN(auto plan, PlanReplacement(db.c, record, *stored));
  if (!plan) return ImportOutcome::kUnchanged;
  wrote = true;
  BB_RETURN_IF_ERROR(WriteReplacement(db, record, *stored, *plan, context, "import"));
  return ImportOutcome::kUpdated;
}

#define BB_INSTANTIATE(T)                                                                                         \
  template Status CreateRecord<T>(const DirectoryDb&, T&, const WriteContext&);                                  \
  template Status UpdateRecord<T>(const DirectoryDb&, T&, const WriteContext&);                                  \
  template Status DeleteRecord<T>(const DirectoryDb&, std::string_view, std::int64_t, const WriteContext&);      \
  template Result<ImportOutcome> UpsertRecord<T>(const DirectoryDb&, T&, const WriteContext&, bool&);
BB_INSTANTIATE(Organization)
BB_INSTANTIATE(Opportunity)
BB_INSTANTIATE(Collaboration)
#undef BB_INSTANTIATE

}  // namespace biobridge::storage::sql::detail
