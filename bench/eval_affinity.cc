// Expertise affinity against real expertise ratings: BioBridge's text
// affinity (match/affinity.h) and the published scores of SPECTER,
// SPECTER+MFR, ELMo, TPMS and the ACL matcher, on the reviewer-paper gold
// standard (../shared/data/reviewer_affinity_goldstandard: 58 reviewers who
// rated their expertise for papers they had read), scored with one metric.
//
//   bb_eval_affinity --data DIR [--write-scores FILE]
//
// The metric: for each reviewer, every pair of rated papers with different
// ratings is ordered by the method's scores; a pair ordered against the
// ratings costs the rating gap (a tie in the scores half of it); the loss
// is the cost over the total gap, then averaged over reviewers. 0 is a
// perfect order, 0.5 a random one. --write-scores writes BioBridge's matrix
// as openreview-matcher scores (paperID,reviewerID,score) for
// bench/assign_bench.sh.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>

#include "base/csv.h"
#include "base/json.h"
#include "match/affinity.h"

namespace biobridge {
namespace {

using Ratings = std::map<std::string, std::map<std::string, double>>;  // reviewer → paper → rating
using Scores = std::unordered_map<std::string, double>;                  // reviewer + '|' + paper → score

std::string Key(const std::string& reviewer, const std::string& paper) { return reviewer + '|' + paper; }

double Loss(const Ratings& ratings, const Scores& scores) {
  double sum = 0;
  int reviewers = 0;
  for (const auto& [reviewer, rated] : ratings) {
    double cost = 0, total = 0;
    for (auto a = rated.begin(); a != rated.end(); ++a) {
      for (auto b = std::next(a); b != rated.end(); ++b) {
        const double gap = a->second - b->second;
        if (gap == 0) continue;
        const double sa = scores.at(Key(reviewer, a->first)), sb = scores.at(Key(reviewer, b->first));
        total += std::fabs(gap);
        if (sa == sb) cost += std::fabs(gap) / 2;
        else if ((sa > sb) != (gap > 0)) cost += std::fabs(gap);
      }
    }
    if (total == 0) continue;
    sum += cost / total;
    ++reviewers;
  }
  return reviewers ? sum / reviewers : 0;
}

Status ReadCsvFile(const std::string& path, const std::function<Status(std::size_t, std::vector<std::string>&)>& row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UnavailableError("cannot open " + path);
  return ReadCsv(in, row);
}

int Run(const std::string& dir, const std::string& write_scores) {
  // Papers.
  std::vector<std::string> papers;
  std::vector<match::ExpertiseDocument> paper_texts;
  Status status = ReadCsvFile(dir + "/submissions_d20_1.csv", [&](std::size_t row, std::vector<std::string>& f) {
    if (row == 1) return Status::Ok();
    papers.push_back(f.at(0));
    paper_texts.push_back({{f.at(1), 2}, {f.at(2), 1}});
    return Status::Ok();
  });
  // Ratings.
  Ratings ratings;
  if (status.ok()) {
    status = ReadCsvFile(dir + "/expertise_long.csv", [&](std::size_t row, std::vector<std::string>& f) {
      if (row > 1) ratings[f.at(0)][f.at(1)] = std::stod(f.at(2));
      return Status::Ok();
    });
  }
  // Published scores: reviewer_id,paper_id,specter,specter_mfr,elmo,tpms,acl.
  const std::vector<std::string> methods = {"specter", "specter_mfr", "elmo", "tpms", "acl"};
  std::vector<Scores> published(methods.size());
  if (status.ok()) {
    status = ReadCsvFile(dir + "/affinity_scores_d20_1_ta.csv", [&](std::size_t row, std::vector<std::string>& f) {
      if (row == 1) return Status::Ok();
      for (std::size_t m = 0; m < methods.size(); ++m) published[m][Key(f.at(0), f.at(1))] = std::stod(f.at(2 + m));
      return Status::Ok();
    });
  }
  if (!status.ok()) {
    std::cerr << status.ToString() << '\n';
    return 1;
  }
  // Reviewer archives: one JSON line per paper of a reviewer's profile.
  std::map<std::string, std::vector<match::ExpertiseDocument>> archives;
  std::ifstream jsonl(dir + "/reviewer_archives_d20_1.jsonl");
  for (std::string line; std::getline(jsonl, line);) {
    Result<json::value> v = ParseJson(line, {.max_depth = 32, .max_string_bytes = 1 << 20});
    if (!v.ok()) continue;
    const json::object& o = v->as_object();
    const json::object& content = o.at("content").as_object();
    auto text = [&](const char* name) {
      const json::value* x = content.if_contains(name);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    archives[std::string(o.at("reviewer_id").as_string())].push_back({{text("title"), 2}, {text("abstract"), 1}});
  }
  std::vector<std::string> reviewers;
  for (const auto& [reviewer, rated] : ratings) reviewers.push_back(reviewer);
  std::size_t rated_pairs = 0;
  for (const auto& [reviewer, rated] : ratings) rated_pairs += rated.size();
  std::cout << fmt::format("{} reviewers, {} papers, {} rated (reviewer, paper) pairs, {} archive papers\n",
                           reviewers.size(), papers.size(), rated_pairs,
                           std::accumulate(archives.begin(), archives.end(), std::size_t{0},
                                           [](std::size_t n, const auto& a) { return n + a.second.size(); }));

  match::AffinityIndex index(text::Vocabulary::Builtin());
  for (const auto& p : paper_texts) index.AddProject(p);
  for (const std::string& r : reviewers) index.AddExpert(archives[r]);
  auto as_scores = [&](const std::vector<float>& matrix) {
    Scores s;
    for (std::size_t j = 0; j < papers.size(); ++j) {
      for (std::size_t e = 0; e < reviewers.size(); ++e) s[Key(reviewers[e], papers[j])] = matrix[j * reviewers.size() + e];
    }
    return s;
  };
  std::cout << "\n| method | loss (lower is better) |\n|---|---|\n";
  struct Variant {
    std::string name;
    match::AffinityOptions options;
  };
  const std::vector<Variant> variants = {
      {"BioBridge (mean of best 3 documents; the default)", {}},
      {"BioBridge, best document", {.aggregate = match::AffinityAggregate::kMax}},
      {"BioBridge, whole profile", {.aggregate = match::AffinityAggregate::kProfile}},
      {"BioBridge, words only (no concepts)", {.concept_weight = 0}},
  };
  std::vector<float> default_matrix;
  for (const Variant& v : variants) {
    const std::vector<float> matrix = index.Compute(v.options);
    if (default_matrix.empty()) default_matrix = matrix;
    std::cout << fmt::format("| {} | {:.4f} |\n", v.name, Loss(ratings, as_scores(matrix)));
  }
  for (std::size_t m = 0; m < methods.size(); ++m) {
    std::cout << fmt::format("| {} (published) | {:.4f} |\n", methods[m], Loss(ratings, published[m]));
  }
  if (!write_scores.empty()) {
    std::ofstream out(write_scores);
    for (std::size_t j = 0; j < papers.size(); ++j) {
      for (std::size_t e = 0; e < reviewers.size(); ++e) {
        out << papers[j] << ',' << reviewers[e] << ',' << fmt::format("{}", default_matrix[j * reviewers.size() + e]) << '\n';
      }
    }
  }
  return 0;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  std::string data, write_scores;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") data = argv[i + 1];
    else if (flag == "--write-scores") write_scores = argv[i + 1];
  }
  if (data.empty()) {
    std::cerr << "usage: bb_eval_affinity --data DIR [--write-scores FILE]\n";
    return 2;
  }
  return biobridge::Run(data, write_scores);
}
