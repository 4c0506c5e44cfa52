#pragma once
// What the console shows of an online request waiting for the 48-hour call (SPEC §4.1), as template values:
// the numbers to call first, as tel: links written the way people read them ("+39 333 123 4567"), then the
// e-mail addresses as mailto: links; the personal data with the birth place by name; the residence on one line.
#include <string>

#include "flows/review_request.h"
#include "web/locale.h"
#include "web/pages.h"

namespace sportello::web {

// A normalised Italian number as it is read out: a mobile in groups, "+39 333 123 4567"; a landline has an
// area code of no fixed length, so only the country code is set apart, "+39 0612345678". Anything else
// comes back unchanged.
std::string readable_phone(const std::string& normalised);

// The address of the console's page of the request.
std::string request_path(const PendingRequest& request);

// {codice_fiscale, surname, name, reference (false when none), path, requested_at, overdue, calls: [{href, text, label}],
//  contacts: [{href, text, label}] (every contact, numbers first), sex, birth_date, birth_place, residence}.
PageData request_values(const PendingRequest& request, const Texts& t, Language language);

}  // namespace sportello::web
