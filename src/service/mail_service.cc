#include "service/mail_service.h"

#include <unistd.h>

#include "service/certificate_service.h"

#include <sodium.h>

#include <fmt/format.h>

#include "base/log.h"
#include "service/alert_service.h"
#include "base/strings.h"
#include "base/random.h"
#include "domain/codec.h"
#include "domain/committee.h"
#include "domain/icalendar.h"
#include "domain/notification.h"
#include "service/notices.h"
#include "service/notification_text.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

std::string ToHex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

std::string UrlSafeBase64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> FromUrlSafeBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string Domain(std::string_view address) {
  const std::size_t at = address.find('@');
  return at == std::string_view::npos ? "biobridge" : std::string(address.substr(at + 1));
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

// --- Unsubscribe tokens --------------------------------------------------------------

Result<std::string> UnsubscribeTokens::Key() {
  std::lock_guard lock(mutex_);
  if (!key_.empty()) return key_;
  std::array<std::uint8_t, 32> fresh{};
  context_.random.Fill(fresh);
  BB_ASSIGN_OR_RETURN(std::string secret, context_.store.Secret("unsubscribe", ToHex(fresh)));
  std::string key(crypto_auth_KEYBYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
  key_ = key;
  return key;
}

Result<std::string> UnsubscribeTokens::Make(std::string_view user_id, std::string_view kind) {
  BB_ASSIGN_OR_RETURN(std::string key, Key());
  const std::string subject = fmt::format("{}|{}", user_id, kind);
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(subject.data()), subject.size(),
              reinterpret_cast<const unsigned char*>(key.data()));
  return UrlSafeBase64(subject + "|" + std::string(reinterpret_cast<const char*>(mac), sizeof mac));
}

Result<UnsubscribeTokens::Subject> UnsubscribeTokens::Check(std::string_view token) {
  const Status bad = InvalidArgumentError("token", "this unsubscribe link is not valid; choose what is mailed to you "
                                                   "under Account → Notifications");
  if (token.empty() || token.size() > 512) return bad;
  const std::optional<std::string> decoded = FromUrlSafeBase64(token);
  if (!decoded || decoded->size() <= crypto_auth_BYTES + 1) return bad;
  const std::string_view subject = std::string_view(*decoded).substr(0, decoded->size() - crypto_auth_BYTES - 1);
  const std::string_view mac = std::string_view(*decoded).substr(decoded->size() - crypto_auth_BYTES);
  BB_ASSIGN_OR_RETURN(std::string key, Key());
  if (crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac.data()),
                         reinterpret_cast<const unsigned char*>(subject.data()), subject.size(),
                         reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return bad;
  }
  const std::size_t bar = subject.find('|');
  if (bar == std::string_view::npos) return bad;
  return Subject{std::string(subject.substr(0, bar)), std::string(subject.substr(bar + 1))};
}

Result<std::string> Unsubscribe(const ServiceContext& context, std::string_view token) {
  UnsubscribeTokens tokens(context);
  BB_ASSIGN_OR_RETURN(UnsubscribeTokens::Subject subject, tokens.Check(token));
  if (!domain::IsNotificationKind(subject.kind) || domain::IsMandatoryKind(subject.kind)) {
    return InvalidArgumentError("token", "security mails cannot be turned off");
  }
  const storage::WriteContext write{subject.user_id, context.clock.Now()};
  Status put = context.store.PutNotificationPreference(subject.user_id, subject.kind, domain::Rhythm::kNever, write);
  if (put.code() == StatusCode::kNotFound) {
    return InvalidArgumentError("token", "the account of this link no longer exists");
  }
  BB_RETURN_IF_ERROR(put);
  return subject.kind;
}

// --- Composing --------------------------------------------------------------------

