#include "services/cu_document.h"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>

namespace sportello {
namespace json = boost::json;
namespace {

// Reads the fields of one JSON object, each once, and reports at the end the keys that nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const json::object* object, std::string path, std::vector<RowProblem>& problems)
      : object_(object), path_(std::move(path)), problems_(problems) {}

  std::string text(std::string_view key, bool required) {
    const json::value* v = find(key, required);
    if (!v) return {};
    if (!v->is_string()) return fault(key, "Expected a string."), std::string{};
    return std::string(trim_spaces(v->get_string()));
  }

  // At most 15 digits, as in the CSV files (services/money.h): the sums the reserved area shows of a
  // document's amounts (total_income, total_withheld) then cannot overflow.
  Cents cents(std::string_view key, bool required) {
    constexpr Cents kLargest = 999'999'999'999'999;
    const json::value* v = find(key, required);
    if (!v) return 0;
    if (v->is_int64() && v->get_int64() >= -kLargest && v->get_int64() <= kLargest) return v->get_int64();
    if (v->is_int64() || v->is_uint64()) return fault(key, "Expected at most 15 digits of cents."), 0;
    return fault(key, "Expected a whole number of cents (e.g. 123456 for 1234.56 euro)."), 0;
  }

  int integer(std::string_view key, bool required) {
    const json::value* v = find(key, required);
    if (!v) return 0;
    if (v->is_int64() && v->get_int64() >= std::numeric_limits<int>::min() &&
        v->get_int64() <= std::numeric_limits<int>::max())
      return static_cast<int>(v->get_int64());
    return fault(key, "Expected a whole number."), 0;
  }

  Date date(std::string_view key, bool required) {
    const std::string t = text(key, required);
    if (t.empty()) return Date{};
    const auto d = parse_date(t);
    if (!d) return fault(key, "Expected a date as YYYY-MM-DD, found \"" + t.substr(0, 40) + "\"."), Date{};
    return *d;
  }

  // The object under `key`, or nullptr (with a problem when required or not an object).
  const json::object* object(std::string_view key, bool required) {
    const json::value* v = find(key, required);
    if (!v) return nullptr;
    if (!v->is_object()) return fault(key, "Expected an object."), nullptr;
    return &v->get_object();
  }

  const json::array* array(std::string_view key, bool required) {
    const json::value* v = find(key, required);
    if (!v) return nullptr;
    if (!v->is_array()) return fault(key, "Expected an array."), nullptr;
    return &v->get_array();
  }

