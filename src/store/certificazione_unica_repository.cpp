// Every SQL statement about Certificazioni Uniche. A document is stored whole as JSON (the import format's
// field names), with its citizen, year and issue date as columns: it is always read whole and never
// searched inside.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

namespace json = boost::json;

std::string text(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

Cents cents(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : 0;
}

const json::object& member(const json::object& o, const char* key) {
  static const json::object empty;
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? v->get_object() : empty;
}

std::string to_json(const CertificazioneUnica& cu) {
  json::array incomes;
  for (const CuIncome& i : cu.incomes)
    incomes.push_back({{"tipo", to_string(i.kind)}, {"importo_centesimi", i.amount}, {"giorni", i.days}});
  const CuSostituto& s = cu.sostituto;
  const CuPercipiente& p = cu.percipiente;
  json::object doc{
      {"sostituto", {{"codice_fiscale", s.codice_fiscale}, {"denominazione", s.denominazione}, {"comune", s.comune},
                     {"provincia", s.provincia}, {"indirizzo", s.indirizzo}, {"cap", s.cap},
                     {"codice_attivita", s.codice_attivita}}},
      {"percipiente", {{"codice_fiscale", p.codice_fiscale}, {"cognome", p.cognome}, {"nome", p.nome},
                       {"comune_residenza", p.comune_residenza}, {"provincia_residenza", p.provincia_residenza}}},
      {"redditi", incomes},
      {"ritenute", {{"irpef_centesimi", cu.withholdings.irpef},
                    {"addizionale_regionale_centesimi", cu.withholdings.addizionale_regionale},
                    {"addizionale_comunale_saldo_centesimi", cu.withholdings.addizionale_comunale_saldo},
                    {"addizionale_comunale_acconto_centesimi", cu.withholdings.addizionale_comunale_acconto}}},
      {"detrazioni", {{"lavoro_pensione_centesimi", cu.deductions.lavoro_pensione},
                      {"familiari_centesimi", cu.deductions.familiari},
                      {"altre_centesimi", cu.deductions.altre}}},
      {"inps", {{"matricola", cu.inps.matricola},
                {"imponibile_previdenziale_centesimi", cu.inps.imponibile_previdenziale},
                {"contributi_lavoratore_centesimi", cu.inps.contributi_lavoratore}}}};
  return json::serialize(doc);
}

CertificazioneUnica cu_from_row(const soci::row& r) {
  CertificazioneUnica cu;
  cu.id = read_integer(r, "id");
  cu.citizen_id = read_integer(r, "citizen_id");
  cu.year = static_cast<int>(read_integer(r, "year"));
  cu.issued_on = parse_date(r.get<std::string>("issued_on")).value_or(Date{});
  const json::value parsed = json::parse(r.get<std::string>("document"));
  const json::object& doc = parsed.as_object();
  const json::object& s = member(doc, "sostituto");
  cu.sostituto = {text(s, "codice_fiscale"), text(s, "denominazione"), text(s, "comune"), text(s, "provincia"),
                  text(s, "indirizzo"), text(s, "cap"), text(s, "codice_attivita")};
  const json::object& p = member(doc, "percipiente");
  cu.percipiente = {text(p, "codice_fiscale"), text(p, "cognome"), text(p, "nome"), text(p, "comune_residenza"),
                    text(p, "provincia_residenza")};
  if (const json::value* incomes = doc.if_contains("redditi"); incomes && incomes->is_array())
    for (const json::value& v : incomes->get_array()) {
      const json::object& i = v.as_object();
      cu.incomes.push_back({parse_cu_income_kind(text(i, "tipo")).value_or(CuIncomeKind::pensione),
                            cents(i, "importo_centesimi"), static_cast<int>(cents(i, "giorni"))});
    }
  const json::object& w = member(doc, "ritenute");
  cu.withholdings = {cents(w, "irpef_centesimi"), cents(w, "addizionale_regionale_centesimi"),
                     cents(w, "addizionale_comunale_saldo_centesimi"), cents(w, "addizionale_comunale_acconto_centesimi")};
  const json::object& d = member(doc, "detrazioni");
  cu.deductions = {cents(d, "lavoro_pensione_centesimi"), cents(d, "familiari_centesimi"), cents(d, "altre_centesimi")};
  const json::object& inps = member(doc, "inps");
  cu.inps = {text(inps, "matricola"), cents(inps, "imponibile_previdenziale_centesimi"),
             cents(inps, "contributi_lavoratore_centesimi")};
  return cu;
}

constexpr const char* kCuColumns = "SELECT id, citizen_id, year, issued_on, document FROM certificazioni_uniche ";

}  // namespace

std::vector<CertificazioneUnica> SqlCertificazioneUnicaRepository::for_citizen(std::int64_t citizen_id) {
  long long citizen = citizen_id;
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kCuColumns) + "WHERE citizen_id = :citizen ORDER BY year DESC",
                                  soci::use(citizen, "citizen"));
  std::vector<CertificazioneUnica> documents;
  for (const soci::row& r : rows) documents.push_back(cu_from_row(r));
  return documents;
}

std::optional<CertificazioneUnica> SqlCertificazioneUnicaRepository::find(std::int64_t citizen_id, int year) {
  long long citizen = citizen_id;
  soci::row r;
  sql_ << std::string(kCuColumns) + "WHERE citizen_id = :citizen AND year = :year", soci::use(citizen, "citizen"),
      soci::use(year, "year"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return cu_from_row(r);
}

bool SqlCertificazioneUnicaRepository::put(const CertificazioneUnica& cu) {
  long long citizen = cu.citizen_id;
  int year = cu.year;
  soci::statement removal = (sql_.prepare << "DELETE FROM certificazioni_uniche WHERE citizen_id = :citizen AND year = :year",
                             soci::use(citizen, "citizen"), soci::use(year, "year"));
  removal.execute(true);
  const bool replaced = removal.get_affected_rows() > 0;
  const std::string issued = format_date(cu.issued_on), document = to_json(cu);
  sql_ << "INSERT INTO certificazioni_uniche (citizen_id, year, issued_on, document) VALUES (:citizen, :year, :issued, :doc)",
      soci::use(citizen, "citizen"), soci::use(year, "year"), soci::use(issued, "issued"), soci::use(document, "doc");
  return replaced;
}

}  // namespace sportello
