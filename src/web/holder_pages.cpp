// The holder's own actions from the reserved area: Revoca il PIN (SPEC §4.6, confirmed with the PIN; every
// session ends) and Converti in PIN dispositivo (SPEC §4.7: download the pre-filled form, upload one signed
// file of at most 1 MB, PDF, JPEG or PNG). Each needs a live session without a required action.
#include "core/civil_time.h"
#include "documents/dispositivo_form.h"
#include "flows/dispositivo_conversion.h"
#include "flows/profile.h"
#include "flows/revoke_pin.h"
#include "http/api/auth.h"
#include "http/file_response.h"
#include "http/multipart.h"
#include "web/form.h"
#include "web/page_request.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// Large enough that a file somewhat over 1 MB reaches the flow and gets its clear message on the page.
constexpr std::uint64_t kWebUploadBodyLimit = 4 * 1024 * 1024;

const FieldSpec kRevocation[] = {{"pin", "password", "current-password"}};


// A wrong PIN is said on top with the way to recover a lost PIN (this check does not block: the holder is
// signed in and the answer is the flow's "Il PIN non è corretto").
Response revocation_page(Web& web, Request& r, const SignedIn& who, std::optional<Error> error,
                         http::HttpStatus status = http::HttpStatus::ok) {
  const bool wrong_pin = error && error->code == "wrong-pin";
  if (wrong_pin) error->field.clear();
  PageData values = form_values(web.pages.texts(), language_of(r),
                                {"revoke_title", "revoke_lead", "revoke_submit", "/revoca-pin", kRevocation}, {}, error);
  values.set("lost_pin", wrong_pin);
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  PageData links{PageData::type::list};
  PageData back{PageData::type::object};
  back.set("href", "/area-riservata");
  back.set("text", web.pages.texts().get(language_of(r), "back_reserved"));
  links.push_back(back);
  values.set("links", links);
  return render_page(web, r, "form", values, status);
}

Response pin_revocation_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  return who ? revocation_page(web, r, *who, std::nullopt) : redirect_to_login(r);
}

Response revoke_own_pin(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, "/revoca-pin");
  auto revoked = RevokePin(web.api.ctx).by_holder(who->session, Secret(value_of(*fields, "pin")));
  if (!revoked) return revocation_page(web, r, *who, revoked.error(), http::HttpStatus::unprocessable_entity);
  Response response = redirect(r, "/revoca-pin/completata");
  response.set(http::beast_http::field::set_cookie, http::session_cookie(""));
  return response;
}

Response revoked(Web& web, Request& r) {
  return render_page(web, r, "notice",
                     notice_values(web.pages.texts(), language_of(r), "revoke_done_title", {"revoke_done_text"},
                                   {{"/richiedi-pin", "home_what_request"}}));
}

// Nothing to convert: the PIN is dispositivo already, or there is no PIN (SPID, CIE and CNS count as dispositivo).
bool nothing_to_convert(const CitizenProfile& profile) {
  return !profile.credential || profile.credential->level == Level::dispositivo;
}

Response dispositivo_page(Web& web, Request& r, const SignedIn& who, const std::optional<Error>& error,
                          http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  PageData values = signed_in_values(who);
  auto profile = Profile(web.api.ctx).citizen(who.session);
  if (profile && nothing_to_convert(*profile)) {
    values.set("already", true);
    values.set("already_text", web.pages.texts().get(language, profile->credential ? "dispositivo_already" : "reserved_no_pin"));
  }
  const auto outcome = r.query.find("esito");
  if (outcome != r.query.end() && outcome->second == "inviata") values.set("sent", true);
  if (error) values.set("document_error", error_text(web.pages.texts(), language, *error));
  return render_page(web, r, "dispositivo", values, status);
}

Response dispositivo_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  return who ? dispositivo_page(web, r, *who, std::nullopt) : redirect_to_login(r);
}

Response dispositivo_pdf(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return redirect_to_login(r);
  // No form to sign for a PIN that is dispositivo already, or that does not exist: the page says so.
  if (nothing_to_convert(*profile)) return redirect(r, "/area-riservata/dispositivo");
  return http::download(r, "application/pdf", "richiesta-pin-dispositivo.pdf",
                        render_dispositivo_form(profile->citizen, web.api.ctx.places, web.api.ctx.clock.now()));
}

// The multipart body's CSRF field and its one file; nullopt when the body is not a well-formed form.
struct Upload {
  std::string csrf;
  std::vector<std::string> files;
};

std::optional<Upload> upload_of(const Request& r) {
  const auto boundary = http::multipart_boundary(r.header(http::beast_http::field::content_type));
  if (!boundary) return std::nullopt;
  auto parts = http::parse_multipart(r.body(), *boundary);
  if (!parts) return std::nullopt;
  Upload upload;
  for (http::FormPart& part : *parts) {
    if (part.name == "csrf") upload.csrf = part.data;
    // A file input left empty still sends a part, with no file name and no bytes.
    if (part.name == "document" && !(part.filename.empty() && part.data.empty())) upload.files.push_back(std::move(part.data));
  }
  return upload;
}

Response upload_dispositivo(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto upload = upload_of(r);
  if (!upload || !genuine_session_post(r, *who, {{"csrf", upload->csrf}})) return redirect(r, "/area-riservata/dispositivo");
  if (upload->files.size() != 1)
    return dispositivo_page(web, r, *who, Error::invalid("document-empty", "", "document"), http::HttpStatus::unprocessable_entity);
  auto id = DispositivoConversion(web.api.ctx).request(who->session, std::move(upload->files.front()));
  if (!id) return dispositivo_page(web, r, *who, id.error(), http::HttpStatus::unprocessable_entity);
  return redirect(r, "/area-riservata/dispositivo?esito=inviata");
}

}  // namespace

void add_holder_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/revoca-pin", [&web](Request& r) { return pin_revocation_form(web, r); }});
  router.add({Verb::post, "/revoca-pin", [&web](Request& r) { return revoke_own_pin(web, r); }, true});
  router.add({Verb::get, "/revoca-pin/completata", [&web](Request& r) { return revoked(web, r); }});
  router.add({Verb::get, "/area-riservata/dispositivo", [&web](Request& r) { return dispositivo_form(web, r); }});
  router.add({Verb::get, "/area-riservata/dispositivo/modulo.pdf", [&web](Request& r) { return dispositivo_pdf(web, r); }});
  router.add({Verb::post, "/area-riservata/dispositivo", [&web](Request& r) { return upload_dispositivo(web, r); }, false,
              kWebUploadBodyLimit});
}

}  // namespace sportello::web
