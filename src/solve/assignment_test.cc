#include "solve/assignment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <lemon/capacity_scaling.h>
#include <lemon/smart_graph.h>

#include <cmath>
#include <functional>
#include <optional>
#include <random>

namespace biobridge::solve {
namespace {

using ::testing::HasSubstr;

struct Cell {
  int project;
  int expert;
  float affinity;
};

// A problem whose only candidates are `cells` (every other pair a conflict).
AssignmentProblem Problem(int projects, int experts, int k, int min_load, int max_load, const std::vector<Cell>& cells) {
  AssignmentProblem p;
  p.projects = projects;
  p.experts = experts;
  p.reviewers_per_project = k;
  p.min_load = min_load;
  p.max_load = max_load;
  p.affinity.assign(std::size_t(projects) * std::size_t(experts), std::nanf(""));
  for (const Cell& c : cells) p.affinity[std::size_t(c.project) * std::size_t(experts) + std::size_t(c.expert)] = c.affinity;
  return p;
}

float At(const AssignmentProblem& p, int project, int expert) {
  return p.affinity[std::size_t(project) * std::size_t(p.experts) + std::size_t(expert)];
}

bool Reads(const AssignmentProblem& p, int project, int expert) {
  return (p.project_languages[std::size_t(project)] & p.expert_languages[std::size_t(expert)]) != 0;
}

// The best total affinity by trying every way to give each project k of its
// candidates (tiny instances only); nullopt when none meets the constraints.
std::optional<double> BruteForce(const AssignmentProblem& p) {
  const bool language_rule = !p.project_languages.empty();
  std::optional<double> best;
  std::vector<int> load(std::size_t(p.experts), 0);
  std::function<void(int, double)> visit = [&](int project, double total) {
    if (project == p.projects) {
      for (int l : load) {
        if (l < p.min_load || l > p.max_load) return;
      }
      if (!best || total > *best) best = total;
      return;
    }
    for (int mask = 0; mask < (1 << p.experts); ++mask) {
      if (__builtin_popcount(unsigned(mask)) != p.reviewers_per_project) continue;
      double sum = 0;
      bool allowed = true, reader = false;
      for (int e = 0; e < p.experts; ++e) {
        if (!(mask & (1 << e))) continue;
        allowed = allowed && !std::isnan(At(p, project, e));
        sum += At(p, project, e);
        reader = reader || (language_rule && Reads(p, project, e));
      }
      if (!allowed || (language_rule && p.project_languages[std::size_t(project)] != 0 && !reader)) continue;
      for (int e = 0; e < p.experts; ++e) load[std::size_t(e)] += (mask >> e) & 1;
      visit(project + 1, total + sum);
      for (int e = 0; e < p.experts; ++e) load[std::size_t(e)] -= (mask >> e) & 1;
    }
  };
  visit(0, 0);
  return best;
}

// The optimum by a different algorithm on the whole matrix, no sparse graph
// and no pricing: LEMON's CapacityScaling, exact loads as bounds.
std::optional<double> FullGraphOptimum(const AssignmentProblem& p) {
  lemon::SmartDigraph g;
  const auto source = g.addNode(), sink = g.addNode();
  std::vector<lemon::SmartDigraph::Node> experts, projects;
  for (int e = 0; e < p.experts; ++e) experts.push_back(g.addNode());
  for (int j = 0; j < p.projects; ++j) projects.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<long long> lower(g, 0), upper(g, 0), cost(g, 0);
  std::vector<std::pair<lemon::SmartDigraph::Arc, double>> pair_arcs;
  for (int e = 0; e < p.experts; ++e) {
    auto a = g.addArc(source, experts[std::size_t(e)]);
    lower[a] = p.min_load;
    upper[a] = p.max_load;
  }
  for (int j = 0; j < p.projects; ++j) {
    auto a = g.addArc(projects[std::size_t(j)], sink);
    lower[a] = upper[a] = p.reviewers_per_project;
    for (int e = 0; e < p.experts; ++e) {
      if (std::isnan(At(p, j, e))) continue;
      auto b = g.addArc(experts[std::size_t(e)], projects[std::size_t(j)]);
      upper[b] = 1;
      cost[b] = -std::llround(double(At(p, j, e)) * 1e6);
      pair_arcs.emplace_back(b, At(p, j, e));
    }
  }
  lemon::CapacityScaling<lemon::SmartDigraph, long long, long long> solver(g);
  solver.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink,
                                                                 (long long)p.projects * p.reviewers_per_project);
  if (solver.run() != decltype(solver)::OPTIMAL) return std::nullopt;
  double total = 0;
  for (const auto& [arc, affinity] : pair_arcs) total += solver.flow(arc) * affinity;
  return total;
}

void ExpectMeetsConstraints(const AssignmentProblem& p, const AssignmentResult& got) {
  std::vector<int> per_project(std::size_t(p.projects), 0), load(std::size_t(p.experts), 0);
  std::vector<char> reader(std::size_t(p.projects), 0);
  double total = 0;
  for (const AssignedPair& a : got.assigned) {
    ASSERT_FALSE(std::isnan(At(p, a.project, a.expert))) << "a conflict was assigned";
    EXPECT_EQ(a.affinity, At(p, a.project, a.expert));
    ++per_project[std::size_t(a.project)];
    ++load[std::size_t(a.expert)];
    if (!p.project_languages.empty() && Reads(p, a.project, a.expert)) reader[std::size_t(a.project)] = 1;
    total += a.affinity;
  }
  for (int n : per_project) EXPECT_EQ(n, p.reviewers_per_project);
  for (int l : load) EXPECT_TRUE(l >= p.min_load && l <= p.max_load) << l;
  if (!p.project_languages.empty()) {
    for (int j = 0; j < p.projects; ++j) {
      if (p.project_languages[std::size_t(j)] != 0) {
        EXPECT_TRUE(reader[std::size_t(j)]) << "project " << j;
      }
    }
  }
  EXPECT_NEAR(total, got.stats.total_affinity, 1e-6);
}

TEST(AssignmentTest, MatchesTheExhaustiveOptimumOnRandomSmallInstances) {
  std::mt19937 random(20261123);  // fixed seed: the same instances every run
  std::uniform_real_distribution<float> affinity(0.0f, 1.0f);
  std::bernoulli_distribution conflict(0.15);
  int solved = 0, infeasible = 0, with_language = 0;
  for (int trial = 0; trial < 200; ++trial) {
    AssignmentProblem p = Problem(3 + trial % 2, 4 + trial % 3, 2, trial % 4 == 0 ? 1 : 0, 2 + trial % 2, {});
    for (float& a : p.affinity) a = conflict(random) ? std::nanf("") : affinity(random);
    if (trial % 3 == 0) {  // the language rule: two languages, some projects in each, experts read one or both
      for (int j = 0; j < p.projects; ++j) p.project_languages.push_back(std::uint32_t(random() % 3));
      for (int e = 0; e < p.experts; ++e) p.expert_languages.push_back(std::uint32_t(1 + random() % 3));
      ++with_language;
    }
    const std::optional<double> best = BruteForce(p);
    Result<AssignmentResult> got = SolveAssignment(p);
    SCOPED_TRACE(::testing::Message() << "trial " << trial);
    if (!best) {
      EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition) << got.status().ToString();
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_NEAR(got->stats.total_affinity, *best, 1e-5);
    ExpectMeetsConstraints(p, *got);
    ++solved;
  }
  EXPECT_GT(solved, 100);     // the instances exercise the optimum...
  EXPECT_GT(infeasible, 0);   // ...and infeasibility
  EXPECT_GT(with_language, 50);
}

TEST(AssignmentTest, PricingReachesTheOptimumOverTheWholeMatrix) {
  // Instances large enough that the first sparse graph leaves out pairs of
  // the optimum: experts with a strong bias (normalisation ranks them by
  // their own scale) and tight loads, so the solver must price them back in.
  std::mt19937 random(7);
  std::uniform_real_distribution<float> noise(0.0f, 1.0f);
  int priced = 0;
  for (int trial = 0; trial < 30; ++trial) {
    AssignmentProblem p = Problem(40, 16, 3, trial % 5 == 0 ? 2 : 0, 8, {});
    std::vector<float> bias(16);
    for (float& b : bias) b = noise(random) * 3;
    for (int j = 0; j < p.projects; ++j) {
      for (int e = 0; e < p.experts; ++e) {
        p.affinity[std::size_t(j * 16 + e)] = random() % 50 == 0 ? std::nanf("") : bias[std::size_t(e)] * noise(random);
      }
    }
    SCOPED_TRACE(::testing::Message() << "trial " << trial);
    const std::optional<double> best = FullGraphOptimum(p);
    ASSERT_TRUE(best.has_value());
    Result<AssignmentResult> got = SolveAssignment(p);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_NEAR(got->stats.total_affinity, *best, 1e-3);
    ExpectMeetsConstraints(p, *got);
    EXPECT_LT(got->graph_pairs, 40 * 16);
    if (got->pricing_rounds > 1) ++priced;
  }
  EXPECT_GT(priced, 0) << "no instance needed pricing; the test does not exercise it";
}

TEST(AssignmentTest, ConflictsAreNeverAssigned) {
  // Expert 0 is the best for both projects but conflicts with project 1.
  AssignmentProblem p = Problem(2, 3, 1, 0, 2, {{0, 0, 0.9f}, {0, 1, 0.2f}, {1, 1, 0.5f}, {1, 2, 0.4f}});
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->assigned.size(), 2u);
  EXPECT_EQ(got->assigned[0].expert, 0);
  EXPECT_EQ(got->assigned[1].expert, 1);
  EXPECT_NEAR(got->stats.total_affinity, 1.4, 1e-6);
}

