#include "credential/credential.h"

#include <array>
#include <utility>

#include "core/civil_time.h"

namespace sportello {
namespace {

constexpr std::array<std::pair<CredentialState, const char*>, 6> kStates{{
    {CredentialState::awaiting_confirmation, "awaiting_confirmation"},
    {CredentialState::awaiting_activation, "awaiting_activation"},
    {CredentialState::issued, "issued"},
    {CredentialState::active, "active"},
    {CredentialState::revoked, "revoked"},
    {CredentialState::cancelled, "cancelled"},
}};

constexpr std::array<std::pair<IssueChannel, const char*>, 5> kChannels{{
    {IssueChannel::online, "online"},
    {IssueChannel::phone, "phone"},
    {IssueChannel::office, "office"},
    {IssueChannel::recovery, "recovery"},
    {IssueChannel::renewal, "renewal"},
}};

constexpr std::array<std::pair<RequiredAction, const char*>, 4> kActions{{
    {RequiredAction::none, "none"},
    {RequiredAction::set_pin, "set_pin"},
    {RequiredAction::change_pin, "change_pin"},
    {RequiredAction::change_password, "change_password"},
}};

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& table, std::string_view text) {
  for (const auto& [v, name] : table)
    if (text == name) return v;
  return std::nullopt;
}

Error refused(const Credential& c, std::string_view operation) {
  return Error::illegal("illegal-transition",
                        std::string("A PIN in state ") + to_string(c.state) + " cannot " + std::string(operation) + ".");
}

Error expired_error() {
  Error e{ErrorKind::expired, "pin-expired", "The PIN has expired: it was not activated within the allowed time.", {}, {}};
  return e;
}

}  // namespace

const char* to_string(CredentialState state) { return name_of(kStates, state); }
const char* to_string(IssueChannel channel) { return name_of(kChannels, channel); }
const char* to_string(RequiredAction action) { return name_of(kActions, action); }
std::optional<CredentialState> parse_credential_state(std::string_view t) { return value_of(kStates, t); }
std::optional<IssueChannel> parse_issue_channel(std::string_view t) { return value_of(kChannels, t); }
std::optional<RequiredAction> parse_required_action(std::string_view t) { return value_of(kActions, t); }

Credential Credential::issue(std::int64_t citizen_id, IssueChannel channel, Level level, std::string pin_hash,
                             Instant now) {
  Credential c;
  c.citizen_id = citizen_id;
  c.channel = channel;
  c.level = level;
  c.pin_hash = std::move(pin_hash);
  c.issued_at = now;
  switch (channel) {
    case IssueChannel::online: c.state = CredentialState::awaiting_confirmation; break;
    case IssueChannel::phone: c.state = CredentialState::awaiting_activation; break;
    default: c.state = CredentialState::issued; break;
  }
  return c;
}

bool Credential::expired(Instant now, const CredentialPolicy& policy) const {
  const bool unused = state == CredentialState::awaiting_confirmation ||
                      state == CredentialState::awaiting_activation || state == CredentialState::issued;
  return unused && now >= expires_at(policy);
}

std::optional<Instant> Credential::change_due_at(const CredentialPolicy& policy) const {
  if (state != CredentialState::active || !pin_changed_at) return std::nullopt;
  return add_calendar_months(*pin_changed_at, policy.rotation_months);
}

Result<RequiredAction> Credential::check_can_log_in(Instant now, const CredentialPolicy& policy) const {
  if (expired(now, policy)) return expired_error();
  switch (state) {
    case CredentialState::issued: return RequiredAction::set_pin;
    case CredentialState::active: {
      const auto due = change_due_at(policy);
      return due && now >= *due ? RequiredAction::change_pin : RequiredAction::none;
    }
    case CredentialState::revoked:
      return Error{ErrorKind::forbidden, "pin-revoked", "This PIN has been revoked; request a new one.", {}, {}};
    case CredentialState::cancelled:
      return Error{ErrorKind::forbidden, "pin-cancelled", "This PIN request was cancelled; request a new one.", {}, {}};
    default:
      return Error{ErrorKind::forbidden, "pin-not-active", "This PIN is not active yet.", {}, {}};
  }
}

Status Credential::confirm_data(Instant now, const CredentialPolicy& policy) {
  if (state != CredentialState::awaiting_confirmation) return refused(*this, "be confirmed");
  if (expired(now, policy)) return expired_error();
  state = CredentialState::issued;
  return Ok{};
}

Status Credential::reject_data(Instant now) {
  if (state != CredentialState::awaiting_confirmation) return refused(*this, "be rejected");
  state = CredentialState::cancelled;
  pending_half_sealed.clear();
  ended_at = now;
  return Ok{};
}

Status Credential::activate(Instant now, const CredentialPolicy& policy) {
  if (state != CredentialState::awaiting_activation) return refused(*this, "be activated");
  if (expired(now, policy)) return expired_error();
  state = CredentialState::issued;
  return Ok{};
}

Status Credential::set_personal_pin(std::string new_hash, Instant now, const CredentialPolicy& policy) {
  if (state != CredentialState::issued && state != CredentialState::active) return refused(*this, "change PIN");
  if (expired(now, policy)) return expired_error();
  state = CredentialState::active;
  pin_hash = std::move(new_hash);
  pin_changed_at = now;
  return Ok{};
}

Status Credential::renew(std::string new_hash, Instant now, const CredentialPolicy& policy) {
  if (state != CredentialState::issued || !expired(now, policy)) return refused(*this, "be renewed");
  pin_hash = std::move(new_hash);
  issued_at = now;
  channel = IssueChannel::renewal;
  ++generation;
  return Ok{};
}

Status Credential::restore(std::string new_hash, Instant now) {
  if (state != CredentialState::issued && state != CredentialState::active) return refused(*this, "be restored");
  state = CredentialState::issued;
  pin_hash = std::move(new_hash);
  issued_at = now;
  pin_changed_at.reset();
  channel = IssueChannel::recovery;
  ++generation;
  return Ok{};
}

Status Credential::revoke(Instant now) {
  if (!live()) return refused(*this, "be revoked");
  state = CredentialState::revoked;
  pending_half_sealed.clear();
  ended_at = now;
  return Ok{};
}

Status Credential::convert_to_dispositivo() {
  if (state != CredentialState::issued && state != CredentialState::active)
    return refused(*this, "be converted to dispositivo");
  if (level == Level::dispositivo)
    return Error{ErrorKind::conflict, "already-dispositivo", "The PIN is already at level dispositivo.", {}, {}};
  level = Level::dispositivo;
  return Ok{};
}

Status Credential::reissue(IssueChannel new_channel, Level new_level, std::string new_hash, Instant now) {
  if (live()) return refused(*this, "be replaced by a new request");
  const std::int64_t keep_id = id;
  const int next_generation = generation + 1;
  *this = issue(citizen_id, new_channel, new_level, std::move(new_hash), now);
  id = keep_id;
  generation = next_generation;
  return Ok{};
}

}  // namespace sportello
