#include "core/belfiore.h"

#include <algorithm>
#include <exception>
#include <fstream>

#include "core/latin_fold.h"

namespace sportello {
namespace {

constexpr std::size_t kMissing = static_cast<std::size_t>(-1);

struct Columns {
  std::size_t code = kMissing, from = kMissing, to = kMissing, name = kMissing, province = kMissing;
};

Error data_error(const std::filesystem::path& path, std::size_t line, const std::string& what) {
  std::string message = "Belfiore data file " + path.string();
  if (line > 0) message += ":" + std::to_string(line);
  return Error{ErrorKind::unavailable, "belfiore-data", message + ": " + what, {}, {}};
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string content(static_cast<std::size_t>(size), '\0');
  in.seekg(0, std::ios::beg);
  if (!in.read(content.data(), size)) return std::nullopt;
  return content;
}

// Splits one CSV record (RFC 4180 without line breaks inside quotes) into fields. False on a bad quote.
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    std::string& field = fields.emplace_back();
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) return false;
        if (line[i] == '"' && (i + 1 >= line.size() || line[i + 1] != '"')) break;
        if (line[i] == '"') ++i;  // "" stands for one quote
        field += line[i];
      }
      if (++i < line.size() && line[i] != ',') return false;
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      field.assign(line.substr(i, comma - i));
      i = comma;
    }
    if (i >= line.size()) return true;
    ++i;
  }
}

Columns find_columns(const std::vector<std::string>& header) {
  Columns columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (name == "CODCATASTALE") columns.code = i;
    else if (name == "DATAISTITUZIONE") columns.from = i;
    else if (name == "DATACESSAZIONE") columns.to = i;
    else if (name == "DENOMINAZIONE_IT") columns.name = i;
    else if (name == "SIGLAPROVINCIA") columns.province = i;
  }
  return columns;
}

bool is_belfiore_code(std::string_view code) {
  return code.size() == 4 && code[0] >= 'A' && code[0] <= 'Z' &&
         std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Why a row cannot be a place, or empty when it can; fills `place`.
std::string to_place(const std::vector<std::string>& row, const Columns& columns, bool foreign,
                     BirthPlace& place) {
  const std::size_t needed = std::max({columns.code, columns.from, columns.to, columns.name,
                                       foreign ? 0 : columns.province});
  if (row.size() <= needed) return "too few fields";
  place.code = row[columns.code];
  if (!is_belfiore_code(place.code)) return "bad Belfiore code '" + place.code + "'";
  if ((place.code[0] == 'Z') != foreign)
    return "code " + place.code + (foreign ? " is not a foreign state's (Z…)" : " is a foreign state's");
  const auto from = parse_date(row[columns.from]);
  const auto to = parse_date(row[columns.to]);
  if (!from || !to || *to < *from) return "bad validity dates for " + place.code;
  place.valid_from = *from;
  place.valid_to = *to;
  place.name = row[columns.name];
  if (place.name.empty()) return "no name for " + place.code;
  place.province = foreign ? "EE" : row[columns.province];
  if (place.province.size() != 2) return "bad province for " + place.code;
  place.foreign = foreign;
  return {};
}

// Upper-case ASCII letters and digits of a name, every other run of characters made one space.
std::string name_key(std::string_view name) {
  const std::string folded = fold_latin_upper(name);
  std::string key;
  key.reserve(folded.size());
  bool gap = false;
  for (const char c : folded) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      if (gap && !key.empty()) key += ' ';
      key += c;
      gap = false;
    } else {
      gap = true;
    }
  }
  return key;
}

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string without_spaces(std::string_view key) {
  std::string out;
  for (const char c : key)
    if (c != ' ') out += c;
  return out;
}

