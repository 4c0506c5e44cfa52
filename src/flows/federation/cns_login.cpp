#include "flows/federation/cns_login.h"

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "federation/cns_certificate.h"
#include "flows/federation/federated_session.h"

namespace sportello {

Result<OpenedSession> CnsLogin::run(const PresentedCard& card) {
  if (card.der.empty())
    return Error{ErrorKind::wrong_secret, "cns-no-card", "No card was read: the browser sent no certificate.", "", {}};
  if (!card.verified)
    return Error{ErrorKind::forbidden, "cns-card-refused",
                 "The card's certificate is not accepted: unknown issuer, expired or revoked.", "", {}};
  auto holder = federation::read_cns_certificate(card.der);
  if (!holder) return holder.error();
  const Instant now = ctx_.clock.now();
  auto cf = CodiceFiscale::parse(holder->fiscal_code, ctx_.places, rome_date(now));
  if (!cf) return Error::invalid("cns-certificate", "The card's codice fiscale is not valid.", "certificate");

  FederatedIdentity who;
  who.method = "cns";
  who.provider = holder->issuer;
  who.detail = "CNS " + holder->issuer + " serial " + holder->serial;
  who.surname = holder->surname;
  who.name = holder->given_name;
  OpenedSession opened;
  Status done = ctx_.store.run([&](Repositories& repos) -> Status {
    auto session = open_federated_session(repos, *cf, who, now);
    if (!session) return session.error();
    opened = std::move(*session);
    return Ok{};
  });
  if (!done) return done.error();
  return opened;
}

}  // namespace sportello
