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
//   bb_schedule_bench planted [--delegates 15000] [--days 3] [--slots-per-day 16] [--tables 1500]
//                             [--fill 0.965] [--zipf-offset 10] [--min-run 0.5]
//                             [--scattered P] [--seconds 10] [--seed 1]
//       A hard event whose optimum is known: a schedule is drawn first and
//       the requests are read off it, so that every request can be held.
//       Delegates are free on some days, in a contiguous run of slots each
//       (as above); each slot's tables are filled, up to `fill` of them, by
//       pairs of free delegates of different organisations drawn with the
//       same Zipf-like popularity on both sides, so the wanted delegates
//       spend nearly every free slot in a meeting and the tables are nearly
//       full; with --scattered, each delegate is free in a random share of
//       the slots instead (people with other commitments), which is much
//       harder. Prints the planted weight (the optimum), then what the greedy
//       schedule and its repair alone achieve and what the scheduler does
//       (ejection chains within --seconds): the share of the optimum and of
//       the scheduler's own bound, the time and the peak memory.
//   bb_schedule_bench lp --delegates N --requests M --slots S --tables T --seed S --out FILE.lp
//       A small random event of the same kind: writes it as a 0-1 program
//       (CPLEX LP), for `cbc FILE.lp solve` to compare, and prints what the
//       scheduler achieves on it (exactly, through CBC's library) and what
//       its heuristics alone achieve (greedy, repair, ejection chains).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
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
  double fill = 0.965;
  double zipf_offset = 10;    // planted: popularity 1 / (rank + offset); smaller is more skewed
  double min_run = 0.5;       // planted: the shortest run of free slots in a day, as a share of the day
  double scattered = 0;       // planted: > 0, each slot free with this chance instead of runs
  double seconds = solve::kDefaultSeconds;
  std::uint64_t seed = 1;
  std::string out;
};

// Delegates in organisations of one to three people, each free on a random
// subset of days in a contiguous run of slots (the shape of Generate's).
struct Population {
  std::vector<int> organization;
  std::vector<std::vector<int>> availability;
};
Population People(const Args& a, int days, int per_day, std::mt19937_64& random, double min_run = 0.5,
                  double scattered = 0) {
  Population people;
  people.organization.resize(std::size_t(a.delegates));
  for (int d = 0, org = 0; d < a.delegates; ++org) {
    const int size = 1 + int(random() % 3);
    for (int i = 0; i < size && d < a.delegates; ++i) people.organization[std::size_t(d++)] = org;
  }
  std::uniform_real_distribution<double> unit(0, 1);
  for (int d = 0; d < a.delegates; ++d) {
    std::vector<int> free;
    for (int day = 0; day < days; ++day) {
      if (scattered > 0) {  // free here and there, as people with other commitments are
        for (int s = 0; s < per_day; ++s) {
          if (unit(random) < scattered) free.push_back(day * per_day + s);
        }
        continue;
      }
      if (days > 1 && unit(random) < 0.25) continue;  // a quarter of the days away
      const int shortest = std::max(1, int(min_run * per_day));
      const int length = shortest + int(random() % std::uint64_t(per_day - shortest + 1));
      const int first = int(random() % std::uint64_t(per_day - length + 1));
      for (int s = first; s < first + length; ++s) free.push_back(day * per_day + s);
    }
    people.availability.push_back(std::move(free));
  }
  return people;
}

// Schedules `p`, timed; prints the error and returns nullopt when it fails.
std::optional<std::pair<solve::ScheduleResult, double>> TimedSchedule(const solve::ScheduleProblem& p) {
  const auto scheduling = Clock::now();
  Result<solve::ScheduleResult> result = solve::Schedule(p);
  const double seconds = Seconds(scheduling);
  if (!result.ok()) {
    std::cerr << result.status().ToString() << '\n';
    return std::nullopt;
  }
  return std::pair{std::move(*result), seconds};
}

