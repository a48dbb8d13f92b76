#include "service/notification_text.h"

#include <array>
#include <map>

#include <fmt/format.h>

#include "domain/localized_text.h"

namespace biobridge::service {
namespace {

// One phrase in the three languages.
struct Words {
  std::string_view en, zh, ru;
  std::string_view In(std::string_view language) const {
    if (language == "zh") return zh;
    if (language == "ru") return ru;
    return en;
  }
};

struct KindText {
  Words title;
  Words body;
};

// {name} is replaced by the param `name` in the reader's language.
const std::map<std::string_view, KindText>& Texts() {
  static const std::map<std::string_view, KindText> texts = {
      {"interest_received",
       {{"{from} expressed interest in {about}", "{from}对{about}表达了合作意向", "{from} проявляет интерес к {about}"},
        {"Accept it to open a deal, or decline it with a reason.", "接受即可开启合作项目，或说明理由后拒绝。",
         "Примите его, чтобы открыть сделку, или отклоните, указав причину."}}},
      {"interest_accepted",
       {{"{by} accepted your interest: a deal is open", "{by}接受了您的合作意向：合作项目已开启",
         "{by} принимает ваш интерес: сделка открыта"},
        {"", "", ""}}},
      {"interest_declined",
       {{"{by} declined your interest", "{by}婉拒了您的合作意向", "{by} отклоняет ваш интерес"},
        {"Reason: {reason}", "原因：{reason}", "Причина: {reason}"}}},
      {"deal_moved",
       {{"The deal with {partner} moved to {stage}", "与{partner}的合作项目已推进到：{stage}",
         "Сделка с {partner} переведена на этап «{stage}»"},
        {"", "", ""}}},
      {"agreement_awaiting",
       {{"{partner} accepted the confidentiality agreement; yours is awaited",
         "{partner}已接受保密协议，等待您的确认", "{partner} принимает соглашение о конфиденциальности; ждём вашего согласия"},
        {"Confidential details are shared once both sides accept.", "双方均接受后方可查看保密信息。",
         "Конфиденциальные сведения откроются, когда согласятся обе стороны."}}},
      {"meeting_requested",
       {{"{from} asks to meet you at {event}", "{from}希望在{event}与您会面", "{from} предлагает встречу на {event}"},
        {"Answer the request on the event page.", "请在活动页面回复该请求。", "Ответьте на запрос на странице мероприятия."}}},
      {"meeting_answered",
       {{"{by} {answer} your meeting request at {event}", "{by}{answer}了您在{event}的会面请求",
         "{by}: запрос о встрече на {event} {answer}"},
        {"", "", ""}}},
      {"schedule_published",
       {{"Your meeting with {with} at {event} is scheduled", "您在{event}与{with}的会面已排定",
         "Ваша встреча с {with} на {event} назначена"},
        {"Time: {when}. Place: {location}.", "时间：{when}。地点：{location}。", "Время: {when}. Место: {location}."}}},
      {"meeting_moved",
       {{"Your meeting with {with} at {event} has moved", "您在{event}与{with}的会面时间已调整",
         "Ваша встреча с {with} на {event} перенесена"},
        {"New time: {when}. Place: {location}.", "新时间：{when}。地点：{location}。", "Новое время: {when}. Место: {location}."}}},
      {"meeting_time_proposed",
       {{"{by} proposes another time for your meeting at {event}", "{by}提议调整您在{event}的会面时间",
         "{by} предлагает другое время вашей встречи на {event}"},
        {"Proposed time: {when}.", "提议时间：{when}。", "Предложенное время: {when}."}}},
      {"meeting_time_declined",
       {{"{by} keeps your meeting at {event} at its time", "{by}希望保留您在{event}的会面原定时间",
         "{by} оставляет вашу встречу на {event} в прежнее время"},
        {"", "", ""}}},
      {"meeting_cancelled",
       {{"Your meeting with {with} at {event} is cancelled", "您在{event}与{with}的会面已取消",
         "Ваша встреча с {with} на {event} отменена"},
        {"", "", ""}}},
      {"review_assigned",
       {{"You are asked to review “{project}”", "请您评审“{project}”", "Вас просят оценить «{project}»"},
        {"Programme: {programme}", "计划：{programme}", "Программа: {programme}"}}},
      {"review_withdrawn",
       {{"You no longer review “{project}”", "您不再评审“{project}”", "Вы больше не оцениваете «{project}»"},
        {"The committee's chair gave it to another reviewer. Programme: {programme}",
         "评审委员会主席已将其交由另一位评审人。计划：{programme}",
         "Председатель комитета передал её другому рецензенту. Программа: {programme}"}}},
      {"review_reminder",
       {{"Your review of “{project}” is due {due}", "您对“{project}”的评审将于{due}截止",
         "Срок вашей оценки «{project}» — {due}"},
        {"", "", ""}}},
      {"decision_made",
       {{"The committee decided on “{project}”: {outcome}", "评审委员会已对“{project}”作出决定：{outcome}",
         "Комитет принял решение по «{project}»: {outcome}"},
        {"", "", ""}}},
      {"invitation_received",
       {{"You are invited: {what} {target}", "您收到邀请：{what}{target}", "Вас приглашают: {what} {target}"},
        {"Accept or decline it under Invitations.", "请在“邀请”中接受或拒绝。", "Примите или отклоните его в разделе «Приглашения»."}}},
      {"invitation_answered",
       {{"Your invitation ({what} {target}) was {answer}", "您的邀请（{what}{target}）已被{answer}",
         "Ваше приглашение ({what} {target}): {answer}"},
        {"", "", ""}}},
      {"message_received",
       {{"New message from {from} ({topic})", "{from}给您发来新消息（{topic}）", "Новое сообщение от {from} ({topic})"},
        {"", "", ""}}},
      {"added_to_thread",
       {{"{by} added {operator} to the conversation about {topic}", "{by}已邀请{operator}加入关于{topic}的对话",
         "{by} добавляет {operator} в переписку о {topic}"},
        {"", "", ""}}},
      {"saved_search_match",
       {{"New matches for “{search}”", "“{search}”有新的匹配结果", "Новые совпадения по запросу «{search}»"},
        {"{count} new or changed", "{count}条新增或更新", "Новых или изменённых: {count}"}}},
      {"certificate_expiring",
       {{"{certificate} {number} expires on {expires}", "{certificate} {number} 将于{expires}到期",
         "{certificate} {number}: срок действия истекает {expires}"},
        {"{days} days left. Renew it and record the new dates; an expired certificate no longer counts in searches "
         "and matching.",
         "剩余{days}天。请及时续证并更新日期；过期证书将不再计入搜索和匹配。",
         "Осталось дней: {days}. Продлите его и внесите новые даты: истёкший сертификат больше не учитывается в "
         "поиске и подборе партнёров."}}},
      {"certificate_expired",
       {{"{certificate} {number} expired on {expires}", "{certificate} {number} 已于{expires}过期",
         "{certificate} {number}: срок действия истёк {expires}"},
        {"It is shown as expired and no longer counts in searches and matching until you record the renewal.",
         "该证书显示为已过期，在您更新续证信息前不再计入搜索和匹配。",
         "Он показан как истёкший и не учитывается в поиске и подборе, пока вы не внесёте продление."}}},
      {"certificate_verified",
       {{"{by} verified {certificate} {number}", "{by}已核验{certificate} {number}", "{by} подтверждает {certificate} {number}"},
        {"", "", ""}}},
      {"security",
       {{"Security notice for your BioBridge account: {what}", "您的 BioBridge 账户安全提示：{what}",
         "Уведомление о безопасности вашей учётной записи BioBridge: {what}"},
        {"If this was not you, change your password and end your other sessions.",
         "如非本人操作，请修改密码并结束其他会话。",
         "Если это были не вы, смените пароль и завершите другие сеансы."}}},
  };
  return texts;
}

// Values of coded params, shown in words.
const std::map<std::string_view, Words>& Codes() {
  static const std::map<std::string_view, Words> codes = {
      {"stage:contact", {"Contact", "初步接触", "Контакт"}},
      {"stage:cda", {"Confidentiality agreement", "保密协议", "Соглашение о конфиденциальности"}},
      {"stage:evaluation", {"Evaluation", "评估", "Оценка"}},
      {"stage:intention", {"Intention (LOI/MoU)", "合作意向（意向书/备忘录）", "Намерение (LOI/MoU)"}},
      {"stage:agreement", {"Agreement", "签署协议", "Соглашение"}},
      {"stage:implementation", {"Implementation", "实施", "Реализация"}},
      {"stage:closed", {"Closed", "已关闭", "Закрыта"}},
      {"answer:accepted", {"accepted", "接受", "принят"}},
      {"answer:declined", {"declined", "拒绝", "отклонён"}},
      {"answer:withdrawn", {"withdrawn", "撤回", "отозван"}},
      {"outcome:accept", {"accepted", "通过", "одобрить"}},
      {"outcome:revise", {"to be revised", "需修改", "доработать"}},
      {"outcome:reject", {"rejected", "未通过", "отклонить"}},
      {"reason:too_early", {"too early", "时机尚早", "слишком рано"}},
      {"reason:benefit_unclear", {"the benefit is unclear", "收益不明确", "польза неясна"}},
      {"reason:route_to_market_unclear", {"the route to market is unclear", "市场路径不明确", "путь на рынок неясен"}},
      {"reason:not_a_priority", {"not a priority now", "目前不是重点", "сейчас не в приоритете"}},
      {"reason:other", {"other", "其他", "другое"}},
      {"what:membership", {"to join", "加入", "вступить в"}},
      {"what:delegate", {"as a delegate to", "作为代表参加", "участвовать делегатом в"}},
      {"what:programme_opportunity", {"to place an opportunity in", "将合作机会纳入", "включить предложение в"}},
      {"what:password_changed", {"your password was changed", "您的密码已修改", "ваш пароль изменён"}},
      {"what:password_reset", {"your password was reset", "您的密码已重置", "ваш пароль сброшен"}},
      {"about:profile", {"your organisation", "贵机构", "вашей организации"}},
      {"topic:profile", {"your organisation", "贵机构", "ваша организация"}},
  };
  return codes;
}

const std::map<std::string_view, Words>& Phrases() {
  static const std::map<std::string_view, Words> phrases = {
      {"open", {"Open in BioBridge", "在 BioBridge 中打开", "Открыть в BioBridge"}},
      {"why", {"You receive this because you take part in BioBridge. Choose what is mailed to you under Account → Notifications.",
               "您收到此邮件是因为您是 BioBridge 的参与者。可在“账户 → 通知”中选择接收哪些邮件。",
               "Вы получили это письмо как участник BioBridge. Выбрать, что присылать по почте, можно в разделе «Учётная запись → Уведомления»."}},
      {"unsubscribe", {"Stop these mails", "不再接收此类邮件", "Больше не присылать такие письма"}},
      {"digest_subject", {"BioBridge: {count} updates", "BioBridge：{count} 条更新", "BioBridge: обновлений — {count}"}},
      {"greeting", {"Hello {name},", "{name}，您好：", "Здравствуйте, {name}!"}},
      {"verify_subject", {"BioBridge: confirm your address", "BioBridge：请确认您的邮箱地址",
                          "BioBridge: подтвердите адрес почты"}},
      {"verify_text", {"Open this link to confirm that {email} is your address. It is valid for 7 days. If you did not "
                       "register at BioBridge, ignore this mail.",
                       "请打开以下链接，确认 {email} 是您的邮箱地址。链接 7 天内有效。如果您没有注册 BioBridge，请忽略此邮件。",
                       "Откройте ссылку, чтобы подтвердить, что {email} — ваш адрес. Ссылка действует 7 дней. Если вы не "
                       "регистрировались в BioBridge, просто не обращайте внимания на это письмо."}},
      {"reset_subject", {"BioBridge: reset your password", "BioBridge：重置密码", "BioBridge: сброс пароля"}},
      {"reset_text", {"Someone, we hope you, asked to reset the password of the BioBridge account {email}. Open this link "
                      "within an hour to choose a new one. If it was not you, ignore this mail: your password stays "
                      "as it is.",
                      "有人（希望是您本人）申请重置 BioBridge 账户 {email} 的密码。请在一小时内打开以下链接设置新密码。"
                      "如非本人操作，请忽略此邮件，您的密码不会改变。",
                      "Кто-то (надеемся, вы) попросил сбросить пароль учётной записи BioBridge {email}. Откройте ссылку в "
                      "течение часа, чтобы задать новый. Если это были не вы, не обращайте внимания на письмо: пароль "
                      "останется прежним."}},
  };
  return phrases;
}

std::string Quoted(std::string_view title, std::string_view language) {
  if (language == "ru") return fmt::format("«{}»", title);
  return fmt::format("“{}”", title);
}

std::string Fill(std::string_view pattern, const domain::Notification& n, std::string_view language) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(i, open - i));
    const std::string key(pattern.substr(open + 1, close - open - 1));
    std::string value = ParamText(n.params, key, language);
    if (const auto code = Codes().find(fmt::format("{}:{}", key, value)); code != Codes().end()) {
      value = code->second.In(language);
    } else if (key == "about" || key == "topic") {
      value = Quoted(value, language);  // a title
    }
    out += value;
    i = close + 1;
  }
  out.append(pattern.substr(std::min(i, pattern.size())));
  return out;
}

}  // namespace

