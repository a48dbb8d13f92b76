// Reviewer assignment as an exact optimisation: every project gets exactly
// k reviewers, every expert reviews between min_load and max_load projects,
// conflicts are never assigned, optionally at least one reviewer of each
// project reads its language, and the total affinity of the chosen pairs is
// the largest possible. Solved as a min-cost flow with LEMON's
// NetworkSimplex:
//
//   source ──[min_load, max_load]──▶ expert ──[0, 1], −affinity──▶ project ──[k, k]──▶ sink
//                                          └──▶ readers(project) ──[1, k]──┘   (language rule)
//
// Large instances are solved on a sparse candidate graph (each project's and
// each expert's best candidates on normalised affinity), then priced against
// the whole matrix with the solver's node potentials: any left-out pair with
// a negative reduced cost is added and the graph solved again, so the result
// is the optimum over every pair, not only the sparse ones.
//
// Levels of the objective, most important first, each outweighing
// everything below it: covering projects (only with allow_uncovered),
// keeping the pairs of a published assignment (only with `keep`), affinity.
// Affinities are scaled to integers for the solver (the scale shrinks when
// the levels need room in 64 bits); totals are reported from the original
// values.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace biobridge::solve {

struct AssignmentProblem {
  int projects = 0;
  int experts = 0;
  int reviewers_per_project = 3;  // k
  int min_load = 0;
  int max_load = 6;
  // projects × experts, row-major: affinity[project * experts + expert].
  // Higher is better, may be negative; NaN marks a pair that must never be
  // assigned (a conflict of interest, or an expert who declined).
  std::vector<float> affinity;
  // The language rule, optional. When both are given, a project whose mask
  // is not zero needs at least one reviewer whose mask shares a bit with it
  // (bit i = a language, as the caller numbers them).
  std::vector<std::uint32_t> project_languages;  // one per project, or empty
  std::vector<std::uint32_t> expert_languages;   // one per expert, or empty
  // Incremental reassignment: the (project, expert) pairs of a published
  // assignment that are still allowed. The solver keeps as many as it can
  // and changes only what must change.
  std::vector<std::pair<int, int>> keep;
  // Pairs that must stay whatever it costs (a review already started): they
  // are assigned, and counted against their project's k and expert's load.
  std::vector<std::pair<int, int>> fixed;
  // Without it a project that cannot get its k reviewers makes the whole
  // problem fail (naming the projects); with it the others are assigned and
  // the uncovered ones reported with the reason.
  bool allow_uncovered = false;
  // After the optimum, raise the worst-served projects: the largest
  // threshold such that every assigned pair's affinity is at least it, then
  // the best total under that threshold (on the candidate graph).
  bool fairness = false;
  // Optional names for messages ("project 12" otherwise).
  std::vector<std::string> project_names;
  std::vector<std::string> expert_names;
};

struct AssignedPair {
  int project = 0;
  int expert = 0;
  float affinity = 0;
};

struct UncoveredProject {
  int project = 0;
  int reviewers = 0;   // how many it got (fewer than k)
  std::string reason;  // why, in words
};

struct AssignmentStats {
  double total_affinity = 0;
  double min_project_affinity = 0;   // sum over a covered project's reviewers, the lowest
  double mean_project_affinity = 0;
  double min_pair_affinity = 0;
  int min_load = 0;                  // over all experts
  int max_load = 0;
  double load_stddev = 0;
  int covered_projects = 0;
  // No assignment can do better for its worst project than this: the lowest,
  // over projects, of the sum of its k best candidates (loads ignored). When
  // min_project_affinity reaches it, no fairness pass can raise the minimum.
  double min_project_bound = 0;
};

struct AssignmentResult {
  std::vector<AssignedPair> assigned;  // by project, then expert
  std::vector<UncoveredProject> uncovered;
  AssignmentStats stats;
  // With fairness: the plain optimum's figures, for comparison, and the
  // threshold the fair assignment holds every pair to.
  AssignmentStats optimum_stats;
  float fairness_threshold = 0;
  int kept = 0;          // pairs of `keep` still assigned
  int graph_pairs = 0;   // expert→project arcs in the final candidate graph
  int pricing_rounds = 0;
};

// kInvalidArgument (naming the field) for a malformed problem: counts or
// loads out of range, a matrix or mask of the wrong size, an infinite
// affinity, a kept or fixed pair that is out of range, not a candidate or
// listed twice, more fixed pairs than a project's k or an expert's max_load.
// kFailedPrecondition when no assignment meets the constraints (and
// allow_uncovered is off), saying why: a project with fewer than k
// candidates or no candidate reading its language, more reviews needed than
// the experts may give, fewer than their minimum loads, or the projects the
// loads leave uncovered.
Result<AssignmentResult> SolveAssignment(const AssignmentProblem& problem);

// The figures of an assignment (any, not only the solver's).
AssignmentStats Summarize(const AssignmentProblem& problem, const std::vector<AssignedPair>& assigned);

}  // namespace biobridge::solve
