#include "solve/assignment.h"

#include <fmt/format.h>
#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

namespace biobridge::solve {
namespace {

using Cost = std::int64_t;
using Graph = lemon::ListDigraph;
using Simplex = lemon::NetworkSimplex<Graph, std::int64_t, Cost>;

constexpr double kFinestUnit = 1e6;        // integer cost units for the largest |affinity|
constexpr long double kCostBudget = 1e17;  // LEMON's artificial arcs cost 2^62: stay well below
constexpr int kMaxPricingRounds = 1000;
constexpr char kKeep = 1;   // a kept pair: kept unless something more important needs it changed
constexpr char kFixed = 2;  // a fixed pair: always assigned

std::size_t Index(const AssignmentProblem& p, int project, int expert) {
  return static_cast<std::size_t>(project) * static_cast<std::size_t>(p.experts) + static_cast<std::size_t>(expert);
}

bool IsCandidate(float affinity) { return !std::isnan(affinity); }

bool LanguageRule(const AssignmentProblem& p) {
  return !p.project_languages.empty() && !p.expert_languages.empty();
}
bool NeedsReader(const AssignmentProblem& p, int project) {
  return LanguageRule(p) && p.project_languages[static_cast<std::size_t>(project)] != 0;
}
bool Reads(const AssignmentProblem& p, int project, int expert) {
  return NeedsReader(p, project) &&
         (p.project_languages[static_cast<std::size_t>(project)] & p.expert_languages[static_cast<std::size_t>(expert)]) != 0;
}

std::string Name(const std::vector<std::string>& names, int i) {
  return std::size_t(i) < names.size() ? names[std::size_t(i)] : std::to_string(i);
}
std::string ProjectName(const AssignmentProblem& p, int j) { return Name(p.project_names, j); }
std::string ExpertName(const AssignmentProblem& p, int e) { return Name(p.expert_names, e); }

std::string ListNames(const std::vector<std::string>& names, const std::vector<int>& indexes) {
  std::string out;
  for (std::size_t i = 0; i < indexes.size() && i < 10; ++i) out += (i ? ", " : "") + Name(names, indexes[i]);
  if (indexes.size() > 10) out += fmt::format(" and {} more", indexes.size() - 10);
  return out;
}

Status CheckProblem(const AssignmentProblem& p) {
  if (p.projects < 0) return InvalidArgumentError("projects", "cannot be negative");
  if (p.experts < 0) return InvalidArgumentError("experts", "cannot be negative");
  if (p.reviewers_per_project < 1) return InvalidArgumentError("k", "each project needs at least one reviewer");
  if (p.min_load < 0 || p.max_load < p.min_load) {
    return InvalidArgumentError("max_load", fmt::format("loads must satisfy 0 <= min_load <= max_load (got {} and {})",
                                                        p.min_load, p.max_load));
  }
  if (p.affinity.size() != static_cast<std::size_t>(p.projects) * static_cast<std::size_t>(p.experts)) {
    return InvalidArgumentError("affinity", fmt::format("has {} values; {} projects × {} experts need {}",
                                                        p.affinity.size(), p.projects, p.experts,
                                                        std::size_t(p.projects) * std::size_t(p.experts)));
  }
  for (std::size_t i = 0; i < p.affinity.size(); ++i) {
    if (std::isinf(p.affinity[i])) {
      return InvalidArgumentError("affinity", fmt::format("project {} and expert {} have an infinite affinity",
                                                          ProjectName(p, int(i / std::size_t(p.experts))),
                                                          ExpertName(p, int(i % std::size_t(p.experts)))));
    }
  }
  if (!p.project_languages.empty() && p.project_languages.size() != std::size_t(p.projects)) {
    return InvalidArgumentError("project_languages", "needs one entry per project");
  }
  if (!p.expert_languages.empty() && p.expert_languages.size() != std::size_t(p.experts)) {
    return InvalidArgumentError("expert_languages", "needs one entry per expert");
  }
  std::unordered_set<std::size_t> seen;
  std::vector<int> fixed_per_project(std::size_t(p.projects), 0), fixed_per_expert(std::size_t(p.experts), 0);
  const std::size_t pairs = p.keep.size() + p.fixed.size();
  for (std::size_t n = 0; n < pairs; ++n) {
    const bool fixed = n >= p.keep.size();
    const std::size_t i = fixed ? n - p.keep.size() : n;
    const auto [project, expert] = fixed ? p.fixed[i] : p.keep[i];
    const std::string field = fmt::format("{}[{}]", fixed ? "fixed" : "keep", i);
    if (project < 0 || project >= p.projects || expert < 0 || expert >= p.experts) {
      return InvalidArgumentError(field, fmt::format("project {} or expert {} is out of range", project, expert));
    }
    if (!IsCandidate(p.affinity[Index(p, project, expert)])) {
      return InvalidArgumentError(field, fmt::format("project {} and expert {} may not be paired", ProjectName(p, project), ExpertName(p, expert)));
    }
    if (!seen.insert(Index(p, project, expert)).second) {
      return InvalidArgumentError(field, fmt::format("project {} and expert {} are listed twice", ProjectName(p, project), ExpertName(p, expert)));
    }
    if (fixed && ++fixed_per_project[std::size_t(project)] > p.reviewers_per_project) {
      return InvalidArgumentError(field, fmt::format("project {} has more fixed reviewers than the {} it needs",
                                                     ProjectName(p, project), p.reviewers_per_project));
    }
    if (fixed && ++fixed_per_expert[std::size_t(expert)] > p.max_load) {
      return InvalidArgumentError(field, fmt::format("expert {} has more fixed projects than the maximum load of {}",
                                                     ExpertName(p, expert), p.max_load));
    }
  }
  return Status::Ok();
}

// Reasons counting shows for a project that cannot be covered, or "".
std::string ProjectShortfall(const AssignmentProblem& p, int project) {
  int candidates = 0;
  bool reader = false;
  for (int e = 0; e < p.experts; ++e) {
    if (!IsCandidate(p.affinity[Index(p, project, e)])) continue;
    ++candidates;
    reader = reader || Reads(p, project, e);
  }
  if (candidates < p.reviewers_per_project) {
    return fmt::format("only {} experts have no conflict with it, fewer than the {} it needs", candidates,
                       p.reviewers_per_project);
  }
  if (NeedsReader(p, project) && !reader) return "no expert without a conflict reads its language";
  return {};
}

// The weights of the objective's levels (see the header).
struct Levels {
  double scale = 0;   // integer cost units per unit of affinity
  Cost keep = 0;      // per kept pair
  Cost cover = 0;     // per reviewer slot filled, reader found, minimum-load unit met
};

Levels ChooseLevels(const AssignmentProblem& p) {
  float largest = 0;
  for (float a : p.affinity) {
    if (IsCandidate(a)) largest = std::max(largest, std::fabs(a));
  }
  const long double slots = static_cast<long double>(p.projects) * p.reviewers_per_project;
  const long double cover_units = slots + p.projects + static_cast<long double>(p.experts) * p.min_load;
  const long double kept = static_cast<long double>(p.keep.size());
  long double unit = kFinestUnit;
  auto fits = [&](long double u, long double& keep, long double& cover) {
    const long double affinity_range = 2 * slots * u + 1;
    keep = kept > 0 ? affinity_range : 0;
    cover = kept * keep + affinity_range;
    return slots * u + kept * keep + cover_units * cover <= kCostBudget;
  };
  long double keep = 0, cover = 0;
  while (unit > 1 && !fits(unit, keep, cover)) unit /= 2;
  fits(unit, keep, cover);
  Levels levels;
  levels.scale = largest > 0 ? static_cast<double>(unit) / largest : 1;
  levels.keep = static_cast<Cost>(keep);
  levels.cover = static_cast<Cost>(cover);
  return levels;
}

struct Pair {
  int project;
  int expert;
};

// What one solve of the flow on a candidate graph gives.
struct FlowOutcome {
  std::vector<char> used;  // per graph pair
  std::vector<Cost> expert_potential, project_potential, reader_potential;
  std::int64_t cover_units = 0;  // the top level of the objective reached
};

class FlowModel {
 public:
  FlowModel(const AssignmentProblem& p, const Levels& levels, const std::vector<char>& kept_cell)
      : p_(p), levels_(levels), kept_cell_(kept_cell) {}

