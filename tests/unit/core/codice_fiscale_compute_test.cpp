#include <gtest/gtest.h>

#include <string>

#include "core/codice_fiscale.h"
#include "unit/core/belfiore_test_registry.h"

namespace sportello {
namespace {

using namespace std::chrono_literals;
using test_data::registry;

struct ComputeRow {
  PersonForCodiceFiscale person;
  const char* code;
};

TEST(CodiceFiscaleCompute, CodesSurnameNameBirthAndPlaceLikeTheAgenzia) {
  const Sex M = Sex::male, F = Sex::female;
  const ComputeRow rows[] = {
      {{"Rossi", "Mario", M, 1985y / 12 / 10, "San Giuliano Terme", "PI"}, "RSSMRA85T10A562S"},
      {{"ROSSI", "MARIO", M, 1985y / 12 / 10, "A562", ""}, "RSSMRA85T10A562S"},  // a Belfiore code
      {{"rossi", "mario", M, 1985y / 12 / 10, " a562 ", ""}, "RSSMRA85T10A562S"},
      {{"Bianchi", "Anna", F, 1990y / 4 / 25, "Milano", "MI"}, "BNCNNA90D65F205R"},
      {{"Bianchi", "Anna", F, 1990y / 1 / 31, "roma", ""}, "BNCNNA90A71H501W"},
      {{"D'Angelo", "Niccolò", M, 1977y / 8 / 31, "Roma", ""}, "DNGNCL77M31H501Z"},
      {{"D\xE2\x80\x99" "Angelo", "Niccolo\xCC\x80", M, 1977y / 8 / 31, "ROMA", "rm"}, "DNGNCL77M31H501Z"},
      {{"Fò", "Al", M, 1999y / 9 / 9, "Milano", ""}, "FOXLAX99P09F205I"},
      {{"Dell'Acqua", "Maria Grazia", F, 1945y / 11 / 2, "Forlì", "FO"}, "DLLMGR45S42D704A"},
      {{"Dell'Acqua", "Maria Grazia", F, 1945y / 11 / 2, "FORLI", ""}, "DLLMGR45S42D704A"},
      {{"Re", "Ida", F, 2005y / 3 / 1, "ROMA", "RM"}, "REXDIA05C41H501Q"},
      {{"Li", "Bo", M, 2010y / 10 / 10, "Cina", "EE"}, "LIXBOX10R10Z210K"},
      {{"Ng", "Ai", F, 1988y / 5 / 20, "Cina", ""}, "NGXAIX88E60Z210M"},
      {{"Müller", "Hans", M, 1970y / 7 / 1, "Germania", ""}, "MLLHNS70L01Z112A"},
      {{"García", "Lucía", F, 2001y / 1 / 5, "Spagna", "EE"}, "GRCLCU01A45Z131R"},
      {{"Smith", "John", M, 1975y / 7 / 4, "Stati Uniti d'America", ""}, "SMTJHN75L04Z404Z"},
      {{"Ivanov", "Ivan", M, 1980y / 1 / 1, "Unione Sovietica", ""}, "VNVVNI80A01Z135N"},
      {{"Dvořák", "Zoë", F, 1995y / 6 / 15, "Repubblica ceca", ""}, "DVRZOE95H55Z156A"},
      {{"Rossi", "Mario", M, 1930y / 6 / 1, "Bagni San Giuliano", ""}, "RSSMRA30H01A562C"},  // since renamed
      {{"Rossi", "Mario", M, 1980y / 1 / 1, "Bellagio", "CO"}, "RSSMRA80A01A744E"},  // before the 2014 merger
      {{"Rossi", "Mario", M, 2015y / 1 / 1, "Bellagio", "CO"}, "RSSMRA15A01M335V"},  // after it: a new code
      {{"Verdi", "Giuseppe", M, 1960y / 3 / 15, "Acquacanina", ""}, "VRDGPP60C15A031S"},  // abolished 2016
  };
  for (const ComputeRow& row : rows) {
    const auto code = compute_codice_fiscale(row.person, registry());
    ASSERT_TRUE(code.ok()) << row.person.surname << " " << row.person.name << ": " << code.error().message;
    EXPECT_EQ(*code, row.code) << row.person.surname << " " << row.person.name << " " << row.person.birth_place;
  }
}

struct RefusalRow {
  const char* why;
  PersonForCodiceFiscale person;
  const char* code;
  const char* field;
  const char* message_part;
};

TEST(CodiceFiscaleCompute, RefusesPeopleItCannotCodeNamingTheField) {
  const Sex M = Sex::male;
  const Date born = 1985y / 12 / 10;
  const RefusalRow rows[] = {
      {"unknown place", {"Rossi", "Mario", M, born, "Atlantide", ""}, "unknown-birth-place", "birth_place",
       "called Atlantide"},
      {"two comuni of that name", {"Rossi", "Mario", M, born, "Castro", ""}, "ambiguous-birth-place",
       "birth_place", "provinces BG, LE"},
      {"not in that province", {"Rossi", "Mario", M, born, "Castro", "MI"}, "unknown-birth-place",
       "birth_place", "in province MI"},
      {"comune created later", {"Rossi", "Mario", M, born, "Fiumicino", ""}, "unknown-birth-place",
       "birth_place", "existed on 1985-12-10"},
      {"code of a comune created later", {"Rossi", "Mario", M, born, "M297", ""}, "unknown-birth-place",
       "birth_place", "M297"},
      {"comune abolished before", {"Rossi", "Mario", M, 2018y / 1 / 10, "Acquacanina", ""},
       "unknown-birth-place", "birth_place", "Acquacanina"},
      {"no place", {"Rossi", "Mario", M, born, "  ", ""}, "unknown-birth-place", "birth_place", "missing"},
      {"surname without letters", {"'", "Mario", M, born, "Roma", ""}, "invalid-surname", "surname", "letter"},
      {"name without letters", {"Rossi", " - ", M, born, "Roma", ""}, "invalid-name", "name", "letter"},
      {"no such date", {"Rossi", "Mario", M, 1985y / 2 / 30, "Roma", ""}, "invalid-birth-date", "birth_date",
       "real date"},
  };
  for (const RefusalRow& row : rows) {
    const auto code = compute_codice_fiscale(row.person, registry());
    ASSERT_FALSE(code.ok()) << row.why;
    EXPECT_EQ(code.error().code, row.code) << row.why;
    EXPECT_EQ(code.error().field, row.field) << row.why;
    EXPECT_EQ(code.error().kind, ErrorKind::invalid_input) << row.why;
    EXPECT_NE(code.error().message.find(row.message_part), std::string::npos) << row.why << ": "
                                                                               << code.error().message;
  }
}

TEST(CodiceFiscaleCompute, TheComputedCodeParsesBackToThePerson) {
  const PersonForCodiceFiscale person{"Dell'Acqua", "Maria Grazia", Sex::female, 1945y / 11 / 2, "Forlì", "FO"};
  const auto code = compute_codice_fiscale(person, registry());
  ASSERT_TRUE(code.ok());
  const auto cf = CodiceFiscale::parse(*code, registry(), 2025y / 6 / 1);
  ASSERT_TRUE(cf.ok()) << cf.error().message;
  EXPECT_EQ(cf->birth_date(), person.birth_date);
  EXPECT_EQ(cf->sex(), Sex::female);
  EXPECT_EQ(cf->birth_place().name, "FORLÌ");
  EXPECT_TRUE(check_agreement(*cf, {person.surname, person.name, person.sex, person.birth_date, "D704"}).ok());
}

}  // namespace
}  // namespace sportello
