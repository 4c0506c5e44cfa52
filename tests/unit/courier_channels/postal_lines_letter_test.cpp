// Issue 14: an address accepted when typed prints whole on the letter. An address exactly at the limits of
// identity/postal_lines.h, written in capitals (the widest common writing), is rendered as a real letter and
// read back from the envelope window's area with pdftotext: each of its lines is there, on one line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "courier/channels/print_spool.h"
#include "identity/postal_lines.h"
#include "support/command.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

// `length` characters of Italian words in capitals, cut at a letter.
std::string capitals(std::size_t length) {
  static const std::string words =
      "MARIA ADDOLORATA GIUSEPPINA DEL GRANDE VIA DEI MONTI PARIOLI SAN VALENTINO IN ABRUZZO CITERIORE "
      "CORSO VITTORIO EMANUELE SECONDO ";
  std::string out;
  while (out.size() < length) out += words;
  out.resize(length);
  if (out.back() == ' ') out.back() = 'A';
  return out;
}

// The text pdftotext reads inside the envelope window (110-200 mm from the left, 45-90 mm from the top), line by line.
std::vector<std::string> window_lines(const std::string& pdf) {
  testing::TempDir dir;
  const std::string file = (dir / "letter.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf;
  const int x = 110 * 72 / 25.4, y = 45 * 72 / 25.4, w = 90 * 72 / 25.4, h = 45 * 72 / 25.4;
  const std::string text = testing::command_output("pdftotext -layout -enc UTF-8 -x " + std::to_string(x) + " -y " +
                                                   std::to_string(y) + " -W " + std::to_string(w) + " -H " +
                                                   std::to_string(h) + " '" + file + "' -");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \f");
    if (first != std::string::npos) lines.push_back(line.substr(first, line.find_last_not_of(' ') + 1 - first));
  }
  return lines;
}

Letter letter_to(std::vector<std::string> address) {
  Letter letter;
  letter.reference = "L000001";
  letter.recipient = address.front();
  letter.address = std::move(address);
  letter.date = "Roma, 4 dicembre 2026";
  letter.subject = "Seconda parte del suo PIN";
  letter.paragraphs = {"Gentile utente, le inviamo la seconda parte del PIN."};
  letter.secret_label = "Seconda parte del PIN";
  letter.secret = "K7QMT4ZX";
  return letter;
}

TEST(PostalLinesOnTheLetter, AnAddressAtTheLimitsPrintsEveryLineWhole) {
  const std::vector<std::string> address = {capitals(kNameLineMax), capitals(kStreetLineMax),
                                            "00100 " + capitals(kPlaceLineMax - 11) + " (RM)"};
  const auto lines = window_lines(render_letter_pdf(letter_to(address), LetterHead{}));
  for (const std::string& line : address)
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end())
        << "not on one line: " << line << "\nwindow:\n" << ::testing::PrintToString(lines);
}

}  // namespace
}  // namespace sportello
