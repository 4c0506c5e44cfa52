// The citizen's pages: home (/), Accedi (/accedi), first access and PIN change (/cambia-pin), the reserved
// area (/area-riservata) and logging out (/esci). Language switch: any page with ?lang=it|en.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "credential/pin_generator.h"
#include "flows/change_pin.h"
#include "flows/login.h"
#include "flows/profile.h"
#include "http/api/auth.h"
#include "web/access_list.h"
#include "web/form.h"
#include "web/federation_pages.h"
#include "web/page_request.h"
#include "web/pin_retirement.h"
#include "web/refused_pin.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// The page the login goes back to, from /accedi?torna= or the form's hidden field; "" for the reserved area.
std::string return_path(const std::map<std::string, std::string>& source) {
  const auto found = source.find("torna");
  return found == source.end() ? "" : safe_return_path(found->second);
}

// The login page: SPID and CIE first when configured (login_choices.h), then the PIN's form.
Response citizen_login_page(Web& web, const Request& r, PageData values, const std::string& back,
                    http::HttpStatus status = http::HttpStatus::ok) {
  put_login_choices(web, back, values);
  values.set("pin_retired", pin_retired(web));
  return anonymous_form_page(web, r, "login", std::move(values), status);
}

Response refused_form(Web& web, const Request& r) {
  PageData values{PageData::type::object};
  const auto fields = form_fields(r);
  const std::string back = fields ? return_path(*fields) : "";
  if (!back.empty()) values.set("torna", back);
  values.set("error", web.pages.texts().get(language_of(r), "error_form_expired"));
  return citizen_login_page(web, r, values, back, http::HttpStatus::forbidden);
}

Response home(Web& web, Request& r) {
  // Signed in, the layout's Esci button needs the session's token.
  const auto who = signed_in(web, r);
  PageData values = who ? signed_in_values(*who) : PageData{PageData::type::object};
  values.set("logged_out", r.query.contains("sessione") && r.query.at("sessione") == "chiusa");
  return render_page(web, r, "home", values);
}

Response login_form(Web& web, Request& r) {
  const std::string back = return_path(r.query);
  if (signed_in(web, r)) return redirect(r, back.empty() ? "/area-riservata" : back);
  PageData values{PageData::type::object};
  if (!back.empty()) values.set("torna", back);
  return citizen_login_page(web, r, values, back);
}

Response login(Web& web, Request& r) {
  const Language language = language_of(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return refused_form(web, r);
  PageData values{PageData::type::object};
  values.set("codice_fiscale", value_of(*fields, "codice_fiscale"));
  const std::string back = return_path(*fields);
  if (!back.empty()) values.set("torna", back);
  if (auto limited = http::throttled(web.api, r)) {
    values.set("error", web.pages.texts().get(language, "error_throttled"));
    return citizen_login_page(web, r, values, back, http::HttpStatus::too_many_requests);
  }
  // A malformed code says nothing about who has a PIN: it gets its own message next to the field.
  if (!CodiceFiscale::parse(value_of(*fields, "codice_fiscale"), web.api.ctx.places, rome_date(web.api.ctx.clock.now()))) {
    values.set("cf_error", web.pages.texts().get(language, "error_cf_format"));
    return citizen_login_page(web, r, values, back);
  }
  auto opened = Login(web.api.ctx).run({value_of(*fields, "codice_fiscale"), Secret(value_of(*fields, "pin"))});
  if (!opened) {
    const Error& e = opened.error();
    web.api.metrics.login(e.code == "blocked" ? "blocked" : "wrong");
    if (is_refused_pin(e)) {
      // The first wrong PIN blocks already: say until when, and where a lost PIN is recovered.
      values.set("error", refused_pin_text(web.pages.texts(), language, e, web.api.ctx.clock.now()));
      values.set("lost_pin", true);
    } else {
      values.set("error", web.pages.texts().get(language, "error_login"));
    }
    return citizen_login_page(web, r, values, back);
  }
  web.api.metrics.login("ok");
  // A PIN that must be changed first goes through /cambia-pin, which carries the page on.
  std::string next = back.empty() ? "/area-riservata" : back;
  if (opened->session.required_action != RequiredAction::none)
    next = back.empty() ? "/cambia-pin" : "/cambia-pin?torna=" + std::string(boost::urls::encode(back, boost::urls::unreserved_chars));
  Response response = redirect(r, next);
  response.set(http::beast_http::field::set_cookie, http::session_cookie(opened->token));
  return response;
}

void put_profile(Web& web, Language language, const CitizenProfile& p, const std::vector<Access>& accesses,
                 PageData& values) {
  const Texts& t = web.pages.texts();
  values.set("greeting", t.get(language, p.citizen.data.sex == Sex::female ? "reserved_welcome_female" : "reserved_welcome_male"));
  values.set("name", p.citizen.data.name);
  values.set("surname", p.citizen.data.surname);
  values.set("codice_fiscale", p.citizen.codice_fiscale);
  values.set("has_pin", p.credential.has_value());  // none: entered with SPID, CIE or CNS, and never had one
  const bool dispositivo = p.credential && p.credential->level == Level::dispositivo;
  values.set("dispositivo", dispositivo);
  values.set("level", t.get(language, dispositivo ? "level_dispositivo" : "level_ordinario"));
  if (p.pin_change_due) values.set("pin_change_due", format_date(rome_date(*p.pin_change_due), language));
  if (p.pin_expires) values.set("pin_expires", format_date(rome_date(*p.pin_expires), language));
  PageData contacts{PageData::type::list};
  for (ContactKind kind : p.citizen.contacts.present()) {
    PageData row{PageData::type::object};
    row.set("kind", t.get(language, std::string("contact_") + to_string(kind)));
    row.set("value", p.citizen.contacts.get(kind));
    contacts.push_back(row);
  }
  values.set("contacts", contacts);
  put_accesses(t, language, accesses, values, web.federation);
}

Response reserved_area(Web& web, Request& r) {
  const auto who = signed_in(web, r);
  if (!who) return redirect_to_login(r);
  if (who->session.required_action != RequiredAction::none) return redirect(r, "/cambia-pin");
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return redirect_to_login(r);
  auto accesses = Profile(web.api.ctx).accesses(who->session, 20);
  PageData values{PageData::type::object};
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who->token));
  put_profile(web, language_of(r), *profile, accesses ? *accesses : std::vector<Access>{}, values);
  return render_page(web, r, "reserved_area", values);
}

