// I suoi contatti, from the reserved area (SPEC §2): /area-riservata/contatti lists the contacts with a link to
// change each; /area-riservata/contatti?tipo=KIND asks for the new value; a new mobile or e-mail then waits for
// the code sent to it (/area-riservata/contatti/verifica?tipo=KIND), other contacts change at once. The code's
// label names the channel and, masked, the new contact it went to ("Codice ricevuto per SMS al numero …4567"):
// the masked value travels to the code page in a sealed, short-lived cookie, never in the URL.
#include <charconv>

#include "flows/change_contact.h"
#include "flows/profile.h"
#include "http/api/auth.h"
#include "web/form.h"
#include "web/page_request.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

const FieldSpec kValue[] = {{"value", "text", "off"}};
const FieldSpec kCode[] = {{"code", "text", "one-time-code", "field_contact_code_help"}};
constexpr const char* kSentCookie = "__Secure-sportello-contact";
constexpr std::chrono::seconds kSentLifetime{900};  // the code's own lifetime (field_contact_code_help)
const FieldSpec kKind[] = {{"kind", "hidden", "off"}};


std::string query(const Request& r, const char* name) {
  const auto found = r.query.find(name);
  return found == r.query.end() ? "" : found->second;
}

std::optional<ContactKind> kind_named(const std::string& text) {
  ContactKind kind = ContactKind::email;
  if (!parse_contact_kind(text, kind)) return std::nullopt;
  return kind;
}

// "…4567" for a number, "m***@example.it" for an address: enough to recognise, nothing to reuse.
std::string masked(const std::string& kind, const std::string& value) {
  if (kind != "email") {
    std::string digits;
    for (char c : value)
      if (c >= '0' && c <= '9') digits += c;
    return "…" + digits.substr(digits.size() > 4 ? digits.size() - 4 : 0);
  }
  const auto at = value.find('@');
  return at == std::string::npos || at == 0 ? "***" : value.substr(0, 1) + "***" + value.substr(at);
}

std::string sent_cookie(Web& web, const std::string& kind, const std::string& value) {
  const auto expiry = (web.api.ctx.clock.now() + kSentLifetime).time_since_epoch().count();
  return std::string(kSentCookie) + "=" + web.api.ctx.box.seal(std::to_string(expiry) + "\n" + kind + "\n" + masked(kind, value)) +
         "; Path=/area-riservata/contatti; Max-Age=" + std::to_string(kSentLifetime.count()) + "; Secure; HttpOnly; SameSite=Lax";
}

// The masked contact the code of `kind` went to, when the cookie holds it and has not expired.
std::string sent_to(Web& web, const Request& r, const std::string& kind) {
  auto opened = web.api.ctx.box.open(http::cookie_value(r.header(http::beast_http::field::cookie), kSentCookie));
  if (!opened) return "";
  const auto first = opened->find('\n');
  const auto second = first == std::string::npos ? first : opened->find('\n', first + 1);
  if (second == std::string::npos || opened->substr(first + 1, second - first - 1) != kind) return "";
  long long expiry = 0;
  std::from_chars(opened->data(), opened->data() + first, expiry);
  return web.api.ctx.clock.now().time_since_epoch().count() > expiry ? "" : opened->substr(second + 1);
}

// The code's label: the channel it was sent on, and the masked contact when known.
std::string code_label(Web& web, const Request& r, const std::string& kind) {
  const std::string label = web.pages.texts().get(language_of(r), kind == "email" ? "contact_code_email" : "contact_code_sms");
  const std::string to = sent_to(web, r, kind);
  return to.empty() ? label : label + " " + to;
}

