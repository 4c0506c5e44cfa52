// sportelloctl staff add | list
#include "cli/console.h"
#include "flows/staff_accounts.h"

namespace sportello::cli {
namespace {

struct AddOptions {
  std::string username, role;
};

void add(Console& console, const AddOptions& o) {
  const auto role = parse_role(o.role);  // CLI11 has checked it is one of the roles
  App* app = console.app();
  if (!app) return;
  auto created = StaffAccounts(app->context()).add(console.actor(), o.username, *role);
  if (!created) return console.refused(created.error());
  const std::string password(created->one_time_password.reveal());
  console.done("Staff account " + o.username + " (" + o.role + ") created.\n  one-time password: " + password +
                   "\n  TOTP secret: " + created->totp_secret_base32 + "\n  enrol: " + created->otpauth_uri +
                   "\nHand these over in person; they are not shown again.",
               {{"id", created->id}, {"username", o.username}, {"role", o.role}, {"password", password},
                {"totp_secret", created->totp_secret_base32}, {"otpauth_uri", created->otpauth_uri}});
}

void list(Console& console) {
  App* app = console.app();
  if (!app) return;
  std::vector<StaffAccount> accounts;
  auto status = app->context().store.run([&](Repositories& repos) -> Status {
    accounts = repos.staff().list();
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  boost::json::array rows;
  std::string text;
  for (const StaffAccount& a : accounts) {
    rows.push_back(boost::json::object{{"id", a.id}, {"username", a.username}, {"role", to_string(a.role)}, {"disabled", a.disabled}});
    text += a.username + "  " + to_string(a.role) + (a.disabled ? "  (disabled)" : "") + "\n";
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
  add_cmd->callback([&console, o] { add(console, *o); });
  staff->add_subcommand("list", "List accounts")->callback([&console] { list(console); });
}

}  // namespace sportello::cli