Response change_form(Web& web, Request& r) {
  const auto who = signed_in(web, r);
  if (!who) return redirect_to_login(r);
  PageData values{PageData::type::object};
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who->token));
  values.set("first_access", who->session.required_action == RequiredAction::set_pin);
  if (const std::string back = return_path(r.query); !back.empty()) values.set("torna", back);
  return render_page(web, r, "change_pin", values);
}

Response change_pin(Web& web, Request& r) {
  const Language language = language_of(r);
  const auto who = signed_in(web, r);
  if (!who) return redirect_to_login(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/cambia-pin");
  PageData values{PageData::type::object};
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who->token));
  values.set("first_access", who->session.required_action == RequiredAction::set_pin);
  // The page the login was going to, carried from /accedi through the first access.
  const std::string back = return_path(*fields);
  if (!back.empty()) values.set("torna", back);
  // Compared as they will be checked: "abcd 1234" and "ABCD1234" are the same PIN.
  // Each error is next to its field and in the summary on top, which links to it.
  static constexpr FieldSpec kPinFields[] = {{"current_pin", "password", "current-password"},
                                             {"new_pin", "password", "new-password"},
                                             {"confirm_pin", "password", "new-password"}};
  if (normalise_typed_pin(value_of(*fields, "new_pin")) != normalise_typed_pin(value_of(*fields, "confirm_pin"))) {
    values.set("confirm_error", web.pages.texts().get(language, "error_pin_confirm"));
    problem_summary(values, web.pages.texts(), language, {{kPinFields}}, {Error::invalid("pin_confirm", "", "confirm_pin")});
    return render_page(web, r, "change_pin", values);
  }
  auto changed = ChangePin(web.api.ctx).run(who->session, {Secret(value_of(*fields, "current_pin")), Secret(value_of(*fields, "new_pin"))});
  if (!changed) {
    const Error& e = changed.error();
    const std::string text = web.pages.texts().get(language, "error_" + e.code);
    values.set(e.code == "wrong-pin" ? "current_error" : "new_error", text.starts_with("error_") ? e.message : text);
    problem_summary(values, web.pages.texts(), language, {{kPinFields}},
                    {Error::invalid(e.code, e.message, e.code == "wrong-pin" ? "current_pin" : "new_pin")});
    return render_page(web, r, "change_pin", values);
  }
  return redirect(r, back.empty() ? "/area-riservata" : back);
}

Response logout(Web& web, Request& r) {
  const auto who = signed_in(web, r);
  if (who) {
    const auto fields = form_fields(r);
    if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/area-riservata");
    // A SPID or CIE session also signs out at its identity provider (single logout), which then comes back.
    if (auto at_idp = leave_identity_provider(web, r, who->token)) return *at_idp;
  }
  Response response = redirect(r, "/?sessione=chiusa");
  response.set(http::beast_http::field::set_cookie, http::session_cookie(""));
  return response;
}

}  // namespace

void add_citizen_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/", [&web](Request& r) { return home(web, r); }});
  router.add({Verb::get, "/accedi", [&web](Request& r) { return login_form(web, r); }});
  router.add({Verb::post, "/accedi", unless_pin_retired(web, [&web](Request& r) { return login(web, r); }), true});
  router.add({Verb::get, "/area-riservata", [&web](Request& r) { return reserved_area(web, r); }});
  router.add({Verb::get, "/cambia-pin", [&web](Request& r) { return change_form(web, r); }});
  router.add({Verb::post, "/cambia-pin", [&web](Request& r) { return change_pin(web, r); }, true});
  router.add({Verb::post, "/esci", [&web](Request& r) { return logout(web, r); }});
}

}  // namespace sportello::web
