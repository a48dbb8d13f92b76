#include "solve/room_fit.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace biobridge::solve {
namespace {

bool Fits(const Room& room, const RoomRequest& request) {
  return room.virtual_room == request.needs_virtual && room.seats >= int(request.participants.size());
}

}  // namespace

RoomFit FitRooms(int slots, const std::vector<Room>& rooms, const std::vector<std::vector<int>>& availability,
                 const std::vector<RoomRequest>& requests) {
  RoomFit fit;
  fit.room.assign(requests.size(), -1);
  for (const RoomRequest& r : requests) fit.slot.push_back(r.slot);
  std::vector<std::vector<char>> taken(std::size_t(slots), std::vector<char>(rooms.size(), 0));
  std::vector<std::set<int>> busy(availability.size());  // per delegate: slots with a meeting
  for (const RoomRequest& r : requests) {
    for (int d : r.participants) busy[std::size_t(d)].insert(r.slot);
  }
  // The smallest free room of the right mode in `slot` that seats `r`.
  auto best_room = [&](const RoomRequest& r, int slot) {
    int best = -1;
    for (std::size_t k = 0; k < rooms.size(); ++k) {
      if (taken[std::size_t(slot)][k] || !Fits(rooms[k], r)) continue;
      if (best < 0 || rooms[k].seats < rooms[std::size_t(best)].seats) best = int(k);
    }
    return best;
  };

  // Published meetings keep their room when it still fits.
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const RoomRequest& r = requests[i];
    const int k = r.preferred_room;
    if (k >= 0 && std::size_t(k) < rooms.size() && !taken[std::size_t(r.slot)][std::size_t(k)] &&
        Fits(rooms[std::size_t(k)], r)) {
      taken[std::size_t(r.slot)][std::size_t(k)] = 1;
      fit.room[i] = k;
    }
  }
  // Then the largest meetings first, each into the smallest room that seats it.
  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return requests[a].participants.size() > requests[b].participants.size();
  });
  std::vector<std::size_t> homeless;
  for (std::size_t i : order) {
    if (fit.room[i] >= 0) continue;
    const int k = best_room(requests[i], requests[i].slot);
    if (k < 0) {
      homeless.push_back(i);
      continue;
    }
    taken[std::size_t(requests[i].slot)][std::size_t(k)] = 1;
    fit.room[i] = k;
  }
  // A meeting with no room in its slot tries the others its participants share.
  for (std::size_t i : homeless) {
    const RoomRequest& r = requests[i];
    if (r.fixed_slot || r.participants.empty()) continue;
    for (int s : availability[std::size_t(r.participants[0])]) {
      const bool all_free = std::all_of(r.participants.begin(), r.participants.end(), [&](int d) {
        const std::vector<int>& free = availability[std::size_t(d)];
        return std::find(free.begin(), free.end(), s) != free.end() && !busy[std::size_t(d)].contains(s);
      });
      if (!all_free) continue;
      const int k = best_room(r, s);
      if (k < 0) continue;
      taken[std::size_t(s)][std::size_t(k)] = 1;
      for (int d : r.participants) {
        busy[std::size_t(d)].erase(r.slot);
        busy[std::size_t(d)].insert(s);
      }
      fit.room[i] = k;
      fit.slot[i] = s;
      break;
    }
  }
  return fit;
}

}  // namespace biobridge::solve
