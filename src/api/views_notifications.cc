// Views of notifications, preferences, the mail outbox and message threads.
#include "api/views.h"

#include "api/api.h"

namespace biobridge::api {

json::object View(const service::InboxItem& item) {
  const domain::Notification& n = item.notification;
  json::object out{{"id", n.seq},
                   {"kind", n.kind},
                   {"title", item.text.title},
                   {"body", item.text.body},
                   {"link", n.link},
                   {"subject", json::object{{"type", n.subject_type}, {"id", n.subject_id}}},
                   {"created_at", FormatTimestamp(n.created_at)},
                   {"read", n.read_at.has_value()}};
  if (n.read_at) out["read_at"] = FormatTimestamp(*n.read_at);
  return out;
}

json::object View(const service::Inbox& inbox) {
  json::object out = ListView(inbox.items);
  out["unread"] = inbox.unread;
  out["next_before"] = inbox.next_before > 0 ? json::value(inbox.next_before) : json::value(nullptr);
  return out;
}

json::object View(const service::SavedSearchView& view) {
  const domain::SavedSearch& s = view.saved;
  json::object filters;
  for (const auto& [key, value] : s.filters) filters[key] = value;
  json::object out{{"id", s.id},
                   {"kind", s.kind},
                   {"name", s.name},
                   {"rhythm", domain::RhythmName(s.rhythm)},
                   {"link", view.link},
                   {"created_at", FormatTimestamp(s.created_at)},
                   {"last_match_at", s.last_match_at ? json::value(FormatTimestamp(*s.last_match_at)) : json::value(nullptr)},
                   {"match_count", s.match_count}};
  if (s.kind == "search") {
    out["q"] = s.query;
    out["lang"] = s.language;
    out["filters"] = std::move(filters);
  } else {
    // The opportunity as its owner may see it now; null when it is gone.
    out["opportunity"] = view.opportunity.id.empty() ? json::value(nullptr) : json::value(RecordSummaryView(view.opportunity));
  }
  return out;
}

json::object View(const service::NotificationPreference& p) {
  return json::object{{"kind", p.kind},
                      {"rhythm", domain::RhythmName(p.rhythm)},
                      {"default", domain::RhythmName(p.default_rhythm)},
                      {"mandatory", p.mandatory}};
}

// What was and was not delivered; never what the mail carries (links with
// tokens stay in the outbox).
json::object View(const domain::OutboxMail& m) {
  json::object out{{"id", m.seq},
                   {"to", m.to_address},
                   {"kind", m.kind},
                   {"language", m.language},
                   {"state", m.state},
                   {"attempts", m.attempts},
                   {"last_error", m.last_error},
                   {"created_at", FormatTimestamp(m.created_at)},
                   {"next_attempt_at", FormatTimestamp(m.next_attempt_at)}};
  if (m.sent_at) out["sent_at"] = FormatTimestamp(*m.sent_at);
  return out;
}

json::object View(const service::MessageView& v) {
  const domain::Message& m = v.message;
  return json::object{{"id", m.seq},
                      {"thread", m.thread},
                      {"author", json::object{{"name", v.author_name},
                                              {"organization", m.author_organization},
                                              {"organization_name", v.organization_name}}},
                      {"body", m.body},
                      {"language", m.language},
                      {"created_at", FormatTimestamp(m.created_at)},
                      {"mine", v.mine}};
}

json::object View(const service::ThreadSummary& s) {
  return json::object{{"thread", s.thread}, {"title", s.title}, {"link", s.link}, {"last", View(s.last)},
                      {"unread", s.unread}};
}

json::object View(const service::ThreadView& t) {
  json::object out = ListView(t.messages);
  out["thread"] = t.thread;
  out["title"] = t.title;
  out["link"] = t.link;
  out["read_up_to"] = t.read_seq;
  out["unread"] = t.unread;
  json::array guests;
  for (const std::string& g : t.guests) guests.emplace_back(g);
  out["guests"] = std::move(guests);
  out["operator_to_add"] = t.operator_to_add.empty() ? json::value(nullptr) : json::value(t.operator_to_add);
  return out;
}

}  // namespace biobridge::api
