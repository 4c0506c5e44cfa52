#pragma once
// Shared by the logins that another party vouches for (issue 12: SPID and CIE through the ACS, CNS through the
// card's certificate): the holder of a codice fiscale gets a session, as the PIN's would but recording how they
// came in and through whom, and one audit row "<method>.login" with `detail`. Inside the caller's transaction.
// Errors: not_found federated-unknown (a valid identity that sportello holds no record of).
#include <string>

#include "flows/sessions.h"
#include "flows/unit_of_work.h"

namespace sportello {

struct FederatedIdentity {
  std::string codice_fiscale;  // checked already
  std::string method;          // "spid", "cie", "cns"
  std::string provider;        // the IdP's entityID, or the card's issuer
  Level level = Level::dispositivo;
  std::string name_id;         // SAML only: what single logout names
  std::string session_index;
  std::string detail;          // the audit row's detail: level and provider
};

Result<OpenedSession> open_federated_session(Repositories& repos, const FederatedIdentity& identity, Instant now);

}  // namespace sportello