  Cost PairCost(int project, int expert) const {
    const std::size_t cell = Index(p_, project, expert);
    const Cost affinity = std::llround(static_cast<double>(p_.affinity[cell]) * levels_.scale);
    return -affinity - (kept_cell_.empty() || kept_cell_[cell] != kKeep ? 0 : levels_.keep);
  }
  // Kept or fixed.
  bool Kept(int project, int expert) const { return !kept_cell_.empty() && kept_cell_[Index(p_, project, expert)]; }
  bool Fixed(int project, int expert) const {
    return !kept_cell_.empty() && kept_cell_[Index(p_, project, expert)] == kFixed;
  }

  // Pairs below `threshold` (other than kept ones) are left out.
  Result<FlowOutcome> Solve(const std::vector<Pair>& pairs, float threshold) const {
    Graph graph;
    const std::size_t experts = std::size_t(p_.experts), projects = std::size_t(p_.projects);
    graph.reserveNode(static_cast<int>(2 + experts + 2 * projects));
    graph.reserveArc(static_cast<int>(pairs.size() + 2 * experts + 3 * projects + 1));
    const Graph::Node source = graph.addNode(), sink = graph.addNode();
    std::vector<Graph::Node> expert_node(experts), project_node(projects), reader_node(projects, lemon::INVALID);
    for (auto& n : expert_node) n = graph.addNode();
    for (auto& n : project_node) n = graph.addNode();
    Graph::ArcMap<std::int64_t> lower(graph, 0), upper(graph, 0);
    Graph::ArcMap<Cost> cost(graph, 0);
    std::vector<Graph::Arc> cover_arcs;  // each unit of flow on them is one cover unit
    auto add = [&](Graph::Node from, Graph::Node to, std::int64_t capacity, Cost c) {
      const Graph::Arc a = graph.addArc(from, to);
      upper[a] = capacity;
      cost[a] = c;
      return a;
    };
    const std::int64_t slots = std::int64_t{p_.projects} * p_.reviewers_per_project;
    add(source, sink, slots, 0);  // what no expert gives
    for (std::size_t e = 0; e < experts; ++e) {
      if (p_.min_load > 0) cover_arcs.push_back(add(source, expert_node[e], p_.min_load, -levels_.cover));
      if (p_.max_load > p_.min_load) add(source, expert_node[e], p_.max_load - p_.min_load, 0);
    }
    for (std::size_t j = 0; j < projects; ++j) {
      cover_arcs.push_back(add(project_node[j], sink, p_.reviewers_per_project, -levels_.cover));
      if (NeedsReader(p_, static_cast<int>(j))) {
        reader_node[j] = graph.addNode();
        cover_arcs.push_back(add(reader_node[j], project_node[j], 1, -levels_.cover));
        add(reader_node[j], project_node[j], p_.reviewers_per_project, 0);
      }
    }
    std::vector<Graph::Arc> pair_arcs(pairs.size(), lemon::INVALID);
    bool has_fixed = false;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      const Pair& pair = pairs[i];
      if (p_.affinity[Index(p_, pair.project, pair.expert)] < threshold && !Kept(pair.project, pair.expert)) continue;
      const std::size_t j = std::size_t(pair.project);
      const Graph::Node target = Reads(p_, pair.project, pair.expert) ? reader_node[j] : project_node[j];
      pair_arcs[i] = add(expert_node[std::size_t(pair.expert)], target, 1, PairCost(pair.project, pair.expert));
      if (Fixed(pair.project, pair.expert)) lower[pair_arcs[i]] = 1, has_fixed = true;
    }
    Simplex solver(graph);
    solver.upperMap(upper).costMap(cost).stSupply(source, sink, slots);
    if (has_fixed) solver.lowerMap(lower);  // lower bounds cost LEMON a transformation: only when needed
    const auto status = solver.run();
    // Always feasible: the direct source→sink arc carries whatever the experts
    // cannot, and the fixed pairs fit their projects and loads (checked).
    if (status != Simplex::OPTIMAL) return InternalError("the assignment solver did not reach an optimum");
    FlowOutcome out;
    out.used.resize(pairs.size(), 0);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      out.used[i] = pair_arcs[i] != lemon::INVALID && solver.flow(pair_arcs[i]) > 0;
    }
    for (const Graph::Arc& a : cover_arcs) out.cover_units += solver.flow(a);
    out.expert_potential.resize(experts);
    out.project_potential.resize(projects);
    out.reader_potential.resize(projects, 0);
    for (std::size_t e = 0; e < experts; ++e) out.expert_potential[e] = solver.potential(expert_node[e]);
    for (std::size_t j = 0; j < projects; ++j) {
      out.project_potential[j] = solver.potential(project_node[j]);
      if (reader_node[j] != lemon::INVALID) out.reader_potential[j] = solver.potential(reader_node[j]);
    }
    return out;
  }

