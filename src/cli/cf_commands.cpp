// sportelloctl cf check CODE | cf compute ...
#include "cli/console.h"
#include "core/codice_fiscale.h"

namespace sportello::cli {
namespace {

struct ComputeOptions {
  std::string surname, name, sex, birth_date, birth_place, province;
  bool all = false;
};

void check(Console& console, const std::string& text) {
  App* app = console.app();
  if (!app) return;
  const Instant now = app->clock().now();
  auto cf = CodiceFiscale::parse(text, app->context().places, rome_date(now));
  if (!cf) return console.refused(cf.error());
  const BirthPlace& place = cf->birth_place();
  const std::string sex(1, sex_letter(cf->sex()));
  std::string out = cf->code() + "\n  sex: " + sex + "\n  birth date: " + format_date(cf->birth_date()) +
                    "\n  birth place: " + place.name + " (" + place.province + ") " + place.code;
  if (cf->omocode()) out += "\n  omocode: given as " + cf->as_given();
  console.done(out, {{"codice_fiscale", cf->code()},
                     {"as_given", cf->as_given()},
                     {"omocode", cf->omocode()},
                     {"sex", sex},
                     {"birth_date", format_date(cf->birth_date())},
                     {"birth_place", {{"code", place.code}, {"name", place.name}, {"province", place.province},
                                      {"foreign", place.foreign}}}});
}

void compute(Console& console, const ComputeOptions& o) {
  App* app = console.app();
  if (!app) return;
  const auto sex = parse_sex(o.sex);
  if (!sex) return console.refused(Error::invalid("invalid-sex", "--sex is M or F.", "sex"));
  const auto born = parse_date(o.birth_date);
  if (!born) return console.refused(Error::invalid("invalid-birth-date", "--birth-date is YYYY-MM-DD.", "birth_date"));
  auto code = compute_codice_fiscale({o.surname, o.name, *sex, *born, o.birth_place, o.province}, app->context().places);
  if (!code) return console.refused(code.error());
  boost::json::object value{{"codice_fiscale", *code}};
  std::string text = *code;
  if (o.all) {
    boost::json::array variants;
    for (const std::string& v : omocodia_variants(*code)) {
      variants.push_back(boost::json::string(v));
      text += "\n" + v;
    }
    value["omocodia_variants"] = variants;
  }
  console.done(text, value);
}

}  // namespace

void add_cf_commands(CLI::App& root, Console& console) {
  CLI::App* cf = root.add_subcommand("cf", "Codice fiscale tools")->require_subcommand(1);
  auto code = std::make_shared<std::string>();
  CLI::App* check_cmd = cf->add_subcommand("check", "Validate a code and decode it (prints what is wrong otherwise)");
  check_cmd->add_option("CODE", *code, "The codice fiscale")->required();
  check_cmd->callback([&console, code] { check(console, *code); });

  auto o = std::make_shared<ComputeOptions>();
  CLI::App* compute_cmd = cf->add_subcommand("compute", "Compute the code of a person");
  compute_cmd->add_option("--surname", o->surname, "Surname")->required();
  compute_cmd->add_option("--name", o->name, "Given name(s)")->required();
  compute_cmd->add_option("--sex", o->sex, "M or F")->required();
  compute_cmd->add_option("--birth-date", o->birth_date, "YYYY-MM-DD")->required();
  compute_cmd->add_option("--birth-place", o->birth_place, "Comune or foreign state, or its Belfiore code")->required();
  compute_cmd->add_option("--province", o->province, "Province of the comune (e.g. RM), to tell namesakes apart");
  compute_cmd->add_flag("--all", o->all, "Also print the 7 omocodia variants");
  compute_cmd->callback([&console, o] { compute(console, *o); });
}

}  // namespace sportello::cli
