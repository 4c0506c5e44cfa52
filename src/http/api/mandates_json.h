#pragma once
// Patronati and mandates as JSON (issue 11; shapes in docs/openapi.yaml).
#include <boost/json.hpp>

#include "flows/intermediaries/mandates.h"

namespace sportello::http {

// {code, name, offices: [..]}
boost::json::object to_json(const Organisation& organisation);
// {id, origin, scope: "all" | [types], starts_on, ends_on, state, created_at, ended_at?, signed_form}
boost::json::object mandate_json(const Mandate& mandate, MandateState state_now);
// With {organisation: {code, name}}.
boost::json::object to_json(const CitizenMandate& view);
// With {citizen: {codice_fiscale, surname, name}}.
boost::json::object to_json(const OrganisationMandate& view);

}  // namespace sportello::http
