// A mandate's rules (issue 11): its scope, its last day at most 12 calendar months ahead in Europe/Rome, its
// state at an instant (expired the day after its last day, Rome time) and its transitions.
#include "intermediaries/mandate.h"

#include <gtest/gtest.h>

#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using namespace std::chrono;

// 10:00 in Rome on a date (winter or summer time alike).
Instant rome(int y, unsigned m, unsigned d, int hour = 10) {
  return from_rome(local_days{year{y} / month{m} / day{d}} + hours{hour});
}

TEST(MandateScope, EveryServiceCoversEveryTypeAndTheRecord) {
  const MandateScope all;
  for (ApplicationType type : kAllApplicationTypes) EXPECT_TRUE(all.covers(type));
  EXPECT_TRUE(all.covers_records());
  EXPECT_EQ(all.to_text(), "all");
}

TEST(MandateScope, ChosenTypesCoverOnlyThemAndNotTheRecord) {
  const auto scope = scope_of_types({ApplicationType::naspi, ApplicationType::assegno_nucleo, ApplicationType::naspi});
  ASSERT_TRUE(scope);
  EXPECT_TRUE(scope->covers(ApplicationType::naspi));
  EXPECT_TRUE(scope->covers(ApplicationType::assegno_nucleo));
  EXPECT_FALSE(scope->covers(ApplicationType::riscatto_laurea));
  EXPECT_FALSE(scope->covers_records());
  EXPECT_EQ(scope->to_text(), "naspi,assegno-nucleo-familiare");  // the catalogue's order, repeats dropped
}

TEST(MandateScope, TextRoundTripsAndMalformedTextIsRefused) {
  for (const char* text : {"all", "naspi", "ricongiunzione,bonus-baby-sitting"}) {
    const auto scope = parse_mandate_scope(text);
    ASSERT_TRUE(scope) << text;
    EXPECT_EQ(scope->to_text(), text);
  }
  for (const char* text : {"", ",", "naspi,", ",naspi", "naspi,naspi", "NASPI", "naspi;all", "everything"})
    EXPECT_FALSE(parse_mandate_scope(text)) << text;
  EXPECT_FALSE(scope_of_types({}));
}

TEST(MandateScope, NamesFromAFormOrAClientAreAllAloneOrKnownTypes) {
  EXPECT_TRUE(scope_from_names({"all"})->every_service);
  EXPECT_EQ(scope_from_names({"naspi", "riscatto-laurea"})->to_text(), "naspi,riscatto-laurea");
  EXPECT_EQ(scope_from_names({}).error().code, "mandate-scope-required");
  EXPECT_EQ(scope_from_names({"all", "naspi"}).error().code, "mandate-scope-invalid");
  EXPECT_EQ(scope_from_names({"naspi", "pensione"}).error().code, "mandate-scope-invalid");
  EXPECT_EQ(scope_from_names({"naspi", "pensione"}).error().field, "scope");
}

TEST(MandateEnd, TodayUpToTwelveCalendarMonthsAheadIsAccepted) {
  struct Case {
    Instant now;
    Date ends_on;
    const char* error;  // nullptr: accepted
  };
  const Case cases[] = {
      {rome(2027, 3, 15), ymd(2027, 3, 15), nullptr},                 // today
      {rome(2027, 3, 15), ymd(2028, 3, 15), nullptr},                 // 12 months
      {rome(2027, 3, 15), ymd(2028, 3, 16), "mandate-end-too-far"},
      {rome(2027, 3, 15), ymd(2027, 3, 14), "mandate-end-past"},
      {rome(2027, 1, 31), ymd(2028, 1, 31), nullptr},
      {rome(2028, 2, 29), ymd(2029, 2, 28), nullptr},                 // leap day + 12 months: clamped
      {rome(2028, 2, 29), ymd(2029, 3, 1), "mandate-end-too-far"},
      // 23:00 on 31 December in Rome (22:00 UTC): Rome's date counts.
      {rome(2027, 12, 31, 23), ymd(2027, 12, 31), nullptr},
      {rome(2027, 12, 31, 23), ymd(2028, 12, 31), nullptr},
      {rome(2027, 12, 31, 23), ymd(2029, 1, 1), "mandate-end-too-far"},
      {rome(2027, 3, 15), ymd(2027, 2, 30), "mandate-end-past"},      // not a date
  };
  for (const Case& c : cases) {
    const Status checked = check_mandate_end(c.ends_on, c.now);
    if (!c.error) {
      EXPECT_TRUE(checked.ok()) << format_date(c.ends_on) << ": " << checked.error().code;
    } else {
      ASSERT_FALSE(checked.ok()) << format_date(c.ends_on);
      EXPECT_EQ(checked.error().code, c.error);
      EXPECT_EQ(checked.error().field, "ends_on");
    }
  }
}

