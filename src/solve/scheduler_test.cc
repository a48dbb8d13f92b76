#include "solve/scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

namespace biobridge::solve {
namespace {

using ::testing::HasSubstr;

// The best weight by trying every slot (or none) for every request (tiny instances only).
double BruteForce(const ScheduleProblem& p) {
  const int R = int(p.requests.size());
  std::vector<int> slot(std::size_t(R), -1);
  double best = 0;
  std::function<void(int, double)> visit = [&](int r, double weight) {
    if (r == R) {
      best = std::max(best, weight);
      return;
    }
    const MeetingRequest& q = p.requests[std::size_t(r)];
    if (q.locked_slot < 0) {
      slot[std::size_t(r)] = -1;
      visit(r + 1, weight);
    }
    for (int s = 0; s < p.slots; ++s) {
      if (q.locked_slot >= 0 && s != q.locked_slot) continue;
      slot[std::size_t(r)] = s;
      // Check this request against the ones placed before it.
      bool ok = true;
      int in_slot = 1;
      for (int d : q.participants) {
        const auto& free = p.availability[std::size_t(d)];
        ok = ok && std::find(free.begin(), free.end(), s) != free.end();
      }
      for (int o = 0; o < r && ok; ++o) {
        if (slot[std::size_t(o)] != s) continue;
        ++in_slot;
        for (int d : q.participants) {
          const auto& others = p.requests[std::size_t(o)].participants;
          ok = ok && std::find(others.begin(), others.end(), d) == others.end();
        }
      }
      ok = ok && in_slot <= p.tables;
      if (ok && !p.max_meetings.empty()) {
        for (int d : q.participants) {
          int load = 0;
          for (int o = 0; o <= r; ++o) {
            const auto& members = p.requests[std::size_t(o)].participants;
            load += slot[std::size_t(o)] >= 0 && std::find(members.begin(), members.end(), d) != members.end();
          }
          ok = ok && (p.max_meetings[std::size_t(d)] == 0 || load <= p.max_meetings[std::size_t(d)]);
        }
      }
      if (ok) visit(r + 1, weight + q.weight);
    }
    slot[std::size_t(r)] = -1;
  };
  visit(0, 0);
  return best;
}

void ExpectFeasible(const ScheduleProblem& p, const ScheduleResult& got) {
  std::set<std::pair<int, int>> busy;  // (delegate, slot)
  std::map<int, int> per_slot, load;
  double weight = 0;
  for (const ScheduledMeeting& m : got.meetings) {
    const MeetingRequest& q = p.requests[std::size_t(m.request)];
    if (q.locked_slot >= 0) {
      EXPECT_EQ(m.slot, q.locked_slot);
    }
    for (int d : q.participants) {
      const auto& free = p.availability[std::size_t(d)];
      EXPECT_NE(std::find(free.begin(), free.end(), m.slot), free.end()) << "delegate " << d << " is not free";
      EXPECT_TRUE(busy.emplace(d, m.slot).second) << "delegate " << d << " twice in slot " << m.slot;
      ++load[d];
    }
    EXPECT_LE(++per_slot[m.slot], p.tables);
    EXPECT_GE(m.table, 1);
    EXPECT_LE(m.table, p.tables);
    weight += q.weight;
  }
  for (const auto& [d, n] : load) {
    if (!p.max_meetings.empty() && p.max_meetings[std::size_t(d)] > 0) {
      EXPECT_LE(n, p.max_meetings[std::size_t(d)]);
    }
  }
  EXPECT_NEAR(weight, got.weight, 1e-9);
  EXPECT_EQ(got.meetings.size() + got.unscheduled.size(), p.requests.size());
}

// Small events go to the exact 0-1 program: the optimum, proven.
TEST(SchedulerTest, OptimalAndBoundedOnRandomSmallEvents) {
  std::mt19937 random(20261123);
  const int trials = 150;
  for (int trial = 0; trial < trials; ++trial) {
    ScheduleProblem p;
    p.slots = 3;
    p.tables = 1 + trial % 2;
    const int delegates = 5;
    std::bernoulli_distribution free(0.7);
    for (int d = 0; d < delegates; ++d) {
      std::vector<int> slots;
      for (int s = 0; s < p.slots; ++s) {
        if (free(random)) slots.push_back(s);
      }
      p.availability.push_back(slots);
    }
    if (trial % 3 == 0) p.max_meetings = {2, 1, 0, 2, 1};
    for (int r = 0; r < 6; ++r) {
      const int a = int(random() % delegates), b = int((a + 1 + random() % (delegates - 1)) % delegates);
      p.requests.push_back({{a, b}, random() % 3 == 0 ? 2.0 : 1.0, -1});
    }
    SCOPED_TRACE(::testing::Message() << "trial " << trial);
    Result<ScheduleResult> got = Schedule(p);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectFeasible(p, *got);
    const double best = BruteForce(p);
    EXPECT_NEAR(got->weight, best, 1e-9);
    EXPECT_TRUE(got->exact);
    EXPECT_GE(got->bounds.Best(), best - 1e-9) << "every bound is an upper bound";
  }
}

// Too large for the exact program: the greedy schedule and its repair,
// feasible and close to the bound.
TEST(SchedulerTest, LargeEventsAreScheduledGreedilyCloseToTheBound) {
  std::mt19937 random(7);
  ScheduleProblem p;
  p.slots = 12;
  p.tables = 40;
  const int delegates = 400;
  std::bernoulli_distribution free(0.8);
  for (int d = 0; d < delegates; ++d) {
    std::vector<int> slots;
    for (int s = 0; s < p.slots; ++s) {
      if (free(random)) slots.push_back(s);
    }
    p.availability.push_back(slots);
  }
  for (int r = 0; r < 3500; ++r) {
    const int a = int(random() % delegates), b = int((a + 1 + random() % (delegates - 1)) % delegates);
    p.requests.push_back({{a, b}, random() % 3 == 0 ? 2.0 : 1.0, -1});
  }
  Result<ScheduleResult> got = Schedule(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_FALSE(got->exact);  // more than kExactVariables request–slot pairs
  ExpectFeasible(p, *got);
  EXPECT_GE(got->percent_of_bound, 95.0);
}

// A tight event whose optimum holds every request: a schedule drawn first
// (pairs of delegates free in a slot, every table of every slot taken, each
// delegate free in a scattered third of the slots), the requests read off it.
ScheduleProblem PlantedEvent(unsigned seed, int delegates, int slots, int tables) {
  std::mt19937 random(seed);
  ScheduleProblem p;
  p.slots = slots;
  p.tables = tables;
  p.exact_when_small = false;  // the heuristics alone
  std::bernoulli_distribution free(0.3);
  std::vector<std::vector<int>> free_in(static_cast<std::size_t>(slots));
  for (int d = 0; d < delegates; ++d) {
    std::vector<int> own;
    for (int s = 0; s < slots; ++s) {
      if (free(random)) {
        own.push_back(s);
        free_in[std::size_t(s)].push_back(d);
      }
    }
    p.availability.push_back(own);
  }
  std::set<std::pair<int, int>> paired;
  for (int s = 0; s < slots; ++s) {
    std::vector<int> here = free_in[std::size_t(s)];
    std::shuffle(here.begin(), here.end(), random);
    int held = 0;
    for (std::size_t i = 0; i + 1 < here.size() && held < tables; i += 2) {
      const int a = std::min(here[i], here[i + 1]), b = std::max(here[i], here[i + 1]);
      if (!paired.emplace(a, b).second) continue;
      p.requests.push_back({{a, b}, random() % 3 == 0 ? 2.0 : 1.0, -1});
      ++held;
    }
  }
  std::shuffle(p.requests.begin(), p.requests.end(), random);
  return p;
}

// The greedy schedule leaves requests out of a tight event; ejection chains
// (meetings moved one after another to make room) bring it to the optimum.
TEST(SchedulerTest, EjectionChainsReachThePlantedOptimum) {
  for (unsigned seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    ScheduleProblem p = PlantedEvent(seed, 600, 16, 60);
    double optimum = 0;
    for (const MeetingRequest& q : p.requests) optimum += q.weight;
    Result<ScheduleResult> got = Schedule(p);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectFeasible(p, *got);
    EXPECT_GT(got->chain_insertions, 0) << "the greedy schedule and its repair alone fall short here";
    EXPECT_GE(got->weight, 0.99 * optimum) << got->weight << " of " << optimum;
    // With no time for the improvement, the same event falls short.
    p.seconds = 0;
    Result<ScheduleResult> hurried = Schedule(p);
    ASSERT_TRUE(hurried.ok());
    ExpectFeasible(p, *hurried);
    EXPECT_EQ(hurried->chain_insertions, 0);
    EXPECT_LT(hurried->weight, got->weight);
  }
}

// A delegate asked by far more people than she has free slots: once she is
// fully booked, moving meetings cannot seat another request of hers, and
// the chains leave those alone instead of spending the budget on them.
TEST(SchedulerTest, RequestsOfAFullyBookedDelegateLeaveTheChainsAtOnce) {
  ScheduleProblem p;
  p.slots = 4;
  p.tables = 10;
  p.exact_when_small = false;
  p.availability.push_back({0, 1});  // the popular one: two free slots
  for (int d = 1; d <= 8; ++d) {
    p.availability.push_back({0, 1, 2, 3});
    p.requests.push_back({{0, d}, 1.0, -1});
  }
  p.requests.push_back({{1, 2}, 1.0, -1});  // one more, between two others
  Result<ScheduleResult> got = Schedule(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectFeasible(p, *got);
  EXPECT_DOUBLE_EQ(got->weight, 3);  // two with her, and the other pair
  EXPECT_EQ(got->unscheduled.size(), 6u);
  EXPECT_EQ(got->hopeless, 6) << "each of her six other requests is left out of the chains";
}

TEST(SchedulerTest, LockedMeetingsStayAndClashesAreRefused) {
  // (Exact: the lock costs request 2 its place.)
  ScheduleProblem p;
  p.slots = 2;
  p.tables = 1;
  p.availability = {{0, 1}, {0, 1}, {0, 1}};
  p.requests = {{{0, 1}, 1, 1}, {{0, 2}, 2, -1}, {{1, 2}, 1, -1}};
  Result<ScheduleResult> got = Schedule(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectFeasible(p, *got);
  // Request 0 keeps slot 1, so the heavier request 1 takes slot 0 and request 2 waits.
  ASSERT_EQ(got->meetings.size(), 2u);
  EXPECT_EQ(got->meetings[0].request, 1);
  EXPECT_EQ(got->meetings[1].request, 0);
  EXPECT_EQ(got->unscheduled, std::vector<int>{2});
  p.requests[1].locked_slot = 1;  // two locked meetings in a one-table slot
  EXPECT_THAT(Schedule(p).status().message(), HasSubstr("locked meetings clash"));
  p.availability[0] = {0};
  p.requests[1].locked_slot = -1;
  EXPECT_THAT(Schedule(p).status().message(), HasSubstr("not free in its locked slot 1"));
}

TEST(SchedulerTest, ColleaguesWhoJoinAreBusyToo) {
  ScheduleProblem p;
  p.slots = 1;
  p.tables = 2;
  p.availability = {{0}, {0}, {0}, {0}};
  // Delegate 2 joins delegate 0's meeting with 1; the meeting 2–3 must wait.
  p.requests = {{{0, 1, 2}, 2, -1}, {{2, 3}, 1, -1}};
  Result<ScheduleResult> got = Schedule(p);
  ASSERT_TRUE(got.ok());
  ExpectFeasible(p, *got);
  EXPECT_EQ(got->unscheduled, std::vector<int>{1});
}

TEST(SchedulerTest, TheBoundsCountWhatCouldBe) {
  ScheduleProblem p;
  p.slots = 2;
  p.tables = 1;
  p.availability = {{0, 1}, {0, 1}, {0, 1}, {}};
  p.max_meetings = {1, 0, 0, 0};
  // A triangle among 0, 1, 2, and a request with delegate 3, who is never free.
  p.requests = {{{0, 1}, 1, -1}, {{1, 2}, 1, -1}, {{0, 2}, 1, -1}, {{0, 3}, 5, -1}};
  const ScheduleBounds b = UpperBounds(p);
  EXPECT_EQ(b.common_slot, 3);  // the request with delegate 3 never can be
  EXPECT_EQ(b.tables, 2);       // one table, two slots
  EXPECT_EQ(b.matching, 2);     // a triangle matches one pair per slot
  EXPECT_EQ(b.degree, 2);       // (min(1, 2, 2) + 2 + 2) / 2 = 2
  EXPECT_EQ(b.b_matching, 2);   // delegate 0 in one meeting, 1 and 2 in two: 1–2 and one more
  Result<ScheduleResult> got = Schedule(p);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->weight, 2);
  EXPECT_DOUBLE_EQ(got->percent_of_bound, 100);
}

TEST(SchedulerTest, MalformedEventsNameTheField) {
  ScheduleProblem p;
  p.slots = 0;
  EXPECT_EQ(Schedule(p).status().field(), "slots");
  p.slots = 2;
  p.tables = 0;
  EXPECT_EQ(Schedule(p).status().field(), "tables");
  p.tables = 1;
  p.availability = {{0, 5}};
  EXPECT_EQ(Schedule(p).status().field(), "availability[0]");
  p.availability = {{0}, {1}};
  p.requests = {{{0, 0}, 1, -1}};
  EXPECT_THAT(Schedule(p).status().message(), HasSubstr("listed twice"));
  p.requests = {{{0}, 1, -1}};
  EXPECT_EQ(Schedule(p).status().field(), "requests[0]");
  p.requests = {{{0, 1}, 0, -1}};
  EXPECT_THAT(Schedule(p).status().message(), HasSubstr("positive"));
}

}  // namespace
}  // namespace biobridge::solve
