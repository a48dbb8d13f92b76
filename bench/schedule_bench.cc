// Partnering-meeting scheduling at scale, and small instances as 0-1
// programs for CBC.
//
//   bb_schedule_bench scale [--delegates 15000] [--requests 60000] [--days 3]
//                           [--slots-per-day 16] [--tables 1500] [--seed 1]
//       Generates an event: delegates of organisations of one to three
//       people, each free on a random subset of days and, on those days, in
//       a contiguous run of slots; accepted requests between delegates of
//       different organisations, the receivers drawn with Zipf-like
//       popularity (a few delegates are wanted by many), 30 % "must meet"
//       (weight 2), the rest "would like" (weight 1). Prints the generation
//       and schedule times, the achieved weight, the bounds and the
//       percentage of the best bound, and the peak memory (getrusage).
//       Then fits the meetings to named rooms as the product does
//       (solve/room_fit.h): of the tables, a tenth seat four and a tenth are
//       video rooms, and 5 % of the delegates take part online (their
//       meetings need a video room); prints what the fitting kept, moved and
//       left out, its time, and the weight and percentage after it.
//   bb_schedule_bench lp --delegates N --requests M --slots S --tables T --seed S --out FILE.lp
//       A small random event of the same kind: writes it as a 0-1 program
//       (CPLEX LP), for `cbc FILE.lp solve` to compare, and prints what the
//       scheduler achieves on it (exactly, through CBC's library) and what
//       the greedy schedule alone achieves.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <string>

#include "bench_clock.h"
#include "solve/room_fit.h"
#include "solve/scheduler.h"

