#include "match/affinity.h"

#include <gtest/gtest.h>

namespace biobridge::match {
namespace {

float At(const std::vector<float>& m, int experts, int project, int expert) {
  return m[std::size_t(project * experts + expert)];
}

TEST(AffinityTest, TheExpertWhoWroteAboutItComesFirstAcrossLanguages) {
  AffinityIndex index(text::Vocabulary::Builtin());
  // A Russian project on monoclonal antibodies for breast cancer.
  index.AddProject({{"Биоаналог моноклонального антитела для лечения рака молочной железы", 2}});
  // An English project on rehabilitation robots.
  index.AddProject({{"Rehabilitation robot for stroke patients", 2}});
  // A Chinese antibody expert, an English robotics expert, an expert with nothing written.
  index.AddExpert({{{"单克隆抗体 乳腺癌 生物类似药 工艺开发", 1}}});
  index.AddExpert({{{"Robotic rehabilitation after stroke; exoskeletons and gait training", 1}},
                   {{"Upper-limb rehabilitation robots in clinical trials", 2}}});
  index.AddExpert({});
  const std::vector<float> m = index.Compute();
  ASSERT_EQ(m.size(), 6u);
  // The Chinese expert meets the Russian project on shared concepts only.
  EXPECT_GT(At(m, 3, 0, 0), At(m, 3, 0, 1));
  EXPECT_GT(At(m, 3, 1, 1), At(m, 3, 1, 0));
  EXPECT_GT(At(m, 3, 0, 0), 0.05f);
  EXPECT_EQ(At(m, 3, 0, 2), 0.0f);  // nothing written, no affinity
  for (float a : m) {
    EXPECT_GE(a, 0.0f);
    EXPECT_LE(a, 1.0f);
  }
  // Without concepts, the two scripts share nothing.
  const std::vector<float> words = index.Compute({.concept_weight = 0});
  EXPECT_EQ(At(words, 3, 0, 0), 0.0f);
}

TEST(AffinityTest, AggregatesOverAnExpertsDocuments) {
  AffinityIndex index(text::Vocabulary::Builtin());
  index.AddProject({{"glycosylation of biosimilar antibodies", 1}});
  // One close paper among unrelated ones, against several moderately close ones.
  index.AddExpert({{{"glycosylation of biosimilar antibodies", 1}}, {{"hospital logistics", 1}}, {{"dental implants", 1}}});
  index.AddExpert({{{"biosimilar antibodies analytics", 1}}, {{"glycosylation analytics", 1}}, {{"biosimilar glycosylation", 1}}});
  const std::vector<float> best = index.Compute({.aggregate = AffinityAggregate::kMax});
  const std::vector<float> top3 = index.Compute({.aggregate = AffinityAggregate::kTopMean, .top = 3});
  EXPECT_GT(best[0], best[1]);  // the single close paper wins on the best document
  EXPECT_LT(top3[0], top3[1]);  // breadth wins on the mean of the best three
}

}  // namespace
}  // namespace biobridge::match
