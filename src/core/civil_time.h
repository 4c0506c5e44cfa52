#pragma once
// Calendar reckoning in the Europe/Rome time zone (SPEC §10): instants are UTC, but "3 months", a letter's
// date and "blocked until 14:32" are computed and shown in Italian local time, so a daylight-saving change
// moves no deadline by an hour. Pure functions; thread-safe.
//
// The zone's rules come from the system's tzdata (/usr/share/zoneinfo) through Howard Hinnant's date library
// (libstdc++ 12 has no std::chrono::zoned_time), so a change of the rule is an update of tzdata, not of
// sportello; Italy's history (summer time ending in September until 1995) comes with it. Decision 0014 says
// how instants after the last change the compiled files list (2037) are read.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace sportello {

// Loads Europe/Rome from tzdata; an `unavailable` error saying what to install when it is missing. App::open
// calls it, so a machine without tzdata fails at start and not in a request (where the functions below
// would throw std::runtime_error).
Status require_time_zone_data();

using Date = std::chrono::year_month_day;
using LocalTime = std::chrono::local_seconds;

// UTC offset of Europe/Rome at an instant: 1h or 2h.
std::chrono::seconds rome_utc_offset(Instant at);

LocalTime to_rome(Instant at);
// A local time back to UTC. A time skipped by the spring change maps to the same wall-clock distance after
// the gap; a time repeated in autumn maps to its first occurrence.
Instant from_rome(LocalTime local);

// The Rome calendar date of an instant.
Date rome_date(Instant at);

// Adds calendar months in Rome local time, keeping the wall-clock time; a day past the month's end is
// clamped to its last day (31 January + 1 month = 28/29 February; + 3 months = 30 April).
Instant add_calendar_months(Instant at, int months);
Date add_calendar_months(Date date, int months);

// "YYYY-MM-DD"; empty optional when malformed or not a real date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);               // "YYYY-MM-DD"
std::string format_date_it(Date date);            // "DD/MM/YYYY"
std::string format_rome_time(Instant at);         // "HH:MM" in Rome
std::string format_rome_datetime(Instant at);     // "YYYY-MM-DD HH:MM" in Rome
std::string format_utc_iso(Instant at);           // "YYYY-MM-DDTHH:MM:SSZ"
// An xs:dateTime in UTC as SAML carries it: "YYYY-MM-DDTHH:MM:SS[.fraction]Z", nothing before or after; the
// fraction is dropped (times are compared to the second). nullopt for anything else, offsets included.
std::optional<Instant> parse_utc_iso(std::string_view text);

// Whole years between two dates (age on `on` of someone born on `born`).
int years_between(Date born, Date on);

}  // namespace sportello
