#include "solve/scheduler.h"

#include <fmt/format.h>
#include <coin/CbcModel.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/CoinPackedVector.hpp>
#include <coin/OsiClpSolverInterface.hpp>
#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <numeric>
#include <set>
#include <tuple>

namespace biobridge::solve {

static ScheduleBounds ComputeBounds(const ScheduleProblem& p, std::vector<double>* shares);

namespace {

Status CheckProblem(const ScheduleProblem& p) {
  if (p.slots < 1) return InvalidArgumentError("slots", "an event needs at least one slot");
  if (p.tables < 1) return InvalidArgumentError("tables", "an event needs at least one table");
  const std::size_t delegates = p.availability.size();
  if (!p.max_meetings.empty() && p.max_meetings.size() != delegates) {
    return InvalidArgumentError("max_meetings", "needs one entry per delegate");
  }
  for (std::size_t d = 0; d < delegates; ++d) {
    for (int s : p.availability[d]) {
      if (s < 0 || s >= p.slots) {
        return InvalidArgumentError(fmt::format("availability[{}]", d), fmt::format("slot {} is not one of the {} slots", s, p.slots));
      }
    }
    if (!p.max_meetings.empty() && p.max_meetings[d] < 0) {
      return InvalidArgumentError(fmt::format("max_meetings[{}]", d), "cannot be negative");
    }
  }
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    const MeetingRequest& q = p.requests[r];
    const std::string field = fmt::format("requests[{}]", r);
    if (q.participants.size() < 2) return InvalidArgumentError(field, "a meeting needs at least two participants");
    std::set<int> seen;
    for (int d : q.participants) {
      if (d < 0 || std::size_t(d) >= delegates) {
        return InvalidArgumentError(field, fmt::format("delegate {} is not one of the {} delegates", d, delegates));
      }
      if (!seen.insert(d).second) return InvalidArgumentError(field, fmt::format("delegate {} is listed twice", d));
    }
    if (!(q.weight > 0) || !std::isfinite(q.weight)) return InvalidArgumentError(field, "the weight must be a positive number");
    if (q.locked_slot < -1 || q.locked_slot >= p.slots) {
      return InvalidArgumentError(field, fmt::format("the locked slot {} is not one of the {} slots", q.locked_slot, p.slots));
    }
  }
  return Status::Ok();
}

class Board {
 public:
  explicit Board(const ScheduleProblem& p)
      : p_(p),
        S_(std::size_t(p.slots)),
        free_(p.availability.size() * S_, 0),
        busy_(p.availability.size() * S_, -1),
        used_(S_, 0),
        load_(p.availability.size(), 0),
        slot_of_(p.requests.size(), -1),
        in_slot_(S_),
        position_(p.requests.size(), -1) {
    for (std::size_t d = 0; d < p.availability.size(); ++d) {
      for (int s : p.availability[d]) free_[d * S_ + std::size_t(s)] = 1;
    }
  }

  bool Free(int d, int s) const { return free_[std::size_t(d) * S_ + std::size_t(s)]; }
  int Busy(int d, int s) const { return busy_[std::size_t(d) * S_ + std::size_t(s)]; }
  int Cap(int d) const {
    const int cap = p_.max_meetings.empty() ? 0 : p_.max_meetings[std::size_t(d)];
    return cap == 0 ? INT_MAX : cap;
  }
  int SlotOf(int r) const { return slot_of_[std::size_t(r)]; }
  int Used(int s) const { return used_[std::size_t(s)]; }

