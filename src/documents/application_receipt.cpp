// The receipt of a filed application as PDF, in the house style of the reserved area's documents: the
// protocol number, the date and time of filing (Europe/Rome, to the second) and the type in a framed block
// at the top; the applicant; the data as filed, one row per field in the form's order with its Italian
// label and its value written for people; each attachment with its name, type, size and full SHA-256 (in
// monospace, so it can be compared character by character); and what to do with the receipt. The protocol
// is repeated in every page's header, so a loose page still says which application it belongs to.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "documents/application_labels.h"
#include "documents/application_receipt.h"
#include "documents/page_flow.h"
#include "documents/pdf_table.h"
#include "documents/record_labels.h"
#include "documents/record_layout.h"

namespace sportello {
namespace {

using namespace record_layout;

constexpr const char* kReceiptTitle = "Ricevuta di presentazione della domanda";
constexpr const char* kIntro = "L'Istituto attesta di aver ricevuto per via telematica la domanda descritta di seguito, ";
constexpr const char* kByHolder = "presentata dal richiedente nella propria area riservata.";

// Who filed it: the holder, or a patronato under mandate, or the contact centre for a caller (issue 11).
std::string intro_for(const Application& application) {
  if (application.filed_through.empty()) return std::string(kIntro) + kByHolder;
  return std::string(kIntro) + "presentata per conto del richiedente tramite " + application.filed_through + ".";
}
constexpr const char* kClosing = "Conservi questa ricevuta: il numero di protocollo identifica la domanda. Lo stato è "
                                 "consultabile nell'area riservata, alla voce Le sue domande.";
constexpr const char* kNoAttachments = "La domanda è stata presentata senza allegati.";
constexpr const char* kProtocolFont = "DejaVu Sans Mono Bold 16";
constexpr const char* kFiledAtFont = "DejaVu Sans Bold 12";
constexpr const char* kTypeFont = "DejaVu Sans Bold 11";
constexpr const char* kHashFont = "DejaVu Sans Mono 8.5";
constexpr const char* kNoteFont = "DejaVu Sans 8";
constexpr double kPad = 6;      // inside the protocol block
constexpr double kBoxPad = 3;   // inside a box, as record_layout's boxes
constexpr double kLabelGap = 1.5;

// "12/03/2026 ore 10:42:17": the second counts when a benefit's funds go to the first to apply.
std::string filed_at_it(Instant at) {
  const LocalTime local = to_rome(at);
  const std::chrono::hh_mm_ss hms{local - std::chrono::floor<std::chrono::days>(local)};
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return format_date_it(rome_date(at)) + " ore " + time;
}

std::string residence_it(const Address& a) {
  std::string street = a.street + (a.number.empty() ? "" : " " + a.number);
  std::string place = a.cap + (a.cap.empty() ? "" : " ") + a.comune + (a.province.empty() ? "" : " (" + a.province + ")");
  if (street.empty() || place.empty()) return street + place;
  return street + " – " + place;
}

std::string media_type_it(const std::string& media_type) {
  if (media_type == "application/pdf") return "PDF";
  if (media_type == "image/jpeg") return "Immagine JPEG";
  if (media_type == "image/png") return "Immagine PNG";
  return media_type;
}

// "245,3 KB (251.187 byte)": the rounded size to read, the exact one to check.
std::string size_it(std::uint64_t bytes) {
  const std::string exact = count_it(static_cast<long long>(bytes)) + " byte";
  if (bytes < 1024) return exact;
  const bool mega = bytes >= 1024 * 1024;
  const std::uint64_t unit = mega ? 1024 * 1024 : 1024;
  const std::uint64_t tenths = (bytes * 10 + unit / 2) / unit;  // whole numbers: no locale's decimal point
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + (mega ? " MB (" : " KB (") + exact + ")";
}

// -------------------------------------------------------------------------------------------------- blocks

void add_text(PageFlow& flow, const PdfDocument& pdf, std::string text, const char* font) {
  const double height = pdf.text_height(text, font, kWidth);
  flow.add(height, [text = std::move(text), font](PdfDocument& p, double y) { p.text(kLeft, y, text, font, kWidth); });
}

// The framed block at the top: protocol and date-time side by side, the type of application under them.
struct Heading {
  std::string protocol, filed_at, type;
};

constexpr double kProtocolWidth = 290;

double heading_row(const PdfDocument& pdf, const Heading& h) {
  const double label = pdf.text_height("Numero di protocollo", kLabelFont, -1) + kLabelGap;
  const double protocol = pdf.text_height(h.protocol, kProtocolFont, kProtocolWidth - 2 * kPad);
  const double filed = pdf.text_height(h.filed_at, kFiledAtFont, kWidth - kProtocolWidth - 2 * kPad) +
                       pdf.text_height("ora italiana", kLabelFont, -1);
  return label + std::max(protocol, filed) + 2 * kPad;
}

double heading_height(const PdfDocument& pdf, const Heading& h) {
  return heading_row(pdf, h) + pdf.text_height("Tipo di domanda", kLabelFont, -1) + kLabelGap +
         pdf.text_height(h.type, kTypeFont, kWidth - 2 * kPad) + 2 * kPad;
}

void draw_heading(PdfDocument& pdf, double y, const Heading& h) {
  const double row = heading_row(pdf, h), height = heading_height(pdf, h);
  pdf.fill(kLeft, y, kWidth, row, 0.93);
  pdf.box(kLeft, y, kWidth, height, 1.4);
  pdf.line(kLeft, y + row, kRight, y + row, 0.5, 0.35);
  pdf.line(kLeft + kProtocolWidth, y, kLeft + kProtocolWidth, y + row, 0.5, 0.35);
  double left = y + kPad;
  left += pdf.text(kLeft + kPad, left, "Numero di protocollo", kLabelFont, kProtocolWidth - 2 * kPad) + kLabelGap;
  pdf.text(kLeft + kPad, left, h.protocol, kProtocolFont, kProtocolWidth - 2 * kPad);
  const double x = kLeft + kProtocolWidth + kPad, width = kWidth - kProtocolWidth - 2 * kPad;
  double right = y + kPad;
  right += pdf.text(x, right, "Data e ora di presentazione", kLabelFont, width) + kLabelGap;
  right += pdf.text(x, right, h.filed_at, kFiledAtFont, width);
  pdf.text(x, right, "ora italiana", kLabelFont, width);
  double below = y + row + kPad;
  below += pdf.text(kLeft + kPad, below, "Tipo di domanda", kLabelFont, kWidth - 2 * kPad) + kLabelGap;
  pdf.text(kLeft + kPad, below, h.type, kTypeFont, kWidth - 2 * kPad);
}

void add_heading(PageFlow& flow, const PdfDocument& pdf, Heading heading, const std::string& intro) {
  const double title = title_height(pdf, kReceiptTitle, intro);
  flow.add(title, [intro](PdfDocument& p, double y) { draw_title(p, y, kReceiptTitle, intro); });
  const double height = heading_height(pdf, heading);
  flow.add(height, [heading = std::move(heading)](PdfDocument& p, double y) { draw_heading(p, y, heading); });
}

void add_applicant(PageFlow& flow, const PdfDocument& pdf, const Citizen& applicant) {
  add_band(flow, pdf, "Richiedente", 10);
  const Date born = applicant.data.birth_date;
  add_boxes(flow, pdf, {{"Cognome", applicant.data.surname, 150},
                        {"Nome", applicant.data.name, 150},
                        {"Codice fiscale", applicant.codice_fiscale, 130},
                        {"Data di nascita", born.ok() ? format_date_it(born) : "", kWidth - 430}}, true);
  add_boxes(flow, pdf, {{"Residenza", residence_it(applicant.data.residence), kWidth}});
}

// A field's values written for people, one per line; its kind comes from the type's form (a field the form
// no longer has is printed as text).
std::string field_value_it(const ApplicationForm& form, const ApplicationField& field) {
  FieldKind kind = FieldKind::text;
  for (const FormField& f : form.fields)
    if (f.name == field.name) kind = f.kind;
  std::string text;
  for (const std::string& value : field.values)
    text += (text.empty() ? "" : "\n") + application_value_it(kind, field.name, value);
  return text.empty() ? "—" : text;
}

void add_data(PageFlow& flow, const PdfDocument& pdf, const Application& application) {
  add_band(flow, pdf, "Dati dichiarati nella domanda", 10);
  const std::vector<TableColumn> columns{{"Dato", 220, false, true}, {"Valore", kWidth - 220, false, true}};
  auto table = std::make_shared<PdfTable>(pdf, columns, kLeft, kTableCellFont, kTableHeaderFont);
  flow.add_section_heading(table->header_height(), [table](PdfDocument& p, double y) { table->draw_header(p, y); });
  const ApplicationForm form = form_for(application.type, {});
  for (const ApplicationField& field : application.fields) {
    const std::string_view label = application_field_label_it(field.name);
    std::vector<std::string> cells{label.empty() ? field.name : std::string(label), field_value_it(form, field)};
    const double height = table->row_height(pdf, cells);
    flow.add(height, [table, cells = std::move(cells), height](PdfDocument& p, double y) {
      table->draw_row(p, y, cells, height);
    });
  }
  flow.end_section();
}

// A box as record_layout draws them, with its value in monospace: a digest is read character by character.
double hash_box_height(const PdfDocument& pdf, const std::string& sha256) {
  return pdf.text_height("Impronta SHA-256", kLabelFont, kWidth - 2 * kBoxPad) + kLabelGap +
         pdf.text_height(sha256, kHashFont, kWidth - 2 * kBoxPad) + 2 * kBoxPad;
}

void draw_hash_box(PdfDocument& pdf, double y, const std::string& sha256, double height) {
  pdf.box(kLeft, y, kWidth, height, 0.5, 0.35);
  const double label = pdf.text(kLeft + kBoxPad, y + kBoxPad, "Impronta SHA-256", kLabelFont, kWidth - 2 * kBoxPad);
  pdf.text(kLeft + kBoxPad, y + kBoxPad + label + kLabelGap, sha256, kHashFont, kWidth - 2 * kBoxPad);
}

// The section's band is repeated at the top of a page the attachments continue on.
void add_attachments(PageFlow& flow, const PdfDocument& pdf, const std::vector<AttachmentInfo>& attachments) {
  flow.gap(10);
  const std::string title = "Documenti allegati (" + std::to_string(attachments.size()) + ")";
  flow.add_section_heading(band_height(pdf, title), [title](PdfDocument& p, double y) { draw_band(p, y, title); });
  if (attachments.empty()) {
    const double height = pdf.text_height(kNoAttachments, kTableCellFont, kWidth) + 4;
    flow.add(height, [](PdfDocument& p, double y) {
      p.text(kLeft + kBoxPad, y + 4, kNoAttachments, kTableCellFont, kWidth - kBoxPad);
    });
  }
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const AttachmentInfo& a = attachments[i];
    if (i > 0) flow.gap(5);
    add_boxes(flow, pdf, {{"N.", std::to_string(i + 1), 26},
                          {"Nome del file", a.name, kWidth - 26 - 100 - 150},
                          {"Tipo", media_type_it(a.media_type), 100},
                          {"Dimensione", size_it(a.size), 150}}, true);
    const double height = hash_box_height(pdf, a.sha256);
    flow.add(height, [sha256 = a.sha256, height](PdfDocument& p, double y) { draw_hash_box(p, y, sha256, height); });
  }
  flow.end_section();
}

void add_closing(PageFlow& flow, const PdfDocument& pdf) {
  flow.gap(14);
  const double height = pdf.text_height(kClosing, "DejaVu Sans Bold 9", kWidth - 16) + 12;
  flow.add(height, [height](PdfDocument& p, double y) {
    p.fill(kLeft, y, kWidth, height, 0.95);
    p.fill(kLeft, y, 3, height, 0.2);
    p.text(kLeft + 10, y + 6, kClosing, "DejaVu Sans Bold 9", kWidth - 16);
  });
  flow.gap(6);
  add_text(flow, pdf,
           "L'impronta SHA-256 identifica il contenuto di ciascun allegato così come è stato ricevuto: un file "
           "con la stessa impronta è identico a quello allegato alla domanda. Ricevuta generata automaticamente "
           "dal sistema; non richiede firma.",
           kNoteFont);
}

}  // namespace

std::string render_application_receipt(const Application& application, const Citizen& applicant) {
  PdfDocument pdf(kPointsPerInch);
  PageFlow flow(kTop, kBottom);
  const std::string filed_at = filed_at_it(application.submitted_at);
  add_heading(flow, pdf, {application.protocol, filed_at, application_type_label_it(application.type)}, intro_for(application));
  add_applicant(flow, pdf, applicant);
  add_data(flow, pdf, application);
  add_attachments(flow, pdf, application.attachments);
  add_closing(flow, pdf);
  const std::string header = "Ricevuta della domanda n. " + application.protocol;
  const std::string note = std::string(application_type_label_it(application.type)) + " · presentata il " + filed_at +
                           " · " + applicant.codice_fiscale;
  flow.render(pdf, [&](PdfDocument& p, int page, int pages) { draw_page_frame(p, header, note, page, pages); });
  return pdf.finish();
}

}  // namespace sportello