  // Adds to `pairs` the left-out candidates whose reduced cost is negative
  // (at most `per_project` of the most negative for each project); returns
  // how many. None means the outcome is optimal over the whole matrix: the
  // potentials are a dual solution that every pair satisfies.
  std::size_t Price(std::vector<Pair>& pairs, const FlowOutcome& outcome, std::size_t per_project) const {
    std::vector<std::vector<int>> in_graph(std::size_t(p_.projects));
    for (const Pair& pair : pairs) in_graph[std::size_t(pair.project)].push_back(pair.expert);
    std::vector<char> present(std::size_t(p_.experts), 0);
    std::vector<std::pair<__int128, int>> improving;
    std::size_t added = 0;
    for (int j = 0; j < p_.projects; ++j) {
      for (int e : in_graph[std::size_t(j)]) present[std::size_t(e)] = 1;
      improving.clear();
      const float* row = &p_.affinity[Index(p_, j, 0)];
      for (int e = 0; e < p_.experts; ++e) {
        if (present[std::size_t(e)] || !IsCandidate(row[e])) continue;
        const Cost target = Reads(p_, j, e) ? outcome.reader_potential[std::size_t(j)]
                                            : outcome.project_potential[std::size_t(j)];
        // Potentials may sit near LEMON's artificial cost (2^62): 128 bits cannot overflow.
        const __int128 reduced = __int128{PairCost(j, e)} + outcome.expert_potential[std::size_t(e)] - target;
        if (reduced < 0) improving.emplace_back(reduced, e);
      }
      for (int e : in_graph[std::size_t(j)]) present[std::size_t(e)] = 0;
      if (improving.size() > per_project) {
        std::nth_element(improving.begin(), improving.begin() + static_cast<std::ptrdiff_t>(per_project),
                         improving.end());
        improving.resize(per_project);
      }
      for (const auto& [reduced, e] : improving) pairs.push_back({j, e});
      added += improving.size();
    }
    return added;
  }