  // Every participant free in the slot (availability only).
  bool Common(int r, int s) const {
    for (int d : p_.requests[std::size_t(r)].participants) {
      if (!Free(d, s)) return false;
    }
    return true;
  }
  bool CanPlace(int r, int s) const {
    if (used_[std::size_t(s)] >= p_.tables) return false;
    for (int d : p_.requests[std::size_t(r)].participants) {
      if (!Free(d, s) || Busy(d, s) >= 0 || load_[std::size_t(d)] >= Cap(d)) return false;
    }
    return true;
  }
  int Load(int d) const { return load_[std::size_t(d)]; }
  // The participant has as many meetings as they can: their cap, or one in
  // every slot they are free in. Moving meetings never changes that.
  bool Saturated(int d) const {
    const int room = std::min<int>(Cap(d), int(p_.availability[std::size_t(d)].size()));
    return load_[std::size_t(d)] >= room;
  }
  // The meetings in slot s, in no particular order.
  const std::vector<int>& InSlot(int s) const { return in_slot_[std::size_t(s)]; }
  void Place(int r, int s) {
    for (int d : p_.requests[std::size_t(r)].participants) {
      busy_[std::size_t(d) * S_ + std::size_t(s)] = r;
      ++load_[std::size_t(d)];
    }
    ++used_[std::size_t(s)];
    slot_of_[std::size_t(r)] = s;
    position_[std::size_t(r)] = int(in_slot_[std::size_t(s)].size());
    in_slot_[std::size_t(s)].push_back(r);
    journal_.emplace_back(r, s);
  }
  void Remove(int r) {
    const int s = slot_of_[std::size_t(r)];
    for (int d : p_.requests[std::size_t(r)].participants) {
      busy_[std::size_t(d) * S_ + std::size_t(s)] = -1;
      --load_[std::size_t(d)];
    }
    --used_[std::size_t(s)];
    slot_of_[std::size_t(r)] = -1;
    std::vector<int>& here = in_slot_[std::size_t(s)];
    const int at = position_[std::size_t(r)];
    here[std::size_t(at)] = here.back();
    position_[std::size_t(here[std::size_t(at)])] = at;
    here.pop_back();
    position_[std::size_t(r)] = -1;
    journal_.emplace_back(r, -1 - s);
  }
  // Every change since Mark() is taken back by Rollback(mark), last first;
  // Commit() forgets them.
  std::size_t Mark() const { return journal_.size(); }
  void Rollback(std::size_t mark) {
    while (journal_.size() > mark) {
      const auto [r, s] = journal_.back();
      journal_.pop_back();
      if (s >= 0) {
        Remove(r);
      } else {
        Place(r, -1 - s);
      }
      journal_.pop_back();  // the undo is not a change to keep
    }
  }
  void Commit() { journal_.clear(); }

 private:
  const ScheduleProblem& p_;
  std::size_t S_;
  std::vector<char> free_;
  std::vector<int> busy_;
  std::vector<int> used_;
  std::vector<int> load_;
  std::vector<int> slot_of_;
  std::vector<std::vector<int>> in_slot_;
  std::vector<int> position_;  // of each placed request in its slot's list
  std::vector<std::pair<int, int>> journal_;  // (request, slot) placed, or (request, -1 - slot) removed
};

// Maximum bipartite matching (Hopcroft–Karp) of `left` nodes to `right`
// nodes, `adjacency[l]` listing the right nodes of left node l.
std::size_t BipartiteMatching(std::size_t left, std::size_t right, const std::vector<std::vector<int>>& adjacency) {
  constexpr int kFree = -1;
  std::vector<int> match_left(left, kFree), match_right(right, kFree), layer(left), next(left);
  std::vector<int> queue;
  queue.reserve(left);
  std::size_t matched = 0;
  for (;;) {
    // Layers from the free left nodes, alternating along matched edges.
    queue.clear();
    for (std::size_t l = 0; l < left; ++l) {
      layer[l] = match_left[l] == kFree ? 0 : -1;
      if (match_left[l] == kFree) queue.push_back(int(l));
    }
    bool reachable = false;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const int l = queue[head];
      for (int r : adjacency[std::size_t(l)]) {
        const int back = match_right[std::size_t(r)];
        if (back == kFree) {
          reachable = true;
        } else if (layer[std::size_t(back)] < 0) {
          layer[std::size_t(back)] = layer[std::size_t(l)] + 1;
          queue.push_back(back);
        }
      }
    }
    if (!reachable) return matched;
    // Shortest augmenting paths, by an explicit depth-first search per free left node.
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t start = 0; start < left; ++start) {
      if (match_left[start] != kFree) continue;
      std::vector<int> path{int(start)};
      while (!path.empty()) {
        const int l = path.back();
        const auto& edges = adjacency[std::size_t(l)];
        if (next[std::size_t(l)] == int(edges.size())) {
          layer[std::size_t(l)] = -1;  // a dead end for this phase
          path.pop_back();
          continue;
        }
        const int r = edges[std::size_t(next[std::size_t(l)]++)];
        const int back = match_right[std::size_t(r)];
        if (back == kFree) {
          // Augment along the path: each left node takes the right node it went through.
          int right_node = r;
          for (std::size_t i = path.size(); i-- > 0;) {
            const int node = path[i];
            const int previous = match_left[std::size_t(node)];
            match_left[std::size_t(node)] = right_node;
            match_right[std::size_t(right_node)] = node;
            right_node = previous;
          }
          ++matched;
          break;
        }
        if (layer[std::size_t(back)] == layer[std::size_t(l)] + 1) path.push_back(back);
      }
    }
  }
}

