#pragma once
// The typed application form (SPEC §5, issues 10 and 11) as every page that files one shows and reads it: the
// citizen's own (application_form_page.cpp), a patronato's on a citizen's behalf (console_patronato_filing.cpp)
// and the contact centre's for a caller (console_caller.cpp). The fields by kind (services/application_form.h),
// the attachments, the summary of every problem linking to its field, each error next to its field and every
// typed value kept; the body is multipart (templates/_app_form_fields.mustache) with the CSRF token and a
// one-time key, so a double click files once. Internal to src/web.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "flows/services/file_application.h"
#include "web/applications_pages.h"

namespace sportello::web {

inline constexpr const char* kAttachmentsField = "allegati";
inline constexpr const char* kKeyField = "chiave";

// What was sent: the fields (a textarea's lines as repeated values), the files, the one-time key, the CSRF
// token and the page's own parts named in `carried` (e.g. the contact centre's caller), by name.
struct TypedApplication {
  FieldValues values;
  std::vector<UploadedFile> files;
  std::string key;
  std::string csrf;
  std::multimap<std::string, std::string> carried;
};

// The route's {type} as an application type; nullopt when it names none.
std::optional<ApplicationType> application_type_param(const http::Request& r);

// An empty form with a new one-time key.
TypedApplication fresh_application();

// The multipart body of `form`'s page; nullopt when it is not a well-formed multipart form.
std::optional<TypedApplication> typed_application(const http::Request& r, const ApplicationForm& form,
                                                  std::span<const char* const> carried = {});

// The values of templates/_app_form_fields.mustache and _app_error_summary.mustache: key, fields,
// attachments_needed, attachments_required, attachments_error, files_again, has_problems, problem_count,
// problems.
void put_application_form(const ApplicationsText& text, const ApplicationForm& form, const TypedApplication& typed,
                          const std::vector<Error>& problems, PageData& values);

// The problems to show after a filing's refusal `error` (invalid_input): the ones the flow listed, plus the
// refusal when it came alone (attachments, key). A refused key is replaced in `typed` with a new one.
std::vector<Error> filing_problems(const Error& error, std::vector<Error> problems, TypedApplication& typed);

// The largest body a filing form may send: room for every attachment somewhat over its limit, so that each
// gets its own clear message.
std::uint64_t filing_body_limit(const Web& web);

}  // namespace sportello::web
