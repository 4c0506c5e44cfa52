#include "core/civil_time.h"

#include <date/tz.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace sportello {
namespace {

using namespace std::chrono;

const date::time_zone& rome_zone() {
  static const date::time_zone* const zone = [] {
    try {
      return date::locate_zone("Europe/Rome");
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("the time-zone database has no Europe/Rome (") + e.what() +
                               "): install Debian's tzdata package");
    }
  }();
  return *zone;
}

// tzdata's compiled files list each change up to 2037 and leave later years to a rule in their footer, which
// date 3.0 does not read (it would keep the last winter offset for ever). Past the last listed year, an
// instant is read in the year a multiple of 28 years earlier: the same weekdays and leap day (exact until
// 2099), so the rule of the last listed years goes on (decision 0014).
struct Horizon {
  int last_year;
};

const Horizon& horizon() {
  static const Horizon h = [] {
    const auto last_change = rome_zone().get_info(sys_days{year{9999} / January / 1}).begin;
    return Horizon{int(year_month_day{floor<days>(last_change)}.year())};
  }();
  return h;
}

// How far back to read a moment of year `y`: zero within the listed years.
days shift_for_year(year y) {
  const int last = horizon().last_year;
  if (int(y) <= last) return days{0};
  const int cycles = (int(y) - last + 27) / 28;
  return sys_days{y / January / 1} - sys_days{(y - years{28 * cycles}) / January / 1};
}

}  // namespace

Status require_time_zone_data() {
  try {
    (void)horizon();
    return {};
  } catch (const std::exception& e) {
    return Error{ErrorKind::unavailable, "time-zone-data", e.what(), {}, {}};
  }
}

seconds rome_utc_offset(Instant at) {
  const days shift = shift_for_year(year_month_day{floor<days>(at)}.year());
  return rome_zone().get_info(at - shift).offset;
}

LocalTime to_rome(Instant at) {
  return LocalTime{at.time_since_epoch() + rome_utc_offset(at)};
}

Instant from_rome(LocalTime local) {
  const days shift = shift_for_year(year_month_day{floor<days>(local)}.year());
  const date::local_seconds shifted{local.time_since_epoch() - shift};
  // Unique: its offset. In the autumn overlap, the first occurrence (summer time, `first`). In the spring
  // gap the clock jumped from 02:00 to 03:00: the offset before the jump keeps the distance past 02:00
  // (02:30 is 03:30 summer time).
  const date::local_info info = rome_zone().get_info(shifted);
  return Instant{local.time_since_epoch() - info.first.offset};
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

std::optional<Instant> parse_utc_iso(std::string_view text) {
  // Checked by shape first: date::parse is lenient about widths, and SAML's form is fixed.
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  static constexpr std::size_t kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  if (text.size() < 20 || text.back() != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  for (std::size_t i : kDigits)
    if (!digit(i)) return std::nullopt;
  if (text.size() > 20) {
    if (text[19] != '.' || text.size() == 21) return std::nullopt;
    for (std::size_t i = 20; i + 1 < text.size(); ++i)
      if (!digit(i)) return std::nullopt;
  }
  std::istringstream in(std::string(text.substr(0, 19)));
  date::sys_seconds at;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", at);
  if (in.fail()) return std::nullopt;  // out of range: month 13, day 32, hour 24 ...
  return at;
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
