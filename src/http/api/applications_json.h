#pragma once
// Applications as JSON (issue 10; shapes in docs/openapi.yaml): the form of a type, an application in the
// list (no fields) and whole (fields as {name: [values]}, attachments without their bytes, the timeline).
#include <boost/json.hpp>

#include "services/application.h"

namespace sportello::http {

boost::json::object to_json(const ApplicationForm& form);
boost::json::object summary_json(const Application& application);
boost::json::object to_json(const Application& application);

}  // namespace sportello::http
