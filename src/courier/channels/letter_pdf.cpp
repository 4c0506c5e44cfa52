// The layout of a PIN letter on A4: the institute's header at the top left; the return line and the address
// block inside the area a right-hand window envelope shows (110-200 mm from the left, 45-90 mm from the top,
// within the first fold), the address shrinking down to 6 pt rather than leaving it; the date on the right;
// subject, body, the secret in a thick box that never splits across pages, and numbered instructions. Text
// longer than a page continues on the next one; the closing formula and the office's signature end it; every page carries the letter's reference and page number
// at the bottom so the print house can match sheets. Pure: content in, bytes out.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "courier/channels/print_spool.h"
#include "documents/pdf_page.h"

namespace sportello {
namespace {

constexpr double kPointsPerInch = 72;  // font sizes below are printed sizes in points
constexpr double mm(double millimetres) { return millimetres * kPointsPerInch / 25.4; }

constexpr double kLeft = mm(25);
constexpr double kRight = PdfDocument::kWidth - mm(20);
constexpr double kColumn = kRight - kLeft;
constexpr double kTop = mm(20);        // where text resumes on a continued page
constexpr double kBottom = mm(272);    // no text below this line
constexpr double kFooterY = mm(282);

// The window of a DL envelope with the window on the right, as it falls on the folded A4 sheet, and the
// margin kept inside it so the text stays visible when the sheet slides in the envelope.
constexpr double kWindowX = mm(110);
constexpr double kWindowY = mm(45);
constexpr double kWindowWidth = mm(90);
constexpr double kWindowHeight = mm(45);
constexpr double kWindowMargin = mm(4);

constexpr const char* kBody = "DejaVu Sans 10";
constexpr const char* kSecretFont = "DejaVu Sans Mono Bold 16";
constexpr double kParagraphGap = 6;
constexpr double kBoxPadding = 10;
constexpr double kInstructionIndent = mm(7);

// Where the next block goes on the current page of one letter; starts new pages as blocks need them.
struct Cursor {
  PdfDocument& pdf;
  const Letter& letter;
  int first_page;
  double y;

  int page_in_letter() const { return pdf.page_count() - first_page + 1; }

  void footer() {
    pdf.text_right(kRight, kFooterY, letter.reference + " · " + std::to_string(page_in_letter()),
                   "DejaVu Sans Mono 7");
  }

  // Moves to a new page unless `height` more points fit above the bottom margin.
  void make_room(double height) {
    if (y + height <= kBottom || y <= kTop) return;
    pdf.next_page();
    footer();
    y = kTop;
  }

