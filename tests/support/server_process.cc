#include "tests/support/server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <cstring>
#include <stdexcept>

namespace biobridge::testing {

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::string>& arguments,
                             const std::vector<std::pair<std::string, std::string>>& environment) {
  std::vector<std::string> argv_strings = {binary, "serve", "--port", "0"};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    close(out[0]);
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  output_ = fdopen(out[0], "r");
  std::string seen;
  char line[1024];
  while (fgets(line, sizeof line, output_)) {
    seen += line;
    int port = 0;
    if (const char* at = strstr(line, "listening on http://127.0.0.1:");
        at && sscanf(at, "listening on http://127.0.0.1:%d", &port) == 1) {
      port_ = static_cast<std::uint16_t>(port);
      break;
    }
  }
  if (port_ == 0) {
    Kill(SIGKILL);
    fclose(output_);
    output_ = nullptr;
    throw std::runtime_error("biobridge serve did not start:\n" + seen);
  }
  drain_ = std::thread([f = output_] {
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, f)) {
    }
  });
}

ServerProcess::~ServerProcess() {
  Kill(SIGTERM);
  if (drain_.joinable()) drain_.join();
  if (output_) fclose(output_);
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  kill(pid_, signal);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

WritesUnderKill KillUnderWrites(ServerProcess& server, const std::string& cookie, const std::string& target,
                                int writers, std::chrono::milliseconds delay,
                                const std::function<std::string(int writer, int n)>& body) {
  WritesUnderKill out;
  std::mutex mutex;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      HttpClient client = server.Client();
      client.set_session_cookie(cookie);
      for (int n = 0; !stop; ++n) {
        try {
          const ClientResponse r = client.Post(target, body(w, n));
          std::lock_guard lock(mutex);
          if (r.status == 201) {
            out.acknowledged.insert(std::string(r.Json().at("id").as_string()));
          } else if (out.refused++ == 0) {
            out.first_refusal = std::to_string(r.status) + " " + r.body;
          }
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  }
  std::this_thread::sleep_for(delay);
  server.Kill(SIGKILL);
  stop = true;
  for (std::thread& t : threads) t.join();
  return out;
}

}  // namespace biobridge::testing
