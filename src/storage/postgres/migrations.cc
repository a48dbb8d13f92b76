#include "storage/postgres/migrations.h"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <string>

namespace biobridge::storage::postgres {

std::string_view EmbeddedFile(std::string_view path);  // bb_embed

namespace {

Result<int> AppliedVersion(Connection& c) {
  BB_ASSIGN_OR_RETURN(Rows rows, c.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
  return std::stoi(rows.Text(0, 0));
}

// Runs `work` holding the migration lock; releases it whatever happens.
Result<int> WithLock(Connection& c, const std::function<Result<int>()>& work) {
  BB_RETURN_IF_ERROR(c.Exec("SELECT pg_advisory_lock($1)", {std::to_string(kMigrationLock)}).status());
  Result<int> out = work();
  if (Result<Rows> unlocked = c.Exec("SELECT pg_advisory_unlock($1)", {std::to_string(kMigrationLock)});
      !unlocked.ok() && out.ok()) {
    return unlocked.status();
  }
  return out;
}

}  // namespace

std::span<const Migration> Migrations() {
  static const std::array<Migration, 2> kAll = {
      Migration{1, "initial", EmbeddedFile("0001_initial.sql")},
      Migration{2, "deal_details", EmbeddedFile("0002_deal_details.sql")},
  };
  return kAll;
}

Result<int> ApplyMigrations(Connection& c, Timestamp now, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  return WithLock(c, [&]() -> Result<int> {
    BB_RETURN_IF_ERROR(c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)"));
    BB_ASSIGN_OR_RETURN(int applied, AppliedVersion(c));
    if (applied > latest) {
      return FailedPreconditionError(fmt::format(
          "the database at {} is at schema version {}, newer than this BioBridge knows ({}): run a BioBridge that "
          "knows version {} or later",
          c.target().shown, applied, latest, applied));
    }
    for (const Migration& m : migrations) {
      if (m.version <= applied) continue;
      if (m.sql.empty()) return InternalError(fmt::format("migration {} ({}) has no SQL", m.version, m.name));
      BB_RETURN_IF_ERROR(c.Begin());
      Status done = c.ExecScript(m.sql);
      if (done.ok()) {
        done = c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                      {std::to_string(m.version), std::string(m.name), std::to_string(ToUnixMillis(now))})
                   .status();
      }
      if (done.ok()) done = c.Commit();
      if (!done.ok()) {
        c.Rollback();
        return Status(done.code(), fmt::format("migration {} ({}) failed, nothing of it was applied: {}", m.version,
                                               m.name, done.message()));
      }
      applied = m.version;
    }
    return applied;
  });
}

}  // namespace biobridge::storage::postgres
