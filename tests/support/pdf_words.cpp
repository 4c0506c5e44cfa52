#include "support/pdf_words.h"

#include <regex>

#include "support/command.h"

namespace sportello::testing {

std::string pdf_text(const std::string& file) { return command_output("pdftotext -enc UTF-8 '" + file + "' -"); }

std::vector<PdfWord> pdf_words(const std::string& file) {
  const std::string html = command_output("pdftotext -bbox -enc UTF-8 '" + file + "' -");
  const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::vector<PdfWord> words;
  for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it)
    words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  return words;
}

}  // namespace sportello::testing
