// The console's staff session, sections, shared page values and problem page (see console_session.h).
// A staff cookie never authenticates a citizen and the citizen cookie never reaches the console.
#include "web/console_session.h"

#include <algorithm>

#include "flows/profile.h"
#include "flows/sessions.h"
#include "http/api/auth.h"

namespace sportello::web {
namespace {

struct Section {
  const char* path;
  const char* text;  // catalogue key of its name in the nav
  std::span<const Role> roles;
};

// Who may do what is decided by the flows (actor.require); this mirrors it so a role sees only its actions.
constexpr Role kDesk[] = {Role::contact_center, Role::office};
constexpr Role kOffice[] = {Role::office};
constexpr Role kBackOffice[] = {Role::back_office};
constexpr Role kReview[] = {Role::back_office, Role::admin};
constexpr Role kPatronato[] = {Role::patronato};
constexpr Role kContactCenter[] = {Role::contact_center};
constexpr Role kAdmin[] = {Role::admin};
const Section kSections[] = {
    {"/operatori/richieste", "console_nav_queue", kDesk},
    {"/operatori/richiesta-telefonica", "console_nav_phone", kDesk},
    {"/operatori/rilascio-in-sede", "console_nav_office", kOffice},
    {"/operatori/revoca", "console_nav_revoke", kDesk},
    {"/operatori/dispositivo", "console_nav_dispositivo", kBackOffice},
    {"/operatori/domande", "console_nav_applications", kReview},
    // Issue 11: a patronato acting under mandates, the contact centre filing for a caller, the patronati.
    {"/operatori/patronato", "console_nav_patronato", kPatronato},
    {"/operatori/domanda-telefonica", "console_nav_caller", kContactCenter},
    {"/operatori/organizzazioni", "console_nav_organisations", kAdmin},
};

bool within(const std::string& path, const std::string& section) {
  return path == section || path.starts_with(section + "/");
}

// A console template used as a partial ({{>_console_nav}}, {{>_console_field}}): its text, compiled in.
// A nav entry; a section's entry also carries its lead ("<text>_lead") for the dashboard.
PageData nav_row(const Texts& t, Language language, const std::string& path, const std::string& text, bool current,
                 bool section) {
  PageData row{PageData::type::object};
  row.set("path", path);
  row.set("text", t.get(language, text));
  row.set("current", current);
  row.set("section", section);
  if (section) row.set("lead", t.get(language, text + "_lead"));
  return row;
}

PageData nav(const Texts& t, Language language, const SignedInStaff& who, const std::string& path) {
  PageData rows{PageData::type::list};
  rows.push_back(nav_row(t, language, "/operatori", "console_nav_home", path == "/operatori", false));
  for (const Section& s : kSections)
    if (section_allowed(who.actor, s.path))
      rows.push_back(nav_row(t, language, s.path, s.text, within(path, s.path), true));
  rows.push_back(nav_row(t, language, kConsolePassword, "console_nav_password", path == kConsolePassword, false));
  return rows;
}

bool has_sections(const Actor& actor) {
  return std::any_of(std::begin(kSections), std::end(kSections),
                     [&](const Section& s) { return section_allowed(actor, s.path); });
}

http::HttpStatus status_of(const Error& error) {
  switch (error.kind) {
    case ErrorKind::forbidden: return http::HttpStatus::forbidden;
    case ErrorKind::not_found: return http::HttpStatus::not_found;
    case ErrorKind::unavailable: return http::HttpStatus::service_unavailable;
    default: return http::HttpStatus::conflict;
  }
}

}  // namespace

std::string staff_cookie(const std::string& token) {
  // Strict: the console is never entered from a link on another site with its session.
  std::string cookie = std::string(kStaffCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict";
  if (token.empty()) cookie += "; Max-Age=0";
  return cookie;
}

std::optional<SignedInStaff> signed_in_staff(Web& web, const http::Request& request) {
  const std::string token = http::cookie_value(request.header(http::beast_http::field::cookie), kStaffCookie);
  if (token.empty()) return std::nullopt;
  auto session = Sessions(web.api.ctx).authenticate(token);
  if (!session) return std::nullopt;
  auto actor = staff_actor(web.api.ctx, *session);
  if (!actor) return std::nullopt;
  return SignedInStaff{SignedIn{*session, token}, *actor};
}

bool section_allowed(const Actor& actor, const std::string& path) {
  for (const Section& s : kSections)
    if (within(path, s.path))
      return actor.role && std::find(s.roles.begin(), s.roles.end(), *actor.role) != s.roles.end();
  return true;
}

PageData console_values(Web& web, const http::Request& request, const SignedInStaff& who) {
  const Language language = language_of(request);
  const Texts& t = web.pages.texts();
  PageData values{PageData::type::object};
  values.set("console", true);
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.signed_in.token));
  values.set("role", t.get(language, std::string("console_role_") + (who.actor.role ? to_string(*who.actor.role) : "console")));
  values.set("nav", nav(t, language, who, request.path));
  values.set("has_sections", has_sections(who.actor));
  return values;
}

Error role_forbidden() {
  return Error{ErrorKind::forbidden, "role-forbidden", "Your role does not allow this operation.", {}, {}};
}

http::Response console_problem(Web& web, const http::Request& request, const SignedInStaff& who, const Error& error) {
  const Language language = language_of(request);
  const Texts& t = web.pages.texts();
  PageData values = console_values(web, request, who);
  const http::HttpStatus status = status_of(error);
  values.set("title", t.get(language, status == http::HttpStatus::forbidden   ? "console_forbidden_title"
                                      : status == http::HttpStatus::not_found ? "console_not_found_title"
                                                                              : "console_problem_title"));
  values.set("message", error_text(t, language, error));
  return render_page(web, request, "console_problem", values, status);
}

void put_flash(Web& web, const http::Request& request, std::span<const Flash> known, PageData& values) {
  const auto outcome = request.query.find("esito");
  if (outcome == request.query.end()) return;
  for (const Flash& flash : known)
    if (outcome->second == flash.name) {
      values.set("flash", web.pages.texts().get(language_of(request), std::string("console_flash_") + flash.name));
      values.set("flash_success", flash.success);
    }
}

PageData console_field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                            const std::optional<Error>& error) {
  return field_rows(t, language, shown, typed, error, "console_field_");
}

}  // namespace sportello::web
