#include "api/error_text.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "api/quality_list.h"
#include "base/strings.h"

namespace biobridge::api {
namespace {

// The messages people meet most: what a form's field is told, signing in
// and sessions, records that are not there or changed meanwhile, who may do
// what, and the committee's rules. Phrases (no placeholder) are also what a
// "{~}" value may be: what the caller tried to do, or a kind of record.
const std::vector<ErrorTemplate> kCatalogue = {
    // --- Whatever the request ---
    {"an internal error occurred (reference {}); the server log has the details", "服务器内部错误（编号 {0}）；详情见服务器日志",
     "внутренняя ошибка сервера (номер {0}); подробности в журнале сервера"},
    {"BioBridge cannot answer this for a moment (reference {}); try again shortly", "BioBridge 暂时无法响应（编号 {0}）；请稍后再试",
     "BioBridge сейчас не может ответить (номер {0}); попробуйте чуть позже"},

    // --- Fields ---
    {"must not be empty", "不能为空", "не может быть пустым"},
    {"is {} characters long; the limit is {}", "长度为{0}个字符，上限为{1}", "длина {0} символов, допустимо не больше {1}"},
    {"is longer than {} characters", "超过{0}个字符", "длиннее {0} символов"},
    {"the limit is {} characters", "上限为{0}个字符", "допустимо не больше {0} символов"},
    {"has {} items; the limit is {}", "有{0}项，上限为{1}项", "элементов: {0}, допустимо не больше {1}"},
    {"must be between {} and {}, got {}", "须在{0}到{1}之间，当前为{2}", "должно быть от {0} до {1}, получено {2}"},
    {"must be true or false", "须为 true 或 false", "должно быть true или false"},
    {"must be 1 or more", "须不小于 1", "должно быть не меньше 1"},
    {"cannot be negative", "不能为负数", "не может быть отрицательным"},
    {"an id is required", "需要填写 id", "нужен идентификатор"},
    {"must start with a letter or a digit", "须以字母或数字开头", "должно начинаться с буквы или цифры"},
    {"'{}' may hold only letters, digits and . _ : -", "“{0}”只能包含字母、数字和 . _ : -",
     "«{0}» может содержать только буквы, цифры и . _ : -"},
    {"must start with https:// or http://", "须以 https:// 或 http:// 开头", "должен начинаться с https:// или http://"},
    {"unknown country code '{}'; use an ISO 3166-1 alpha-2 code such as CN, RU or DE",
     "未知的国家代码“{0}”；请使用 ISO 3166-1 两字母代码，如 CN、RU 或 DE",
     "неизвестный код страны «{0}»; используйте двухбуквенный код ISO 3166-1, например CN, RU или DE"},
    {"'{}' is not an ISO 639-1 language code; use a two-letter lower-case code such as en, zh or ru",
     "“{0}”不是 ISO 639-1 语言代码；请使用两个小写字母，如 en、zh 或 ru",
     "«{0}» — не код языка ISO 639-1; используйте две строчные буквы, например en, zh или ru"},
    {"'{}' is not an IANA time zone such as Asia/Shanghai or Europe/Moscow",
     "“{0}”不是 IANA 时区（如 Asia/Shanghai 或 Europe/Moscow）",
     "«{0}» — не часовой пояс IANA (например, Asia/Shanghai или Europe/Moscow)"},
    {"unknown {~} '{}'; use one of: {}", "未知的{0}“{1}”；可选：{2}", "неизвестное значение «{1}» ({0}); допустимы: {2}"},
    {"unknown status '{}'", "未知的状态“{0}”", "неизвестный статус «{0}»"},
    {"\"{}\" is required", "“{0}”为必填项", "поле «{0}» обязательно"},
    {"\"{}\" is empty", "“{0}”为空", "поле «{0}» пустое"},
    {"\"{}\" must be a string, not {}", "“{0}”须为字符串，而不是 {1}", "поле «{0}» должно быть строкой, а не {1}"},
    {"unknown field \"{}\"; use: {}", "未知字段“{0}”；可用字段：{1}", "неизвестное поле «{0}»; допустимы: {1}"},
    {"give the version you read, for safe concurrent edits", "请提供您读取时的版本号，以免覆盖他人的修改",
     "укажите версию, которую вы прочитали, чтобы не затереть чужие правки"},
    {"\"version\" must be a whole number from 1: the version you saw", "“version”须为从 1 开始的整数：即您看到的版本",
     "«version» должно быть целым числом от 1: версией, которую вы видели"},
    {"{} is not a plausible year", "{0} 不是合理的年份", "{0} — неправдоподобный год"},
    {"give an email address such as name@example.org", "请填写电子邮箱地址，如 name@example.org",
     "укажите адрес электронной почты, например name@example.org"},
    {"'{}' is not a mail address", "“{0}”不是电子邮箱地址", "«{0}» — не адрес электронной почты"},
    {"use at least 10 characters; a few unrelated words work well", "请至少使用 10 个字符；几个互不相关的词就很好",
     "используйте не меньше 10 символов; хорошо подойдут несколько не связанных слов"},
    {"use at most 200 characters", "最多 200 个字符", "не больше 200 символов"},
    {"use at most 100 characters", "最多 100 个字符", "не больше 100 символов"},
    {"organization is required: the id of the organisation posting it", "须填写机构：发布方机构的 id",
     "нужна организация: идентификатор публикующей организации"},
    {"name is required: the expert's full name", "须填写姓名：专家的全名", "нужно имя: полное имя эксперта"},
    {"language is required: the language the project is written in (en, zh or ru)",
     "须填写语言：项目所用的语言（en、zh 或 ru）", "нужен язык, на котором написан проект (en, zh или ru)"},
    {"give the title in the project's language ({})", "请用项目所用语言（{0}）填写标题",
     "укажите название на языке проекта ({0})"},
    {"a submitted review recommends accept, revise or reject", "提交的评审须建议通过、修改后再议或不通过",
     "отправленная рецензия должна рекомендовать одобрить, доработать или отклонить"},
    {"the period ends before it starts", "结束时间早于开始时间", "период заканчивается раньше, чем начинается"},
    {"pages are numbered from 1", "页码从 1 开始", "страницы нумеруются с 1"},
    {"write the message", "请填写消息内容", "напишите сообщение"},
    {"the file is empty", "文件为空", "файл пуст"},
    {"the file is {} bytes; the limit is {} MB", "文件大小为{0}字节，上限为{1} MB", "размер файла {0} байт, допустимо не больше {1} МБ"},
    {"this link is not valid any more (used, expired or mistyped); ask for a new one",
     "此链接已失效（已使用、已过期或输入有误）；请重新申请", "эта ссылка больше не действует (использована, истекла или набрана с ошибкой); запросите новую"},

    // --- Signing in, sessions, tokens ---
    {"the email or the password is wrong", "邮箱或密码不正确", "неверный адрес почты или пароль"},
    {"your session has expired or was ended; sign in again", "您的会话已过期或已结束；请重新登录",
     "ваш сеанс истёк или был завершён; войдите снова"},
    {"the API token is not valid; create a new one", "API 令牌无效；请新建一个", "API-токен недействителен; создайте новый"},
    {"too many failed sign-ins; wait {} second{} before trying again", "登录失败次数过多；请等待{0}秒后再试",
     "слишком много неудачных попыток входа; подождите {0} с и попробуйте снова"},
    {"a link was sent a moment ago: look for it, or ask again in a few minutes", "刚刚已发送过链接：请查收，或几分钟后再申请",
     "ссылка только что отправлена: найдите её или запросите снова через несколько минут"},
    {"sign in to {~}", "请先登录，再{0}", "войдите, чтобы {0}"},
    {"sign in to see your account", "请登录以查看您的账户", "войдите, чтобы открыть свой аккаунт"},
    {"no account has this email; ask the person to register first", "没有使用此邮箱的账户；请先请对方注册",
     "нет аккаунта с этим адресом; попросите человека сначала зарегистрироваться"},
    {"this is the organisation's only admin; make someone else admin first", "此人是该机构唯一的管理员；请先指定其他管理员",
     "это единственный администратор организации; сначала назначьте администратором кого-то ещё"},

    // --- Who may ---
    {"only members of organization '{}' may {~} (a platform admin does not act in its name)",
     "只有机构“{0}”的成员才能{1}（平台管理员不代表机构行事）",
     "только участники организации «{0}» могут {1} (администратор платформы не действует от её имени)"},
    {"only members of organization '{}' may {~}", "只有机构“{0}”的成员才能{1}", "только участники организации «{0}» могут {1}"},
    {"only admins of organization '{}' may {~} (a platform admin does not act in its name)",
     "只有机构“{0}”的管理员才能{1}（平台管理员不代表机构行事）",
     "только администраторы организации «{0}» могут {1} (администратор платформы не действует от её имени)"},
    {"only admins of organization '{}' may {~}", "只有机构“{0}”的管理员才能{1}", "только администраторы организации «{0}» могут {1}"},
    {"only platform admins may {~}", "只有平台管理员才能{0}", "только администраторы платформы могут {0}"},
    {"only a person can {~}", "只有个人账户才能{0}", "только человек может {0}"},
    {"only the committee chair (members of '{}', which runs the programme) may {~}",
     "只有评审委员会主席（运营该计划的“{0}”的成员）才能{1}",
     "только председатель комитета (участники «{0}», которая ведёт программу) может {1}"},

    // --- Records ---
    {"no {~} has id '{}'", "找不到 id 为“{1}”的{0}", "не найдено ({0}) с идентификатором «{1}»"},
    {"no project for review has id '{}'", "找不到 id 为“{0}”的评审项目", "нет проекта на рецензии с идентификатором «{0}»"},
    {"no expression of interest has id '{}'", "找不到 id 为“{0}”的合作意向", "нет заявки об интересе с идентификатором «{0}»"},
    {"no saved search has id '{}'", "找不到 id 为“{0}”的已保存搜索", "нет сохранённого поиска с идентификатором «{0}»"},
    {"the {~} changed (version {} now, not {}); reload it", "{0}已被修改（当前为版本 {1}，而非 {2}）；请重新加载",
     "запись изменилась ({0}: теперь версия {1}, а не {2}); обновите страницу"},
    {"the {~} changed since version {} (it is at {}); reload and try again", "{0}自版本 {1} 起已被修改（当前为 {2}）；请重新加载后再试",
     "запись изменилась после версии {1} ({0}: теперь {2}); обновите страницу и попробуйте снова"},
    {"you are not registered for event {}", "您未报名参加活动 {0}", "вы не зарегистрированы на мероприятие {0}"},

    // --- The committee ---
    {"the committee has decided on this project; reviews are closed", "评审委员会已对该项目作出决定；评审已关闭",
     "комитет уже принял решение по этому проекту; рецензирование закрыто"},
    {"a submitted review stays submitted; you may still correct it", "已提交的评审不能撤回为草稿；您仍可修改",
     "отправленная рецензия остаётся отправленной; исправить её ещё можно"},
    {"the report opens to the applicant once the committee has decided", "评审委员会作出决定后，申请方才能查看报告",
     "отчёт откроется заявителю, когда комитет примет решение"},
    {"{~}: wait for the reviews, or decide now with an override_reason saying why the committee cannot wait",
     "{0}。请等待评审，或填写 override_reason 说明委员会为何不能等待后立即决定",
     "{0}. Дождитесь рецензий или примите решение сейчас, указав в override_reason, почему комитет не может ждать"},
    {"{} of the {} assigned reviews {} not submitted ({} a draft the committee cannot read yet); the applicant's report "
     "would rest on {~}",
     "{1}份已分配的评审中有{0}份尚未提交（其中{3}份为委员会尚不能查看的草稿）；申请方的报告将只基于{4}",
     "не отправлено рецензий: {0} из {1} назначенных (черновиков, которые комитет пока не видит: {3}); отчёт для "
     "заявителя будет основан на {4}"},
    {"no review of this project is in and no reviewer is assigned", "该项目尚无评审，也未分配评审人",
     "по проекту нет ни одной рецензии и не назначен ни один рецензент"},
    {"no reviewer is assigned", "尚未分配评审人", "не назначен ни один рецензент"},
    {"one review", "1份评审", "одной рецензии"},
    {"{} reviews", "{0}份评审", "{0} рецензиях"},
    {"draft an assignment first", "请先起草评审分配", "сначала подготовьте распределение"},
    {"publish the assignment first", "请先发布评审分配", "сначала опубликуйте распределение"},

    // --- Phrases: what the caller tried to do ---
    {"see projects for review", "查看评审项目", "видеть проекты на рецензии"},
    {"review a project", "评审项目", "рецензировать проект"},
    {"see your review", "查看您的评审", "видеть свою рецензию"},
    {"read a report", "阅读报告", "читать отчёт"},
    {"decide on a project", "对项目作出决定", "принимать решение по проекту"},
    {"see the reviews", "查看评审意见", "видеть рецензии"},
    {"see the scores", "查看评分", "видеть оценки"},
    {"set up the committee", "设立评审委员会", "формировать комитет"},
    {"draft the reviewer assignment", "起草评审分配", "готовить распределение рецензентов"},
    {"publish the reviewer assignment", "发布评审分配", "публиковать распределение рецензентов"},
    {"update the reviewer assignment", "更新评审分配", "обновлять распределение рецензентов"},
    {"choose a project's reviewers", "选择项目的评审人", "выбирать рецензентов проекта"},
    {"change a project's reviewers", "更换项目的评审人", "менять рецензентов проекта"},
    {"see the committee's conflicts", "查看委员会的利益冲突", "видеть конфликты интересов комитета"},
    {"submit a project", "提交项目", "подавать проект"},
    {"submit a project for it", "以该机构名义提交项目", "подавать проект от её имени"},
    {"post an opportunity", "发布合作机会", "публиковать возможности сотрудничества"},
    {"post opportunities for it", "以该机构名义发布合作机会", "публиковать возможности от её имени"},
    {"delete its opportunities", "删除其合作机会", "удалять её публикации"},
    {"express interest", "表达合作意向", "выражать интерес"},
    {"express interest on its behalf", "以该机构名义表达合作意向", "выражать интерес от её имени"},
    {"see deals", "查看合作项目", "видеть сделки"},
    {"see its deals", "查看其合作项目", "видеть её сделки"},
    {"see expressions of interest", "查看合作意向", "видеть заявки об интересе"},
    {"see its expressions of interest", "查看其合作意向", "видеть её заявки об интересе"},
    {"see its members", "查看其成员", "видеть её участников"},
    {"see invitations", "查看邀请", "видеть приглашения"},
    {"see your invitations", "查看您的邀请", "видеть свои приглашения"},
    {"see your sessions", "查看您的会话", "видеть свои сеансы"},
    {"end sessions", "结束会话", "завершать сеансы"},
    {"list your API tokens", "查看您的 API 令牌", "видеть свои API-токены"},
    {"read messages", "阅读消息", "читать сообщения"},
    {"register for events", "报名参加活动", "регистрироваться на мероприятия"},
    {"see your registration", "查看您的报名", "видеть свою регистрацию"},
    {"see whom to meet", "查看推荐会面对象", "видеть, с кем встретиться"},
    {"see meeting requests", "查看会面请求", "видеть запросы на встречи"},
    {"see agendas", "查看日程", "видеть расписания"},
    {"see delegates", "查看参会代表", "видеть делегатов"},
    {"propose another time", "提议其他时间", "предлагать другое время"},
    {"record how meetings went", "记录会面结果", "записывать итоги встреч"},
    {"edit a plan", "编辑计划", "редактировать план"},
    {"share a plan", "共享计划", "делиться планом"},
    {"submit a plan for review", "提交计划以供评审", "подавать план на рецензию"},
    {"edit a certificate", "编辑证书", "редактировать сертификат"},
    {"verify a certificate", "核验证书", "проверять сертификат"},
    {"record its certificates", "登记其证书", "вносить её сертификаты"},
    {"import records", "导入记录", "импортировать записи"},
    {"grant platform roles", "授予平台角色", "назначать роли платформы"},
    {"delete an organisation", "删除机构", "удалять организацию"},

    // --- Phrases: kinds of record ---
    {"organisation", "机构", "организация"},
    {"organization", "机构", "организация"},
    {"opportunity", "合作机会", "возможность сотрудничества"},
    {"collaboration", "合作记录", "совместный проект"},
    {"deal", "合作项目", "сделка"},
    {"plan", "计划", "план"},
    {"certificate", "证书", "сертификат"},
    {"committee", "评审委员会", "комитет"},
    {"user", "用户", "пользователь"},
    {"document", "文件", "документ"},
    {"event", "活动", "мероприятие"},
    {"delegate", "参会代表", "делегат"},
    {"expert", "专家", "эксперт"},
    {"programme", "计划", "программа"},
    {"review", "评审", "рецензия"},
    {"invitation", "邀请", "приглашение"},
    {"meeting request", "会面请求", "запрос на встречу"},
    {"certification", "认证", "сертификация"},
};

// A template cut at its placeholders: literal pieces around them, and for
// each value whether it is a phrase to translate.
struct Parsed {
  std::vector<std::string_view> pieces;  // one more than the values
  std::vector<bool> phrase;
};

Parsed Parse(std::string_view en) {
  Parsed out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < en.size(); ++i) {
    if (en[i] != '{') continue;
    const std::size_t close = en.find('}', i);
    if (close == std::string_view::npos) break;
    const std::string_view inside = en.substr(i + 1, close - i - 1);
    if (!inside.empty() && inside != "~") continue;  // a literal brace
    out.pieces.push_back(en.substr(start, i - start));
    out.phrase.push_back(inside == "~");
    start = close + 1;
    i = close;
  }
  out.pieces.push_back(en.substr(start));
  return out;
}

// The values of `message` under the template, or nothing when it does not fit.
std::optional<std::vector<std::string_view>> Match(const Parsed& t, std::string_view message) {
  const std::string_view head = t.pieces.front(), tail = t.pieces.back();
  if (t.phrase.empty()) {
    if (message == head) return std::vector<std::string_view>{};
    return std::nullopt;
  }
  if (message.size() < head.size() + tail.size() || !message.starts_with(head) || !message.ends_with(tail)) {
    return std::nullopt;
  }
  const std::size_t end = message.size() - tail.size();
  std::vector<std::string_view> values;
  std::size_t at = head.size();
  for (std::size_t i = 1; i + 1 < t.pieces.size(); ++i) {
    const std::size_t found = message.find(t.pieces[i], at);
    if (found == std::string_view::npos || found > end) return std::nullopt;
    values.push_back(message.substr(at, found - at));
    at = found + t.pieces[i].size();
  }
  if (at > end) return std::nullopt;
  values.push_back(message.substr(at, end - at));
  return values;
}

const std::vector<Parsed>& ParsedCatalogue() {
  static const std::vector<Parsed> parsed = [] {
    std::vector<Parsed> out;
    for (const ErrorTemplate& t : kCatalogue) out.push_back(Parse(t.en));
    return out;
  }();
  return parsed;
}

std::optional<std::string> Translate(std::string_view message, std::string_view language, int depth) {
  const std::vector<Parsed>& parsed = ParsedCatalogue();
  for (std::size_t i = 0; i < kCatalogue.size(); ++i) {
    std::optional<std::vector<std::string_view>> values = Match(parsed[i], message);
    if (!values) continue;
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    bool complete = true;
    for (std::size_t v = 0; v < values->size() && complete; ++v) {
      if (!parsed[i].phrase[v]) {
        args.push_back(std::string((*values)[v]));
        continue;
      }
      std::optional<std::string> phrase = depth < 2 ? Translate((*values)[v], language, depth + 1) : std::nullopt;
      complete = phrase.has_value();
      if (complete) args.push_back(std::move(*phrase));
    }
    if (!complete) continue;  // another template may fit; else the English stands whole
    const std::string_view form = language == "zh" ? kCatalogue[i].zh : kCatalogue[i].ru;
    try {
      return fmt::vformat(form, args);
    } catch (const fmt::format_error&) {
      return std::nullopt;  // the catalogue's test keeps this from happening
    }
  }
  return std::nullopt;
}

// The language of one Accept-Language tag, as the web UI would choose it.
std::string_view LanguageOfTag(std::string_view tag) {
  const std::string lower = AsciiLower(Trim(tag));
  const std::string primary = lower.substr(0, lower.find('-'));
  if (primary == "en" || primary == "zh" || primary == "ru") return primary == "en" ? "en" : primary == "zh" ? "zh" : "ru";
  static constexpr std::string_view kReadRussian[] = {"kk", "uz", "ky", "tg", "tk", "be", "hy", "az", "ka"};
  if (std::find(std::begin(kReadRussian), std::end(kReadRussian), primary) != std::end(kReadRussian)) return "ru";
  if (lower == "ro-md") return "ru";
  return {};
}

}  // namespace

std::string ErrorLanguage(std::string_view accept_language, std::string_view account_language) {
  for (const WeightedItem& tag : QualityList(accept_language)) {
    if (tag.q <= 0) break;  // the rest are not acceptable either: highest weight first
    if (const std::string_view language = LanguageOfTag(tag.value); !language.empty()) return std::string(language);
  }
  if (account_language == "zh" || account_language == "ru") return std::string(account_language);
  return "en";
}

std::optional<std::string> TranslateErrorMessage(std::string_view message, std::string_view language) {
  if (language != "zh" && language != "ru") return std::nullopt;
  return Translate(message, language, 0);
}

const std::vector<ErrorTemplate>& ErrorCatalogue() { return kCatalogue; }

}  // namespace biobridge::api
