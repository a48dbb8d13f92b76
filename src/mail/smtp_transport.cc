#include "mail/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include "mail/mail_message.h"

namespace biobridge::mail {
namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {}
SmtpTransport::~SmtpTransport() = default;

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Create(SmtpOptions options) {
  if (!options.url.starts_with("smtp://") && !options.url.starts_with("smtps://")) {
    return InvalidArgumentError("smtp_url", fmt::format("'{}' is not an smtp:// or smtps:// URL", options.url));
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<SmtpTransport>(new SmtpTransport(std::move(options)));
}

Status SmtpTransport::Send(std::string_view from, std::string_view to, std::string_view rfc5322) {
  if (!IsPlainAddress(from)) return InvalidArgumentError("mail_from", fmt::format("'{}' is not a mail address", from));
  if (!IsPlainAddress(to)) return FailedPreconditionError(fmt::format("'{}' is not a mail address", to));
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return InternalError("libcurl could not start a transfer");
  const std::string envelope_from = fmt::format("<{}>", from);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, fmt::format("<{}>", to).c_str()), curl_slist_free_all);
  Upload upload{rfc5322};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rfc5322.size()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(options_.timeout.count(), 10)));
  curl_easy_setopt(c, CURLOPT_USE_SSL, options_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                                            : static_cast<long>(CURLUSESSL_TRY));
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) return Status::Ok();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  const std::string what = fmt::format("SMTP {}: {}{}", options_.url, error[0] ? error : curl_easy_strerror(code),
                                       reply > 0 ? fmt::format(" (the server answered {})", reply) : "");
  if (reply >= 500 && reply < 600) return FailedPreconditionError(what);
  return UnavailableError(what);
}

}  // namespace biobridge::mail
