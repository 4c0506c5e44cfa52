// Attiva il PIN (SPEC §4.2, for PINs requested by phone or letter) in two steps: the health card proves
// possession, then the holder reviews their data, gives the contacts and chooses where the second half goes.
// Rinnova il PIN scaduto (SPEC §3): the codice fiscale and the expired 16 characters bring a new PIN.
#include "core/civil_time.h"
#include "flows/activate_pin.h"
#include "flows/renew_pin.h"
#include "http/api/auth.h"
#include "identity/postal_lines.h"
#include "web/form.h"
#include "web/page_request.h"
#include "web/pin_retirement.h"
#include "web/refused_pin.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

const FieldSpec kProof[] = {{"codice_fiscale", "text", "off"},
                            {"tessera_number", "text", "off", "field_tessera_number_help"},
                            {"tessera_expiry", "text", "off", "field_tessera_expiry_help"}};
const FieldSpec kChannelField[] = {{"send_second_half_to", "radio", "off"}};
const FieldSpec kContacts[] = {{"mobile", "tel", "tel"},           {"email", "email", "email"},
                               {"pec", "email", "off"},            {"home_phone", "tel", "off"},
                               {"office_phone", "tel", "off"},     {"fax", "tel", "off"}};
const char* const kChannels[] = {"mobile", "email", "pec"};
const FieldSpec kRenewal[] = {{"codice_fiscale", "text", "off"}, {"expired_pin", "password", "current-password"}};

FormPage proof_page() { return {"activate_title", "activate_lead", "request_next", "/attiva-pin", kProof}; }
FormPage renewal_page() { return {"renew_title", "renew_lead", "renew_submit", "/rinnova-pin", kRenewal}; }

Response show(Web& web, Request& r, const FormPage& page, const Fields& typed, const std::optional<Error>& error,
              http::HttpStatus status = http::HttpStatus::ok) {
  return anonymous_form_page(web, r, "form", form_values(web.pages.texts(), language_of(r), page, typed, error), status);
}

ActivationProof proof_from(const Fields& f) {
  return {value_of(f, "codice_fiscale"), value_of(f, "tessera_number"), value_of(f, "tessera_expiry")};
}

// Step 2: the data to review, the contact fields and the choice of channel, step 1 carried hidden.
Response contacts_page(Web& web, Request& r, const PersonalData& data, const Fields& typed,
                       const std::optional<Error>& error, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  PageData values{PageData::type::object};
  values.set("name", data.name);
  values.set("surname", data.surname);
  values.set("birth_date", format_date(data.birth_date, language));
  values.set("residence", residence_line(data.residence));
  values.set("fields", field_rows(t, language, kContacts, typed, error));
  values.set("carried", hidden_rows(kProof, typed));
  PageData channels{PageData::type::list};
  const std::string chosen = value_of(typed, "send_second_half_to");
  for (const char* channel : kChannels) {
    PageData row{PageData::type::object};
    // The first choice carries the field's name as its id, so the error summary's link reaches the group.
    row.set("id", channel == kChannels[0] ? std::string(kChannelField[0].name) : std::string("channel-") + channel);
    row.set("value", channel);
    row.set("label", t.get(language, std::string("contact_") + channel));
    row.set("checked", chosen == channel || (chosen.empty() && std::string_view(channel) == "mobile"));
    channels.push_back(row);
  }
  values.set("channels", channels);
  if (names_one_of(kChannelField, error)) values.set("channel_error", error_text(t, language, *error));
  if (error) problem_summary(values, t, language, {{kContacts}, {kChannelField}}, {*error});
  return anonymous_form_page(web, r, "activate_contacts", values, status);
}

Response proof_form(Web& web, Request& r) { return show(web, r, proof_page(), {}, std::nullopt); }

Response proof(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields))
    return show(web, r, proof_page(), {}, Error::invalid("form_expired", "", ""), http::HttpStatus::forbidden);
  if (http::throttled(web.api, r))
    return show(web, r, proof_page(), *fields, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  auto data = ActivatePin(web.api.ctx).review(proof_from(*fields));
  if (!data) return show(web, r, proof_page(), *fields, data.error(), http::HttpStatus::unprocessable_entity);
  return contacts_page(web, r, *data, *fields, std::nullopt);
}