TEST(AssignmentTest, TheLanguageRuleBringsAReaderEvenAtACost) {
  // Project 0 is in language bit 1; only expert 2 reads it, and is the weakest match.
  AssignmentProblem p = Problem(1, 3, 2, 0, 1, {{0, 0, 0.9f}, {0, 1, 0.8f}, {0, 2, 0.1f}});
  p.project_languages = {1};
  p.expert_languages = {2, 2, 1};
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->assigned.size(), 2u);
  EXPECT_EQ(got->assigned[0].expert, 0);
  EXPECT_EQ(got->assigned[1].expert, 2);
  // A project in no language (mask 0) has no rule.
  p.project_languages = {0};
  got = SolveAssignment(p);
  ASSERT_TRUE(got.ok());
  EXPECT_NEAR(got->stats.total_affinity, 1.7, 1e-6);
  // Nobody reads it: refused with the reason, or reported uncovered.
  p.project_languages = {4};
  EXPECT_THAT(SolveAssignment(p).status().message(), HasSubstr("no expert without a conflict reads its language"));
  p.allow_uncovered = true;
  got = SolveAssignment(p);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->uncovered.size(), 1u);
  EXPECT_EQ(got->uncovered[0].reviewers, 2);
}

TEST(AssignmentTest, UncoveredProjectsAreReportedWithTheReason) {
  // Project 1 has one candidate; projects 2 and 3 compete for expert 2, who may take one.
  AssignmentProblem p = Problem(4, 3, 1, 0, 1,
                                {{0, 0, 0.5f}, {1, 1, 0.7f}, {2, 2, 0.9f}, {3, 2, 0.4f}});
  p.reviewers_per_project = 1;
  p.affinity[1 * 3 + 1] = std::nanf("");  // project 1: no candidate at all
  p.allow_uncovered = true;
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->uncovered.size(), 2u);
  EXPECT_EQ(got->uncovered[0].project, 1);
  EXPECT_THAT(got->uncovered[0].reason, HasSubstr("only 0 experts have no conflict"));
  EXPECT_EQ(got->uncovered[1].project, 3);  // project 2 has the better claim on expert 2
  EXPECT_THAT(got->uncovered[1].reason, HasSubstr("maximum load of 1"));
  EXPECT_EQ(got->stats.covered_projects, 2);
  // Without allow_uncovered the same problem is refused, naming the projects.
  p.allow_uncovered = false;
  EXPECT_THAT(SolveAssignment(p).status().message(), HasSubstr("project 1: only 0 experts"));
  // Enough experts in all (expert 3 may review nothing), but projects 2 and 3 share one.
  AssignmentProblem contested = Problem(4, 4, 1, 0, 1, {{0, 0, 0.5f}, {1, 1, 0.7f}, {2, 2, 0.9f}, {3, 2, 0.4f}});
  EXPECT_THAT(SolveAssignment(contested).status().message(),
              HasSubstr("projects 3 cannot all get 1 reviewers within the experts' loads (the experts who could review "
                        "it have reached their maximum load of 1)"));
}

