#pragma once
// The Belfiore registry: every Italian comune and foreign state that can appear in a codice fiscale
// (SPEC §2), each code with the dates it was valid. A comune renamed or moved to another province has
// several records with the same code; an abolished comune keeps its records with their end date.
//
// Guarantees: a place is found only on a date inside one of its records' validity (both ends inclusive);
// the registry is immutable once loaded, so one instance can be shared by any number of threads without
// locking (thread-safe). Loading reads data/comuni_belfiore.csv and data/stati_esteri_belfiore.csv
// (see data/SOURCE.md) in a few milliseconds.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/civil_time.h"
#include "core/result.h"

namespace sportello {

struct BirthPlace {
  std::string code;      // Belfiore code: a letter and three digits, "Z…" for foreign states
  std::string name;      // official Italian name as the source writes it ("SAN GIULIANO TERME", "Francia")
  std::string province;  // two-letter province of the comune at the time; "EE" for foreign states
  bool foreign = false;
  Date valid_from;       // first day the record was valid
  Date valid_to;         // last day the record was valid; 9999-12-31 while still valid

  bool valid_on(Date on) const { return valid_from <= on && on <= valid_to; }
  friend bool operator==(const BirthPlace&, const BirthPlace&) = default;
};

class BelfioreRegistry {
 public:
  static constexpr const char* kComuniFile = "comuni_belfiore.csv";
  static constexpr const char* kForeignStatesFile = "stati_esteri_belfiore.csv";

  // Reads both files from `data_dir`. On a missing, unreadable or malformed file returns an `unavailable`
  // error whose message names the file (and the line, for a malformed row).
  static Result<BelfioreRegistry> load(const std::filesystem::path& data_dir);

  // The place with this code (either case) that was valid on `on`; empty when the code is unknown or its
  // comune/state did not exist that day. Where the source has two records valid on the same day for one
  // code, the one listed first in the source is returned.
  std::optional<BirthPlace> find(std::string_view code, Date on) const;

  // The Italian comuni whose one record was valid on every day from `from` to `to`, ordered by code (demo
  // populations draw birth places from them).
  std::vector<BirthPlace> comuni_valid_throughout(Date from, Date to) const;

  // Every record of a code, oldest first; empty when the code is unknown.
  std::vector<BirthPlace> history(std::string_view code) const;

  // Places valid on `on` whose name matches `name` ignoring case, accents and punctuation ("Forli" finds
  // FORLÌ, "sant elena" finds Sant'Elena). `province` (either case) narrows the search when not empty:
  // the province the place had on `on` or the one its code has today (born in Monza in 1980 is MI then, MB
  // now; people write the province they know); "EE" asks for foreign states only. Ordered by code.
  std::vector<BirthPlace> find_by_name(std::string_view name, std::string_view province, Date on) const;

  // The places valid on `on` whose names come nearest to a name that matched none, best first, at most
  // `max` (one per code): the same letters without spaces ("San Remo" → SANREMO), the typed words inside a
  // longer name ("Reggio Emilia" → REGGIO NELL'EMILIA), or a few letters apart ("Afganistan" →
  // Afghanistan; up to one edit in four letters). Empty when nothing is near. Scans the distinct names
  // once with a bounded edit distance (most are skipped by their length alone): one to two milliseconds per
  // call on a loaded 2-core machine (tests/unit/core/belfiore_near_misses_test.cpp), meant for a form's
  // submit, not a keystroke.
  std::vector<BirthPlace> near_misses(std::string_view typed, Date on, std::size_t max = 3) const;

  // Number of records (one per ANPR record of a comune, one per foreign state).
  std::size_t size() const { return places_.size(); }

 private:
  BelfioreRegistry() = default;
  static Result<std::vector<BirthPlace>> read_file(const std::filesystem::path& path, bool foreign);
  void index();
  const std::string& current_province(std::size_t index) const;

  std::vector<BirthPlace> places_;                               // by code, then valid_from
  std::vector<std::pair<std::string, std::uint32_t>> by_name_;  // (name key, index in places_), sorted
};

}  // namespace sportello
