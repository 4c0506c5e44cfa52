#include "flows/applicant.h"

#include <algorithm>
#include <cctype>

#include "core/codice_fiscale.h"

namespace sportello {
namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

Status require(const std::string& value, const char* field, const char* what) {
  if (trimmed(value).empty()) return Error::invalid("missing-" + std::string(field), std::string(what) + " is required.", field);
  return Ok{};
}

Result<Address> validate_address(const ApplicantInput& in) {
  for (auto [value, field, what] : {std::tuple{&in.street, "street", "The street"}, std::tuple{&in.cap, "cap", "The CAP"},
                                    std::tuple{&in.comune, "comune", "The comune"},
                                    std::tuple{&in.province, "province", "The province"}})
    if (auto s = require(*value, field, what); !s) return s.error();
  const std::string cap = trimmed(in.cap);
  if (cap.size() != 5 || !std::all_of(cap.begin(), cap.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Error::invalid("invalid-cap", "The CAP has 5 digits.", "cap");
  const std::string province = upper(trimmed(in.province));
  if (province.size() != 2 || !std::all_of(province.begin(), province.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return Error::invalid("invalid-province", "The province is its 2-letter abbreviation (e.g. RM).", "province");
  return Address{trimmed(in.street), trimmed(in.number), cap, trimmed(in.comune), province};
}

Result<std::string> resolve_birth_place(const ApplicantInput& in, const BelfioreRegistry& places, Date born) {
  const std::string typed = trimmed(in.birth_place);
  if (auto place = places.find(upper(typed), born)) return place->code;
  const auto matches = places.find_by_name(typed, trimmed(in.birth_province), born);
  if (matches.size() == 1) return matches.front().code;
  if (matches.empty())
    return Error::invalid("unknown-birth-place", "No comune or foreign state of that name existed on the birth date.",
                          "birth_place");
  return Error::invalid("ambiguous-birth-place", "Several places have that name: give the province too.", "birth_place");
}

}  // namespace

Status validate_first_step(const ApplicantInput& in, const BelfioreRegistry& places, Date today) {
  auto cf = CodiceFiscale::parse(in.codice_fiscale, places, today);
  if (!cf) return Error{cf.error().kind, cf.error().code, cf.error().message, "codice_fiscale", {}};
  auto address = validate_address(in);
  if (!address) return address.error();
  return Ok{};
}

Result<Contacts> validate_contacts(const ApplicantInput& in) {
  Contacts contacts;
  const std::pair<ContactKind, const std::string*> given[] = {
      {ContactKind::mobile, &in.mobile},       {ContactKind::email, &in.email},
      {ContactKind::pec, &in.pec},             {ContactKind::pec_cittadino, &in.pec_cittadino},
      {ContactKind::home_phone, &in.home_phone}, {ContactKind::office_phone, &in.office_phone},
      {ContactKind::fax, &in.fax}};
  for (const auto& [kind, value] : given) {
    if (trimmed(*value).empty()) continue;
    auto normalised = normalise_contact(kind, *value);
    if (!normalised) return normalised.error();
    contacts.get(kind) = *normalised;
  }
  return contacts;
}

Result<Applicant> validate_applicant(const ApplicantInput& in, const BelfioreRegistry& places, Date today) {
  auto cf = CodiceFiscale::parse(in.codice_fiscale, places, today);
  if (!cf) return cf.error();
  for (auto [value, field, what] : {std::tuple{&in.surname, "surname", "The surname"},
                                    std::tuple{&in.name, "name", "The name"}, std::tuple{&in.sex, "sex", "The sex"},
                                    std::tuple{&in.birth_date, "birth_date", "The birth date"},
                                    std::tuple{&in.birth_place, "birth_place", "The birth place"}})
    if (auto s = require(*value, field, what); !s) return s.error();
  const auto sex = parse_sex(trimmed(in.sex));
  if (!sex) return Error::invalid("invalid-sex", "Sex is M or F.", "sex");
  const auto born = parse_date(trimmed(in.birth_date));
  if (!born || std::chrono::sys_days{*born} > std::chrono::sys_days{today})
    return Error::invalid("invalid-birth-date", "The birth date is a past date written YYYY-MM-DD.", "birth_date");
  auto place = resolve_birth_place(in, places, *born);
  if (!place) return place.error();

  PersonalData data{trimmed(in.surname), trimmed(in.name), *sex, *born, *place, {}, upper(trimmed(in.citizenship))};
  if (data.citizenship.empty()) data.citizenship = "IT";
  const DeclaredIdentity declared{data.surname, data.name, data.sex, data.birth_date, data.birth_place_code};
  if (auto agree = check_agreement(*cf, declared); !agree) return agree.error();

  auto address = validate_address(in);
  if (!address) return address.error();
  data.residence = *address;
  auto contacts = validate_contacts(in);
  if (!contacts) return contacts.error();
  return Applicant{cf->code(), std::move(data), std::move(*contacts)};
}

}  // namespace sportello
