#pragma once
// Calendar reckoning in the Europe/Rome time zone (SPEC §10): instants are UTC, but "3 months", a letter's
// date and "blocked until 14:32" are computed and shown in Italian local time, so a daylight-saving change
// moves no deadline by an hour. Pure functions; thread-safe.
//
// libstdc++ 12 has no time-zone database (std::chrono::zoned_time arrived in GCC 14), so the zone's rule is
// written here: CET (UTC+1), CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC — the EU rule in force since 1996 and the only one sportello's instants need.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace sportello {

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

// Whole years between two dates (age on `on` of someone born on `born`).
int years_between(Date born, Date on);

}  // namespace sportello
