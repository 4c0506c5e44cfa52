#include "web/page_request.h"

#include <boost/url/params_view.hpp>
#include <boost/url/url.hpp>

#include "core/digest.h"
#include "core/random.h"
#include "http/api/auth.h"

namespace sportello::web {
namespace {

bool same_origin(const http::Request& request) {
  const std::string expected = std::string(request.tls ? "https://" : "http://") + request.header(http::beast_http::field::host);
  const std::string origin = request.header(http::beast_http::field::origin);
  if (!origin.empty()) return origin == expected;
  const std::string referer = request.header(http::beast_http::field::referer);
  return referer == expected || referer.starts_with(expected + "/");
}

std::string cookie(const http::Request& request, const char* name) {
  return http::cookie_value(request.header(http::beast_http::field::cookie), name);
}

std::string field(const std::map<std::string, std::string>& fields, const char* name) {
  const auto found = fields.find(name);
  return found == fields.end() ? "" : found->second;
}

}  // namespace

Language language_of(const http::Request& request) {
  const auto chosen = request.query.find("lang");
  return choose_language(chosen == request.query.end() ? "" : chosen->second, cookie(request, kLanguageCookie),
                         request.header(http::beast_http::field::accept_language));
}

http::Response html(const http::Request& request, http::HttpStatus status, std::string body) {
  http::Response response{status, request.raw.version()};
  response.set(http::beast_http::field::content_type, "text/html; charset=utf-8");
  response.set(http::beast_http::field::content_language, to_string(language_of(request)));
  response.set(http::beast_http::field::vary, "Accept-Language, Cookie");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

http::Response render_page(Web& web, const http::Request& r, const std::string& name, PageData values,
                           http::HttpStatus status) {
  const Language language = language_of(r);
  values.set("path", r.path);
  http::Response response = html(r, status, web.pages.render(name, language, std::move(values)));
  if (r.query.contains("lang"))
    response.insert(http::beast_http::field::set_cookie,
                    std::string(kLanguageCookie) + "=" + to_string(language) + "; Path=/; Max-Age=31536000; SameSite=Lax");
  return response;
}

http::Response redirect(const http::Request& request, const std::string& location) {
  http::Response response{http::HttpStatus::see_other, request.raw.version()};
  response.set(http::beast_http::field::location, location);
  response.prepare_payload();
  return response;
}

std::string safe_return_path(std::string_view wanted) {
  constexpr std::size_t kLongest = 1024;
  if (wanted.empty() || wanted.size() > kLongest || wanted.front() != '/' || wanted.starts_with("//")) return "";
  for (unsigned char c : wanted)
    if (c == '\\' || c <= 0x20 || c >= 0x7f) return "";  // links are percent-encoded: printable ASCII only
  const std::string_view path = wanted.substr(0, wanted.find_first_of("?#"));
  if (path == "/accedi" || path.starts_with("/accedi/")) return "";
  return std::string(wanted);
}

http::Response redirect_to_login(const http::Request& request) {
  if (request.raw.method() != http::Verb::get) return redirect(request, "/accedi");
  boost::urls::url here;
  here.set_path(request.path);
  for (const auto& [key, value] : request.query)
    if (key != "lang") here.params().append({key, value});
  const std::string back = safe_return_path(here.buffer());
  if (back.empty()) return redirect(request, "/accedi");
  boost::urls::url login("/accedi");
  login.params().append({"torna", back});
  return redirect(request, std::string(login.buffer()));
}

std::string form_token(const http::Request& request) {
  std::string token = cookie(request, kFormCookie);
  return token.size() == 43 ? token : random_token();
}

std::string form_cookie(const std::string& token) {
  return std::string(kFormCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

http::Response anonymous_form_page(Web& web, const http::Request& request, const std::string& name, PageData values,
                                   http::HttpStatus status) {
  const std::string token = form_token(request);
  values.set("csrf", token);
  http::Response response = render_page(web, request, name, std::move(values), status);
  response.insert(http::beast_http::field::set_cookie, form_cookie(token));
  return response;
}

bool genuine_anonymous_post(const http::Request& request, const std::map<std::string, std::string>& fields) {
  const std::string expected = cookie(request, kFormCookie);
  return same_origin(request) && expected.size() == 43 && constant_time_equal(field(fields, "csrf"), expected);
}

std::optional<SignedIn> signed_in(Web& web, const http::Request& request) {
  const std::string token = cookie(request, http::kSessionCookie);
  if (token.empty()) return std::nullopt;
  auto session = Sessions(web.api.ctx).authenticate(token);
  // The citizen's cookie carries a citizen's session only: a staff token put there opens no citizen page.
  if (!session || session->subject_kind != SubjectKind::citizen) return std::nullopt;
  return SignedIn{*session, token};
}

std::optional<SignedIn> signed_in_holder(Web& web, const http::Request& request) {
  auto who = signed_in(web, request);
  if (!who || who->session.required_action != RequiredAction::none) return std::nullopt;
  return who;
}

PageData signed_in_values(const SignedIn& who) {
  PageData values{PageData::type::object};
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  return values;
}

PageData reserved_page_values(const SignedIn& who, const std::string& title, const std::optional<Crumb>& parent) {
  PageData values = signed_in_values(who);
  PageData crumbs{PageData::type::list};
  if (parent) {
    PageData crumb{PageData::type::object};
    crumb.set("href", parent->href);
    crumb.set("text", parent->text);
    crumbs.push_back(crumb);
  }
  values.set("crumbs", crumbs);
  values.set("crumb", title);
  return values;
}

bool genuine_session_post(const http::Request& request, const SignedIn& who, const std::map<std::string, std::string>& fields) {
  return same_origin(request) && constant_time_equal(field(fields, "csrf"), http::csrf_token_for(who.token));
}

}  // namespace sportello::web