// Whether every word of `typed` is a whole word of `key`, in the same order ("REGGIO EMILIA" in
// "REGGIO NELL EMILIA").
bool words_inside(std::string_view typed, std::string_view key) {
  const std::string padded = " " + std::string(key) + " ";
  std::size_t from = 0;
  while (!typed.empty()) {
    const std::size_t space = typed.find(' ');
    const std::string word = " " + std::string(typed.substr(0, space)) + " ";
    from = padded.find(word, from);
    if (from == std::string::npos) return false;
    from += word.size() - 1;
    typed.remove_prefix(space == std::string_view::npos ? typed.size() : space + 1);
  }
  return true;
}

// Edits (insertion, deletion, substitution, swap of neighbours) from a to b, or budget + 1 once it is clear
// that more than `budget` are needed.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t budget) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > budget) return budget + 1;
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_best = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > budget) return budget + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// How near a registry name's key is to the typed key: 0 the same letters, 1 the typed words inside it,
// 1 + edits when a few letters apart; empty when not near.
std::optional<std::size_t> nearness(const std::string& typed, const std::string& typed_compact,
                                    const std::string& key) {
  const std::string compact = without_spaces(key);
  if (compact == typed_compact) return 0;
  if (words_inside(typed, key)) return 1;
  const std::size_t budget = std::max<std::size_t>(1, typed_compact.size() / 4);
  const std::size_t edits = bounded_distance(typed_compact, compact, budget);
  if (edits > budget) return std::nullopt;
  return 1 + edits;
}

// The records of one code in a vector sorted by code: an empty range when the code is unknown.
using PlaceIt = std::vector<BirthPlace>::const_iterator;
std::pair<PlaceIt, PlaceIt> records_of(const std::vector<BirthPlace>& places, std::string_view code) {
  if (code.size() != 4) return {places.end(), places.end()};
  const std::string wanted = upper_ascii(code);
  auto first = std::lower_bound(places.begin(), places.end(), wanted,
                                [](const BirthPlace& p, const std::string& c) { return p.code < c; });
  auto last = first;
  while (last != places.end() && last->code == wanted) ++last;
  return {first, last};
}

}  // namespace

Result<std::vector<BirthPlace>> BelfioreRegistry::read_file(const std::filesystem::path& path, bool foreign) {
  const std::optional<std::string> content = read_whole_file(path);
  if (!content) return data_error(path, 0, "missing or unreadable");
  std::string_view rest(*content);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // UTF-8 byte order mark

  std::vector<BirthPlace> places;
  std::vector<std::string> fields;
  Columns columns;
  for (std::size_t line_number = 1; !rest.empty(); ++line_number) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!split_csv(line, fields)) return data_error(path, line_number, "unbalanced quotes");
    if (line_number == 1) {
      columns = find_columns(fields);
      if (columns.code == kMissing || columns.from == kMissing || columns.to == kMissing ||
          columns.name == kMissing || (!foreign && columns.province == kMissing))
        return data_error(path, 1, "header lacks a required column");
      continue;
    }
    BirthPlace& place = places.emplace_back();
    if (const std::string why = to_place(fields, columns, foreign, place); !why.empty())
      return data_error(path, line_number, why);
  }
  if (places.empty()) return data_error(path, 0, "no places");
  return places;
}

Result<BelfioreRegistry> BelfioreRegistry::load(const std::filesystem::path& data_dir) {
  try {
    BelfioreRegistry registry;
    auto comuni = read_file(data_dir / kComuniFile, false);
    if (!comuni) return comuni.error();
    auto states = read_file(data_dir / kForeignStatesFile, true);
    if (!states) return states.error();
    registry.places_ = std::move(comuni).value();
    registry.places_.insert(registry.places_.end(), std::make_move_iterator(states->begin()),
                            std::make_move_iterator(states->end()));
    registry.index();
    return registry;
  } catch (const std::exception& e) {  // allocation failure or a filesystem error: nothing is loaded
    return Error{ErrorKind::unavailable, "belfiore-data",
                 "Belfiore data in " + data_dir.string() + " could not be loaded: " + e.what(), {}, {}};
  }
}

