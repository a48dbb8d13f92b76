// The JSON the API sends for each kind of thing. Directory records are their
// interchange form plus "version", "created_at" and "updated_at"; accounts
// never carry secrets.
#pragma once

#include <cmath>

#include "base/json.h"
#include "domain/account.h"
#include "domain/collaboration.h"
#include "domain/deal.h"
#include "domain/funnel.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "service/alert_service.h"
#include "service/document_service.h"
#include "service/account_service.h"
#include "service/committee_service.h"
#include "service/event_service.h"
#include "service/invitation_service.h"
#include "service/message_service.h"
#include "service/notification_service.h"
#include "service/pipeline_service.h"
#include "domain/queries.h"

namespace biobridge::api {

json::object View(const domain::Organization& organization);
json::object View(const domain::Opportunity& opportunity);
json::object View(const domain::Collaboration& collaboration);
json::object View(const domain::User& user);
json::object View(const service::Member& member);
json::object View(const domain::ApiToken& token);
json::object View(const domain::Interest& interest);
// An invitation with the names its reader needs and the reader's "side".
json::object View(const service::InvitationView& invitation);
// {"invitation": ...} for a change that became an invitation.
json::object InvitationSent(const domain::Invitation& invitation);
// A deal with its moves, the parties' acceptances of the agreement, whether
// both accepted ("cda"), and the stages it may move to now ("allowed_moves").
json::object View(const domain::Deal& deal);
json::object View(const domain::Funnel& funnel);
json::object View(const domain::Programme& programme);
json::object View(const service::Analytics& analytics);
// The analytics as CSV: one section per table (funnel, flows, areas), each
// with its header row, separated by a blank line.
std::string AnalyticsCsv(const service::Analytics& analytics);

// The expert committee (views_committee.cc).
json::object View(const domain::Expert& expert);
// A project as its viewer may see it, with "role" and "applicant_hidden".
json::object View(const service::ProjectView& project);
json::object View(const domain::Committee& committee);
json::object View(const domain::Review& review);
json::object View(const service::ReviewerStatus& reviewer);
json::object View(const service::ReviewerCandidate& candidate);
json::object View(const service::ConflictEntry& conflict);
json::object View(const domain::ProjectScores& scores);
json::object View(const service::AssignedProject& assigned);
json::object View(const service::ProspectReport& report);
// The report as a self-contained HTML page in its language.
std::string ReportHtml(const service::ProspectReport& report);
// Partnering events (views_events.cc).
json::object View(const domain::Event& event);
json::object View(const service::EventView& event);
json::object View(const domain::Delegate& delegate);
json::object View(const service::RequestView& request);
json::object View(const domain::Schedule& schedule);
json::object View(const domain::Meeting& meeting);
json::object View(const service::Agenda& agenda);
json::object View(const service::DelegateSuggestion& suggestion);
json::object View(const service::Participant& participant);
json::object View(const service::ParticipantPage& page);
json::object View(const service::CheckIn& check_in);
json::object View(const service::Attendance& attendance);
json::object View(const service::InboxItem& item);
json::object View(const service::Inbox& inbox);
json::object View(const service::SavedSearchView& view);
json::object View(const service::ThreadSummary& summary);
json::object View(const domain::Document& document);
json::object View(const service::NotificationPreference& preference);
json::object View(const domain::OutboxMail& mail);
json::object View(const service::MessageView& message);
json::object View(const service::ThreadView& thread);

// The text of View(record) from the record's stored JSON, without decoding
// it, with `extra` members after the record's own.
std::string ViewText(const domain::RecordJson& record, const json::object& extra = {});
// An organisation's Russian name in Latin letters (text/romanize.h), for
// readers who do not read Cyrillic: the views' "name_latin". None without a
// Russian name.
std::optional<std::string> NameLatin(const domain::LocalizedText& name);
// The members View(organization) adds to the record's own (name_latin), from
// its stored JSON, reading only what they need.
json::object OrganizationExtras(std::string_view stored);
// PageView(page of organisations), byte for byte, from the records as stored.
std::string OrganizationPageText(const domain::Page<domain::RecordJson>& page);

// {"items":[...]}: a whole list, unpaged.
template <typename T>
json::object ListView(const std::vector<T>& items) {
  json::array out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(View(item));
  return json::object{{"items", std::move(out)}};
}

// {"items":[...],"page":1,"per_page":20,"total":N,"pages":P}
template <typename T>
json::object PageView(const domain::Page<T>& page) {
  json::array items;
  items.reserve(page.items.size());
  for (const T& item : page.items) items.push_back(View(item));
  const std::int64_t pages = page.per_page > 0 ? (page.total + page.per_page - 1) / page.per_page : 0;
  return json::object{{"items", std::move(items)},
                      {"page", page.page},
                      {"per_page", page.per_page},
                      {"total", page.total},
                      {"pages", pages}};
}

}  // namespace biobridge::api
