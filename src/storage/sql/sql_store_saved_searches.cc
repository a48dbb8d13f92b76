// SqlStore: saved searches, their hits and the cursors of jobs that
// follow the change records (schema 0010_saved_searches.sql).
#include <fmt/format.h>

#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "id, user_id, kind, name, query, filters, language, opportunity_id, rhythm, from_change_seq, created_at, "
    "last_match_at, match_count";

Result<domain::SavedSearch> SavedSearchOf(const Statement& row) {
  domain::SavedSearch s;
  s.id = row.Text(0);
  s.user_id = row.Text(1);
  s.kind = row.Text(2);
  s.name = row.Text(3);
  s.query = row.Text(4);
  boost::system::error_code ec;
  json::value filters = json::parse(row.Text(5), ec);
  if (!ec && filters.is_object()) {
    for (const auto& [key, value] : filters.get_object()) {
      if (value.is_string()) s.filters.emplace(key, value.get_string());
    }
  }
  s.language = row.Text(6);
  s.opportunity_id = row.Text(7);
  BB_ASSIGN_OR_RETURN(s.rhythm, domain::ParseRhythm(row.Text(8), "rhythm"));
  s.from_change_seq = row.Int(9);
  s.created_at = FromUnixMillis(row.Int(10));
  if (!row.IsNull(11)) s.last_match_at = FromUnixMillis(row.Int(11));
  s.match_count = row.Int(12);
  return s;
}

std::string FiltersJson(const domain::SavedSearch& s) {
  json::object filters;
  for (const auto& [key, value] : s.filters) filters[key] = value;
  return json::serialize(filters);
}

Result<std::vector<domain::SavedSearch>> Select(Connection& c, std::string_view where, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement select,
                      c.Prepare(fmt::format("SELECT {} FROM saved_searches {} ORDER BY created_at, id", kColumns, where)));
  if (!where.empty()) select.Bind(1, value);
  std::vector<domain::SavedSearch> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    BB_ASSIGN_OR_RETURN(domain::SavedSearch s, SavedSearchOf(select));
    out.push_back(std::move(s));
  }
  return out;
}

json::object Summary(const domain::SavedSearch& s) {
  return json::object{{"kind", s.kind}, {"name", s.name}, {"rhythm", domain::RhythmName(s.rhythm)}};
}

}  // namespace

Status SqlStore::CreateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ValidateSavedSearch(saved));
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT count(*) FROM saved_searches WHERE user_id = ?"));
    BB_RETURN_IF_ERROR(count.Bind(1, saved.user_id).Step().status());
    if (count.Int(0) >= kMaxSavedSearches) {
      return FailedPreconditionError(fmt::format("you have {} saved searches, the most one person may keep; delete one "
                                                 "first", kMaxSavedSearches));
    }
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(fmt::format(
        "INSERT INTO saved_searches ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)", kColumns)));
    BB_RETURN_IF_ERROR(insert.Bind(1, saved.id)
                           .Bind(2, saved.user_id)
                           .Bind(3, saved.kind)
                           .Bind(4, saved.name)
                           .Bind(5, saved.query)
                           .Bind(6, FiltersJson(saved))
                           .Bind(7, saved.language)
                           .Bind(8, saved.opportunity_id)
                           .Bind(9, domain::RhythmName(saved.rhythm))
                           .Bind(10, saved.from_change_seq)
                           .Bind(11, ToUnixMillis(saved.created_at))
                           .Run());
    json::object changes;
    for (const auto& [key, value] : Summary(saved)) changes[key] = json::object{{"before", nullptr}, {"after", value}};
    return AppendAudit(c, context, "create", "saved_search", saved.id, changes);
  });
}

Result<domain::SavedSearch> SqlStore::GetSavedSearch(std::string_view id) {
  std::vector<domain::SavedSearch> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, "WHERE id = ?", id));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no saved search has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::SavedSearch>> SqlStore::ListSavedSearches(std::string_view user_id) {
  std::vector<domain::SavedSearch> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, user_id.empty() ? "" : "WHERE user_id = ?", user_id));
    return Status::Ok();
  }));
  return found;
}