std::string_view MailLanguage(std::string_view requested) {
  if (requested == "zh" || requested == "ru") return requested;
  return "en";
}

std::string ParamText(const json::object& params, std::string_view key, std::string_view language) {
  const json::value* value = params.if_contains(key);
  if (!value) return "";
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64()) return std::to_string(value->get_int64());
  if (!value->is_object()) return "";
  const json::object& variants = value->get_object();
  for (std::string_view want : {language, std::string_view("en")}) {
    if (const json::value* v = variants.if_contains(want); v && v->is_string()) return std::string(v->get_string());
  }
  for (const auto& [lang, text] : variants) {
    if (text.is_string()) return std::string(text.get_string());
  }
  return "";
}

NotificationText RenderNotification(const domain::Notification& notification, std::string_view language) {
  language = MailLanguage(language);
  const auto found = Texts().find(notification.kind);
  if (found == Texts().end()) return {notification.kind, ""};
  NotificationText text{Fill(found->second.title.In(language), notification, language),
                        Fill(found->second.body.In(language), notification, language)};
  // The records a notice lists (saved-search matches): one line each, with
  // why it matched.
  if (const json::value* items = notification.params.if_contains("items"); items && items->is_array()) {
    for (const json::value& item : items->get_array()) {
      if (!item.is_object()) continue;
      const json::object& o = item.get_object();
      std::string line = "• " + ParamText(o, "title", language);
      if (const std::string by = ParamText(o, "organization", language); !by.empty() && by != ParamText(o, "title", language)) {
        line += " — " + by;
      }
      if (const std::string why = ParamText(o, "reasons", language); !why.empty()) {
        line += (language == "zh" ? "：" : ": ") + why;
      }
      text.body += "\n" + line;
    }
  }
  return text;
}

std::string MailPhrase(std::string_view key, std::string_view language) {
  const auto found = Phrases().find(key);
  if (found == Phrases().end()) return std::string(key);
  return std::string(found->second.In(MailLanguage(language)));
}

}  // namespace biobridge::service
