#pragma once
// Mandates to patronati (SPEC §6, issue 11). A citizen grants one from the reserved area (choose the
// patronato, the scope, the last day: at most 12 months ahead) and revokes it at any time; a patronato
// operator records one from the signed form (a PDF of at most 1 MB, judged by its content), which is active at
// once and is told to the citizen through the outbox (e-mail when known). A citizen has at most one active
// mandate per patronato. Mandates past their last day are marked expired by a periodic sweep (and count as
// expired before it runs). Every change is audited under the citizen, so their access page shows it.
#include <optional>
#include <string>
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "intermediaries/mandate.h"
#include "intermediaries/organisation.h"

namespace sportello {

// A mandate as its citizen sees it: with the patronato's name and its state now.
struct CitizenMandate {
  Mandate mandate;
  MandateState state = MandateState::active;
  std::string organisation_code, organisation_name;
};

// A mandate as its patronato sees it: with the citizen's codice fiscale and name.
struct OrganisationMandate {
  Mandate mandate;
  MandateState state = MandateState::active;
  std::string codice_fiscale, surname, name;
};

struct GrantMandateInput {
  std::string organisation_code;
  MandateScope scope;
  Date ends_on{};
};

// What the operator copies from the signed form: the citizen is found only when all three agree.
struct RecordMandateInput {
  std::string codice_fiscale;
  std::string surname;
  Date birth_date{};
  MandateScope scope;
  Date ends_on{};
  std::string document;  // the signed mandate, a PDF
};

inline constexpr std::size_t kMaxMandateDocumentBytes = 1024 * 1024;

class Mandates {
 public:
  explicit Mandates(FlowContext& ctx) : ctx_(ctx) {}

  // The enabled patronati a citizen may choose from, by name.
  Result<std::vector<Organisation>> patronati(const Session& session);
  // Errors: citizens-only, organisation-not-found (unknown or disabled), mandate-end-past,
  // mandate-end-too-far, mandate-already-active (conflict: revoke the other first).
  Result<Mandate> grant(const Session& session, const GrantMandateInput& input);
  // Newest first. Errors: citizens-only.
  Result<std::vector<CitizenMandate>> of_citizen(const Session& session);
  // Errors: citizens-only, mandate-not-found (also another citizen's), mandate-not-active.
  Status revoke(const Session& session, std::int64_t id);

  // Patronato operators. Errors: patronato-only, organisation-disabled, invalid codice fiscale (its
  // codes), mandate-document-missing, mandate-document-too-large, mandate-document-not-pdf,
  // mandate-end-past, mandate-end-too-far, citizen-not-matched (no citizen with this codice fiscale,
  // surname and birth date: the same answer whether or not the code exists), mandate-already-active.
  Result<Mandate> record(const Actor& actor, const RecordMandateInput& input);
  // The operator's organisation's mandates, newest first.
  Result<std::vector<OrganisationMandate>> of_organisation(const Actor& actor, int limit = 200);
  // Errors: mandate-not-found (also another organisation's), mandate-not-active. Only recorded mandates may
  // be revoked by their patronato (the citizen revokes what they granted).
  Status revoke_recorded(const Actor& actor, std::int64_t id);
  // The signed form of a recorded mandate, to its citizen or its patronato. Errors: mandate-not-found.
  Result<std::string> document(const Session& session, std::int64_t id);
  Result<std::string> document(const Actor& actor, std::int64_t id);

  // The sweep (the server's periodic work): marks up to `limit` mandates past their last day expired, each
  // audited. Returns how many.
  Result<int> expire_due(int limit = 500);

 private:
  FlowContext& ctx_;
};

Error mandate_not_found();

}  // namespace sportello
