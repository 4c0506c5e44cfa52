#include "core/civil_time.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using namespace std::chrono;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return Instant{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min} + seconds{s};
}

LocalTime rome(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return LocalTime{local_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min} + seconds{s};
}

TEST(CivilTime, RomeIsOneHourAheadInWinterAndTwoInSummerSwitchingAtOneUtc) {
  struct Case {
    const char* name;
    Instant at;
    hours offset;
  };
  const Case cases[] = {
      {"mid-winter", utc(2026, 1, 15, 12), hours{1}},
      {"mid-summer", utc(2026, 7, 15, 12), hours{2}},
      {"new year's eve, last second", utc(2026, 12, 31, 23, 59, 59), hours{1}},
      {"spring 2026: one second before the switch", utc(2026, 3, 29, 0, 59, 59), hours{1}},
      {"spring 2026: the switch instant", utc(2026, 3, 29, 1), hours{2}},
      {"spring 2026: the Sunday before", utc(2026, 3, 22, 12), hours{1}},
      {"autumn 2026: one second before the switch", utc(2026, 10, 25, 0, 59, 59), hours{2}},
      {"autumn 2026: the switch instant", utc(2026, 10, 25, 1), hours{1}},
      {"autumn 2026: the Saturday before", utc(2026, 10, 24, 12), hours{2}},
      // Years whose last Sunday is the month's last day (c_encoding 0 must not step back a week).
      {"spring 2024 (31 March is Sunday): before", utc(2024, 3, 31, 0, 59, 59), hours{1}},
      {"spring 2024 (31 March is Sunday): at", utc(2024, 3, 31, 1), hours{2}},
      {"spring 2024: the Sunday a week earlier", utc(2024, 3, 24, 12), hours{1}},
      {"autumn 2027 (31 October is Sunday): before", utc(2027, 10, 31, 0, 59, 59), hours{2}},
      {"autumn 2027 (31 October is Sunday): at", utc(2027, 10, 31, 1), hours{1}},
      {"autumn 2027: the Sunday a week earlier", utc(2027, 10, 24, 12), hours{2}},
  };
  for (const auto& c : cases) EXPECT_EQ(rome_utc_offset(c.at), c.offset) << c.name;
}

// The instant of a change under the EU rule (1996 onwards): the last Sunday of the month, 01:00 UTC. An
// oracle independent of tzdata, for every change over a century of years.
Instant eu_change(int y, unsigned m) {
  const sys_days last_day{year{y} / month{m} / last};
  return Instant{last_day - days{weekday{last_day}.c_encoding()}} + hours{1};
}

TEST(CivilTime, EveryChangeFrom1996To2099FallsOnTheLastSundayAtOneUtc) {
  // tzdata's files list changes up to 2037; later years follow the same rule (decision 0014).
  for (int y = 1996; y <= 2099; ++y) {
    const Instant spring = eu_change(y, 3), autumn = eu_change(y, 10);
    EXPECT_EQ(rome_utc_offset(spring - seconds{1}), hours{1}) << y;
    EXPECT_EQ(rome_utc_offset(spring), hours{2}) << y;
    EXPECT_EQ(rome_utc_offset(autumn - seconds{1}), hours{2}) << y;
    EXPECT_EQ(rome_utc_offset(autumn), hours{1}) << y;
    // The spring gap: 02:30 is 03:30 summer time; the autumn overlap: 02:30 is its first (summer) occurrence.
    const local_days spring_day{year_month_day{floor<days>(spring)}};
    const local_days autumn_day{year_month_day{floor<days>(autumn)}};
    EXPECT_EQ(from_rome(LocalTime{spring_day} + hours{2} + minutes{30}), spring + minutes{30}) << y;
    EXPECT_EQ(from_rome(LocalTime{autumn_day} + hours{2} + minutes{30}), autumn - minutes{30}) << y;
    EXPECT_EQ(to_rome(spring), LocalTime{spring_day} + hours{3}) << y;
    EXPECT_EQ(to_rome(autumn), LocalTime{autumn_day} + hours{2}) << y;
  }
}

