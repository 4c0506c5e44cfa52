#pragma once
// Conversions between domain values and what SOCI binds: optional instants as (seconds, indicator),
// booleans as 0/1. Only store/ includes this.
#include <soci/soci.h>

#include <optional>

#include "core/clock.h"

namespace sportello {

// A nullable BIGINT column bound for writing.
struct NullableInstant {
  long long seconds = 0;
  soci::indicator ind = soci::i_null;
  explicit NullableInstant(const std::optional<Instant>& at)
      : seconds(at ? to_unix(*at) : 0), ind(at ? soci::i_ok : soci::i_null) {}
};

// Integer columns come back as int or long long depending on the backend; read either.
inline long long read_integer(const soci::row& row, const std::string& column) {
  const soci::column_properties& props = row.get_properties(column);
  switch (props.get_data_type()) {
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return row.get<long long>(column);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_double: return static_cast<long long>(row.get<double>(column));
    default: return std::stoll(row.get<std::string>(column));
  }
}

inline std::optional<Instant> read_optional_instant(const soci::row& row, const std::string& column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return from_unix(read_integer(row, column));
}

inline Instant read_instant_column(const soci::row& row, const std::string& column) {
  return from_unix(read_integer(row, column));
}

}  // namespace sportello
