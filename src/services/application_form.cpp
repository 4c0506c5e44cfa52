#include "services/application_form.h"

#include <algorithm>
#include <charconv>

#include "core/codice_fiscale.h"
#include "core/iban.h"
#include "core/typed_date.h"

namespace sportello {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

constexpr int kNaspiDays = 68;                   // the application must follow the end of employment within
constexpr long long kBabySittingMaxCents = 120000;
constexpr int kMaxHouseholdMembers = 12;
constexpr int kMaxChildren = 6;

Error problem(const std::string& field, std::string code, std::string message) {
  return Error::invalid(std::move(code), std::move(message), field);
}

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> values_of(const FieldValues& typed, const std::string& name) {
  std::vector<std::string> values;
  auto [from, to] = typed.equal_range(name);
  for (auto it = from; it != to; ++it)
    if (std::string v = trimmed(it->second); !v.empty()) values.push_back(std::move(v));
  return values;
}

std::vector<std::string> gestione_names(const std::vector<Gestione>& gestioni) {
  std::vector<std::string> names;
  for (Gestione g : gestioni) names.push_back(to_string(g));
  return names;
}

FormField field(std::string name, FieldKind kind, int min = 0, int max = 0, std::vector<std::string> choices = {}) {
  return {std::move(name), kind, true, min, max, std::move(choices)};
}

FormField optional_field(std::string name, FieldKind kind, int max) {
  return {std::move(name), kind, false, 0, max, {}};
}

// Checks one field by its kind; the normalised values, or a problem.
std::optional<Error> check_field(const FormField& f, const std::vector<std::string>& values, const BelfioreRegistry& places,
                                 Date today, std::vector<std::string>& out) {
  if (values.empty()) {
    if (f.required) return problem(f.name, "field-required", "This field is required.");
    return std::nullopt;
  }
  const bool repeated = f.kind == FieldKind::choices || f.kind == FieldKind::codici_fiscali;
  if (!repeated && values.size() > 1) return problem(f.name, "field-repeated", "Give one value.");
  for (const std::string& v : values) {
    switch (f.kind) {
      case FieldKind::text:
        if (static_cast<int>(v.size()) > f.max)
          return problem(f.name, "field-too-long", "At most " + std::to_string(f.max) + " characters.");
        out.push_back(v);
        break;
      case FieldKind::date: {
        const auto d = parse_typed_date(v);
        if (!d) return problem(f.name, "invalid-date", "Write the date as DD/MM/YYYY.");
        out.push_back(format_date(*d));
        break;
      }
      case FieldKind::iban: {
        const auto iban = parse_italian_iban(v);
        if (!iban) return problem(f.name, "invalid-iban", "This is not a valid Italian IBAN (27 characters, starting with IT).");
        out.push_back(*iban);
        break;
      }
      case FieldKind::money: {
        const auto cents = parse_euro_typed(v);
        if (!cents) return problem(f.name, "invalid-amount", "Write an amount in euro, for example 1.234,56.");
        out.push_back(std::to_string(*cents));
        break;
      }
      case FieldKind::integer: {
        int n = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc{} || end != v.data() + v.size() || n < f.min || n > f.max)
          return problem(f.name, "invalid-number",
                         "Write a whole number from " + std::to_string(f.min) + " to " + std::to_string(f.max) + ".");
        out.push_back(std::to_string(n));
        break;
      }
      case FieldKind::choice:
      case FieldKind::choices:
        if (std::find(f.choices.begin(), f.choices.end(), v) == f.choices.end())
          return problem(f.name, "invalid-choice", "Choose one of the options offered.");
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
        break;
      case FieldKind::codici_fiscali: {
        auto code = CodiceFiscale::parse(v, places, today);
        if (!code) return problem(f.name, code.error().code, "\"" + v + "\": " + code.error().message);
        if (std::find(out.begin(), out.end(), code->code()) != out.end())
          return problem(f.name, "codice-fiscale-repeated", "Each person once.");
        out.push_back(code->code());
        break;
      }
    }
  }
  if (repeated && static_cast<int>(out.size()) < f.min)
    return problem(f.name, "too-few-values", "Choose at least " + std::to_string(f.min) + ".");
  if (f.kind == FieldKind::codici_fiscali && static_cast<int>(out.size()) > f.max)
    return problem(f.name, "too-many-values", "At most " + std::to_string(f.max) + ".");
  return std::nullopt;
}

