// `biobridge assign`: reviewer assignment from files, with the solver of solve/.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <ostream>
#include <string>

#include "base/json.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "solve/score_table.h"

namespace biobridge::cli {
namespace {

// The float as written (0.08442), not its binary expansion (0.0844200029…).
double Written(float value) { return std::stod(fmt::format("{}", value)); }

json::object StatsJson(const solve::AssignmentStats& s) {
  return json::object{{"total_affinity", s.total_affinity},
                      {"min_paper_affinity", s.min_project_affinity},
                      {"min_paper_affinity_bound", s.min_project_bound},
                      {"mean_paper_affinity", s.mean_project_affinity},
                      {"min_pair_affinity", s.min_pair_affinity},
                      {"covered_papers", s.covered_projects},
                      {"load", json::object{{"min", s.min_load}, {"max", s.max_load}, {"stddev", s.load_stddev}}}};
}

}  // namespace

int RunAssign(const AssignOptions& options, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& status) {
    err << "biobridge assign: " << status.ToString() << '\n';
    return ExitCodeFor(status.code());
  };
  std::ifstream scores(options.scores, std::ios::binary);
  if (!scores) return fail(UnavailableError(fmt::format("cannot open the scores file '{}'", options.scores)));
  std::ifstream conflicts;
  if (!options.conflicts.empty()) {
    conflicts.open(options.conflicts, std::ios::binary);
    if (!conflicts) return fail(UnavailableError(fmt::format("cannot open the conflicts file '{}'", options.conflicts)));
  }
  Result<solve::ScoreTable> table =
      solve::ReadScoreTable(scores, options.scores, options.conflicts.empty() ? nullptr : &conflicts, options.conflicts);
  if (!table.ok()) return fail(table.status());
  solve::AssignmentProblem problem = solve::ProblemFromTable(*table);
  problem.reviewers_per_project = options.k;
  problem.min_load = options.min_load;
  problem.max_load = options.max_load;
  problem.fairness = options.fairness;
  problem.allow_uncovered = options.allow_uncovered;
  const auto started = std::chrono::steady_clock::now();
  Result<solve::AssignmentResult> result = solve::SolveAssignment(problem);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result.ok()) return fail(result.status());
  const auto& papers = table->papers;
  const auto& reviewers = table->reviewers;
  if (options.json) {
    json::array assignments;
    for (std::size_t i = 0; i < result->assigned.size();) {
      const int paper = result->assigned[i].project;
      json::array chosen;
      for (; i < result->assigned.size() && result->assigned[i].project == paper; ++i) {
        chosen.push_back(json::object{{"reviewer", reviewers[std::size_t(result->assigned[i].expert)]},
                                      {"score", Written(result->assigned[i].affinity)}});
      }
      assignments.push_back(json::object{{"paper", papers[std::size_t(paper)]}, {"reviewers", std::move(chosen)}});
    }
    json::array uncovered;
    for (const solve::UncoveredProject& u : result->uncovered) {
      uncovered.push_back(json::object{
          {"paper", papers[std::size_t(u.project)]}, {"reviewers", u.reviewers}, {"reason", u.reason}});
    }
    json::object document{{"papers", papers.size()},
                          {"reviewers", reviewers.size()},
                          {"conflicts", table->conflicts},
                          {"k", options.k},
                          {"max_load", options.max_load},
                          {"min_load", options.min_load},
                          {"stats", StatsJson(result->stats)},
                          {"uncovered", std::move(uncovered)},
                          {"candidate_pairs", result->graph_pairs},
                          {"pricing_rounds", result->pricing_rounds},
                          {"seconds", seconds},
                          {"assignments", std::move(assignments)}};
    if (options.fairness) {
      document["optimum_stats"] = StatsJson(result->optimum_stats);
      document["fairness_threshold"] = Written(result->fairness_threshold);
    }
    out << json::serialize(document) << '\n';
    return kExitOk;
  }
  out << "paperID,reviewerID,score\n";
  for (const solve::AssignedPair& a : result->assigned) {
    out << papers[std::size_t(a.project)] << ',' << reviewers[std::size_t(a.expert)] << ',' << a.affinity << '\n';
  }
  const solve::AssignmentStats& s = result->stats;
  err << fmt::format("assigned {} papers × {} reviewers to {} reviewers ({} conflicts) in {:.2f} s\n", s.covered_projects,
                     options.k, reviewers.size(), table->conflicts, seconds);
  err << fmt::format("total affinity {:.6f}; lowest paper {:.6f}; loads {}–{} (sd {:.2f})\n", s.total_affinity,
                     s.min_project_affinity, s.min_load, s.max_load, s.load_stddev);
  if (options.fairness) {
    err << fmt::format("fairness: every pair ≥ {:.6f}; the plain optimum had total {:.6f}, lowest paper {:.6f}\n",
                       result->fairness_threshold, result->optimum_stats.total_affinity,
                       result->optimum_stats.min_project_affinity);
  }
  for (const solve::UncoveredProject& u : result->uncovered) {
    err << fmt::format("uncovered: paper {} has {} of {} reviewers: {}\n", papers[std::size_t(u.project)], u.reviewers,
                       options.k, u.reason);
  }
  return kExitOk;
}

}  // namespace biobridge::cli