TEST(CivilTime, ItalysEarlierRulesComeFromTzdata) {
  // Until 1995 summer time ended on the last Sunday of September; before 1980 the dates moved every year
  // (figures from zdump -v Europe/Rome).
  struct Case {
    const char* name;
    Instant at;
    hours offset;
  };
  const Case cases[] = {
      {"1995: ended 24 September", utc(1995, 9, 24, 0, 59, 59), hours{2}},
      {"1995: winter from 24 September 01:00 UTC", utc(1995, 9, 24, 1), hours{1}},
      {"1995: 1 October is winter (the EU rule would say summer)", utc(1995, 10, 1, 12), hours{1}},
      {"1980: began 6 April 01:00 UTC", utc(1980, 4, 6, 1), hours{2}},
      {"1980: 5 April is winter", utc(1980, 4, 5, 12), hours{1}},
      {"1975: began 31 May 23:00 UTC", utc(1975, 5, 31, 23), hours{2}},
      {"1975: ended 27 September 23:00 UTC", utc(1975, 9, 27, 23), hours{1}},
      {"1966: 1 May is winter", utc(1966, 5, 1, 12), hours{1}},
  };
  for (const auto& c : cases) EXPECT_EQ(rome_utc_offset(c.at), c.offset) << c.name;
  EXPECT_EQ(rome_date(utc(1975, 5, 31, 23)), ymd(1975, 6, 1)) << "01:00 summer time on 1 June";
}

TEST(CivilTime, FromRomeUndoesToRomeEveryHourFor1970To2100) {
  // The only instants that do not come back are the second occurrences of the autumn overlap's hour.
  int overlaps = 0;
  for (Instant at = utc(1970, 1, 1); at < utc(2100, 1, 1); at += hours{1}) {
    const Instant back = from_rome(to_rome(at));
    if (back == at) continue;
    ++overlaps;
    EXPECT_EQ(back, at - hours{1}) << format_utc_iso(at);
    EXPECT_EQ(rome_utc_offset(at), hours{1}) << format_utc_iso(at);
  }
  EXPECT_EQ(overlaps, 2100 - 1970) << "one repeated hour a year (Italy has had summer time since 1966)";
}

TEST(CivilTime, TheTimeZoneDataIsPresent) { EXPECT_TRUE(require_time_zone_data()); }

TEST(CivilTime, ToRomeAddsTheOffsetInForceAtTheInstant) {
  struct Case {
    const char* name;
    Instant at;
    LocalTime local;
  };
  const Case cases[] = {
      {"winter", utc(2026, 1, 15, 9), rome(2026, 1, 15, 10)},
      {"summer", utc(2026, 7, 15, 8), rome(2026, 7, 15, 10)},
      {"spring switch: 01:59:59 then 03:00", utc(2026, 3, 29, 0, 59, 59), rome(2026, 3, 29, 1, 59, 59)},
      {"spring switch instant", utc(2026, 3, 29, 1), rome(2026, 3, 29, 3)},
      {"autumn: first 02:30", utc(2026, 10, 25, 0, 30), rome(2026, 10, 25, 2, 30)},
      {"autumn: second 02:30", utc(2026, 10, 25, 1, 30), rome(2026, 10, 25, 2, 30)},
      {"crosses midnight into the next year", utc(2026, 12, 31, 23, 30), rome(2027, 1, 1, 0, 30)},
  };
  for (const auto& c : cases) EXPECT_EQ(to_rome(c.at), c.local) << c.name;
}

TEST(CivilTime, FromRomeMapsTheSpringGapPastTheJumpAndTheAutumnOverlapToItsFirstOccurrence) {
  struct Case {
    const char* name;
    LocalTime local;
    Instant expected;
  };
  const Case cases[] = {
      {"winter", rome(2026, 1, 15, 10), utc(2026, 1, 15, 9)},
      {"summer", rome(2026, 7, 15, 10), utc(2026, 7, 15, 8)},
      {"last minute before the spring gap", rome(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59)},
      {"spring gap 02:00 = 03:00", rome(2026, 3, 29, 2), utc(2026, 3, 29, 1)},
      {"spring gap 02:30 = 03:30", rome(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30)},
      {"first minute after the spring gap", rome(2026, 3, 29, 3), utc(2026, 3, 29, 1)},
      {"autumn overlap 02:00, first (summer) occurrence", rome(2026, 10, 25, 2), utc(2026, 10, 25, 0)},
      {"autumn overlap 02:30, first (summer) occurrence", rome(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30)},
      {"autumn overlap 02:59:59", rome(2026, 10, 25, 2, 59, 59), utc(2026, 10, 25, 0, 59, 59)},
      {"after the autumn overlap", rome(2026, 10, 25, 3), utc(2026, 10, 25, 2)},
      {"before the autumn overlap", rome(2026, 10, 25, 1, 59), utc(2026, 10, 24, 23, 59)},
  };
  for (const auto& c : cases) EXPECT_EQ(from_rome(c.local), c.expected) << c.name;
}

TEST(CivilTime, FromRomeUndoesToRomeOutsideTheGapAndOverlap) {
  for (Instant at : {utc(2026, 1, 1), utc(2026, 3, 29, 0, 59, 59), utc(2026, 3, 29, 1), utc(2026, 10, 25, 0, 30),
                     utc(2026, 10, 25, 2), utc(2028, 2, 29, 23, 59, 59)})
    EXPECT_EQ(from_rome(to_rome(at)), at) << format_utc_iso(at);
}

