#include "service/message_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "base/utf8.h"
#include "domain/localized_text.h"
#include "service/authorization.h"
#include "service/notices.h"
#include "service/notification_text.h"
#include "service/request_body.h"

namespace biobridge::service {

// The two sides of a thread. A side is an organisation (interest, deal:
// every member) or a set of people (a meeting request: the delegates).
struct MessageService::Parties {
  struct Side {
    std::string organization;
    std::set<std::string> users;  // for a meeting request; empty: the organisation's members
    json::value name;             // shown to the other side
  };
  std::string thread;
  Side sides[2];
  int mine = 0;  // the viewer's side
  json::value about;
  std::string link;

  bool IsOn(const Principal& who, const Side& side) const {
    if (!who.user()) return false;
    return side.users.empty() ? who.MemberOf(side.organization) : side.users.contains(who.user()->id);
  }
};

Result<MessageService::Parties> MessageService::PartiesOf(const Principal& who, std::string_view thread) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "read messages"));
  BB_ASSIGN_OR_RETURN(domain::ThreadSubject subject, domain::ParseThread(thread));
  const Status missing = NotFoundError(fmt::format("no thread '{}' of yours exists", thread));
  Parties p;
  p.thread = domain::ThreadName(subject.type, subject.id);
  storage::Store& store = context_.store;
  if (subject.type == "interest" || subject.type == "deal") {
    std::string a, b, opportunity;
    if (subject.type == "interest") {
      Result<domain::Interest> interest = store.GetInterest(subject.id);
      if (!interest.ok()) return missing;
      a = interest->from_organization, b = interest->to_organization, opportunity = interest->opportunity_id;
      p.link = "/my";
    } else {
      Result<domain::Deal> deal = store.GetDeal(subject.id);
      if (!deal.ok()) return missing;
      a = deal->initiator, b = deal->recipient, opportunity = deal->opportunity_id;
      p.link = "/deals/" + subject.id;
    }
    p.sides[0] = {a, {}, notices::OrganizationName(store, a)};
    p.sides[1] = {b, {}, notices::OrganizationName(store, b)};
    p.about = opportunity.empty() ? json::value("profile") : notices::OpportunityTitle(store, opportunity);
  } else {
    Result<domain::MeetingRequest> request = store.GetMeetingRequest(subject.id);
    if (!request.ok()) return missing;
    BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, store.ListDelegates(request->event_id));
    std::map<std::string, const domain::Delegate*> by_id;
    for (const domain::Delegate& d : delegates) by_id.emplace(d.id, &d);
    const auto side_of = [&](const std::string& delegate_id) {
      Parties::Side side;
      const auto found = by_id.find(delegate_id);
      if (found == by_id.end()) return side;
      side.organization = found->second->organization_id;
      side.name = notices::PersonAt(store, found->second->name, side.organization);
      // Colleagues joining the meeting from the same organisation are on this side.
      for (const std::string& id : request->joining) {
        const auto joining = by_id.find(id);
        if (joining != by_id.end() && joining->second->organization_id == side.organization &&
            !joining->second->user_id.empty()) {
          side.users.insert(joining->second->user_id);
        }
      }
      if (!found->second->user_id.empty()) side.users.insert(found->second->user_id);
      if (side.users.empty()) side.users.insert("");  // nobody signs in as this delegate
      return side;
    };
    p.sides[0] = side_of(request->from);
    p.sides[1] = side_of(request->to);
    p.about = notices::EventName(store, request->event_id);
    p.link = "/events/" + request->event_id;
  }
  if (p.IsOn(who, p.sides[0])) {
    p.mine = 0;
  } else if (p.IsOn(who, p.sides[1])) {
    p.mine = 1;
  } else {
    return missing;  // platform admins, organisers and operators included
  }
  return p;
}