// A form of form.mustache for the holder: their CSRF token, the kind carried, a link back to the list.
Response holder_form(Web& web, Request& r, const SignedIn& who, const FormPage& page, const Fields& typed,
                     const std::optional<Error>& error, const std::string& label_key,
                     http::HttpStatus status = http::HttpStatus::ok, const std::string& code_label = "") {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  PageData values = form_values(t, language, page, typed, error);
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  values.set("lead", t.get(language, page.lead) + " " + t.get(language, label_key) + ".");
  PageData links{PageData::type::list};
  PageData back{PageData::type::object};
  back.set("href", "/area-riservata/contatti");
  back.set("text", t.get(language, "contacts_back"));
  links.push_back(back);
  values.set("links", links);
  if (!code_label.empty()) {
    // The only field of the code page: its label names the channel (the catalogue's field_code says e-mail).
    PageData fields = field_rows(t, language, page.fields, typed, error);
    PageData labelled{PageData::type::list};
    for (PageData row : fields.list_value()) {
      row.set("label", code_label);
      labelled.push_back(row);
    }
    values.set("fields", labelled);
    if (error && error->field == "code") {  // the summary names the field as its label does
      PageData rows{PageData::type::list};
      PageData row{PageData::type::object};
      row.set("href", "#code");
      row.set("text", code_label + ": " + error_text(t, language, *error));
      rows.push_back(row);
      values.set("problems", rows);
    }
  }
  return render_page(web, r, "form", values, status);
}

FormPage value_page() {
  return {"contacts_change_title", "contacts_change_lead", "contacts_change_submit", "/area-riservata/contatti", kValue, kKind};
}

FormPage code_page() {
  return {"contacts_verify_title", "contacts_verify_lead", "contacts_verify_submit", "/area-riservata/contatti/verifica",
          kCode, kKind};
}

Response list(Web& web, Request& r, const SignedIn& who) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto profile = Profile(web.api.ctx).citizen(who.session);
  if (!profile) return redirect_to_login(r);
  PageData values = signed_in_values(who);
  PageData rows{PageData::type::list};
  for (ContactKind kind : {ContactKind::mobile, ContactKind::email, ContactKind::pec, ContactKind::pec_cittadino,
                           ContactKind::home_phone, ContactKind::office_phone, ContactKind::fax}) {
    PageData row{PageData::type::object};
    row.set("kind", to_string(kind));
    row.set("label", t.get(language, std::string("contact_") + to_string(kind)));
    const std::string& value = profile->citizen.contacts.get(kind);
    if (value.empty()) row.set("empty", true);
    else row.set("value", value);
    rows.push_back(row);
  }
  values.set("contacts", rows);
  if (query(r, "esito") == "aggiornato") values.set("updated", true);
  return render_page(web, r, "contacts", values);
}

Response contacts(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const std::string kind = query(r, "tipo");
  if (!kind_named(kind)) return list(web, r, *who);
  return holder_form(web, r, *who, value_page(), {{"kind", kind}}, std::nullopt, "contact_" + kind);
}

Response change(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/area-riservata/contatti");
  const std::string kind = value_of(*fields, "kind");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  auto started = ChangeContact(web.api.ctx).start(who->session, {kind, value_of(*fields, "value")});
  if (!started)
    return holder_form(web, r, *who, value_page(), *fields, started.error(), "contact_" + kind,
                       http::HttpStatus::unprocessable_entity);
  if (*started == ContactChangeOutcome::code_sent) {
    Response response = redirect(r, "/area-riservata/contatti/verifica?tipo=" + kind);
    response.insert(http::beast_http::field::set_cookie, sent_cookie(web, kind, value_of(*fields, "value")));
    return response;
  }
  return redirect(r, "/area-riservata/contatti?esito=aggiornato");
}

Response code_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const std::string kind = query(r, "tipo");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  return holder_form(web, r, *who, code_page(), {{"kind", kind}}, std::nullopt, "contact_" + kind, http::HttpStatus::ok,
                     code_label(web, r, kind));
}

Response verify(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/area-riservata/contatti");
  const std::string kind = value_of(*fields, "kind");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  auto verified = ChangeContact(web.api.ctx).confirm(who->session, kind, value_of(*fields, "code"));
  if (!verified)
    return holder_form(web, r, *who, code_page(), *fields, verified.error(), "contact_" + kind,
                       http::HttpStatus::unprocessable_entity, code_label(web, r, kind));
  return redirect(r, "/area-riservata/contatti?esito=aggiornato");
}

}  // namespace

void add_contact_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/area-riservata/contatti", [&web](Request& r) { return contacts(web, r); }});
  router.add({Verb::post, "/area-riservata/contatti", [&web](Request& r) { return change(web, r); }});
  router.add({Verb::get, "/area-riservata/contatti/verifica", [&web](Request& r) { return code_form(web, r); }});
  router.add({Verb::post, "/area-riservata/contatti/verifica", [&web](Request& r) { return verify(web, r); }});
}

}  // namespace sportello::web