TEST(AssignmentTest, ADeclineChangesOnlyWhatMustChange) {
  std::mt19937 random(11);
  std::uniform_real_distribution<float> affinity(0.0f, 1.0f);
  AssignmentProblem p = Problem(30, 12, 3, 0, 9, {});
  for (float& a : p.affinity) a = affinity(random);
  Result<AssignmentResult> published = SolveAssignment(p);
  ASSERT_TRUE(published.ok());
  // The expert of the first pair declines: that pair becomes a conflict.
  const AssignedPair declined = published->assigned.front();
  AssignmentProblem again = p;
  again.affinity[std::size_t(declined.project * 12 + declined.expert)] = std::nanf("");
  for (const AssignedPair& a : published->assigned) {
    if (a.project != declined.project || a.expert != declined.expert) again.keep.emplace_back(a.project, a.expert);
  }
  Result<AssignmentResult> redone = SolveAssignment(again);
  ASSERT_TRUE(redone.ok()) << redone.status().ToString();
  ExpectMeetsConstraints(again, *redone);
  EXPECT_EQ(redone->kept, int(again.keep.size()));  // everything else stays
  // Re-solving from scratch would move other pairs too: the plain optimum differs more.
  again.keep.clear();
  Result<AssignmentResult> scratch = SolveAssignment(again);
  ASSERT_TRUE(scratch.ok());
  EXPECT_GE(scratch->stats.total_affinity, redone->stats.total_affinity - 1e-6);
}

