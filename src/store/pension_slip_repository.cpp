// Every SQL statement about pension slips.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kSlipColumns =
    "SELECT id, citizen_id, month, category, pension_number, gross_cents, irpef_cents, regional_surcharge_cents, "
    "municipal_surcharge_cents, adjustment_730_cents, other_deductions_cents, arrears_cents, net_cents, paying_office, "
    "payment_method FROM pension_slips ";

PensionSlip slip_from_row(const soci::row& r) {
  PensionSlip s;
  s.id = read_integer(r, "id");
  s.citizen_id = read_integer(r, "citizen_id");
  s.month = parse_year_month(r.get<std::string>("month")).value_or(std::chrono::year_month{});
  s.category = r.get<std::string>("category");
  s.pension_number = r.get<std::string>("pension_number");
  s.gross = read_integer(r, "gross_cents");
  s.irpef = read_integer(r, "irpef_cents");
  s.addizionale_regionale = read_integer(r, "regional_surcharge_cents");
  s.addizionale_comunale = read_integer(r, "municipal_surcharge_cents");
  s.conguaglio_730 = read_integer(r, "adjustment_730_cents");
  s.other_deductions = read_integer(r, "other_deductions_cents");
  s.arrears = read_integer(r, "arrears_cents");
  s.net = read_integer(r, "net_cents");
  s.paying_office = r.get<std::string>("paying_office");
  s.payment_method = r.get<std::string>("payment_method");
  return s;
}

std::vector<PensionSlip> all(soci::rowset<soci::row>& rows) {
  std::vector<PensionSlip> slips;
  for (const soci::row& r : rows) slips.push_back(slip_from_row(r));
  return slips;
}

}  // namespace

std::vector<PensionSlip> SqlPensionSlipRepository::for_citizen(std::int64_t citizen_id) {
  long long citizen = citizen_id;
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kSlipColumns) +
                                                      "WHERE citizen_id = :citizen ORDER BY month DESC, pension_number",
                                  soci::use(citizen, "citizen"));
  return all(rows);
}

std::vector<PensionSlip> SqlPensionSlipRepository::for_month(std::int64_t citizen_id, std::chrono::year_month month) {
  long long citizen = citizen_id;
  const std::string m = format_year_month(month);
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kSlipColumns) +
                                                      "WHERE citizen_id = :citizen AND month = :month ORDER BY pension_number",
                                  soci::use(citizen, "citizen"), soci::use(m, "month"));
  return all(rows);
}

bool SqlPensionSlipRepository::put(const PensionSlip& s) {
  long long citizen = s.citizen_id, gross = s.gross, irpef = s.irpef, regional = s.addizionale_regionale,
            municipal = s.addizionale_comunale, adjustment = s.conguaglio_730, other = s.other_deductions,
            arrears = s.arrears, net = s.net;
  const std::string month = format_year_month(s.month);
  soci::statement removal = (sql_.prepare << "DELETE FROM pension_slips WHERE citizen_id = :citizen AND "
                                             "pension_number = :number AND month = :month",
                             soci::use(citizen, "citizen"), soci::use(s.pension_number, "number"), soci::use(month, "month"));
  removal.execute(true);
  const bool replaced = removal.get_affected_rows() > 0;
  sql_ << "INSERT INTO pension_slips (citizen_id, month, category, pension_number, gross_cents, irpef_cents, "
          "regional_surcharge_cents, municipal_surcharge_cents, adjustment_730_cents, other_deductions_cents, "
          "arrears_cents, net_cents, paying_office, payment_method) VALUES (:citizen, :month, :category, :number, "
          ":gross, :irpef, :regional, :municipal, :adjustment, :other, :arrears, :net, :office, :method)",
      soci::use(citizen, "citizen"), soci::use(month, "month"), soci::use(s.category, "category"),
      soci::use(s.pension_number, "number"), soci::use(gross, "gross"), soci::use(irpef, "irpef"),
      soci::use(regional, "regional"), soci::use(municipal, "municipal"), soci::use(adjustment, "adjustment"),
      soci::use(other, "other"), soci::use(arrears, "arrears"), soci::use(net, "net"),
      soci::use(s.paying_office, "office"), soci::use(s.payment_method, "method");
  return replaced;
}

}  // namespace sportello
