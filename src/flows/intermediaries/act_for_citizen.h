#pragma once
// What a patronato operator does for a citizen under a mandate (SPEC §6, issue 11). "Ricerca soggetto" by
// codice fiscale finds the citizen only when the operator's organisation holds an active mandate from them;
// otherwise the answer, and its cost, is the one for a code nobody holds: one transaction, one query and one
// audit row either way, so the search tells nothing about who is a citizen. Under the mandate the operator
// reads the citizen's personal data, the contribution record (scope "every service") and the applications of
// the types the scope covers, and files those on the citizen's behalf. Every read and action is audited under
// the citizen, naming the mandate, so the citizen's access page shows it; nothing works after revocation or
// expiry.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "flows/services/file_application.h"
#include "intermediaries/mandate.h"
#include "intermediaries/organisation.h"
#include "services/application.h"
#include "services/contribution_record.h"

namespace sportello {

// The citizen an operator may act for, and the mandate that lets them.
struct MandatedSubject {
  Citizen citizen;
  Mandate mandate;
  Organisation organisation;
};

class ActForCitizen {
 public:
  explicit ActForCitizen(FlowContext& ctx) : ctx_(ctx) {}

  // Ricerca soggetto. Errors: the codice fiscale's own (invalid-cf-*), patronato-only, organisation-disabled,
  // subject-not-found (no citizen holds the code, or none under an active mandate of this organisation).
  Result<MandatedSubject> search(const Actor& actor, std::string_view codice_fiscale);
  // The citizen's personal data and contacts. Errors: patronato-only, organisation-disabled,
  // subject-not-found (no active mandate: also for an id nobody has).
  Result<MandatedSubject> personal_data(const Actor& actor, std::int64_t citizen_id);
  // Errors: as personal_data; outside-mandate-scope (the mandate names application types only).
  Result<ContributionRecord> contributions(const Actor& actor, std::int64_t citizen_id);
  // The applications of the types the mandate covers, newest first.
  Result<std::vector<Application>> applications(const Actor& actor, std::int64_t citizen_id);
  // Errors: as personal_data; application-not-found (also one of a type the mandate does not cover).
  Result<Application> application(const Actor& actor, std::int64_t citizen_id, std::int64_t id);
  // The form of `type` for the citizen. Errors: as personal_data; outside-mandate-scope.
  Result<ApplicationForm> form(const Actor& actor, std::int64_t citizen_id, ApplicationType type);
  // Files on the citizen's behalf: the application records the operator and the organisation (the receipt says
  // "presentata tramite patronato ..."), the citizen is told as for their own. Errors: as personal_data;
  // outside-mandate-scope; FileApplication's.
  Result<FiledApplication> file(const Actor& actor, std::int64_t citizen_id, const ApplicationDraft& draft,
                                std::vector<Error>& problems);

 private:
  // Runs `read` in one transaction under the operator's active mandate from the citizen, then writes the audit
  // row `action` under the citizen (what `read` puts in `detail`, then the mandate) in the same transaction.
  using Read = std::function<Status(Repositories&, const MandatedSubject&, std::string& detail)>;
  Status audited_read(const Actor& actor, std::int64_t citizen_id, const char* action, const Read& read);

  FlowContext& ctx_;
};

Error subject_not_found();

}  // namespace sportello
