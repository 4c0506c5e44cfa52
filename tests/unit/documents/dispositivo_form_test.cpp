// Issue 14: the pre-filled dispositivo form prints the place of birth by name, never a Belfiore code, as the
// registry knew it on the birth date.
#include <gtest/gtest.h>

#include <regex>

#include "documents/dispositivo_form.h"
#include "pdf_text.h"
#include "unit/core/belfiore_test_registry.h"

namespace sportello {
namespace {

using namespace std::chrono_literals;

struct PlaceRow {
  const char* code;
  Date born;
  const char* printed;
};

Citizen holder(const PlaceRow& row) {
  Citizen c;
  c.codice_fiscale = "RSSMRA85T10H501O";
  c.data.surname = "Rossi";
  c.data.name = "Maria";
  c.data.sex = Sex::female;
  c.data.birth_date = row.born;
  c.data.birth_place_code = row.code;
  c.data.residence = {"Via Appia Nuova", "12", "00183", "Roma", "RM"};
  return c;
}

TEST(DispositivoForm, PrintsThePlaceOfBirthByNameNeverByCode) {
  const PlaceRow rows[] = {
      {"H501", 1985y / 12 / 10, "ROMA (RM)"},
      {"G698", 1920y / 1 / 1, "PIPERNO (RM)"},  // its name and province on the birth date (PRIVERNO, LT, today)
      {"Z110", 1970y / 1 / 1, "Francia"},
  };
  const Instant now{std::chrono::sys_days{2026y / 12 / 4}};
  for (const PlaceRow& row : rows) {
    EXPECT_EQ(birth_place_text(holder(row).data, test_data::registry()), row.printed) << row.code;
    const std::string text = testing::squeezed(testing::read_pdf(render_dispositivo_form(holder(row), test_data::registry(), now)).all());
    EXPECT_NE(text.find(std::string("Luogo di nascita ") + row.printed), std::string::npos) << text;
    // (The codice fiscale holds a place code too, inside its 16 characters: a code on its own is the defect.)
    EXPECT_FALSE(std::regex_search(text, std::regex(std::string("\\b") + row.code + "\\b"))) << row.code << " printed";
    EXPECT_EQ(text.find("(codice)"), std::string::npos);
  }
}

TEST(DispositivoForm, TheDeclarationFitsTheHoldersSex) {
  const Instant now{std::chrono::sys_days{2026y / 12 / 4}};
  Citizen woman = holder({"H501", 1985y / 12 / 10, ""});
  Citizen man = woman;
  man.data.sex = Sex::male;
  EXPECT_NE(testing::squeezed(testing::read_pdf(render_dispositivo_form(woman, test_data::registry(), now)).all()).find("La sottoscritta chiede"), std::string::npos);
  EXPECT_NE(testing::squeezed(testing::read_pdf(render_dispositivo_form(man, test_data::registry(), now)).all()).find("Il sottoscritto chiede"), std::string::npos);
}

}  // namespace
}  // namespace sportello
