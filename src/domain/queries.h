// What callers ask the system of record for and what it answers, shared by
// storage/ (which fills them) and service/ (which speaks them to api/ and
// cli/, so that neither needs the store's own header): pages, filters,
// records as stored, the outbox's mails, and what accepting an invitation
// applies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "domain/account.h"
#include "domain/event.h"
#include "domain/notification.h"
#include "domain/record.h"

namespace biobridge::domain {

struct PageRequest {
  int page = 1;  // 1-based
  int per_page = 20;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;  // matching records over all pages
  int page = 1;
  int per_page = 20;
};

// Empty members do not filter. Results are ordered by name (ASCII letters
// case-folded), then by order of creation.
struct OrganizationFilter {
  std::string country;
  std::string kind;
  std::string therapeutic_area;
  std::string modality;
};

// Empty members do not filter. `country` and `kind` are those of the posting
// organisation. Results are ordered newest first (in the order of creation).
struct OpportunityFilter {
  std::string organization_id;
  std::string direction;
  std::string cooperation;
  std::string therapeutic_area;
  std::string modality;
  std::string stage;
  std::string target_country;
  std::string country;
  std::string kind;
  // What the viewer may see: opportunities whose confidentiality is one of
  // `visible_tiers`, plus every opportunity of `own_organization_ids`. An
  // empty `visible_tiers` shows everything.
  std::vector<std::string> visible_tiers;
  std::vector<std::string> own_organization_ids;
};

struct ApiToken {
  std::string id;
  std::string user_id;
  std::string name;
  std::string token_hash;  // never the token itself
  Timestamp created_at;
};

// A record's interchange JSON as stored (byte for byte what
// json::serialize(domain::ToJson(record)) gives) with its meta: what the API
// sends, without decoding and encoding the record on the way.
struct RecordJson {
  std::string json;
  domain::RecordMeta meta;
};

// Which interests of an organisation: those it sent, those it received, or both.
enum class InterestSide { kSent, kReceived, kBoth };

// Empty members do not filter; `organization_id` matches either party.
struct DealFilter {
  std::string organization_id;
  std::string programme_id;
};

// Invitations that concern any of the listed parties (an empty list matches
// nothing): sent to `targets` (an organisation, event or programme id), to
// one of `emails` or `users`, or answered or asked by one of
// `organizations`. With `pending_at`, only those pending then (not yet
// decided, not expired).
struct InvitationFilter {
  std::vector<std::string> targets;
  std::vector<std::string> emails;
  std::vector<std::string> users;
  std::vector<std::string> organizations;
  std::optional<Timestamp> pending_at;
};

// What accepting an invitation applies, in the same transaction: a
// membership, a delegate's registration, or an opportunity placed in a
// programme.
struct ProgrammeOpportunity {
  std::string programme_id;
  std::string opportunity_id;
};
using InvitationEffect = std::variant<std::monostate, domain::Membership, domain::Delegate, ProgrammeOpportunity>;

// Empty members do not filter.
struct ReviewFilter {
  std::string programme_id;
  std::string project_id;
  std::string expert_id;
};

// A mail in the outbox. Its Message-ID is made from `seq` and `created_at`,
// so that a mail sent twice (a crash after sending, before recording it) is
// recognisably the same.
struct OutboxMail {
  std::int64_t seq = 0;
  std::string recipient_user;
  std::string to_address;
  std::string kind;
  std::string language;
  json::object payload;  // a notification's mail: {"notifications": [seq, ...]}
  Timestamp created_at{};
  std::string state;     // "pending", "sent", "failed" (gave up)
  int attempts = 0;
  Timestamp next_attempt_at{};
  std::string last_error;
  std::optional<Timestamp> sent_at;
};

struct NotificationPage {
  std::vector<domain::Notification> items;  // newest first
  std::int64_t unread = 0;                  // of all the person's notifications
};

// Empty members do not filter; `before_seq` 0 starts at the newest.
struct NotificationQuery {
  std::string recipient;
  std::int64_t before_seq = 0;
  int limit = 20;
  bool unread_only = false;
};

// A market-development plan as stored: its document is the plan's JSON.
struct StoredPlan {
  std::string id;
  std::string organization_id;
  std::string doc;  // the plan's JSON
  std::string visibility = "private";  // private, members, public
  std::string created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::int64_t version = 1;
};

}  // namespace biobridge::domain
