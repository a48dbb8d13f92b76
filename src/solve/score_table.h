// Affinity scores and conflicts in openreview-matcher's CSV formats, read
// into an assignment problem: scores as `paperID,reviewerID,score` and
// conflicts as `paperID,reviewerID,-1`, one pair per row, no header needed
// (a first row whose third field is not a number is taken as one).
// As in openreview-matcher, a pair the scores do not list has score 0.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "base/status.h"
#include "solve/assignment.h"

namespace biobridge::solve {

struct ScoreTable {
  std::vector<std::string> papers;     // index → id, in order of first appearance
  std::vector<std::string> reviewers;
  std::vector<float> affinity;         // papers × reviewers; NaN for a conflict
  std::size_t conflicts = 0;
};

// kMalformed naming the file and row: bad CSV, a row without three fields, a
// score that is not a finite number, a pair listed twice, a conflict whose
// value is not -1 or whose paper or reviewer the scores never mention.
Result<ScoreTable> ReadScoreTable(std::istream& scores, const std::string& scores_name, std::istream* conflicts,
                                  const std::string& conflicts_name);

// A problem over the table's papers and reviewers (other settings default).
AssignmentProblem ProblemFromTable(const ScoreTable& table);

}  // namespace biobridge::solve
