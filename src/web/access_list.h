#pragma once
// The reserved area's "Accessi" table (issue 14): each row says when, who and what. Who is "Lei" for the
// holder, a staff member by full name and role ("Laura Verdi, back office"), "Operatore dell'Istituto" for
// an account that is gone or has no name, the institute for its own processes: a citizen never sees a
// username. A login says how (PIN, SPID, CIE, CNS) and through whom. Also the time of the login before the
// current one.
#include <vector>

#include "federation/federation.h"
#include "flows/profile.h"
#include "web/locale.h"
#include "web/pages.h"

namespace sportello::web {

// The reader's words for who acted.
std::string access_actor_text(const Texts& t, Language language, const AccessActor& by);

// Sets "accesses" (rows {when, who, what}) and, when there was an earlier login, "last_access". A login through
// SPID, CIE or CNS names the provider: the identity provider by its name in `federation`'s metadata (else its
// entityID), and SPID's level; the card's issuer.
void put_accesses(const Texts& t, Language language, const std::vector<Access>& accesses, PageData& values,
                  const federation::Federation* federation = nullptr);

}  // namespace sportello::web
