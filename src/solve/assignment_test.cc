#include "solve/assignment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <random>

namespace biobridge::solve {
namespace {

using ::testing::HasSubstr;

// The best total affinity by trying every way to give each project k of its
// candidates (tiny instances only); nullopt when none meets the loads.
std::optional<double> BruteForce(const AssignmentProblem& p) {
  std::vector<std::vector<Candidate>> by_project(static_cast<std::size_t>(p.projects));
  for (const Candidate& c : p.candidates) by_project[static_cast<std::size_t>(c.project)].push_back(c);
  std::optional<double> best;
  std::vector<int> load(static_cast<std::size_t>(p.experts), 0);
  std::function<void(int, double)> visit = [&](int project, double total) {
    if (project == p.projects) {
      for (int l : load) {
        if (l < p.min_load || l > p.max_load) return;
      }
      if (!best || total > *best) best = total;
      return;
    }
    const std::vector<Candidate>& options = by_project[static_cast<std::size_t>(project)];
    const int n = static_cast<int>(options.size());
    for (int mask = 0; mask < (1 << n); ++mask) {
      if (__builtin_popcount(static_cast<unsigned>(mask)) != p.reviewers_per_project) continue;
      double sum = 0;
      for (int i = 0; i < n; ++i) {
        if (mask & (1 << i)) {
          ++load[static_cast<std::size_t>(options[static_cast<std::size_t>(i)].expert)];
          sum += options[static_cast<std::size_t>(i)].affinity;
        }
      }
      visit(project + 1, total + sum);
      for (int i = 0; i < n; ++i) {
        if (mask & (1 << i)) --load[static_cast<std::size_t>(options[static_cast<std::size_t>(i)].expert)];
      }
    }
  };
  visit(0, 0);
  return best;
}

TEST(AssignmentTest, MatchesTheExhaustiveOptimumOnRandomSmallInstances) {
  std::mt19937 random(20261123);  // fixed seed: the same instances every run
  std::uniform_real_distribution<double> affinity(0.0, 1.0);
  std::bernoulli_distribution conflict(0.15);
  int solved = 0, infeasible = 0;
  for (int trial = 0; trial < 200; ++trial) {
    AssignmentProblem p;
    p.projects = 3 + trial % 2;
    p.experts = 4 + trial % 3;
    p.reviewers_per_project = 2;
    p.min_load = trial % 4 == 0 ? 1 : 0;
    p.max_load = 2 + trial % 2;
    for (int j = 0; j < p.projects; ++j) {
      for (int e = 0; e < p.experts; ++e) {
        if (!conflict(random)) p.candidates.push_back({j, e, affinity(random)});
      }
    }
    const std::optional<double> best = BruteForce(p);
    Result<AssignmentResult> got = SolveAssignment(p);
    SCOPED_TRACE(::testing::Message() << "trial " << trial);
    if (!best) {
      EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_NEAR(got->total_affinity, *best, 1e-5);
    // The assignment itself meets every constraint.
    std::vector<int> per_project(static_cast<std::size_t>(p.projects), 0), load(static_cast<std::size_t>(p.experts), 0);
    double total = 0;
    for (const Candidate& c : got->assigned) {
      ++per_project[static_cast<std::size_t>(c.project)];
      ++load[static_cast<std::size_t>(c.expert)];
      total += c.affinity;
    }
    for (int n : per_project) EXPECT_EQ(n, p.reviewers_per_project);
    for (int l : load) EXPECT_TRUE(l >= p.min_load && l <= p.max_load) << l;
    EXPECT_DOUBLE_EQ(total, got->total_affinity);
    ++solved;
  }
  EXPECT_GT(solved, 100);     // the instances exercise the optimum...
  EXPECT_GT(infeasible, 0);   // ...and infeasibility
}

TEST(AssignmentTest, ConflictsAreLeftOutOfTheCandidates) {
  // Expert 0 is the best for both projects but conflicts with project 1.
  AssignmentProblem p{2, 3, 1, 0, 2, {{0, 0, 0.9}, {0, 1, 0.2}, {1, 1, 0.5}, {1, 2, 0.4}}};
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->assigned.size(), 2u);
  EXPECT_EQ(got->assigned[0].expert, 0);
  EXPECT_EQ(got->assigned[1].expert, 1);
  EXPECT_NEAR(got->total_affinity, 1.4, 1e-12);
}

TEST(AssignmentTest, ImpossibleProblemsSayWhy) {
  AssignmentProblem few{2, 3, 2, 0, 3, {{0, 0, 1}, {0, 1, 1}, {1, 2, 1}}};
  EXPECT_THAT(SolveAssignment(few).status().message(), HasSubstr("project 1 has 1 candidate reviewers, fewer than the 2"));
  AssignmentProblem overloaded{3, 2, 2, 0, 2, {}};
  for (int j = 0; j < 3; ++j) {
    for (int e = 0; e < 2; ++e) overloaded.candidates.push_back({j, e, 1});
  }
  EXPECT_THAT(SolveAssignment(overloaded).status().message(), HasSubstr("6 reviews are needed but 2 experts may give at most 4"));
  AssignmentProblem idle{1, 3, 1, 1, 2, {{0, 0, 1}, {0, 1, 1}, {0, 2, 1}}};
  EXPECT_THAT(SolveAssignment(idle).status().message(), HasSubstr("3 experts must each do at least 1"));
}

TEST(AssignmentTest, MalformedProblemsNameTheField) {
  EXPECT_EQ(SolveAssignment({1, 1, 0, 0, 1, {}}).status().field(), "k");
  EXPECT_EQ(SolveAssignment({1, 1, 1, 2, 1, {}}).status().field(), "max_load");
  EXPECT_EQ(SolveAssignment({1, 1, 1, 0, 1, {{0, 5, 1}}}).status().field(), "candidates[0]");
  EXPECT_EQ(SolveAssignment({1, 1, 1, 0, 1, {{0, 0, 1}, {0, 0, 2}}}).status().field(), "candidates[1]");
  EXPECT_EQ(SolveAssignment({1, 1, 1, 0, 1, {{0, 0, std::nan("")}}}).status().field(), "candidates[0]");
}

}  // namespace
}  // namespace biobridge::solve
