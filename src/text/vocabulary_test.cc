#include "text/vocabulary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "domain/taxonomy.h"

namespace biobridge::text {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> ConceptIds(const Vocabulary& v, std::string_view text, TagMode mode = TagMode::kDocument) {
  std::vector<std::string> ids;
  for (const ConceptMention& m : v.Tag(text, mode)) ids.push_back(v.concepts()[m.concept_index].id);
  return ids;
}

constexpr std::string_view kSmall = R"({"vocabulary": "test", "category": "modality", "source": "tests",
  "concepts": [
    {"id": "mab", "modalities": ["monoclonal_antibody"], "en": ["Monoclonal antibodies", "mAb"], "zh": ["单克隆抗体", "单抗"], "ru": ["Моноклональные антитела"]},
    {"id": "aids", "broader": ["hiv"], "en": ["AIDS"], "zh": ["艾滋病"], "ru": ["СПИД"]},
    {"id": "hiv", "en": ["HIV", "HIV infection"], "zh": ["艾滋病病毒"], "ru": ["ВИЧ"]},
    {"id": "lung_cancer", "en": ["Lung cancer"], "zh": ["肺癌"], "ru": ["Рак легкого"]},
    {"id": "nsclc", "broader": ["lung_cancer"], "en": ["Non-small cell lung cancer", "NSCLC"], "zh": ["非小细胞肺癌"], "ru": ["Немелкоклеточный рак легкого"]},
    {"id": "covid", "en": ["COVID-19"], "zh": ["新冠肺炎"], "ru": ["Ковид"]}
  ]})";

Vocabulary Small() {
  std::string_view files[] = {kSmall};
  auto v = Vocabulary::FromJson(files);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return std::move(v).value();
}

TEST(VocabularyTest, TagsTheSameConceptInThreeLanguages) {
  const Vocabulary v = Small();
  EXPECT_THAT(ConceptIds(v, "We manufacture monoclonal antibodies."), ElementsAre("mab"));
  EXPECT_THAT(ConceptIds(v, "我们生产单克隆抗体"), ElementsAre("mab"));
  EXPECT_THAT(ConceptIds(v, "我們生產單克隆抗體"), ElementsAre("mab"));  // traditional
  EXPECT_THAT(ConceptIds(v, "Производство моноклональных антител"), ElementsAre("mab"));  // inflected
}

TEST(VocabularyTest, LongestLabelWinsAndMentionsCarryOffsets) {
  const Vocabulary v = Small();
  const std::string text = "Phase 2 trial in non-small cell lung cancer and lung cancer";
  const std::vector<ConceptMention> mentions = v.Tag(text);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(v.concepts()[mentions[0].concept_index].id, "nsclc");
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin), "non-small cell lung cancer");
  EXPECT_EQ(v.concepts()[mentions[1].concept_index].id, "lung_cancer");
  EXPECT_THAT(ConceptIds(v, "晚期非小细胞肺癌患者"), ElementsAre("nsclc"));
}

TEST(VocabularyTest, ShortCapitalLabelsNeedCapitalsInDocumentsButNotInQueries) {
  const Vocabulary v = Small();
  EXPECT_THAT(ConceptIds(v, "Patients with AIDS"), ElementsAre("aids"));
  EXPECT_THAT(ConceptIds(v, "hearing aids for the elderly"), ElementsAre());
  EXPECT_THAT(ConceptIds(v, "hiv", TagMode::kQuery), ElementsAre("hiv"));
  // Longer capitals match whatever the case.
  EXPECT_THAT(ConceptIds(v, "covid-19 vaccines"), ElementsAre("covid"));
  EXPECT_THAT(ConceptIds(v, "NSCLC"), ElementsAre("nsclc"));
}

TEST(VocabularyTest, AncestorsFollowBroader) {
  const Vocabulary v = Small();
  const std::vector<std::uint32_t> ancestors = v.Ancestors(static_cast<std::uint32_t>(v.IndexOf("nsclc")));
  ASSERT_EQ(ancestors.size(), 1u);
  EXPECT_EQ(v.concepts()[ancestors[0]].id, "lung_cancer");
  EXPECT_EQ(v.Find("mab")->modalities, std::vector<std::string>{"monoclonal_antibody"});
  EXPECT_EQ(v.Find("mab")->labels.Best({"zh"}), "单克隆抗体");
  EXPECT_EQ(v.Find("nope"), nullptr);
}

Status LoadError(std::string_view concepts) {
  const std::string file = std::string(R"({"vocabulary": "bad", "category": "disease", "source": "tests", "concepts": [)") +
                           std::string(concepts) + "]}";
  std::string_view files[] = {file};
  auto v = Vocabulary::FromJson(files);
  return v.ok() ? Status::Ok() : v.status();
}

