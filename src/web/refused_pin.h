#pragma once
// What a page says when a PIN is refused (SPEC §3; docs/decisions/0008): the first wrong PIN already blocks,
// so its message says when the next try is possible, in minutes and as a Rome clock time ("tra 3 minuti,
// alle 14:33"); a blocked attempt says the same of the block left. The words depend only on the error and the
// time, never on whether the codice fiscale holds a PIN. Pages show it with a link to "Hai smarrito il PIN?".
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "web/locale.h"

namespace sportello::web {

// True for the errors of a PIN checked under the lockout: wrong-pin and blocked.
bool is_refused_pin(const Error& e);

// The sentence for wrong-pin or blocked, with the wait its retry_after gives counted from `now`; a wrong PIN
// that started no block gets the plain "Codice fiscale o PIN non corretti".
std::string refused_pin_text(const Texts& t, Language language, const Error& e, Instant now);

// The catalogue's sentence `key` with {{minutes}} ("3 minuti") and {{time}} ("14:33", Rome) of a wait of
// `retry_after` from `now`, rounded up as above. The console's login says its waits with it too.
std::string wait_text(const Texts& t, Language language, const std::string& key, Seconds retry_after, Instant now);

}  // namespace sportello::web