 private:
  const AssignmentProblem& p_;
  Levels levels_;
  const std::vector<char>& kept_cell_;
};

// The first candidate graph: for each project its best experts, for each
// expert its best projects, on affinity normalised (z-score) by the other
// side, so that an expert whose scores all run high does not crowd out the
// rest; plus each project's best readers, and the kept pairs.
std::vector<Pair> InitialGraph(const AssignmentProblem& p) {
  const std::size_t P = std::size_t(p.projects), E = std::size_t(p.experts);
  std::vector<double> row_mean(P, 0), row_sd(P, 0), col_mean(E, 0), col_sd(E, 0);
  std::vector<double> row_n(P, 0), col_n(E, 0);
  for (std::size_t j = 0; j < P; ++j) {
    for (std::size_t e = 0; e < E; ++e) {
      const float a = p.affinity[j * E + e];
      if (!IsCandidate(a)) continue;
      row_mean[j] += a, row_sd[j] += double(a) * a, ++row_n[j];
      col_mean[e] += a, col_sd[e] += double(a) * a, ++col_n[e];
    }
  }
  auto finish = [](std::vector<double>& mean, std::vector<double>& sd, const std::vector<double>& n) {
    for (std::size_t i = 0; i < mean.size(); ++i) {
      if (n[i] == 0) continue;
      mean[i] /= n[i];
      sd[i] = std::sqrt(std::max(0.0, sd[i] / n[i] - mean[i] * mean[i]));
      if (sd[i] < 1e-12) sd[i] = 1;
    }
  };
  finish(row_mean, row_sd, row_n);
  finish(col_mean, col_sd, col_n);

  const std::size_t k = std::size_t(p.reviewers_per_project);
  const std::size_t per_project = 2 * k + 4;
  const std::size_t per_expert = std::max<std::size_t>(2 * std::size_t(p.max_load), 8);
  std::vector<Pair> pairs;
  std::vector<std::pair<double, int>> ranked;
  auto keep_best = [&](std::size_t how_many, auto&& emit) {
    if (ranked.size() > how_many) {
      std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(how_many), ranked.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      ranked.resize(how_many);
    }
    for (const auto& [score, other] : ranked) emit(other);
  };
  for (std::size_t j = 0; j < P; ++j) {
    ranked.clear();
    for (std::size_t e = 0; e < E; ++e) {
      const float a = p.affinity[j * E + e];
      if (IsCandidate(a)) ranked.emplace_back((a - col_mean[e]) / col_sd[e], int(e));
    }
    keep_best(per_project, [&](int e) { pairs.push_back({int(j), e}); });
    if (NeedsReader(p, int(j))) {
      ranked.clear();
      for (std::size_t e = 0; e < E; ++e) {
        const float a = p.affinity[j * E + e];
        if (IsCandidate(a) && Reads(p, int(j), int(e))) ranked.emplace_back((a - col_mean[e]) / col_sd[e], int(e));
      }
      keep_best(k, [&](int e) { pairs.push_back({int(j), e}); });
    }
  }
  for (std::size_t e = 0; e < E; ++e) {
    ranked.clear();
    for (std::size_t j = 0; j < P; ++j) {
      const float a = p.affinity[j * E + e];
      if (IsCandidate(a)) ranked.emplace_back((a - row_mean[j]) / row_sd[j], int(j));
    }
    keep_best(per_expert, [&](int j) { pairs.push_back({j, int(e)}); });
  }
  for (const auto& [project, expert] : p.keep) pairs.push_back({project, expert});
  for (const auto& [project, expert] : p.fixed) pairs.push_back({project, expert});
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair& a, const Pair& b) { return a.project != b.project ? a.project < b.project : a.expert < b.expert; });
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const Pair& a, const Pair& b) { return a.project == b.project && a.expert == b.expert; }),
              pairs.end());
  return pairs;
}

