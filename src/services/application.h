#pragma once
// An application filed by a citizen (SPEC §5): its type, the checked data, the attachments, the protocol
// number it got when it was filed, and its state, which moves only along
//   inviata -> in_istruttoria -> accolta | respinta (a reason required)
//   inviata -> ritirata (by the citizen)
// Every move is recorded as an event (who, when, why): the citizen's timeline. Plain data plus the
// transitions; the flows store, audit and notify.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "services/application_form.h"

namespace sportello {

enum class ApplicationState { inviata, in_istruttoria, accolta, respinta, ritirata };

const char* to_string(ApplicationState state);  // "inviata", "in_istruttoria", ...
std::optional<ApplicationState> parse_application_state(std::string_view text);

struct ApplicationEvent {
  ApplicationState state = ApplicationState::inviata;
  Instant at{};
  std::string actor;    // "citizen:<id>" or "staff:<username>"
  std::string reason;   // respinta (and accolta, when given)
};

struct AttachmentInfo {
  std::int64_t id = 0;
  std::string name;         // as uploaded, cleaned of folders
  std::string media_type;   // application/pdf, image/jpeg, image/png (judged by content)
  std::string sha256;
  std::uint64_t size = 0;
};

struct Application {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  ApplicationType type = ApplicationType::naspi;
  ApplicationState state = ApplicationState::inviata;
  std::string protocol;                 // INPS.<office>.<year>.<7 digits>
  Instant submitted_at{};
  std::string idempotency_key;          // the form's one-time key: a double submission files once
  std::vector<ApplicationField> fields;
  std::vector<AttachmentInfo> attachments;
  std::string handler;                  // who took it in charge ("staff:<username>")
  std::string filed_through;            // empty: by the holder; else "patronato <name>" or "Contact Center" (issue 11)
  std::vector<ApplicationEvent> events; // oldest first; the first is the filing

  // Errors (illegal_transition): application-not-pending, application-not-in-review; reason-required.
  Status take_in_charge(const std::string& actor, Instant now);
  Status decide(bool accepted, const std::string& actor, const std::string& reason, Instant now);
  Status withdraw(const std::string& actor, Instant now);
  // The reason of the decision, when decided.
  std::string decision_reason() const;
};

// "INPS.7001.2026.0000042". REQUIRES: office of 4 digits, sequence 1..9,999,999.
std::string format_protocol(const std::string& office, int year, std::int64_t sequence);

}  // namespace sportello
