// Reviewer assignment at scale, and the LP that an independent solver (CBC)
// checks the optimum against.
//
//   bb_assign_bench scale [--projects 10000] [--experts 2000] [--k 3]
//                         [--max-load 18] [--conflicts 0.005] [--seed 1] [--fairness]
//       Generates a topic-model affinity matrix (each project and expert a
//       mix of a few of 40 topics; affinity = cosine + noise), marks a share
//       of the pairs as conflicts, and solves. Prints the generation and
//       solve times, the candidate graph, the pricing rounds, the figures and
//       the peak memory (getrusage) before and after the solve.
//   bb_assign_bench lp --scores FILE [--conflicts FILE] --k K --max-load L --out FILE.lp
//       Writes the same assignment as a 0-1 program in CPLEX LP format
//       (maximise total affinity; exactly k per paper; at most L per
//       reviewer; conflicts left out), for `cbc FILE.lp solve`.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "bench_clock.h"
#include "solve/assignment.h"
#include "solve/score_table.h"

namespace biobridge {
namespace {

using bench::Clock;
using bench::PeakMegabytes;
using bench::Seconds;
struct Args {
  std::string mode;
  int projects = 10000, experts = 2000, k = 3, max_load = 18;
  double conflicts = 0.005;
  std::uint64_t seed = 1;
  bool fairness = false;
  std::string scores, conflicts_file, out;
};

// A project or expert as a unit vector over topics: 1-3 topics with random weights.
std::vector<float> TopicMix(std::mt19937_64& random, int topics) {
  std::vector<float> mix(std::size_t(topics), 0.0f);
  std::uniform_int_distribution<int> topic(0, topics - 1), count(1, 3);
  std::uniform_real_distribution<float> weight(0.2f, 1.0f);
  for (int i = count(random); i > 0; --i) mix[std::size_t(topic(random))] += weight(random);
  float norm = 0;
  for (float w : mix) norm += w * w;
  for (float& w : mix) w /= std::sqrt(norm);
  return mix;
}

int RunScale(const Args& a) {
  constexpr int kTopics = 40;
  const auto generating = Clock::now();
  std::mt19937_64 random(a.seed);
  std::vector<std::vector<float>> project_mix, expert_mix;
  for (int j = 0; j < a.projects; ++j) project_mix.push_back(TopicMix(random, kTopics));
  for (int e = 0; e < a.experts; ++e) expert_mix.push_back(TopicMix(random, kTopics));
  solve::AssignmentProblem p;
  p.projects = a.projects;
  p.experts = a.experts;
  p.reviewers_per_project = a.k;
  p.max_load = a.max_load;
  p.fairness = a.fairness;
  p.affinity.resize(std::size_t(a.projects) * std::size_t(a.experts));
  std::uniform_real_distribution<float> noise(0.0f, 0.05f);
  std::bernoulli_distribution conflict(a.conflicts);
  std::size_t conflicts = 0;
  for (int j = 0; j < a.projects; ++j) {
    for (int e = 0; e < a.experts; ++e) {
      float dot = 0;
      for (int t = 0; t < kTopics; ++t) dot += project_mix[std::size_t(j)][std::size_t(t)] * expert_mix[std::size_t(e)][std::size_t(t)];
      const bool conflicted = conflict(random);
      conflicts += conflicted;
      p.affinity[std::size_t(j) * std::size_t(a.experts) + std::size_t(e)] = conflicted ? std::nanf("") : dot + noise(random);
    }
  }
  project_mix.clear();
  expert_mix.clear();
  std::cout << fmt::format("instance: {} projects × {} experts, k = {}, loads ≤ {}, {} conflicts ({:.2f} %), fairness {}\n",
                           a.projects, a.experts, a.k, a.max_load, conflicts,
                           100.0 * double(conflicts) / double(p.affinity.size()), a.fairness ? "on" : "off");
  std::cout << fmt::format("generated in {:.2f} s; peak memory with the matrix {} MB (matrix {} MB)\n",
                           Seconds(generating), PeakMegabytes(), p.affinity.size() * sizeof(float) >> 20);
  const auto solving = Clock::now();
  Result<solve::AssignmentResult> result = solve::SolveAssignment(p);
  const double seconds = Seconds(solving);
  if (!result.ok()) {
    std::cerr << result.status().ToString() << '\n';
    return 1;
  }
  const solve::AssignmentStats& s = result->stats;
  std::cout << fmt::format("solve: {:.2f} s; candidate graph {} pairs ({:.2f} % of the matrix), {} pricing rounds; "
                           "peak memory {} MB\n",
                           seconds, result->graph_pairs, 100.0 * result->graph_pairs / double(p.affinity.size()),
                           result->pricing_rounds, PeakMegabytes());
  std::cout << fmt::format("total affinity {:.4f}; worst project {:.4f}; mean project {:.4f}; loads {}–{} (sd {:.2f})\n",
                           s.total_affinity, s.min_project_affinity, s.mean_project_affinity, s.min_load, s.max_load,
                           s.load_stddev);
  if (a.fairness) {
    std::cout << fmt::format("plain optimum: total {:.4f}, worst project {:.4f}; fairness floor {:.4f}\n",
                             result->optimum_stats.total_affinity, result->optimum_stats.min_project_affinity,
                             result->fairness_threshold);
  }
  return 0;
}

int RunLp(const Args& a) {
  std::ifstream scores(a.scores), conflicts;
  if (!a.conflicts_file.empty()) conflicts.open(a.conflicts_file);
  Result<solve::ScoreTable> table =
      solve::ReadScoreTable(scores, a.scores, a.conflicts_file.empty() ? nullptr : &conflicts, a.conflicts_file);
  if (!table.ok()) {
    std::cerr << table.status().ToString() << '\n';
    return 1;
  }
  const std::size_t P = table->papers.size(), R = table->reviewers.size();
  std::ofstream lp(a.out);
  auto var = [](std::size_t j, std::size_t r) { return fmt::format("x{}_{}", j, r); };
  auto usable = [&](std::size_t j, std::size_t r) { return !std::isnan(table->affinity[j * R + r]); };
  lp << "Maximize\n obj:";
  for (std::size_t j = 0; j < P; ++j) {
    for (std::size_t r = 0; r < R; ++r) {
      // Shortest round-trip text of the float the solver uses.
      if (usable(j, r)) lp << fmt::format(" + {} {}", table->affinity[j * R + r], var(j, r)) << (r % 8 == 7 ? "\n" : "");
    }
  }
  lp << "\nSubject To\n";
  for (std::size_t j = 0; j < P; ++j) {
    lp << " paper" << j << ':';
    for (std::size_t r = 0; r < R; ++r) {
      if (usable(j, r)) lp << " + " << var(j, r);
    }
    lp << " = " << a.k << '\n';
  }
  for (std::size_t r = 0; r < R; ++r) {
    lp << " reviewer" << r << ':';
    for (std::size_t j = 0; j < P; ++j) {
      if (usable(j, r)) lp << " + " << var(j, r) << (j % 16 == 15 ? "\n" : "");
    }
    lp << " <= " << a.max_load << '\n';
  }
  lp << "Binary\n";
  for (std::size_t j = 0; j < P; ++j) {
    for (std::size_t r = 0; r < R; ++r) {
      if (usable(j, r)) lp << ' ' << var(j, r) << '\n';
    }
  }
  lp << "End\n";
  return lp ? 0 : 1;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  biobridge::Args a;
  if (argc < 2) {
    std::cerr << "usage: bb_assign_bench scale|lp [options]\n";
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--fairness") {
      a.fairness = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::cerr << flag << " needs a value\n";
      return 2;
    }
    const std::string value = argv[++i];
    if (flag == "--projects") a.projects = std::stoi(value);
    else if (flag == "--experts") a.experts = std::stoi(value);
    else if (flag == "--k") a.k = std::stoi(value);
    else if (flag == "--max-load") a.max_load = std::stoi(value);
    else if (flag == "--conflicts") {
      if (a.mode == "lp") a.conflicts_file = value;
      else a.conflicts = std::stod(value);
    } else if (flag == "--seed") a.seed = std::stoull(value);
    else if (flag == "--scores") a.scores = value;
    else if (flag == "--out") a.out = value;
    else {
      std::cerr << "unknown flag " << flag << '\n';
      return 2;
    }
  }
  if (a.mode == "scale") return biobridge::RunScale(a);
  if (a.mode == "lp") return biobridge::RunLp(a);
  std::cerr << "unknown mode " << a.mode << '\n';
  return 2;
}
