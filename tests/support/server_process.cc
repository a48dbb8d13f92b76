#include "tests/support/server_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>
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
  output_ = out[0];
  // Read until it says where it listens, it ends, or the time is up.
  constexpr std::string_view kListening = "listening on http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string seen;
  bool ended = false;
  while (port_ == 0 && !ended) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd ready{output_, POLLIN, 0};
    if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) == 0) break;
    char buffer[4096];
    const ssize_t n = read(output_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ended = true;
      break;
    }
    seen.append(buffer, static_cast<std::size_t>(n));
    // The port is whole once a character that is not a digit follows it.
    if (const std::size_t at = seen.find(kListening); at != std::string::npos) {
      std::size_t end = at + kListening.size();
      while (end < seen.size() && std::isdigit(static_cast<unsigned char>(seen[end]))) ++end;
      if (end < seen.size() && end > at + kListening.size()) {
        port_ = static_cast<std::uint16_t>(std::stoi(seen.substr(at + kListening.size(), end - at - kListening.size())));
      }
    }
  }
  if (port_ == 0) {
    Kill(SIGKILL);
    close(output_);
    output_ = -1;
    throw std::runtime_error(std::string("biobridge serve did not start") +
                             (ended ? "" : " within " + std::to_string(kStartTimeout.count()) + " s") + ":\n" + seen);
  }
  drain_ = std::thread([fd = output_] {
    char buffer[4096];
    while (true) {
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n == 0 || (n < 0 && errno != EINTR)) return;
    }
  });
}

ServerProcess::~ServerProcess() {
  Kill(SIGTERM);
  if (drain_.joinable()) drain_.join();
  if (output_ >= 0) close(output_);
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
