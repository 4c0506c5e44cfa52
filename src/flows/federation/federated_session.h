#pragma once
// Shared by the logins that another party vouches for (issue 12: SPID and CIE through the ACS, CNS through the
// card's certificate): the citizen with that codice fiscale gets a session, as the PIN's would but recording how
// they came in and through whom, and one audit row "<method>.login" with `detail`. A person sportello does not
// know yet is enrolled from what the party asserted (decision 0020): their name and surname, the birth date,
// sex and place the codice fiscale carries, and the e-mail and mobile it gave (unverified here); no PIN, no
// residence, one audit row "citizen.enrolled". Inside the caller's transaction.
// Errors: not_found federated-unknown (an unknown person and no name asserted to enrol them with).
#include <string>

#include "core/codice_fiscale.h"
#include "flows/sessions.h"
#include "flows/unit_of_work.h"

namespace sportello {

struct FederatedIdentity {
  std::string method;          // "spid", "cie", "cns"
  std::string provider;        // the IdP's entityID, or the card's issuer
  Level level = Level::dispositivo;
  std::string name_id;         // SAML only: what single logout names
  std::string session_index;
  std::string detail;          // the audit row's detail: level and provider
  // What the party asserted, to enrol a person sportello does not know (empty: not asserted).
  std::string surname, name, email, mobile;
};

Result<OpenedSession> open_federated_session(Repositories& repos, const CodiceFiscale& code,
                                             const FederatedIdentity& identity, Instant now);

// Who a login row's detail names, as the logins above write it: "SpidL2 <entityID>" for SPID and CIE (the
// provider, and the level for SPID), "CNS <issuer DN> serial <hex>" for CNS (the issuer's organisation, else its
// common name). Empty for any other row.
struct LoginThrough {
  std::string provider;
  int spid_level = 0;
};
LoginThrough login_through(const std::string& action, const std::string& detail);

}  // namespace sportello
