#include "solve/score_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace biobridge::solve {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result<ScoreTable> Read(const std::string& scores, const std::string* conflicts = nullptr) {
  std::istringstream s(scores), c(conflicts ? *conflicts : "");
  return ReadScoreTable(s, "scores.csv", conflicts ? &c : nullptr, "conflicts.csv");
}

TEST(ScoreTableTest, ReadsOpenReviewScoresAndConflicts) {
  const std::string conflicts = "p2,r1,-1\n";
  Result<ScoreTable> t = Read("p1,r1,0.5\np1,r2,0.25\np2,r2,1e-1\n", &conflicts);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_THAT(t->papers, ElementsAre("p1", "p2"));
  EXPECT_THAT(t->reviewers, ElementsAre("r1", "r2"));
  ASSERT_EQ(t->affinity.size(), 4u);
  EXPECT_FLOAT_EQ(t->affinity[0], 0.5f);
  EXPECT_FLOAT_EQ(t->affinity[1], 0.25f);
  EXPECT_TRUE(std::isnan(t->affinity[2]));  // the conflict
  EXPECT_FLOAT_EQ(t->affinity[3], 0.1f);
  EXPECT_EQ(t->conflicts, 1u);
  const AssignmentProblem p = ProblemFromTable(*t);
  EXPECT_EQ(p.projects, 2);
  EXPECT_EQ(p.experts, 2);
}

TEST(ScoreTableTest, AHeaderRowAndUnlistedPairs) {
  Result<ScoreTable> t = Read("paperID,reviewerID,score\np1,r1,0.5\np2,r2,0.7\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_FLOAT_EQ(t->affinity[1], 0.0f);  // p1,r2 unlisted: 0, as in openreview-matcher
}

TEST(ScoreTableTest, BadInputNamesTheFileAndRow) {
  EXPECT_THAT(Read("p1,r1,0.5\np1,r2\n").status().message(), HasSubstr("scores.csv row 2: expected paperID,reviewerID,value"));
  EXPECT_THAT(Read("p1,r1,0.5\np1,r2,high\n").status().message(), HasSubstr("scores.csv row 2: \"high\" is not a finite number"));
  EXPECT_THAT(Read("p1,r1,0.5\np1,r2,inf\n").status().message(), HasSubstr("not a finite number"));
  EXPECT_THAT(Read("p1,r1,0.5\np1,r1,0.6\n").status().message(), HasSubstr("paper p1 and reviewer r1 are scored twice"));
  EXPECT_THAT(Read("p1,r1,\"0.5\n").status().message(), HasSubstr("scores.csv: row 1: the file ends inside a quoted field"));
  const std::string unknown = "p1,r9,-1\n";
  EXPECT_THAT(Read("p1,r1,0.5\n", &unknown).status().message(), HasSubstr("conflicts.csv data row 1: reviewer r9 is not in the scores"));
  const std::string forced = "p1,r1,1\n";
  EXPECT_THAT(Read("p1,r1,0.5\n", &forced).status().message(), HasSubstr("only -1 (a conflict) is understood"));
  EXPECT_EQ(Read("p1,r1,0.5\n,r2,0.1\n").status().code(), StatusCode::kMalformed);
}

}  // namespace
}  // namespace biobridge::solve
