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

// Consecutive wrong PINs per submitted codice fiscale, whether or not a credential exists for it; the store
// does not know which. One lifecycle for every code (LockoutPolicy::forgotten). Staff logins keep theirs under
// "staff:<username>", known or not, with their own policy.
struct LockoutAttempt {
  bool allowed = false;  // false: the code is blocked, nothing was counted
  LockoutState state;    // allowed: the state with this attempt counted as a failure; else the current one
};

class LockoutRepository {
 public:
  virtual ~LockoutRepository() = default;
  virtual LockoutState find(const std::string& key) = 0;
  // Before a PIN is checked: when the code is not blocked, atomically counts the attempt as a failure (as
  // policy.after_failure does) and sets the block it earns, so that parallel tries cannot check more PINs
  // than the lockout allows; a right PIN then calls reset(). When blocked, counts nothing.
  // A policy with lock_after locks for good at that count, in the same transaction.
  virtual LockoutAttempt reserve_attempt(const std::string& key, const LockoutPolicy& policy, Instant now) = 0;
  virtual void reset(const std::string& key) = 0;
  // Drops the counts that policy.forgotten() says no longer matter, for every code alike. Returns how many.
  virtual int purge_forgotten(const LockoutPolicy& policy, Instant now) = 0;
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
  // Recoveries answered before their work (RecoverPin::start): `sealed` holds what was typed.
  virtual void queue_request(const std::string& sealed, Instant received_at) = 0;
  // The oldest queued requests, at most `limit`: id and sealed text.
  virtual std::vector<std::pair<std::int64_t, std::string>> queued_requests(int limit) = 0;
  // Removes a queued request; false when another round took it first (the caller then leaves it alone).
  virtual bool take_request(std::int64_t id) = 0;
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