Result<mail::MailMessage> MailComposer::Compose(const storage::OutboxMail& row) {
  const std::string language(MailLanguage(row.language));
  const std::string base = TrimSlash(settings_.public_url);
  if (row.kind == "verify_email" || row.kind == "password_reset") return AccountLink(row, base, language);
  std::vector<domain::Notification> notifications;
  if (row.kind == "invitation") {
    // To an address without an account: what the invitation is, and where to register.
    domain::Notification n;
    n.kind = "invitation_received";
    n.link = "/register?email=" + PercentEncode(row.to_address) + "&next=%2Finvitations";
    for (const char* key : {"what", "target"}) {
      if (const json::value* v = row.payload.if_contains(key)) n.params[key] = *v;
    }
    notifications.push_back(std::move(n));
  } else if (domain::IsNotificationKind(row.kind) || row.kind == "digest") {
    std::vector<std::int64_t> seqs;
    if (const json::value* list = row.payload.if_contains("notifications"); list && list->is_array()) {
      for (const json::value& v : list->get_array()) {
        if (std::optional<std::int64_t> n = WholeNumber(v)) seqs.push_back(*n);
      }
    }
    BB_ASSIGN_OR_RETURN(notifications, context_.store.GetNotifications(row.recipient_user, seqs));
  } else {
    return FailedPreconditionError(fmt::format("no mail is made for the kind '{}'", row.kind));
  }
  if (notifications.empty()) return FailedPreconditionError("the notification of this mail no longer exists");

  std::string name = row.to_address.substr(0, row.to_address.find('@'));
  if (!row.recipient_user.empty()) {
    if (Result<domain::User> user = context_.store.GetUser(row.recipient_user); user.ok() && !user->display_name.empty()) {
      name = user->display_name;
    }
  }
  const std::string greeting = fmt::format(fmt::runtime(MailPhrase("greeting", language)), fmt::arg("name", name));
  const NotificationText first = RenderNotification(notifications.front(), language);

  mail::MailMessage m = Frame(row, name);
  m.subject = notifications.size() == 1
                  ? fmt::format("BioBridge: {}", first.title)
                  : fmt::format(fmt::runtime(MailPhrase("digest_subject", language)),
                                fmt::arg("count", notifications.size()));

  std::string text = greeting + "\n\n";
  std::string html = fmt::format(
      "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>"
      "<body style=\"font-family:sans-serif;line-height:1.5\"><p>{}</p>",
      language, EscapeHtml(m.subject), EscapeHtml(greeting));
  for (const domain::Notification& n : notifications) {
    const NotificationText t = RenderNotification(n, language);
    const std::string url = base + n.link;
    text += t.title + "\n";
    if (!t.body.empty()) text += t.body + "\n";
    text += fmt::format("{}: {}\n\n", MailPhrase("open", language), url);
    html += fmt::format("<p><strong>{}</strong>", EscapeHtml(t.title));
    if (!t.body.empty()) html += "<br>" + ReplaceAll(EscapeHtml(t.body), "\n", "<br>");
    html += fmt::format("<br><a href=\"{}\">{}</a></p>", EscapeHtml(url),
                        EscapeHtml(MailPhrase("open", language)));
  }
  text += "-- \n" + MailPhrase("why", language) + "\n";
  html += fmt::format("<hr><p style=\"color:#555;font-size:smaller\">{}", EscapeHtml(MailPhrase("why", language)));
  // One-click unsubscribe from this kind (not from security mails, nor for
  // an address without an account).
  if (!row.recipient_user.empty() && domain::IsNotificationKind(row.kind) && !domain::IsMandatoryKind(row.kind)) {
    BB_ASSIGN_OR_RETURN(std::string token, tokens_.Make(row.recipient_user, row.kind));
    const std::string page = fmt::format("{}/unsubscribe?token={}", base, token);
    text += fmt::format("{}: {}\n", MailPhrase("unsubscribe", language), page);
    html += fmt::format("<br><a href=\"{}\">{}</a>", EscapeHtml(page),
                        EscapeHtml(MailPhrase("unsubscribe", language)));
    m.headers.emplace_back("List-Unsubscribe", fmt::format("<{}/api/unsubscribe?token={}>", base, token));
    m.headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  html += "</p></body></html>";
  m.text = std::move(text);
  m.html = std::move(html);
  if (notifications.size() == 1) {
    BB_ASSIGN_OR_RETURN(m.calendar, MeetingInvitation(notifications.front(), first, m));
  }
  return m;
}

mail::MailMessage MailComposer::Frame(const storage::OutboxMail& row, std::string name) const {
  mail::MailMessage m;
  m.from = settings_.from;
  m.to = {std::move(name), row.to_address};
  m.date = row.created_at;
  // Made from the row: a mail sent again after a crash is recognisably the same.
  m.message_id = fmt::format("bb.{}.{}@{}", row.seq, ToUnixMillis(row.created_at), Domain(settings_.from.address));
  m.headers.emplace_back("X-BioBridge-Kind", row.kind);  // for people's mail filters
  return m;
}

Result<mail::MailMessage> MailComposer::AccountLink(const storage::OutboxMail& row, const std::string& base,
                                                   const std::string& language) {
  const bool verify = row.kind == "verify_email";
  const json::value* token = row.payload.if_contains("token");
  if (!token || !token->is_string()) return FailedPreconditionError("the link of this mail is gone");
  const std::string link = fmt::format("{}/{}?token={}", base, verify ? "verify-email" : "reset-password",
                                       token->get_string().c_str());
  const std::string what = fmt::format(fmt::runtime(MailPhrase(verify ? "verify_text" : "reset_text", language)),
                                       fmt::arg("email", row.to_address));
  mail::MailMessage m = Frame(row, "");
  m.subject = MailPhrase(verify ? "verify_subject" : "reset_subject", language);
  m.text = fmt::format("{}\n\n{}\n", what, link);
  m.html = fmt::format("<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>"
                       "<body style=\"font-family:sans-serif;line-height:1.5\"><p>{}</p><p><a href=\"{}\">{}</a></p>"
                       "</body></html>",
                       language, EscapeHtml(m.subject), EscapeHtml(what), EscapeHtml(link), EscapeHtml(link));
  return m;
}

Result<std::optional<mail::CalendarPart>> MailComposer::MeetingInvitation(const domain::Notification& n,
                                                                          const NotificationText& text,
                                                                          const mail::MailMessage& m) {
  const bool cancel = n.kind == "meeting_cancelled";
  if ((n.kind != "schedule_published" && n.kind != "meeting_moved" && !cancel) || !n.params.contains("uid")) {
    return std::optional<mail::CalendarPart>();
  }
  const std::string zone_name = ParamText(n.params, "time_zone", "en");
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(zone_name.empty() ? "UTC" : zone_name));
  BB_ASSIGN_OR_RETURN(Timestamp start, ParseTimestamp(ParamText(n.params, "start", "en")));
  BB_ASSIGN_OR_RETURN(Timestamp end, ParseTimestamp(ParamText(n.params, "end", "en")));
  domain::Calendar calendar{ParamText(n.params, "event", "en"), std::move(zone), m.date, {}};
  calendar.method = cancel ? "CANCEL" : "REQUEST";
  calendar.organizer = {m.from.display_name, m.from.address};
  domain::CalendarEntry entry;
  entry.uid = ParamText(n.params, "uid", "en");
  entry.start = start;
  entry.end = end;
  const json::value* sequence = n.params.if_contains("sequence");
  entry.sequence = sequence ? static_cast<int>(WholeNumber(*sequence).value_or(0)) : 0;
  entry.cancelled = cancel;
  entry.summary = text.title;
  entry.description = text.body;
  entry.location = ParamText(n.params, "location", "en");
  entry.url = ParamText(n.params, "video_link", "en");
  entry.attendees = {{m.to.display_name, m.to.address}};
  calendar.entries.push_back(std::move(entry));
  return std::optional<mail::CalendarPart>(
      mail::CalendarPart{calendar.method, domain::ToICalendar(calendar), cancel ? "cancel.ics" : "invite.ics"});
}