const std::vector<std::string>* value(const std::vector<ApplicationField>& fields, const std::string& name) {
  for (const ApplicationField& f : fields)
    if (f.name == name && !f.values.empty()) return &f.values;
  return nullptr;
}

std::optional<Date> date_of(const std::vector<ApplicationField>& fields, const std::string& name) {
  const auto* v = value(fields, name);
  return v ? parse_date(v->front()) : std::nullopt;
}

long long number_of(const std::vector<ApplicationField>& fields, const std::string& name) {
  const auto* v = value(fields, name);
  return v ? std::stoll(v->front()) : 0;
}

void check_period(const std::vector<ApplicationField>& fields, std::vector<Error>& problems) {
  const auto from = date_of(fields, "periodo_dal"), to = date_of(fields, "periodo_al");
  if (!from || !to) return;
  if (*to < *from) problems.push_back(problem("periodo_al", "period-reversed", "The end comes before the start."));
  else if (sys_days{*to} >= sys_days{add_calendar_months(*from, 12)})
    problems.push_back(problem("periodo_al", "period-too-long", "A period lasts at most 12 months."));
}

// The rules of each type over fields that passed their own checks.
void check_rules(ApplicationType type, const std::vector<ApplicationField>& fields, const ApplicantFacts& applicant,
                 const BelfioreRegistry& places, Date today, std::vector<Error>& problems) {
  switch (type) {
    case ApplicationType::naspi:
      if (const auto end = date_of(fields, "data_cessazione")) {
        if (*end > today) problems.push_back(problem("data_cessazione", "date-in-future", "The date is in the future."));
        else if (sys_days{today} - sys_days{*end} > days{kNaspiDays})
          problems.push_back(problem("data_cessazione", "naspi-too-late",
                                     "NASpI must be asked within 68 days of the end of employment."));
      }
      break;
    case ApplicationType::assegno_nucleo:
      if (const auto* members = value(fields, "componenti"))
        if (std::find(members->begin(), members->end(), applicant.codice_fiscale) != members->end())
          problems.push_back(problem("componenti", "member-is-applicant", "List the other members, not yourself."));
      check_period(fields, problems);
      break;
    case ApplicationType::riscatto_laurea:
      if (const auto degree = date_of(fields, "data_laurea")) {
        if (*degree > today) problems.push_back(problem("data_laurea", "date-in-future", "The date is in the future."));
        else if (years_between(applicant.birth_date, *degree) < 18)
          problems.push_back(problem("data_laurea", "degree-too-early", "The degree date is before your 18th birthday."));
      }
      if (value(fields, "anni_da_riscattare") && value(fields, "durata_legale_anni") &&
          number_of(fields, "anni_da_riscattare") > number_of(fields, "durata_legale_anni"))
        problems.push_back(problem("anni_da_riscattare", "more-than-legal-length",
                                   "You can redeem at most the course's legal length."));
      break;
    case ApplicationType::bonus_baby_sitting:
      if (const auto* children = value(fields, "figli"))
        for (const std::string& code : *children) {
          auto child = CodiceFiscale::parse(code, places, today);
          if (child && years_between(child->birth_date(), today) >= 12)
            problems.push_back(problem("figli", "child-too-old", code + " is 12 or older."));
        }
      if (value(fields, "importo") && number_of(fields, "importo") > kBabySittingMaxCents)
        problems.push_back(problem("importo", "amount-too-high", "The bonus is at most 1.200,00 euro."));
      check_period(fields, problems);
      break;
    case ApplicationType::ricongiunzione: {
      const auto* chosen = value(fields, "gestioni");
      const auto* destination = value(fields, "gestione_destinazione");
      if (chosen && destination && std::find(chosen->begin(), chosen->end(), destination->front()) == chosen->end())
        problems.push_back(problem("gestione_destinazione", "destination-not-chosen",
                                   "The destination must be one of the gestioni you join."));
      break;
    }
  }
}

}  // namespace

