#pragma once
// Realistic records for the documents' tests: a holder, a working life of monthly contributions, a CU and
// pension slips, as the institute's files would carry them.
#include <string>
#include <vector>

#include "identity/citizen.h"
#include "services/certificazione_unica.h"
#include "services/contribution_record.h"
#include "services/pension_slip.h"

namespace sportello::testing {

inline Citizen sample_holder() {
  Citizen c;
  c.id = 7;
  c.codice_fiscale = "RSSMRA60A01H501U";
  c.data.surname = "Rossi";
  c.data.name = "Mario";
  c.data.birth_date = std::chrono::year{1960} / 1 / 1;
  c.data.birth_place_code = "H501";
  return c;
}

inline Date day(int y, unsigned m, unsigned d) { return std::chrono::year{y} / m / d; }

inline Date last_day(int y, unsigned m) {
  return std::chrono::year_month_day{std::chrono::year{y} / m / std::chrono::last};
}

// One period of a month paid into FPLD, counted in months.
inline ContributionPeriod monthly(int year, unsigned month, Cents pay, std::string employer, std::string matricola) {
  ContributionPeriod p;
  p.citizen_id = 7;
  p.gestione = Gestione::fpld;
  p.from = day(year, month, 1);
  p.to = last_day(year, month);
  p.unit = ContributionUnit::months;
  p.units_for_right = 1;
  p.units_for_amount = 1;
  p.pay = pay;
  p.employer_name = std::move(employer);
  p.employer_matricola = std::move(matricola);
  return p;
}

// `years` years of monthly FPLD rows from 1980, twelve a year, pay rising each year.
inline std::vector<ContributionPeriod> working_life(int years) {
  std::vector<ContributionPeriod> periods;
  for (int y = 1980; y < 1980 + years; ++y)
    for (unsigned m = 1; m <= 12; ++m)
      periods.push_back(monthly(y, m, 120000 + (y - 1980) * 4550 + m, y < 2000 ? "Officine Meccaniche Lombarde S.p.A." : "Àncora Servizi Società Cooperativa",
                                y < 2000 ? "4900123456" : "7012345678"));
  return periods;
}

inline CertificazioneUnica sample_cu() {
  CertificazioneUnica cu;
  cu.id = 3;
  cu.citizen_id = 7;
  cu.year = 2025;
  cu.issued_on = day(2026, 3, 16);
  cu.sostituto = {"80078750587", "Istituto Nazionale della Previdenza Sociale", "Roma", "RM", "Via Ciro il Grande 21",
                  "00144", "84.30.00"};
  cu.percipiente = {"RSSMRA60A01H501U", "ROSSI", "MARIO", "Pavia", "PV"};
  cu.incomes = {{CuIncomeKind::pensione, 2345678, 365}};
  cu.withholdings = {412345, 39876, 15432, 6789};
  cu.deductions = {123456, 0, 5000};
  cu.inps = {"4900123456", 2345678, 0};
  return cu;
}

inline PensionSlip sample_slip() {
  PensionSlip s;
  s.id = 11;
  s.citizen_id = 7;
  s.month = std::chrono::year{2026} / 3;
  s.category = "VO";
  s.pension_number = "12345678";
  s.gross = 185000;
  s.irpef = 31245;
  s.addizionale_regionale = 2610;
  s.addizionale_comunale = 980;
  s.conguaglio_730 = 0;
  s.other_deductions = 0;
  s.arrears = 0;
  s.net = s.expected_net();
  s.paying_office = "Sede di Pavia";
  s.payment_method = "Accredito su IBAN IT60X0542811101000000123456";
  return s;
}

}  // namespace sportello::testing
