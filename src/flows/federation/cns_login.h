#pragma once
// Use case (issue 12): a citizen enters with a Carta Nazionale dei Servizi. The CNS listener asked for a client
// certificate and verified it (its chain to a configured CA, its dates, its CA's CRL); this reads the codice
// fiscale the card names (federation/cns_certificate) and opens that citizen's session as SPID's would (a person
// not known yet is enrolled with the certificate's surname and givenName: federated_session.h): method
// "cns", the card's issuer as provider, dispositivo (SPEC §7), audit row "cns.login" naming the issuer and the
// certificate's serial number.
// Errors: wrong_secret cns-no-card (nothing presented); forbidden cns-card-refused (presented
// but not verified: unknown issuer, expired, revoked, not for client authentication); invalid_input
// cns-certificate (no usable codice fiscale in it); not_found federated-unknown (unknown, and no name in the
// certificate); unavailable.
#include <string>

#include "flows/flow_context.h"
#include "flows/sessions.h"

namespace sportello {

// The card as the TLS listener saw it.
struct PresentedCard {
  std::string der;        // empty: none presented
  bool verified = false;
};

class CnsLogin {
 public:
  explicit CnsLogin(FlowContext& ctx) : ctx_(ctx) {}
  Result<OpenedSession> run(const PresentedCard& card);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
