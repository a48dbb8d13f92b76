#include "api/error_text.h"

#include <fmt/args.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace biobridge::api {
namespace {

std::size_t Placeholders(std::string_view en) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = en.find('{', at)) != std::string_view::npos; ++at) {
    n += en.substr(at).starts_with("{}") || en.substr(at).starts_with("{~}");
  }
  return n;
}

TEST(ErrorTextTest, EveryFormOfTheCatalogueFormatsWithItsTemplatesValues) {
  for (const ErrorTemplate& t : ErrorCatalogue()) {
    const std::size_t n = Placeholders(t.en);
    for (const std::string_view form : {t.zh, t.ru}) {
      fmt::dynamic_format_arg_store<fmt::format_context> args;
      for (std::size_t i = 0; i < n; ++i) args.push_back(fmt::format("<{}>", i));
      std::string told;
      EXPECT_NO_THROW(told = fmt::vformat(form, args)) << t.en << " → " << form;
      EXPECT_FALSE(told.empty()) << t.en;
      // Every value the English carries is said, except a plural ending (a value right after a
      // letter: "certificate{}") or verb agreement ("reviews {} not").
      std::vector<bool> grammar;
      for (std::size_t at = 0; (at = std::string_view(t.en).find('{', at)) != std::string_view::npos; ++at) {
        const std::string_view rest = std::string_view(t.en).substr(at);
        if (!rest.starts_with("{}") && !rest.starts_with("{~}")) continue;
        grammar.push_back((at > 0 && std::isalpha(static_cast<unsigned char>(t.en[at - 1]))) ||
                          std::string_view(t.en).substr(0, at).ends_with("reviews "));
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (!grammar[i]) EXPECT_NE(told.find(fmt::format("<{}>", i)), std::string::npos) << t.en << " drops value " << i;
      }
    }
  }
}

// A template whose English the code no longer says would never match: each
// of its literal pieces must still stand in the sources.
TEST(ErrorTextTest, EveryTemplateIsStillSaidByTheCode) {
  std::string sources;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(BB_SOURCE_DIR "/src")) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    if (entry.path().filename().string().find("error_text") != std::string::npos) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    sources += text.str();
  }
  // Adjacent literals in the code ("..." "...") are one message.
  sources = std::regex_replace(sources, std::regex("\"\\s*\\n\\s*\""), "");
  for (const ErrorTemplate& t : ErrorCatalogue()) {
    std::string_view en = t.en;
    std::size_t start = 0;
    while (start <= en.size()) {
      std::size_t next = en.find('{', start);
      while (next != std::string_view::npos && !en.substr(next).starts_with("{}") && !en.substr(next).starts_with("{~}")) {
        next = en.find('{', next + 1);
      }
      const std::string_view piece = en.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start);
      std::string escaped;  // as the C++ source writes it
      for (char c : piece) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
      if (escaped.size() >= 4) {
        std::string formatted;  // as a fmt::format template writes it: braces doubled
        for (char c : escaped) formatted += c == '{' || c == '}' ? std::string(2, c) : std::string(1, c);
        EXPECT_TRUE(sources.find(escaped) != std::string::npos || sources.find(formatted) != std::string::npos)
            << "no code says \"" << piece << "\" (" << en << ")";
      }
      if (next == std::string_view::npos) break;
      start = en.find('}', next) + 1;
    }
  }
}