namespace biobridge {
namespace {

using bench::Clock;
using bench::PeakMegabytes;
using bench::Seconds;
struct Args {
  std::string mode;
  int delegates = 15000, requests = 60000, days = 3, slots_per_day = 16, tables = 1500, slots = 0;
  std::uint64_t seed = 1;
  std::string out;
};

solve::ScheduleProblem Generate(const Args& a) {
  std::mt19937_64 random(a.seed);
  solve::ScheduleProblem p;
  const int per_day = a.slots > 0 ? a.slots : a.slots_per_day;
  const int days = a.slots > 0 ? 1 : a.days;
  p.slots = days * per_day;
  p.tables = a.tables;
  std::vector<int> organization(std::size_t(a.delegates));
  for (int d = 0, org = 0; d < a.delegates; ++org) {
    const int size = 1 + int(random() % 3);
    for (int i = 0; i < size && d < a.delegates; ++i) organization[std::size_t(d++)] = org;
  }
  std::uniform_real_distribution<double> unit(0, 1);
  for (int d = 0; d < a.delegates; ++d) {
    std::vector<int> free;
    for (int day = 0; day < days; ++day) {
      if (days > 1 && unit(random) < 0.25) continue;  // a quarter of the days away
      const int length = per_day / 2 + int(random() % std::uint64_t(per_day / 2 + 1));
      const int first = int(random() % std::uint64_t(per_day - length + 1));
      for (int s = first; s < first + length; ++s) free.push_back(day * per_day + s);
    }
    p.availability.push_back(std::move(free));
  }
  // Zipf-like popularity: receiver rank k drawn with weight 1 / (k + 10).
  std::vector<double> cumulative(std::size_t(a.delegates));
  double total = 0;
  for (int k = 0; k < a.delegates; ++k) cumulative[std::size_t(k)] = total += 1.0 / (k + 10);
  std::vector<int> rank(std::size_t(a.delegates));
  for (int d = 0; d < a.delegates; ++d) rank[std::size_t(d)] = d;
  std::shuffle(rank.begin(), rank.end(), random);
  std::set<std::pair<int, int>> seen;
  while (int(p.requests.size()) < a.requests) {
    const double x = unit(random) * total;
    const int k = int(std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
    const int to = rank[std::size_t(std::min(k, a.delegates - 1))];
    const int from = int(random() % std::uint64_t(a.delegates));
    if (organization[std::size_t(from)] == organization[std::size_t(to)]) continue;
    if (!seen.emplace(std::min(from, to), std::max(from, to)).second) continue;
    p.requests.push_back({{from, to}, unit(random) < 0.3 ? 2.0 : 1.0, -1});
  }
  return p;
}

void Report(const solve::ScheduleResult& r, double seconds) {
  const solve::ScheduleBounds& b = r.bounds;
  std::cout << fmt::format("scheduled {} meetings, weight {:.0f}, in {:.2f} s; {} requests unscheduled\n",
                           r.meetings.size(), r.weight, seconds, r.unscheduled.size());
  std::cout << fmt::format("bounds: common slot {:.0f}, tables × slots {:.0f}, matchings {:.0f}, degree {:.0f}, "
                           "b-matching {:.0f}; best {:.0f}\n",
                           b.common_slot, b.tables, b.matching, b.degree, b.b_matching, b.Best());
  std::cout << fmt::format("achieved {:.3f} % of the bound\n", r.percent_of_bound);
}

int RunScale(const Args& a) {
  const auto generating = Clock::now();
  const solve::ScheduleProblem p = Generate(a);
  std::cout << fmt::format("event: {} delegates, {} accepted requests, {} slots, {} tables; generated in {:.2f} s\n",
                           a.delegates, p.requests.size(), p.slots, p.tables, Seconds(generating));
  const auto scheduling = Clock::now();
  Result<solve::ScheduleResult> result = solve::Schedule(p);
  const double seconds = Seconds(scheduling);
  if (!result.ok()) {
    std::cerr << result.status().ToString() << '\n';
    return 1;
  }
  Report(*result, seconds);

  std::mt19937_64 random(a.seed + 1);
  std::vector<bool> remote(p.availability.size());
  for (std::size_t d = 0; d < remote.size(); ++d) remote[d] = random() % 100 < 5;
  std::vector<solve::Room> rooms;
  for (int t = 0; t < p.tables; ++t) {
    const bool video = t % 10 == 9;
    rooms.push_back({video ? 6 : t % 10 == 8 ? 4 : 2, video});
  }
  std::vector<solve::RoomRequest> fitting;
  for (const solve::ScheduledMeeting& m : result->meetings) {
    const solve::MeetingRequest& q = p.requests[std::size_t(m.request)];
    solve::RoomRequest r{m.slot, q.participants};
    r.needs_virtual = std::any_of(q.participants.begin(), q.participants.end(), [&](int d) { return remote[std::size_t(d)]; });
    fitting.push_back(std::move(r));
  }
  const auto fitting_started = Clock::now();
  const solve::RoomFit fit = solve::FitRooms(p.slots, rooms, p.availability, fitting);
  const double fitting_seconds = Seconds(fitting_started);
  std::size_t kept = 0, moved = 0, left_out = 0;
  double weight = 0;
  for (std::size_t i = 0; i < fitting.size(); ++i) {
    if (fit.room[i] < 0) {
      ++left_out;
      continue;
    }
    ++kept;
    if (fit.slot[i] != fitting[i].slot) ++moved;
    weight += p.requests[std::size_t(result->meetings[i].request)].weight;
  }
  std::cout << fmt::format("rooms ({} tables of 2 or 4 seats, {} video rooms; {} meetings need one): {} kept "
                           "({} moved to another slot), {} left out, in {:.2f} s; weight {:.0f}, {:.3f} % of the bound\n",
                           rooms.size() - rooms.size() / 10, rooms.size() / 10,
                           std::count_if(fitting.begin(), fitting.end(), [](const auto& r) { return r.needs_virtual; }),
                           kept, moved, left_out, fitting_seconds, weight, 100 * weight / result->bounds.Best());
  std::cout << fmt::format("peak memory {} MB\n", PeakMegabytes());
  return 0;
}

int RunLp(const Args& a) {
  const solve::ScheduleProblem p = Generate(a);
  std::ofstream lp(a.out);
  auto free = [&](int d, int s) {
    const auto& slots = p.availability[std::size_t(d)];
    return std::find(slots.begin(), slots.end(), s) != slots.end();
  };
  std::vector<std::vector<std::pair<int, int>>> busy(p.availability.size() * std::size_t(p.slots));
  std::vector<std::vector<int>> in_slot(std::size_t(p.slots));
  lp << "Maximize\n obj:";
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    const auto& q = p.requests[r];
    for (int s = 0; s < p.slots; ++s) {
      if (!free(q.participants[0], s) || !free(q.participants[1], s)) continue;
      lp << fmt::format(" + {} x{}_{}", q.weight, r, s);
      for (int d : q.participants) busy[std::size_t(d) * std::size_t(p.slots) + std::size_t(s)].emplace_back(int(r), s);
      in_slot[std::size_t(s)].push_back(int(r));
    }
    lp << '\n';
  }
  lp << "Subject To\n";
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    std::string terms;
    for (int s = 0; s < p.slots; ++s) {
      if (free(p.requests[r].participants[0], s) && free(p.requests[r].participants[1], s)) {
        terms += fmt::format(" + x{}_{}", r, s);
      }
    }
    if (!terms.empty()) lp << " once" << r << ":" << terms << " <= 1\n";
  }
  for (std::size_t i = 0; i < busy.size(); ++i) {
    if (busy[i].size() < 2) continue;
    lp << " busy" << i << ":";
    for (const auto& [r, s] : busy[i]) lp << fmt::format(" + x{}_{}", r, s);
    lp << " <= 1\n";
  }
  for (int s = 0; s < p.slots; ++s) {
    if (int(in_slot[std::size_t(s)].size()) <= p.tables) continue;
    lp << " tables" << s << ":";
    for (int r : in_slot[std::size_t(s)]) lp << fmt::format(" + x{}_{}", r, s);
    lp << " <= " << p.tables << '\n';
  }
  lp << "Binary\n";
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    for (int s = 0; s < p.slots; ++s) {
      if (free(p.requests[r].participants[0], s) && free(p.requests[r].participants[1], s)) lp << fmt::format(" x{}_{}\n", r, s);
    }
  }
  lp << "End\n";
  solve::ScheduleProblem greedy = p;
  greedy.exact_when_small = false;
  Result<solve::ScheduleResult> alone = solve::Schedule(greedy);
  const auto scheduling = Clock::now();
  Result<solve::ScheduleResult> result = solve::Schedule(p);
  const double seconds = Seconds(scheduling);
  if (!result.ok() || !alone.ok()) {
    std::cerr << (result.ok() ? alone.status() : result.status()).ToString() << '\n';
    return 1;
  }
  // weight, greedy-only weight, bound, proven optimal, seconds
  std::cout << fmt::format("{:.0f} {:.0f} {:.0f} {} {:.4f}\n", result->weight, alone->weight, result->bounds.Best(),
                           result->exact ? "yes" : "no", seconds);
  return lp ? 0 : 1;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  biobridge::Args a;
  if (argc < 2) {
    std::cerr << "usage: bb_schedule_bench scale|lp [options]\n";
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--delegates") a.delegates = std::stoi(value);
    else if (flag == "--requests") a.requests = std::stoi(value);
    else if (flag == "--days") a.days = std::stoi(value);
    else if (flag == "--slots-per-day") a.slots_per_day = std::stoi(value);
    else if (flag == "--slots") a.slots = std::stoi(value);
    else if (flag == "--tables") a.tables = std::stoi(value);
    else if (flag == "--seed") a.seed = std::stoull(value);
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
