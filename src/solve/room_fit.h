// Tables and rooms for scheduled meetings. The scheduler counts the tables a
// slot has; an event that names its rooms also says how many seats each has
// and whether it is a video room. FitRooms gives each meeting a room of the
// mode it needs (a meeting with a remote participant needs a virtual room,
// the others an in-person table) that seats all its participants, keeping a
// meeting in the room it names (a published meeting) when that still fits,
// and otherwise taking the smallest room that fits, largest meetings first.
// A meeting left without a room in its slot moves, unless its slot is fixed,
// to another slot in which all its participants are free and have no other
// meeting and a room fits; failing that it is left out (room -1).
#pragma once

#include <vector>

namespace biobridge::solve {

struct Room {
  int seats = 2;
  bool virtual_room = false;
};

struct RoomRequest {
  int slot = 0;
  std::vector<int> participants;  // delegate indexes
  bool needs_virtual = false;
  int preferred_room = -1;  // 0-based; -1: any
  bool fixed_slot = false;  // may not move to another slot
};

struct RoomFit {
  std::vector<int> room;  // per request: 0-based, or -1 when no room fits
  std::vector<int> slot;  // per request: the slot it ends up in
};

// `availability`: per delegate, the slots they are free in.
RoomFit FitRooms(int slots, const std::vector<Room>& rooms, const std::vector<std::vector<int>>& availability,
                 const std::vector<RoomRequest>& requests);

}  // namespace biobridge::solve
