// A PIN letter's PDF read back by poppler (pdftotext, pdfinfo): what the citizen and the envelope window
// must show is there as text, accents intact, and the address lies inside the window area.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "courier/channels/print_spool.h"
#include "support/command.h"
#include "support/pdf_words.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;

// The envelope window on the A4 sheet, in points: 110-200 mm from the left, 45-90 mm from the top.
constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kWindowLeft = 110 * kPointsPerMm, kWindowRight = 200 * kPointsPerMm;
constexpr double kWindowTop = 45 * kPointsPerMm, kWindowBottom = 90 * kPointsPerMm;

// Whitespace runs (line breaks included) as one space, so wrapped text compares as one line.
std::string collapsed(const std::string& text) {
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

using Word = testing::PdfWord;

class LetterPdfTest : public ::testing::Test {
 protected:
  fs::path write(const Letter& letter) {
    const fs::path file = dir_ / (letter.reference + ".pdf");
    std::ofstream(file, std::ios::binary) << render_letter_pdf(letter, LetterHead{});
    return file;
  }
  std::string text_of(const Letter& letter) { return testing::pdf_text(write(letter).string()); }
  int pages_of(const Letter& letter) {
    std::smatch match;
    const std::string info = testing::command_output("pdfinfo '" + write(letter).string() + "'");
    return std::regex_search(info, match, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(match[1]) : -1;
  }
  std::vector<Word> words_of(const Letter& letter) { return testing::pdf_words(write(letter).string()); }

  testing::TempDir dir_;
};

Letter sample_letter() {
  Letter letter;
  letter.reference = "L000042";
  letter.recipient = "Mario Rossi";
  letter.address = {"Mario Rossi", "Via Appia Nuova 1234", "00179 Roma (RM)"};
  letter.date = "Roma, 25 novembre 2026";
  letter.subject = "Seconda parte del suo PIN";
  letter.paragraphs = {"Gentile utente, le inviamo la seconda parte del PIN che ha richiesto online.",
                       "La prima parte le è stata inviata per SMS o posta elettronica."};
  letter.secret_label = "Seconda parte del PIN";
  letter.secret = "K7QMT4ZX";
  letter.instructions = {"Vada alla pagina Attiva il PIN del sito dell'Istituto.",
                         "Inserisca il codice fiscale, la prima e la seconda parte del PIN.",
                         "Scelga il PIN personale che userà da quel momento."};
  return letter;
}

bool inside_window(const Word& w) {
  return w.x_min >= kWindowLeft && w.x_max <= kWindowRight && w.y_min >= kWindowTop && w.y_max <= kWindowBottom;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& line : lines) all += line + " ";
  return all;
}

// The words of the letter's address that appear nowhere else in the letter (so they can be found on the sheet).
std::vector<std::string> address_only_words(const Letter& letter) {
  const LetterHead head;
  const std::string elsewhere =
      " " + collapsed(head.institute + " " + head.office + " " + head.return_address + " " + letter.date + " " +
                      letter.subject + " " + letter.secret_label + " " + joined(letter.paragraphs) +
                      joined(letter.instructions)) + " ";
  std::vector<std::string> only;
  std::istringstream address(joined(letter.address));
  for (std::string word; address >> word;)
    if (elsewhere.find(" " + word + " ") == std::string::npos) only.push_back(word);
  return only;
}

// Checks that every word only the address uses is on the sheet, inside the window.
void expect_address_inside_window(const std::vector<Word>& words, const Letter& letter) {
  for (const auto& wanted : address_only_words(letter)) {
    const auto found = std::find_if(words.begin(), words.end(), [&](const Word& w) { return w.text == wanted; });
    ASSERT_NE(found, words.end()) << wanted;
    EXPECT_TRUE(inside_window(*found)) << wanted << " at " << found->x_min << "," << found->y_min;
  }
}

TEST_F(LetterPdfTest, AddressDateSubjectSecretAndInstructionsAreReadable) {
  const Letter letter = sample_letter();
  const std::string text = text_of(letter);
  for (const auto& line : letter.address) EXPECT_NE(text.find(line), std::string::npos) << line;
  EXPECT_NE(text.find(letter.date), std::string::npos);
  EXPECT_NE(text.find(letter.subject), std::string::npos);
  EXPECT_NE(text.find(letter.secret_label), std::string::npos);
  for (const auto& step : letter.instructions) EXPECT_NE(collapsed(text).find(step), std::string::npos) << step;
  const LetterHead head;
  EXPECT_NE(text.find(head.institute), std::string::npos);
  EXPECT_NE(collapsed(text).find(head.return_address), std::string::npos);
}

TEST_F(LetterPdfTest, SecretReadsAsOneWordOnItsOwnLine) {
  const Letter letter = sample_letter();
  const std::string text = text_of(letter);
  EXPECT_NE(text.find("\n" + letter.secret + "\n"), std::string::npos) << text;
}

TEST_F(LetterPdfTest, ItalianAccentsSurvive) {
  Letter letter = sample_letter();
  letter.address = {"Niccolò Città", "Via Sant'Agata dei Goti 7", "47121 Forlì (FC)"};
  letter.subject = "Attivazione del PIN: è semplice, più sicura";
  const std::string text = text_of(letter);
  EXPECT_NE(text.find("Niccolò Città"), std::string::npos) << text;
  EXPECT_NE(text.find("47121 Forlì (FC)"), std::string::npos);
  EXPECT_NE(text.find(letter.subject), std::string::npos);
  EXPECT_NE(collapsed(text).find("le è stata inviata"), std::string::npos);
}

TEST_F(LetterPdfTest, AddressSitsInsideTheEnvelopeWindow) {
  const Letter letter = sample_letter();
  // Mario Rossi Via Appia Nuova 1234 00179 (RM); "Roma" is in the return line too.
  ASSERT_EQ(address_only_words(letter).size(), 8u);
  expect_address_inside_window(words_of(letter), letter);
}

TEST_F(LetterPdfTest, LongAddressLinesWrapInsideTheWindow) {
  Letter letter = sample_letter();
  letter.address = {"Dott.ssa Maria Antonietta Bianchi Cavalcanti di Roccabianca Superiore",
                    "presso Studio Associato Commercialisti e Consulenti del Lavoro Riuniti",
                    "Via del Circuito Monumentale della Passeggiata Archeologica 1234 scala C interno 18",
                    "Località Borgo San Michele Arcangelo dei Cappuccini", "04100 Latina (LT)", "Italia"};
  const std::string text = collapsed(text_of(letter));
  for (const auto& line : letter.address) EXPECT_NE(text.find(line), std::string::npos) << line;
  ASSERT_GE(address_only_words(letter).size(), 30u);
  expect_address_inside_window(words_of(letter), letter);
}

TEST_F(LetterPdfTest, SixLinesOfAHundredCharactersStayInsideTheWindow) {
  Letter letter = sample_letter();
  letter.address.clear();
  for (int line = 0; line < 6; ++line) {
    std::string text;
    for (int word = 0; text.size() < 100; ++word) text += "Borgata" + std::to_string(line * 100 + word) + " ";
    letter.address.push_back(text.substr(0, 100));
  }
  const std::string text = collapsed(text_of(letter));
  for (const auto& line : letter.address) EXPECT_NE(text.find(line), std::string::npos) << line;
  expect_address_inside_window(words_of(letter), letter);
}

TEST_F(LetterPdfTest, UnbreakableAddressWordIsCutInsideTheWindowWidth) {
  Letter letter = sample_letter();
  letter.address = {"Mario Rossi", std::string(80, 'W'), "00179 Roma (RM)"};
  const auto words = words_of(letter);
  const auto ws = std::count_if(words.begin(), words.end(), [](const Word& w) {
    return w.text.find_first_not_of('W') == std::string::npos;
  });
  EXPECT_GE(ws, 2);  // the 80 W's were broken over lines
  for (const auto& w : words) {
    if (w.text.find_first_not_of('W') != std::string::npos) continue;
    EXPECT_TRUE(inside_window(w)) << w.x_max;
  }
}

TEST_F(LetterPdfTest, LongBodyContinuesOnMorePagesWithTheBoxWhole) {
  Letter letter = sample_letter();
  for (int i = 0; i < 30; ++i)
    letter.paragraphs.push_back("Paragrafo " + std::to_string(i) +
                                ": il testo di una comunicazione lunga prosegue sulla pagina seguente, "
                                "senza sovrapporsi al piè di pagina e senza dividere il riquadro del PIN.");
  EXPECT_GE(pages_of(letter), 2);
  const std::string text = text_of(letter);
  EXPECT_NE(text.find("\n" + letter.secret + "\n"), std::string::npos);
  EXPECT_NE(collapsed(text).find("Paragrafo 29:"), std::string::npos);
  EXPECT_NE(text.find(letter.reference + " · 2"), std::string::npos);  // the page mark of the second sheet
}

TEST_F(LetterPdfTest, ShortLetterTakesOnePage) {
  EXPECT_EQ(pages_of(sample_letter()), 1);
}

TEST_F(LetterPdfTest, LetterWithoutSecretHasNoBoxButTheRest) {
  Letter letter = sample_letter();
  letter.secret.clear();
  const std::string text = text_of(letter);
  EXPECT_EQ(text.find("K7QMT4ZX"), std::string::npos);
  EXPECT_NE(text.find(letter.subject), std::string::npos);
  EXPECT_NE(collapsed(text).find(letter.instructions.back()), std::string::npos);
}

}  // namespace
}  // namespace sportello