solve::ScheduleProblem Generate(const Args& a) {
  std::mt19937_64 random(a.seed);
  solve::ScheduleProblem p;
  const int per_day = a.slots > 0 ? a.slots : a.slots_per_day;
  const int days = a.slots > 0 ? 1 : a.days;
  p.slots = days * per_day;
  p.tables = a.tables;
  Population people = People(a, days, per_day, random);
  const std::vector<int>& organization = people.organization;
  p.availability = people.availability;
  std::uniform_real_distribution<double> unit(0, 1);
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

// The planted schedule's requests, and their total weight (the optimum).
std::pair<solve::ScheduleProblem, double> GeneratePlanted(const Args& a) {
  std::mt19937_64 random(a.seed);
  const int days = a.days, per_day = a.slots_per_day;
  Population people = People(a, days, per_day, random, a.min_run, a.scattered);
  solve::ScheduleProblem p;
  p.slots = days * per_day;
  p.tables = a.tables;
  p.availability = people.availability;
  std::vector<std::vector<int>> free_in(std::size_t(p.slots));  // delegates free in each slot
  for (int d = 0; d < a.delegates; ++d) {
    for (int s : people.availability[std::size_t(d)]) free_in[std::size_t(s)].push_back(d);
  }
  // Zipf-like popularity, weight 1 / (rank + 10), ranks shuffled.
  std::vector<double> popularity(std::size_t(a.delegates));
  {
    std::vector<int> rank(std::size_t(a.delegates));
    for (int d = 0; d < a.delegates; ++d) rank[std::size_t(d)] = d;
    std::shuffle(rank.begin(), rank.end(), random);
    for (int k = 0; k < a.delegates; ++k) popularity[std::size_t(rank[std::size_t(k)])] = 1.0 / (k + a.zipf_offset);
  }
  std::uniform_real_distribution<double> unit(0, 1);
  std::set<std::pair<int, int>> paired;
  double optimum = 0;
  const int wanted = int(a.fill * a.tables);
  for (int s = 0; s < p.slots; ++s) {
    const std::vector<int>& free = free_in[std::size_t(s)];
    if (free.size() < 2) continue;
    std::vector<double> cumulative(free.size());
    double total = 0;
    for (std::size_t i = 0; i < free.size(); ++i) cumulative[i] = total += popularity[std::size_t(free[i])];
    auto draw = [&] {
      const double x = unit(random) * total;
      return std::size_t(std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
    };
    std::vector<bool> busy(free.size(), false);
    int held = 0;
    for (int attempts = 0; held < wanted && attempts < 50 * wanted; ++attempts) {
      const std::size_t i = std::min(draw(), free.size() - 1), j = std::min(draw(), free.size() - 1);
      const int x = free[i], y = free[j];
      if (i == j || busy[i] || busy[j] || people.organization[std::size_t(x)] == people.organization[std::size_t(y)]) continue;
      if (!paired.emplace(std::min(x, y), std::max(x, y)).second) continue;
      busy[i] = busy[j] = true;
      const double weight = unit(random) < 0.3 ? 2.0 : 1.0;
      p.requests.push_back({{x, y}, weight, -1});
      optimum += weight;
      ++held;
    }
  }
  std::shuffle(p.requests.begin(), p.requests.end(), random);  // no hint of the planted order
  return {std::move(p), optimum};
}

int RunPlanted(const Args& a) {
  const auto generating = Clock::now();
  auto [p, optimum] = GeneratePlanted(a);
  std::size_t most_wanted = 0;
  {
    std::vector<std::size_t> asked(p.availability.size());
    for (const auto& q : p.requests) most_wanted = std::max({most_wanted, ++asked[std::size_t(q.participants[0])],
                                                             ++asked[std::size_t(q.participants[1])]});
  }
  std::cout << fmt::format("planted event: {} delegates, {} requests (every one can be held), {} slots, {} tables "
                           "({:.1f} % of the places used by the planted schedule); the most wanted delegate is in {} "
                           "requests; generated in {:.2f} s\n",
                           a.delegates, p.requests.size(), p.slots, p.tables,
                           100.0 * double(p.requests.size()) / double(p.slots * p.tables), most_wanted, Seconds(generating));
  // The greedy schedule and its repair alone (no time for ejection chains), then the scheduler.
  for (const double budget : {0.0, a.seconds}) {
    p.seconds = budget;
    auto timed = TimedSchedule(p);
    if (!timed) return 1;
    const auto& [result, seconds] = *timed;
    std::cout << fmt::format("{}: scheduled {} of {} requests, weight {:.0f} of the planted optimum {:.0f}: {:.3f} % "
                             "of the optimum ({:.3f} % of the scheduler's own bound {:.0f}); {} placed by ejection "
                             "chains, {} left out of them (fully booked); in {:.2f} s; peak memory {} MB\n",
                             budget == 0 ? "greedy and repair alone" : "scheduler", result.meetings.size(),
                             p.requests.size(), result.weight, optimum, 100 * result.weight / optimum,
                             result.percent_of_bound, result.bounds.Best(), result.chain_insertions, result.hopeless,
                             seconds,
                             PeakMegabytes());
  }
  return 0;
}

void Report(const solve::ScheduleResult& r, double seconds) {
  const solve::ScheduleBounds& b = r.bounds;
  std::cout << fmt::format("scheduled {} meetings, weight {:.0f}, in {:.2f} s; {} requests unscheduled ({} left out of "
                           "the ejection chains: a participant fully booked); {} placed by the chains\n",
                           r.meetings.size(), r.weight, seconds, r.unscheduled.size(), r.hopeless, r.chain_insertions);
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
  auto timed = TimedSchedule(p);
  if (!timed) return 1;
  const auto& [result, seconds] = *timed;
  Report(result, seconds);

  std::mt19937_64 random(a.seed + 1);
  std::vector<bool> remote(p.availability.size());
  for (std::size_t d = 0; d < remote.size(); ++d) remote[d] = random() % 100 < 5;
  std::vector<solve::Room> rooms;
  for (int t = 0; t < p.tables; ++t) {
    const bool video = t % 10 == 9;
    rooms.push_back({video ? 6 : t % 10 == 8 ? 4 : 2, video});
  }
  std::vector<solve::RoomRequest> fitting;
  for (const solve::ScheduledMeeting& m : result.meetings) {
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
    weight += p.requests[std::size_t(result.meetings[i].request)].weight;
  }
  std::cout << fmt::format("rooms ({} tables of 2 or 4 seats, {} video rooms; {} meetings need one): {} kept "
                           "({} moved to another slot), {} left out, in {:.2f} s; weight {:.0f}, {:.3f} % of the bound\n",
                           rooms.size() - rooms.size() / 10, rooms.size() / 10,
                           std::count_if(fitting.begin(), fitting.end(), [](const auto& r) { return r.needs_virtual; }),
                           kept, moved, left_out, fitting_seconds, weight, 100 * weight / result.bounds.Best());
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
    std::cerr << "usage: bb_schedule_bench scale|planted|lp [options]\n";
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
    else if (flag == "--fill") a.fill = std::stod(value);
    else if (flag == "--zipf-offset") a.zipf_offset = std::stod(value);
    else if (flag == "--min-run") a.min_run = std::stod(value);
    else if (flag == "--scattered") a.scattered = std::stod(value);
    else if (flag == "--seconds") a.seconds = std::stod(value);
    else {
      std::cerr << "unknown flag " << flag << '\n';
      return 2;
    }
  }
  if (a.mode == "scale") return biobridge::RunScale(a);
  if (a.mode == "lp") return biobridge::RunLp(a);
  if (a.mode == "planted") return biobridge::RunPlanted(a);
  std::cerr << "unknown mode " << a.mode << '\n';
  return 2;
}