Result<ThreadView> MessageService::Read(const Principal& who, std::string_view thread, std::int64_t after,
                                        std::string_view language) {
  BB_ASSIGN_OR_RETURN(Parties p, PartiesOf(who, thread));
  if (after < 0) return InvalidArgumentError("after", "use the id of the last message you have");
  const std::string lang = who.Language(language);
  ThreadView view;
  view.thread = p.thread;
  view.link = p.link;
  // What the thread is about: the opportunity's title or, for interest in
  // an organisation itself, the other side's name.
  const bool about_profile = p.about.is_string() && p.about.get_string() == "profile";
  view.title = ParamText(json::object{{"t", about_profile ? p.sides[1 - p.mine].name : p.about}}, "t", lang);
  BB_ASSIGN_OR_RETURN(view.read_seq, context_.store.ThreadReadSeq(who.user()->id, p.thread));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Message> messages,
                      context_.store.ListMessages(p.thread, after, kMaxMessagesPerView));
  std::map<std::string, std::string> names;
  for (domain::Message& m : messages) {
    MessageView v;
    v.mine = m.author == who.user()->id;
    if (!names.contains(m.author)) {
      Result<domain::User> author = context_.store.GetUser(m.author);
      names[m.author] = author.ok() ? author->display_name : "";
    }
    v.author_name = names[m.author];
    for (const Parties::Side& side : p.sides) {
      if (side.organization == m.author_organization) {
        v.organization_name = ParamText(json::object{{"n", side.name}}, "n", lang);
      }
    }
    if (m.seq > view.read_seq && !v.mine) ++view.unread;
    v.message = std::move(m);
    view.messages.push_back(std::move(v));
  }
  return view;
}

Result<MessageView> MessageService::Post(const Principal& who, std::string_view thread, const json::object& body) {
  BB_ASSIGN_OR_RETURN(Parties p, PartiesOf(who, thread));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"body", "language"}));
  const json::value* text = body.if_contains("body");
  if (!text || !text->is_string()) return InvalidArgumentError("body", "write the message");
  const std::string trimmed = Trim(text->get_string());
  if (trimmed.empty()) return InvalidArgumentError("body", "write the message");
  if (CountCodePoints(trimmed) > domain::kMaxMessageCodePoints) {
    return InvalidArgumentError("body", fmt::format("the limit is {} characters", domain::kMaxMessageCodePoints));
  }
  BB_ASSIGN_OR_RETURN(std::string language, Text(body, "language", false, 8));
  if (language.empty()) {
    language = domain::GuessLanguageByScript(trimmed);
  } else if (language.size() != 2 || !std::all_of(language.begin(), language.end(), [](char c) {
               return c >= 'a' && c <= 'z';
             })) {
    return InvalidArgumentError("language", "an ISO 639-1 code such as en, zh or ru");
  }
  const Parties::Side& mine = p.sides[p.mine];
  const Parties::Side& other = p.sides[1 - p.mine];
  storage::WriteContext write{who.actor(), context_.clock.Now()};
  domain::Notice notice = notices::Make("message_received", "thread", p.thread, "/threads/" + p.thread,
                                        {{"from", mine.name}, {"topic", p.about}});
  if (other.users.empty()) {
    notice.organizations = {other.organization};
  } else {
    notice.users.assign(other.users.begin(), other.users.end());
  }
  notice.except = who.actor();
  write.notices.push_back(std::move(notice));
  BB_ASSIGN_OR_RETURN(domain::Message saved,
                      context_.store.PostMessage({0, p.thread, who.user()->id, mine.organization, trimmed, language, {}},
                                                 write));
  MessageView view;
  view.message = std::move(saved);
  view.author_name = who.user()->display_name;
  view.organization_name = ParamText(json::object{{"n", mine.name}}, "n", who.Language());
  view.mine = true;
  return view;
}

Status MessageService::MarkRead(const Principal& who, std::string_view thread, const json::object& body) {
  BB_ASSIGN_OR_RETURN(Parties p, PartiesOf(who, thread));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"up_to"}));
  const json::value* up_to = body.if_contains("up_to");
  const std::optional<std::int64_t> seq = up_to ? WholeNumber(*up_to) : std::nullopt;
  if (!seq || *seq <= 0) return InvalidArgumentError("up_to", "the id of the last message you read");
  return context_.store.MarkThreadRead(who.user()->id, p.thread, *seq);
}

}  // namespace biobridge::service
