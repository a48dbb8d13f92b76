#include "solve/room_fit.h"

#include <gtest/gtest.h>

namespace biobridge::solve {
namespace {

const std::vector<std::vector<int>> kFreeInBothSlots = {{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}};

TEST(RoomFitTest, LargestMeetingsTakeTheRoomsThatSeatThem) {
  // Slot 0: a meeting of three (a colleague joins) and one of two; rooms of 2 and 4 seats.
  std::vector<Room> rooms = {{2, false}, {4, false}};
  std::vector<RoomRequest> requests = {{0, {0, 1}}, {0, {2, 3, 4}}};
  RoomFit fit = FitRooms(2, rooms, kFreeInBothSlots, requests);
  EXPECT_EQ(fit.room, (std::vector<int>{0, 1}));
  EXPECT_EQ(fit.slot, (std::vector<int>{0, 0}));
}

TEST(RoomFitTest, RemoteParticipantsMeetInVirtualRoomsOnly) {
  std::vector<Room> rooms = {{4, false}, {2, true}};
  std::vector<RoomRequest> requests = {{0, {0, 1}, true}, {0, {2, 3}, false}};
  RoomFit fit = FitRooms(1, rooms, {{0}, {0}, {0}, {0}}, requests);
  EXPECT_EQ(fit.room, (std::vector<int>{1, 0}));
  // No virtual room at all: the remote meeting is left out, not put at a table.
  fit = FitRooms(1, {{4, false}, {4, false}}, {{0}, {0}, {0}, {0}}, requests);
  EXPECT_EQ(fit.room[0], -1);
  EXPECT_EQ(fit.room[1], 0);
}

TEST(RoomFitTest, APublishedMeetingKeepsItsRoomAndAnotherMovesToAFreeSlot) {
  // One 2-seat table; two meetings in slot 0. The published one (preferred
  // room 0) keeps it; the other moves to slot 1, where its people are free.
  std::vector<Room> rooms = {{2, false}};
  std::vector<RoomRequest> requests = {{0, {0, 1}, false, -1}, {0, {2, 3}, false, 0, true}};
  RoomFit fit = FitRooms(2, rooms, kFreeInBothSlots, requests);
  EXPECT_EQ(fit.room, (std::vector<int>{0, 0}));
  EXPECT_EQ(fit.slot, (std::vector<int>{1, 0}));
  // A participant busy in slot 1: no move, and the meeting is left out.
  requests.push_back({1, {0, 4}});
  fit = FitRooms(2, rooms, kFreeInBothSlots, requests);
  EXPECT_EQ(fit.room[0], -1);
  EXPECT_EQ(fit.slot[0], 0);
  EXPECT_EQ(fit.room[2], 0);
}

}  // namespace
}  // namespace biobridge::solve