ApplicationForm form_for(ApplicationType type, const ApplicantFacts& applicant) {
  switch (type) {
    case ApplicationType::ricongiunzione: {
      const auto own = gestione_names(applicant.gestioni);
      return {type, {field("gestioni", FieldKind::choices, 2, 0, own), field("gestione_destinazione", FieldKind::choice, 0, 0, own),
                     optional_field("motivo", FieldKind::text, 500)}, 0};
    }
    case ApplicationType::naspi:
      return {type, {field("data_cessazione", FieldKind::date), field("datore_lavoro", FieldKind::text, 0, 120),
                     field("motivo_cessazione", FieldKind::choice, 0, 0,
                           {"licenziamento", "dimissioni_giusta_causa", "scadenza_contratto", "risoluzione_consensuale"}),
                     field("iban", FieldKind::iban)}, 1};
    case ApplicationType::assegno_nucleo:
      return {type, {field("componenti", FieldKind::codici_fiscali, 1, kMaxHouseholdMembers),
                     field("reddito_familiare", FieldKind::money), field("periodo_dal", FieldKind::date),
                     field("periodo_al", FieldKind::date)}, 0};
    case ApplicationType::riscatto_laurea:
      return {type, {field("universita", FieldKind::text, 0, 160), field("corso", FieldKind::text, 0, 160),
                     field("data_laurea", FieldKind::date), field("durata_legale_anni", FieldKind::integer, 1, 6),
                     field("anni_da_riscattare", FieldKind::integer, 1, 6)}, 1};
    case ApplicationType::bonus_baby_sitting:
      return {type, {field("figli", FieldKind::codici_fiscali, 1, kMaxChildren), field("periodo_dal", FieldKind::date),
                     field("periodo_al", FieldKind::date), field("importo", FieldKind::money)}, 0};
  }
  return {type, {}, 0};
}

Result<std::vector<ApplicationField>> check_application(const ApplicationForm& form, const FieldValues& typed,
                                                        const ApplicantFacts& applicant, const BelfioreRegistry& places,
                                                        Date today, std::vector<Error>& problems) {
  problems.clear();
  std::vector<ApplicationField> fields;
  for (const FormField& f : form.fields) {
    ApplicationField checked{f.name, {}};
    if (auto bad = check_field(f, values_of(typed, f.name), places, today, checked.values)) problems.push_back(*bad);
    else fields.push_back(std::move(checked));
  }
  check_rules(form.type, fields, applicant, places, today, problems);
  if (!problems.empty())
    return Error::invalid("application-invalid", std::to_string(problems.size()) + " field(s) need correcting.",
                          problems.front().field);
  return fields;
}

// Digits in groups: "1.234.567,89" (Italian), "1,234,567.89" (English), "1234,5", "1234". A separator
// followed by one or two digits at the end marks the cents; every other separator groups thousands (three
// digits after it, one kind of character throughout, 1-3 digits before the first).
std::optional<long long> parse_euro_typed(std::string_view text) {
  const std::string t = trimmed(text);
  std::vector<std::string> groups{""};
  std::string separators;
  for (char c : t) {
    if (c >= '0' && c <= '9') groups.back() += c;
    else if (c == ',' || c == '.') { separators += c; groups.emplace_back(); }
    else return std::nullopt;
  }
  for (const std::string& g : groups)
    if (g.empty()) return std::nullopt;
  std::string cents_part;
  if (!separators.empty() && groups.back().size() <= 2) {  // the last separator marks the cents
    cents_part = groups.back();
    groups.pop_back();
    const char decimal = separators.back();
    separators.pop_back();
    if (separators.find(decimal) != std::string::npos) return std::nullopt;
  }
  if (!separators.empty()) {  // thousands
    if (separators.find_first_not_of(separators.front()) != std::string::npos || groups.front().size() > 3) return std::nullopt;
    for (std::size_t i = 1; i < groups.size(); ++i)
      if (groups[i].size() != 3) return std::nullopt;
  }
  std::string euros;
  for (const std::string& g : groups) euros += g;
  if (euros.size() > 11) return std::nullopt;
  if (cents_part.size() == 1) cents_part += '0';
  return std::stoll(euros) * 100 + (cents_part.empty() ? 0 : std::stoll(cents_part));
}

const char* to_string(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return "text";
    case FieldKind::date: return "date";
    case FieldKind::iban: return "iban";
    case FieldKind::money: return "money";
    case FieldKind::integer: return "integer";
    case FieldKind::choice: return "choice";
    case FieldKind::choices: return "choices";
    case FieldKind::codici_fiscali: return "codici_fiscali";
  }
  return "text";
}

}  // namespace sportello
