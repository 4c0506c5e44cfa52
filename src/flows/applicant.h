#pragma once
// Turns the personal data and contacts a person (or an operator for them) typed into a validated applicant:
// a well-formed codice fiscale that agrees with the declared surname, name, sex, birth date and birth place
// (SPEC §2), a residence address a letter can print (identity/postal_lines.h), and contacts in their normalised
// form. Dates may be typed gg/mm/aaaa or ISO (core/typed_date.h). Every error names its field.
#include <string>
#include <vector>

#include "core/belfiore.h"
#include "core/civil_time.h"
#include "core/result.h"
#include "identity/citizen.h"

namespace sportello {

struct ApplicantInput {
  std::string codice_fiscale;
  std::string surname, name, sex, birth_date, birth_place, birth_province;  // place: name or Belfiore code
  std::string street, number, cap, comune, province, citizenship;
  std::string mobile, email, pec, pec_cittadino, home_phone, office_phone, fax;
};

struct Applicant {
  std::string codice_fiscale;  // normalised
  PersonalData data;
  Contacts contacts;
};

Result<Applicant> validate_applicant(const ApplicantInput& input, const BelfioreRegistry& places, Date today);

// The first step of an online request (SPEC §4.1): a well-formed codice fiscale (its error names the
// wrong part, field codice_fiscale) and a complete residence (CAP and province checked too). The rest is
// checked with the whole request by validate_applicant.
Status validate_first_step(const ApplicantInput& input, const BelfioreRegistry& places, Date today);

// Every problem at once, as a form shows them (GOV.UK pattern): these overloads fill `problems` with one
// Error per field at fault (each names its `field`), in the order of the form, and return the first.
Result<Applicant> validate_applicant(const ApplicantInput& input, const BelfioreRegistry& places, Date today,
                                     std::vector<Error>& problems);
Status validate_first_step(const ApplicantInput& input, const BelfioreRegistry& places, Date today,
                           std::vector<Error>& problems);

// Orders problems as the request form shows its fields (codice_fiscale, street, number, cap, comune, province,
// surname, name, sex, birth_date, birth_place, birth_province, mobile, home_phone, email, pec, ...); stable.
void sort_in_form_order(std::vector<Error>& problems);

// Normalises whichever contacts are given; an empty field stays empty.
Result<Contacts> validate_contacts(const ApplicantInput& input);

}  // namespace sportello
