// Partnering meetings: which accepted requests meet in which slot, at which
// table. Maximises the priority-weighted number of meetings held, subject to
// each participant's availability, one meeting per participant per slot, the
// tables a slot has, and a cap on each delegate's meetings. A request's
// participants are its two delegates and, optionally, colleagues who join;
// a locked request keeps its slot (a published meeting that must not move).
//
// An event small enough (at most kExactVariables request–slot pairs) is
// solved exactly as a 0-1 program by COIN-OR CBC, started from the
// heuristic schedule and stopped after kExactSeconds (keeping the best it
// found). A larger one keeps the heuristic schedule, built as follows.
//
// The schedule is built greedily (heaviest and hardest requests first, into
// the least used slot that fits) and then repaired: an unscheduled request
// takes a slot by moving the one meeting in its way to another slot, or by
// displacing a lighter one. Then, within the run's time budget, ejection
// chains: a request still waiting takes a slot by moving the meetings in
// its way (its participants' then, or one of the slot's when every table is
// taken), each of which moves on the same way, up to kMaxChainDepth deep;
// a chain places all it moved or is taken back. It is reported against an upper bound, the
// smallest of four (each turned into weight by taking the heaviest requests
// it allows):
//   - the requests whose participants have a common free slot;
//   - tables × slots meetings;
//   - the sum over slots of the meetings the delegates free then can hold at
//     once (their fractional matching number, rounded down);
//   - half the sum over delegates of min(cap, free slots, requests);
//   - the best fractional b-matching with those per-delegate capacities.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace biobridge::solve {

struct MeetingRequest {
  std::vector<int> participants;  // delegate indexes: the two parties first, then colleagues who join
  double weight = 1;              // e.g. 2 for "must meet", 1 for "would like"
  int locked_slot = -1;           // >= 0: the meeting stays in this slot
};

// The most a run may take by default, in seconds (ScheduleProblem::seconds).
inline constexpr double kDefaultSeconds = 10;

struct ScheduleProblem {
  int slots = 0;
  int tables = 0;  // meetings a slot can hold at once
  // Per delegate: the slots they are free in (any order); per delegate, the
  // most meetings they take (0: no cap beyond the slots).
  std::vector<std::vector<int>> availability;
  std::vector<int> max_meetings;
  std::vector<MeetingRequest> requests;
  // Small events are solved exactly (see above); false keeps the greedy
  // schedule (for measuring it).
  bool exact_when_small = true;
  // The most a run may take, in seconds: the improvement phase (ejection
  // chains, below) stops there, or earlier when a pass of the deepest
  // chains places nothing.
  double seconds = kDefaultSeconds;
};

struct ScheduledMeeting {
  int request = 0;
  int slot = 0;
  int table = 0;  // 1-based within the slot
};

struct ScheduleBounds {
  double common_slot = 0;
  double tables = 0;
  double matching = 0;
  double degree = 0;
  // The heaviest set of requests in which no delegate appears more often
  // than min(cap, free slots), fractionally (a min-cost flow on the
  // bipartite double cover): the degree bound with the requests' weights.
  double b_matching = 0;
  double Best() const;
};

inline constexpr std::size_t kExactVariables = 20000;
// Ejection chains: at most this many meetings moved for one insertion, and
// this many search steps spent on it.
inline constexpr int kMaxChainDepth = 8;
inline constexpr int kChainNodes = 2000;
inline constexpr double kExactSeconds = 10;

struct ScheduleResult {
  std::vector<ScheduledMeeting> meetings;  // by slot, then table
  std::vector<int> unscheduled;            // request indexes
  double weight = 0;
  ScheduleBounds bounds;
  double percent_of_bound = 100;  // weight / bounds.Best() × 100 (100 when the bound is 0)
  bool exact = false;             // proven optimal by the 0-1 program
  int chain_insertions = 0;       // requests the ejection chains placed
  int hopeless = 0;               // requests they left alone: a participant is fully booked
};

// kInvalidArgument naming the field: counts out of range, a slot or delegate
// index outside the problem, a request with fewer than two participants or
// one listed twice, a weight that is not positive, a locked slot that is not
// free for a participant. kFailedPrecondition when locked meetings clash (a
// participant twice in a slot, more than the tables, over a cap).
Result<ScheduleResult> Schedule(const ScheduleProblem& problem);

// The upper bound alone.
ScheduleBounds UpperBounds(const ScheduleProblem& problem);

}  // namespace biobridge::solve
