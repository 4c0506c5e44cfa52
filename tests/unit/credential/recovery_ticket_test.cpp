#include "credential/recovery_ticket.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/digest.h"

namespace sportello {
namespace {

using namespace std::chrono;

const Instant kCreated = Instant{sys_days{year{2026} / 10 / 25}} + hours{0} + minutes{30};
const Seconds kLifetime = Minutes{30};
constexpr const char* kCode = "482915";

RecoveryTicket fresh_ticket() {
  RecoveryTicket t;
  t.id = 3;
  t.citizen_id = 42;
  t.token_hash = sha256_hex("link-token");
  t.code_hash = sha256_hex(kCode);
  t.created_at = kCreated;
  t.expires_at = kCreated + kLifetime;
  return t;
}

struct Step {
  const char* code;
  Seconds after_creation;
  const char* expected;  // error code, or nullptr for success
};

struct Scenario {
  const char* name;
  std::vector<Step> steps;
};

TEST(RecoveryTicket, RedeemScenarios) {
  const Seconds early = Minutes{5};
  const Scenario scenarios[] = {
      {"the right code works once", {{kCode, early, nullptr}, {kCode, early + Seconds{1}, "recovery-link-used"}}},
      {"a second before expiry", {{kCode, kLifetime - Seconds{1}, nullptr}}},
      {"exactly at expiry", {{kCode, kLifetime, "recovery-link-expired"}}},
      {"long after expiry", {{kCode, Hours{24}, "recovery-link-expired"}}},
      {"a wrong code, then the right one", {{"000000", early, "wrong-recovery-code"}, {kCode, early, nullptr}}},
      {"a code typed in groups is the same code", {{" 482 915\t", early, nullptr}}},
      {"a code with a dash and a no-break space is the same code", {{"482-\u00A0915", early, nullptr}}},
      {"a code with a digit too many is wrong", {{"4829150", early, "wrong-recovery-code"}}},
      {"four wrong codes leave the ticket usable",
       {{"1", early, "wrong-recovery-code"},
        {"2", early, "wrong-recovery-code"},
        {"3", early, "wrong-recovery-code"},
        {"4", early, "wrong-recovery-code"},
        {kCode, early, nullptr}}},
      {"the fifth wrong code kills the ticket, even for the right code",
       {{"1", early, "wrong-recovery-code"},
        {"2", early, "wrong-recovery-code"},
        {"3", early, "wrong-recovery-code"},
        {"4", early, "wrong-recovery-code"},
        {"5", early, "wrong-recovery-code"},
        {kCode, early, "recovery-link-used"},
        {"6", early, "recovery-link-used"}}},
      {"a used ticket says used even after expiry", {{kCode, early, nullptr}, {kCode, Hours{1}, "recovery-link-used"}}},
  };
  for (const Scenario& s : scenarios) {
    RecoveryTicket ticket = fresh_ticket();
    int step_no = 0;
    for (const Step& step : s.steps) {
      ++step_no;
      const Status status = ticket.redeem(step.code, kCreated + step.after_creation);
      if (!step.expected) {
        EXPECT_TRUE(status.ok()) << s.name << ", step " << step_no << ": " << status.error().code;
      } else {
        ASSERT_FALSE(status.ok()) << s.name << ", step " << step_no << " succeeded";
        EXPECT_EQ(status.error().code, step.expected) << s.name << ", step " << step_no;
      }
    }
  }
}

TEST(RecoveryTicket, SuccessMarksTheTicketUsedAtThatInstant) {
  RecoveryTicket ticket = fresh_ticket();
  const Instant now = kCreated + Minutes{7};
  ASSERT_TRUE(ticket.redeem(kCode, now).ok());
  EXPECT_EQ(ticket.used_at, now);
  EXPECT_EQ(ticket.wrong_codes, 0);
}

TEST(RecoveryTicket, RefusalsCarryTheirKindAndField) {
  struct Case {
    const char* name;
    RecoveryTicket ticket;
    const char* code;
    Seconds after_creation;
    ErrorKind kind;
    const char* field;
    int wrong_codes_after;
  };
  RecoveryTicket used = fresh_ticket();
  used.used_at = kCreated + Minutes{1};
  RecoveryTicket dead = fresh_ticket();
  dead.wrong_codes = RecoveryTicket::kMaxWrongCodes;
  const Case cases[] = {
      {"wrong code", fresh_ticket(), "999999", Minutes{1}, ErrorKind::wrong_secret, "code", 1},
      {"expired", fresh_ticket(), kCode, kLifetime, ErrorKind::expired, "token", 0},
      // After expiry a wrong code is not counted: the ticket is over either way.
      {"expired, wrong code", fresh_ticket(), "999999", kLifetime, ErrorKind::expired, "token", 0},
      {"used", used, kCode, Minutes{2}, ErrorKind::expired, "token", 0},
      {"dead", dead, kCode, Minutes{2}, ErrorKind::expired, "token", RecoveryTicket::kMaxWrongCodes},
  };
  for (const auto& c : cases) {
    RecoveryTicket ticket = c.ticket;
    const Status status = ticket.redeem(c.code, kCreated + c.after_creation);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().kind, c.kind) << c.name;
    EXPECT_EQ(status.error().field, c.field) << c.name;
    EXPECT_EQ(ticket.wrong_codes, c.wrong_codes_after) << c.name;
    EXPECT_EQ(ticket.used_at, c.ticket.used_at) << c.name << ": a refusal must not mark the ticket used";
  }
}

}  // namespace
}  // namespace sportello