  void block(const std::string& text, const std::string& font, double gap_after,
             double x = kLeft, double width = kColumn) {
    make_room(pdf.text_height(text, font, width));
    y += pdf.text(x, y, text, font, width) + gap_after;
  }
};

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

void draw_header(PdfDocument& pdf, const LetterHead& head) {
  double y = mm(15);
  y += pdf.text(kLeft, y, head.institute, "DejaVu Sans Bold 14", kColumn);
  pdf.text(kLeft, y + 2, head.office, "DejaVu Sans 9", kColumn);
  pdf.line(kLeft, mm(37), kRight, mm(37), 0.6);
}

// A pango font description, "DejaVu Sans 8.5", of a family and a size in tenths of a point.
std::string font_at(std::string_view family, int tenths) {
  return std::string(family) + " " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

bool one_line(const PdfDocument& pdf, const std::string& text, const std::string& font, double width) {
  return pdf.text_height(text, font, width) <= pdf.text_height("M", font, width) + 0.01;
}

// The largest address font from 10 pt down to 6 pt at which every line prints whole, on one line, and the
// block fits below the return line. Addresses within identity/postal_lines.h's limits always find one; an
// older, longer address (the spool accepts six lines of 100 characters) falls back to 6 pt and wraps.
std::string address_font(const PdfDocument& pdf, const std::vector<std::string>& lines, double width,
                         double height) {
  const std::string block = joined_lines(lines);
  for (int tenths = 100; tenths >= 60; tenths -= 5) {
    const std::string font = font_at("DejaVu Sans", tenths);
    const bool whole = std::all_of(lines.begin(), lines.end(),
                                   [&](const std::string& line) { return one_line(pdf, line, font, width); });
    if (whole && pdf.text_height(block, font, width) <= height) return font;
  }
  return "DejaVu Sans 6";
}

// The return line must stay one unbroken line (the postal service reads it as one): the largest condensed
// font from 6 pt down to 4 pt that holds it on a single line; should the condensed face be missing
// (scripts/setup installs fonts-dejavu-extra), the regular face down to 4 pt.
std::string return_line_font(const PdfDocument& pdf, const std::string& line, double width) {
  for (const char* family : {"DejaVu Sans Condensed", "DejaVu Sans"})
    for (int tenths = 60; tenths >= 40; tenths -= 5)
      if (std::string font = font_at(family, tenths); one_line(pdf, line, font, width)) return font;
  return "DejaVu Sans 4";
}

void draw_window(PdfDocument& pdf, const LetterHead& head, const Letter& letter) {
  const double x = kWindowX + kWindowMargin;
  const double width = kWindowWidth - 2 * kWindowMargin;
  double y = kWindowY + kWindowMargin;
  const std::string return_line = "Se non recapitato restituire a: " + head.institute + ", " + head.return_address;
  // The return line keeps a band of two 6 pt lines, so the address block below starts where its postal limits
  // (identity/postal_lines.h) were measured.
  const double band = pdf.text_height("M\nM", "DejaVu Sans 6", width);
  y += std::max(band, pdf.text(x, y, return_line, return_line_font(pdf, return_line, width), width));
  pdf.line(x, y + 1, x + width, y + 1, 0.3);
  y += 5;
  const double room = kWindowY + kWindowHeight - kWindowMargin - y;
  pdf.text(x, y, joined_lines(letter.address), address_font(pdf, letter.address, width, room), width);
}

void draw_secret_box(Cursor& at, const Letter& letter) {
  PdfDocument& pdf = at.pdf;
  const double inner = kColumn - 2 * kBoxPadding;
  const double label_height = pdf.text_height(letter.secret_label, "DejaVu Sans 9", inner);
  const double secret_height = pdf.text_height(letter.secret, kSecretFont, inner);
  const double height = 2 * kBoxPadding + label_height + 4 + secret_height;
  at.make_room(height);
  pdf.box(kLeft, at.y, kColumn, height, 2.0);
  double y = at.y + kBoxPadding;
  y += pdf.text(kLeft + kBoxPadding, y, letter.secret_label, "DejaVu Sans 9", inner) + 4;
  pdf.text(kLeft + kBoxPadding, y, letter.secret, kSecretFont, inner);
  at.y += height + 2 * kParagraphGap;
}

void draw_instructions(Cursor& at, const std::vector<std::string>& instructions) {
  const double width = kColumn - kInstructionIndent;
  for (std::size_t i = 0; i < instructions.size(); ++i) {
    at.make_room(at.pdf.text_height(instructions[i], kBody, width));
    at.pdf.text(kLeft, at.y, std::to_string(i + 1) + ".", kBody, kColumn);
    at.y += at.pdf.text(kLeft + kInstructionIndent, at.y, instructions[i], kBody, width) + 4;
  }
}

// The closing formula and the signature of the office that sends the letter, kept together on one page.
void draw_closing(Cursor& at, const LetterHead& head) {
  const std::string closing = "Distinti saluti.";
  const std::string signature = head.office + "\n" + head.institute;
  at.y += kParagraphGap;
  at.make_room(at.pdf.text_height(closing, kBody, kColumn) + 3 * kParagraphGap +
               at.pdf.text_height(signature, "DejaVu Sans Bold 10", kColumn / 2));
  at.y += at.pdf.text(kLeft, at.y, closing, kBody, kColumn) + 3 * kParagraphGap;
  at.y += at.pdf.text(kRight - kColumn / 2, at.y, signature, "DejaVu Sans Bold 10", kColumn / 2);
}

// Draws `letter` from the current (fresh) page of `pdf`; returns how many pages it took.
int draw_letter(PdfDocument& pdf, const Letter& letter, const LetterHead& head) {
  Cursor at{pdf, letter, pdf.page_count(), mm(98)};
  draw_header(pdf, head);
  draw_window(pdf, head, letter);
  at.footer();
  pdf.text_right(kRight, at.y, letter.date, kBody);
  at.y = mm(110);
  at.block(letter.subject, "DejaVu Sans Bold 11", 2 * kParagraphGap);
  for (const auto& paragraph : letter.paragraphs) at.block(paragraph, kBody, kParagraphGap);
  at.y += kParagraphGap;
  if (!letter.secret.empty()) draw_secret_box(at, letter);
  draw_instructions(at, letter.instructions);
  draw_closing(at, head);
  return at.page_in_letter();
}

}  // namespace

std::string render_letter_pdf(const Letter& letter, const LetterHead& head) {
  PdfDocument pdf(kPointsPerInch);
  draw_letter(pdf, letter, head);
  return pdf.finish();
}

std::string PrintSpool::render_batch_pdf(const std::vector<Letter>& letters, const LetterHead& head,
                                         std::vector<int>& pages) {
  PdfDocument pdf(kPointsPerInch);
  pages.clear();
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i > 0) pdf.next_page();
    pages.push_back(draw_letter(pdf, letters[i], head));
  }
  return pdf.finish();
}

}  // namespace sportello
