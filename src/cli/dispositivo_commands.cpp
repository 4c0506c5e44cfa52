// sportelloctl dispositivo list | approve | reject
#include "cli/console.h"
#include "flows/dispositivo_conversion.h"

namespace sportello::cli {
namespace {

struct Decision {
  std::int64_t id = 0;
  std::string reason;
};

void list_dispositivo(Console& console) {
  App* app = console.app();
  if (!app) return;
  auto pending = DispositivoConversion(app->context()).pending(console.actor());
  if (!pending) return console.refused(pending.error());
  boost::json::array rows;
  std::string text;
  for (const DispositivoRequest& d : *pending) {
    rows.push_back(boost::json::object{{"id", d.id}, {"citizen_id", d.citizen_id}, {"document_type", to_string(d.document_type)},
                                       {"submitted_at", format_utc_iso(d.submitted_at)}});
    text += std::to_string(d.id) + "  citizen " + std::to_string(d.citizen_id) + "  " + to_string(d.document_type) +
            "  " + format_rome_datetime(d.submitted_at) + "\n";
  }
  console.done(text.empty() ? "No dispositivo request awaits review." : text, {{"requests", rows}});
}

}  // namespace

void add_dispositivo_commands(CLI::App& root, Console& console) {
  CLI::App* group = root.add_subcommand("dispositivo", "Review of requests for level dispositivo")->require_subcommand(1);
  group->add_subcommand("list", "Requests awaiting review")->callback([&console] { list_dispositivo(console); });

  auto a = std::make_shared<Decision>();
  CLI::App* approve = group->add_subcommand("approve", "Approve a request: the PIN becomes dispositivo");
  approve->add_option("ID", a->id, "Request number")->required();
  approve->callback([&console, a] {
    App* app = console.app();
    if (!app) return;
    auto done = DispositivoConversion(app->context()).approve(console.actor(), a->id);
    if (!done) return console.refused(done.error());
    console.done("Approved; the holder is told.", {{"approved", true}});
  });

  auto r = std::make_shared<Decision>();
  CLI::App* reject = group->add_subcommand("reject", "Reject a request with a reason");
  reject->add_option("ID", r->id, "Request number")->required();
  reject->add_option("--reason", r->reason, "Why (told to the holder)")->required();
  reject->callback([&console, r] {
    App* app = console.app();
    if (!app) return;
    auto done = DispositivoConversion(app->context()).reject(console.actor(), r->id, r->reason);
    if (!done) return console.refused(done.error());
    console.done("Rejected; the holder is told.", {{"rejected", true}});
  });
}

}  // namespace sportello::cli
