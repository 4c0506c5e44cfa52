#pragma once
// A citizen's PIN credential and its lifecycle (SPEC §3–§4). Every transition is a method that either
// changes the credential and returns Ok, or leaves it untouched and returns a typed error
// (illegal-transition codes name the state that refused). Pure: no I/O; time is passed in.
//
//   online request ──confirm──▶ issued ──first access──▶ active ──(3 months)──▶ change due
//        │ reject                  ▲  ▲                     │
//        ▼                         │  └── restore (recovery), renew (after 90 days unused)
//    cancelled     phone/letter ───┘ activate
//   any live state ──revoke──▶ revoked        office issuance ──▶ issued, dispositivo
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "credential/level.h"

namespace sportello {

enum class CredentialState {
  awaiting_confirmation,  // online request: first half sent, data to be confirmed by the contact center
  awaiting_activation,    // phone or letter-first request: first half posted, holder must activate online
  issued,                 // the 16-character PIN can be used once, to set a personal PIN
  active,                 // a personal PIN is set
  revoked,                // ended by the holder or staff; a new PIN needs a new request
  cancelled,              // the contact center rejected the request's data
};

enum class IssueChannel { online, phone, office, recovery, renewal };

const char* to_string(CredentialState state);
const char* to_string(IssueChannel channel);
std::optional<CredentialState> parse_credential_state(std::string_view text);
std::optional<IssueChannel> parse_issue_channel(std::string_view text);

struct CredentialPolicy {
  Seconds activation_window = Days{90};  // an issued PIN unused this long expires
  int rotation_months = 3;               // a personal PIN must be changed this often
};

// What a session may do before anything else: citizens set or change their PIN, staff replace the
// one-time password they were given.
enum class RequiredAction { none, set_pin, change_pin, change_password };
const char* to_string(RequiredAction action);
std::optional<RequiredAction> parse_required_action(std::string_view text);

struct Credential {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  CredentialState state = CredentialState::awaiting_confirmation;
  Level level = Level::ordinario;
  IssueChannel channel = IssueChannel::online;
  int generation = 1;                  // grows at each new PIN; names outbox events uniquely
  std::string pin_hash;                // Argon2id PHC string of the current PIN (16-char or personal)
  std::string pending_half_sealed;     // second half awaiting confirmation/activation, encrypted; else empty
  Instant issued_at{};                 // when the current 16-character PIN was generated
  std::optional<Instant> pin_changed_at;  // when the personal PIN was last set
  std::optional<Instant> ended_at;        // revoked or cancelled
  std::optional<std::string> request_reference;  // "RP-7KQ4-M2XW": the online request's number, quoted by the citizen

  // Issues a fresh credential for a citizen.
  static Credential issue(std::int64_t citizen_id, IssueChannel channel, Level level, std::string pin_hash,
                          Instant now);

  bool live() const { return state != CredentialState::revoked && state != CredentialState::cancelled; }
  // A 16-character PIN (or a request) unused for the activation window has expired.
  bool expired(Instant now, const CredentialPolicy& policy) const;
  Instant expires_at(const CredentialPolicy& policy) const { return issued_at + policy.activation_window; }
  // When the personal PIN must next be changed (only for active credentials).
  std::optional<Instant> change_due_at(const CredentialPolicy& policy) const;

  // What login must ask next, or an error when this credential cannot log in (expired, revoked, pending).
  Result<RequiredAction> check_can_log_in(Instant now, const CredentialPolicy& policy) const;

  Status confirm_data(Instant now, const CredentialPolicy& policy);  // awaiting_confirmation → issued
  Status reject_data(Instant now);                                   // awaiting_confirmation → cancelled
  Status activate(Instant now, const CredentialPolicy& policy);       // awaiting_activation → issued
  Status set_personal_pin(std::string new_hash, Instant now, const CredentialPolicy& policy);  // issued|active → active
  Status renew(std::string new_hash, Instant now, const CredentialPolicy& policy);  // expired issued → issued
  Status restore(std::string new_hash, Instant now);  // recovery: live (not pending) → issued, level kept
  Status revoke(Instant now);                         // live → revoked
  Status convert_to_dispositivo();                    // issued|active ordinario → dispositivo
  // Replaces an ended credential with a fresh request, keeping the row (one credential per citizen).
  Status reissue(IssueChannel channel, Level level, std::string pin_hash, Instant now);
};

}  // namespace sportello
