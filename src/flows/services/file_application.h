#pragma once
// Filing an application from the reserved area (SPEC §5, issue 10). Only a dispositivo holder may file; an
// ordinario one is told why (forbidden, dispositivo-required). The form is the type's definition for this
// holder (services/application_form.h); attachments are PDF, JPEG or PNG judged by their content, at most
// 5 files of applications.max_attachment_bytes each. One transaction writes the application, its
// attachments, its protocol number (INPS.<office>.<year>.<7 digits>, no gaps per year), the audit row and the
// e-mail to the holder. Submitting the same form twice (the same idempotency key) files once and answers
// with the first filing.
#include <functional>
#include <string>
#include <vector>

#include "flows/flow_context.h"
#include "services/application.h"

namespace sportello {

struct UploadedFile {
  std::string name;   // as the browser sent it; folders are removed
  std::string bytes;
};

struct ApplicationDraft {
  ApplicationType type = ApplicationType::naspi;
  FieldValues values;
  std::vector<UploadedFile> files;
  std::string idempotency_key;  // 16..64 characters [A-Za-z0-9_-]
};

struct FiledApplication {
  Application application;
  bool repeated = false;  // the same key was filed before: nothing new was written
};

// Who files when it is not the holder (issue 11): a patronato operator under mandate or the contact centre for
// a caller. `actor` is recorded on the application's first event and its audit row; `through` is what the
// receipt says it was filed through; `detail` is what the audit row adds (the mandate, the call); and
// `still_allowed` runs again inside the filing transaction, so a mandate revoked meanwhile stops the filing.
struct OnBehalf {
  std::string actor;    // "staff:<username>"
  std::string through;  // "patronato Patronato INCA CGIL", "Contact Center"
  std::string detail;   // "mandate 12; organisation:INCA"
  std::function<Status(Repositories&)> still_allowed;
};

class FileApplication {
 public:
  explicit FileApplication(FlowContext& ctx) : ctx_(ctx) {}
  // The form of `type` for the session's holder. Errors: citizens-only, holder-not-found.
  Result<ApplicationForm> form(const Session& session, ApplicationType type);
  // Errors: citizens-only; dispositivo-required (forbidden); idempotency-key-invalid; application-invalid
  // (`problems` lists every field's problem); attachments-required, too-many-attachments, attachment-empty,
  // attachment-too-large, attachment-type (field "attachments"); unavailable.
  Result<FiledApplication> run(const Session& session, const ApplicationDraft& draft, std::vector<Error>& problems);
  // The form of `type` for a citizen, for those who file on their behalf. Errors: holder-not-found.
  Result<ApplicationForm> form_for_citizen(std::int64_t citizen_id, ApplicationType type);
  // Files for the citizen `citizen_id` on someone else's behalf; the caller has checked the filer's right.
  // Errors: as run, without the level; and still_allowed's.
  Result<FiledApplication> run_on_behalf(std::int64_t citizen_id, const ApplicationDraft& draft, const OnBehalf& filer,
                                         std::vector<Error>& problems);

 private:
  Result<FiledApplication> file(std::int64_t citizen_id, const ApplicationDraft& draft, const OnBehalf& filer,
                                std::vector<Error>& problems);

  FlowContext& ctx_;
};

}  // namespace sportello