std::vector<AssignedPair> Chosen(const AssignmentProblem& p, const std::vector<Pair>& pairs, const FlowOutcome& outcome) {
  std::vector<AssignedPair> chosen;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (outcome.used[i]) chosen.push_back({pairs[i].project, pairs[i].expert, p.affinity[Index(p, pairs[i].project, pairs[i].expert)]});
  }
  std::sort(chosen.begin(), chosen.end(), [](const AssignedPair& a, const AssignedPair& b) {
    return a.project != b.project ? a.project < b.project : a.expert < b.expert;
  });
  return chosen;
}

std::vector<UncoveredProject> FindUncovered(const AssignmentProblem& p, const std::vector<AssignedPair>& chosen) {
  std::vector<int> reviewers(std::size_t(p.projects), 0);
  std::vector<char> has_reader(std::size_t(p.projects), 0);
  for (const AssignedPair& a : chosen) {
    ++reviewers[std::size_t(a.project)];
    if (Reads(p, a.project, a.expert)) has_reader[std::size_t(a.project)] = 1;
  }
  std::vector<UncoveredProject> uncovered;
  for (int j = 0; j < p.projects; ++j) {
    const bool short_of_reviewers = reviewers[std::size_t(j)] < p.reviewers_per_project;
    const bool short_of_reader = NeedsReader(p, j) && !has_reader[std::size_t(j)];
    if (!short_of_reviewers && !short_of_reader) continue;
    std::string reason = ProjectShortfall(p, j);
    if (reason.empty()) {
      reason = short_of_reviewers
                   ? fmt::format("the experts who could review it have reached their maximum load of {}", p.max_load)
                   : "the experts who read its language have reached their maximum load";
    }
    uncovered.push_back({j, reviewers[std::size_t(j)], std::move(reason)});
  }
  return uncovered;
}

