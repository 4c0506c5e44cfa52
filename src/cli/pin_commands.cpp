// sportelloctl pin issue-at-office | revoke | convert-dispositivo
#include "cli/applicant_options.h"
#include "cli/console.h"
#include "flows/dispositivo_conversion.h"
#include "flows/issue_pin_at_office.h"
#include "flows/revoke_pin.h"

namespace sportello::cli {
namespace {

struct RevokeOptions {
  std::string codice_fiscale, reason;
  bool identity_checked = false;
};

void issue(Console& console, const OfficeIssueInput& input) {
  App* app = console.app();
  if (!app) return;
  auto issued = IssuePinAtOffice(app->context()).run(console.actor(), input);
  if (!issued) return console.refused(issued.error());
  const std::string pin(issued->pin.reveal());
  const std::string expires = format_rome_datetime(issued->expires_at);
  console.done("PIN (print it for the holder, it is not stored): " + pin.substr(0, 8) + " " + pin.substr(8) +
                   "\nLevel: dispositivo. First access before " + expires + " (Europe/Rome).",
               {{"citizen_id", issued->citizen_id}, {"pin", pin}, {"level", "dispositivo"},
                {"first_access_before", format_utc_iso(issued->expires_at)}});
}

void revoke(Console& console, const RevokeOptions& o) {
  App* app = console.app();
  if (!app) return;
  auto done = RevokePin(app->context()).by_staff(console.actor(), o.codice_fiscale, o.identity_checked, o.reason);
  if (!done) return console.refused(done.error());
  console.done("PIN revoked; every session of the holder has ended.", {{"revoked", true}});
}

}  // namespace

void add_pin_commands(CLI::App& root, Console& console) {
  CLI::App* pin = root.add_subcommand("pin", "PIN credentials")->require_subcommand(1);

  auto office = std::make_shared<OfficeIssueInput>();
  CLI::App* issue_cmd = pin->add_subcommand("issue-at-office", "Issue a full PIN at level dispositivo after checking an identity document");
  add_applicant_options(issue_cmd, office->applicant);
  issue_cmd->add_option("--document-kind", office->document_kind, "Identity document checked (e.g. \"carta d'identità\")")->required();
  issue_cmd->add_option("--document-number", office->document_number, "Its number")->required();
  issue_cmd->callback([&console, office] { issue(console, *office); });

  auto r = std::make_shared<RevokeOptions>();
  CLI::App* revoke_cmd = pin->add_subcommand("revoke", "Revoke a holder's PIN (ends every session)");
  revoke_cmd->add_option("--cf", r->codice_fiscale, "Codice fiscale of the holder")->required();
  revoke_cmd->add_option("--reason", r->reason, "Why");
  revoke_cmd->add_flag("--identity-checked", r->identity_checked, "The holder's identity was checked (required)");
  revoke_cmd->callback([&console, r] { revoke(console, *r); });

  auto cf = std::make_shared<std::string>();
  CLI::App* mv35 = pin->add_subcommand("convert-dispositivo", "Raise a PIN to level dispositivo at an office (form MV35)");
  mv35->add_option("--cf", *cf, "Codice fiscale of the holder")->required();
  mv35->callback([&console, cf] {
    App* app = console.app();
    if (!app) return;
    auto done = DispositivoConversion(app->context()).convert_at_office(console.actor(), *cf);
    if (!done) return console.refused(done.error());
    console.done("The PIN is now at level dispositivo.", {{"level", "dispositivo"}});
  });
}

}  // namespace sportello::cli