TEST(MandateState, ExpiresAtRomeMidnightAfterItsLastDayNotAtUtcMidnight) {
  Mandate m;
  m.ends_on = ymd(2027, 6, 30);
  EXPECT_EQ(m.state_at(rome(2027, 6, 30, 23)), MandateState::active);  // 21:xx UTC: still the 30th in Rome
  EXPECT_EQ(m.state_at(from_rome(local_days{ymd(2027, 7, 1)} + minutes{1})), MandateState::expired);  // 22:01 UTC on the 30th
  m.ends_on = ymd(2027, 12, 31);
  EXPECT_EQ(m.state_at(from_rome(local_days{ymd(2027, 12, 31)} + hours{23} + minutes{59})), MandateState::active);
  EXPECT_EQ(m.state_at(from_rome(local_days{ymd(2028, 1, 1)})), MandateState::expired);
}

TEST(MandateState, RevokeEndsAnActiveMandateOnceAndNotAnExpiredOne) {
  Mandate m;
  m.ends_on = ymd(2027, 6, 30);
  ASSERT_TRUE(m.revoke("citizen:7", rome(2027, 5, 1)).ok());
  EXPECT_EQ(m.state, MandateState::revoked);
  EXPECT_EQ(m.ended_by, "citizen:7");
  EXPECT_EQ(m.ended_at, rome(2027, 5, 1));
  EXPECT_EQ(m.revoke("citizen:7", rome(2027, 5, 2)).error().code, "mandate-not-active");
  EXPECT_EQ(m.state_at(rome(2027, 8, 1)), MandateState::revoked);  // a revoked mandate never turns expired

  Mandate old;
  old.ends_on = ymd(2027, 6, 30);
  EXPECT_EQ(old.revoke("citizen:7", rome(2027, 7, 1)).error().code, "mandate-not-active");
  EXPECT_EQ(old.state, MandateState::active);
}

TEST(MandateState, TheSweepStoresExpiredOnlyPastTheLastDay) {
  Mandate m;
  m.ends_on = ymd(2027, 6, 30);
  EXPECT_FALSE(m.expire(rome(2027, 6, 30, 23)).ok());
  ASSERT_TRUE(m.expire(rome(2027, 7, 1)).ok());
  EXPECT_EQ(m.state, MandateState::expired);
  EXPECT_EQ(m.ended_by, "system");
  EXPECT_FALSE(m.expire(rome(2027, 7, 2)).ok());
}

TEST(MandateNames, StatesAndOriginsRoundTrip) {
  for (MandateState s : {MandateState::active, MandateState::revoked, MandateState::expired})
    EXPECT_EQ(parse_mandate_state(to_string(s)), s);
  for (MandateOrigin o : {MandateOrigin::online, MandateOrigin::recorded}) EXPECT_EQ(parse_mandate_origin(to_string(o)), o);
  EXPECT_FALSE(parse_mandate_state("Active"));
  EXPECT_FALSE(parse_mandate_origin(""));
}

}  // namespace
}  // namespace sportello
