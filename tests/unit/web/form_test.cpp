// A refused form shows every problem at once (issue 14, "Forms"; GOV.UK pattern): each next to its field,
// marked aria-invalid and described by it, and all in a summary on top that links to each field; nothing
// typed is lost; a radio group (sex) keeps the choice; a problem on no field stays on top, unlinked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "../core/belfiore_test_registry.h"
#include "web/form.h"
#include "web/pages.h"

namespace sportello::web {
namespace {

const Pages& pages() {
  static const auto built = Pages::builtin();
  if (!built) std::abort();
  return **built;
}
const Texts& texts() { return pages().texts(); }

const FieldSpec kFields[] = {{"surname", "text", "family-name"},
                             {"sex", "radio", "off", nullptr, kSexChoices},
                             {"birth_date", "text", "bday", "field_birth_date_help"},
                             {"current_pin", "password", "current-password"}};
const Fields kTyped = {{"surname", "Rossi"}, {"sex", "F"}, {"birth_date", "5/3/1972"}, {"current_pin", "SECRET12"}};

std::string text_of(const PageData& object, const std::string& key) {
  const PageData* value = object.get(key);
  return value && value->is_string() ? value->string_value() : "";
}
bool is_false(const PageData& object, const std::string& key) {
  const PageData* value = object.get(key);
  return value && value->is_false();
}
const PageData& row(const PageData& rows, std::size_t i) { return rows.list_value().at(i); }

TEST(FieldRows, EachProblemIsNextToItsOwnFieldAndOnlyThere) {
  const std::vector<Error> problems = {Error::invalid("missing-surname", "", "surname"),
                                       Error::invalid("invalid-birth-date", "", "birth_date")};
  const PageData rows = field_rows(texts(), Language::it, kFields, kTyped, problems);
  EXPECT_EQ(text_of(row(rows, 0), "error"), "Indichi il cognome.");
  EXPECT_TRUE(is_false(row(rows, 1), "error")) << "a field without a problem sets error false, not missing";
  EXPECT_NE(text_of(row(rows, 2), "error").find("gg/mm/aaaa"), std::string::npos);
  EXPECT_TRUE(is_false(row(rows, 3), "error"));
}

TEST(FieldRows, TwoProblemsOnOneFieldAreBothShown) {
  const std::vector<Error> problems = {Error::invalid("missing-surname", "", "surname"),
                                       Error::invalid("cf-mismatch-surname", "", "surname")};
  const std::string shown = text_of(row(field_rows(texts(), Language::it, kFields, kTyped, problems), 0), "error");
  EXPECT_NE(shown.find("Indichi il cognome."), std::string::npos);
  EXPECT_NE(shown.find("non corrisponde al codice fiscale"), std::string::npos);
}

TEST(FieldRows, TypedValuesAreKeptExceptSecrets) {
  const PageData rows = field_rows(texts(), Language::it, kFields, kTyped, std::vector<Error>{});
  EXPECT_EQ(text_of(row(rows, 0), "value"), "Rossi");
  EXPECT_EQ(text_of(row(rows, 2), "value"), "5/3/1972");
  EXPECT_EQ(text_of(row(rows, 3), "value"), "") << "a PIN is never written back into the page";
  EXPECT_EQ(text_of(row(rows, 2), "help"), "gg/mm/aaaa, per esempio 05/03/1972");
}

TEST(FieldRows, SexIsAChoiceWhoseFirstOptionCarriesTheFieldsId) {
  const PageData rows = field_rows(texts(), Language::it, kFields, kTyped, std::vector<Error>{});
  const PageData& sex = row(rows, 1);
  EXPECT_TRUE(sex.get("choice")->is_true());
  EXPECT_TRUE(is_false(row(rows, 0), "choice"));
  const auto& options = sex.get("options")->list_value();
  ASSERT_EQ(options.size(), 2u);
  struct Expected { const char* id; const char* value; const char* label; bool checked; };
  const Expected expected[] = {{"sex", "F", "Femmina", true}, {"sex-M", "M", "Maschio", false}};
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(text_of(options[i], "id"), expected[i].id);
    EXPECT_EQ(text_of(options[i], "value"), expected[i].value);
    EXPECT_EQ(text_of(options[i], "label"), expected[i].label);
    EXPECT_EQ(options[i].get("checked")->is_true(), expected[i].checked) << expected[i].value;
  }
}

TEST(ProblemSummary, ListsEveryProblemLinkingToItsFieldWithItsLabel) {
  PageData values{PageData::type::object};
  problem_summary(values, texts(), Language::it, {{kFields}},
                  {Error::invalid("missing-surname", "", "surname"), Error::invalid("invalid-sex", "", "sex"),
                   Error::invalid("throttled", "", "")});
  EXPECT_TRUE(values.get("has_problems")->is_true());
  EXPECT_EQ(text_of(values, "problem_count"), "3 dati da correggere");
  const auto& rows = values.get("problems")->list_value();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(text_of(rows[0], "href"), "#surname");
  EXPECT_EQ(text_of(rows[0], "text"), "Cognome: Indichi il cognome.");
  EXPECT_EQ(text_of(rows[1], "href"), "#sex") << "the radio group is reached through its first option";
  EXPECT_TRUE(is_false(rows[2], "href")) << "a problem on no field of the page is listed without a link";
  EXPECT_EQ(text_of(rows[2], "text").rfind("Troppi tentativi", 0), 0u);
}

TEST(ProblemSummary, OneProblemIsCountedInWordsAndNoneShowsNoSummary) {
  struct Case { std::vector<Error> problems; Language language; bool shown; std::string count; };
  const Case cases[] = {{{Error::invalid("missing-surname", "", "surname")}, Language::it, true, "C'è un dato da correggere"},
                        {{Error::invalid("missing-surname", "", "surname")}, Language::en, true, "There is one detail to correct"},
                        {{}, Language::it, false, "0 dati da correggere"}};
  for (const Case& c : cases) {
    PageData values{PageData::type::object};
    problem_summary(values, texts(), c.language, {{kFields}}, c.problems);
    EXPECT_EQ(values.get("has_problems")->is_true(), c.shown);
    if (c.shown) {
      EXPECT_EQ(text_of(values, "problem_count"), c.count);
    }
  }
}

TEST(ProblemsWith, AddsTheRefusalOnlyWhenTheFlowDidNotListIt) {
  const Error surname = Error::invalid("missing-surname", "", "surname");
  const Error taken = Error::invalid("pin-already-exists", "", "");
  EXPECT_EQ(problems_with({surname}, surname).size(), 1u);
  EXPECT_EQ(problems_with({surname}, taken).size(), 2u);
  EXPECT_EQ(problems_with({}, taken).size(), 1u);
}

// The rendered generic form: the summary on top takes focus and links to each wrong field, which is
// aria-invalid and described by its hint and its error; a problem on no field stays in the alert on top.
TEST(FormPage, RendersTheSummaryAndMarksEachWrongField) {
  const FormPage page{"request_title", nullptr, "request_next", "/x", kFields};
  PageData values = form_values(texts(), Language::it, page, kTyped,
                                std::vector<Error>{Error::invalid("invalid-birth-date", "", "birth_date"),
                                                   Error::invalid("missing-sex", "", "sex"), Error::invalid("throttled", "", "")});
  const std::string html = pages().render("form", Language::it, values);
  EXPECT_NE(html.find("id=\"error-summary\" tabindex=\"-1\" autofocus"), std::string::npos);
  EXPECT_NE(html.find("2 dati da correggere"), std::string::npos);
  EXPECT_NE(html.find("href=\"#birth_date\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#sex\""), std::string::npos);
  EXPECT_NE(html.find("aria-invalid=\"true\" aria-describedby=\"birth_date-help birth_date-error\""), std::string::npos);
  EXPECT_NE(html.find("value=\"5/3/1972\""), std::string::npos) << "what was typed stays";
  EXPECT_NE(html.find("<legend"), std::string::npos);
  EXPECT_NE(html.find("id=\"form-error\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"surname-error\""), std::string::npos) << "a right field shows no error";
  EXPECT_EQ(html.find("id=\"current_pin-error\""), std::string::npos);
}

TEST(FormPage, AFormWithoutProblemsHasNoSummaryNorInvalidField) {
  const FormPage page{"request_title", nullptr, "request_next", "/x", kFields};
  const std::string html = pages().render("form", Language::it, form_values(texts(), Language::it, page, {}, std::nullopt));
  EXPECT_EQ(html.find("error-summary"), std::string::npos);
  EXPECT_EQ(html.find("aria-invalid"), std::string::npos);
  EXPECT_EQ(html.find("form-error"), std::string::npos);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

TEST(BirthPlaceSuggestions, AnUnknownPlaceOffersTheRegistrysNearestNames) {
  const Date today{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{4}};
  const std::vector<Error> unknown = {Error::invalid("unknown-birth-place", "", "birth_place")};
  struct Case { const char* typed; const char* born; std::vector<Error> problems; const char* offered; };
  const Case cases[] = {{"Afganistan", "05/03/1972", unknown, "afghanistan"},
                        {"Rooma", "15/5/1980", unknown, "roma (rm)"},
                        {"Rooma", "", unknown, "roma (rm)"},  // no date typed: today's places
                        {"Rooma", "15/5/1980", {Error::invalid("missing-surname", "", "surname")}, nullptr},
                        {"Qwxzkj", "15/5/1980", unknown, nullptr}};
  for (const Case& c : cases) {
    const Suggestions offered = birth_place_suggestions(test_data::registry(), {{"birth_place", c.typed}, {"birth_date", c.born}},
                                                        c.problems, today);
    if (!c.offered) {
      EXPECT_TRUE(offered.empty()) << c.typed;
      continue;
    }
    ASSERT_EQ(offered.count("birth_place"), 1u) << c.typed;
    EXPECT_NE(lower(offered.at("birth_place")).find(c.offered), std::string::npos) << offered.at("birth_place");
  }
}

TEST(BirthPlaceSuggestions, TheOfferIsShownWithTheErrorNextToTheField) {
  const FieldSpec place[] = {{"birth_place", "text", "off"}};
  PageData values{PageData::type::object};
  values.set("fields", field_rows(texts(), Language::it, place, {{"birth_place", "Afganistan"}},
                                  std::vector<Error>{Error::invalid("unknown-birth-place", "", "birth_place")}, "field_",
                                  {{"birth_place", "Afghanistan"}}));
  const FormPage page{"request_title", nullptr, "request_next", "/x", place};
  PageData form = form_values(texts(), Language::it, page, {{"birth_place", "Afganistan"}},
                              std::vector<Error>{Error::invalid("unknown-birth-place", "", "birth_place")});
  form.set("fields", *values.get("fields"));
  const std::string html = pages().render("form", Language::it, form);
  EXPECT_NE(html.find("Forse intendeva: <strong>Afghanistan</strong>?"), std::string::npos);
}

}  // namespace
}  // namespace sportello::web
