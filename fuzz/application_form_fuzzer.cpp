// Applications as citizens type them (services/application_form.h): the input's first line names the type
// ("naspi", "assegno-nucleo-familiare", ...; anything else is tried as every type in turn), the next lines
// are "field=value" (a field may repeat: choices, codici fiscali). check_application() runs on the type's form
// for a fixed applicant, as FileApplication does before storing anything.
//
// Properties beyond "no crash": an application is either accepted with no problem or refused with at least one,
// each naming a field of the form; accepted values are normalised (dates ISO, money as cents, IBAN electronic)
// and so pass the same check again.
#include <algorithm>
#include <string>

#include "fuzz_support.h"
#include "services/application_form.h"

namespace {

using namespace sportello;

const ApplicantFacts& applicant() {
  static const ApplicantFacts facts{"RSSMRA85T10H501Z",
                                    Date{std::chrono::year{1985}, std::chrono::month{12}, std::chrono::day{10}},
                                    {Gestione::fpld, Gestione::gestione_separata, Gestione::artigiani}};
  return facts;
}

void check(ApplicationType type, const FieldValues& typed) {
  const ApplicationForm form = form_for(type, applicant());
  std::vector<Error> problems;
  auto checked = check_application(form, typed, applicant(), fuzz::places(), fuzz::kToday, problems);
  FUZZ_CHECK(checked.ok() == problems.empty(), std::to_string(problems.size()));
  for (const Error& e : problems)
    FUZZ_CHECK(std::any_of(form.fields.begin(), form.fields.end(), [&](const FormField& f) { return f.name == e.field; }),
               e.field + ": " + e.code);
  if (!checked) return;
  FieldValues normalised;
  for (const ApplicationField& f : *checked)
    for (const std::string& v : f.values) {
      // The check stores money as cents; typed again it is written in euro with two decimals.
      const bool money = std::any_of(form.fields.begin(), form.fields.end(),
                                     [&](const FormField& ff) { return ff.name == f.name && ff.kind == FieldKind::money; });
      normalised.emplace(f.name, money ? std::to_string(std::stoll(v) / 100) + "," +
                                             std::string(std::stoll(v) % 100 < 10 ? "0" : "") +
                                             std::to_string(std::stoll(v) % 100)
                                       : v);
    }
  std::vector<Error> again_problems;
  auto again = check_application(form, normalised, applicant(), fuzz::places(), fuzz::kToday, again_problems);
  FUZZ_CHECK(again.ok() && *again == *checked,
             again_problems.empty() ? std::string("changed") : again_problems.front().field + ": " + again_problems.front().code);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t eol = input.find('\n');
  FieldValues typed;
  if (eol != std::string_view::npos)
    for (auto& [key, value] : fuzz::key_values(input.substr(eol + 1))) typed.emplace(key, value);
  if (const auto type = parse_application_type(input.substr(0, eol))) {
    FUZZ_CHECK(to_string(*type) == input.substr(0, eol), std::string(input.substr(0, eol)));
    check(*type, typed);
  } else {
    for (const ApplicationType type : kAllApplicationTypes) check(type, typed);
  }
  (void)parse_euro_typed(input);
  return 0;
}
