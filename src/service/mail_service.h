// Mail: what the outbox holds, made into mails and delivered.
//
// MailComposer makes an outbox row (domain::OutboxMail) into a mail in its
// recipient's language: the notification's text, a link to the thing under
// the public URL, a plain-text and an HTML part, and a one-click
// unsubscribe (RFC 8058) for the kind, except for security mails.
//
// MailDelivery sends what is due through an SMTP transport and records each
// attempt: sent, or the error and a retry after a back-off that doubles from
// one minute to six hours, giving up after kMaxAttempts. A crash between
// sending and recording sends the mail again after a restart, with the same
// Message-ID (made from the row), so the copy is recognisably the same. A
// user's action never waits for or fails with mail: it only writes the
// outbox.
//
// Unsubscribe links carry a token signed with the installation's secret
// (HMAC, libsodium's crypto_auth): a person and a kind, nothing else to
// guess or to enumerate.
//
// Errors: the delivery worker records a mail it cannot make
// (kFailedPrecondition: its kind, notification or link is gone) as failed
// instead of retrying; Unsubscribe answers kInvalidArgument for a token that
// is not one of ours, the same for a forged or a mangled one.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/time_zone.h"
#include "domain/notification.h"
#include "mail/mail_message.h"
#include "mail/smtp_transport.h"
#include "service/context.h"
#include "service/notification_text.h"
#include "service/principal.h"

namespace biobridge::service {

struct MailSettings {
  std::string public_url = "http://127.0.0.1:8080";  // links in mails point here
  mail::Address from{"BioBridge", "biobridge@localhost"};
};

// Tokens of one-click unsubscribe links.
class UnsubscribeTokens {
 public:
  explicit UnsubscribeTokens(const ServiceContext& context) : context_(context) {}
  Result<std::string> Make(std::string_view user_id, std::string_view kind);
  struct Subject {
    std::string user_id;
    std::string kind;
  };
  // kInvalidArgument ("token") for anything not made by Make here.
  Result<Subject> Check(std::string_view token);

 private:
  Result<std::string> Key();
  const ServiceContext& context_;
  std::mutex mutex_;
  std::string key_;  // once read (or made)
};

// Body: none; the token says who and what. Sets the person's rhythm for the
// kind to never (a security kind cannot be unsubscribed from). Returns the
// kind.
Result<std::string> Unsubscribe(const ServiceContext& context, std::string_view token);

class MailComposer {
 public:
  MailComposer(const ServiceContext& context, MailSettings settings)
      : context_(context), settings_(std::move(settings)), tokens_(context) {}
  Result<mail::MailMessage> Compose(const domain::OutboxMail& mail);
  const MailSettings& settings() const { return settings_; }

 private:
  // Sender, recipient, date, Message-ID and kind header of the row's mail.
  mail::MailMessage Frame(const domain::OutboxMail& row, std::string name) const;
  // A mail with a single-use link: to verify the address, to reset the password.
  Result<mail::MailMessage> AccountLink(const domain::OutboxMail& row, const std::string& base,
                                        const std::string& language);
  // The iTIP invitation (RFC 5546) of a meeting's notification, made from
  // what the notice recorded: REQUEST when scheduled or moved (the sequence
  // grows), CANCEL when cancelled; none for other kinds.
  Result<std::optional<mail::CalendarPart>> MeetingInvitation(const domain::Notification& n,
                                                               const NotificationText& text,
                                                               const mail::MailMessage& m);
  const ServiceContext& context_;
  MailSettings settings_;
  UnsubscribeTokens tokens_;
};

// A thread that runs `work` every `interval` until stopped (at once when
// stopped during a wait).
class Periodic {
 public:
  ~Periodic() { Stop(); }
  void Start(std::chrono::milliseconds interval, std::function<void()> work);
  void Stop();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

struct DeliveryRound {
  int sent = 0;
  int failed = 0;  // attempts that failed (retried later or given up)
};

class MailDelivery {
 public:
  static constexpr int kMaxAttempts = 12;

  MailDelivery(const ServiceContext& context, MailSettings settings, std::unique_ptr<mail::SmtpTransport> transport);
  ~MailDelivery();  // stops the worker

  // Sends every mail due now (up to `limit`), once each.
  Result<DeliveryRound> DeliverDue(int limit = 100);
  // A thread that delivers what is due every `interval` until Stop(), while
  // this process holds the lease kMailDeliveryLease (so that no mail goes
  // out twice from two nodes); Stop gives the lease up.
  void Start(std::chrono::milliseconds interval = std::chrono::seconds(1));
  void Stop();

 private:
  const ServiceContext& context_;
  MailComposer composer_;
  std::unique_ptr<mail::SmtpTransport> transport_;
  std::string holder_;
  Periodic worker_;
};

// Reminds each expert whose review of a project is still open, once,
// domain::kReviewReminderLead before the committee's review deadline.
// Returns how many were reminded.
Result<int> QueueReviewReminders(const ServiceContext& context);

// What runs on a clock whether or not mail goes out: digests gathered into
// the outbox, review reminders, saved-search alerts and certificate expiry.
// RunScheduledJobs runs each once.
Result<int> RunScheduledJobs(const ServiceContext& context);

// One process at a time runs the scheduled jobs, however many serve one
// database: the one that holds the store's lease kScheduledJobsLease. A
// holder renews it each round for `lease`; when it stops or dies, another
// takes over once the lease runs out. Returns whether `holder` ran them.
inline constexpr std::string_view kScheduledJobsLease = "scheduled_jobs";
inline constexpr std::string_view kMailDeliveryLease = "mail_delivery";
// Whether `holder` holds (after taking or renewing it for `lease`) the store's lease `name`.
Result<bool> HoldLease(const ServiceContext& context, std::string_view name, std::string_view holder,
                       std::chrono::milliseconds lease);
Result<bool> RunScheduledJobsIfHolder(const ServiceContext& context, std::string_view holder,
                                      std::chrono::milliseconds lease);

// A name for this process among the nodes (host, process id and a random
// part), for leases and logs.
std::string NodeName(RandomSource& random);

class ScheduledJobs {
 public:
  explicit ScheduledJobs(const ServiceContext& context) : context_(context), holder_(NodeName(context.random)) {}
  ~ScheduledJobs();
  // Every `interval`, when this process holds the lease (three intervals long).
  void Start(std::chrono::milliseconds interval = std::chrono::seconds(30));
  // Stops, and gives the lease up so that another node takes over at once.
  void Stop();

 private:
  const ServiceContext& context_;
  std::string holder_;
  Periodic worker_;
};

// Digests go out at 08:00 in the recipient's time zone: daily ones every
// day, weekly ones on Mondays. DigestTime is the last such moment at or
// before `now`; QueueDueDigests puts what waited since before it into one
// mail per person and rhythm (returns how many mails).
inline constexpr unsigned kDigestHour = 8;
Result<Timestamp> DigestTime(const TimeZone& zone, domain::Rhythm rhythm, Timestamp now);
Result<int> QueueDueDigests(const ServiceContext& context);

// When to try again after `attempts` failed attempts; nullopt: give up.
std::optional<Timestamp> RetryAt(Timestamp now, int attempts);

}  // namespace biobridge::service
