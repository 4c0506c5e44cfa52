// CNS login (issue 12): GET /accedi/cns[?torna=<path>]. On the CNS listener, which asked the browser for the
// card's certificate during the handshake, the card opens the citizen's session and the browser goes on to the
// reserved area (the session cookie is the host's, whatever the port). On the ordinary listener the link leads
// to the CNS one. A missing, refused or unreadable card, or a stranger's card with no name to enrol them by
// (decision 0020), gets a page that says which and what to do, never a bare TLS error.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "flows/federation/cns_login.h"
#include "http/api/auth.h"
#include "web/error_pages.h"
#include "web/federation_pages.h"
#include "web/form.h"
#include "web/page_request.h"
#include "web/web.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

LoginRefusal card_refusal(const Error& e) {
  using S = http::HttpStatus;
  if (e.code == "cns-no-card") return {"cns_no_card_title", "cns_no_card_text", S::forbidden};
  if (e.code == "cns-card-refused") return {"cns_refused_title", "cns_refused_text", S::forbidden};
  if (e.code == "federated-unknown") return {"saml_unknown_person_title", "cns_unknown_person_text", S::forbidden};
  return {"cns_unreadable_title", "cns_unreadable_text", S::bad_request};
}

Response enter_with_card(Web& web, Request& r) {
  const std::string back = safe_return_path(r.query.contains("torna") ? r.query.at("torna") : "");
  if (r.client_certificate == nullptr) {  // the ordinary listener
    Response response{http::HttpStatus::not_found, r.raw.version()};
    if (web.cns_url.empty()) {
      dress_error_page(web, response, r);
      return response;
    }
    const std::string torna = std::string(boost::urls::encode(back, boost::urls::unreserved_chars));
    return redirect(r, web.cns_url + "/accedi/cns" + (back.empty() ? "" : "?torna=" + torna));
  }
  const http::ClientCertificate& card = *r.client_certificate;
  auto opened = CnsLogin(web.api.ctx).run({card.der, card.verified});
  if (!opened) {
    if (opened.error().kind == ErrorKind::unavailable) {
      Response unavailable{http::HttpStatus::service_unavailable, r.raw.version()};
      dress_error_page(web, unavailable, r);
      return unavailable;
    }
    return login_refusal_page(web, r, card_refusal(opened.error()));
  }
  web.api.metrics.login("ok");
  Response response = redirect(r, back.empty() ? "/area-riservata" : back);
  response.insert(http::beast_http::field::set_cookie, http::session_cookie(opened->token));
  return response;
}

}  // namespace

void add_cns_pages(http::Router& router, Web& web) {
  router.add({http::Verb::get, "/accedi/cns", [&](Request& r) { return enter_with_card(web, r); }});
}

}  // namespace sportello::web
