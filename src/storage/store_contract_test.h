// The storage contract: tests written against the Store interface only, run
// by every backend's test binary with
//
//   INSTANTIATE_TEST_SUITE_P(Backend, StoreContractTest,
//                            ::testing::Values(StoreFactory{"backend", make}));
//
// so that SQLite and PostgreSQL are held to exactly the same behaviour.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "storage/store.h"
#include "tests/support/temp_dir.h"

namespace biobridge::storage {

struct StoreFactory {
  std::string name;
  // Makes an empty store whose files, if any, live under `directory`; what
  // else it needs for the test (a database of its own) it leaves in
  // `backing`, released after the store.
  std::function<std::unique_ptr<Store>(const std::string& directory, std::shared_ptr<void>& backing)> make;
};

inline std::string PrintToString(const StoreFactory& factory) { return factory.name; }

// A valid organisation with nothing but what it must have: a Chinese company
// named by its id.
inline domain::Organization MinimalOrganization(const char* id) {
  domain::Organization o;
  o.id = id;
  o.name = {{"en", id}};
  o.kind = "company";
  o.country = "CN";
  return o;
}

// Two stores on one database (two processes, two nodes): `writer` adds
// organisations one by one while `reader` lists them, twice each time, so
// that what `reader` may remember between changes is asked for too.
inline void ExpectListsFollowTheOthersWrites(Store& reader, Store& writer) {
  const Timestamp at = FromUnixMillis(1'780'000'000'000);
  const char* ids[] = {"org-a", "org-b", "org-c"};
  for (std::int64_t created = 0; created <= 3; ++created) {
    for (int i = 0; i < 2; ++i) {
      EXPECT_EQ(reader.ListOrganizations({.country = "CN"}, {1, 1})->total, created);
      EXPECT_EQ(reader.ListOrganizationsJson({.country = "CN"}, {1, 5})->items.size(), std::size_t(created));
    }
    if (created < 3) ASSERT_TRUE(writer.CreateOrganization(MinimalOrganization(ids[created]), {"u", at}).ok());
  }
}

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make(dir_.path().string(), backing_);
    ASSERT_NE(store_, nullptr);
  }

  testing::TempDir dir_;
  std::shared_ptr<void> backing_;  // outlives store_
  std::unique_ptr<Store> store_;
};

}  // namespace biobridge::storage
