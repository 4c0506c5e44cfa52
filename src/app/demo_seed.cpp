#include "app/demo_seed.h"

#include "app/demo_records.h"
#include "audit/audit_entry.h"
#include "core/codice_fiscale.h"
#include "flows/applicant.h"
#include "intermediaries/mandate.h"
#include "staff/totp.h"

namespace sportello {
namespace {

struct DemoCitizen {
  ApplicantInput person;
  CredentialState state;
  Level level;
  std::string pin;  // the personal PIN (active) or the 16 characters (issued)
};

ApplicantInput person(std::string surname, std::string name, std::string sex, std::string born, std::string place,
                      std::string province, std::string mobile, std::string email) {
  ApplicantInput in;
  in.surname = std::move(surname);
  in.name = std::move(name);
  in.sex = std::move(sex);
  in.birth_date = std::move(born);
  in.birth_place = std::move(place);
  in.birth_province = std::move(province);
  in.street = "Via Ciro il Grande";
  in.number = "21";
  in.cap = "00144";
  in.comune = "Roma";
  in.province = "RM";
  in.mobile = std::move(mobile);
  in.email = std::move(email);
  return in;
}

std::vector<DemoCitizen> demo_citizens() {
  return {
      {person("Rossi", "Mario", "M", "1985-12-10", "Roma", "RM", "+393331234567", "mario.rossi@example.it"),
       CredentialState::active, Level::ordinario, "PIN2DEMO"},
      {person("Bianchi", "Giulia", "F", "1972-03-05", "Milano", "MI", "+393471112233", "giulia.bianchi@example.it"),
       CredentialState::active, Level::dispositivo, "DISP0SIT"},
      {person("Esposito", "Anna", "F", "1990-07-21", "Napoli", "NA", "", "anna.esposito@example.it"),
       CredentialState::issued, Level::ordinario, "ABCDEFGH23456789"},
  };
}

struct DemoStaff {
  std::string username;
  Role role;
  std::string password;
  std::string totp_secret_base32;
  std::string full_name;
  std::string organisation;  // a patronato operator's organisation code
};

// Two patronati (issue 11), each with an operator below; Giulia has given INCA a mandate for every service,
// Mario has given ACLI one for his NASpI and family allowance applications.
struct DemoOrganisation {
  std::string code, name;
  std::vector<std::string> offices;
};

std::vector<DemoOrganisation> demo_organisations() {
  return {
      {"INCA", "Patronato INCA CGIL", {"Roma, via dei Frentani 4", "Milano, corso di Porta Vittoria 43"}},
      {"ACLI", "Patronato ACLI", {"Roma, via Giuseppe Marcora 18"}},
  };
}

struct DemoMandate {
  std::string codice_fiscale, organisation, scope;
};

std::vector<DemoMandate> demo_mandates() {
  return {{"BNCGLI72C45F205W", "INCA", "all"}, {"RSSMRA85T10H501O", "ACLI", "naspi,assegno-nucleo-familiare"}};
}

std::vector<DemoStaff> demo_staff() {
  return {
      {"admin", Role::admin, "demo-admin-password", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Giorgio Ferri", ""},
      {"cc.rossi", Role::contact_center, "demo-contact-center", "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF", "Chiara Rossi", ""},
      {"sede.bianchi", Role::office, "demo-office-password", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", "Marco Bianchi", ""},
      {"bo.verdi", Role::back_office, "demo-back-office-pw", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "Laura Verdi", ""},
      {"pat.neri", Role::patronato, "demo-patronato-pw", "ONSWG4TFOQQGC3TEEBZWK2LBNRUXUZLE", "Paola Neri", "INCA"},
      {"pat.galli", Role::patronato, "demo-patronato-acli", "NBSWY3DPO5XXE3DEEBQW4ZBAMFXGIIDB", "Sergio Galli", "ACLI"},
  };
}

Status seed_citizen(App& app, const DemoCitizen& demo, SeededItem& item) {
  FlowContext& ctx = app.context();
  const Instant now = ctx.clock.now();
  ApplicantInput in = demo.person;
  const auto sex = parse_sex(in.sex);
  auto code = compute_codice_fiscale({in.surname, in.name, *sex, *parse_date(in.birth_date), in.birth_place,
                                      in.birth_province}, ctx.places);
  if (!code) return code.error();
  in.codice_fiscale = *code;
  auto applicant = validate_applicant(in, ctx.places, rome_date(now));
  if (!applicant) return applicant.error();
  const std::string hash = ctx.hasher.hash(demo.pin);
  item = {"citizen", *code, to_string(demo.state), demo.pin, "", false};
  return ctx.store.run([&](Repositories& repos) -> Status {
    if (auto existing = repos.citizens().find_by_codice_fiscale(*code))
      return seed_demo_records(repos, *existing, now);
    Citizen citizen{0, *code, applicant->data, applicant->contacts, std::nullopt, now};
    citizen.contacts.mobile_verified = !citizen.contacts.mobile.empty();
    citizen.contacts.email_verified = !citizen.contacts.email.empty();
    citizen.id = repos.citizens().insert(citizen);
    Credential credential = Credential::issue(citizen.id, IssueChannel::office, demo.level, hash, now);
    credential.state = demo.state;
    if (demo.state == CredentialState::active) credential.pin_changed_at = now;
    credential.id = repos.credentials().insert(credential);
    if (demo.state == CredentialState::active) repos.credentials().add_pin_history(credential.id, hash, now);
    repos.audit().append("system", "demo.seeded", citizen_ref(citizen.id), "", now);
    item.created = true;
    return seed_demo_records(repos, citizen, now);
  });
}

Status seed_staff(App& app, const DemoStaff& demo, SeededItem& item) {
  FlowContext& ctx = app.context();
  const Instant now = ctx.clock.now();
  const auto raw_totp = base32_decode(demo.totp_secret_base32);
  if (!raw_totp) return Error::invalid("demo-totp", "Bad demo TOTP secret.");
  StaffAccount account{0, demo.username, demo.role, ctx.hasher.hash(demo.password), ctx.box.seal(*raw_totp), 0, false,
                       false, now, demo.full_name, std::nullopt};  // demo passwords are published: no forced change
  item = {"staff", demo.username, to_string(demo.role), demo.password, demo.totp_secret_base32, false};
  return ctx.store.run([&](Repositories& repos) -> Status {
    if (!demo.organisation.empty())
      if (const auto organisation = repos.organisations().find_by_code(demo.organisation)) account.organisation_id = organisation->id;
    if (auto existing = repos.staff().find_by_username(demo.username)) {
      if (!existing->organisation_id && account.organisation_id) {  // seeded before patronati had organisations
        existing->organisation_id = account.organisation_id;
        repos.staff().update(*existing);
      }
      return Ok{};
    }
    repos.staff().insert(account);
    repos.audit().append("system", "demo.seeded", "staff:" + demo.username, to_string(demo.role), now);
    item.created = true;
    return Ok{};
  });
}

Status seed_organisation(App& app, const DemoOrganisation& demo, SeededItem& item) {
  FlowContext& ctx = app.context();
  const Instant now = ctx.clock.now();
  item = {"organisation", demo.code, demo.name, "", "", false};
  return ctx.store.run([&](Repositories& repos) -> Status {
    if (repos.organisations().find_by_code(demo.code)) return Ok{};
    repos.organisations().insert({0, demo.code, demo.name, demo.offices, false, now});
    repos.audit().append("system", "demo.seeded", "organisation:" + demo.code, demo.name, now);
    item.created = true;
    return Ok{};
  });
}

// A mandate granted online a month ago, for a year; once only.
Status seed_mandate(App& app, const DemoMandate& demo, SeededItem& item) {
  FlowContext& ctx = app.context();
  const Instant now = ctx.clock.now();
  item = {"mandate", demo.codice_fiscale.substr(0, 6) + "... -> " + demo.organisation, demo.scope, "", "", false};
  return ctx.store.run([&](Repositories& repos) -> Status {
    const auto citizen = repos.citizens().find_by_codice_fiscale(demo.codice_fiscale);
    const auto organisation = repos.organisations().find_by_code(demo.organisation);
    if (!citizen || !organisation) return Error::invalid("demo-mandate", "The demo mandate's citizen or patronato is missing.");
    if (!repos.mandates().of_citizen(citizen->id).empty()) return Ok{};
    Mandate mandate;
    mandate.citizen_id = citizen->id;
    mandate.organisation_id = organisation->id;
    mandate.origin = MandateOrigin::online;
    mandate.scope = *parse_mandate_scope(demo.scope);
    mandate.starts_on = add_calendar_months(rome_date(now), -1);
    mandate.ends_on = add_calendar_months(mandate.starts_on, kMaxMandateMonths);
    mandate.created_at = now;
    mandate.created_by = citizen_ref(citizen->id);
    mandate.id = repos.mandates().insert(mandate, "");
    repos.audit().append("system", "demo.seeded", citizen_ref(citizen->id),
                         "mandate " + std::to_string(mandate.id) + "; organisation:" + organisation->code, now);
    item.created = true;
    return Ok{};
  });
}

}  // namespace

Result<std::vector<SeededItem>> seed_demo_data(App& app) {
  std::vector<SeededItem> items;
  for (const DemoOrganisation& demo : demo_organisations()) {
    SeededItem item;
    if (auto done = seed_organisation(app, demo, item); !done) return done.error();
    items.push_back(item);
  }
  for (const DemoCitizen& demo : demo_citizens()) {
    SeededItem item;
    if (auto done = seed_citizen(app, demo, item); !done) return done.error();
    items.push_back(item);
  }
  for (const DemoStaff& demo : demo_staff()) {
    SeededItem item;
    if (auto done = seed_staff(app, demo, item); !done) return done.error();
    items.push_back(item);
  }
  for (const DemoMandate& demo : demo_mandates()) {
    SeededItem item;
    if (auto done = seed_mandate(app, demo, item); !done) return done.error();
    items.push_back(item);
  }
  return items;
}

}  // namespace sportello
