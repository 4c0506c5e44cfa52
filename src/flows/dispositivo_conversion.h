#pragma once
// Conversion of a PIN to level dispositivo (SPEC §4.7). Online: the holder, logged in at level ordinario,
// uploads one file (signed form plus identity document, at most 1 MB, PDF/JPEG/PNG by content); a
// back-office reviewer approves or rejects it with a reason and the holder is told. At an office the
// operator converts at once on form MV35.
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"

namespace sportello {

// A request as the reviewer sees it: the document and whose it is.
struct DispositivoReview {
  DispositivoRequest request;
  std::string codice_fiscale;
  PersonalData holder;
};

class DispositivoConversion {
 public:
  explicit DispositivoConversion(FlowContext& ctx) : ctx_(ctx) {}
  // Citizen session. Errors: document-*, already-dispositivo, request-pending (conflict), illegal-transition.
  Result<std::int64_t> request(const Session& session, std::string document);
  // Back office. Errors: request-not-found, request-already-decided, reason-required.
  Status approve(const Actor& actor, std::int64_t request_id);
  Status reject(const Actor& actor, std::int64_t request_id, const std::string& reason);
  // Office, form MV35. Errors: holder-not-found, already-dispositivo, illegal-transition.
  Status convert_at_office(const Actor& actor, const std::string& codice_fiscale);
  // Back office: requests waiting for review, oldest first, without the document bytes.
  Result<std::vector<DispositivoRequest>> pending(const Actor& actor, int limit = 100);
  // Back office: one request with its document.
  Result<DispositivoRequest> get(const Actor& actor, std::int64_t request_id);
  // Back office: one request with its document and the holder's identity; the viewing is audited, so the
  // holder sees who consulted their data (SPEC §6). Errors: request-not-found.
  Result<DispositivoReview> review(const Actor& actor, std::int64_t request_id);

 private:
  Status decide(const Actor& actor, std::int64_t request_id, bool approve, const std::string& reason);
  FlowContext& ctx_;
};

}  // namespace sportello