// The heaviest `count` weights among `weights` (sorted, heaviest first).
double TopWeight(const std::vector<double>& sorted, std::size_t count) {
  return std::accumulate(sorted.begin(), sorted.begin() + std::ptrdiff_t(std::min(count, sorted.size())), 0.0);
}

// The event as a 0-1 program solved by CBC, from the board's schedule:
// x(r, s) for every request and slot its participants are free in; each
// request at most once (a locked one exactly in its slot); a participant in
// one meeting per slot; the tables per slot; each delegate's cap. When CBC
// finds a schedule at least as heavy, the board takes it. Returns whether
// it is proven optimal; false (and the board unchanged) when the event has
// more than kExactVariables pairs.
bool SolveExactly(const ScheduleProblem& p, Board& board) {
  struct Variable {
    int request, slot;
  };
  std::vector<Variable> variables;
  for (int r = 0; r < int(p.requests.size()); ++r) {
    const int locked = p.requests[std::size_t(r)].locked_slot;
    for (int s = 0; s < p.slots; ++s) {
      if ((locked < 0 || locked == s) && board.Common(r, s)) variables.push_back({r, s});
    }
    if (variables.size() > kExactVariables) return false;
  }
  if (variables.empty()) return true;
  const std::size_t D = p.availability.size(), S = std::size_t(p.slots);
  std::vector<std::vector<int>> once(p.requests.size()), busy(D * S), in_slot(S), of_delegate(D);
  for (std::size_t v = 0; v < variables.size(); ++v) {
    const auto [r, s] = variables[v];
    once[std::size_t(r)].push_back(int(v));
    in_slot[std::size_t(s)].push_back(int(v));
    for (int d : p.requests[std::size_t(r)].participants) {
      busy[std::size_t(d) * S + std::size_t(s)].push_back(int(v));
      of_delegate[std::size_t(d)].push_back(int(v));
    }
  }
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, int(variables.size()));
  std::vector<double> row_lower, row_upper;
  auto add_row = [&](const std::vector<int>& columns, double lower, double upper) {
    CoinPackedVector row;
    for (int c : columns) row.insert(c, 1.0);
    matrix.appendRow(row);
    row_lower.push_back(lower);
    row_upper.push_back(upper);
  };
  for (std::size_t r = 0; r < once.size(); ++r) {
    if (once[r].empty()) continue;
    const bool locked = p.requests[r].locked_slot >= 0;
    if (once[r].size() > 1 || locked) add_row(once[r], locked ? 1 : -COIN_DBL_MAX, 1);
  }
  for (const std::vector<int>& columns : busy) {
    if (columns.size() > 1) add_row(columns, -COIN_DBL_MAX, 1);
  }
  for (const std::vector<int>& columns : in_slot) {
    if (int(columns.size()) > p.tables) add_row(columns, -COIN_DBL_MAX, p.tables);
  }
  for (std::size_t d = 0; d < D; ++d) {
    const int cap = board.Cap(int(d));
    if (cap != INT_MAX && int(of_delegate[d].size()) > cap) add_row(of_delegate[d], -COIN_DBL_MAX, cap);
  }
  std::vector<double> lower(variables.size(), 0), upper(variables.size(), 1), objective(variables.size());
  std::vector<double> start(variables.size(), 0);
  for (std::size_t v = 0; v < variables.size(); ++v) {
    objective[v] = -p.requests[std::size_t(variables[v].request)].weight;  // CBC minimises
    start[v] = board.SlotOf(variables[v].request) == variables[v].slot ? 1 : 0;
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(), row_upper.data());
  for (std::size_t v = 0; v < variables.size(); ++v) solver.setInteger(int(v));
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.setMaximumSeconds(kExactSeconds);
  double start_value = 0;
  for (std::size_t v = 0; v < variables.size(); ++v) start_value += start[v] * objective[v];
  model.setBestSolution(start.data(), int(start.size()), start_value, /*check=*/true);
  model.branchAndBound();
  const double* best = model.bestSolution();
  if (best != nullptr && -model.getObjValue() >= -start_value - 1e-9) {
    for (int r = 0; r < int(p.requests.size()); ++r) {
      if (board.SlotOf(r) >= 0) board.Remove(r);
    }
    for (std::size_t v = 0; v < variables.size(); ++v) {
      if (best[v] > 0.5) board.Place(variables[v].request, variables[v].slot);
    }
  }
  return model.isProvenOptimal();
}

