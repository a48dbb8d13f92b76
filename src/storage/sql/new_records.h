// Directory records new to the database, written many at a time: the path
// by which an import creates records. Internal to storage/sql.
//
// Writing a new record one statement at a time costs a round trip per row
// it adds (the record, each tag, each member, its audit and change records):
// nothing in process for SQLite, most of the time for PostgreSQL. NewRecords
// holds the new records of an import batch and writes each table's rows
// with one Connection::AppendRows (PostgreSQL: one COPY), giving the same
// rows, in the same order, as CreateRecord would one by one. StoredIds finds
// which of a batch's ids are taken, a few hundred per query, so that the
// batch can tell new records from replacements without a query each.
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/directory_rows.h"

namespace biobridge::storage::sql::detail {

// The ids of one kind of record that are stored (or created in this batch).
struct KnownIds {
  std::set<std::string, std::less<>> organizations, opportunities, collaborations;

  template <typename T>
  std::set<std::string, std::less<>>& Of() {
    if constexpr (std::is_same_v<T, domain::Organization>) return organizations;
    if constexpr (std::is_same_v<T, domain::Opportunity>) return opportunities;
    if constexpr (std::is_same_v<T, domain::Collaboration>) return collaborations;
  }
};

// Which of the records' ids, and of the organisations they name, are stored.
Result<KnownIds> StoredIds(Connection& c, std::span<const DirectoryRecord> records);

class NewRecords {
 public:
  // `action` names the writes in the audit log.
  NewRecords(const DirectoryDb& db, const WriteContext& context, std::string_view action)
      : db_(db), context_(context), action_(action) {}

  // Holds `record`, whose id no stored record of its kind has and whose
  // references were checked, to be written by Write; gives it version 1.
  // `record` must stay alive and unchanged until then. Ids of tags no record
  // used before are created at once (in the caller's transaction).
  template <typename T>
  Status Add(T& record);

  bool empty() const { return journal_.empty(); }

  // Writes every record held, with its tags or members and its audit and
  // change records (in the order they were added), then holds none.
  Status Write();

 private:
  template <typename T>
  struct Held {
    const T* record;
    std::string doc;  // its interchange JSON
    std::int64_t seq = 0;
  };
  struct Tag {
    std::int64_t tag;
    std::size_t held;  // index into the held records of its kind
  };
  struct Journal {
    std::string_view entity;
    std::string_view id;
  };

  template <typename T>
  Status WriteRows(std::vector<Held<T>>& held);
  template <typename T>
  Status WriteTags(std::vector<Tag>& tags, const std::vector<Held<T>>& held);
  Status WriteMembers();
  Status WriteJournal();

  const DirectoryDb db_;
  const WriteContext& context_;
  const std::string_view action_;
  std::vector<Held<domain::Organization>> organizations_;
  std::vector<Held<domain::Opportunity>> opportunities_;
  std::vector<Held<domain::Collaboration>> collaborations_;
  std::vector<Tag> organization_tags_, opportunity_tags_;
  std::vector<Journal> journal_;
};

}  // namespace biobridge::storage::sql::detail
