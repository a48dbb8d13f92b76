#include "storage/sql/new_records.h"

#include <algorithm>
#include <array>

#include "domain/codec.h"

namespace biobridge::storage::sql::detail {

using domain::Collaboration;
using domain::Opportunity;
using domain::Organization;

namespace {

Status AddStored(Connection& c, std::string_view table, const std::set<std::string_view>& ids,
                 std::set<std::string, std::less<>>& stored) {
  return ForEachRowWithIdIn(c, fmt::format("SELECT id FROM {} WHERE id IN ({{}})", table),
                            std::vector<std::string_view>(ids.begin(), ids.end()), [&](const Statement& row) {
                              stored.emplace(row.Text(0));
                              return Status::Ok();
                            });
}

}  // namespace

Result<KnownIds> StoredIds(Connection& c, std::span<const DirectoryRecord> records) {
  std::set<std::string_view> organizations, opportunities, collaborations;
  for (const DirectoryRecord& record : records) {
    std::visit(
        [&](const auto& r) {
          using T = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<T, Organization>) {
            organizations.insert(r.id);
          } else if constexpr (std::is_same_v<T, Opportunity>) {
            opportunities.insert(r.id);
            organizations.insert(r.organization_id);
          } else {
            collaborations.insert(r.id);
            organizations.insert(r.organizations.begin(), r.organizations.end());
          }
        },
        record);
  }
  KnownIds stored;
  BB_RETURN_IF_ERROR(AddStored(c, DirectoryTable<Organization>::kTable, organizations, stored.organizations));
  BB_RETURN_IF_ERROR(AddStored(c, DirectoryTable<Opportunity>::kTable, opportunities, stored.opportunities));
  BB_RETURN_IF_ERROR(AddStored(c, DirectoryTable<Collaboration>::kTable, collaborations, stored.collaborations));
  return stored;
}

template <typename T>
Status NewRecords::Add(T& record) {
  record.meta = {1, context_.at, context_.at};
  std::string doc = json::serialize(domain::ToJson(record));
  if constexpr (std::is_same_v<T, Collaboration>) {
    collaborations_.push_back({&record, std::move(doc)});
  } else {
    std::vector<Held<T>>* held = nullptr;
    std::vector<Tag>* tags = nullptr;
    if constexpr (std::is_same_v<T, Organization>) {
      held = &organizations_;
      tags = &organization_tags_;
    } else {
      held = &opportunities_;
      tags = &opportunity_tags_;
    }
    // A tag points at its record's place among those held.
    BB_ASSIGN_OR_RETURN(std::set<std::int64_t> ids, TagIds(db_, DirectoryTable<T>::CodesOf(record)));
    for (std::int64_t id : ids) tags->push_back(Tag{id, held->size()});
    held->push_back({&record, std::move(doc)});
  }
  journal_.push_back({DirectoryTable<T>::kEntity, record.id});
  return Status::Ok();
}

template Status NewRecords::Add(Organization&);
template Status NewRecords::Add(Opportunity&);
template Status NewRecords::Add(Collaboration&);

template <typename T>
Status NewRecords::WriteRows(std::vector<Held<T>>& held) {
  if (held.empty()) return Status::Ok();
  using Table = DirectoryTable<T>;
  BB_ASSIGN_OR_RETURN(std::vector<std::int64_t> keys, db_.c.NewKeys(Table::kTable, held.size()));
  for (std::size_t i = 0; i < held.size(); ++i) held[i].seq = keys[i];
  std::vector<std::string_view> columns(std::begin(Table::kColumns), std::end(Table::kColumns));
  for (std::string_view column : {"doc", "version", "created_at", "updated_at", "id", "seq"}) columns.push_back(column);
  const std::int64_t at = ToUnixMillis(context_.at);
  std::size_t next = 0;
  std::string scratch;
  BB_RETURN_IF_ERROR(db_.c.AppendRows(Table::kTable, columns, [&](std::vector<Value>& row) -> Result<bool> {
                            if (next == held.size()) return false;
                            const Held<T>& h = held[next++];
                            const auto values = Table::ColumnValues(*h.record, scratch);
                            std::copy(values.begin(), values.end(), row.begin());
                            std::size_t i = values.size();
                            row[i++] = std::string_view(h.doc);
                            row[i++] = std::int64_t{1};
                            row[i++] = at;
                            row[i++] = at;
                            row[i++] = std::string_view(h.record->id);
                            row[i++] = h.seq;
                            return true;
                          }).status());
  return Status::Ok();
}