Status SqlStore::UpdateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ValidateSavedSearch(saved));
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(std::vector<domain::SavedSearch> current, Select(c, "WHERE id = ?", saved.id));
    if (current.empty()) return NotFoundError(fmt::format("no saved search has id '{}'", saved.id));
    BB_ASSIGN_OR_RETURN(Statement update, c.Prepare("UPDATE saved_searches SET name = ?, rhythm = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(update.Bind(1, saved.name).Bind(2, domain::RhythmName(saved.rhythm)).Bind(3, saved.id).Run());
    json::object changes;
    const json::object before = Summary(current.front());
    for (const auto& [key, value] : Summary(saved)) {
      if (before.at(key) != value) changes[key] = json::object{{"before", before.at(key)}, {"after", value}};
    }
    if (changes.empty()) return Status::Ok();
    return AppendAudit(c, context, "update", "saved_search", saved.id, changes);
  });
}

Status SqlStore::DeleteSavedSearch(std::string_view id, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM saved_searches WHERE id = ?"));
    BB_RETURN_IF_ERROR(remove.Bind(1, id).Run());
    if (c.Changes() == 0) return NotFoundError(fmt::format("no saved search has id '{}'", id));
    return AppendAudit(c, context, "delete", "saved_search", id, {});
  });
}

Result<std::vector<std::string>> SqlStore::SavedSearchHits(std::string_view saved_search_id,
                                                              const std::vector<std::string>& record_ids) {
  std::vector<std::string> out;
  if (record_ids.empty()) return out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    constexpr std::size_t kChunk = 500;  // under SQLite's limit of bound parameters
    for (std::size_t from = 0; from < record_ids.size(); from += kChunk) {
      const std::size_t n = std::min(kChunk, record_ids.size() - from);
      BB_ASSIGN_OR_RETURN(Statement select,
                          c.Prepare(fmt::format("SELECT record_id FROM saved_search_hits WHERE saved_search_id = ? "
                                                "AND record_id IN ({})",
                                                Placeholders(n))));
      select.Bind(1, saved_search_id);
      for (std::size_t i = 0; i < n; ++i) select.Bind(static_cast<int>(i + 2), record_ids[from + i]);
      BB_RETURN_IF_ERROR(AppendTexts(select, out));
    }
    return Status::Ok();
  }));
  return out;
}

Status SqlStore::RecordAlerts(const std::vector<AlertHits>& hits, std::string_view job, std::int64_t seq,
                                 const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    for (const AlertHits& h : hits) {
      std::int64_t added = 0;
      for (const std::string& record : h.record_ids) {
        BB_ASSIGN_OR_RETURN(Statement insert,
                            c.Prepare("INSERT INTO saved_search_hits (saved_search_id, record_id, "
                                      "notified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        BB_RETURN_IF_ERROR(insert.Bind(1, h.saved_search_id).Bind(2, record).Bind(3, ToUnixMillis(context.at)).Run());
        added += c.Changes();
      }
      if (added == 0) continue;
      BB_ASSIGN_OR_RETURN(Statement update, c.Prepare("UPDATE saved_searches SET last_match_at = ?, "
                                                      "match_count = match_count + ? WHERE id = ?"));
      BB_RETURN_IF_ERROR(update.Bind(1, ToUnixMillis(context.at)).Bind(2, added).Bind(3, h.saved_search_id).Run());
    }
    BB_ASSIGN_OR_RETURN(Statement cursor, c.Prepare("INSERT INTO job_cursors (name, seq) VALUES (?, ?) "
                                                    "ON CONFLICT (name) DO UPDATE SET seq = excluded.seq"));
    return cursor.Bind(1, job).Bind(2, seq).Run();
  });
}

Result<std::optional<std::int64_t>> SqlStore::JobCursor(std::string_view job) {
  std::optional<std::int64_t> seq;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement select, c.Prepare("SELECT seq FROM job_cursors WHERE name = ?"));
    BB_ASSIGN_OR_RETURN(bool found, select.Bind(1, job).Step());
    if (found) seq = select.Int(0);
    return Status::Ok();
  }));
  return seq;
}

}  // namespace biobridge::storage::sql
