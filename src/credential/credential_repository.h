#pragma once
// Storage of credentials and what hangs off them: PIN history, lockout counters, recovery tickets and
// dispositivo requests. Implemented in store/; used inside a UnitOfWork transaction. Storage failures are
// thrown as StoreFailure and become ErrorKind::unavailable at the UnitOfWork boundary.
#include <optional>
#include <string>
#include <vector>

#include "credential/credential.h"
#include "credential/dispositivo_request.h"
#include "credential/lockout_policy.h"
#include "credential/recovery_ticket.h"

namespace sportello {

class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;
  virtual std::optional<Credential> find_by_citizen(std::int64_t citizen_id) = 0;
  // The credential an online request made, by its number exactly as issued ("RP-7KQ4-M2XW"); callers
  // normalise what people type (upper case, no spaces) first.
  virtual std::optional<Credential> find_by_request_reference(const std::string& reference) = 0;
  virtual std::int64_t insert(const Credential& credential) = 0;
  virtual void update(const Credential& credential) = 0;
  // Credentials in a state, oldest first (the contact center's queue).
  virtual std::vector<Credential> list_in_state(CredentialState state, int limit) = 0;

  // Hashes of the last personal PINs, newest first.
  virtual std::vector<std::string> recent_pin_hashes(std::int64_t credential_id, int count) = 0;
  virtual void add_pin_history(std::int64_t credential_id, const std::string& hash, Instant at) = 0;
};

// Consecutive wrong PINs per submitted codice fiscale, whether or not a credential exists for it.
class LockoutRepository {
 public:
  virtual ~LockoutRepository() = default;
  virtual LockoutState find(const std::string& codice_fiscale) = 0;
  // Atomically counts one more failure and sets the block it earns; returns the new state. Two concurrent
  // calls both count. `known` says whether a credential exists (only used to purge unknown codes later).
  virtual LockoutState record_failure(const std::string& codice_fiscale, bool known, const LockoutPolicy& policy,
                                      Instant now) = 0;
  virtual void reset(const std::string& codice_fiscale) = 0;
  // Forgets counters of unknown codes whose block has ended (SPEC §3). Returns how many.
  virtual int purge_unknown(Instant now) = 0;
};

class RecoveryRepository {
 public:
  virtual ~RecoveryRepository() = default;
  virtual std::int64_t insert(const RecoveryTicket& ticket) = 0;
  virtual std::optional<RecoveryTicket> find_by_token_hash(const std::string& token_hash) = 0;
  virtual void update(const RecoveryTicket& ticket) = 0;
  // Marks every ticket of the citizen not yet used as used at `now`, so that its link gives nothing: a new
  // link makes the older ones useless, and a redeemed one ends the others. Returns how many.
  virtual int end_unused_for(std::int64_t citizen_id, Instant now) = 0;
};

class DispositivoRequestRepository {
 public:
  virtual ~DispositivoRequestRepository() = default;
  virtual std::int64_t insert(const DispositivoRequest& request) = 0;
  virtual std::optional<DispositivoRequest> find(std::int64_t id) = 0;
  virtual std::optional<DispositivoRequest> find_pending_for(std::int64_t citizen_id) = 0;
  virtual void update(const DispositivoRequest& request) = 0;
  // Pending requests, oldest first, without the document bytes.
  virtual std::vector<DispositivoRequest> list_pending(int limit) = 0;
};

}  // namespace sportello
