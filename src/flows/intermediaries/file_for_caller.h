#pragma once
// The contact centre files an application for a caller (SPEC §6, issue 11): the operator first records how the
// caller's identity was checked (which questions were asked, never the answers), then fills the citizen's form.
// The application says it was filed through the Contact Center, its audit row names the operator and the
// questions, and the receipt goes to the citizen's contacts as for their own filing. Role contact_center.
#include <string>
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "flows/services/file_application.h"

namespace sportello {

struct CallerFiling {
  std::string codice_fiscale;
  std::vector<std::string> identity_questions;  // names from intermediaries/identity_check.h
  ApplicationDraft draft;
};

class FileForCaller {
 public:
  explicit FileForCaller(FlowContext& ctx) : ctx_(ctx) {}
  // The caller's form. Errors: role-forbidden, the codice fiscale's own, citizen-not-found.
  Result<ApplicationForm> form(const Actor& actor, const std::string& codice_fiscale, ApplicationType type);
  // Errors: role-forbidden, identity-check-too-weak (field identity_questions: fewer than two different
  // known questions), the codice fiscale's own, citizen-not-found, FileApplication's.
  Result<FiledApplication> run(const Actor& actor, const CallerFiling& filing, std::vector<Error>& problems);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
