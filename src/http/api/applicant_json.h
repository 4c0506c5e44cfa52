#pragma once
// The JSON fields of a person's data, shared by the endpoints that take an application.
#include "flows/applicant.h"
#include "http/json_body.h"

namespace sportello::http {

inline ApplicantInput applicant_from(JsonBody& b) {
  ApplicantInput in;
  in.codice_fiscale = b.text("codice_fiscale");
  in.surname = b.text("surname");
  in.name = b.text("name");
  in.sex = b.text("sex");
  in.birth_date = b.text("birth_date");
  in.birth_place = b.text("birth_place");
  in.birth_province = b.text("birth_province");
  in.street = b.text("street");
  in.number = b.text("number");
  in.cap = b.text("cap");
  in.comune = b.text("comune");
  in.province = b.text("province");
  in.citizenship = b.text("citizenship");
  in.mobile = b.text("mobile");
  in.email = b.text("email");
  in.pec = b.text("pec");
  in.pec_cittadino = b.text("pec_cittadino");
  in.home_phone = b.text("home_phone");
  in.office_phone = b.text("office_phone");
  in.fax = b.text("fax");
  return in;
}

}  // namespace sportello::http
