// One real `biobridge serve` process for end-to-end tests: started on a free
// port with the arguments given (after `serve --port 0`), its output read
// until it says where it listens and then drained, so it never blocks.
// A server that has not said so within kStartTimeout is killed, and the
// constructor throws with what it printed (rather than the test hanging).
// Stopped with SIGTERM when destroyed, unless killed before.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/http_client.h"

namespace biobridge::testing {

class ServerProcess {
 public:
  static constexpr std::chrono::seconds kStartTimeout{120};

  // `binary`: the biobridge executable; `environment`: variables set for it.
  ServerProcess(const std::string& binary, const std::vector<std::string>& arguments,
                const std::vector<std::pair<std::string, std::string>>& environment = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Sends `signal` and waits for the process to end.
  void Kill(int signal);
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  HttpClient Client() const { return HttpClient("127.0.0.1", port_); }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int output_ = -1;  // the read end of its stdout and stderr
  std::thread drain_;
};

// What writers were told while their server was killed under them.
struct WritesUnderKill {
  std::set<std::string> acknowledged;  // the ids of every 201
  int refused = 0;                     // other answers
  std::string first_refusal;           // status and body of the first, to say why
};

// `writers` threads POST `body(writer, n)` to `target` on `server`, signed in
// with `cookie`, until `server` is killed with SIGKILL after `delay`.
WritesUnderKill KillUnderWrites(ServerProcess& server, const std::string& cookie, const std::string& target,
                                int writers, std::chrono::milliseconds delay,
                                const std::function<std::string(int writer, int n)>& body);

}  // namespace biobridge::testing
