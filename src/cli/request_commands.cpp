// sportelloctl request list | confirm | reject | register-phone
#include "cli/applicant_options.h"
#include "cli/console.h"
#include "flows/request_pin.h"
#include "flows/review_request.h"

namespace sportello::cli {
namespace {

struct RequestDecision {
  std::string codice_fiscale, reason;
};

void queue(Console& console) {
  App* app = console.app();
  if (!app) return;
  auto pending = ReviewRequest(app->context()).queue(console.actor());
  if (!pending) return console.refused(pending.error());
  boost::json::array rows;
  std::string text;
  for (const PendingRequest& p : *pending) {
    const long long hours = p.age.count() / 3600;
    rows.push_back(boost::json::object{{"codice_fiscale", p.codice_fiscale}, {"surname", p.surname}, {"name", p.name},
                                       {"requested_at", format_utc_iso(p.requested_at)}, {"age_seconds", p.age.count()},
                                       {"overdue", p.overdue}});
    text += p.codice_fiscale + "  " + p.surname + " " + p.name + "  " + std::to_string(hours) + " h" +
            (p.overdue ? "  OVERDUE" : "") + "\n";
  }
  console.done(text.empty() ? "No request awaits confirmation." : text, {{"requests", rows}});
}

void phone(Console& console, const PhoneRequestInput& input) {
  App* app = console.app();
  if (!app) return;
  auto registered = RegisterPhoneRequest(app->context()).run(console.actor(), input);
  if (!registered) return console.refused(registered.error());
  console.done("Request registered: the first half leaves by post; the holder activates online.",
               {{"citizen_id", registered->citizen_id}, {"credential_id", registered->credential_id}});
}

}  // namespace

void add_request_commands(CLI::App& root, Console& console) {
  CLI::App* request = root.add_subcommand("request", "PIN requests awaiting the contact center")->require_subcommand(1);
  request->add_subcommand("list", "Online requests awaiting data confirmation, oldest first")->callback([&console] { queue(console); });

  auto d = std::make_shared<RequestDecision>();
  CLI::App* confirm = request->add_subcommand("confirm", "Confirm the data: the second half leaves by letter");
  confirm->add_option("--cf", d->codice_fiscale, "Codice fiscale of the applicant")->required();
  confirm->callback([&console, d] {
    App* app = console.app();
    if (!app) return;
    auto done = ReviewRequest(app->context()).confirm(console.actor(), d->codice_fiscale);
    if (!done) return console.refused(done.error());
    console.done("Data confirmed; the letter with the second half is queued.", {{"confirmed", true}});
  });

  auto r = std::make_shared<RequestDecision>();
  CLI::App* reject = request->add_subcommand("reject", "Reject the data: the request is cancelled");
  reject->add_option("--cf", r->codice_fiscale, "Codice fiscale of the applicant")->required();
  reject->add_option("--reason", r->reason, "Why (told to the applicant)")->required();
  reject->callback([&console, r] {
    App* app = console.app();
    if (!app) return;
    auto done = ReviewRequest(app->context()).reject(console.actor(), r->codice_fiscale, r->reason);
    if (!done) return console.refused(done.error());
    console.done("Request cancelled; the applicant is told.", {{"rejected", true}});
  });

  auto p = std::make_shared<PhoneRequestInput>();
  CLI::App* phone_cmd = request->add_subcommand("register-phone", "Register a request taken by phone (first half by post)");
  add_applicant_options(phone_cmd, p->applicant);
  phone_cmd->add_option("--tessera-number", p->tessera_number, "Health card number (20 digits)")->required();
  phone_cmd->add_option("--tessera-expiry", p->tessera_expiry, "Health card expiry (YYYY-MM-DD)")->required();
  phone_cmd->callback([&console, p] { phone(console, *p); });
}

}  // namespace sportello::cli
