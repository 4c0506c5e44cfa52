#pragma once
// Each application type as a typed form (SPEC §5, issue 10): its fields with their kind and limits, and the
// attachments it needs; and the check that turns what a citizen typed into the application's data, with
// every problem at once, each naming its field. The web pages and the API render and submit the same
// definitions. Pure; the facts about the applicant (their gestioni, their codice fiscale) and today come in.
#include <map>
#include <string>
#include <vector>

#include "core/belfiore.h"
#include "core/civil_time.h"
#include "core/result.h"
#include "services/application_type.h"
#include "services/gestione.h"

namespace sportello {

enum class FieldKind {
  text,          // free text, one line, up to `max` characters
  date,          // YYYY-MM-DD or DD/MM/YYYY
  iban,          // an Italian IBAN
  money,         // euro as typed in Italy or abroad ("1.234,56", "1234.56", "1234"), kept as cents
  integer,       // whole number between `min` and `max`
  choice,        // one of `choices`
  choices,       // one or more of `choices` (repeated field)
  codici_fiscali // one or more codici fiscali of other people (repeated field), up to `max`
};
// "text", "date", ..., "codici_fiscali": the name clients and pages know a kind by.
const char* to_string(FieldKind kind);

struct FormField {
  std::string name;                  // machine name; the pages' label is the locale key app_field_<name>
  FieldKind kind = FieldKind::text;
  bool required = true;
  int min = 0;
  int max = 0;
  std::vector<std::string> choices;  // `choice`/`choices`; for ricongiunzione's gestioni, filled per holder
};

struct ApplicationForm {
  ApplicationType type = ApplicationType::naspi;
  std::vector<FormField> fields;
  int min_attachments = 0;           // documents the application needs (at most kMaxAttachments)
};

inline constexpr int kMaxAttachments = 5;

// What the check needs to know about the applicant.
struct ApplicantFacts {
  std::string codice_fiscale;
  Date birth_date{};
  std::vector<Gestione> gestioni;    // the gestioni of their own contribution record
};

// The form of `type` for this applicant (ricongiunzione offers the applicant's own gestioni).
ApplicationForm form_for(ApplicationType type, const ApplicantFacts& applicant);

// The typed values: a name may repeat (choices, codici fiscali).
using FieldValues = std::multimap<std::string, std::string>;

// One field of a checked application: the values normalised (dates ISO, money in cents as digits, IBAN
// electronic, codici fiscali normalised), a repeated field's values in the order typed.
struct ApplicationField {
  std::string name;
  std::vector<std::string> values;
  bool operator==(const ApplicationField&) const = default;
};

// Checks `typed` against the form and the type's own rules:
//   naspi: the end of employment (data_cessazione) within the last 68 days, not in the future; IBAN Italian;
//   assegno-nucleo-familiare: members other than the applicant, each a valid codice fiscale, once; period
//     from <= to, at most 12 months;
//   riscatto-laurea: degree date after the 18th birthday and not in the future; years to redeem at most the
//     course's legal length;
//   bonus-baby-sitting: each child under 12 today (from their codice fiscale); period from <= to; amount at
//     most 1.200,00 euro;
//   ricongiunzione: at least two of the applicant's own gestioni; the destination one of them.
// Unknown fields are ignored. Returns the fields in the form's order, or every problem (invalid_input,
// `field` set) when there is any.
Result<std::vector<ApplicationField>> check_application(const ApplicationForm& form, const FieldValues& typed,
                                                        const ApplicantFacts& applicant, const BelfioreRegistry& places,
                                                        Date today, std::vector<Error>& problems);

// "1.234,56", "1234.56", "1234,5", "1234" -> cents; nullopt for anything else (negative, 3 decimals, letters).
std::optional<long long> parse_euro_typed(std::string_view text);

}  // namespace sportello
