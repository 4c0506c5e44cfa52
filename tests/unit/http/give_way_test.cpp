#include "http/give_way.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using sportello::http::GiveWay;

TEST(GiveWay, AtMostOncePerInterval) {
  GiveWay give_way;
  const GiveWay::Clock::time_point start{10s};
  EXPECT_TRUE(give_way.due(start, 500us));  // the thread's first answer
  EXPECT_FALSE(give_way.due(start + 1us, 500us));
  EXPECT_FALSE(give_way.due(start + 499us, 500us));
  EXPECT_TRUE(give_way.due(start + 500us, 500us));
  // Counted from the last time it gave way, not from the interval's grid.
  EXPECT_FALSE(give_way.due(start + 999us, 500us));
  EXPECT_TRUE(give_way.due(start + 1200us, 500us));
  EXPECT_FALSE(give_way.due(start + 1699us, 500us));
}

TEST(GiveWay, AnIdleThreadGivesWayAtEachAnswer) {
  GiveWay give_way;
  const GiveWay::Clock::time_point start{10s};
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(give_way.due(start + i * 7ms, 500us)) << i;
}

TEST(GiveWay, ZeroMeansNever) {
  GiveWay give_way;
  const GiveWay::Clock::time_point start{10s};
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(give_way.due(start + i * 1s, 0us)) << i;
}