template <typename T>
Status NewRecords::WriteTags(std::vector<Tag>& tags, const std::vector<Held<T>>& held) {
  // In (tag, seq) order, as the table's key: each page is touched once.
  std::sort(tags.begin(), tags.end(), [&](const Tag& a, const Tag& b) {
    return std::pair(a.tag, held[a.held].seq) < std::pair(b.tag, held[b.held].seq);
  });
  const std::array<std::string_view, 2> columns{"tag", DirectoryTable<T>::kTagKey};
  std::size_t next = 0;
  return db_.c.AppendRows(DirectoryTable<T>::kTagTable, columns, [&](std::vector<Value>& row) -> Result<bool> {
                   if (next == tags.size()) return false;
                   row[0] = tags[next].tag;
                   row[1] = held[tags[next].held].seq;
                   ++next;
                   return true;
                 }).status();
}

Status NewRecords::WriteMembers() {
  std::vector<std::pair<std::string_view, std::int64_t>> members;
  for (const Held<Collaboration>& h : collaborations_) {
    for (const std::string& id : h.record->organizations) members.emplace_back(id, h.seq);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  static constexpr std::array<std::string_view, 2> kColumns{"organization_id", "collaboration_seq"};
  std::size_t next = 0;
  return db_.c.AppendRows("collaboration_members", kColumns, [&](std::vector<Value>& row) -> Result<bool> {
                   if (next == members.size()) return false;
                   row[0] = members[next].first;
                   row[1] = members[next].second;
                   ++next;
                   return true;
                 }).status();
}

// As AppendAudit and AppendChange write them for a create: the create's
// values are version 1 itself, so the audit record keeps none.
Status NewRecords::WriteJournal() {
  const std::int64_t at = ToUnixMillis(context_.at);
  static constexpr std::array<std::string_view, 6> kAudit{"at", "actor", "action", "entity_type", "entity_id",
                                                          "changes"};
  std::size_t next = 0;
  BB_RETURN_IF_ERROR(db_.c.AppendRows("audit_log", kAudit, [&](std::vector<Value>& row) -> Result<bool> {
                            if (next == journal_.size()) return false;
                            row = {at, std::string_view(context_.actor), action_, journal_[next].entity,
                                   journal_[next].id, std::string_view("{}")};
                            ++next;
                            return true;
                          }).status());
  static constexpr std::array<std::string_view, 5> kChange{"at", "entity_type", "entity_id", "operation", "version"};
  next = 0;
  return db_.c.AppendRows("change_log", kChange, [&](std::vector<Value>& row) -> Result<bool> {
                   if (next == journal_.size()) return false;
                   row = {at, journal_[next].entity, journal_[next].id, std::string_view("upsert"), std::int64_t{1}};
                   ++next;
                   return true;
                 }).status();
}

Status NewRecords::Write() {
  if (empty()) return Status::Ok();
  // Organisations first: the others name them.
  BB_RETURN_IF_ERROR(WriteRows(organizations_));
  BB_RETURN_IF_ERROR(WriteRows(opportunities_));
  BB_RETURN_IF_ERROR(WriteRows(collaborations_));
  BB_RETURN_IF_ERROR(WriteTags(organization_tags_, organizations_));
  BB_RETURN_IF_ERROR(WriteTags(opportunity_tags_, opportunities_));
  BB_RETURN_IF_ERROR(WriteMembers());
  BB_RETURN_IF_ERROR(WriteJournal());
  organizations_.clear();
  opportunities_.clear();
  collaborations_.clear();
  organization_tags_.clear();
  opportunity_tags_.clear();
  journal_.clear();
  return Status::Ok();
}

}  // namespace biobridge::storage::sql::detail
