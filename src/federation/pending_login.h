#pragma once
// A login sent to an identity provider and not yet answered (issue 12). The AuthnRequest's ID is kept until the
// request expires, together with the browser that started it, so that the ACS accepts one Response per request:
// only in answer to that ID (InResponseTo), only from that IdP, only in that browser (a cookie whose SHA-256 is
// kept here), only once (taken, i.e. deleted, by the answer), only in time. An unsolicited or replayed Response
// finds nothing. The RelayState the IdP carries back is a random handle; only its SHA-256 is stored.
// Pure data and the repository interface; implemented in store/.
#include <optional>
#include <string>

#include "core/clock.h"
#include "federation/service_provider.h"

namespace sportello::federation {

struct PendingLogin {
  std::string relay_hash;      // SHA-256 (hex) of the RelayState handle
  std::string request_id;      // the AuthnRequest's ID
  std::string idp_entity_id;
  SpidLevel level = SpidLevel::L2;
  std::string browser_hash;    // SHA-256 (hex) of the browser's cookie value
  std::string return_path;     // a path of this site, or ""
  Instant created_at{};
  Instant expires_at{};
};

class PendingLoginRepository {
 public:
  virtual ~PendingLoginRepository() = default;
  virtual void add(const PendingLogin& login) = 0;
  // The login of `relay_hash`, deleted in the same step: a second answer with the same RelayState finds nothing.
  virtual std::optional<PendingLogin> take(const std::string& relay_hash) = 0;
  // Drops the logins that expired before `now`. Returns how many.
  virtual int purge_expired(Instant now) = 0;
};

}  // namespace sportello::federation
