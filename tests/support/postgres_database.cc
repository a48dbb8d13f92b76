#include "tests/support/postgres_database.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>

#include "storage/postgres/connection.h"
#include "storage/postgres/migrations.h"
#include "storage/store.h"

namespace biobridge::testing {
namespace {

using storage::postgres::Connection;
using storage::postgres::ParseUrl;

std::string WithDatabase(const std::string& server, const std::string& database) {
  return server.substr(0, server.rfind('/') + 1) + database;
}

// Runs one statement on the cluster's maintenance database.
bool OnServer(const std::string& sql) {
  auto target = ParseUrl(PostgresServerUrl());
  if (!target.ok()) {
    ADD_FAILURE() << target.status().ToString();
    return false;
  }
  auto admin = Connection::Open(*target);
  if (!admin.ok()) {
    ADD_FAILURE() << admin.status().ToString();
    return false;
  }
  if (Status done = (*admin)->ExecScript(sql); !done.ok()) {
    ADD_FAILURE() << sql << ": " << done.ToString();
    return false;
  }
  return true;
}

std::string UniqueName(const char* prefix) {
  static std::mt19937_64 random(std::random_device{}() ^ std::uint64_t(::getpid()));
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return fmt::format("{}_{:x}", prefix, random() & 0xFFFFFFFFFFFF);
}

// The migrated template all test processes of this cluster copy: made by the
// first that needs it (the others wait on an advisory lock), named by a hash
// of the migrations, so that a changed schema gets a template of its own.
const std::string* MigratedTemplate() {
  static const std::string name = []() -> std::string {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over every migration
    for (const auto& m : storage::postgres::Migrations()) {
      for (char c : m.sql) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    const std::string template_name = fmt::format("bbt_template_{:x}", hash);
    auto admin = Connection::Open(*ParseUrl(PostgresServerUrl()));
    if (!admin.ok()) {
      ADD_FAILURE() << admin.status().ToString();
      return {};
    }
    Connection& c = **admin;
    constexpr std::int64_t kTemplateLock = 0x4242544D504C4154;  // 'BBTMPLAT'
    if (!c.Exec("SELECT pg_advisory_lock($1)", {std::to_string(kTemplateLock)}).ok()) return {};
    std::string made;
    auto exists = c.Exec("SELECT 1 FROM pg_database WHERE datname = $1", {template_name});
    if (exists.ok() && exists->size() == 1) {
      made = template_name;
    } else if (exists.ok() && c.ExecScript("CREATE DATABASE " + template_name).ok()) {
      Result<int> migrated = [&]() -> Result<int> {
        BB_ASSIGN_OR_RETURN(auto t, Connection::Open(*ParseUrl(WithDatabase(PostgresServerUrl(), template_name))));
        return storage::postgres::ApplyMigrations(*t, FromUnixMillis(0));
      }();  // (a template must have no sessions when it is copied: closed here)
      if (migrated.ok()) {
        made = template_name;
      } else {
        ADD_FAILURE() << migrated.status().ToString();
        (void)c.ExecScript(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", template_name));
      }
    }
    (void)c.Exec("SELECT pg_advisory_unlock($1)", {std::to_string(kTemplateLock)});
    return made;
  }();
  return name.empty() ? nullptr : &name;
}

}  // namespace

std::string PostgresServerUrl() {
  const char* file = std::getenv("BIOBRIDGE_TEST_POSTGRES");
  if (!file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

std::unique_ptr<PostgresDatabase> PostgresDatabase::Create(bool migrated) {
  const std::string server = PostgresServerUrl();
  if (server.empty()) {
    ADD_FAILURE() << "BIOBRIDGE_TEST_POSTGRES names no cluster: run this test through CTest";
    return nullptr;
  }
  std::string sql = "CREATE DATABASE ";
  const std::string name = UniqueName("bbt");
  sql += name;
  if (migrated) {
    const std::string* from = MigratedTemplate();
    if (!from) return nullptr;
    sql += " TEMPLATE " + *from;
  }
  if (!OnServer(sql)) return nullptr;
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(name, WithDatabase(server, name)));
}

PostgresDatabase::~PostgresDatabase() { OnServer(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_)); }

}  // namespace biobridge::testing