void BelfioreRegistry::index() {
  std::stable_sort(places_.begin(), places_.end(), [](const BirthPlace& a, const BirthPlace& b) {
    return a.code != b.code ? a.code < b.code : a.valid_from < b.valid_from;
  });
  by_name_.clear();
  by_name_.reserve(places_.size());
  for (std::size_t i = 0; i < places_.size(); ++i)
    by_name_.emplace_back(name_key(places_[i].name), static_cast<std::uint32_t>(i));
  std::sort(by_name_.begin(), by_name_.end());
}

std::vector<BirthPlace> BelfioreRegistry::history(std::string_view code) const {
  const auto [first, last] = records_of(places_, code);
  return {first, last};
}

std::vector<BirthPlace> BelfioreRegistry::comuni_valid_throughout(Date from, Date to) const {
  std::vector<BirthPlace> out;
  for (const BirthPlace& p : places_)
    if (!p.foreign && p.valid_on(from) && p.valid_on(to)) out.push_back(p);
  return out;
}

std::optional<BirthPlace> BelfioreRegistry::find(std::string_view code, Date on) const {
  const auto [first, last] = records_of(places_, code);
  const auto it = std::find_if(first, last, [on](const BirthPlace& p) { return p.valid_on(on); });
  if (it == last) return std::nullopt;
  return *it;
}

// The province of the newest record of the code at `index` (places_ is sorted by code, then valid_from).
const std::string& BelfioreRegistry::current_province(std::size_t index) const {
  std::size_t last = index;
  while (last + 1 < places_.size() && places_[last + 1].code == places_[index].code) ++last;
  return places_[last].province;
}

std::vector<BirthPlace> BelfioreRegistry::find_by_name(std::string_view name, std::string_view province,
                                                       Date on) const {
  const std::string key = name_key(name);
  const std::string wanted_province = upper_ascii(province);
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), key,
                             [](const auto& entry, const std::string& k) { return entry.first < k; });
  std::vector<BirthPlace> found;
  for (; it != by_name_.end() && it->first == key; ++it) {
    const BirthPlace& place = places_[it->second];
    if (place.valid_on(on) && (wanted_province.empty() || place.province == wanted_province ||
                               current_province(it->second) == wanted_province))
      found.push_back(place);
  }
  return found;
}

std::vector<BirthPlace> BelfioreRegistry::near_misses(std::string_view typed, Date on, std::size_t max) const {
  const std::string key = name_key(typed);
  const std::string compact = without_spaces(key);
  if (compact.size() < 3 || max == 0) return {};
  std::vector<std::pair<std::size_t, std::uint32_t>> scored;  // (nearness, index in places_)
  for (auto it = by_name_.begin(); it != by_name_.end();) {
    auto end = it;
    while (end != by_name_.end() && end->first == it->first) ++end;
    if (const auto score = nearness(key, compact, it->first))
      for (; it != end; ++it)
        if (places_[it->second].valid_on(on)) scored.emplace_back(*score, it->second);
    it = end;
  }
  // Equally near, a name as long as the typed one first: slips of the hand swap or replace letters more
  // often than they add or drop them.
  const auto length_gap = [&](std::uint32_t index) {
    const std::size_t n = without_spaces(name_key(places_[index].name)).size();
    return n > compact.size() ? n - compact.size() : compact.size() - n;
  };
  std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (length_gap(a.second) != length_gap(b.second)) return length_gap(a.second) < length_gap(b.second);
    return places_[a.second].name < places_[b.second].name;
  });
  std::vector<BirthPlace> found;
  for (const auto& [score, index] : scored) {
    if (found.size() == max) break;
    const BirthPlace& place = places_[index];
    if (std::none_of(found.begin(), found.end(), [&](const BirthPlace& p) { return p.code == place.code; }))
      found.push_back(place);
  }
  return found;
}

}  // namespace sportello