std::vector<int> ExpertsBelowMinimum(const AssignmentProblem& p, const std::vector<AssignedPair>& chosen) {
  std::vector<int> load(std::size_t(p.experts), 0);
  for (const AssignedPair& a : chosen) ++load[std::size_t(a.expert)];
  std::vector<int> below;
  for (int e = 0; e < p.experts; ++e) {
    if (load[std::size_t(e)] < p.min_load) below.push_back(e);
  }
  return below;
}

}  // namespace

namespace {

// The lowest, over projects with k candidates, of the sum of their k best
// candidates: what no assignment can beat for its worst project.
double WorstProjectBound(const AssignmentProblem& p) {
  double bound = std::numeric_limits<double>::infinity();
  std::vector<float> row;
  for (int j = 0; j < p.projects; ++j) {
    row.clear();
    for (int e = 0; e < p.experts; ++e) {
      if (IsCandidate(p.affinity[Index(p, j, e)])) row.push_back(p.affinity[Index(p, j, e)]);
    }
    if (row.size() < std::size_t(p.reviewers_per_project)) continue;
    const auto k = static_cast<std::ptrdiff_t>(p.reviewers_per_project);
    std::partial_sort(row.begin(), row.begin() + k, row.end(), std::greater<>());
    bound = std::min(bound, std::accumulate(row.begin(), row.begin() + k, 0.0));
  }
  return std::isinf(bound) ? 0 : bound;
}

// The figures of an assignment, with the bound computed once by the caller.
AssignmentStats Figures(const AssignmentProblem& p, const std::vector<AssignedPair>& assigned, double bound) {
  AssignmentStats s;
  s.min_project_bound = bound;
  std::vector<double> per_project(std::size_t(p.projects), 0);
  std::vector<int> reviewers(std::size_t(p.projects), 0), load(std::size_t(p.experts), 0);
  s.min_pair_affinity = assigned.empty() ? 0 : std::numeric_limits<double>::infinity();
  for (const AssignedPair& a : assigned) {
    s.total_affinity += a.affinity;
    per_project[std::size_t(a.project)] += a.affinity;
    ++reviewers[std::size_t(a.project)];
    ++load[std::size_t(a.expert)];
    s.min_pair_affinity = std::min(s.min_pair_affinity, double(a.affinity));
  }
  double covered_sum = 0;
  s.min_project_affinity = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < per_project.size(); ++j) {
    if (reviewers[j] < p.reviewers_per_project) continue;
    ++s.covered_projects;
    covered_sum += per_project[j];
    s.min_project_affinity = std::min(s.min_project_affinity, per_project[j]);
  }
  if (s.covered_projects == 0) s.min_project_affinity = 0;
  s.mean_project_affinity = s.covered_projects ? covered_sum / s.covered_projects : 0;
  if (!load.empty()) {
    s.min_load = *std::min_element(load.begin(), load.end());
    s.max_load = *std::max_element(load.begin(), load.end());
    const double mean = std::accumulate(load.begin(), load.end(), 0.0) / double(load.size());
    double var = 0;
    for (int l : load) var += (l - mean) * (l - mean);
    s.load_stddev = std::sqrt(var / double(load.size()));
  }
  return s;
}

}  // namespace

AssignmentStats Summarize(const AssignmentProblem& p, const std::vector<AssignedPair>& assigned) {
  return Figures(p, assigned, WorstProjectBound(p));
}

