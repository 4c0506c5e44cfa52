#include "app/demo_population.h"

#include <array>
#include <cctype>
#include <numeric>
#include <string_view>

#include "core/codice_fiscale.h"

namespace sportello {
namespace {

constexpr Date kFirstBirthDate{std::chrono::year{1930}, std::chrono::January, std::chrono::day{1}};
constexpr Date kLastBirthDate{std::chrono::year{2006}, std::chrono::December, std::chrono::day{31}};

constexpr std::array<std::string_view, 40> kSurnames{
    "Rossi",    "Russo",   "Ferrari", "Esposito", "Bianchi",  "Romano",   "Colombo",  "Ricci",  "Marino",  "Greco",
    "Bruno",    "Gallo",   "Conti",   "De Luca",  "Mancini",  "Costa",    "Giordano", "Rizzo",  "Lombardi", "Moretti",
    "Barbieri", "Fontana", "Santoro", "Mariani",  "Rinaldi",  "Caruso",   "Ferrara",  "Galli",  "Martini", "Leone",
    "Longo",    "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra",   "Coppola",  "De Santis", "D'Angelo", "Marchetti"};
constexpr std::array<std::string_view, 30> kMaleNames{
    "Giuseppe", "Giovanni", "Antonio", "Mario",   "Luigi",   "Francesco", "Angelo",  "Vincenzo", "Pietro", "Salvatore",
    "Carlo",    "Franco",   "Domenico", "Bruno",  "Paolo",   "Michele",   "Giorgio", "Aldo",     "Sergio", "Luciano",
    "Marco",    "Andrea",   "Alessandro", "Luca", "Stefano", "Roberto",   "Matteo",  "Lorenzo",  "Davide", "Simone"};
constexpr std::array<std::string_view, 30> kFemaleNames{
    "Maria",   "Anna",    "Giuseppina", "Rosa",   "Angela", "Giovanna", "Teresa", "Lucia",  "Carmela", "Caterina",
    "Francesca", "Antonietta", "Carla", "Elena",  "Concetta", "Rita",   "Margherita", "Franca", "Paola", "Laura",
    "Giulia",  "Chiara",  "Sara",      "Martina", "Valentina", "Silvia", "Federica", "Alessia", "Elisa", "Sofia"};
constexpr std::array<std::string_view, 10> kStreets{
    "Via Roma", "Via Garibaldi", "Via Giuseppe Mazzini", "Corso Italia", "Via Cavour", "Via Dante Alighieri",
    "Piazza della Repubblica", "Via Vittorio Emanuele II", "Via Matteotti", "Viale della Libertà"};

// A well-mixed 64-bit value of the index (splitmix64's finaliser), for the choices that need not be unique.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// "D'Angelo" -> "dangelo": what an e-mail address keeps of a name.
std::string mail_part(std::string_view name) {
  std::string out;
  for (const char c : name)
    if (std::isalpha(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "SAN GIULIANO TERME" -> "San Giuliano Terme".
std::string title_case(std::string_view upper) {
  std::string out(upper);
  bool start = true;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalpha(u)) {
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = false;
    } else if (u < 0x80) {
      start = true;
    }
  }
  return out;
}

}  // namespace

DemoPopulation::DemoPopulation(const BelfioreRegistry& places)
    : places_(places), comuni_(places.comuni_valid_throughout(kFirstBirthDate, kLastBirthDate)) {
  using std::chrono::sys_days;
  days_ = static_cast<std::uint64_t>((sys_days(kLastBirthDate) - sys_days(kFirstBirthDate)).count() + 1);
  combinations_ = static_cast<std::uint64_t>(comuni_.size()) * days_ * 2;
  if (combinations_ == 0) return;
  // A stride near the golden ratio of the range, made coprime with it, so index -> index * stride is a bijection.
  stride_ = static_cast<std::uint64_t>(static_cast<double>(combinations_) * 0.6180339887) | 1;
  while (std::gcd(stride_, combinations_) != 1) stride_ += 2;
}

Result<Citizen> DemoPopulation::person(std::uint64_t index, Instant at) const {
  if (index >= combinations_) return Error::invalid("population-too-large", "The demo population has no more people.");
  // index and stride_ are below combinations_ (about 4.4e8 with today's comuni, under 2^32): the product fits.
  const std::uint64_t k = index * stride_ % combinations_;
  const BirthPlace& born_in = comuni_[k % comuni_.size()];
  const std::uint64_t day = (k / comuni_.size()) % days_;
  const Sex sex = k / (comuni_.size() * days_) == 0 ? Sex::male : Sex::female;
  const std::uint64_t h = mix(index);

  Citizen c;
  c.data.surname = std::string(kSurnames[h % kSurnames.size()]);
  c.data.name = std::string(sex == Sex::male ? kMaleNames[(h >> 8) % kMaleNames.size()]
                                             : kFemaleNames[(h >> 8) % kFemaleNames.size()]);
  c.data.sex = sex;
  c.data.birth_date = Date{std::chrono::sys_days(kFirstBirthDate) + std::chrono::days(day)};
  c.data.birth_place_code = born_in.code;
  const BirthPlace& home = comuni_[(h >> 16) % comuni_.size()];
  c.data.residence = {std::string(kStreets[(h >> 24) % kStreets.size()]), std::to_string(1 + (h >> 32) % 180),
                      "00100", title_case(home.name), home.province};
  auto code = compute_codice_fiscale({c.data.surname, c.data.name, sex, c.data.birth_date, born_in.code, ""}, places_);
  if (!code) return code.error();
  c.codice_fiscale = *code;
  const std::string digits = std::to_string(1'000'000'000ULL + index % 1'000'000'000ULL).substr(1);  // 9, unique
  c.contacts.mobile = "+393" + digits;
  c.contacts.email = mail_part(c.data.name) + "." + mail_part(c.data.surname) + "." + std::to_string(index) + "@example.it";
  c.contacts.mobile_verified = c.contacts.email_verified = true;
  c.created_at = at;
  return c;
}

Result<PopulationSeeded> seed_demo_population(App& app, std::uint64_t count,
                                              const std::function<void(std::uint64_t done)>& progress,
                                              std::size_t batch) {
  FlowContext& ctx = app.context();
  const DemoPopulation population(ctx.places);
  if (count > population.capacity())
    return Error::invalid("population-too-large", "At most " + std::to_string(population.capacity()) +
                                                      " demo citizens can be made.", "citizens");
  const Instant now = ctx.clock.now();
  const std::string hash = ctx.hasher.hash(kDemoPopulationPin);
  PopulationSeeded seeded{count, 0};
  std::vector<Citizen> people;
  people.reserve(batch);
  for (std::uint64_t first = 0; first < count; first += batch) {
    const std::uint64_t last = std::min<std::uint64_t>(count, first + batch);
    people.clear();
    for (std::uint64_t i = first; i < last; ++i) {
      auto person = population.person(i, now);
      if (!person) return person.error();
      people.push_back(std::move(*person));
    }
    Status done = ctx.store.run([&](Repositories& repos) -> Status {
      const std::size_t added = repos.bulk_enrolment().add_with_pin(people, hash, Level::ordinario, now);
      if (added > 0)
        repos.audit().append("system", "demo.seeded", "citizens",
                             std::to_string(added) + " of demo people " + std::to_string(first) + "-" +
                                 std::to_string(last - 1),
                             now);
      seeded.added += added;
      return Ok{};
    });
    if (!done) return done.error();
    if (progress) progress(last);
  }
  return seeded;
}

}  // namespace sportello
