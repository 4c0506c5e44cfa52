// One of the holder's applications (SPEC §5, issue 10): /area-riservata/domande/{id} shows the protocol, the
// state, the timeline (each decision with its reason), the data as filed, the attachments and the receipt;
// the files are at .../allegati/{attachment_id} and .../ricevuta.pdf. "Ritira la domanda" asks for
// confirmation on a page of its own (.../ritira, no script needed) and is offered while the application is
// inviata. Every id is looked up through the session's holder: another holder's is the 404 page.
#include "documents/application_receipt.h"
#include "flows/profile.h"
#include "flows/services/citizen_applications.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "web/applications_format.h"
#include "web/applications_pages.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// The outcome a redirect to the detail announces (?esito=): a fixed list, nothing typed is echoed.
void put_outcome(const Request& r, PageData& values) {
  const auto outcome = r.query.find("esito");
  if (outcome == r.query.end()) return;
  values.set("filed_now", outcome->second == "presentata");
  values.set("withdrawn_now", outcome->second == "ritirata");
  values.set("not_withdrawable", outcome->second == "non-ritirabile");
}

Response detail(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return application_not_found(web, r, *who);
  auto application = CitizenApplications(web.api.ctx).get(who->session, *id);
  if (!application) return application_problem(web, r, *who, application.error());
  const ApplicationsText text(web.pages.texts(), language_of(r));
  const Application& a = *application;
  PageData values = applications_values(*who, text, a.protocol, false);
  values.set("title", text.type_name(a.type));
  values.set("protocol", a.protocol);
  values.set("app_path", application_path(a.id));
  values.set("state", text.state_name(a.state));
  values.set("badge", state_badge(a.state));
  values.set("filed", text.when(a.submitted_at));
  values.set("data", data_rows(text, a));
  values.set("timeline", timeline_rows(text, a));
  values.set("attachments", attachment_rows(text, a, application_path(a.id)));
  values.set("has_attachments", !a.attachments.empty());
  values.set("withdrawable", a.state == ApplicationState::inviata);
  const std::string reason = a.decision_reason();
  values.set("decision_reason", reason.empty() ? PageData(false) : PageData(reason));
  values.set("rejected", a.state == ApplicationState::respinta);
  put_outcome(r, values);
  return render_page(web, r, "applications_detail", values);
}

Response attachment(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  const auto attachment_id = http::id_param(r, "attachment");
  if (!id || !attachment_id) return application_not_found(web, r, *who);
  auto found = CitizenApplications(web.api.ctx).attachment(who->session, *id, *attachment_id);
  if (!found) return application_problem(web, r, *who, found.error());
  return http::uploaded_file(r, found->info.media_type, found->info.name, std::move(found->bytes));
}

Response receipt(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return application_not_found(web, r, *who);
  auto application = CitizenApplications(web.api.ctx).get(who->session, *id);
  if (!application) return application_problem(web, r, *who, application.error());
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return application_problem(web, r, *who, profile.error());
  return http::download(r, "application/pdf", "ricevuta-" + application->protocol + ".pdf",
              render_application_receipt(*application, profile->citizen));
}

Response withdrawal_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return application_not_found(web, r, *who);
  auto application = CitizenApplications(web.api.ctx).get(who->session, *id);
  if (!application) return application_problem(web, r, *who, application.error());
  if (application->state != ApplicationState::inviata) return redirect(r, application_path(*id) + "?esito=non-ritirabile");
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = applications_values(*who, text, text("app_withdraw_title"), false);
  values.set("protocol", application->protocol);
  values.set("type", text.type_name(application->type));
  values.set("filed", text.when(application->submitted_at));
  values.set("app_path", application_path(*id));
  return render_page(web, r, "applications_withdraw", values);
}

Response withdraw(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return application_not_found(web, r, *who);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, application_path(*id) + "/ritira");
  const Status done = CitizenApplications(web.api.ctx).withdraw(who->session, *id);
  if (done) return redirect(r, application_path(*id) + "?esito=ritirata");
  if (done.error().kind == ErrorKind::illegal_transition) return redirect(r, application_path(*id) + "?esito=non-ritirabile");
  return application_problem(web, r, *who, done.error());
}

}  // namespace

void add_application_detail_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kApplicationsPath) + "/{id}";
  router.add({Verb::get, one, [&web](Request& r) { return detail(web, r); }});
  router.add({Verb::get, one + "/ricevuta.pdf", [&web](Request& r) { return receipt(web, r); }});
  router.add({Verb::get, one + "/allegati/{attachment}", [&web](Request& r) { return attachment(web, r); }});
  router.add({Verb::get, one + "/ritira", [&web](Request& r) { return withdrawal_form(web, r); }});
  router.add({Verb::post, one + "/ritira", [&web](Request& r) { return withdraw(web, r); }});
}

}  // namespace sportello::web
