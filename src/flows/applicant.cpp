#include "flows/applicant.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "core/codice_fiscale.h"
#include "core/typed_date.h"
#include "identity/postal_lines.h"

namespace sportello {
namespace {

// The order of the request form's fields (issue 14): problems are listed in it, as the error summary shows them.
constexpr std::array<std::string_view, 19> kFormOrder = {
    "codice_fiscale", "street",         "number", "cap",        "comune",        "province",     "surname",
    "name",           "sex",            "birth_date", "birth_place", "birth_province", "mobile", "home_phone",
    "email",          "pec",            "pec_cittadino", "office_phone", "fax"};

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool all_of(const std::string& text, int (*pred)(int)) {
  return std::all_of(text.begin(), text.end(), [pred](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

// Adds the "missing-<field>" problem when `value` is blank; says whether it was present.
bool present(const std::string& value, const char* field, const char* what, std::vector<Error>& problems) {
  if (!trimmed(value).empty()) return true;
  problems.push_back(Error::invalid("missing-" + std::string(field), std::string(what) + " is required.", field));
  return false;
}

std::optional<Address> check_address(const ApplicantInput& in, std::vector<Error>& problems) {
  const std::size_t before = problems.size();
  present(in.street, "street", "The street", problems);
  const std::string cap = trimmed(in.cap);
  if (present(in.cap, "cap", "The CAP", problems) && (cap.size() != 5 || !all_of(cap, isdigit)))
    problems.push_back(Error::invalid("invalid-cap", "The CAP has 5 digits.", "cap"));
  present(in.comune, "comune", "The comune", problems);
  const std::string province = upper(trimmed(in.province));
  if (present(in.province, "province", "The province", problems) && (province.size() != 2 || !all_of(province, isupper)))
    problems.push_back(Error::invalid("invalid-province", "The province is its 2-letter abbreviation (e.g. RM).", "province"));
  if (problems.size() != before) return std::nullopt;
  Address address{trimmed(in.street), trimmed(in.number), cap, trimmed(in.comune), province};
  for (Error& e : check_residence_lines(address)) problems.push_back(std::move(e));
  if (problems.size() != before) return std::nullopt;
  return address;
}

std::string names_of(const std::vector<BirthPlace>& places) {
  std::string names;
  for (const BirthPlace& p : places) names += (names.empty() ? "" : ", ") + p.name + " (" + p.province + ")";
  return names;
}

// A place by Belfiore code or by name (narrowed by the province, either the one of the birth date or today's).
// When several places share the name, the one the codice fiscale names is taken (Palau the state, Palau the comune).
Result<std::string> resolve_birth_place(const ApplicantInput& in, const BelfioreRegistry& places, Date born,
                                        const CodiceFiscale* cf) {
  const std::string typed = trimmed(in.birth_place);
  if (auto place = places.find(upper(typed), born)) return place->code;
  const auto matches = places.find_by_name(typed, trimmed(in.birth_province), born);
  if (matches.size() == 1) return matches.front().code;
  if (matches.empty()) {
    const auto near = places.near_misses(typed, born);
    return Error::invalid("unknown-birth-place",
                          "No comune or foreign state of that name existed on the birth date." +
                              (near.empty() ? std::string() : " Did you mean: " + names_of(near) + "?"),
                          "birth_place");
  }
  if (cf)
    for (const BirthPlace& p : matches)
      if (p.code == cf->belfiore()) return p.code;
  return Error::invalid("ambiguous-birth-place", "Several places have that name: give the province too.", "birth_place");
}

Error disagrees(const char* code, const char* what, const char* field) {
  return Error::invalid(code, std::string("The ") + what + " does not agree with the codice fiscale.", field);
}

// Every declared item that disagrees with the code, each on its own field (check_agreement stops at the first).
void check_each_agreement(const CodiceFiscale& cf, const DeclaredIdentity& d, std::vector<Error>& problems) {
  const Status first = check_agreement(cf, d);
  if (first.ok()) return;
  const std::size_t before = problems.size();
  const std::string& code = cf.code();
  if (!trimmed(d.surname).empty() && surname_code(d.surname) != code.substr(0, 3))
    problems.push_back(disagrees("cf-mismatch-surname", "surname", "surname"));
  if (!trimmed(d.name).empty() && name_code(d.name) != code.substr(3, 3))
    problems.push_back(disagrees("cf-mismatch-name", "name", "name"));
  if (d.sex != cf.sex()) problems.push_back(disagrees("cf-mismatch-sex", "sex", "sex"));
  const Date b = d.birth_date, c = cf.birth_date();
  if (int(b.year()) % 100 != int(c.year()) % 100 || b.month() != c.month() || b.day() != c.day())
    problems.push_back(disagrees("cf-mismatch-birth-date", "birth date", "birth_date"));
  if (d.birth_place_code != cf.belfiore()) problems.push_back(disagrees("cf-mismatch-birth-place", "birth place", "birth_place"));
  const bool named = std::any_of(problems.begin(), problems.end(), [&](const Error& e) { return e.field == first.error().field; });
  if (problems.size() == before && !named) problems.push_back(first.error());  // a rule only check_agreement knows
}

std::size_t form_rank(std::string_view field) {
  return static_cast<std::size_t>(std::find(kFormOrder.begin(), kFormOrder.end(), field) - kFormOrder.begin());
}

}  // namespace

void sort_in_form_order(std::vector<Error>& problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Error& a, const Error& b) { return form_rank(a.field) < form_rank(b.field); });
}

Status validate_first_step(const ApplicantInput& in, const BelfioreRegistry& places, Date today, std::vector<Error>& problems) {
  problems.clear();
  auto cf = CodiceFiscale::parse(in.codice_fiscale, places, today);
  if (!cf) problems.push_back(Error{cf.error().kind, cf.error().code, cf.error().message, "codice_fiscale", {}});
  check_address(in, problems);
  if (!problems.empty()) return problems.front();
  return Ok{};
}

Status validate_first_step(const ApplicantInput& in, const BelfioreRegistry& places, Date today) {
  std::vector<Error> problems;
  return validate_first_step(in, places, today, problems);
}

static void collect_contacts(const ApplicantInput& in, Contacts& contacts, std::vector<Error>& problems) {
  const std::pair<ContactKind, const std::string*> given[] = {
      {ContactKind::mobile, &in.mobile},       {ContactKind::home_phone, &in.home_phone},
      {ContactKind::email, &in.email},         {ContactKind::pec, &in.pec},
      {ContactKind::pec_cittadino, &in.pec_cittadino}, {ContactKind::office_phone, &in.office_phone},
      {ContactKind::fax, &in.fax}};
  for (const auto& [kind, value] : given) {
    if (trimmed(*value).empty()) continue;
    auto normalised = normalise_contact(kind, *value);
    if (normalised) contacts.get(kind) = *normalised;
    else problems.push_back(normalised.error());
  }
}

Result<Contacts> validate_contacts(const ApplicantInput& in) {
  Contacts contacts;
  std::vector<Error> problems;
  collect_contacts(in, contacts, problems);
  if (!problems.empty()) return problems.front();
  return contacts;
}

Result<Applicant> validate_applicant(const ApplicantInput& in, const BelfioreRegistry& places, Date today,
                                     std::vector<Error>& problems) {
  problems.clear();
  auto cf = CodiceFiscale::parse(in.codice_fiscale, places, today);
  if (!cf) problems.push_back(Error{cf.error().kind, cf.error().code, cf.error().message, "codice_fiscale", {}});
  const auto address = check_address(in, problems);
  present(in.surname, "surname", "The surname", problems);
  present(in.name, "name", "The name", problems);
  std::optional<Sex> sex;
  if (present(in.sex, "sex", "The sex", problems) && !(sex = parse_sex(upper(trimmed(in.sex)))))
    problems.push_back(Error::invalid("invalid-sex", "Sex is M or F.", "sex"));
  std::optional<Date> born;
  if (present(in.birth_date, "birth_date", "The birth date", problems)) {
    born = parse_typed_date(in.birth_date);
    if (!born || std::chrono::sys_days{*born} > std::chrono::sys_days{today}) {
      problems.push_back(Error::invalid("invalid-birth-date", "The birth date is a past date written gg/mm/aaaa.", "birth_date"));
      born.reset();
    }
  }
  std::optional<std::string> place;
  if (present(in.birth_place, "birth_place", "The birth place", problems) && (born || cf)) {
    auto resolved = resolve_birth_place(in, places, born ? *born : cf->birth_date(), cf ? &*cf : nullptr);
    if (resolved) place = *resolved;
    else problems.push_back(resolved.error());
  }
  if (cf && sex && born && place)
    check_each_agreement(*cf, {trimmed(in.surname), trimmed(in.name), *sex, *born, *place}, problems);
  Contacts contacts;
  collect_contacts(in, contacts, problems);
  if (!trimmed(in.name).empty() && !trimmed(in.surname).empty())
    for (Error& e : check_name_line(trimmed(in.name), trimmed(in.surname))) problems.push_back(std::move(e));
  sort_in_form_order(problems);
  if (!problems.empty()) return problems.front();

  PersonalData data{trimmed(in.surname), trimmed(in.name), *sex, *born, *place, *address, upper(trimmed(in.citizenship))};
  if (data.citizenship.empty()) data.citizenship = "IT";
  return Applicant{cf->code(), std::move(data), std::move(contacts)};
}

Result<Applicant> validate_applicant(const ApplicantInput& in, const BelfioreRegistry& places, Date today) {
  std::vector<Error> problems;
  return validate_applicant(in, places, today, problems);
}

}  // namespace sportello
