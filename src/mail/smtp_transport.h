// Sending mail through an SMTP server, with libcurl's SMTP client (a
// well-kept implementation of the protocol, TLS included), never a
// hand-written one.
//
//   smtp://host:port    plain SMTP; upgraded with STARTTLS when the server
//                       offers it, or required with `require_tls`
//   smtps://host:port   SMTP over TLS from the first byte
//
// A user and password (from the environment, never the command line) log in.
// Thread-compatible: one Send at a time per transport.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace biobridge::mail {

struct SmtpOptions {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string user;
  std::string password;
  bool require_tls = false;  // smtp://: refuse to send unless STARTTLS succeeds
  std::chrono::seconds timeout{30};
  std::string ca_file;  // a CA bundle to verify the server with; empty: the system's
};

class SmtpTransport {
 public:
  // kInvalidArgument ("smtp_url") for a URL that is not smtp:// or smtps://.
  static Result<std::unique_ptr<SmtpTransport>> Create(SmtpOptions options);
  ~SmtpTransport();
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  // Sends `rfc5322` (a composed mail) from `from` to `to` (envelope
  // addresses). kUnavailable when the server cannot be reached or answers
  // with a temporary failure (4xx); kFailedPrecondition when it refuses
  // (5xx: a recipient unknown, a sender refused); the message names the
  // server's answer.
  Status Send(std::string_view from, std::string_view to, std::string_view rfc5322);

  const std::string& url() const { return options_.url; }

 private:
  explicit SmtpTransport(SmtpOptions options);
  SmtpOptions options_;
};

}  // namespace biobridge::mail
