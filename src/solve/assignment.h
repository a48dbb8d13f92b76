// Reviewer assignment as an exact optimisation: every project gets exactly
// k reviewers, every expert reviews between min_load and max_load projects,
// only the candidate pairs given may be used (conflicts are simply left out
// of them), and the total affinity of the chosen pairs is the largest
// possible. Solved as a min-cost flow with LEMON's NetworkSimplex:
//
//   source ──[min_load, max_load]──▶ expert ──[0, 1], −affinity──▶ project ──[k, k]──▶ sink
//
// Affinities are scaled to integers (1e-6) for the solver; the total is
// reported from the original values.
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"

namespace biobridge::solve {

struct Candidate {
  int project = 0;
  int expert = 0;
  double affinity = 0;  // higher is better; may be negative
};

struct AssignmentProblem {
  int projects = 0;
  int experts = 0;
  int reviewers_per_project = 3;  // k
  int min_load = 0;
  int max_load = 6;
  std::vector<Candidate> candidates;  // at most one per (project, expert)
};

struct AssignmentResult {
  std::vector<Candidate> assigned;  // by project, then expert
  double total_affinity = 0;
};

// kInvalidArgument (naming the field) for a malformed problem: counts or
// loads out of range, a candidate outside the problem or listed twice.
// kFailedPrecondition when no assignment meets the constraints, saying why
// when a simple count shows it (a project with fewer than k candidates, more
// reviews needed than the experts may give, or fewer than their minimum).
Result<AssignmentResult> SolveAssignment(const AssignmentProblem& problem);

}  // namespace biobridge::solve
