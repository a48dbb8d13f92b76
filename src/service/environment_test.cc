// Opening an environment: an index that an older BioBridge built (another
// vocabulary, other analysis rules) is rebuilt from the database, so that old
// and new records meet the same queries.
#include "service/environment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

TEST(EnvironmentTest, AnIndexBuiltWithAnotherVocabularyIsRebuiltWhenOpened) {
  biobridge::testing::TempDir dir;
  const std::string db = dir.File("biobridge.db");
  const Environment::Options options{.db_path = db, .password_cost = PasswordHasher::Cost::kMinimum};
  {
    auto env = Environment::Open(options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    domain::Organization o;
    o.id = "org-ru";
    o.country = "RU";
    o.kind = "hospital";
    o.name = {{"ru", "Клиника"}};
    o.description = {{"ru", "Проводим клинические исследования."}};
    ASSERT_TRUE((*env)->store().CreateOrganization(o, {"test", *ParseTimestamp("2026-12-05T09:00:00Z")}).ok());
    ASSERT_TRUE((*env)->search().CatchUp((*env)->store()).ok());
  }
  // An older BioBridge's index: built with a vocabulary without clinical trials.
  constexpr std::string_view kOld = R"({"vocabulary": "old", "category": "disease", "source": "tests",
    "concepts": [{"id": "clinics", "en": ["Clinics"], "zh": ["诊所诊所"], "ru": ["Клиники"]}]})";
  std::string_view files[] = {kOld};
  const text::Vocabulary old = text::Vocabulary::FromJson(files).value();
  {
    auto store = storage::sqlite::SqliteStore::Open({.path = db}, *ParseTimestamp("2026-12-05T09:00:00Z"));
    ASSERT_TRUE(store.ok());
    auto index = search::SearchIndex::Open(db + ".search", old);
    ASSERT_TRUE(index.ok());
    ASSERT_TRUE((*index)->Rebuild(**store, 1).ok());
  }
  auto env = Environment::Open(options);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  EXPECT_TRUE((*env)->search().analysis_is_current());
  // "clinical trials" in Chinese meets the Russian text through today's concept.
  auto page = (*env)->search_service().Search(Principal::Anonymous(), {.q = "临床试验"});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].record.id, "org-ru");
}

// A PostgreSQL URL for --db: what is wrong with it or with the server is
// said at once, naming the server and never its password, and nothing
// starts. (Serving from a real PostgreSQL: the API and multi-node tests.)
TEST(EnvironmentTest, APostgresqlUrlIsCheckedAndABadOneRefusedClearly) {
  for (const char* url : {"postgresql://bridge@db.example.org:5433", "postgresql://bridge:s3cret@127.0.0.1:1/exchange"}) {
    auto env = Environment::Open({.db_path = url, .password_cost = PasswordHasher::Cost::kMinimum});
    ASSERT_FALSE(env.ok()) << url;
    EXPECT_THAT(env.status().message(), ::testing::Not(::testing::HasSubstr("s3cret")));
  }
  auto no_database = Environment::Open({.db_path = "postgresql://bridge@db.example.org:5433"});
  EXPECT_EQ(no_database.status().field(), "db");
  auto unreachable = Environment::Open({.db_path = "postgresql://bridge:s3cret@127.0.0.1:1/exchange"});
  EXPECT_EQ(unreachable.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(unreachable.status().message(), ::testing::HasSubstr("bridge@127.0.0.1:1/exchange"));
}

}  // namespace
}  // namespace biobridge::service
