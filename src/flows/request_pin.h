#pragma once
// Requesting a PIN (SPEC §4.1, §4.2).
// Online: the first half goes at once by SMS or e-mail; the second half waits, sealed, for the contact
// center to confirm the data within 48 hours. The answer is the same whether or not the person already
// holds a PIN (then the holder's contacts are told instead), so it reveals nothing.
// By phone (contact center): the first half goes by post; the second waits for online activation.
#include "flows/actor.h"
#include "flows/applicant.h"
#include "flows/flow_context.h"

namespace sportello {

struct RequestTaken {
  std::string message = "request-taken";  // the same text for everyone
  // What the confirmation page shows (the same shape whether or not the person already holds a PIN):
  std::string reference;          // the request number the citizen quotes to the contact centre
  std::string first_half_channel; // "sms" or "email": where the first half went (as typed, never the holder's)
  std::string first_half_to;      // that contact, masked ("+39 *** *** 4567", "m***@example.it")
};

class RequestPinOnline {
 public:
  explicit RequestPinOnline(FlowContext& ctx) : ctx_(ctx) {}
  // Errors: invalid-* with the field at fault (codice fiscale, personal data, contacts); missing-phone
  // (field mobile) when neither a mobile nor a landline is given, since the contact centre must call within
  // 48 hours; missing-contact (field email) when only a landline is given, since the first half goes by SMS
  // to a mobile, else by e-mail; too-many-requests (limited, retry_after) once the codice fiscale has used
  // its allowance, counted alike whether or not it holds a PIN. Each request gets a new reference (also for a person who holds a PIN,
  // where it is only written in the audit row), and the answer says where the first half went, masked.
  Result<RequestTaken> run(const ApplicantInput& input);
  // The same, with every problem at once in `problems` (each names its field); returns the first.
  Result<RequestTaken> run(const ApplicantInput& input, std::vector<Error>& problems);

 private:
  FlowContext& ctx_;
};

struct PhoneRequestInput {
  ApplicantInput applicant;
  std::string tessera_number, tessera_expiry;  // read out by the caller, checked again at activation
};

struct PhoneRequestRegistered {
  std::int64_t citizen_id = 0;
  std::int64_t credential_id = 0;
};

class RegisterPhoneRequest {
 public:
  explicit RegisterPhoneRequest(FlowContext& ctx) : ctx_(ctx) {}
  // Contact center or office. Errors: validation as above, ts-*, pin-already-exists (conflict),
  // too-many-letters (limited) when the person's address has had the letters' allowance.
  Result<PhoneRequestRegistered> run(const Actor& actor, const PhoneRequestInput& input);
  // The same, with every problem at once in `problems` (each names its field); returns the first.
  Result<PhoneRequestRegistered> run(const Actor& actor, const PhoneRequestInput& input, std::vector<Error>& problems);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