// --- Digests ----------------------------------------------------------------------

Result<Timestamp> DigestTime(const TimeZone& zone, domain::Rhythm rhythm, Timestamp now) {
  using namespace std::chrono;
  const LocalDateTime local = zone.ToLocal(now);
  sys_days day = sys_days(year{local.year} / month{local.month} / std::chrono::day{local.day});
  if (local.hour < kDigestHour) day -= days(1);
  if (rhythm == domain::Rhythm::kWeekly) {
    // Back to the Monday of that week.
    const unsigned since_monday = (weekday(day).c_encoding() + 6) % 7;
    day -= days(since_monday);
  }
  const year_month_day date(day);
  return zone.ToUtc({static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), kDigestHour, 0});
}

Result<int> QueueDueDigests(const ServiceContext& context) {
  const Timestamp now = context.clock.Now();
  BB_ASSIGN_OR_RETURN(std::vector<storage::Store::DigestCandidate> pending, context.store.PendingDigests());
  int queued = 0;
  for (const storage::Store::DigestCandidate& candidate : pending) {
    Result<TimeZone> zone = TimeZone::Find(candidate.time_zone);
    if (!zone.ok()) zone = TimeZone::Find("UTC");
    BB_ASSIGN_OR_RETURN(Timestamp due, DigestTime(*zone, candidate.rhythm, now));
    // Whatever came before the last digest time goes out now.
    if (candidate.oldest >= due) continue;
    BB_ASSIGN_OR_RETURN(int count, context.store.QueueDigest(candidate.user_id, candidate.rhythm, due, now));
    if (count > 0) ++queued;
  }
  return queued;
}

