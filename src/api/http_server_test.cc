// HttpServer: expensive requests (password hashing) run on a pool of their
// own, so that they cannot hold up the threads that answer everything else,
// and beyond the pool's queue they are refused at once (issue 15, finding 7:
// 64 bad sign-ins, 16 at a time, pushed /api/health from 0.5 ms to 2 s).
#include "api/http_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

#include "tests/support/http_client.h"

namespace biobridge::api {
namespace {

using testing::ClientResponse;
using testing::HttpClient;

// A handler whose "/slow" requests wait until released.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  int entered = 0;
  bool open = false;

  HttpResponse Handle(const HttpRequest& request) {
    HttpResponse response;
    response.body = "{}";
    if (request.path != "/slow") return response;
    std::unique_lock lock(mutex);
    ++entered;
    changed.notify_all();
    changed.wait(lock, [this] { return open; });
    return response;
  }
  void WaitEntered(int n) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return entered >= n; });
  }
  void Open() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

TEST(HttpServerTest, ExpensiveRequestsRunOnTheirOwnPoolAndWhatOverflowsItIsRefusedAtOnce) {
  Gate gate;
  auto server = HttpServer::Start({.port = 0,
                                   .threads = 2,
                                   .offload = [](const HttpRequest& r) { return r.path == "/slow"; },
                                   .offload_threads = 1,
                                   .offload_queue = 1},
                                  [&gate](const HttpRequest& r) { return gate.Handle(r); });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::uint16_t port = (*server)->port();
  auto get = [port](std::string target) { return HttpClient("127.0.0.1", port).Get(target); };

  std::future<ClientResponse> first = std::async(std::launch::async, get, "/slow");
  gate.WaitEntered(1);  // the pool's one worker is busy
  // Everything else is still answered.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get("/fast").status, 200);
  // Two more: one waits in the queue, the other is refused at once (which
  // one depends on which the server reads first).
  std::future<ClientResponse> second = std::async(std::launch::async, get, "/slow");
  std::future<ClientResponse> third = std::async(std::launch::async, get, "/slow");
  // While the worker is still held, one of them must already be answered.
  std::future<ClientResponse>* refused = nullptr;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!refused && std::chrono::steady_clock::now() < deadline) {
    for (auto* f : {&second, &third}) {
      if (f->wait_for(std::chrono::milliseconds(10)) == std::future_status::ready) refused = f;
    }
  }
  if (!refused) {
    gate.Open();  // let the others finish before failing
    FAIL() << "neither request was refused while the pool's queue was full";
  }
  const ClientResponse busy = refused->get();
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.Header("retry-after"), "2");
  gate.Open();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ((refused == &second ? third : second).get().status, 200);
}

}  // namespace
}  // namespace biobridge::api
