#include "session/session.h"

#include <gtest/gtest.h>

namespace sportello {
namespace {

using namespace std::chrono;

const Instant kCreated = Instant{sys_days{year{2026} / 3 / 29}} + hours{0} + minutes{30};  // spans the DST switch
const SessionPolicy kPolicy{};  // 15 minutes idle, 8 hours absolute

Session session(Seconds last_seen_after_creation, bool ended = false) {
  Session s;
  s.id = 1;
  s.token_hash = "hash";
  s.subject_id = 42;
  s.created_at = kCreated;
  s.last_seen_at = kCreated + last_seen_after_creation;
  if (ended) {
    s.ended_at = kCreated + last_seen_after_creation;
    s.end_reason = "logout";
  }
  return s;
}

TEST(Session, AliveUntilIdleForFifteenMinutesOrEightHoursOldOrEnded) {
  struct Case {
    const char* name;
    Session s;
    Seconds now_after_creation;
    const char* code;  // nullptr: alive
  };
  const Case cases[] = {
      {"fresh", session(Seconds{0}), Seconds{0}, nullptr},
      {"idle one second short of 15 minutes", session(Seconds{0}), Minutes{15} - Seconds{1}, nullptr},
      {"idle exactly 15 minutes", session(Seconds{0}), Minutes{15}, "session-idle"},
      {"idle an hour", session(Minutes{10}), Minutes{70}, "session-idle"},
      {"activity keeps it alive past 15 minutes from creation", session(Minutes{10}), Minutes{20}, nullptr},
      {"idle exactly 15 minutes after the last activity", session(Minutes{10}), Minutes{25}, "session-idle"},
      {"just under 8 hours with recent activity", session(Hours{8} - Minutes{1}), Hours{8} - Seconds{1}, nullptr},
      {"exactly 8 hours even with recent activity", session(Hours{8} - Minutes{1}), Hours{8}, "session-expired"},
      {"past 8 hours", session(Hours{7}), Hours{9}, "session-expired"},
      {"ended, at once", session(Minutes{1}, true), Minutes{1}, "session-ended"},
      {"ended, later", session(Minutes{1}, true), Hours{9}, "session-ended"},
  };
  for (const auto& c : cases) {
    const Status status = c.s.check_alive(kCreated + c.now_after_creation, kPolicy);
    if (!c.code) {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.error().code;
      continue;
    }
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, c.code) << c.name;
    EXPECT_EQ(status.error().kind, ErrorKind::expired) << c.name;
  }
}

TEST(Session, TimeOutsComeFromThePolicy) {
  const SessionPolicy short_policy{Minutes{5}, Hours{1}};
  struct Case {
    Seconds last_seen;
    Seconds now;
    const char* code;
  };
  const Case cases[] = {
      {Seconds{0}, Minutes{5} - Seconds{1}, nullptr},
      {Seconds{0}, Minutes{5}, "session-idle"},
      {Minutes{58}, Hours{1} - Seconds{1}, nullptr},
      {Minutes{58}, Hours{1}, "session-expired"},
  };
  for (const auto& c : cases) {
    const Status status = session(c.last_seen).check_alive(kCreated + c.now, short_policy);
    if (!c.code) {
      EXPECT_TRUE(status.ok()) << c.now.count() << "s: " << status.error().code;
    } else {
      ASSERT_FALSE(status.ok()) << c.now.count() << "s";
      EXPECT_EQ(status.error().code, c.code);
    }
  }
}

TEST(Session, SubjectKindNamesRoundTrip) {
  for (SubjectKind kind : {SubjectKind::citizen, SubjectKind::staff})
    EXPECT_EQ(parse_subject_kind(to_string(kind)), kind) << to_string(kind);
  EXPECT_STREQ(to_string(SubjectKind::citizen), "citizen");
  EXPECT_STREQ(to_string(SubjectKind::staff), "staff");
  EXPECT_FALSE(parse_subject_kind("patronato").has_value());
}

}  // namespace
}  // namespace sportello