// Puts request `r` in slot `s` by taking out the meetings in its way (its
// participants' meetings then, all unlocked) and placing each of them in
// another slot that fits; a meeting that fits nowhere is displaced (added
// to `waiting`) only when everything displaced weighs less than `r`.
// Otherwise nothing changes. Returns whether `r` was placed.
bool Reshuffle(Board& board, const ScheduleProblem& p, int r, int s, std::vector<int>& waiting) {
  std::vector<int> blockers;
  for (int d : p.requests[std::size_t(r)].participants) {
    const int b = board.Busy(d, s);
    if (b < 0 || std::find(blockers.begin(), blockers.end(), b) != blockers.end()) continue;
    if (p.requests[std::size_t(b)].locked_slot >= 0) return false;
    blockers.push_back(b);
  }
  if (blockers.empty()) return false;
  for (int b : blockers) board.Remove(b);
  if (!board.CanPlace(r, s)) {
    for (int b : blockers) board.Place(b, s);
    return false;
  }
  board.Place(r, s);
  std::vector<int> moved_to(blockers.size(), -1);
  double displaced = 0;
  for (std::size_t i = 0; i < blockers.size(); ++i) {
    for (int t = 0; t < p.slots && moved_to[i] < 0; ++t) {
      if (t != s && board.CanPlace(blockers[i], t)) moved_to[i] = t;
    }
    if (moved_to[i] >= 0) {
      board.Place(blockers[i], moved_to[i]);
    } else {
      displaced += p.requests[std::size_t(blockers[i])].weight;
    }
  }
  if (displaced >= p.requests[std::size_t(r)].weight) {  // no gain: undo
    for (std::size_t i = 0; i < blockers.size(); ++i) {
      if (moved_to[i] >= 0) board.Remove(blockers[i]);
    }
    board.Remove(r);
    for (int b : blockers) board.Place(b, s);
    return false;
  }
  for (std::size_t i = 0; i < blockers.size(); ++i) {
    if (moved_to[i] < 0) waiting.push_back(blockers[i]);  // it may find a place later
  }
  return true;
}

// Ejection chains: an unscheduled request takes a slot by moving what is in
// its way — the one meeting of its participants then, or, when every table
// of the slot is taken, another meeting of that slot — and each meeting
// moved takes a slot of its own the same way, up to `depth` moves deep.
// Nothing is dropped: a chain places every meeting it moved, or is taken
// back whole. A schedule is an edge colouring (a slot is a colour, a
// meeting an edge, a delegate a vertex) with tables and availability as
// side limits, and this is the move a Kempe-chain swap makes there.
class EjectionChains {
 public:
  static constexpr std::size_t kMaxBlockers = 2;  // both parties busy then, with two other meetings

