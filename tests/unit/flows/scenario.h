#pragma once
// Steps that many flow tests share: people to apply with, reading what the outbox holds for them, and the
// usual path from an online request to a logged-in holder. Each step asserts that it worked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/codice_fiscale.h"
#include "flows/actor.h"
#include "flows/change_pin.h"
#include "flows/login.h"
#include "flows/recover_pin.h"
#include "flows/request_pin.h"
#include "flows/review_request.h"
#include "support/app_fixture.h"

namespace sportello::testing {

inline const Actor kConsole = Actor::operator_console("test");

inline ApplicantInput person(std::string surname, std::string name, std::string sex, std::string born,
                             std::string place, std::string mobile, std::string email) {
  ApplicantInput in;
  in.surname = std::move(surname);
  in.name = std::move(name);
  in.sex = std::move(sex);
  in.birth_date = std::move(born);
  in.birth_place = std::move(place);
  in.street = "Via Roma";
  in.number = "1";
  in.cap = "00100";
  in.comune = "Roma";
  in.province = "RM";
  in.mobile = std::move(mobile);
  in.email = std::move(email);
  return in;
}

// Fills in the codice fiscale computed from the person's data.
inline ApplicantInput with_code(ApplicantInput in, const BelfioreRegistry& places) {
  auto code = compute_codice_fiscale({in.surname, in.name, *parse_sex(in.sex), *parse_date(in.birth_date),
                                      in.birth_place, in.birth_province}, places);
  EXPECT_TRUE(code.ok()) << code.error().message;
  in.codice_fiscale = code.ok() ? *code : "";
  return in;
}

inline ApplicantInput mario(const BelfioreRegistry& places) {
  return with_code(person("Rossi", "Mario", "M", "1985-12-10", "H501", "+39 333 1234567", "mario.rossi@example.it"), places);
}

// No mobile: the contact centre calls her landline, and the first half goes by e-mail.
inline ApplicantInput giulia(const BelfioreRegistry& places) {
  ApplicantInput in = person("Bianchi", "Giulia", "F", "1972-03-05", "F205", "", "giulia@example.it");
  in.home_phone = "02 1234567";
  return with_code(std::move(in), places);
}

inline std::vector<OutboxMessage> outbox(FlowContext& ctx, std::optional<MessageStatus> status = std::nullopt) {
  std::vector<OutboxMessage> messages;
  EXPECT_TRUE(ctx.store.run([&](Repositories& repos) -> Status {
    messages = repos.outbox().list({status, std::nullopt, 10000});
    return Ok{};
  }).ok());
  return messages;
}

// The newest message with this template, or a failed expectation.
inline OutboxMessage last_message(FlowContext& ctx, const std::string& template_name) {
  const auto all = outbox(ctx);
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->template_name == template_name) return *it;
  ADD_FAILURE() << "no outbox message with template " << template_name;
  return {};
}

inline std::string secret_in(FlowContext& ctx, const OutboxMessage& message) {
  auto opened = ctx.box.open(message.secret_sealed);
  EXPECT_TRUE(opened.ok());
  return opened.ok() ? *opened : "";
}

inline std::optional<Credential> credential_of(FlowContext& ctx, const std::string& codice_fiscale) {
  std::optional<Credential> found;
  EXPECT_TRUE(ctx.store.run([&](Repositories& repos) -> Status {
    if (auto c = repos.citizens().find_by_codice_fiscale(codice_fiscale)) found = repos.credentials().find_by_citizen(c->id);
    return Ok{};
  }).ok());
  return found;
}


// Online request, then the contact center's confirmation: returns the 16 characters (first + second half).
inline std::string request_and_confirm(FlowContext& ctx, const ApplicantInput& who) {
  auto taken = RequestPinOnline(ctx).run(who);
  EXPECT_TRUE(taken.ok()) << (taken.ok() ? "" : taken.error().message);
  const std::string first = secret_in(ctx, last_message(ctx, "pin_first_half"));
  auto confirmed = ReviewRequest(ctx).confirm(kConsole, who.codice_fiscale);
  EXPECT_TRUE(confirmed.ok()) << (confirmed.ok() ? "" : confirmed.error().message);
  const std::string second = secret_in(ctx, last_message(ctx, "pin_second_half_letter"));
  return first + second;
}

inline OpenedSession login(FlowContext& ctx, const std::string& code, const std::string& pin) {
  auto opened = Login(ctx).run({code, Secret(pin)});
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().code);
  return opened.ok() ? std::move(*opened) : OpenedSession{};
}

// Request, confirm, first access, personal PIN set: the holder as they are after a normal start.
inline OpenedSession active_holder(FlowContext& ctx, const ApplicantInput& who, const std::string& personal_pin) {
  const std::string issued = request_and_confirm(ctx, who);
  OpenedSession first = login(ctx, who.codice_fiscale, issued);
  EXPECT_EQ(first.session.required_action, RequiredAction::set_pin);
  auto changed = ChangePin(ctx).run(first.session, {Secret(issued), Secret(personal_pin)});
  EXPECT_TRUE(changed.ok()) << (changed.ok() ? "" : changed.error().code);
  return first;
}

// A recovery as the server runs it: answered at once, then matched by the courier's round.
inline Status start_recovery(FlowContext& ctx, const RecoveryStart& input) {
  Status started = RecoverPin(ctx).start(input);
  auto matched = RecoverPin(ctx).process_queued();
  EXPECT_TRUE(matched.ok());
  return started;
}

// Refusals of a spent allowance (issue 15) for several codes: each `limited` with `code` on the codice fiscale,
// waiting `wait`, in the same words whoever the code belongs to.
inline void expect_alike_refusals(const std::vector<Error>& refusals, const std::string& code, Seconds wait) {
  for (const Error& e : refusals) {
    EXPECT_EQ(e.kind, ErrorKind::limited);
    EXPECT_EQ(e.code, code);
    EXPECT_EQ(e.field, "codice_fiscale");
    EXPECT_EQ(e.retry_after, wait);
    EXPECT_EQ(e.message, refusals.front().message);
  }
}

}  // namespace sportello::testing