Response complete(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields))
    return show(web, r, proof_page(), {}, Error::invalid("form_expired", "", ""), http::HttpStatus::forbidden);
  if (http::throttled(web.api, r))
    return show(web, r, proof_page(), *fields, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  ActivatePin activation(web.api.ctx);
  auto done = activation.complete({proof_from(*fields), applicant_from(*fields), value_of(*fields, "send_second_half_to")});
  if (!done) {
    // The proof was checked again: when it fails now, the holder starts over from step 1.
    auto data = activation.review(proof_from(*fields));
    if (!data) return show(web, r, proof_page(), *fields, data.error(), http::HttpStatus::unprocessable_entity);
    return contacts_page(web, r, *data, *fields, done.error(), http::HttpStatus::unprocessable_entity);
  }
  return redirect(r, "/attiva-pin/completata");
}

Response activated(Web& web, Request& r) {
  return render_page(web, r, "notice",
                     notice_values(web.pages.texts(), language_of(r), "activate_done_title",
                                   {"activate_done_text", "activate_done_next"}, {{"/accedi", "login_title"}}));
}

// A wrong PIN or a block is said on top, as on Accedi (the codice fiscale may be the wrong one), with the time
// of the next try and the way to recover a lost PIN.
Response refused_renewal(Web& web, Request& r, const Fields& typed, Error e) {
  const Language language = language_of(r);
  e.field.clear();
  PageData values = form_values(web.pages.texts(), language, renewal_page(), typed, e);
  values.set("error", refused_pin_text(web.pages.texts(), language, e, web.api.ctx.clock.now()));
  values.set("lost_pin", true);
  return anonymous_form_page(web, r, "form", values, http::HttpStatus::unprocessable_entity);
}

Response renewal_form(Web& web, Request& r) { return show(web, r, renewal_page(), {}, std::nullopt); }

Response renew(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields))
    return show(web, r, renewal_page(), {}, Error::invalid("form_expired", "", ""), http::HttpStatus::forbidden);
  if (http::throttled(web.api, r))
    return show(web, r, renewal_page(), *fields, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  if (auto limited = http::costly_throttled(web.api, r))
    return show(web, r, renewal_page(), *fields, *limited, http::HttpStatus::too_many_requests);
  auto renewed = RenewPin(web.api.ctx).run({value_of(*fields, "codice_fiscale"), Secret(value_of(*fields, "expired_pin"))});
  http::settle_costly(web.api, r, renewed);
  if (!renewed && is_refused_pin(renewed.error())) return refused_renewal(web, r, *fields, renewed.error());
  if (!renewed) return show(web, r, renewal_page(), *fields, renewed.error(), form_error_status(renewed.error()));
  return redirect(r, "/rinnova-pin/completato");
}

Response renewed(Web& web, Request& r) {
  return render_page(web, r, "notice",
                     notice_values(web.pages.texts(), language_of(r), "renew_done_title",
                                   {"renew_done_text"}, {{"/accedi", "login_title"}}));
}

}  // namespace

void add_pin_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/attiva-pin", unless_pin_retired(web, [&web](Request& r) { return proof_form(web, r); })});
  router.add({Verb::post, "/attiva-pin", unless_pin_retired(web, [&web](Request& r) { return proof(web, r); })});
  router.add({Verb::post, "/attiva-pin/contatti",
              unless_pin_retired(web, [&web](Request& r) { return complete(web, r); }), true});
  router.add({Verb::get, "/attiva-pin/completata", [&web](Request& r) { return activated(web, r); }});
  router.add({Verb::get, "/rinnova-pin", unless_pin_retired(web, [&web](Request& r) { return renewal_form(web, r); })});
  router.add({Verb::post, "/rinnova-pin", unless_pin_retired(web, [&web](Request& r) { return renew(web, r); }), true});
  router.add({Verb::get, "/rinnova-pin/completato", [&web](Request& r) { return renewed(web, r); }});
}

}  // namespace sportello::web
