#pragma once
// A citizen's columns as named values, bound by the citizen repository's insert and update and written out by
// the bulk enrolment's COPY. Only store/ includes this.
#include <string>

#include "core/civil_time.h"
#include "identity/citizen.h"

namespace sportello {

// The columns of a citizen as named values, bound by the insert and the update alike.
struct CitizenRow {
  std::string cf, surname, name, sex, birth_date, birth_place, street, number, cap, comune, province, citizenship;
  std::string mobile, email, pec, pec_cittadino, home, office, fax, ts_number, ts_expiry;
  int mobile_verified, email_verified;
  long long created_at, id;

  explicit CitizenRow(const Citizen& c)
      : cf(c.codice_fiscale), surname(c.data.surname), name(c.data.name), sex(std::string(1, sex_letter(c.data.sex))),
        birth_date(format_date(c.data.birth_date)), birth_place(c.data.birth_place_code), street(c.data.residence.street),
        number(c.data.residence.number), cap(c.data.residence.cap), comune(c.data.residence.comune),
        province(c.data.residence.province), citizenship(c.data.citizenship), mobile(c.contacts.mobile),
        email(c.contacts.email), pec(c.contacts.pec), pec_cittadino(c.contacts.pec_cittadino),
        home(c.contacts.home_phone), office(c.contacts.office_phone), fax(c.contacts.fax),
        ts_number(c.tessera ? c.tessera->number() : ""), ts_expiry(c.tessera ? format_date(c.tessera->expiry()) : ""),
        mobile_verified(c.contacts.mobile_verified), email_verified(c.contacts.email_verified),
        created_at(to_unix(c.created_at)), id(c.id) {}
};

}  // namespace sportello
