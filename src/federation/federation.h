#pragma once
// Everything a server needs to be a SPID and CIE service provider (issue 12), built once at start-up from
// configuration: who it is (ServiceProvider), its key, the identity providers it trusts, its signed metadata
// (made once; the bytes served at /saml/metadata and /saml/metadata/cie), and how long a login may wait for
// an answer. Immutable once built; thread-safe.
#include <string>

#include "core/clock.h"
#include "federation/identity_providers.h"
#include "federation/service_provider.h"
#include "federation/signing_key.h"

namespace sportello::federation {

struct Federation {
  ServiceProvider sp;
  SigningKey key;
  IdentityProviders idps;
  std::string cie_entity_id;          // the IdP among `idps` that is CIE's ("" when CIE is not offered)
  Seconds request_lifetime{};         // how long a login waits for the IdP's answer
  Seconds clock_skew{};               // tolerated between our clock and an IdP's
  bool prefer_post = false;           // send AuthnRequests by HTTP-POST even where HTTP-Redirect is offered
  std::string spid_metadata;
  std::string cie_metadata;

  // Signs the metadata of both profiles; errors as service_provider_metadata's.
  static Result<Federation> build(ServiceProvider sp, SigningKey key, IdentityProviders idps, std::string cie_entity_id,
                                  Seconds request_lifetime, Seconds clock_skew, bool prefer_post);
};

}  // namespace sportello::federation