// --- Delivery ---------------------------------------------------------------------

std::optional<Timestamp> RetryAt(Timestamp now, int attempts) {
  if (attempts >= MailDelivery::kMaxAttempts) return std::nullopt;
  const auto delay = std::min<std::chrono::minutes>(std::chrono::minutes(1) * (1LL << std::min(attempts - 1, 20)),
                                                    std::chrono::hours(6));
  return now + delay;
}

MailDelivery::MailDelivery(const ServiceContext& context, MailSettings settings,
                           std::unique_ptr<mail::SmtpTransport> transport)
    : context_(context), composer_(context, std::move(settings)), transport_(std::move(transport)) {}

MailDelivery::~MailDelivery() { Stop(); }

Result<DeliveryRound> MailDelivery::DeliverDue(int limit) {
  DeliveryRound round;
  BB_ASSIGN_OR_RETURN(std::vector<storage::OutboxMail> due, context_.store.DueMail(context_.clock.Now(), limit));
  for (const storage::OutboxMail& row : due) {
    storage::MailAttempt attempt{context_.clock.Now()};
    Result<mail::MailMessage> message = composer_.Compose(row);
    Status sent = message.status();
    if (message.ok()) {
      sent = transport_->Send(composer_.settings().from.address, row.to_address,
                              mail::Compose(*message, std::to_string(row.seq)));
    }
    attempt.at = context_.clock.Now();
    attempt.sent = sent.ok();
    if (!sent.ok()) {
      attempt.error = sent.message();
      // A mail that cannot be made (its notification gone) is given up at once.
      if (message.ok()) attempt.retry_at = RetryAt(attempt.at, row.attempts + 1);
      spdlog::warn("mail {} to {} not sent (attempt {}): {}", row.seq, row.to_address, row.attempts + 1,
                   sent.message());
      ++round.failed;
    } else {
      ++round.sent;
    }
    BB_RETURN_IF_ERROR(context_.store.RecordMailAttempt(row.seq, attempt));
  }
  return round;
}

void MailDelivery::Start(std::chrono::milliseconds interval) {
  if (holder_.empty()) holder_ = NodeName(context_.random);
  const auto lease = std::max<std::chrono::milliseconds>(3 * interval, std::chrono::seconds(30));
  worker_.Start(interval, [this, lease] {
    Result<bool> mine = HoldLease(context_, kMailDeliveryLease, holder_, lease);
    if (!mine.ok()) {
      spdlog::warn("mail delivery: {}", mine.status().ToString());
      return;
    }
    if (!*mine) return;  // another node delivers
    if (Result<DeliveryRound> round = DeliverDue(); !round.ok()) {
      spdlog::warn("mail delivery: {}", round.status().ToString());
    }
  });
}

void MailDelivery::Stop() {
  worker_.Stop();
  if (holder_.empty()) return;
  if (Status released = context_.store.ReleaseLease(kMailDeliveryLease, holder_); !released.ok()) {
    spdlog::warn("mail delivery: giving up the lease: {}", released.ToString());
  }
}

// --- Periodic jobs ----------------------------------------------------------------

