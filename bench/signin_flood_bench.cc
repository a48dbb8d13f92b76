// Sign-in floods and everyone else: how long /api/health takes while
// clients keep sending wrong passwords, with password hashing (argon2id at
// its production cost: 64 MiB, 2 passes) on the server's pool of its own, as
// `biobridge serve` runs it, and, for reference in the same run, on the
// request threads as before issue 15. Two floods:
//   throttled    64 wrong passwords for one account, 16 at a time (issue 15,
//                finding 7), with the production sign-in throttle;
//   unthrottled  16 clients sending wrong passwords for 10 s with the
//                throttle out of the way (a flood from many addresses),
//                the worst case for the hashing pool.
// Prints a Markdown table. Usage: bb_signin_flood_bench [seconds]
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api/api.h"
#include "api/http_server.h"
#include "bench/bench_clock.h"
#include "service/environment.h"
#include "tests/support/http_client.h"

namespace {

using namespace biobridge;
using bench::Clock;

struct Outcome {
  std::vector<double> health_ms;  // each probe's latency
  std::map<int, int> statuses;    // of the sign-ins
  double seconds = 0;
  int signins = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Runs one flood against a fresh server; `offload` puts hashing on its pool.
Outcome Flood(bool offload, bool throttled, double seconds) {
  const std::string dir = std::filesystem::temp_directory_path() / fmt::format("bb-signin-bench-{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  service::Environment::Options options{.db_path = dir + "/bench.db"};
  if (!throttled) options.sign_in_throttle = {.free_per_account = 1 << 30, .free_per_address = 1 << 30};
  auto env = service::Environment::Open(options);
  if (!env.ok()) throw std::runtime_error(env.status().ToString());
  service::Environment& e = **env;
  if (!e.accounts().Register({"victim@bench.example", "the right password here", "Victim"}).ok()) std::abort();
  api::Api api(api::Api::Services::Of(e), {});
  api::HttpServer::Options server_options{.port = 0, .threads = 2};
  if (offload) server_options.offload = [&api](const api::HttpRequest& r) { return api.HashesPassword(r); };
  auto server = api::HttpServer::Start(server_options, [&api](const api::HttpRequest& r) { return api.Handle(r); });
  if (!server.ok()) throw std::runtime_error(server.status().ToString());
  const std::uint16_t port = (*server)->port();

  Outcome out;
  std::mutex mutex;
  std::atomic<bool> done{false};
  std::atomic<int> budget{throttled ? 64 : 1 << 30};
  const auto start = Clock::now();
  std::vector<std::thread> flood;
  for (int c = 0; c < 16; ++c) {
    flood.emplace_back([&, c] {
      testing::HttpClient client("127.0.0.1", port);
      for (int n = 0; !done && budget-- > 0; ++n) {
        const std::string email = throttled ? "victim@bench.example" : fmt::format("user{}-{}@bench.example", c, n);
        const int status = client.Post("/api/auth/signin",
                                       fmt::format(R"({{"email":"{}","password":"wrong guess {}"}})", email, n))
                               .status;
        std::lock_guard lock(mutex);
        ++out.statuses[status];
        ++out.signins;
      }
    });
  }
  testing::HttpClient probe("127.0.0.1", port);
  while (bench::Seconds(start) < seconds) {
    const auto at = Clock::now();
    if (probe.Get("/api/health").status != 200) std::abort();
    out.health_ms.push_back(bench::Seconds(at) * 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  done = true;
  for (std::thread& t : flood) t.join();
  out.seconds = bench::Seconds(start);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 10;
  std::printf("| flood | password hashing | /api/health p50 | p99 | max | sign-ins answered | their statuses |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (bool throttled : {true, false}) {
    for (bool offload : {false, true}) {
      const Outcome o = Flood(offload, throttled, seconds);
      std::string statuses;
      for (const auto& [status, count] : o.statuses) statuses += fmt::format("{}{}×{}", statuses.empty() ? "" : ", ", count, status);
      std::printf("| %s | %s | %.2f ms | %.2f ms | %.2f ms | %d in %.0f s | %s |\n",
                  throttled ? "throttled: 64 for one account, 16 at a time" : "unthrottled: 16 clients, many accounts",
                  offload ? "own pool (as served)" : "request threads (before)", Percentile(o.health_ms, 0.5),
                  Percentile(o.health_ms, 0.99), Percentile(o.health_ms, 1.0), o.signins, o.seconds, statuses.c_str());
      std::fflush(stdout);
    }
  }
}