TEST(AssignmentTest, AFullLoadMakesTheDeclineMoveAChain) {
  // Two projects, two experts, k = 1, loads exactly 1: when expert 0 declines
  // project 0, expert 1 must move over and project 1 gets expert 0.
  AssignmentProblem p = Problem(2, 2, 1, 0, 1, {{0, 0, 0.9f}, {0, 1, 0.1f}, {1, 0, 0.2f}, {1, 1, 0.8f}});
  p.affinity[0] = std::nanf("");
  p.keep = {{1, 1}};
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->kept, 0);
  ASSERT_EQ(got->assigned.size(), 2u);
  EXPECT_EQ(got->assigned[0].expert, 1);
  EXPECT_EQ(got->assigned[1].expert, 0);
}

TEST(AssignmentTest, AFixedPairStaysEvenWhenThatLeavesAProjectShort) {
  // As above, but expert 1 has started reviewing project 1: the pair is
  // fixed, so project 0 is reported short instead of taking expert 1 away.
  AssignmentProblem p = Problem(2, 2, 1, 0, 1, {{0, 0, 0.9f}, {0, 1, 0.1f}, {1, 0, 0.2f}, {1, 1, 0.8f}});
  p.affinity[0] = std::nanf("");
  p.fixed = {{1, 1}};
  p.allow_uncovered = true;
  Result<AssignmentResult> got = SolveAssignment(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->assigned.size(), 1u);
  EXPECT_EQ(got->assigned[0].project, 1);
  EXPECT_EQ(got->assigned[0].expert, 1);
  ASSERT_EQ(got->uncovered.size(), 1u);
  EXPECT_EQ(got->uncovered[0].project, 0);
  // A fixed pair is assigned even against the affinity: expert 1 on project 0 (0.1) over expert 0 (0.9).
  AssignmentProblem q = Problem(1, 2, 1, 0, 1, {{0, 0, 0.9f}, {0, 1, 0.1f}});
  q.fixed = {{0, 1}};
  got = SolveAssignment(q);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->assigned.size(), 1u);
  EXPECT_EQ(got->assigned[0].expert, 1);
  // More fixed pairs than a project takes, or than an expert may review, are refused.
  AssignmentProblem r = Problem(2, 2, 1, 0, 1, {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}});
  r.fixed = {{0, 0}, {0, 1}};
  EXPECT_THAT(SolveAssignment(r).status().message(), HasSubstr("more fixed reviewers than the 1 it needs"));
  r.fixed = {{0, 0}, {1, 0}};
  EXPECT_THAT(SolveAssignment(r).status().message(), HasSubstr("more fixed projects than the maximum load of 1"));
  r.fixed = {{0, 0}};
  r.keep = {{0, 0}};
  EXPECT_EQ(SolveAssignment(r).status().field(), "fixed[0]");
}

