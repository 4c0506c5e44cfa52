#pragma once
// How the applications' pages read what a citizen typed and write what was filed (issue 10), apart from any
// request: a stored value (ISO date, cents, electronic IBAN) as a reader reads it, a textarea's lines as the
// repeated values of a field, the age of a queued application, the thing a problem names, and the
// Content-Disposition of a file whose name came from a citizen. Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "services/application_form.h"
#include "web/locale.h"

namespace sportello::web {

// A stored value of a field of `kind` for the reader: dates "01/03/2026" (Italian) or "2026-03-01" (English),
// money "1.234,56 €" / "€1,234.56", IBAN in groups of four; anything else (text, numbers, choice values,
// codici fiscali) as it is. A stored value that does not parse is shown as it is.
std::string display_value(FieldKind kind, const std::string& stored, Language language);

// The non-empty lines of a textarea, trimmed, in order ("\r\n" or "\n").
std::vector<std::string> lines_of(std::string_view text);
// The values of a repeated field written back one per line, for the textarea that is shown again.
std::string joined_lines(const std::vector<std::string>& values);

// How long an application has waited, in the largest whole unit: days from one day on, hours from one hour
// on, otherwise under an hour.
struct Age {
  enum Unit { under_hour, hours, days } unit = under_hour;
  long long count = 0;
};
Age age_of(Instant since, Instant now);

// A file's size for the reader: "850 byte", "12 KB", "1,2 MB" ("850 bytes", "1.2 MB" in English).
std::string file_size(std::uint64_t bytes, Language language);

// The value a problem is about, when the check named it: the codice fiscale quoted at the start of its
// message ("\"RSSMRA...\": ...") or opening it ("RSSMRA... is 12 or older."), or for the attachments the
// file's name ("scan.pdf is empty."); nullopt otherwise.
std::optional<std::string> problem_subject(const Error& problem);

}  // namespace sportello::web