  EjectionChains(Board& board, const ScheduleProblem& p) : board_(board), p_(p), in_chain_(p.requests.size(), 0) {}

  // Places `r` (unscheduled) within `node_budget` search steps; the board
  // is unchanged when it cannot.
  bool Insert(int r, int depth, int node_budget) {
    nodes_left_ = node_budget;
    const std::size_t mark = board_.Mark();
    if (Try(r, depth, -1)) {
      board_.Commit();
      return true;
    }
    board_.Rollback(mark);
    return false;
  }

 private:
  bool Try(int r, int depth, int from_slot) {
    if (--nodes_left_ < 0) return false;
    for (int s = 0; s < p_.slots; ++s) {  // a slot where it fits as things are
      if (s != from_slot && board_.CanPlace(r, s)) {
        board_.Place(r, s);
        return true;
      }
    }
    if (depth == 0) return false;
    in_chain_[std::size_t(r)] = 1;
    const bool placed = TryMoving(r, depth, from_slot);
    in_chain_[std::size_t(r)] = 0;
    return placed;
  }

  bool TryMoving(int r, int depth, int from_slot) {
    const MeetingRequest& q = p_.requests[std::size_t(r)];
    // Each request starts its search at another slot, so that chains spread.
    const int start = int((unsigned(r) * 2654435761u + unsigned(depth)) % unsigned(p_.slots));
    for (int k = 0; k < p_.slots && nodes_left_ > 0; ++k) {
      const int s = (start + k) % p_.slots;
      if (s == from_slot || !board_.Common(r, s)) continue;
      std::vector<int> moved;  // the participants' meetings then: each must move
      bool blocked = false;
      for (int d : q.participants) {
        const int b = board_.Busy(d, s);
        if (b < 0) {
          blocked = blocked || board_.Load(d) >= board_.Cap(d);  // at the cap, and nothing to free here
          continue;
        }
        if (std::find(moved.begin(), moved.end(), b) != moved.end()) continue;
        // Locked, already moving, or more in the way than a chain this deep can move.
        if (p_.requests[std::size_t(b)].locked_slot >= 0 || in_chain_[std::size_t(b)] || moved.size() >= kMaxBlockers) {
          blocked = true;
          break;
        }
        moved.push_back(b);
      }
      // Two meetings to move need a chain that may still go a move deeper for each.
      if (blocked || (moved.size() > 1 && depth < 2)) continue;
      const std::size_t mark = board_.Mark();
      for (int b : moved) board_.Remove(b);
      if (board_.Used(s) >= p_.tables) {
        const int other = MovableIn(s);
        if (other < 0) {
          board_.Rollback(mark);
          continue;
        }
        board_.Remove(other);
        moved.push_back(other);
      }
      if (!board_.CanPlace(r, s)) {
        board_.Rollback(mark);
        continue;
      }
      board_.Place(r, s);
      bool all = true;
      for (int m : moved) all = all && Try(m, depth - 1, s);
      if (all) return true;
      board_.Rollback(mark);
    }
    return false;
  }

  // A meeting of the full slot s that may move (unlocked, not in the chain),
  // preferring one that fits elsewhere as things are; -1 when none may.
  int MovableIn(int s) {
    constexpr std::size_t kLooked = 64;  // a full slot holds many: look at a few
    const std::vector<int>& here = board_.InSlot(s);
    int fallback = -1;
    for (std::size_t i = 0; i < here.size() && i < kLooked && nodes_left_ > 0; ++i) {
      const int m = here[(i + scan_++) % here.size()];
      if (p_.requests[std::size_t(m)].locked_slot >= 0 || in_chain_[std::size_t(m)]) continue;
      if (fallback < 0) fallback = m;
      --nodes_left_;
      for (int t = 0; t < p_.slots; ++t) {
        if (t != s && board_.CanPlace(m, t)) return m;
      }
    }
    return fallback;
  }