  std::string path_of(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

  void finish() {
    if (!object_) return;
    for (const auto& entry : *object_)
      if (std::find(read_.begin(), read_.end(), std::string_view(entry.key())) == read_.end())
        fault(entry.key(), "Unknown field.");
  }

 private:
  const json::value* find(std::string_view key, bool required) {
    if (!object_) return nullptr;
    read_.push_back(key);
    const json::value* v = object_->if_contains(key);
    if (v && v->is_null()) v = nullptr;
    if (!v && required) fault(key, "Missing.");
    return v;
  }
  void fault(std::string_view key, std::string message) { problems_.push_back({path_of(key), std::move(message)}); }

  const json::object* object_;
  std::string path_;
  std::vector<RowProblem>& problems_;
  std::vector<std::string_view> read_;
};

void read_sostituto(ObjectReader& doc, CuSostituto& s, std::vector<RowProblem>& problems) {
  ObjectReader r(doc.object("sostituto", true), "sostituto", problems);
  s.codice_fiscale = r.text("codice_fiscale", true);
  s.denominazione = r.text("denominazione", true);
  s.comune = r.text("comune", false);
  s.provincia = r.text("provincia", false);
  s.indirizzo = r.text("indirizzo", false);
  s.cap = r.text("cap", false);
  s.codice_attivita = r.text("codice_attivita", false);
  r.finish();
}

void read_percipiente(ObjectReader& doc, CuPercipiente& p, std::vector<RowProblem>& problems) {
  ObjectReader r(doc.object("percipiente", true), "percipiente", problems);
  p.codice_fiscale = r.text("codice_fiscale", true);
  p.cognome = r.text("cognome", true);
  p.nome = r.text("nome", true);
  p.comune_residenza = r.text("comune_residenza", false);
  p.provincia_residenza = r.text("provincia_residenza", false);
  r.finish();
}

void read_incomes(ObjectReader& doc, std::vector<CuIncome>& incomes, std::vector<RowProblem>& problems) {
  incomes.clear();
  const json::array* list = doc.array("redditi", true);
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "redditi[" + std::to_string(i) + "]";
    const json::value& item = (*list)[i];
    if (!item.is_object()) {
      problems.push_back({path, "Expected an object."});
      continue;
    }
    ObjectReader r(&item.get_object(), path, problems);
    CuIncome income;
    const std::string kind = r.text("tipo", true);
    const json::value* given = item.get_object().if_contains("tipo");
    if (auto parsed = parse_cu_income_kind(kind)) income.kind = *parsed;
    else if (given && given->is_string())
      problems.push_back({path + ".tipo", "\"" + kind.substr(0, 40) + "\" is not one of " +
                                              to_string(CuIncomeKind::lavoro_dipendente) + ", " +
                                              to_string(CuIncomeKind::pensione) + "."});
    income.amount = r.cents("importo_centesimi", true);
    income.days = r.integer("giorni", true);
    r.finish();
    incomes.push_back(income);
  }
}

void read_amounts(ObjectReader& doc, CertificazioneUnica& cu, std::vector<RowProblem>& problems) {
  ObjectReader w(doc.object("ritenute", true), "ritenute", problems);
  cu.withholdings.irpef = w.cents("irpef_centesimi", true);
  cu.withholdings.addizionale_regionale = w.cents("addizionale_regionale_centesimi", false);
  cu.withholdings.addizionale_comunale_saldo = w.cents("addizionale_comunale_saldo_centesimi", false);
  cu.withholdings.addizionale_comunale_acconto = w.cents("addizionale_comunale_acconto_centesimi", false);
  w.finish();
  ObjectReader d(doc.object("detrazioni", false), "detrazioni", problems);
  cu.deductions.lavoro_pensione = d.cents("lavoro_pensione_centesimi", false);
  cu.deductions.familiari = d.cents("familiari_centesimi", false);
  cu.deductions.altre = d.cents("altre_centesimi", false);
  d.finish();
  ObjectReader i(doc.object("inps", false), "inps", problems);
  cu.inps.matricola = i.text("matricola", false);
  cu.inps.imponibile_previdenziale = i.cents("imponibile_previdenziale_centesimi", false);
  cu.inps.contributi_lavoratore = i.cents("contributi_lavoratore_centesimi", false);
  i.finish();
}

}  // namespace

std::string parse_cu_document(std::string_view line, CertificazioneUnica& cu, std::vector<RowProblem>& problems) {
  if (!is_valid_utf8(line)) {
    problems.push_back({"", "Not valid UTF-8 text."});
    return {};
  }
  boost::system::error_code ec;
  const json::value parsed = json::parse(line, ec);
  if (ec) {
    problems.push_back({"", "Not a JSON document: " + ec.message() + "."});
    return {};
  }
  if (!parsed.is_object()) {
    problems.push_back({"", "Expected a JSON object."});
    return {};
  }
  ObjectReader doc(&parsed.get_object(), "", problems);
  cu.year = doc.integer("anno", true);
  cu.issued_on = doc.date("data_rilascio", true);
  std::string codice_fiscale = doc.text("codice_fiscale", true);
  read_sostituto(doc, cu.sostituto, problems);
  read_percipiente(doc, cu.percipiente, problems);
  read_incomes(doc, cu.incomes, problems);
  read_amounts(doc, cu, problems);
  doc.finish();
  return codice_fiscale;
}

}  // namespace sportello
