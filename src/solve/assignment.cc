#include "solve/assignment.h"

#include <fmt/format.h>
#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace biobridge::solve {
namespace {

constexpr double kScale = 1e6;  // affinity units per integer cost unit

Status CheckProblem(const AssignmentProblem& p) {
  if (p.projects < 0) return InvalidArgumentError("projects", "cannot be negative");
  if (p.experts < 0) return InvalidArgumentError("experts", "cannot be negative");
  if (p.reviewers_per_project < 1) return InvalidArgumentError("k", "each project needs at least one reviewer");
  if (p.min_load < 0 || p.max_load < p.min_load) {
    return InvalidArgumentError("max_load", fmt::format("loads must satisfy 0 <= min_load <= max_load (got {} and {})",
                                                        p.min_load, p.max_load));
  }
  std::set<std::pair<int, int>> seen;
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    const Candidate& c = p.candidates[i];
    const std::string field = fmt::format("candidates[{}]", i);
    if (c.project < 0 || c.project >= p.projects) {
      return InvalidArgumentError(field, fmt::format("project {} is not one of the {} projects", c.project, p.projects));
    }
    if (c.expert < 0 || c.expert >= p.experts) {
      return InvalidArgumentError(field, fmt::format("expert {} is not one of the {} experts", c.expert, p.experts));
    }
    if (!std::isfinite(c.affinity)) return InvalidArgumentError(field, "the affinity is not a finite number");
    if (!seen.emplace(c.project, c.expert).second) {
      return InvalidArgumentError(field, fmt::format("project {} and expert {} are listed twice", c.project, c.expert));
    }
  }
  return Status::Ok();
}

// A reason the constraints cannot be met that counting shows, or "".
std::string CountingReason(const AssignmentProblem& p) {
  std::vector<int> per_project(static_cast<std::size_t>(p.projects), 0);
  for (const Candidate& c : p.candidates) ++per_project[static_cast<std::size_t>(c.project)];
  for (int project = 0; project < p.projects; ++project) {
    if (per_project[static_cast<std::size_t>(project)] < p.reviewers_per_project) {
      return fmt::format("project {} has {} candidate reviewers, fewer than the {} it needs", project,
                         per_project[static_cast<std::size_t>(project)], p.reviewers_per_project);
    }
  }
  const std::int64_t needed = std::int64_t{p.projects} * p.reviewers_per_project;
  if (needed > std::int64_t{p.experts} * p.max_load) {
    return fmt::format("{} reviews are needed but {} experts may give at most {}", needed, p.experts,
                       std::int64_t{p.experts} * p.max_load);
  }
  if (needed < std::int64_t{p.experts} * p.min_load) {
    return fmt::format("only {} reviews are needed but {} experts must each do at least {}", needed, p.experts,
                       p.min_load);
  }
  return {};
}

}  // namespace

Result<AssignmentResult> SolveAssignment(const AssignmentProblem& p) {
  BB_RETURN_IF_ERROR(CheckProblem(p));
  if (std::string reason = CountingReason(p); !reason.empty()) {
    return FailedPreconditionError("no assignment meets the constraints: " + reason);
  }
  using Graph = lemon::ListDigraph;
  Graph graph;
  const Graph::Node source = graph.addNode();
  const Graph::Node sink = graph.addNode();
  std::vector<Graph::Node> experts, projects;
  for (int e = 0; e < p.experts; ++e) experts.push_back(graph.addNode());
  for (int j = 0; j < p.projects; ++j) projects.push_back(graph.addNode());
  Graph::ArcMap<std::int64_t> lower(graph, 0), upper(graph, 0), cost(graph, 0);
  for (int e = 0; e < p.experts; ++e) {
    const Graph::Arc a = graph.addArc(source, experts[static_cast<std::size_t>(e)]);
    lower[a] = p.min_load;
    upper[a] = p.max_load;
  }
  std::vector<Graph::Arc> pair_arcs;
  for (const Candidate& c : p.candidates) {
    const Graph::Arc a =
        graph.addArc(experts[static_cast<std::size_t>(c.expert)], projects[static_cast<std::size_t>(c.project)]);
    upper[a] = 1;
    cost[a] = -std::llround(c.affinity * kScale);  // minimising cost maximises affinity
    pair_arcs.push_back(a);
  }
  for (int j = 0; j < p.projects; ++j) {
    const Graph::Arc a = graph.addArc(projects[static_cast<std::size_t>(j)], sink);
    lower[a] = p.reviewers_per_project;
    upper[a] = p.reviewers_per_project;
  }
  // The flow from source to sink is exactly projects × k; the expert arcs' bounds carry the loads.
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> solver(graph);
  solver.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(
      source, sink, std::int64_t{p.projects} * p.reviewers_per_project);
  const auto outcome = solver.run();
  if (outcome == lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>::INFEASIBLE) {
    return FailedPreconditionError(
        "no assignment meets the constraints: the candidate pairs cannot give every project its reviewers within "
        "the experts' loads");
  }
  if (outcome != lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t>::OPTIMAL) {
    return InternalError("the assignment solver did not reach an optimum");
  }
  AssignmentResult result;
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    if (solver.flow(pair_arcs[i]) == 1) {
      result.assigned.push_back(p.candidates[i]);
      result.total_affinity += p.candidates[i].affinity;
    }
  }
  std::sort(result.assigned.begin(), result.assigned.end(), [](const Candidate& a, const Candidate& b) {
    return a.project != b.project ? a.project < b.project : a.expert < b.expert;
  });
  return result;
}

}  // namespace biobridge::solve
