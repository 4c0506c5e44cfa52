// multipart/form-data (http/multipart.h): the uploads of the dispositivo request and of applications. The
// input's first line is the Content-Type header's value, the rest the body: multipart_boundary() on the first,
// parse_multipart() on the second with the boundary found (or, when none, a fixed one). When the parts name an
// application type, its fields are checked as an application is (services/application_form.h).
//
// Properties beyond "no crash": a boundary is 1-70 characters; every part has a name; a part's bytes never
// hold the delimiter line.
#include <string>

#include "fuzz_support.h"
#include "http/multipart.h"
#include "services/application_form.h"

namespace {

using namespace sportello;
using namespace sportello::http;

void check_application_parts(const std::vector<FormPart>& parts) {
  std::optional<ApplicationType> type;
  FieldValues values;
  for (const FormPart& p : parts) {
    if (p.name == "type") type = parse_application_type(p.data);
    else if (p.name != "attachments" && p.name != "idempotency_key") values.emplace(p.name, p.data);
  }
  if (!type) return;
  ApplicantFacts applicant{"RSSMRA85T10H501Z", Date{std::chrono::year{1985}, std::chrono::month{12}, std::chrono::day{10}},
                           {Gestione::fpld, Gestione::gestione_separata}};
  std::vector<Error> problems;
  auto checked = check_application(form_for(*type, applicant), values, applicant, fuzz::places(), fuzz::kToday, problems);
  FUZZ_CHECK(checked.ok() == problems.empty(), std::to_string(problems.size()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t eol = input.find('\n');
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);

  const auto boundary = multipart_boundary(content_type);
  if (boundary) FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70, *boundary);
  const std::string used = boundary.value_or("----sportello-fuzz");
  const auto parts = parse_multipart(body, used);
  if (!parts) return 0;
  const std::string delimiter = "\r\n--" + used;
  for (const FormPart& part : *parts) {
    FUZZ_CHECK(!part.name.empty(), part.filename);
    FUZZ_CHECK(part.data.find(delimiter) == std::string::npos, part.name);
  }
  check_application_parts(*parts);
  return 0;
}
