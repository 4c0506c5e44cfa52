// sportelloctl org add | update | disable | enable | list | show: the patronati (SPEC §6, issue 11); their operators
// are made with `staff add --role patronato --org CODE`. And `mandate expire`: the sweep the server runs.
#include "cli/console.h"
#include "flows/intermediaries/mandates.h"
#include "flows/intermediaries/organisations.h"

namespace sportello::cli {
namespace {

boost::json::object organisation_json(const Organisation& o) {
  boost::json::array offices;
  for (const std::string& office : o.offices) offices.push_back(boost::json::string(office));
  return {{"id", o.id}, {"code", o.code}, {"name", o.name}, {"offices", offices}, {"disabled", o.disabled}};
}

std::string organisation_text(const Organisation& o) {
  std::string text = o.code + "  " + o.name + (o.disabled ? "  (disabled)" : "") + "\n";
  for (const std::string& office : o.offices) text += "    " + office + "\n";
  return text;
}

void add_or_update(Console& console, const OrganisationInput& input, bool update) {
  App* app = console.app();
  if (!app) return;
  Organisations organisations(app->context());
  auto stored = update ? organisations.update(console.actor(), input) : organisations.add(console.actor(), input);
  if (!stored) return console.refused(stored.error());
  console.done(std::string(update ? "Updated: " : "Added: ") + organisation_text(*stored) +
                   (update ? "" : "Add its operators with: sportelloctl staff add --role patronato --org " + stored->code),
               {{"organisation", organisation_json(*stored)}});
}

void set_disabled(Console& console, const std::string& code, bool disabled) {
  App* app = console.app();
  if (!app) return;
  auto ended = Organisations(app->context()).set_disabled(console.actor(), code, disabled);
  if (!ended) return console.refused(ended.error());
  console.done(disabled ? "Disabled " + code + ": its operators cannot log in; " + std::to_string(*ended) +
                              " open sessions ended."
                        : "Enabled " + code + ": its operators may log in again.",
               {{"code", code}, {"disabled", disabled}, {"sessions_ended", *ended}});
}

}  // namespace

void add_org_commands(CLI::App& root, Console& console) {
  CLI::App* org = root.add_subcommand("org", "Patronati: the organisations whose operators act under mandate")
                      ->require_subcommand(1);
  for (const bool update : {false, true}) {
    auto input = std::make_shared<OrganisationInput>();
    CLI::App* cmd = update ? org->add_subcommand("update", "Replace an organisation's name and offices (the code stays)")
                           : org->add_subcommand("add", "Add an organisation");
    cmd->add_option("--code", input->code, "2 to 16 letters, digits or '-', e.g. INCA")->required();
    cmd->add_option("--name", input->name, "Name shown to citizens, e.g. \"Patronato INCA CGIL\"")->required();
    cmd->add_option("--office", input->offices, "An office where citizens meet it, one line (repeat for more)");
    cmd->callback([&console, input, update] { add_or_update(console, *input, update); });
  }
  for (const bool disabled : {true, false}) {
    auto code = std::make_shared<std::string>();
    CLI::App* cmd = disabled ? org->add_subcommand("disable", "Disable it: ends its operators' sessions, refuses their logins")
                             : org->add_subcommand("enable", "Let its operators log in again");
    cmd->add_option("--code", *code, "The organisation's code")->required();
    cmd->callback([&console, code, disabled] { set_disabled(console, *code, disabled); });
  }
  org->add_subcommand("list", "Every organisation with its number of operators")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    auto all = Organisations(app->context()).list(console.actor());
    if (!all) return console.refused(all.error());
    boost::json::array rows;
    std::string text;
    for (const OrganisationSummary& s : *all) {
      auto row = organisation_json(s.organisation);
      row["operators"] = s.operators;
      rows.push_back(row);
      text += organisation_text(s.organisation) + "    " + std::to_string(s.operators) + " operators\n";
    }
    console.done(text.empty() ? "No organisations." : text, {{"organisations", rows}});
  });
  auto shown = std::make_shared<std::string>();
  CLI::App* show = org->add_subcommand("show", "One organisation");
  show->add_option("--code", *shown, "The organisation's code")->required();
  show->callback([&console, shown] {
    App* app = console.app();
    if (!app) return;
    auto found = Organisations(app->context()).get(console.actor(), *shown);
    if (!found) return console.refused(found.error());
    console.done(organisation_text(*found), {{"organisation", organisation_json(*found)}});
  });

  CLI::App* mandate = root.add_subcommand("mandate", "Citizens' mandates to patronati")->require_subcommand(1);
  mandate->add_subcommand("expire", "Mark the mandates past their last day expired (the server does it with its periodic maintenance)")
      ->callback([&console] {
        App* app = console.app();
        if (!app) return;
        auto expired = Mandates(app->context()).expire_due();
        if (!expired) return console.refused(expired.error());
        console.done(std::to_string(*expired) + " mandates expired.", {{"expired", *expired}});
      });
}

}  // namespace sportello::cli
