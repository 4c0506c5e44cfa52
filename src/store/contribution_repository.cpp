// Every SQL statement about contribution periods. Inserts are bound as vectors (SOCI bulk), one prepared
// statement a batch: an import of a million rows runs one statement a few hundred times.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

std::vector<ContributionPeriod> SqlContributionRepository::for_citizen(std::int64_t citizen_id) {
  long long citizen = citizen_id;
  soci::rowset<soci::row> rows = (sql_.prepare << "SELECT id, gestione, date_from, date_to, kind, unit, units_for_right, "
                                                  "units_for_amount, pay_cents, employer_name, employer_matricola, note "
                                                  "FROM contribution_periods WHERE citizen_id = :citizen "
                                                  "ORDER BY gestione, date_from, id",
                                  soci::use(citizen, "citizen"));
  std::vector<ContributionPeriod> periods;
  for (const soci::row& r : rows) {
    ContributionPeriod p;
    p.id = read_integer(r, "id");
    p.citizen_id = citizen_id;
    p.gestione = parse_gestione(r.get<std::string>("gestione")).value_or(Gestione::fpld);
    p.from = parse_date(r.get<std::string>("date_from")).value_or(Date{});
    p.to = parse_date(r.get<std::string>("date_to")).value_or(Date{});
    p.kind = parse_contribution_kind(r.get<std::string>("kind")).value_or(ContributionKind::obbligatoria);
    p.unit = parse_contribution_unit(r.get<std::string>("unit")).value_or(ContributionUnit::weeks);
    p.units_for_right = static_cast<int>(read_integer(r, "units_for_right"));
    p.units_for_amount = static_cast<int>(read_integer(r, "units_for_amount"));
    p.pay = read_integer(r, "pay_cents");
    p.employer_name = r.get<std::string>("employer_name");
    p.employer_matricola = r.get<std::string>("employer_matricola");
    p.note = r.get<std::string>("note");
    periods.push_back(std::move(p));
  }
  return periods;
}

int SqlContributionRepository::remove_year(std::int64_t citizen_id, Gestione gestione, int year) {
  long long citizen = citizen_id;
  const std::string g = to_string(gestione);
  soci::statement st = (sql_.prepare << "DELETE FROM contribution_periods WHERE citizen_id = :citizen AND gestione = :g "
                                        "AND year = :year",
                        soci::use(citizen, "citizen"), soci::use(g, "g"), soci::use(year, "year"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

void SqlContributionRepository::insert(const std::vector<ContributionPeriod>& periods) {
  if (periods.empty()) return;
  const std::size_t n = periods.size();
  std::vector<long long> citizen(n), pay(n);
  std::vector<int> year(n), right(n), amount(n);
  std::vector<std::string> gestione(n), from(n), to(n), kind(n), unit(n), employer(n), matricola(n), note(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ContributionPeriod& p = periods[i];
    citizen[i] = p.citizen_id;
    pay[i] = p.pay;
    year[i] = static_cast<int>(p.from.year());
    right[i] = p.units_for_right;
    amount[i] = p.units_for_amount;
    gestione[i] = to_string(p.gestione);
    from[i] = format_date(p.from);
    to[i] = format_date(p.to);
    kind[i] = to_string(p.kind);
    unit[i] = to_string(p.unit);
    employer[i] = p.employer_name;
    matricola[i] = p.employer_matricola;
    note[i] = p.note;
  }
  sql_ << "INSERT INTO contribution_periods (citizen_id, gestione, year, date_from, date_to, kind, unit, units_for_right, "
          "units_for_amount, pay_cents, employer_name, employer_matricola, note) VALUES (:citizen, :gestione, :year, "
          ":dfrom, :dto, :kind, :unit, :uright, :uamount, :pay, :employer, :matricola, :note)",
      soci::use(citizen, "citizen"), soci::use(gestione, "gestione"), soci::use(year, "year"), soci::use(from, "dfrom"),
      soci::use(to, "dto"), soci::use(kind, "kind"), soci::use(unit, "unit"), soci::use(right, "uright"),
      soci::use(amount, "uamount"), soci::use(pay, "pay"), soci::use(employer, "employer"),
      soci::use(matricola, "matricola"), soci::use(note, "note");
}

}  // namespace sportello
