// "Le sue domande" (SPEC §5, issue 10): /area-riservata/domande lists the holder's own applications, newest
// first, filtered by type, state and year with a GET form (no script needed); /area-riservata/domande/nuova
// offers the five types, each with what it is for. An ordinario holder sees the list and is told that filing
// needs the PIN dispositivo, with the way to get it. The form is in application_form_page.cpp, one
// application in application_detail.cpp.
#include <set>

#include "flows/services/citizen_applications.h"
#include "web/applications_pages.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

std::string query_value(const Request& r, const char* name) {
  const auto found = r.query.find(name);
  return found == r.query.end() ? "" : found->second;
}

std::optional<int> year_of(const std::string& text) {
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(text);
}

int filing_year(const Application& a) { return static_cast<int>(rome_date(a.submitted_at).year()); }

PageData option(const std::string& value, const std::string& label, bool selected) {
  PageData row{PageData::type::object};
  row.set("value", value);
  row.set("label", label);
  row.set("selected", selected);
  return row;
}

struct Filters {
  std::optional<ApplicationType> type;
  std::optional<ApplicationState> state;
  std::optional<int> year;
  bool any() const { return type || state || year; }
};

// The filter form's options, the chosen ones selected; the years are those the holder filed in.
void put_filters(const ApplicationsText& text, const Filters& chosen, const std::set<int, std::greater<>>& years,
                 PageData& values) {
  PageData types{PageData::type::list};
  for (ApplicationType t : kAllApplicationTypes) types.push_back(option(to_string(t), text.type_name(t), chosen.type == t));
  PageData states{PageData::type::list};
  for (ApplicationState s : {ApplicationState::inviata, ApplicationState::in_istruttoria, ApplicationState::accolta,
                             ApplicationState::respinta, ApplicationState::ritirata})
    states.push_back(option(to_string(s), text.state_name(s), chosen.state == s));
  PageData year_options{PageData::type::list};
  for (int y : years) year_options.push_back(option(std::to_string(y), std::to_string(y), chosen.year == y));
  values.set("types", types);
  values.set("states", states);
  values.set("years", year_options);
  values.set("filtered", chosen.any());
}

PageData list_row(const ApplicationsText& text, const Application& a) {
  PageData row{PageData::type::object};
  row.set("id", std::to_string(a.id));
  row.set("protocol", a.protocol);
  row.set("href", application_path(a.id));
  row.set("type", text.type_name(a.type));
  row.set("filed", text.day(a.submitted_at));
  row.set("state", text.state_name(a.state));
  row.set("badge", state_badge(a.state));
  return row;
}

Response list(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const ApplicationsText text(web.pages.texts(), language_of(r));
  const Filters chosen{parse_application_type(query_value(r, "tipo")), parse_application_state(query_value(r, "stato")),
                       year_of(query_value(r, "anno"))};
  CitizenApplications applications(web.api.ctx);
  auto all = applications.search(who->session, std::nullopt, std::nullopt, std::nullopt);
  if (!all) return application_problem(web, r, *who, all.error());
  auto found = chosen.any() ? applications.search(who->session, chosen.type, chosen.state, chosen.year) : all;
  if (!found) return application_problem(web, r, *who, found.error());

  std::set<int, std::greater<>> years;
  for (const Application& a : *all) years.insert(filing_year(a));
  if (chosen.year) years.insert(*chosen.year);
  PageData values = applications_values(*who, text, text("app_list_title"));
  put_filters(text, chosen, years, values);
  PageData rows{PageData::type::list};
  for (const Application& a : *found) rows.push_back(list_row(text, a));
  values.set("applications", rows);
  values.set("none_at_all", all->empty());
  values.set("none_found", !all->empty() && found->empty());
  values.set("count", std::to_string(found->size()));
  values.set("dispositivo", who->session.level == Level::dispositivo);
  return render_page(web, r, "applications_list", values);
}

Response types(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = applications_values(*who, text, text("app_types_title"), false);
  PageData rows{PageData::type::list};
  for (ApplicationType t : kAllApplicationTypes) {
    PageData row{PageData::type::object};
    row.set("slug", to_string(t));
    row.set("name", text.type_name(t));
    row.set("purpose", text(std::string("app_purpose_") + to_string(t)));
    row.set("href", std::string(kApplicationsPath) + "/nuova/" + to_string(t));
    rows.push_back(row);
  }
  values.set("application_types", rows);
  values.set("dispositivo", who->session.level == Level::dispositivo);
  return render_page(web, r, "applications_types", values);
}

}  // namespace

void add_application_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kApplicationsPath, [&web](Request& r) { return list(web, r); }});
  router.add({Verb::get, std::string(kApplicationsPath) + "/nuova", [&web](Request& r) { return types(web, r); }});
  // Before the detail's routes: "nuova" is not an id.
  add_application_form_pages(router, web);
  add_application_detail_pages(router, web);
}

}  // namespace sportello::web
