#pragma once
// The reserved area's records as JSON (issue 10; shapes in docs/openapi.yaml): amounts as whole cents in
// `*_cents` members, dates ISO, months "YYYY-MM", enumerations by their machine names.
#include <boost/json.hpp>

#include <vector>

#include "services/certificazione_unica.h"
#include "services/contribution_record.h"
#include "services/pension_slip.h"

namespace sportello::http {

boost::json::object to_json(const ContributionRecord& record);
boost::json::object summary_json(const CertificazioneUnica& cu);  // the list's row
boost::json::object to_json(const CertificazioneUnica& cu);
boost::json::object to_json(const PensionSlip& slip);

}  // namespace sportello::http
