#pragma once
// Filing an application from the reserved area (SPEC §5, issue 10). Only a dispositivo holder may file; an
// ordinario one is told why (forbidden, dispositivo-required). The form is the type's definition for this
// holder (services/application_form.h); attachments are PDF, JPEG or PNG judged by their content, at most
// 5 files of applications.max_attachment_bytes each. One transaction writes the application, its
// attachments, its protocol number (INPS.<office>.<year>.<7 digits>, no gaps per year), the audit row and the
// e-mail to the holder. Submitting the same form twice (the same idempotency key) files once and answers
// with the first filing.
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

class FileApplication {
 public:
  explicit FileApplication(FlowContext& ctx) : ctx_(ctx) {}
  // The form of `type` for the session's holder. Errors: citizens-only, holder-not-found.
  Result<ApplicationForm> form(const Session& session, ApplicationType type);
  // Errors: citizens-only; dispositivo-required (forbidden); idempotency-key-invalid; application-invalid
  // (`problems` lists every field's problem); attachments-required, too-many-attachments, attachment-empty,
  // attachment-too-large, attachment-type (field "attachments"); unavailable.
  Result<FiledApplication> run(const Session& session, const ApplicationDraft& draft, std::vector<Error>& problems);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