constexpr std::string_view kStems = R"({"vocabulary": "test", "category": "drug_class", "source": "tests",
  "concepts": [
    {"id": "kinase", "inn_stems": ["tinib", "тиниб", "替尼"], "en": ["Kinase inhibitors"], "zh": ["激酶抑制剂"], "ru": ["Ингибиторы киназ"]},
    {"id": "imatinib", "broader": ["kinase"], "en": ["Imatinib"], "zh": ["伊马替尼"], "ru": ["Иматиниб"]},
    {"id": "antivirals", "inn_stems": ["那韦", "拉韦"], "en": ["Antivirals"], "zh": ["抗病毒药"], "ru": ["Противовирусные"]}
  ]})";

// A medicine the vocabulary does not list is known by its INN stem, in the
// three languages; a label still wins, and a stem needs a root.
TEST(VocabularyTest, InnStemsNameAMedicinesClassInThreeLanguages) {
  std::string_view files[] = {kStems};
  const Vocabulary v = Vocabulary::FromJson(files).value();
  EXPECT_THAT(ConceptIds(v, "Ruxolitinib for myelofibrosis"), ElementsAre("kinase"));
  EXPECT_THAT(ConceptIds(v, "лечение руксолитинибом"), ElementsAre("kinase")) << "the stem of an inflected word";
  EXPECT_THAT(ConceptIds(v, "芦可替尼对抗新冠肺炎"), ElementsAre("kinase"));
  EXPECT_THAT(ConceptIds(v, "Imatinib and nilotinib"), ElementsAre("imatinib", "kinase"));
  EXPECT_THAT(ConceptIds(v, "伊马替尼"), ElementsAre("imatinib")) << "the label, not the stem";
  EXPECT_THAT(ConceptIds(v, "洛匹那韦/利托那韦"), ElementsAre("antivirals", "antivirals"));
  EXPECT_THAT(ConceptIds(v, "法匹拉韦片"), ElementsAre("antivirals")) << "the run may go on after the name";
  EXPECT_TRUE(ConceptIds(v, "atinib tinib").empty()) << "a root of three letters at least";
  EXPECT_TRUE(ConceptIds(v, "替尼").empty()) << "two Han characters before the ending";
  EXPECT_TRUE(ConceptIds(v, "代替尼古丁").empty()) << "one character before it: a word boundary, not a name";
  EXPECT_THAT(ConceptIds(v, "激酶抑制剂替尼"), ElementsAre("kinase")) << "characters a label took are no root";
  const std::string text = "用芦可替尼治疗";
  const std::vector<ConceptMention> m = v.Tag(text);
  ASSERT_EQ(m.size(), 1u);
  const std::string span = text.substr(m[0].begin, m[0].end - m[0].begin);
  EXPECT_THAT(span, HasSubstr("芦可替尼"));
  EXPECT_THAT(span, ::testing::Not(HasSubstr("治疗")));
}

TEST(VocabularyTest, RefusesBrokenFilesNamingTheConcept) {
  constexpr std::string_view kOk = R"({"id": "a", "en": ["Alpha"], "zh": ["阿尔法"], "ru": ["Альфа"]})";
  EXPECT_TRUE(LoadError(kOk).ok());
  EXPECT_THAT(LoadError(std::string(kOk) + "," + std::string(kOk)).message(), HasSubstr("\"a\": the id is used twice"));
  EXPECT_THAT(LoadError(R"({"id": "b", "en": ["Beta"], "ru": ["Бета"]})").message(), HasSubstr("no zh label"));
  EXPECT_THAT(LoadError(R"({"id": "c", "areas": ["astrology"], "en": ["C"], "zh": ["丙丙"], "ru": ["Це"]})").message(),
              HasSubstr("unknown therapeutic area \"astrology\""));
  EXPECT_THAT(LoadError(R"({"id": "s", "inn_stems": ["ib"], "en": ["Sigma"], "zh": ["西格玛"], "ru": ["Сигма"]})").message(),
              HasSubstr("INN stem \"ib\" must be 3 letters or more"));
  EXPECT_THAT(LoadError(R"({"id": "s", "inn_stems": ["替"], "en": ["Sigma"], "zh": ["西格玛"], "ru": ["Сигма"]})").message(),
              HasSubstr("INN stem \"替\""));
  EXPECT_THAT(LoadError(R"({"id": "s", "inn_stems": ["tinib"], "en": ["Sigma"], "zh": ["西格玛"], "ru": ["Сигма"]},
                           {"id": "t", "inn_stems": ["tinib"], "en": ["Tau"], "zh": ["陶陶"], "ru": ["Тау"]})").message(),
              HasSubstr("INN stem \"tinib\" already belongs to concept \"s\""));
  EXPECT_THAT(LoadError(R"({"id": "d", "broader": ["zzz"], "en": ["Delta"], "zh": ["德尔塔"], "ru": ["Дельта"]})").message(),
              HasSubstr("unknown broader concept \"zzz\""));
  EXPECT_THAT(LoadError(std::string(kOk) + R"(, {"id": "e", "en": ["alpha"], "zh": ["伊普"], "ru": ["Эпс"]})").message(),
              HasSubstr("already belongs to concept \"a\""));
  EXPECT_THAT(LoadError(R"({"id": "f", "en": ["Foxtrot"], "zh": ["癌"], "ru": ["Фокс"]})").message(), HasSubstr("too short"));
  EXPECT_THAT(LoadError(R"({"id": "g", "en": ["!!!"], "zh": ["高尔夫"], "ru": ["Гольф"]})").message(), HasSubstr("too short"));
  EXPECT_THAT(LoadError(R"({"id": "h", "colour": "red", "en": ["Hotel"], "zh": ["酒店"], "ru": ["Отель"]})").message(),
              HasSubstr("unknown field \"colour\""));
}

