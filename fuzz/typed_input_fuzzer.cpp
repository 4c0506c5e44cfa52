// What people type into a form's single fields (core/): dates (typed_date), codes in groups (typed_code),
// mobile, landline and e-mail contacts (contact), Italian IBANs (iban), the health card (tessera_sanitaria:
// "number|expiry"), names folded for the codice fiscale (latin_fold), and the euro amounts and months of the
// reserved area (services/money, application_form, pension_slip).
//
// Properties beyond "no crash": a normalised contact normalises to itself and is its own match key's source;
// an accepted IBAN is 27 characters and reads back from its printed form; an accepted date is a real date
// that prints and parses back; separators removed leave no separator behind.
#include <string>

#include "core/contact.h"
#include "core/iban.h"
#include "core/latin_fold.h"
#include "core/tessera_sanitaria.h"
#include "core/typed_code.h"
#include "core/typed_date.h"
#include "fuzz_support.h"
#include "services/application_form.h"
#include "services/import_fields.h"
#include "services/money.h"
#include "services/pension_slip.h"

namespace {

using namespace sportello;

constexpr ContactKind kKinds[] = {ContactKind::mobile,     ContactKind::email,        ContactKind::pec,
                                  ContactKind::pec_cittadino, ContactKind::home_phone, ContactKind::office_phone,
                                  ContactKind::fax};

void contacts(std::string_view text) {
  for (const ContactKind kind : kKinds) {
    auto normal = normalise_contact(kind, text);
    const std::string key = contact_match_key(kind, text);
    if (!normal) {
      FUZZ_CHECK(normal.error().field == to_string(kind), normal.error().field);
      continue;
    }
    auto again = normalise_contact(kind, *normal);
    FUZZ_CHECK(again.ok() && *again == *normal, std::string(to_string(kind)) + ": " + *normal);
    FUZZ_CHECK(contact_match_key(kind, *normal) == key, std::string(to_string(kind)) + ": " + key);
  }
  ContactKind kind;
  if (parse_contact_kind(text, kind)) FUZZ_CHECK(to_string(kind) == text, std::string(text));
}

void dates(std::string_view text) {
  if (const auto date = parse_typed_date(text)) {
    FUZZ_CHECK(date->ok(), std::string(text));
    FUZZ_CHECK(parse_typed_date(format_date_it(*date)) == date, format_date_it(*date));
    FUZZ_CHECK(parse_date(format_date(*date)) == date, format_date(*date));
  }
  if (const auto date = parse_date(text)) FUZZ_CHECK(date->ok() && format_date(*date) == text, std::string(text));
  if (const auto month = parse_year_month(text)) FUZZ_CHECK(month->ok(), std::string(text));
}

void codes(std::string_view text) {
  const std::string code = normalise_typed_code(text);
  const std::string spaceless = without_spaces(text);
  // Only for UTF-8: removing a space between two stray bytes can join them into a separator ("\xC2 \xAD" gives
  // a soft hyphen), which no code's ASCII alphabet can be confused with.
  if (is_valid_utf8(text)) {
    FUZZ_CHECK(without_separators(code) == code, code);
    FUZZ_CHECK(normalise_typed_code(code) == code, code);
    FUZZ_CHECK(without_spaces(spaceless) == spaceless, spaceless);
  }
  const std::string_view trimmed = without_surrounding_spaces(text);
  FUZZ_CHECK(without_surrounding_spaces(trimmed) == trimmed, std::string(trimmed));
  (void)fold_latin_upper(text);
}

void iban(std::string_view text) {
  const auto electronic = parse_italian_iban(text);
  if (!electronic) return;
  FUZZ_CHECK(electronic->size() == 27 && electronic->starts_with("IT"), *electronic);
  FUZZ_CHECK(parse_italian_iban(format_iban(*electronic)) == electronic, format_iban(*electronic));
}

void health_card(std::string_view text) {
  const auto parts = fuzz::split(text, '|');
  auto card = TesseraSanitaria::parse(parts[0], parts.size() > 1 ? parts[1] : "");
  if (!card) return;
  FUZZ_CHECK(card->number().size() == 20 && card->number().starts_with("80380"), card->number());
  (void)card->check_valid_on(fuzz::kToday);
}

void money(std::string_view text) {
  if (const auto cents = parse_euro_typed(text)) FUZZ_CHECK(*cents >= 0, std::string(text));
  if (const auto cents = parse_cents(text)) {
    FUZZ_CHECK(parse_cents(std::to_string(*cents)) == cents, std::to_string(*cents));
    (void)format_euro_it(*cents);
    (void)format_euro_en(*cents);
    FUZZ_CHECK(!format_euro_plain(*cents).empty(), std::string(text));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  contacts(text);
  dates(text);
  codes(text);
  iban(text);
  health_card(text);
  money(text);
  return 0;
}
