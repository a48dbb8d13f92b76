// Reasons as sentences in the viewer's language.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "match/matcher.h"

namespace biobridge::match {
namespace {

struct Template {
  const char* en;
  const char* zh;
  const char* ru;
};

// {0}: the first item, {1}: the rest (or all items, for list reasons).
const std::map<std::string_view, Template>& Templates() {
  static const std::map<std::string_view, Template> kTemplates = {
      {"shared_concepts", {"Both are about {1}", "双方都涉及：{1}", "Общие темы: {1}"}},
      {"shared_words", {"Similar wording", "文字内容相近", "Похожие формулировки"}},
      {"offer_meets_request",
       {"Their offer answers your request ({1})", "对方的提供回应了您的需求（{1}）",
        "Их предложение отвечает на ваш запрос ({1})"}},
      {"request_meets_offer",
       {"Their request is what you offer ({1})", "对方的需求正是您所提供的（{1}）",
        "Их запрос соответствует вашему предложению ({1})"}},
      {"complementary_cooperation",
       {"{0} meets {1}", "{0}与{1}互补", "{0} и {1} дополняют друг друга"}},
      {"partner_kind",
       {"{0}: the kind of partner {1} needs", "{0}：正是{1}所需要的合作方", "{0} — нужный тип партнера для: {1}"}},
      {"looks_for_your_kind",
       {"They look for a partner like you ({0}) for {1}", "对方正在为{1}寻找像您这样的合作方（{0}）",
        "Они ищут партнера вашего типа ({0}): {1}"}},
      {"complementary_kinds", {"{0} and {1} complement each other", "{0}与{1}互补", "{0} и {1} дополняют друг друга"}},
      {"wants_what_you_bring",
       {"They look for products like yours to sell in {1}", "对方正在为{1}市场寻找您这样的产品",
        "Ищут продукцию, как ваша, для рынка: {1}"}},
      {"brings_what_you_want",
       {"A maker looking to sell in {1}, your market", "希望进入您所在市场（{1}）的生产企业",
        "Производитель ищет выход на ваш рынок: {1}"}},
      {"target_market",
       {"Based in {1}, your target market", "位于您的目标市场：{1}", "Находится в целевой для вас стране: {1}"}},
      {"market_presence",
       {"Present in your target markets: {1}", "已进入您的目标市场：{1}", "Присутствует на ваших целевых рынках: {1}"}},
      {"targets_your_country",
       {"Looking for partners in {1}, where you are", "正在寻找{1}的合作伙伴，即您所在的国家",
        "Ищет партнеров в вашей стране: {1}"}},
      {"therapeutic_area",
       {"Same therapeutic areas: {1}", "相同的治疗领域：{1}", "Общие терапевтические области: {1}"}},
      {"certification",
       {"Holds what you ask for: {1}", "持有您要求的资质：{1}", "Имеет требуемые сертификаты: {1}"}},
      {"stage", {"Development stage fits: {1}", "研发阶段相符：{1}", "Подходящая стадия разработки: {1}"}},
  };
  return kTemplates;
}

// The same reasons for a reader who is not the source: no "you".
const std::map<std::string_view, Template>& ThirdPersonTemplates() {
  static const std::map<std::string_view, Template> kTemplates = {
      {"offer_meets_request",
       {"Their offer answers this request ({1})", "对方的提供回应了该需求（{1}）",
        "Их предложение отвечает на этот запрос ({1})"}},
      {"request_meets_offer",
       {"Their request is what this offer provides ({1})", "对方的需求正是该提供的内容（{1}）",
        "Их запрос соответствует этому предложению ({1})"}},
      {"looks_for_your_kind",
       {"They look for a partner of this kind ({0}) for {1}", "对方正在为{1}寻找此类合作方（{0}）",
        "Они ищут партнера такого типа ({0}): {1}"}},
      {"target_market",
       {"Based in {1}, a target market here", "位于其目标市场：{1}", "Находится в целевой стране: {1}"}},
      {"market_presence",
       {"Present in the target markets: {1}", "已进入其目标市场：{1}", "Присутствует на целевых рынках: {1}"}},
      {"targets_your_country",
       {"Looking for partners in {1}, where this organisation is", "正在寻找{1}的合作伙伴，即该机构所在的国家",
        "Ищет партнеров в стране этой организации: {1}"}},
      {"certification",
       {"Holds what is asked for: {1}", "持有所要求的资质：{1}", "Имеет требуемые сертификаты: {1}"}},
      {"wants_what_you_bring",
       {"They look for products like these to sell in {1}", "对方正在为{1}市场寻找此类产品",
        "Ищут такую продукцию для рынка: {1}"}},
      {"brings_what_you_want",
       {"A maker looking to sell in {1}, this organisation's market", "希望进入该机构所在市场（{1}）的生产企业",
        "Производитель ищет выход на рынок этой организации: {1}"}},
  };
  return kTemplates;
}

// The history reasons carry counts and a year, not codes.
std::string ExplainHistory(const Reason& reason, std::string_view language, Addressee addressee) {
  const bool you = addressee == Addressee::kSource;
  const std::string count = reason.items.empty() ? "" : reason.items[0];
  if (reason.code == "partners_in_common") {
    if (language == "zh") return fmt::format("与{}有{}个共同的合作伙伴", you ? "您" : "该机构", count);
    if (language == "ru") return fmt::format("Общих с {} партнеров: {}", you ? "вами" : "этой организацией", count);
    return fmt::format("Worked with {} of {} past partners", count, you ? "your" : "this organisation's");
  }
  const std::string year = reason.items.size() > 1 ? reason.items[1] : "";
  if (language == "zh") {
    const char* lead = you ? "曾与您合作" : "曾与该机构合作";
    return year.empty() ? fmt::format("{}：共同项目{}个", lead, count)
                        : fmt::format("{}：共同项目{}个，最近一次在{}年", lead, count, year);
  }
  if (language == "ru") {
    const char* lead = you ? "Уже работали с вами" : "Уже работали с этой организацией";
    return year.empty() ? fmt::format("{}: совместных проектов — {}", lead, count)
                        : fmt::format("{}: совместных проектов — {}, последний — в {} г.", lead, count, year);
  }
  const std::string projects = count == "1" ? "1 joint project" : count + " joint projects";
  const char* lead = you ? "Worked with you before" : "Worked with this organisation before";
  return year.empty() ? fmt::format("{}: {}", lead, projects) : fmt::format("{}: {}, the latest in {}", lead, projects, year);
}

}  // namespace

std::string ExplainReason(const Reason& reason, std::string_view language, const text::Vocabulary& vocabulary,
                          const domain::Taxonomies& taxonomies, Addressee addressee) {
  if (reason.code == "worked_together" || reason.code == "partners_in_common") {
    return ExplainHistory(reason, language, addressee);
  }
  auto taxonomy_label = [&](const domain::Taxonomy& t, const std::string& code) {
    const domain::TaxonomyEntry* e = t.Find(code);
    return e ? std::string(e->labels.Best({language, "en"})) : code;
  };
  // Items name concepts or codes of one vocabulary, which the code implies.
  auto label = [&](const std::string& item, std::size_t index) -> std::string {
    const std::string_view code = reason.code;
    if (code == "shared_concepts" || code == "certification") {
      const text::Concept* c = vocabulary.Find(item);
      return c ? std::string(c->labels.Best({language, "en"})) : item;
    }
    if (code == "target_market" || code == "market_presence" || code == "targets_your_country" ||
        code == "wants_what_you_bring" || code == "brings_what_you_want") {
      return taxonomy_label(taxonomies.countries(), item);
    }
    if (code == "therapeutic_area") return taxonomy_label(taxonomies.therapeutic_areas(), item);
    if (code == "stage") return taxonomy_label(taxonomies.stages(), item);
    if (code == "complementary_kinds" || ((code == "partner_kind" || code == "looks_for_your_kind") && index == 0)) {
      return taxonomy_label(taxonomies.organization_kinds(), item);
    }
    return taxonomy_label(taxonomies.cooperation_types(), item);
  };
  const std::string separator = language == "zh" ? "、" : ", ";
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < reason.items.size(); ++i) labels.push_back(label(reason.items[i], i));
  const bool first_apart = reason.code == "complementary_cooperation" || reason.code == "partner_kind" ||
                           reason.code == "looks_for_your_kind" || reason.code == "complementary_kinds";
  std::string first;
  std::string rest;
  if (first_apart && !labels.empty()) {
    first = labels.front();
    rest = fmt::format("{}", fmt::join(labels.begin() + 1, labels.end(), separator));
  } else {
    rest = fmt::format("{}", fmt::join(labels, separator));
  }
  auto it = Templates().find(reason.code);
  if (it == Templates().end()) return reason.code;
  if (addressee == Addressee::kOther) {
    if (auto third = ThirdPersonTemplates().find(reason.code); third != ThirdPersonTemplates().end()) it = third;
  }
  const char* pattern = language == "zh" ? it->second.zh : language == "ru" ? it->second.ru : it->second.en;
  return fmt::format(fmt::runtime(pattern), first, rest);
}

}  // namespace biobridge::match
