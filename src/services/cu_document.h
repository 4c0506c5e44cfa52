#pragma once
// Reads one line of a CU file (JSON Lines: one JSON document per line; docs/import-formats.md) into a
// CertificazioneUnica: each field by its Italian name to its type, one problem per field that is missing,
// of the wrong type or unknown, named by its path in the document ("redditi[0].giorni"). The document's
// rules (years, the percipiente is the citizen, ...) are validate()'s (services/certificazione_unica.h).
// Pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "services/certificazione_unica.h"
#include "services/import_fields.h"

namespace sportello {

// Fills `cu` (all but id and citizen_id) from the JSON document in `line` and returns the codice fiscale
// the document is filed under (its "codice_fiscale", trimmed). Appends a problem per faulty field; `cu` is
// then partly filled and must not be stored.
std::string parse_cu_document(std::string_view line, CertificazioneUnica& cu, std::vector<RowProblem>& problems);

}  // namespace sportello