Result<AssignmentResult> SolveAssignment(const AssignmentProblem& p) {
  BB_RETURN_IF_ERROR(CheckProblem(p));
  const std::int64_t needed = std::int64_t{p.projects} * p.reviewers_per_project;
  if (!p.allow_uncovered) {
    std::vector<int> short_projects;
    std::string first_reason;
    for (int j = 0; j < p.projects; ++j) {
      if (std::string reason = ProjectShortfall(p, j); !reason.empty()) {
        if (short_projects.empty()) first_reason = std::move(reason);
        short_projects.push_back(j);
      }
    }
    if (!short_projects.empty()) {
      return FailedPreconditionError(fmt::format("no assignment meets the constraints: project {}: {}{}", ProjectName(p, short_projects[0]),
                                                 first_reason,
                                                 short_projects.size() > 1
                                                     ? fmt::format(" (projects {} cannot be covered)", ListNames(p.project_names, short_projects))
                                                     : ""));
    }
    if (needed > std::int64_t{p.experts} * p.max_load) {
      return FailedPreconditionError(fmt::format("no assignment meets the constraints: {} reviews are needed but {} experts may give at most {}",
                                                 needed, p.experts, std::int64_t{p.experts} * p.max_load));
    }
  }
  if (needed < std::int64_t{p.experts} * p.min_load) {
    return FailedPreconditionError(fmt::format("no assignment meets the constraints: only {} reviews are needed but {} experts must each do at least {}",
                                               needed, p.experts, p.min_load));
  }

  const Levels levels = ChooseLevels(p);
  std::vector<char> kept_cell;  // kKeep or kFixed per cell
  if (!p.keep.empty() || !p.fixed.empty()) {
    kept_cell.assign(p.affinity.size(), 0);
    for (const auto& [project, expert] : p.keep) kept_cell[Index(p, project, expert)] = kKeep;
    for (const auto& [project, expert] : p.fixed) kept_cell[Index(p, project, expert)] = kFixed;
  }
  const FlowModel model(p, levels, kept_cell);
  std::vector<Pair> pairs = InitialGraph(p);
  const float no_threshold = -std::numeric_limits<float>::infinity();
  AssignmentResult result;
  FlowOutcome outcome;
  for (;;) {
    BB_ASSIGN_OR_RETURN(outcome, model.Solve(pairs, no_threshold));
    ++result.pricing_rounds;
    const std::size_t per_round = std::size_t(2 * p.reviewers_per_project + 4);
    if (model.Price(pairs, outcome, per_round) == 0) break;
    if (result.pricing_rounds == kMaxPricingRounds) return InternalError("the assignment did not converge while pricing");
  }
  std::vector<AssignedPair> chosen = Chosen(p, pairs, outcome);
  result.uncovered = FindUncovered(p, chosen);
  const std::vector<int> below_minimum = ExpertsBelowMinimum(p, chosen);
  if (!p.allow_uncovered && !result.uncovered.empty()) {
    std::vector<int> projects;
    for (const UncoveredProject& u : result.uncovered) projects.push_back(u.project);
    return FailedPreconditionError(fmt::format("no assignment meets the constraints: projects {} cannot all get {} reviewers{} within the experts' loads ({})",
                                               ListNames(p.project_names, projects), p.reviewers_per_project,
                                               LanguageRule(p) ? " and a reader of their language" : "",
                                               result.uncovered[0].reason));
  }
  if (!below_minimum.empty()) {
    return FailedPreconditionError(fmt::format("no assignment meets the constraints: experts {} cannot reach the minimum load of {} with the projects they may review",
                                               ListNames(p.expert_names, below_minimum), p.min_load));
  }
  const double bound = WorstProjectBound(p);  // the same for every assignment
  result.optimum_stats = Figures(p, chosen, bound);

  if (p.fairness && !chosen.empty()) {
    // The largest threshold that loses no cover unit: binary search over the
    // candidate graph's affinities at or above the optimum's weakest pair.
    std::vector<float> values;
    for (const Pair& pair : pairs) {
      const float a = p.affinity[Index(p, pair.project, pair.expert)];
      if (a >= result.optimum_stats.min_pair_affinity) values.push_back(a);
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::size_t lo = 0, hi = values.size();  // values[lo] holds; values[hi] (if any) fails
    FlowOutcome best = outcome;
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      BB_ASSIGN_OR_RETURN(FlowOutcome trial, model.Solve(pairs, values[mid]));
      if (trial.cover_units == outcome.cover_units) {
        lo = mid;
        best = std::move(trial);
      } else {
        hi = mid;
      }
    }
    result.fairness_threshold = values.empty() ? 0 : values[lo];
    if (lo > 0) chosen = Chosen(p, pairs, best);
  }
  result.stats = p.fairness ? Figures(p, chosen, bound) : result.optimum_stats;
  for (const AssignedPair& a : chosen) {
    if (!kept_cell.empty() && kept_cell[Index(p, a.project, a.expert)] == kKeep) ++result.kept;
  }
  result.graph_pairs = static_cast<int>(pairs.size());
  result.assigned = std::move(chosen);
  return result;
}

}  // namespace biobridge::solve
