#include "core/civil_time.h"

#include <cstdio>

namespace sportello {
namespace {

using namespace std::chrono;

sys_seconds last_sunday_at_one_utc(year y, month m) {
  const sys_days last_day = sys_days{y / m / last};
  const weekday wd{last_day};
  const sys_days sunday = last_day - days{wd.c_encoding()};  // c_encoding: Sunday = 0
  return sunday + hours{1};
}

bool is_summer_time(sys_seconds at) {
  const year y = year_month_day{floor<days>(at)}.year();
  return at >= last_sunday_at_one_utc(y, March) && at < last_sunday_at_one_utc(y, October);
}

}  // namespace

seconds rome_utc_offset(Instant at) { return is_summer_time(at) ? hours{2} : hours{1}; }

LocalTime to_rome(Instant at) {
  return LocalTime{at.time_since_epoch() + rome_utc_offset(at)};
}

Instant from_rome(LocalTime local) {
  // Summer time first: in the autumn overlap the first occurrence is the summer-time one.
  const Instant as_summer{local.time_since_epoch() - hours{2}};
  if (to_rome(as_summer) == local) return as_summer;
  const Instant as_winter{local.time_since_epoch() - hours{1}};
  if (to_rome(as_winter) == local) return as_winter;
  // In the spring gap: the wall clock jumped from 02:00 to 03:00; keep the distance past 02:00.
  return as_winter;
}

Date rome_date(Instant at) { return Date{floor<days>(to_rome(at))}; }

Date add_calendar_months(Date date, int months_to_add) {
  year_month_day moved = date + months{months_to_add};
  if (!moved.ok()) moved = moved.year() / moved.month() / last;
  return moved;
}

Instant add_calendar_months(Instant at, int months_to_add) {
  const LocalTime local = to_rome(at);
  const local_days day = floor<days>(local);
  const auto time_of_day = local - day;
  const Date moved = add_calendar_months(Date{day}, months_to_add);
  return from_rome(local_days{moved} + time_of_day);
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  y = std::stoi(std::string(text.substr(0, 4)));
  m = std::stoi(std::string(text.substr(5, 2)));
  d = std::stoi(std::string(text.substr(8, 2)));
  const Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()));
  return buf;
}

std::string format_date_it(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", unsigned(date.day()), unsigned(date.month()), int(date.year()));
  return buf;
}

std::string format_rome_time(Instant at) {
  const LocalTime local = to_rome(at);
  const hh_mm_ss hms{local - floor<days>(local)};
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(hms.hours().count()), int(hms.minutes().count()));
  return buf;
}

std::string format_rome_datetime(Instant at) {
  return format_date(rome_date(at)) + " " + format_rome_time(at);
}

std::string format_utc_iso(Instant at) {
  const sys_days day = floor<days>(at);
  const hh_mm_ss hms{at - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(Date{day}).c_str(), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

int years_between(Date born, Date on) {
  int years = int(on.year()) - int(born.year());
  if (on.month() < born.month() || (on.month() == born.month() && on.day() < born.day())) --years;
  return years;
}

}  // namespace sportello
