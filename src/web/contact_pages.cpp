// I suoi contatti, from the reserved area (SPEC §2): /area-riservata/contatti lists the contacts with a link to
// change each; /area-riservata/contatti?tipo=KIND asks for the new value; a new mobile or e-mail then waits for
// the code sent to it (/area-riservata/contatti/verifica?tipo=KIND), other contacts change at once.
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

// A form of form.mustache for the holder: their CSRF token, the kind carried, a link back to the list.
Response holder_form(Web& web, Request& r, const SignedIn& who, const FormPage& page, const Fields& typed,
                     const std::optional<Error>& error, const std::string& label_key,
                     http::HttpStatus status = http::HttpStatus::ok) {
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
  if (!profile) return redirect(r, "/accedi");
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
  if (!who) return redirect(r, "/accedi");
  const std::string kind = query(r, "tipo");
  if (!kind_named(kind)) return list(web, r, *who);
  return holder_form(web, r, *who, value_page(), {{"kind", kind}}, std::nullopt, "contact_" + kind);
}

Response change(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect(r, "/accedi");
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/area-riservata/contatti");
  const std::string kind = value_of(*fields, "kind");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  auto started = ChangeContact(web.api.ctx).start(who->session, {kind, value_of(*fields, "value")});
  if (!started)
    return holder_form(web, r, *who, value_page(), *fields, started.error(), "contact_" + kind,
                       http::HttpStatus::unprocessable_entity);
  if (*started == ContactChangeOutcome::code_sent) return redirect(r, "/area-riservata/contatti/verifica?tipo=" + kind);
  return redirect(r, "/area-riservata/contatti?esito=aggiornato");
}

Response code_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect(r, "/accedi");
  const std::string kind = query(r, "tipo");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  return holder_form(web, r, *who, code_page(), {{"kind", kind}}, std::nullopt, "contact_" + kind);
}

Response verify(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect(r, "/accedi");
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/area-riservata/contatti");
  const std::string kind = value_of(*fields, "kind");
  if (!kind_named(kind)) return redirect(r, "/area-riservata/contatti");
  auto verified = ChangeContact(web.api.ctx).confirm(who->session, kind, value_of(*fields, "code"));
  if (!verified)
    return holder_form(web, r, *who, code_page(), *fields, verified.error(), "contact_" + kind,
                       http::HttpStatus::unprocessable_entity);
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
