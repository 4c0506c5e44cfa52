// The citizen's PIN: request, renewal, activation, change, recovery, revocation.
#include "flows/activate_pin.h"
#include "flows/change_pin.h"
#include "flows/recover_pin.h"
#include "flows/renew_pin.h"
#include "flows/request_pin.h"
#include "flows/revoke_pin.h"
#include "http/api/api.h"
#include "http/api/applicant_json.h"
#include "http/api/auth.h"
#include "http/api/respond.h"

namespace sportello::http {
namespace {

// Parses the JSON body, or answers the problem; `then` maps the body to a response.
template <typename Then>
Response with_body(Request& r, Then then) {
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  Response response = then(*body);
  if (body->type_problem()) return *body->type_problem();
  return response;
}

Response accepted(Request& r, const char* message) { return reply(r, HttpStatus::accepted, {{"status", message}}); }

Response request_pin(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  if (auto limited = costly_throttled(api, r)) return reply(r, *limited);
  return with_body(r, [&](JsonBody& b) {
    const ApplicantInput in = applicant_from(b);
    if (b.type_problem()) return Response{};
    std::vector<Error> problems;
    auto taken = RequestPinOnline(api.ctx).run(in, problems);
    settle_costly(api, r, taken ? Status(Ok{}) : Status(taken.error()));
    if (!taken) return problems.empty() ? reply(r, taken.error()) : problem_response(taken.error(), problems, r.raw.version());
    return reply(r, HttpStatus::accepted,
                 {{"status", taken->message}, {"reference", taken->reference},
                  {"first_half_channel", taken->first_half_channel}, {"first_half_to", taken->first_half_to}});
  });
}

Response renew_pin(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  if (auto limited = costly_throttled(api, r)) return reply(r, *limited);
  return with_body(r, [&](JsonBody& b) {
    RenewalInput in{b.text("codice_fiscale"), Secret(b.text("expired_pin"))};
    if (b.type_problem()) return Response{};
    auto done = RenewPin(api.ctx).run(in);
    settle_costly(api, r, done);
    return done ? accepted(r, "renewal-taken") : reply(r, done.error());
  });
}

ActivationProof proof_from(JsonBody& b) {
  return {b.text("codice_fiscale"), b.text("tessera_number"), b.text("tessera_expiry")};
}

Response review_activation(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  return with_body(r, [&](JsonBody& b) {
    const ActivationProof proof = proof_from(b);
    if (b.type_problem()) return Response{};
    auto data = ActivatePin(api.ctx).review(proof);
    if (!data) return reply(r, data.error());
    return reply(r, HttpStatus::ok, {{"surname", data->surname}, {"name", data->name},
                                 {"birth_date", format_date(data->birth_date)},
                                 {"street", data->residence.street}, {"number", data->residence.number},
                                 {"cap", data->residence.cap}, {"comune", data->residence.comune},
                                 {"province", data->residence.province}});
  });
}

Response activate(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  return with_body(r, [&](JsonBody& b) {
    ActivationInput in{proof_from(b), applicant_from(b), b.text("send_second_half_to")};
    if (b.type_problem()) return Response{};
    auto done = ActivatePin(api.ctx).complete(in);
    return done ? reply(r, HttpStatus::ok, {{"status", "activated"}}) : reply(r, done.error());
  });
}

Response change_pin(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  auto caller = authenticate(api, r, Confinement::also_with_required_action);
  if (!caller) return reply(r, caller.error());
  return with_body(r, [&](JsonBody& b) {
    ChangePinInput in{Secret(b.text("current_pin")), Secret(b.text("new_pin"))};
    if (b.type_problem()) return Response{};
    auto done = ChangePin(api.ctx).run(caller->session, in);
    return done ? reply(r, HttpStatus::ok, {{"status", "pin-changed"}, {"required_action", "none"}}) : reply(r, done.error());
  });
}

Response start_recovery(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  if (auto limited = costly_throttled(api, r)) return reply(r, *limited);
  return with_body(r, [&](JsonBody& b) {
    RecoveryStart in{b.text("codice_fiscale"), b.text("mobile"), b.text("email"), b.text("pec"), b.text("pec_cittadino")};
    if (b.type_problem()) return Response{};
    auto done = RecoverPin(api.ctx).start(in);
    settle_costly(api, r, done);
    return done ? accepted(r, "recovery-taken") : reply(r, done.error());
  });
}

Response confirm_recovery(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  return with_body(r, [&](JsonBody& b) {
    const std::string token = b.text("token"), code = b.text("code");
    if (b.type_problem()) return Response{};
    auto done = RecoverPin(api.ctx).confirm(token, code);
    return done ? reply(r, HttpStatus::ok, {{"status", "pin-restored"}}) : reply(r, done.error());
  });
}

Response revoke(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  return with_body(r, [&](JsonBody& b) {
    const Secret pin(b.text("pin"));
    if (b.type_problem()) return Response{};
    auto done = RevokePin(api.ctx).by_holder(caller->session, pin);
    return done ? reply(r, HttpStatus::ok, {{"status", "revoked"}}) : reply(r, done.error());
  });
}

}  // namespace

void add_pin_routes(Router& router, Api& api) {
  const std::string base = kApi;
  router.add({Verb::post, base + "/pin-requests", [&api](Request& r) { return request_pin(api, r); }, true});
  router.add({Verb::post, base + "/pin-renewals", [&api](Request& r) { return renew_pin(api, r); }, true});
  router.add({Verb::post, base + "/activations/review", [&api](Request& r) { return review_activation(api, r); }});
  router.add({Verb::post, base + "/activations", [&api](Request& r) { return activate(api, r); }});
  router.add({Verb::post, base + "/pin/change", [&api](Request& r) { return change_pin(api, r); }, true});
  router.add({Verb::post, base + "/recoveries", [&api](Request& r) { return start_recovery(api, r); }});
  router.add({Verb::post, base + "/recoveries/confirm", [&api](Request& r) { return confirm_recovery(api, r); }, true});
  router.add({Verb::post, base + "/pin/revocation", [&api](Request& r) { return revoke(api, r); }, true});
}

}  // namespace sportello::http
