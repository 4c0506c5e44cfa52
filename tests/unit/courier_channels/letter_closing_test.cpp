// Issue 14: a PIN letter read back by poppler ends with the closing formula and the office's signature, and
// its return line ("Se non recapitato restituire a: ...") lies on one unbroken line inside the window.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "courier/channels/print_spool.h"
#include "support/pdf_words.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

using Word = testing::PdfWord;

Letter letter_with_steps() {
  Letter letter;
  letter.reference = "L000077";
  letter.recipient = "Anna Verdi";
  letter.address = {"Anna Verdi", "Via Appia Nuova 12", "00183 Roma (RM)"};
  letter.date = "Roma, 4 dicembre 2026";
  letter.subject = "La seconda metà del suo PIN";
  letter.paragraphs = {"Gentile Anna Verdi,", "i suoi dati sono stati verificati."};
  letter.secret_label = "Seconda metà del PIN";
  letter.secret = "K7QMT4ZX";
  letter.instructions = {"Vada sul sito e scelga «Accedi».", "Al primo accesso scelga un PIN personale."};
  return letter;
}

class LetterClosingTest : public ::testing::Test {
 protected:
  std::string pdf(const Letter& letter, const LetterHead& head) {
    const auto file = dir_ / "letter.pdf";
    std::ofstream(file, std::ios::binary) << render_letter_pdf(letter, head);
    return file.string();
  }
  std::string text(const Letter& letter, const LetterHead& head = {}) {
    return testing::pdf_text(pdf(letter, head));
  }
  std::vector<Word> words(const Letter& letter, const LetterHead& head = {}) {
    return testing::pdf_words(pdf(letter, head));
  }
  testing::TempDir dir_;
};

std::string squeezed(const std::string& text) { return std::regex_replace(text, std::regex("\\s+"), " "); }

TEST_F(LetterClosingTest, EndsWithTheClosingFormulaAndTheOfficesSignatureAfterTheSteps) {
  const LetterHead head;
  const std::string all = squeezed(text(letter_with_steps(), head));
  const auto last_step = all.find("scelga un PIN personale.");
  const auto closing = all.find("Distinti saluti.");
  ASSERT_NE(closing, std::string::npos) << all;
  EXPECT_LT(last_step, closing);
  EXPECT_NE(all.find(head.office, closing), std::string::npos) << "signed by the office";
}

// The words of the return line, in reading order, are on the same line (same top) and in the window.
void expect_one_line(const std::vector<Word>& words, const std::string& line) {
  std::istringstream wanted(line);
  std::vector<std::string> tokens;
  for (std::string token; wanted >> token;) tokens.push_back(token);
  for (std::size_t start = 0; start + tokens.size() <= words.size(); ++start) {
    bool match = true;
    for (std::size_t i = 0; i < tokens.size() && match; ++i) match = words[start + i].text == tokens[i];
    if (!match) continue;
    std::set<long> tops;
    for (std::size_t i = 0; i < tokens.size(); ++i) tops.insert(std::lround(words[start + i].y_min));
    EXPECT_EQ(tops.size(), 1u) << "the return line wraps";
    constexpr double kWindowLeft = 110 * 72.0 / 25.4;
    EXPECT_GE(words[start].x_min, kWindowLeft);
    return;
  }
  ADD_FAILURE() << "return line not found: " << line;
}

TEST_F(LetterClosingTest, TheReturnLineIsOneUnbrokenLineInTheWindow) {
  const LetterHead head;
  expect_one_line(words(letter_with_steps(), head),
                  "Se non recapitato restituire a: " + head.institute + ", " + head.return_address);
}

}  // namespace
}  // namespace sportello
