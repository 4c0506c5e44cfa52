#pragma once
// What a signed-in citizen may consult in the reserved area at any level (SPEC §5): their contribution
// record, their Certificazioni Uniche and their pension slips. Every record is found through the session's
// own citizen; asking for a year or month the citizen has none of is not-found, whoever else has one.
#include <vector>

#include "flows/flow_context.h"
#include "services/certificazione_unica.h"
#include "services/contribution_record.h"
#include "services/pension_slip.h"

namespace sportello {

class ConsultRecords {
 public:
  explicit ConsultRecords(FlowContext& ctx) : ctx_(ctx) {}
  // Errors (all): citizens-only (forbidden) for a staff session; unavailable.
  Result<ContributionRecord> contributions(const Session& session);
  // Newest year first.
  Result<std::vector<CertificazioneUnica>> certificazioni(const Session& session);
  // Errors: cu-not-found.
  Result<CertificazioneUnica> certificazione(const Session& session, int year);
  // Newest month first.
  Result<std::vector<PensionSlip>> pension_slips(const Session& session);
  // The slips of one month (one per pension). Errors: pension-slip-not-found.
  Result<std::vector<PensionSlip>> pension_slip(const Session& session, std::chrono::year_month month);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
