#include "http/api/records_json.h"

namespace sportello::http {
namespace json = boost::json;

namespace {

json::object period_json(const ContributionPeriod& p) {
  return {{"from", format_date(p.from)},
          {"to", format_date(p.to)},
          {"kind", to_string(p.kind)},
          {"unit", to_string(p.unit)},
          {"units_for_right", p.units_for_right},
          {"units_for_amount", p.units_for_amount},
          {"pay_cents", p.pay},
          {"employer_name", p.employer_name},
          {"employer_matricola", p.employer_matricola},
          {"note", p.note}};
}

}  // namespace

json::object to_json(const ContributionRecord& record) {
  json::array gestioni;
  for (const GestioneRecord& g : record.gestioni) {
    json::array years;
    for (const ContributionYear& y : g.years) {
      json::array periods;
      for (const ContributionPeriod& p : y.periods) periods.push_back(period_json(p));
      years.push_back({{"year", y.year}, {"weeks_for_right", y.weeks_for_right}, {"pay_cents", y.pay}, {"periods", periods}});
    }
    gestioni.push_back({{"gestione", to_string(g.gestione)}, {"weeks_for_right", g.weeks_for_right}, {"years", years}});
  }
  json::array by_year;
  for (const auto& [year, weeks] : record.weeks_by_year) by_year.push_back({{"year", year}, {"weeks", weeks}});
  return {{"total_weeks_for_right", record.total_weeks_for_right},
          {"weeks_by_year", by_year},
          {"gestioni", gestioni}};
}

json::object summary_json(const CertificazioneUnica& cu) {
  return {{"year", cu.year},
          {"issued_on", format_date(cu.issued_on)},
          {"total_income_cents", cu.total_income()},
          {"total_withheld_cents", cu.total_withheld()}};
}

json::object to_json(const CertificazioneUnica& cu) {
  json::object out = summary_json(cu);
  const CuSostituto& s = cu.sostituto;
  const CuPercipiente& p = cu.percipiente;
  out["sostituto"] = {{"codice_fiscale", s.codice_fiscale}, {"denominazione", s.denominazione}, {"comune", s.comune},
                      {"provincia", s.provincia}, {"indirizzo", s.indirizzo}, {"cap", s.cap},
                      {"codice_attivita", s.codice_attivita}};
  out["percipiente"] = {{"codice_fiscale", p.codice_fiscale}, {"cognome", p.cognome}, {"nome", p.nome},
                        {"comune_residenza", p.comune_residenza}, {"provincia_residenza", p.provincia_residenza}};
  json::array incomes;
  for (const CuIncome& i : cu.incomes)
    incomes.push_back({{"kind", to_string(i.kind)}, {"amount_cents", i.amount}, {"days", i.days}});
  out["incomes"] = incomes;
  out["withholdings"] = {{"irpef_cents", cu.withholdings.irpef},
                         {"addizionale_regionale_cents", cu.withholdings.addizionale_regionale},
                         {"addizionale_comunale_saldo_cents", cu.withholdings.addizionale_comunale_saldo},
                         {"addizionale_comunale_acconto_cents", cu.withholdings.addizionale_comunale_acconto}};
  out["deductions"] = {{"lavoro_pensione_cents", cu.deductions.lavoro_pensione},
                       {"familiari_cents", cu.deductions.familiari},
                       {"altre_cents", cu.deductions.altre}};
  out["inps"] = {{"matricola", cu.inps.matricola},
                 {"imponibile_previdenziale_cents", cu.inps.imponibile_previdenziale},
                 {"contributi_lavoratore_cents", cu.inps.contributi_lavoratore}};
  return out;
}

json::object to_json(const PensionSlip& s) {
  return {{"month", format_year_month(s.month)},
          {"category", s.category},
          {"pension_number", s.pension_number},
          {"gross_cents", s.gross},
          {"irpef_cents", s.irpef},
          {"addizionale_regionale_cents", s.addizionale_regionale},
          {"addizionale_comunale_cents", s.addizionale_comunale},
          {"conguaglio_730_cents", s.conguaglio_730},
          {"other_deductions_cents", s.other_deductions},
          {"arrears_cents", s.arrears},
          {"net_cents", s.net},
          {"paying_office", s.paying_office},
          {"payment_method", s.payment_method}};
}

}  // namespace sportello::http
