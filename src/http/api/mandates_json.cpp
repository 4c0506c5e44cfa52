#include "http/api/mandates_json.h"

namespace sportello::http {

namespace json = boost::json;

json::object to_json(const Organisation& organisation) {
  json::array offices;
  for (const std::string& office : organisation.offices) offices.push_back(json::string(office));
  return {{"code", organisation.code}, {"name", organisation.name}, {"offices", offices}};
}

json::object mandate_json(const Mandate& mandate, MandateState state_now) {
  json::value scope = "all";
  if (!mandate.scope.every_service) {
    json::array types;
    for (ApplicationType type : mandate.scope.types) types.push_back(json::string(to_string(type)));
    scope = types;
  }
  json::object out{{"id", mandate.id},
                   {"origin", to_string(mandate.origin)},
                   {"scope", scope},
                   {"starts_on", format_date(mandate.starts_on)},
                   {"ends_on", format_date(mandate.ends_on)},
                   {"state", to_string(state_now)},
                   {"created_at", format_utc_iso(mandate.created_at)},
                   {"signed_form", mandate.origin == MandateOrigin::recorded}};
  if (mandate.ended_at) out["ended_at"] = format_utc_iso(*mandate.ended_at);
  return out;
}

json::object to_json(const CitizenMandate& view) {
  json::object out = mandate_json(view.mandate, view.state);
  out["organisation"] = {{"code", view.organisation_code}, {"name", view.organisation_name}};
  return out;
}

json::object to_json(const OrganisationMandate& view) {
  json::object out = mandate_json(view.mandate, view.state);
  out["citizen"] = {{"codice_fiscale", view.codice_fiscale}, {"surname", view.surname}, {"name", view.name}};
  return out;
}

}  // namespace sportello::http
