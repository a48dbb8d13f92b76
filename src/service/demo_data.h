// The demo data shipped in the binary (data/demo/): organisations and
// opportunities drawn from public cooperation situations, and demo accounts
// that are members of some of them. Loaded by `biobridge serve --demo` into
// an empty database, so that a newcomer sees a working exchange at once.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "service/account_service.h"
#include "service/interchange.h"

namespace biobridge::service {

struct DemoAccount {
  std::string email;
  std::string display_name;
  std::vector<std::string> organizations;
};

struct DemoSummary {
  bool loaded = false;  // false when the database already had organisations
  std::size_t records = 0;
  std::vector<DemoAccount> accounts;
};

// The password every demo account shares (printed by `serve --demo`).
inline constexpr std::string_view kDemoPassword = "biobridge-demo";

// Loads the demo directory, accounts, programmes, interests and deals (one in
// every stage) when the database holds no organisation yet. kInternal when the shipped data does not load cleanly.
Result<DemoSummary> LoadDemoData(const ServiceContext& context, Interchange& interchange, AccountService& accounts);

// The shipped files themselves, for tests and export round trips.
std::string_view DemoDirectoryJsonLines();
std::string_view DemoUsersJson();
std::string_view DemoPipelineJson();

}  // namespace biobridge::service
