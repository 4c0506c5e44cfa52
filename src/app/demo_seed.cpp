#include "app/demo_seed.h"

#include "app/demo_records.h"

#include "core/codice_fiscale.h"
#include "flows/applicant.h"
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
};

std::vector<DemoStaff> demo_staff() {
  return {
      {"admin", Role::admin, "demo-admin-password", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Giorgio Ferri"},
      {"cc.rossi", Role::contact_center, "demo-contact-center", "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF", "Chiara Rossi"},
      {"sede.bianchi", Role::office, "demo-office-password", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", "Marco Bianchi"},
      {"bo.verdi", Role::back_office, "demo-back-office-pw", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "Laura Verdi"},
      {"pat.neri", Role::patronato, "demo-patronato-pw", "ONSWG4TFOQQGC3TEEBZWK2LBNRUXUZLE", "Paola Neri"},
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
    repos.audit().append("system", "demo.seeded", "citizen:" + std::to_string(citizen.id), "", now);
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
                       false, now, demo.full_name};  // demo passwords are published, so no forced change
  item = {"staff", demo.username, to_string(demo.role), demo.password, demo.totp_secret_base32, false};
  return ctx.store.run([&](Repositories& repos) -> Status {
    if (repos.staff().find_by_username(demo.username)) return Ok{};
    repos.staff().insert(account);
    repos.audit().append("system", "demo.seeded", "staff:" + demo.username, to_string(demo.role), now);
    item.created = true;
    return Ok{};
  });
}

}  // namespace

Result<std::vector<SeededItem>> seed_demo_data(App& app) {
  std::vector<SeededItem> items;
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
  return items;
}

}  // namespace sportello
