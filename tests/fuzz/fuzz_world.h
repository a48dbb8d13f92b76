// What the fuzz targets that need a running BioBridge share: one service
// layer over a real SQLite database in a temp dir, with a few records (made
// once per process: libFuzzer calls a target millions of times).
#pragma once

#include <sstream>

#include "tests/support/service_env.h"

namespace biobridge::fuzz {

inline testing::ServiceEnv& World() {
  static testing::ServiceEnv* env = [] {
    auto* e = new testing::ServiceEnv();
    std::istringstream directory(
        R"({"type":"organization","id":"org-ru","name":{"en":"Clinic","ru":"Клиника"},"kind":"hospital","country":"RU"})" "\n"
        R"({"type":"organization","id":"org-cn","name":{"zh":"康复机器人公司"},"kind":"company","country":"CN"})" "\n"
        R"({"type":"opportunity","id":"opp-1","organization":"org-cn","direction":"offer","cooperation":["distribution"],)"
        R"("title":{"zh":"康复机器人寻求俄罗斯经销商","en":"Rehabilitation robots seek distributors"}})" "\n");
    auto report = e->interchange.ImportJsonLines(service::Principal::System("fuzz"), directory, {});
    if (!report.ok() || !report->refused.empty()) std::abort();
    e->User("member@fuzz.example", {{"org-ru", domain::MembershipRole::kAdmin}});
    return e;
  }();
  return *env;
}

}  // namespace biobridge::fuzz