TEST(CivilTime, RomeDateIsTheLocalCalendarDay) {
  struct Case {
    Instant at;
    Date expected;
  };
  const Case cases[] = {
      {utc(2026, 1, 31, 22, 59, 59), ymd(2026, 1, 31)},
      {utc(2026, 1, 31, 23), ymd(2026, 2, 1)},
      {utc(2026, 6, 30, 21, 59, 59), ymd(2026, 6, 30)},
      {utc(2026, 6, 30, 22), ymd(2026, 7, 1)},
  };
  for (const auto& c : cases) EXPECT_EQ(rome_date(c.at), c.expected) << format_utc_iso(c.at);
}

TEST(CivilTime, AddingCalendarMonthsToADateClampsToTheMonthsLastDay) {
  struct Case {
    Date from;
    int months;
    Date expected;
  };
  const Case cases[] = {
      {ymd(2026, 1, 31), 3, ymd(2026, 4, 30)},
      {ymd(2026, 1, 31), 1, ymd(2026, 2, 28)},
      {ymd(2028, 1, 31), 1, ymd(2028, 2, 29)},
      {ymd(2026, 11, 30), 3, ymd(2027, 2, 28)},
      {ymd(2027, 11, 30), 3, ymd(2028, 2, 29)},
      {ymd(2026, 12, 15), 1, ymd(2027, 1, 15)},
      {ymd(2026, 3, 31), -1, ymd(2026, 2, 28)},
      {ymd(2026, 5, 31), 12, ymd(2027, 5, 31)},
      {ymd(2028, 2, 29), 12, ymd(2029, 2, 28)},
      {ymd(2026, 1, 15), 0, ymd(2026, 1, 15)},
  };
  for (const auto& c : cases)
    EXPECT_EQ(add_calendar_months(c.from, c.months), c.expected) << format_date(c.from) << " + " << c.months;
}

TEST(CivilTime, AddingCalendarMonthsToAnInstantKeepsTheRomeWallClockTime) {
  struct Case {
    const char* name;
    Instant from;
    int months;
    Instant expected;
  };
  const Case cases[] = {
      // 10:00 Rome in January (09:00 UTC) is 10:00 Rome in April, which is 08:00 UTC, not 09:00.
      {"winter to summer", utc(2026, 1, 15, 9), 3, utc(2026, 4, 15, 8)},
      {"summer to winter", utc(2026, 7, 15, 8), 6, utc(2027, 1, 15, 9)},
      {"31 January + 3 months = 30 April", utc(2026, 1, 31, 9), 3, utc(2026, 4, 30, 8)},
      {"31 January + 1 month = 28 February", utc(2026, 1, 31, 9), 1, utc(2026, 2, 28, 9)},
      {"31 January 2028 + 1 month = 29 February", utc(2028, 1, 31, 9), 1, utc(2028, 2, 29, 9)},
      // 00:30 Rome on 31 January is still 30 January in UTC: the month is counted on the Rome date.
      {"Rome date differs from UTC date", utc(2026, 1, 30, 23, 30), 1, utc(2026, 2, 27, 23, 30)},
      // Landing on 02:30 of the spring-forward night, which does not exist: 03:30 Rome.
      {"lands in the spring gap", utc(2026, 1, 29, 1, 30), 2, utc(2026, 3, 29, 1, 30)},
      // Landing on 02:30 of the autumn night, which happens twice: the first one.
      {"lands in the autumn overlap", utc(2026, 9, 25, 0, 30), 1, utc(2026, 10, 25, 0, 30)},
  };
  for (const auto& c : cases) EXPECT_EQ(add_calendar_months(c.from, c.months), c.expected) << c.name;
}

