#include "app/serve.h"

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "api/api.h"
#include "api/http_server.h"
#include "base/log.h"
#include "service/demo_data.h"
#include "mail/mail_message.h"
#include "service/environment.h"
#include "service/mail_service.h"
#include "service/search_follower.h"
#include "storage/sql/list_cache.h"
#include "storage/store.h"

namespace biobridge::app {

namespace {

int Fail(const Status& status) {
  std::cerr << "biobridge: " << status.ToString() << std::endl;
  return cli::ExitCodeFor(status.code());
}

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

int Serve(const cli::ServeOptions& options) {
  // Signals are taken by sigwait below; every thread started later inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  static_assert(std::size_t(cli::ServeOptions{}.list_cache_mb) << 20 == storage::sql::ListCache::kDefaultBytes,
                "serve's --list-cache-mb defaults to the store's own default");
  auto environment = service::Environment::Open({.db_path = options.db_path,
                                                 .synchronous_full = options.synchronous_full,
                                                 .list_cache_bytes = std::size_t(options.list_cache_mb) << 20,
                                                 .search_path = options.search_dir,
                                                 .files_path = options.files_dir});
  if (!environment.ok()) return Fail(environment.status());
  service::Environment& env = **environment;

  const std::string admin_email = EnvOr("BIOBRIDGE_ADMIN_EMAIL", "admin@biobridge.local");
  std::optional<std::string> admin_password;
  if (const char* given = std::getenv("BIOBRIDGE_ADMIN_PASSWORD"); given && *given) admin_password = given;
  auto admin = env.accounts().EnsureFirstAdmin(admin_email, admin_password);
  if (!admin.ok()) return Fail(admin.status());
  if (admin->has_value()) {
    if ((*admin)->empty()) {
      std::cout << fmt::format("Created the platform admin {} with the password from BIOBRIDGE_ADMIN_PASSWORD.\n",
                               admin_email);
    } else {
      std::cout << fmt::format(
          "Created the platform admin {} with the password\n\n    {}\n\n"
          "It is shown only this once: keep it, or change it with POST /api/me/password.\n",
          admin_email, **admin);
    }
  }

  if (options.demo) {
    auto demo = service::LoadDemoData(env.context(), env.interchange(), env.accounts());
    if (!demo.ok()) return Fail(demo.status());
    if (demo->loaded) {
      std::cout << fmt::format("Loaded the demo data: {} records (organisations, opportunities, collaborations), {} demo accounts.\n",
                               demo->records, demo->accounts.size());
      std::cout << fmt::format("Demo accounts (password \"{}\"):\n", service::kDemoPassword);
      for (const auto& account : demo->accounts) {
        std::cout << fmt::format("  {:<36} {}\n", account.email, account.display_name);
      }
    }
  }

  // Tests ask for every answer to be written down (BIOBRIDGE_RECORD_EXCHANGES).
  auto exchange_log = api::ExchangeLog::FromEnvironment();
  if (!exchange_log.ok()) return Fail(exchange_log.status());
  api::Api api(api::Api::Services::Of(env),
               {.public_url = options.public_url,
                .health_probe = [&env] { return env.store().CountUsers().status(); },
                .exchange_log = exchange_log->get()});
  const int threads = options.threads > 0 ? options.threads
                                          : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  // Password hashing (64 MiB, ~0.1 s each) runs on a pool of its own, one
  // thread per two cores, so that a flood of sign-ins cannot starve the rest.
  auto server = api::HttpServer::Start(
      {.address = options.address,
       .port = options.port,
       .threads = threads,
       .body_limit_for = [&api](std::string_view method, std::string_view path) { return api.BodyLimit(method, path); },
       .offload = [&api](const api::HttpRequest& request) { return api.HashesPassword(request); },
       .offload_threads = std::max(1, threads / 2)},
      [&api](const api::HttpRequest& request) { return api.Handle(request); });
  if (!server.ok()) return Fail(server.status());

  std::cout << fmt::format("BioBridge listening on http://{}:{} (open it in a browser for the web UI)\n",
                           options.address, (*server)->port());

  // Mail: delivered from the outbox when a server is named; kept there otherwise.
  service::MailSettings mail_settings;
  mail_settings.public_url = options.public_url.empty()
                                 ? fmt::format("http://{}:{}", options.address, (*server)->port())
                                 : options.public_url;
  if (!options.mail_from.empty()) {
    auto from = mail::ParseAddress(options.mail_from, "mail_from");
    if (!from.ok()) return Fail(from.status());
    mail_settings.from = *from;
  }
  service::ScheduledJobs jobs(env.context());
  jobs.Start(std::chrono::seconds(options.jobs_interval_seconds));
  // What other nodes (or an import beside this server) write reaches this
  // node's search index within a second.
  service::SearchFollower follower(env.context());
  follower.Start();
  std::unique_ptr<service::MailDelivery> delivery;
  if (!options.smtp_url.empty()) {
    auto transport = mail::SmtpTransport::Create({.url = options.smtp_url,
                                                  .user = EnvOr("BIOBRIDGE_SMTP_USER", ""),
                                                  .password = EnvOr("BIOBRIDGE_SMTP_PASSWORD", ""),
                                                  .require_tls = options.smtp_require_tls});
    if (!transport.ok()) return Fail(transport.status());
    delivery = std::make_unique<service::MailDelivery>(env.context(), mail_settings, std::move(transport).value());
    delivery->Start();
    std::cout << fmt::format("Mail goes out through {} from {}.\n", options.smtp_url, mail_settings.from.address);
  } else {
    std::cout << "Mail is kept in the outbox (no --smtp-url): platform admins see it at /api/admin/mail.\n";
  }
  std::cout << fmt::format("Sign in: curl -c cookies.txt -H 'Content-Type: application/json' http://{}:{}/api/auth/signin "
                           "-d '{{\"email\":\"...\",\"password\":\"...\"}}'",
                           options.address, (*server)->port())
            << std::endl;
  spdlog::info("serving {} with {} threads", service::Environment::Describe(options.db_path), threads);

  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("received signal {}; stopping", signal);
  if (delivery) delivery->Stop();
  follower.Stop();
  jobs.Stop();
  (*server)->Stop();
  return cli::kExitOk;
}

}  // namespace biobridge::app
