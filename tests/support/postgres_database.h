// Databases for tests on the PostgreSQL cluster that CTest starts
// (scripts/pg-test-cluster.sh, fixture "postgres"), whose URL file
// BIOBRIDGE_TEST_POSTGRES names. Each test gets a database of its own,
// dropped when the test ends, so that tests never see one another's rows.
#pragma once

#include <memory>
#include <string>

namespace biobridge::testing {

// The cluster's URL (its "postgres" database); "" outside CTest.
std::string PostgresServerUrl();

class PostgresDatabase {
 public:
  // A new database: empty, or `migrated` to this binary's schema (copied from
  // a template migrated once per process, which is much quicker than
  // migrating each). Reports a test failure and returns nullptr when it
  // cannot.
  static std::unique_ptr<PostgresDatabase> Create(bool migrated);
  ~PostgresDatabase();  // drops the database, closing whatever still uses it

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  PostgresDatabase(std::string name, std::string url) : name_(std::move(name)), url_(std::move(url)) {}
  std::string name_, url_;
};

}  // namespace biobridge::testing