  Board& board_;
  const ScheduleProblem& p_;
  std::vector<char> in_chain_;
  int nodes_left_ = 0;
  std::size_t scan_ = 0;
};

}  // namespace

double ScheduleBounds::Best() const { return std::min({common_slot, tables, matching, degree, b_matching}); }

ScheduleBounds UpperBounds(const ScheduleProblem& p) { return ComputeBounds(p, nullptr); }

// The bounds; with `shares`, each request's value (0, ½ or 1) in the best
// fractional b-matching, which guides the schedule towards the requests
// worth holding.
ScheduleBounds ComputeBounds(const ScheduleProblem& p, std::vector<double>* shares) {
  ScheduleBounds b;
  const Board board(p);
  const std::size_t D = p.availability.size();
  std::vector<int> eligible;
  std::vector<double> weights;
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    for (int s = 0; s < p.slots; ++s) {
      if (board.Common(int(r), s)) {
        eligible.push_back(int(r));
        weights.push_back(p.requests[r].weight);
        break;
      }
    }
  }
  std::sort(weights.begin(), weights.end(), std::greater<>());
  b.common_slot = TopWeight(weights, weights.size());
  b.tables = TopWeight(weights, std::size_t(p.tables) * std::size_t(p.slots));
  // Per slot, the meetings the delegates free then can hold at once: at most
  // a maximum matching among them on the requests' two parties (colleagues
  // who join only use more delegates). Bounded here by the fractional
  // matching number, half a maximum matching of the bipartite double cover
  // (each edge u–v as u→v′ and v→u′), rounded down: never below the
  // matching number, and equal to it on bipartite graphs. (LEMON's general
  // MaxMatching does not compile as C++20.)
  std::size_t matched = 0;
  std::vector<int> node_of(D, -1);
  for (int s = 0; s < p.slots; ++s) {
    std::vector<std::vector<int>> adjacency;
    std::vector<int> touched;
    for (int r : eligible) {
      const MeetingRequest& q = p.requests[std::size_t(r)];
      if (!board.Common(r, s)) continue;
      for (int d : {q.participants[0], q.participants[1]}) {
        if (node_of[std::size_t(d)] < 0) {
          node_of[std::size_t(d)] = int(adjacency.size());
          adjacency.emplace_back();
          touched.push_back(d);
        }
      }
      const int u = node_of[std::size_t(q.participants[0])], v = node_of[std::size_t(q.participants[1])];
      adjacency[std::size_t(u)].push_back(v);
      adjacency[std::size_t(v)].push_back(u);
    }
    for (int d : touched) node_of[std::size_t(d)] = -1;
    const std::size_t cover = BipartiteMatching(adjacency.size(), adjacency.size(), adjacency);
    matched += std::min<std::size_t>(std::size_t(p.tables), cover / 2);
  }
  b.matching = TopWeight(weights, matched);
  // Each meeting takes at least two delegates; a delegate takes at most
  // min(cap, free slots, requests) meetings.
  std::vector<std::size_t> degree(D, 0);
  for (int r : eligible) {
    for (int d : p.requests[std::size_t(r)].participants) ++degree[std::size_t(d)];
  }
  std::size_t ends = 0;
  for (std::size_t d = 0; d < D; ++d) {
    ends += std::min({std::size_t(board.Cap(int(d))), p.availability[d].size(), degree[d]});
  }
  b.degree = TopWeight(weights, ends / 2);
  // The weighted version: each delegate u on the left with capacity
  // b(u) = min(cap, free slots), each on the right again; a request u–v is
  // an arc u→v′ and an arc v→u′ of capacity 1 and cost −weight. Half the
  // best flow is the best fractional b-matching, an upper bound on any
  // schedule (colleagues who join are left out: they only use more).
  {
    using Graph = lemon::ListDigraph;
    Graph graph;
    const Graph::Node source = graph.addNode(), sink = graph.addNode();
    std::vector<Graph::Node> left(D), right(D);
    for (std::size_t d = 0; d < D; ++d) left[d] = graph.addNode(), right[d] = graph.addNode();
    Graph::ArcMap<std::int64_t> capacity(graph, 0), cost(graph, 0);
    std::int64_t supply = 0;
    for (std::size_t d = 0; d < D; ++d) {
      const std::int64_t b_d = std::int64_t(std::min<std::size_t>(std::size_t(board.Cap(int(d))), p.availability[d].size()));
      if (b_d == 0 || degree[d] == 0) continue;
      capacity[graph.addArc(source, left[d])] = b_d;
      capacity[graph.addArc(right[d], sink)] = b_d;
      supply += b_d;
    }
    constexpr double kScale = 1000;  // weights to integer costs
    std::vector<std::pair<Graph::Arc, Graph::Arc>> arcs;
    for (int r : eligible) {
      const MeetingRequest& q = p.requests[std::size_t(r)];
      const std::size_t u = std::size_t(q.participants[0]), v = std::size_t(q.participants[1]);
      std::pair<Graph::Arc, Graph::Arc> both;
      for (auto [from, to, arc] : {std::tuple{u, v, &both.first}, std::tuple{v, u, &both.second}}) {
        *arc = graph.addArc(left[from], right[to]);
        capacity[*arc] = 1;
        cost[*arc] = -std::llround(q.weight * kScale);
      }
      arcs.push_back(both);
    }
    capacity[graph.addArc(source, sink)] = supply;  // what no request uses
    lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> flow(graph);
    flow.upperMap(capacity).costMap(cost).stSupply(source, sink, supply);
    const bool optimal = flow.run() == decltype(flow)::OPTIMAL;
    b.b_matching = optimal ? -double(flow.totalCost()) / kScale / 2 : b.degree;
    if (shares) {
      shares->assign(p.requests.size(), 0);
      for (std::size_t i = 0; optimal && i < eligible.size(); ++i) {
        (*shares)[std::size_t(eligible[i])] = double(flow.flow(arcs[i].first) + flow.flow(arcs[i].second)) / 2;
      }
    }
  }
  return b;
}