TEST(AssignmentTest, TheFairnessPassRaisesTheWorstServedProject) {
  // The optimum (1.0 + 0.0) gives project 1 a reviewer with no affinity so
  // that project 0 keeps its best; the fair assignment (0.5 + 0.45) trades a
  // little total for a much better worst project.
  AssignmentProblem p = Problem(2, 2, 1, 0, 1, {{0, 0, 1.0f}, {0, 1, 0.5f}, {1, 0, 0.45f}, {1, 1, 0.0f}});
  Result<AssignmentResult> plain = SolveAssignment(p);
  ASSERT_TRUE(plain.ok());
  EXPECT_NEAR(plain->stats.total_affinity, 1.0, 1e-6);
  EXPECT_NEAR(plain->stats.min_project_affinity, 0.0, 1e-6);
  p.fairness = true;
  Result<AssignmentResult> fair = SolveAssignment(p);
  ASSERT_TRUE(fair.ok());
  ExpectMeetsConstraints(p, *fair);
  EXPECT_NEAR(fair->optimum_stats.total_affinity, 1.0, 1e-6);
  EXPECT_NEAR(fair->stats.total_affinity, 0.95, 1e-6);
  EXPECT_NEAR(fair->stats.min_project_affinity, 0.45, 1e-6);
  EXPECT_NEAR(fair->stats.min_project_bound, 0.45, 1e-6);  // project 1 can do no better than expert 0
  EXPECT_FLOAT_EQ(fair->fairness_threshold, 0.45f);
}

TEST(AssignmentTest, ImpossibleSettingsSayWhy) {
  AssignmentProblem few = Problem(2, 3, 2, 0, 3, {{0, 0, 1}, {0, 1, 1}, {1, 2, 1}});
  EXPECT_THAT(SolveAssignment(few).status().message(),
              HasSubstr("project 1: only 1 experts have no conflict with it, fewer than the 2 it needs"));
  AssignmentProblem overloaded = Problem(3, 2, 2, 0, 2, {});
  for (float& a : overloaded.affinity) a = 1;
  EXPECT_THAT(SolveAssignment(overloaded).status().message(), HasSubstr("6 reviews are needed but 2 experts may give at most 4"));
  AssignmentProblem idle = Problem(1, 3, 1, 1, 2, {{0, 0, 1}, {0, 1, 1}, {0, 2, 1}});
  EXPECT_THAT(SolveAssignment(idle).status().message(), HasSubstr("3 experts must each do at least 1"));
  // Enough reviews in total, but expert 2 may review nothing and must do one.
  AssignmentProblem stranded = Problem(2, 3, 1, 1, 2, {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}});
  stranded.projects = 2;
  EXPECT_THAT(SolveAssignment(stranded).status().message(), HasSubstr("3 experts must each do at least 1"));
  AssignmentProblem stranded4 = Problem(4, 3, 1, 1, 2, {{0, 0, 1}, {1, 1, 1}, {2, 0, 1}, {3, 1, 1}});
  EXPECT_THAT(SolveAssignment(stranded4).status().message(),
              HasSubstr("experts 2 cannot reach the minimum load of 1"));
}

TEST(AssignmentTest, MalformedProblemsNameTheField) {
  EXPECT_EQ(SolveAssignment(Problem(1, 1, 0, 0, 1, {})).status().field(), "k");
  EXPECT_EQ(SolveAssignment(Problem(1, 1, 1, 2, 1, {})).status().field(), "max_load");
  AssignmentProblem wrong_size = Problem(2, 2, 1, 0, 1, {});
  wrong_size.affinity.pop_back();
  EXPECT_EQ(SolveAssignment(wrong_size).status().field(), "affinity");
  AssignmentProblem infinite = Problem(1, 1, 1, 0, 1, {{0, 0, INFINITY}});
  EXPECT_EQ(SolveAssignment(infinite).status().field(), "affinity");
  AssignmentProblem languages = Problem(1, 1, 1, 0, 1, {{0, 0, 1}});
  languages.project_languages = {1, 1};
  languages.expert_languages = {1};
  EXPECT_EQ(SolveAssignment(languages).status().field(), "project_languages");
  AssignmentProblem keep_conflict = Problem(1, 2, 1, 0, 1, {{0, 0, 1}});
  keep_conflict.keep = {{0, 1}};
  EXPECT_EQ(SolveAssignment(keep_conflict).status().field(), "keep[0]");
  keep_conflict.keep = {{0, 0}, {0, 0}};
  EXPECT_EQ(SolveAssignment(keep_conflict).status().field(), "keep[1]");
}

}  // namespace
}  // namespace biobridge::solve
