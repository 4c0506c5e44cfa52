#pragma once
// The demo citizens' reserved-area records (issue 10), so that `make run` shows a real estratto conto:
// Mario Rossi, an employee since 2004 (a NASpI year, two years in the gestione separata); Giulia Bianchi,
// a private then public employee since 1995 with two redeemed years of her degree, a survivor's pension
// (twelve slips) and an application in every state. Each has three Certificazioni Uniche. Years are
// counted back from now, so the record stays current. Idempotent: a citizen who already has records of a
// kind gets none of that kind.
#include <string>

#include "flows/unit_of_work.h"

namespace sportello {

// Adds the records of the demo citizen with this codice fiscale (nothing for others). Inside a transaction.
Status seed_demo_records(Repositories& repos, const Citizen& citizen, Instant now);

}  // namespace sportello