Result<ScheduleResult> Schedule(const ScheduleProblem& p) {
  const auto started = std::chrono::steady_clock::now();  // the budget covers the whole run
  BB_RETURN_IF_ERROR(CheckProblem(p));
  Board board(p);
  const int R = int(p.requests.size());
  // Locked meetings first, where they are.
  for (int r = 0; r < R; ++r) {
    const int s = p.requests[std::size_t(r)].locked_slot;
    if (s < 0) continue;
    if (!board.Common(r, s)) {
      return InvalidArgumentError(fmt::format("requests[{}]", r),
                                  fmt::format("a participant is not free in its locked slot {}", s));
    }
    if (!board.CanPlace(r, s)) {
      return FailedPreconditionError(fmt::format(
          "locked meetings clash: request {} cannot stay in slot {} (a participant has another meeting then, a cap is "
          "reached, or the slot's {} tables are taken)",
          r, s, p.tables));
    }
    board.Place(r, s);
  }
  // The others: those the best fractional b-matching holds whole first, then
  // half, then the rest; within each, heaviest first, then those with the
  // fewest common slots.
  std::vector<double> share;
  ScheduleBounds bounds = ComputeBounds(p, &share);
  std::vector<int> order;
  std::vector<int> common(std::size_t(R), 0);
  for (int r = 0; r < R; ++r) {
    if (p.requests[std::size_t(r)].locked_slot >= 0) continue;
    for (int s = 0; s < p.slots; ++s) common[std::size_t(r)] += board.Common(r, s);
    if (common[std::size_t(r)] > 0) order.push_back(r);
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (share[std::size_t(a)] != share[std::size_t(b)]) return share[std::size_t(a)] > share[std::size_t(b)];
    const double wa = p.requests[std::size_t(a)].weight, wb = p.requests[std::size_t(b)].weight;
    if (wa != wb) return wa > wb;
    if (common[std::size_t(a)] != common[std::size_t(b)]) return common[std::size_t(a)] < common[std::size_t(b)];
    return a < b;
  });
  std::vector<int> waiting;
  for (int r : order) {
    int best = -1;
    for (int s = 0; s < p.slots; ++s) {
      if (board.CanPlace(r, s) && (best < 0 || board.Used(s) < board.Used(best))) best = s;
    }
    if (best >= 0) {
      board.Place(r, best);
    } else {
      waiting.push_back(r);
    }
  }
  // Repair: an unscheduled request takes a slot whose only obstacle is one
  // unlocked meeting, by moving that meeting elsewhere, or by displacing it
  // when it weighs less.
  for (int pass = 0; pass < 8 && !waiting.empty(); ++pass) {
    bool improved = false;
    std::vector<int> still;
    for (std::size_t i = 0; i < waiting.size(); ++i) {
      const int r = waiting[i];
      if (board.SlotOf(r) >= 0) continue;
      bool placed = false;
      for (int s = 0; s < p.slots && !placed; ++s) {
        if (!board.Common(r, s)) continue;
        if (board.CanPlace(r, s)) {
          board.Place(r, s);
          placed = true;
          break;
        }
        placed = Reshuffle(board, p, r, s, waiting);
      }
      if (placed) {
        improved = true;
      } else {
        still.push_back(r);
      }
    }
    waiting = std::move(still);
    if (!improved) break;
  }

  // Improvement: ejection chains one to kMaxChainDepth moves deep for what
  // is still waiting, in the greedy order, pass after pass while a pass
  // places something, within the time budget.
  ScheduleResult result;
  {
    // A little is kept for what follows the chains (the result, the exact program's setup).
    const auto budget = std::chrono::duration<double>(0.98 * p.seconds);
    auto out_of_time = [&] { return std::chrono::steady_clock::now() - started > budget; };
    board.Commit();
    EjectionChains chains(board, p);
    std::vector<int> unplaced;  // in the greedy order: the b-matching's share, then weight
    for (int r : order) {
      if (board.SlotOf(r) < 0) unplaced.push_back(r);
    }
    // A request with a saturated participant cannot be placed by moving
    // meetings (chains never drop one): it leaves the search for good, which
    // ends it early on events whose popular delegates are fully booked.
    const auto hopeless = [&](int r) {
      const auto& people = p.requests[std::size_t(r)].participants;
      return std::any_of(people.begin(), people.end(), [&](int d) { return board.Saturated(d); });
    };
    for (int depth = 1; depth <= kMaxChainDepth && !unplaced.empty() && !out_of_time(); ++depth) {
      for (bool placed_some = true; placed_some && !unplaced.empty();) {
        placed_some = false;
        std::vector<int> still;
        for (std::size_t i = 0; i < unplaced.size(); ++i) {
          if (i % 64 == 0 && out_of_time()) {
            still.insert(still.end(), unplaced.begin() + std::ptrdiff_t(i), unplaced.end());
            break;
          }
          if (hopeless(unplaced[i])) {
            ++result.hopeless;
            continue;
          }
          if (chains.Insert(unplaced[i], depth, kChainNodes)) {
            placed_some = true;
            ++result.chain_insertions;
          } else {
            still.push_back(unplaced[i]);
          }
        }
        unplaced = std::move(still);
        if (out_of_time()) break;
      }
    }
  }
  if (p.exact_when_small) result.exact = SolveExactly(p, board);

  std::vector<int> table(std::size_t(p.slots), 0);
  for (int r = 0; r < R; ++r) {
    const int s = board.SlotOf(r);
    if (s < 0) {
      result.unscheduled.push_back(r);
      continue;
    }
    result.meetings.push_back({r, s, ++table[std::size_t(s)]});
    result.weight += p.requests[std::size_t(r)].weight;
  }
  std::sort(result.meetings.begin(), result.meetings.end(), [](const ScheduledMeeting& a, const ScheduledMeeting& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.table < b.table;
  });
  result.bounds = bounds;
  const double bound = result.bounds.Best();
  result.percent_of_bound = bound > 0 ? 100.0 * result.weight / bound : 100.0;
  return result;
}

}  // namespace biobridge::solve
