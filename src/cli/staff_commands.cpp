// sportelloctl staff add | rename | unlock | list. A full name (--name "Laura Verdi") is how citizens see who acted on
// their data; accounts made without one can be named later with rename.
#include <map>

#include "cli/console.h"
#include "flows/staff_accounts.h"

namespace sportello::cli {
namespace {

struct AddOptions {
  std::string username, role, full_name, organisation;
};

void add(Console& console, const AddOptions& o) {
  const auto role = parse_role(o.role);  // CLI11 has checked it is one of the roles
  App* app = console.app();
  if (!app) return;
  auto created = StaffAccounts(app->context()).add(console.actor(), o.username, *role, o.full_name, o.organisation);
  if (!created) return console.refused(created.error());
  const std::string password(created->one_time_password.reveal());
  console.done("Staff account " + o.username + " (" + o.role + ") created.\n  one-time password: " + password +
                   "\n  TOTP secret: " + created->totp_secret_base32 + "\n  enrol: " + created->otpauth_uri +
                   "\nHand these over in person; they are not shown again.",
               {{"id", created->id}, {"username", o.username}, {"role", o.role}, {"full_name", o.full_name},
                {"organisation", o.organisation}, {"password", password},
                {"totp_secret", created->totp_secret_base32}, {"otpauth_uri", created->otpauth_uri}});
}

void rename(Console& console, const AddOptions& o) {
  App* app = console.app();
  if (!app) return;
  if (auto done = StaffAccounts(app->context()).rename(console.actor(), o.username, o.full_name); !done)
    return console.refused(done.error());
  console.done("Staff account " + o.username + " is now shown to citizens as " + o.full_name + ".",
               {{"username", o.username}, {"renamed", true}});
}

void unlock(Console& console, const std::string& username) {
  App* app = console.app();
  if (!app) return;
  if (auto done = StaffAccounts(app->context()).unlock(console.actor(), username); !done)
    return console.refused(done.error());
  console.done("Staff account " + username + " may log in again: its failed logins are forgotten.",
               {{"username", username}, {"unlocked", true}});
}

void list_staff(Console& console) {
  App* app = console.app();
  if (!app) return;
  std::vector<StaffAccount> accounts;
  std::map<std::int64_t, std::string> organisations;  // id -> code
  auto status = app->context().store.run([&](Repositories& repos) -> Status {
    accounts = repos.staff().list();
    for (const Organisation& o : repos.organisations().list()) organisations[o.id] = o.code;
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  boost::json::array rows;
  std::string text;
  for (const StaffAccount& a : accounts) {
    const std::string organisation = a.organisation_id ? organisations[*a.organisation_id] : "";
    rows.push_back(boost::json::object{{"id", a.id}, {"username", a.username}, {"full_name", a.full_name},
                                       {"role", to_string(a.role)}, {"organisation", organisation}, {"disabled", a.disabled}});
    text += a.username + "  " + to_string(a.role) + (organisation.empty() ? "" : " " + organisation) + "  " +
            (a.full_name.empty() ? "(no name)" : a.full_name) + (a.disabled ? "  (disabled)" : "") + "\n";
  }
  console.done(text.empty() ? "No staff accounts." : text, {{"staff", rows}});
}

}  // namespace

void add_staff_commands(CLI::App& root, Console& console) {
  CLI::App* staff = root.add_subcommand("staff", "Staff and intermediary accounts")->require_subcommand(1);
  auto o = std::make_shared<AddOptions>();
  CLI::App* add_cmd = staff->add_subcommand("add", "Create an account; prints a one-time password and the TOTP secret");
  add_cmd->add_option("--username", o->username, "Login name (a-z 0-9 . _ -)")->required();
  add_cmd->add_option("--role", o->role, "contact_center, office, back_office, patronato or admin")
      ->required()
      ->check(CLI::IsMember({"contact_center", "office", "back_office", "patronato", "admin"}));
  add_cmd->add_option("--name", o->full_name, "Full name shown to citizens, e.g. \"Laura Verdi\"");
  add_cmd->add_option("--org", o->organisation, "Role patronato: the code of the operator's organisation (sportelloctl org list)");
  add_cmd->callback([&console, o] { add(console, *o); });
  auto r = std::make_shared<AddOptions>();
  CLI::App* rename_cmd = staff->add_subcommand("rename", "Set the full name citizens see for an account");
  rename_cmd->add_option("--username", r->username, "The account's login name")->required();
  rename_cmd->add_option("--name", r->full_name, "Full name, e.g. \"Laura Verdi\"")->required();
  rename_cmd->callback([&console, r] { rename(console, *r); });
  auto u = std::make_shared<std::string>();
  CLI::App* unlock_cmd = staff->add_subcommand("unlock", "Lift the lock that repeated failed logins put on an account");
  unlock_cmd->add_option("--username", *u, "The account's login name")->required();
  unlock_cmd->callback([&console, u] { unlock(console, *u); });
  staff->add_subcommand("list", "List accounts")->callback([&console] { list_staff(console); });
}

}  // namespace sportello::cli
