// Operator actions under /operator (SPEC §1, §4): the request queue and its confirmation or rejection,
// phone requests, office issuance, revocation, dispositivo review and MV35 conversion. Each checks the
// caller's role in the flow.
#include "core/civil_time.h"
#include "flows/dispositivo_conversion.h"
#include "flows/issue_pin_at_office.h"
#include "flows/profile.h"
#include "flows/request_pin.h"
#include "flows/review_request.h"
#include "flows/revoke_pin.h"
#include "http/api/applicant_json.h"
#include "http/api/as_staff.h"

namespace sportello::http {
namespace {

Response request_queue(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    auto pending = ReviewRequest(api.ctx).queue(actor);
    if (!pending) return reply(r, pending.error());
    boost::json::array rows;
    for (const PendingRequest& p : *pending)
      rows.push_back({{"codice_fiscale", p.codice_fiscale}, {"surname", p.surname}, {"name", p.name},
                      {"requested_at", format_utc_iso(p.requested_at)}, {"age_seconds", p.age.count()},
                      {"overdue", p.overdue}});
    return reply(r, HttpStatus::ok, {{"requests", rows}});
  });
}

Response dispositivo_queue(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    auto pending = DispositivoConversion(api.ctx).pending(actor);
    if (!pending) return reply(r, pending.error());
    boost::json::array rows;
    for (const DispositivoRequest& d : *pending)
      rows.push_back({{"id", d.id}, {"citizen_id", d.citizen_id}, {"document_type", to_string(d.document_type)},
                      {"submitted_at", format_utc_iso(d.submitted_at)}});
    return reply(r, HttpStatus::ok, {{"requests", rows}});
  });
}

void add_request_review(Router& router, Api& api, const std::string& base) {
  router.add({Verb::get, base + "/pin-requests", [&api](Request& r) { return request_queue(api, r); }});
  router.add({Verb::post, base + "/pin-requests/{codice_fiscale}/confirmation", [&api](Request& r) {
                return as_staff(api, r, [&](const Actor& actor) {
                  return done_or(r, ReviewRequest(api.ctx).confirm(actor, r.params.at("codice_fiscale")), "confirmed");
                });
              }});
  router.add({Verb::post, base + "/pin-requests/{codice_fiscale}/rejection", [&api](Request& r) {
                return as_staff_with_body<std::string>(
                    api, r, [](JsonBody& b) { return b.text("reason"); },
                    [&](const Actor& actor, const std::string& reason) {
                      return done_or(r, ReviewRequest(api.ctx).reject(actor, r.params.at("codice_fiscale"), reason), "rejected");
                    });
              }});
}

void add_issuance(Router& router, Api& api, const std::string& base) {
  router.add({Verb::post, base + "/phone-requests", [&api](Request& r) {
                return as_staff_with_body<PhoneRequestInput>(
                    api, r,
                    [](JsonBody& b) {
                      return PhoneRequestInput{applicant_from(b), b.text("tessera_number"), b.text("tessera_expiry")};
                    },
                    [&](const Actor& actor, const PhoneRequestInput& in) {
                      std::vector<Error> problems;
                      auto done = RegisterPhoneRequest(api.ctx).run(actor, in, problems);
                      if (!done) return problems_reply(r, done.error(), problems);
                      return reply(r, HttpStatus::created, {{"status", "registered"}});
                    });
              }, true});
  router.add({Verb::post, base + "/office-issuances", [&api](Request& r) {
                return as_staff_with_body<OfficeIssueInput>(
                    api, r,
                    [](JsonBody& b) {
                      return OfficeIssueInput{applicant_from(b), b.text("document_kind"), b.text("document_number")};
                    },
                    [&](const Actor& actor, const OfficeIssueInput& in) {
                      std::vector<Error> problems;
                      auto issued = IssuePinAtOffice(api.ctx).run(actor, in, problems);
                      if (!issued) return problems_reply(r, issued.error(), problems);
                      return reply(r, HttpStatus::created,
                                   {{"pin", std::string(issued->pin.reveal())}, {"level", "dispositivo"},
                                    {"first_access_before", format_utc_iso(issued->expires_at)}});
                    });
              }, true});
  router.add({Verb::post, base + "/revocations", [&api](Request& r) {
                struct Fields {
                  std::string code, reason;
                  bool checked;
                };
                return as_staff_with_body<Fields>(
                    api, r,
                    [](JsonBody& b) { return Fields{b.text("codice_fiscale"), b.text("reason"), b.flag("identity_checked")}; },
                    [&](const Actor& actor, const Fields& f) {
                      return done_or(r, RevokePin(api.ctx).by_staff(actor, f.code, f.checked, f.reason), "revoked");
                    });
              }});
}

void add_dispositivo_review(Router& router, Api& api, const std::string& base) {
  router.add({Verb::get, base + "/dispositivo-requests", [&api](Request& r) { return dispositivo_queue(api, r); }});
  router.add({Verb::post, base + "/dispositivo-requests/{id}/approval", [&api](Request& r) {
                return as_staff(api, r, [&](const Actor& actor) {
                  const auto id = id_param(r);
                  return id ? done_or(r, DispositivoConversion(api.ctx).approve(actor, *id), "approved") : bad_id(r);
                });
              }});
  router.add({Verb::post, base + "/dispositivo-requests/{id}/rejection", [&api](Request& r) {
                return as_staff_with_body<std::string>(
                    api, r, [](JsonBody& b) { return b.text("reason"); },
                    [&](const Actor& actor, const std::string& reason) {
                      const auto id = id_param(r);
                      return id ? done_or(r, DispositivoConversion(api.ctx).reject(actor, *id, reason), "rejected")
                                : bad_id(r);
                    });
              }});
  router.add({Verb::post, base + "/dispositivo-conversions", [&api](Request& r) {
                return as_staff_with_body<std::string>(
                    api, r, [](JsonBody& b) { return b.text("codice_fiscale"); },
                    [&](const Actor& actor, const std::string& code) {
                      return done_or(r, DispositivoConversion(api.ctx).convert_at_office(actor, code), "converted");
                    });
              }});
}

}  // namespace

void add_operator_routes(Router& router, Api& api) {
  const std::string base = std::string(kApi) + "/operator";
  add_request_review(router, api, base);
  add_issuance(router, api, base);
  add_dispositivo_review(router, api, base);
}

}  // namespace sportello::http
