// SPID and CIE (issue 12): the service provider's signed metadata, and the start of a login at an identity
// provider (GET /saml/login?idp=<entityID>[&torna=<path>]): a redirect to the IdP (HTTP-Redirect binding) or a
// form that posts itself there (HTTP-POST), with the cookie that binds the login to this browser. Without
// [federation] these paths answer 404. Also the IdP's answer (POST /saml/acs) and the login page's choices.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "flows/federation/finish_login.h"
#include "flows/federation/logout.h"
#include "flows/federation/start_login.h"
#include "flows/sessions.h"
#include "http/api/auth.h"
#include "http/cookie.h"
#include "web/error_pages.h"
#include "web/form.h"
#include "web/federation_pages.h"
#include "web/page_request.h"
#include "web/web.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

inline constexpr const char* kLoginCookie = "__Host-sportello-saml";

// SameSite=None: the IdP's answer comes back as a cross-site POST, which must carry it.
std::string login_cookie(const std::string& token, Seconds lifetime) {
  return std::string(kLoginCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=" +
         std::to_string(lifetime.count());
}

Response not_configured(const Request& r) {
  Response response{http::HttpStatus::not_found, r.raw.version()};
  response.set(http::beast_http::field::content_type, "text/plain; charset=utf-8");
  response.body() = "Not Found";
  response.prepare_payload();
  return response;
}

Response metadata(Web& web, const Request& r, bool cie) {
  if (web.federation == nullptr) return not_configured(r);
  Response response{http::HttpStatus::ok, r.raw.version()};
  response.set(http::beast_http::field::content_type, "application/samlmetadata+xml");
  response.set(http::beast_http::field::cache_control, "public, max-age=3600");
  response.body() = cie ? web.federation->cie_metadata : web.federation->spid_metadata;
  response.prepare_payload();
  return response;
}

// The origin (scheme://host[:port]) of an absolute URL, for the POST page's form-action.
std::string origin_of(const std::string& url) {
  const auto host = url.find("://");
  if (host == std::string::npos) return url;
  return url.substr(0, url.find('/', host + 3));
}

// The browser's way to an identity provider: a 302 for HTTP-Redirect (as the binding's examples and AgID's
// spid-sp-test have it: a 303 is refused there), or a page whose form posts itself (HTTP-POST; Continua without
// JavaScript), its form-action allowing that IdP's origin only.
Response to_identity_provider(Web& web, const Request& r, const federation::OutgoingRequest& message) {
  if (!message.post) {
    Response response{http::HttpStatus::found, r.raw.version()};
    response.set(http::beast_http::field::location, message.url);
    response.prepare_payload();
    return response;
  }
  PageData values{PageData::type::object};
  values.set("action", message.url);
  PageData fields{PageData::type::list};
  for (const auto& [name, value] : message.fields) {
    PageData field{PageData::type::object};
    field.set("name", name);
    field.set("value", value);
    fields.push_back(field);
  }
  values.set("fields", fields);
  Response response = render_page(web, r, "saml_post", values);
  response.set("Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action " +
                   origin_of(message.url) + "; object-src 'none'");
  return response;
}

// The same from a page's own form (Esci): the site's CSP (form-action 'self') would stop a redirect off the site
// after a form, so HTTP-Redirect becomes a page that refreshes itself to the IdP, with a button for the rest.
Response off_site_after_form(Web& web, const Request& r, const federation::OutgoingRequest& message) {
  if (message.post) return to_identity_provider(web, r, message);
  PageData values{PageData::type::object};
  values.set("refresh", message.url);
  return render_page(web, r, "saml_redirect", values);
}

Response start(Web& web, Request& r) {
  if (web.federation == nullptr) return not_configured(r);
  const Language language = language_of(r);
  if (auto limited = http::throttled(web.api, r)) {
    dress_error_page(web, *limited, r);
    return *limited;
  }
  const auto idp = r.query.find("idp");
  const std::string back = safe_return_path(r.query.contains("torna") ? r.query.at("torna") : "");
  auto started = StartFederatedLogin(web.api.ctx, *web.federation).run(idp == r.query.end() ? "" : idp->second, back);
  if (!started) {
    if (started.error().kind != ErrorKind::invalid_input) {
      Response unavailable{http::HttpStatus::service_unavailable, r.raw.version()};
      dress_error_page(web, unavailable, r);
      return unavailable;
    }
    PageData values = notice_values(web.pages.texts(), language, "saml_unknown_idp_title", {"saml_unknown_idp_text"},
                                    {{"/accedi", "saml_back_to_login"}});
    return render_page(web, r, "notice", values, http::HttpStatus::bad_request);
  }
  Response response = to_identity_provider(web, r, started->request);
  response.insert(http::beast_http::field::set_cookie,
                  login_cookie(started->browser_token, web.federation->request_lifetime));
  return response;
}

// The page for an answer that lets nobody in: the title and text keys by the error's code, and the status.
LoginRefusal refusal_for(const Error& e) {
  using S = http::HttpStatus;
  if (e.code.starts_with("spid-nr") && e.code != "spid-nr24")
    return {"saml_idp_refused_title", "saml_" + e.code.substr(5), S::forbidden};  // saml_nr19 ...
  if (e.code == "spid-nr24" || e.code == "saml-status") return {"saml_idp_refused_title", "saml_status_text", S::forbidden};
  if (e.code == "federated-unknown") return {"saml_unknown_person_title", "saml_unknown_person_text", S::forbidden};
  if (e.code == "saml-unsolicited" || e.code == "saml-expired" || e.code == "saml-other-browser")
    return {"saml_stale_title", "saml_stale_text", S::bad_request};
  return {"saml_invalid_title", "saml_invalid_text", S::bad_request};
}

// The forget-me cookie for the login that just ended.
std::string cleared_login_cookie() {
  return std::string(kLoginCookie) + "=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0";
}

// POST /saml/acs: the identity provider's answer (HTTP-POST binding). Not CSRF-checked: it comes from the IdP's
// site by design; what binds it is the pending login (one use, in time, this browser's cookie) and the signatures.
Response consume(Web& web, Request& r) {
  if (web.federation == nullptr) return not_configured(r);
  const auto fields = form_fields(r).value_or(std::map<std::string, std::string>{});
  const std::string browser = http::cookie_value(r.header(http::beast_http::field::cookie), kLoginCookie);
  auto finished = FinishFederatedLogin(web.api.ctx, *web.federation)
                      .run(value_of(fields, "SAMLResponse"), value_of(fields, "RelayState"), browser);
  if (!finished) {
    const Error& e = finished.error();
    if (e.kind == ErrorKind::unavailable) {
      Response unavailable{http::HttpStatus::service_unavailable, r.raw.version()};
      dress_error_page(web, unavailable, r);
      return unavailable;
    }
    Response page = login_refusal_page(web, r, refusal_for(e));
    page.insert(http::beast_http::field::set_cookie, cleared_login_cookie());
    return page;
  }
  web.api.metrics.login("ok");
  Response response = redirect(r, finished->return_path.empty() ? "/area-riservata" : finished->return_path);
  response.insert(http::beast_http::field::set_cookie, http::session_cookie(finished->opened.token));
  response.insert(http::beast_http::field::set_cookie, cleared_login_cookie());
  return response;
}

// /saml/slo: an identity provider's LogoutRequest (it signed the citizen out: end their sessions here, answer) or
// its LogoutResponse (to ours: the citizen is out there too), by HTTP-Redirect (GET) or HTTP-POST.
Response single_logout(Web& web, Request& r) {
  if (web.federation == nullptr) return not_configured(r);
  const bool redirect = r.raw.method() == http::Verb::get;
  std::map<std::string, std::string> fields = r.query;
  if (!redirect) fields = form_fields(r).value_or(std::map<std::string, std::string>{});
  const std::string_view target = r.raw.target();
  const std::string_view raw_query = target.find('?') == std::string_view::npos ? "" : target.substr(target.find('?') + 1);
  auto message = federation::read_logout_message(fields, raw_query, redirect, web.federation->sp, web.federation->idps);
  const Language language = language_of(r);
  if (!message) {
    PageData values = notice_values(web.pages.texts(), language, "saml_invalid_title", {"saml_logout_invalid_text"},
                                    {{"/", "saml_back_home"}});
    return render_page(web, r, "notice", values, http::HttpStatus::bad_request);
  }
  if (message->request) {
    auto answer = FederatedLogout(web.api.ctx, *web.federation).answer(*message);
    if (!answer) {
      Response unavailable{http::HttpStatus::service_unavailable, r.raw.version()};
      dress_error_page(web, unavailable, r);
      return unavailable;
    }
    Response response = to_identity_provider(web, r, *answer);
    response.insert(http::beast_http::field::set_cookie, http::session_cookie(""));
    return response;
  }
  PageData values = notice_values(web.pages.texts(), language, "saml_logged_out_title",
                                  {message->success ? "saml_logged_out_text" : "saml_logged_out_here_text"},
                                  {{"/", "saml_back_home"}});
  return render_page(web, r, "notice", values);
}

}  // namespace