TEST(CivilTime, ParseDateAcceptsOnlyRealDatesWrittenYyyyMmDd) {
  struct Case {
    const char* text;
    std::optional<Date> expected;
  };
  const Case cases[] = {
      {"2024-02-29", ymd(2024, 2, 29)},
      {"2000-02-29", ymd(2000, 2, 29)},
      {"2026-12-31", ymd(2026, 12, 31)},
      {"1950-01-01", ymd(1950, 1, 1)},
      {"2023-02-29", std::nullopt},
      {"1900-02-29", std::nullopt},
      {"2024-04-31", std::nullopt},
      {"2024-13-01", std::nullopt},
      {"2024-00-10", std::nullopt},
      {"2024-01-00", std::nullopt},
      {"2024-2-1", std::nullopt},
      {"2024-02-1", std::nullopt},
      {"2024-02-010", std::nullopt},
      {"24-02-01", std::nullopt},
      {"2024/02/01", std::nullopt},
      {"01/02/2024", std::nullopt},
      {"abcd-ef-gh", std::nullopt},
      {"2024-O2-01", std::nullopt},
      {"2024-02-0x", std::nullopt},
      {"+024-02-01", std::nullopt},
      {" 2024-02-01", std::nullopt},
      {"2024-02-01 ", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_date(c.text), c.expected) << '"' << c.text << '"';
}

TEST(CivilTime, DatesFormatWithLeadingZeros) {
  struct Case {
    Date d;
    const char* iso;
    const char* italian;
  };
  const Case cases[] = {
      {ymd(2026, 3, 5), "2026-03-05", "05/03/2026"},
      {ymd(2026, 12, 31), "2026-12-31", "31/12/2026"},
      {ymd(1950, 1, 1), "1950-01-01", "01/01/1950"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_date(c.d), c.iso);
    EXPECT_EQ(format_date_it(c.d), c.italian);
    EXPECT_EQ(parse_date(format_date(c.d)), c.d) << "round trip of " << c.iso;
  }
}

TEST(CivilTime, InstantsFormatInRomeTimeOrUtc) {
  struct Case {
    const char* name;
    Instant at;
    const char* rome_time;
    const char* rome_datetime;
    const char* utc_iso;
  };
  const Case cases[] = {
      {"winter", utc(2026, 1, 15, 13, 32), "14:32", "2026-01-15 14:32", "2026-01-15T13:32:00Z"},
      {"summer", utc(2026, 7, 15, 13, 32, 7), "15:32", "2026-07-15 15:32", "2026-07-15T13:32:07Z"},
      {"Rome already next year", utc(2026, 12, 31, 23, 5), "00:05", "2027-01-01 00:05", "2026-12-31T23:05:00Z"},
      {"spring switch", utc(2026, 3, 29, 1), "03:00", "2026-03-29 03:00", "2026-03-29T01:00:00Z"},
      {"seconds are dropped, not rounded", utc(2026, 1, 15, 8, 59, 59), "09:59", "2026-01-15 09:59",
       "2026-01-15T08:59:59Z"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_rome_time(c.at), c.rome_time) << c.name;
    EXPECT_EQ(format_rome_datetime(c.at), c.rome_datetime) << c.name;
    EXPECT_EQ(format_utc_iso(c.at), c.utc_iso) << c.name;
  }
}

TEST(CivilTime, YearsBetweenCountsOnlyCompletedYears) {
  struct Case {
    Date born;
    Date on;
    int years;
  };
  const Case cases[] = {
      {ymd(2000, 5, 10), ymd(2026, 5, 9), 25},
      {ymd(2000, 5, 10), ymd(2026, 5, 10), 26},
      {ymd(2000, 5, 10), ymd(2026, 4, 30), 25},
      {ymd(2000, 5, 10), ymd(2026, 6, 1), 26},
      {ymd(2000, 2, 29), ymd(2026, 2, 28), 25},
      {ymd(2000, 2, 29), ymd(2026, 3, 1), 26},
      {ymd(2008, 12, 31), ymd(2026, 12, 31), 18},
      {ymd(2008, 12, 31), ymd(2026, 12, 30), 17},
      {ymd(2026, 1, 1), ymd(2026, 1, 1), 0},
  };
  for (const auto& c : cases)
    EXPECT_EQ(years_between(c.born, c.on), c.years) << format_date(c.born) << " .. " << format_date(c.on);
}

TEST(CivilTime, SamlDateTimesAreReadInUtcToTheSecond) {
  const Instant at = *parse_utc_iso("2026-12-05T23:45:19Z");
  EXPECT_EQ(format_utc_iso(at), "2026-12-05T23:45:19Z");
  EXPECT_EQ(parse_utc_iso("2026-12-05T23:45:19.123Z"), at) << "milliseconds, as some IdPs send";
  EXPECT_EQ(parse_utc_iso("2026-12-05T23:45:19.123456789Z"), at);
  for (const char* wrong : {"", "2026-12-05T23:45:19", "2026-12-05T23:45:19+01:00", "2026-12-05 23:45:19Z",
                            "2026-12-05T23:45:19.Z", "2026-13-05T23:45:19Z", "2026-02-30T10:00:00Z",
                            "2026-12-05T24:00:00Z", "26-12-05T23:45:19Z", "2026-12-05T23:45:19ZZ", "x2026-12-05T23:45:19Z",
                            "2026-12-05T23:45:1aZ"})
    EXPECT_FALSE(parse_utc_iso(wrong)) << wrong;
}

}  // namespace
}  // namespace sportello
