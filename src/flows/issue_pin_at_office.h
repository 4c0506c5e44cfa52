#pragma once
// Issuance at an office (SPEC §4.3): after checking an identity document the operator gets the whole
// 16-character PIN at once, to print for the holder, already at level dispositivo. A PIN the person held
// before is revoked in the same transaction (and its sessions end), and the codice fiscale's lockout count
// starts afresh.
#include "core/secret.h"
#include "flows/actor.h"
#include "flows/applicant.h"
#include "flows/flow_context.h"

namespace sportello {

struct OfficeIssueInput {
  ApplicantInput applicant;
  std::string document_kind;    // e.g. "carta d'identità", "passaporto"
  std::string document_number;  // recorded in the audit row
};

struct OfficeIssued {
  std::int64_t citizen_id = 0;
  Secret pin;                   // 16 characters, to print; never stored in clear
  Instant expires_at{};         // first access must happen before this
};

class IssuePinAtOffice {
 public:
  explicit IssuePinAtOffice(FlowContext& ctx) : ctx_(ctx) {}
  // Office operators. Errors: validation of the applicant, missing-document.
  Result<OfficeIssued> run(const Actor& actor, const OfficeIssueInput& input);
  // The same, with every problem at once in `problems` (each names its field); returns the first.
  Result<OfficeIssued> run(const Actor& actor, const OfficeIssueInput& input, std::vector<Error>& problems);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