TEST(ErrorTextTest, MessagesAreToldInTheReadersLanguageWithTheirValues) {
  EXPECT_EQ(TranslateErrorMessage("is 300 characters long; the limit is 200", "zh"), "长度为300个字符，上限为200");
  EXPECT_EQ(TranslateErrorMessage("is 300 characters long; the limit is 200", "ru"),
            "длина 300 символов, допустимо не больше 200");
  EXPECT_EQ(TranslateErrorMessage("no deal has id 'deal_7'", "zh"), "找不到 id 为“deal_7”的合作项目");
  EXPECT_EQ(TranslateErrorMessage("no project for review has id 'rp_1'", "ru"),
            "нет проекта на рецензии с идентификатором «rp_1»");
  // What the caller tried to do is a phrase of its own.
  EXPECT_EQ(TranslateErrorMessage("sign in to review a project", "ru"), "войдите, чтобы рецензировать проект");
  EXPECT_EQ(TranslateErrorMessage("only members of organization 'org-a' may express interest on its behalf (a platform "
                                  "admin does not act in its name)",
                                  "zh"),
            "只有机构“org-a”的成员才能以该机构名义表达合作意向（平台管理员不代表机构行事）");
  EXPECT_EQ(TranslateErrorMessage("too many failed sign-ins; wait 1 second before trying again", "zh"),
            "登录失败次数过多；请等待1秒后再试");
  // What forms, events, deals and the store say.
  EXPECT_EQ(TranslateErrorMessage("slot 3 ends (10:00) before it starts (10:30)", "ru"),
            "слот 3 заканчивается (10:00) раньше, чем начинается (10:30)");
  EXPECT_EQ(TranslateErrorMessage("a deal at 'negotiation' cannot move to 'completed'; it can move to: agreement", "zh"),
            "处于“negotiation”阶段的合作项目不能转到“completed”；可转到：agreement");
  EXPECT_EQ(TranslateErrorMessage("only the organisers of event 'ev-1' may publish its schedule", "zh"),
            "只有活动“ev-1”的主办方才能发布其日程");
  EXPECT_EQ(TranslateErrorMessage("the invitation was withdrawn already", "zh"), "该邀请已处于“已撤回”状态");
  EXPECT_EQ(TranslateErrorMessage("must be a whole number, got a string", "ru"), "ожидается целое число, получено: строка");
  EXPECT_EQ(TranslateErrorMessage("must be a string, got an array", "zh"), "须为字符串，而不是数组");
  // A value that is itself a message of the catalogue is told in full.
  EXPECT_EQ(TranslateErrorMessage("Dr Li cannot review this project: declined this project", "ru"),
            "Dr Li не может рецензировать этот проект: отказался(ась) от этого проекта");
  EXPECT_EQ(TranslateErrorMessage("the event changed since the invitation was sent (the event was cancelled); ask the "
                                  "organisers for a new one",
                                  "zh"),
            "自发出邀请以来活动已变更（活动已取消）；请向主办方索取新的邀请");
  EXPECT_EQ(TranslateErrorMessage("give {\"amount\": a whole number, \"currency\": \"USD\"} or null", "ru"),
            "укажите {\"amount\": целое число, \"currency\": \"USD\"} или null");
  EXPECT_EQ(TranslateErrorMessage("give the version of the event you cancel", "ru"),
            "укажите версию мероприятия, которое вы отменяете");
  EXPECT_EQ(TranslateErrorMessage("organization 'org-a' still has 2 opportunities; delete them first", "ru"),
            "у организации «org-a» ещё есть возможности сотрудничества (2); сначала удалите их");
  EXPECT_EQ(TranslateErrorMessage("opportunity 'p1' was changed meanwhile: version 3 is current, the update was based on "
                                  "version 2; reload it and apply the change again",
                                  "zh"),
            "合作机会“p1”在此期间已被修改：当前为版本 3，而更新基于版本 2；请重新加载后再次修改");
}

TEST(ErrorTextTest, AMessageTheCatalogueDoesNotKnowStaysEnglishWhole) {
  EXPECT_EQ(TranslateErrorMessage("the moon is not in the directory", "zh"), std::nullopt);
  // A known frame around prose it does not know: English, not half of each.
  EXPECT_EQ(TranslateErrorMessage("sign in to juggle the deals", "ru"), std::nullopt);
  EXPECT_EQ(TranslateErrorMessage("no unicorn has id 'u1'", "zh"), std::nullopt);
  EXPECT_EQ(TranslateErrorMessage("only the organisers of event 'ev-1' may juggle", "ru"), std::nullopt);
  EXPECT_EQ(TranslateErrorMessage("is 300 characters long; the limit is 200", "en"), std::nullopt);
  EXPECT_EQ(TranslateErrorMessage("is 300 characters long; the limit is 200", "de"), std::nullopt);
}

TEST(ErrorTextTest, TheLanguageFollowsAcceptLanguageThenTheAccount) {
  EXPECT_EQ(ErrorLanguage("zh-TW,zh;q=0.9,en;q=0.8", ""), "zh");
  EXPECT_EQ(ErrorLanguage("kk-KZ,kk;q=0.9", "en"), "ru");
  EXPECT_EQ(ErrorLanguage("ro-MD", ""), "ru");
  EXPECT_EQ(ErrorLanguage("ro-RO", "zh"), "zh");  // Romanian is not ours: the account's
  EXPECT_EQ(ErrorLanguage("de-DE, en;q=0.5", "ru"), "en");
  EXPECT_EQ(ErrorLanguage("en;q=0.2, ru;q=0.7, zh;q=0.5", ""), "ru");
  EXPECT_EQ(ErrorLanguage("ru;q=0", "zh"), "zh");  // q=0: not acceptable
  EXPECT_EQ(ErrorLanguage("", "ru"), "ru");
  EXPECT_EQ(ErrorLanguage("", ""), "en");
  EXPECT_EQ(ErrorLanguage("garbage;;;q=x", "fr"), "en");
}

}  // namespace
}  // namespace biobridge::api
