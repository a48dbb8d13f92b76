// Backups: a copy of the database and every file its documents name, each
// checked against its hash, into a directory that opens as BioBridge data;
// a damaged file fails the backup naming the document.
#include "service/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "storage/sqlite/sqlite_store.h"
#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;

TEST(BackupTest, TheCopyHoldsTheDatabaseAndEveryFileChecked) {
  biobridge::testing::ServiceEnv env;
  env.Organization("org-cn", "CN", "supplier");
  const Principal li = env.User("li@cn.example", {{"org-cn", MembershipRole::kMember}});
  const std::string deck = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  ASSERT_TRUE(env.documents.Upload(li, {"org-cn", "", "deck.pdf", "public"}, deck).ok());
  ASSERT_TRUE(env.documents.Upload(li, {"org-cn", "", "deck-again.pdf", "members"}, deck).ok());  // the same file
  ASSERT_TRUE(env.documents.Upload(li, {"org-cn", "", "sites.csv", "cda"}, "site,city\nA,Suzhou\n").ok());

  const std::string dir = (env.dir.path() / "backup").string();
  Result<BackupReport> report = Backup(env.store(), env.blobs(), dir);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->documents, 3);
  EXPECT_EQ(report->files, 2);
  EXPECT_EQ(report->bytes, deck.size() + 19);

  // The copy opens as BioBridge data: the rows, and their files byte for byte.
  auto copy = storage::sqlite::SqliteStore::Open({.path = report->database}, env.clock.Now());
  ASSERT_TRUE(copy.ok());
  auto files = files::BlobStore::Open(report->database + ".files");
  ASSERT_TRUE(files.ok());
  int checked = 0;
  ASSERT_TRUE((*copy)->ForEachDocument([&](const domain::Document& d) {
    Result<std::string> bytes = (*files)->Read(d.sha256);
    EXPECT_TRUE(bytes.ok()) << d.name;
    EXPECT_EQ(bytes->size(), static_cast<std::size_t>(d.size));
    ++checked;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(checked, 3);
  EXPECT_EQ((*copy)->GetOrganization("org-cn")->id, "org-cn");

  // Not into a directory with something in it.
  EXPECT_EQ(Backup(env.store(), env.blobs(), dir).status().code(), StatusCode::kAlreadyExists);

  // A file damaged on disk fails the backup, naming its document.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(env.blobs().dir())) {
    if (!entry.is_regular_file()) continue;
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "damaged";
    break;
  }
  Result<BackupReport> damaged = Backup(env.store(), env.blobs(), (env.dir.path() / "backup2").string());
  EXPECT_EQ(damaged.status().code(), StatusCode::kInternal);
  EXPECT_THAT(damaged.status().message(), ::testing::HasSubstr("the file of document"));
}

}  // namespace
}  // namespace biobridge::service
