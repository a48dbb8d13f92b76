// One real `biobridge serve` process for end-to-end tests: started on a free
// port with the arguments given (after `serve --port 0`), its output read
// until it says where it listens and then drained, so it never blocks.
// Stopped with SIGTERM when destroyed, unless killed before.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/http_client.h"

namespace biobridge::testing {

class ServerProcess {
 public:
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
  FILE* output_ = nullptr;
  std::thread drain_;
};

}  // namespace biobridge::testing
