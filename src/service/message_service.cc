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
#include "storage/store.h"

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
  // The two parties, then the guests (operators a party added).
  std::vector<Side> sides = std::vector<Side>(2);
  std::size_t mine = 0;  // the viewer's side
  json::value about;
  std::string link;
  std::string programme;  // the programme the subject belongs to, "" for none

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
      p.programme = interest->programme_id;
      p.link = "/my";
    } else {
      Result<domain::Deal> deal = store.GetDeal(subject.id);
      if (!deal.ok()) return missing;
      a = deal->initiator, b = deal->recipient, opportunity = deal->opportunity_id;
      p.programme = deal->programme_id;
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
    if (Result<domain::Event> event = store.GetEvent(request->event_id); event.ok()) p.programme = event->programme_id;
  }
  BB_ASSIGN_OR_RETURN(std::vector<std::string> guests, store.ThreadGuests(p.thread));
  for (const std::string& guest : guests) p.sides.push_back({guest, {}, notices::OrganizationName(store, guest)});
  for (p.mine = 0; p.mine < p.sides.size(); ++p.mine) {
    if (p.IsOn(who, p.sides[p.mine])) return p;
  }
  return missing;  // platform admins, organisers and operators included, unless added
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
  view.title = Title(p, lang);
  for (std::size_t i = 2; i < p.sides.size(); ++i) view.guests.push_back(ParamText(json::object{{"n", p.sides[i].name}}, "n", lang));
  if (const std::string can = OperatorToAdd(p); !can.empty()) {
    view.operator_to_add = ParamText(json::object{{"n", notices::OrganizationName(context_.store, can)}}, "n", lang);
  }
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
    v.organization_name = OrganizationNameOf(p, m.author_organization, lang);
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
  storage::WriteContext write{who.actor(), context_.clock.Now()};
  write.notices.push_back(ToOthers(p, notices::Make("message_received", "thread", p.thread, "/threads/" + p.thread,
                                                     {{"from", mine.name}, {"topic", p.about}}),
                                   who));
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

// What the thread is about: the opportunity's title or, for interest in an
// organisation itself, the other side's name.
std::string MessageService::Title(const Parties& p, std::string_view language) {
  const bool about_profile = p.about.is_string() && p.about.get_string() == "profile";
  return ParamText(json::object{{"t", about_profile ? p.sides[p.mine == 1 ? 0 : 1].name : p.about}}, "t", language);
}

std::string MessageService::OrganizationNameOf(const Parties& p, std::string_view organization,
                                               std::string_view language) const {
  for (const Parties::Side& side : p.sides) {
    if (side.organization == organization) return ParamText(json::object{{"n", side.name}}, "n", language);
  }
  return "";
}

Result<std::vector<ThreadSummary>> MessageService::List(const Principal& who, std::int64_t limit,
                                                        std::string_view language) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "see their conversations"));
  if (limit < 1 || limit > kMaxThreadsPerList) {
    return InvalidArgumentError("limit", fmt::format("choose between 1 and {}", kMaxThreadsPerList));
  }
  const std::string lang = who.Language(language);
  // Read a little more than asked: threads one may no longer read are left out.
  BB_ASSIGN_OR_RETURN(std::vector<domain::Message> lasts,
                      context_.store.LastMessagesOfThreadsFor(who.user()->id, static_cast<int>(limit) * 2));
  std::vector<ThreadSummary> out;
  for (domain::Message& last : lasts) {
    if (out.size() >= static_cast<std::size_t>(limit)) break;
    Result<Parties> p = PartiesOf(who, last.thread);
    if (!p.ok()) continue;  // no longer a party (left the organisation, the subject is gone)
    ThreadSummary s;
    s.thread = p->thread;
    s.title = Title(*p, lang);
    s.link = p->link;
    BB_ASSIGN_OR_RETURN(const std::int64_t read, context_.store.ThreadReadSeq(who.user()->id, p->thread));
    BB_ASSIGN_OR_RETURN(std::vector<domain::Message> newer,
                        context_.store.ListMessages(p->thread, read, kMaxMessagesPerView));
    for (const domain::Message& m : newer) s.unread += m.author != who.user()->id ? 1 : 0;
    s.last.mine = last.author == who.user()->id;
    Result<domain::User> author = context_.store.GetUser(last.author);
    s.last.author_name = author.ok() ? author->display_name : "";
    s.last.organization_name = OrganizationNameOf(*p, last.author_organization, lang);
    s.last.message = std::move(last);
    out.push_back(std::move(s));
  }
  return out;
}

// The operator a party may add as a guest: that of the programme the
// subject belongs to, unless it takes part already ("" when none).
std::string MessageService::OperatorToAdd(const Parties& p) const {
  if (p.mine >= 2 || p.programme.empty()) return "";
  Result<domain::Programme> programme = context_.store.GetProgramme(p.programme);
  if (!programme.ok() || programme->operator_organization.empty()) return "";
  for (const Parties::Side& side : p.sides) {
    if (side.users.empty() && side.organization == programme->operator_organization) return "";
  }
  return programme->operator_organization;
}

domain::Notice MessageService::ToOthers(const Parties& p, domain::Notice notice, const Principal& who) {
  for (std::size_t i = 0; i < p.sides.size(); ++i) {
    if (i == p.mine) continue;
    const Parties::Side& side = p.sides[i];
    if (side.users.empty()) {
      notice.organizations.push_back(side.organization);
    } else {
      notice.users.insert(notice.users.end(), side.users.begin(), side.users.end());
    }
  }
  notice.except = who.actor();
  return notice;
}

Result<ThreadView> MessageService::AddOperator(const Principal& who, std::string_view thread) {
  BB_ASSIGN_OR_RETURN(Parties p, PartiesOf(who, thread));
  if (p.mine >= 2) return PermissionDeniedError("only the parties add others to a conversation");
  const std::string operator_organization = OperatorToAdd(p);
  if (operator_organization.empty()) {
    return FailedPreconditionError(p.programme.empty()
                                       ? "this conversation belongs to no programme: there is no operator to add"
                                       : "the programme's operator takes part in this conversation already");
  }
  storage::WriteContext write{who.actor(), context_.clock.Now()};
  write.notices.push_back(ToOthers(p, notices::Make("added_to_thread", "thread", p.thread, "/threads/" + p.thread,
                                                     {{"by", p.sides[p.mine].name},
                                                      {"operator", notices::OrganizationName(context_.store, operator_organization)},
                                                      {"topic", p.about}}),
                                   who));
  write.notices.back().organizations.push_back(operator_organization);
  BB_RETURN_IF_ERROR(context_.store.AddThreadGuest(p.thread, operator_organization, write).status());
  return Read(who, thread, 0);
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
