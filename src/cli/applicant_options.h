#pragma once
// The options that describe a person (personal data, residence, contacts), shared by the commands that
// register or issue a PIN for someone.
#include <CLI/CLI.hpp>

#include "flows/applicant.h"

namespace sportello::cli {

inline void add_applicant_options(CLI::App* cmd, ApplicantInput& in) {
  cmd->add_option("--cf", in.codice_fiscale, "Codice fiscale")->required();
  cmd->add_option("--surname", in.surname, "Surname")->required();
  cmd->add_option("--name", in.name, "Given name(s)")->required();
  cmd->add_option("--sex", in.sex, "M or F")->required();
  cmd->add_option("--birth-date", in.birth_date, "YYYY-MM-DD")->required();
  cmd->add_option("--birth-place", in.birth_place, "Comune or foreign state, or its Belfiore code")->required();
  cmd->add_option("--birth-province", in.birth_province, "Province of the birth comune");
  cmd->add_option("--street", in.street, "Residence: street")->required();
  cmd->add_option("--number", in.number, "Residence: street number");
  cmd->add_option("--cap", in.cap, "Residence: CAP")->required();
  cmd->add_option("--comune", in.comune, "Residence: comune")->required();
  cmd->add_option("--province", in.province, "Residence: province (2 letters)")->required();
  cmd->add_option("--citizenship", in.citizenship, "Citizenship (ISO code, default IT)");
  cmd->add_option("--mobile", in.mobile, "Mobile phone");
  cmd->add_option("--email", in.email, "E-mail");
  cmd->add_option("--pec", in.pec, "PEC");
  cmd->add_option("--pec-cittadino", in.pec_cittadino, "PEC cittadino (digital domicile)");
  cmd->add_option("--home-phone", in.home_phone, "Home phone");
  cmd->add_option("--office-phone", in.office_phone, "Office phone");
  cmd->add_option("--fax", in.fax, "Fax");
}

}  // namespace sportello::cli
