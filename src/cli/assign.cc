// `biobridge assign`: reviewer assignment from files, with the solver of solve/.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <fstream>
#include <ostream>
#include <string>

#include "base/json.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "service/environment.h"
#include "solve/score_table.h"
#include "storage/store.h"

namespace biobridge::cli {

constexpr std::string_view kCommand = "assign";
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

namespace {

// The committee of a programme in a database: a preview, or (--save) its new draft.
int RunAssignProgramme(const AssignOptions& options, std::ostream& out, std::ostream& err) {
  auto environment = OpenExistingDatabase(options.db_path);
  if (!environment.ok()) return Fail(err, environment.status(), kCommand);
  service::CommitteeService& committees = (*environment)->committee();
  storage::Store& store = (*environment)->store();
  const service::Principal system = service::Principal::System("assign");
  json::object settings;
  if (options.k > 0) settings["reviewers_per_project"] = options.k;
  if (options.max_load > 0) settings["max_load"] = options.max_load;
  if (options.min_load >= 0) settings["min_load"] = options.min_load;
  json::object body{{"allow_uncovered", options.allow_uncovered}, {"fairness", options.fairness}};
  Result<domain::Committee> result = InternalError("not run");
  if (options.save) {
    if (!settings.empty()) {
      Result<domain::Committee> current = store.GetCommittee(options.programme);
      if (!current.ok()) return Fail(err, current.status(), kCommand);
      Result<domain::Committee> updated = committees.PutCommittee(
          system, options.programme, json::object{{"settings", settings}, {"version", current->meta.version}});
      if (!updated.ok()) return Fail(err, updated.status(), kCommand);
    }
    result = committees.DraftAssignment(system, options.programme, body);
  } else {
    if (!settings.empty()) body["settings"] = settings;
    result = committees.PreviewAssignment(system, options.programme, body);
  }
  if (!result.ok()) return Fail(err, result.status(), kCommand);
  Result<std::vector<domain::ReviewProject>> projects = store.ListReviewProjects(options.programme, "");
  if (!projects.ok()) return Fail(err, projects.status(), kCommand);
  std::map<std::string, std::string> names;
  for (const std::string& id : result->members) {
    Result<domain::Expert> expert = store.GetExpert(id);
    names[id] = expert.ok() ? expert->name : id;
  }
  if (options.json) {
    json::array assignments;
    for (const domain::ReviewProject& p : *projects) {
      json::array reviewers;
      for (const domain::AssignmentEntry& e : result->assignment) {
        if (e.project_id != p.id || e.status != "assigned") continue;
        reviewers.push_back(json::object{{"expert", e.expert_id}, {"name", names[e.expert_id]}, {"affinity", e.affinity}});
      }
      assignments.push_back(json::object{{"project", p.id},
                                         {"title", std::string(p.title.Best({"en", "zh", "ru"}))},
                                         {"reviewers", std::move(reviewers)}});
    }
    out << json::serialize(json::object{{"programme", options.programme},
                                        {"saved", options.save},
                                        {"settings", domain::ToJson(result->settings)},
                                        {"figures", result->figures},
                                        {"assignments", std::move(assignments)}})
        << '\n';
    return kExitOk;
  }
  for (const domain::ReviewProject& p : *projects) {
    out << p.id << "  " << p.title.Best({"en", "zh", "ru"}) << '\n';
    for (const domain::AssignmentEntry& e : result->assignment) {
      if (e.project_id == p.id && e.status == "assigned") {
        out << fmt::format("    {} ({}), affinity {:.3f}\n", names[e.expert_id], e.expert_id, e.affinity);
      }
    }
  }
  const json::object& f = result->figures;
  err << fmt::format("{} {} projects: total affinity {:.3f}, lowest project {:.3f}; {} conflicts left out\n",
                     options.save ? "drafted for" : "preview for", f.at("projects").to_number<std::int64_t>(),
                     f.at("total_affinity").to_number<double>(), f.at("min_project_affinity").to_number<double>(),
                     f.at("conflicts").to_number<std::int64_t>());
  for (const json::value& u : f.at("uncovered").as_array()) {
    err << "uncovered: " << u.at("project").as_string() << ": " << u.at("reason").as_string() << '\n';
  }
  return kExitOk;
}

}  // namespace

int RunAssign(const AssignOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.db_path.empty()) return RunAssignProgramme(options, out, err);
  if (options.scores.empty()) {
    err << "biobridge assign: give --db PATH --programme ID, or --scores FILE.csv --max-load L\n";
    return kExitUsage;
  }
  if (options.max_load < 1) {
    err << "biobridge assign: --max-load is required with --scores\n";
    return kExitUsage;
  }
  auto fail = [&](const Status& status) { return Fail(err, status, kCommand); };
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
  problem.reviewers_per_project = options.k > 0 ? options.k : 3;
  problem.min_load = std::max(options.min_load, 0);
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
                          {"k", problem.reviewers_per_project},
                          {"max_load", options.max_load},
                          {"min_load", problem.min_load},
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
                     problem.reviewers_per_project, reviewers.size(), table->conflicts, seconds);
  err << fmt::format("total affinity {:.6f}; lowest paper {:.6f}; loads {}–{} (sd {:.2f})\n", s.total_affinity,
                     s.min_project_affinity, s.min_load, s.max_load, s.load_stddev);
  if (options.fairness) {
    err << fmt::format("fairness: every pair ≥ {:.6f}; the plain optimum had total {:.6f}, lowest paper {:.6f}\n",
                       result->fairness_threshold, result->optimum_stats.total_affinity,
                       result->optimum_stats.min_project_affinity);
  }
  for (const solve::UncoveredProject& u : result->uncovered) {
    err << fmt::format("uncovered: paper {} has {} of {} reviewers: {}\n", papers[std::size_t(u.project)], u.reviewers,
                       problem.reviewers_per_project, u.reason);
  }
  return kExitOk;
}

}  // namespace biobridge::cli