void Periodic::Start(std::chrono::milliseconds interval, std::function<void()> work) {
  thread_ = std::thread([this, interval, work = std::move(work)] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      work();
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
}

void Periodic::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int> QueueReviewReminders(const ServiceContext& context) {
  const Timestamp now = context.clock.Now();
  storage::WriteContext write{"system:review_reminders", now};
  BB_ASSIGN_OR_RETURN(std::vector<domain::Committee> committees, context.store.ListCommittees());
  for (const domain::Committee& committee : committees) {
    const std::optional<Timestamp>& deadline = committee.settings.review_deadline;
    if (committee.assignment_state != "published" || !deadline) continue;
    if (now < *deadline - domain::kReviewReminderLead || now >= *deadline) continue;
    BB_ASSIGN_OR_RETURN(std::vector<domain::Review> reviews, context.store.ListReviews({committee.programme_id, "", ""}));
    for (const domain::AssignmentEntry& pair : committee.assignment) {
      if (pair.status != "assigned") continue;
      const bool submitted = std::any_of(reviews.begin(), reviews.end(), [&](const domain::Review& r) {
        return r.project_id == pair.project_id && r.expert_id == pair.expert_id && r.status == "submitted";
      });
      if (submitted) continue;
      Result<domain::Expert> expert = context.store.GetExpert(pair.expert_id);
      Result<domain::ReviewProject> project = context.store.GetReviewProject(pair.project_id);
      if (!expert.ok() || expert->user_id.empty() || !project.ok() || project->status != "submitted") continue;
      BB_ASSIGN_OR_RETURN(bool reminded, context.store.HasNotification(expert->user_id, "review_reminder", project->id));
      if (reminded) continue;
      // The title only, as in the assignment: never who applied.
      write.notices.push_back(notices::ToUser(
          notices::Make("review_reminder", "review_project", project->id, "/review-projects/" + project->id,
                        {{"project", domain::ToJson(project->title)}, {"due", FormatTimestamp(*deadline)}}),
          expert->user_id, ""));
    }
  }
  if (write.notices.empty()) return 0;
  BB_RETURN_IF_ERROR(context.store.WriteNotices(write));
  return static_cast<int>(write.notices.size());
}

Result<int> RunScheduledJobs(const ServiceContext& context) {
  BB_ASSIGN_OR_RETURN(int digests, QueueDueDigests(context));
  BB_ASSIGN_OR_RETURN(int reminders, QueueReviewReminders(context));
  BB_ASSIGN_OR_RETURN(AlertRound alerts, RunAlerts(context));
  BB_ASSIGN_OR_RETURN(CertificateExpiryRound expiry, CertificateService(context).RunExpiry());
  // The throttle's quiet keys (SignInThrottle::Limits::forget_after).
  BB_RETURN_IF_ERROR(context.store.PruneSignInFailures(context.clock.Now() - std::chrono::hours(1)).status());
  return digests + reminders + static_cast<int>(alerts.notified) + expiry.reminders + expiry.lapsed;
}

Result<bool> HoldLease(const ServiceContext& context, std::string_view name, std::string_view holder,
                       std::chrono::milliseconds lease) {
  const Timestamp now = context.clock.Now();
  return context.store.TryLease(name, holder, now, now + lease);
}

Result<bool> RunScheduledJobsIfHolder(const ServiceContext& context, std::string_view holder,
                                      std::chrono::milliseconds lease) {
  BB_ASSIGN_OR_RETURN(bool mine, HoldLease(context, kScheduledJobsLease, holder, lease));
  if (!mine) return false;
  BB_RETURN_IF_ERROR(RunScheduledJobs(context).status());
  return true;
}

std::string NodeName(RandomSource& random) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}:{}", host[0] ? host : "node", getpid(), NewSecretToken(random).substr(0, 8));
}

ScheduledJobs::~ScheduledJobs() { Stop(); }

void ScheduledJobs::Start(std::chrono::milliseconds interval) {
  worker_.Start(interval, [this, lease = 3 * interval] {
    if (Result<bool> done = RunScheduledJobsIfHolder(context_, holder_, lease); !done.ok()) {
      spdlog::warn("scheduled jobs: {}", done.status().ToString());
    }
  });
}

void ScheduledJobs::Stop() {
  worker_.Stop();
  if (Status released = context_.store.ReleaseLease(kScheduledJobsLease, holder_); !released.ok()) {
    spdlog::warn("scheduled jobs: giving up the lease: {}", released.ToString());
  }
}

}  // namespace biobridge::service
