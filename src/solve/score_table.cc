#include "solve/score_table.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "base/csv.h"

namespace biobridge::solve {
namespace {

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string Trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

struct Row {
  std::string paper, reviewer;
  double value;
};

// Reads `paperID,reviewerID,number` rows; a first row without a number is a header.
Result<std::vector<Row>> ReadRows(std::istream& in, const std::string& name) {
  std::vector<Row> rows;
  Status status = ReadCsv(in, [&](std::size_t row, std::vector<std::string>& fields) -> Status {
    if (fields.size() == 1 && Trimmed(fields[0]).empty()) return Status::Ok();  // blank line
    if (fields.size() != 3) {
      return MalformedError(fmt::format("{} row {}: expected paperID,reviewerID,value but found {} fields", name, row,
                                        fields.size()));
    }
    for (std::string& f : fields) f = Trimmed(f);
    const std::optional<double> value = ParseNumber(fields[2]);
    if (!value) {
      if (row == 1) return Status::Ok();  // a header
      return MalformedError(fmt::format("{} row {}: \"{}\" is not a finite number", name, row, fields[2]));
    }
    if (fields[0].empty() || fields[1].empty()) {
      return MalformedError(fmt::format("{} row {}: the paper and reviewer ids cannot be empty", name, row));
    }
    rows.push_back({std::move(fields[0]), std::move(fields[1]), *value});
    return Status::Ok();
  });
  if (!status.ok()) {
    if (status.code() == StatusCode::kMalformed && status.message().rfind(name, 0) != 0) {
      return MalformedError(name + ": " + status.message());
    }
    return status;
  }
  return rows;
}

}  // namespace

Result<ScoreTable> ReadScoreTable(std::istream& scores, const std::string& scores_name, std::istream* conflicts,
                                  const std::string& conflicts_name) {
  BB_ASSIGN_OR_RETURN(std::vector<Row> score_rows, ReadRows(scores, scores_name));
  ScoreTable table;
  std::unordered_map<std::string, int> paper_index, reviewer_index;
  auto intern = [](std::unordered_map<std::string, int>& index, std::vector<std::string>& ids, const std::string& id) {
    auto [it, added] = index.emplace(id, static_cast<int>(ids.size()));
    if (added) ids.push_back(id);
    return it->second;
  };
  for (const Row& r : score_rows) {
    intern(paper_index, table.papers, r.paper);
    intern(reviewer_index, table.reviewers, r.reviewer);
  }
  const std::size_t R = table.reviewers.size();
  table.affinity.assign(table.papers.size() * R, 0.0f);
  std::vector<char> listed(table.affinity.size(), 0);
  // Row numbers for messages: the data rows are in order, after an optional header.
  for (std::size_t i = 0; i < score_rows.size(); ++i) {
    const Row& r = score_rows[i];
    const std::size_t cell = std::size_t(paper_index[r.paper]) * R + std::size_t(reviewer_index[r.reviewer]);
    if (listed[cell]) {
      return MalformedError(fmt::format("{}: paper {} and reviewer {} are scored twice (data row {})", scores_name,
                                        r.paper, r.reviewer, i + 1));
    }
    listed[cell] = 1;
    table.affinity[cell] = static_cast<float>(r.value);
  }
  if (conflicts == nullptr) return table;
  BB_ASSIGN_OR_RETURN(std::vector<Row> conflict_rows, ReadRows(*conflicts, conflicts_name));
  for (std::size_t i = 0; i < conflict_rows.size(); ++i) {
    const Row& r = conflict_rows[i];
    if (r.value != -1) {
      return MalformedError(fmt::format("{} data row {}: the value is {}; only -1 (a conflict) is understood",
                                        conflicts_name, i + 1, r.value));
    }
    const auto paper = paper_index.find(r.paper);
    const auto reviewer = reviewer_index.find(r.reviewer);
    if (paper == paper_index.end()) {
      return MalformedError(fmt::format("{} data row {}: paper {} is not in the scores", conflicts_name, i + 1, r.paper));
    }
    if (reviewer == reviewer_index.end()) {
      return MalformedError(
          fmt::format("{} data row {}: reviewer {} is not in the scores", conflicts_name, i + 1, r.reviewer));
    }
    float& cell = table.affinity[std::size_t(paper->second) * R + std::size_t(reviewer->second)];
    if (!std::isnan(cell)) ++table.conflicts;  // a conflict listed twice counts once
    cell = std::nanf("");
  }
  return table;
}

AssignmentProblem ProblemFromTable(const ScoreTable& table) {
  AssignmentProblem p;
  p.projects = static_cast<int>(table.papers.size());
  p.experts = static_cast<int>(table.reviewers.size());
  p.affinity = table.affinity;
  p.project_names = table.papers;
  p.expert_names = table.reviewers;
  return p;
}

}  // namespace biobridge::solve
