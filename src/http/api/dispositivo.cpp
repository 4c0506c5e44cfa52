// Conversion to dispositivo by the citizen (SPEC §4.7): GET /dispositivo/form.pdf (the pre-filled form),
// POST /dispositivo-requests (one file, multipart/form-data field "document", or the file itself as the
// body with its media type). The back office reads the document at /operator/dispositivo-requests/{id}/document.
#include "documents/dispositivo_form.h"
#include "flows/dispositivo_conversion.h"
#include "flows/profile.h"
#include "http/api/api.h"
#include "http/api/auth.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "http/multipart.h"

#include <variant>

namespace sportello::http {
namespace {

Response form_pdf(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto profile = Profile(api.ctx).citizen(caller->session);
  if (!profile) return reply(r, profile.error());
  return download(r, "application/pdf", "richiesta-pin-dispositivo.pdf",
                  render_dispositivo_form(profile->citizen, api.ctx.places, api.ctx.clock.now()));
}

// The uploaded file's bytes, or the problem with the request's shape.
std::variant<std::string, Response> uploaded_file(const Request& r) {
  const std::string type = r.header(beast_http::field::content_type);
  if (const auto boundary = multipart_boundary(type)) {
    const auto parts = parse_multipart(r.body(), *boundary);
    if (!parts) return problem_response(HttpStatus::bad_request, "malformed-multipart", "The form data is malformed.", r.raw.version());
    std::vector<const FormPart*> files;
    for (const FormPart& p : *parts)
      if (p.name == "document") files.push_back(&p);
    if (files.size() != 1)
      return reply(r, Error::invalid("document-count", "Send exactly one file, in the field \"document\".", "document"));
    return files.front()->data;
  }
  if (type.starts_with("application/pdf") || type.starts_with("image/jpeg") || type.starts_with("image/png"))
    return r.body();
  return problem_response(HttpStatus::unsupported_media_type, "unsupported-media-type",
                          "Send multipart/form-data with a \"document\" file, or the PDF, JPEG or PNG itself.",
                          r.raw.version());
}

Response request_conversion(Api& api, Request& r) {
  auto caller = authenticate_citizen(api, r);
  if (!caller) return reply(r, caller.error());
  auto file = uploaded_file(r);
  if (auto* problem = std::get_if<Response>(&file)) return std::move(*problem);
  auto id = DispositivoConversion(api.ctx).request(caller->session, std::move(std::get<std::string>(file)));
  if (!id) return reply(r, id.error());
  return reply(r, HttpStatus::created, {{"id", *id}, {"status", "pending"}});
}

Response document(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto actor = staff_actor(api.ctx, caller->session);
  if (!actor) return reply(r, actor.error());
  const auto id = id_param(r);
  if (!id) return bad_id(r);
  auto request = DispositivoConversion(api.ctx).get(*actor, *id);
  if (!request) return reply(r, request.error());
  Response response{HttpStatus::ok, r.raw.version()};
  response.set(beast_http::field::content_type, media_type(request->document_type));
  response.set(beast_http::field::content_disposition, "attachment");
  response.body() = std::move(request->document);
  response.prepare_payload();
  return response;
}

}  // namespace

void add_dispositivo_routes(Router& router, Api& api) {
  const std::string base = kApi;
  router.add({Verb::get, base + "/dispositivo/form.pdf", [&api](Request& r) { return form_pdf(api, r); }});
  router.add({Verb::post, base + "/dispositivo-requests", [&api](Request& r) { return request_conversion(api, r); },
              false, kUploadBodyLimit});
  router.add({Verb::get, base + "/operator/dispositivo-requests/{id}/document",
              [&api](Request& r) { return document(api, r); }});
}

}  // namespace sportello::http
