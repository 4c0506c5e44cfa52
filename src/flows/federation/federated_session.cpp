#include "flows/federation/federated_session.h"

#include "flows/citizen_lookup.h"

namespace sportello {

Result<OpenedSession> open_federated_session(Repositories& repos, const FederatedIdentity& identity, Instant now) {
  auto holder = find_holder(repos, identity.codice_fiscale);
  if (!holder) return Error{ErrorKind::not_found, "federated-unknown", "No record of this codice fiscale is held here.", "", {}};
  Session draft;
  draft.subject_kind = SubjectKind::citizen;
  draft.subject_id = holder->citizen.id;
  draft.level = identity.level;
  draft.required_action = RequiredAction::none;
  draft.method = identity.method;
  draft.provider = identity.provider;
  draft.name_id = identity.name_id;
  draft.session_index = identity.session_index;
  OpenedSession opened = open_session(repos, std::move(draft), now);
  repos.audit().append(holder->subject(), identity.method + ".login", holder->subject(), identity.detail, now);
  return opened;
}

}  // namespace sportello