// The shipped vocabulary: big enough, cited, and every label finds its own
// concept (so no label is shadowed by a longer one of another concept).
TEST(BuiltinVocabularyTest, IsLargeCitedAndConsistent) {
  const Vocabulary& v = Vocabulary::Builtin();
  EXPECT_GE(v.concepts().size(), 600u);
  std::set<std::string> categories;
  for (const Concept& c : v.concepts()) categories.insert(c.category);
  EXPECT_THAT(categories, ::testing::IsSupersetOf({"therapeutic_area", "disease", "modality", "device", "supply",
                                                   "certification", "cooperation", "role", "drug_class"}));
  for (const auto& [name, source] : v.sources()) EXPECT_GT(source.size(), 40u) << name << " must cite its sources";
  for (std::uint32_t i = 0; i < v.concepts().size(); ++i) {
    const Concept& c = v.concepts()[i];
    std::vector<std::string> labels = c.synonyms;
    for (const auto& [language, label] : c.labels.variants()) labels.push_back(label);
    for (const std::string& label : labels) {
      const std::vector<ConceptMention> mentions = v.Tag(label);
      ASSERT_EQ(mentions.size(), 1u) << c.id << ": \"" << label << "\"";
      EXPECT_EQ(mentions[0].concept_index, i) << c.id << ": \"" << label << "\" tags as "
                                              << v.concepts()[mentions[0].concept_index].id;
    }
  }
}

TEST(BuiltinVocabularyTest, EveryTaxonomyCodeHasItsConcept) {
  const Vocabulary& v = Vocabulary::Builtin();
  const domain::Taxonomies& t = domain::Taxonomies::Builtin();
  for (const domain::TaxonomyEntry& e : t.therapeutic_areas().entries()) EXPECT_NE(v.Find("area_" + e.code), nullptr) << e.code;
  for (const domain::TaxonomyEntry& e : t.modalities().entries()) EXPECT_NE(v.Find(e.code), nullptr) << e.code;
  // A CT scanner is medical imaging; NSCLC is lung cancer and oncology.
  auto names = [&](std::string_view id) {
    std::vector<std::string> out;
    for (std::uint32_t g : v.Generalizations(static_cast<std::uint32_t>(v.IndexOf(id)))) out.push_back(v.concepts()[g].id);
    return out;
  };
  EXPECT_THAT(names("dev_ct"), ::testing::Contains("medical_imaging"));
  EXPECT_THAT(names("nsclc"), ::testing::IsSupersetOf({"lung_cancer", "area_oncology", "area_respiratory"}));
}

TEST(BuiltinVocabularyTest, CrossLanguageExamples) {
  const Vocabulary& v = Vocabulary::Builtin();
  EXPECT_THAT(ConceptIds(v, "寻找俄罗斯医院合作开展临床试验"), ::testing::IsSupersetOf({"coop_hospital_partnership", "coop_clinical_trial"}));
  EXPECT_THAT(ConceptIds(v, "Ищем дистрибьютора медицинских изделий в Казахстане"),
              ::testing::IsSupersetOf({"medical_device"}));
  EXPECT_THAT(ConceptIds(v, "ISO 13485 certified contract manufacturer of catheters"),
              ::testing::IsSupersetOf({"iso_13485", "dev_catheters"}));
}

}  // namespace
}  // namespace biobridge::text