std::optional<Response> leave_identity_provider(Web& web, const Request& r, const std::string& token) {
  if (web.federation == nullptr) {
    (void)Sessions(web.api.ctx).logout(token);
    return std::nullopt;
  }
  auto left = FederatedLogout(web.api.ctx, *web.federation).leave(token);
  if (!left || !*left) return std::nullopt;
  Response response = off_site_after_form(web, r, **left);
  response.insert(http::beast_http::field::set_cookie, http::session_cookie(""));
  return response;
}

Response login_refusal_page(Web& web, const Request& r, const LoginRefusal& refusal) {
  PageData values = notice_values(web.pages.texts(), language_of(r), refusal.title.c_str(), {refusal.text.c_str()},
                                  {{"/accedi", "saml_back_to_login"}});
  return render_page(web, r, "notice", values, refusal.status);
}

void put_login_choices(const Web& web, const std::string& return_path, PageData& values) {
  const std::string torna =
      return_path.empty() ? "" : "torna=" + std::string(boost::urls::encode(return_path, boost::urls::unreserved_chars));
  if (!web.cns_url.empty()) {
    values.set("cns_link", web.cns_url + "/accedi/cns" + (torna.empty() ? "" : "?" + torna));
    values.set("cns_heading", web.federation == nullptr ? "2" : "3");  // under "Altre utenze" beside SPID and CIE
  }
  if (web.federation == nullptr) return;
  const auto link = [&](const std::string& entity_id) {
    std::string href = "/saml/login?idp=" + std::string(boost::urls::encode(entity_id, boost::urls::unreserved_chars));
    if (!torna.empty()) href += "&" + torna;
    return href;
  };
  PageData idps{PageData::type::list};
  for (const auto& [entity_id, idp] : web.federation->idps.all()) {
    if (entity_id == web.federation->cie_entity_id) continue;
    PageData row{PageData::type::object};
    row.set("name", idp.display_name);
    row.set("href", link(entity_id));
    idps.push_back(row);
  }
  values.set("federation", true);
  values.set("spid_idps", idps);
  if (!web.federation->cie_entity_id.empty()) values.set("cie_link", link(web.federation->cie_entity_id));
}

void add_federation_pages(http::Router& router, Web& web) {
  router.add({http::Verb::get, "/saml/metadata", [&](Request& r) { return metadata(web, r, false); }});
  router.add({http::Verb::get, "/saml/metadata/cie", [&](Request& r) { return metadata(web, r, true); }});
  router.add({http::Verb::get, "/saml/login", [&](Request& r) { return start(web, r); }});
  // A Response is a few KB; 512 KB leaves room for base64 and form encoding of the parser's 256 KB limit.
  router.add({http::Verb::post, "/saml/acs", [&](Request& r) { return consume(web, r); }, false, 512 * 1024});
  router.add({http::Verb::get, "/saml/slo", [&](Request& r) { return single_logout(web, r); }});
  router.add({http::Verb::post, "/saml/slo", [&](Request& r) { return single_logout(web, r); }, false, 512 * 1024});
}

}  // namespace sportello::web
