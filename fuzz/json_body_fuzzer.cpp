// JSON request bodies (http/json_body.h) as the API reads them: JsonBody::parse on the body (Content-Type
// application/json), every field the handlers read with text() and flag(), and the person a PIN request,
// an activation or a phone request sends (http/api/applicant_json.h) validated as flows/applicant.h does.
//
// Properties beyond "no crash": a body that is not one JSON object is refused with 400 malformed-json; a field
// of the wrong type leaves a 400 invalid-json-field problem; a refused applicant names a field for every problem.
#include <string>

#include "flows/applicant.h"
#include "fuzz_support.h"
#include "http/api/applicant_json.h"
#include "http/json_body.h"

namespace {

using namespace sportello;
using namespace sportello::http;

// Every field name the API's handlers read from a JSON body (src/http/api/*.cpp).
constexpr const char* kTextFields[] = {
    "code",         "codice_fiscale", "current_password", "current_pin",   "decision",       "document_kind",
    "document_number", "email",       "expired_pin",      "mobile",        "new_password",   "new_pin",
    "password",     "pec",            "pec_cittadino",    "pin",           "reason",         "send_second_half_to",
    "tessera_expiry", "tessera_number", "token",          "totp",          "username"};
constexpr const char* kFlagFields[] = {"identity_checked"};

void read_fields(JsonBody& body) {
  for (const char* key : kTextFields) (void)body.text(key);
  for (const char* key : kFlagFields) (void)body.flag(key);
  const ApplicantInput input = applicant_from(body);
  if (const auto& problem = body.type_problem()) {
    FUZZ_CHECK(problem->result() == HttpStatus::bad_request, std::to_string(problem->result_int()));
    return;  // the handlers answer the type problem before anything else
  }
  std::vector<Error> problems;
  auto applicant = validate_applicant(input, fuzz::places(), fuzz::kToday, problems);
  FUZZ_CHECK(applicant.ok() == problems.empty(), std::to_string(problems.size()));
  for (const Error& e : problems) FUZZ_CHECK(!e.field.empty(), e.code);
  std::vector<Error> first_step;
  (void)validate_first_step(input, fuzz::places(), fuzz::kToday, first_step);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  RawRequest raw{Verb::post, "/api/v1/pin-requests", 11};
  raw.set(beast_http::field::content_type, "application/json; charset=utf-8");
  raw.body().assign(reinterpret_cast<const char*>(data), size);
  const Request request{raw, "/api/v1/pin-requests", {}, {}, "192.0.2.1"};
  Response problem;
  auto body = JsonBody::parse(request, problem);
  if (!body) {
    FUZZ_CHECK(problem.result() == HttpStatus::bad_request && problem.body().find("malformed-json") != std::string::npos,
               problem.body());
    return 0;
  }
  read_fields(*body);
  return 0;
}
