#include "documents/dispositivo_form.h"

#include "core/civil_time.h"
#include "documents/pdf_page.h"
#include "identity/postal_lines.h"

namespace sportello {
namespace {

constexpr double kLeft = 60;

double field(PdfDocument& pdf, double y, const std::string& label, const std::string& value) {
  pdf.text(kLeft, y, label, "DejaVu Sans 9");
  pdf.text(kLeft + 150, y, value.empty() ? "—" : value, "DejaVu Sans Bold 10");
  pdf.line(kLeft + 148, y + 14, PdfDocument::kWidth - kLeft, y + 14, 0.4);
  return y + 22;
}


std::string render(const Citizen& c, const std::string& place_label, const std::string& place, Instant now) {
  PdfDocument pdf;
  double y = 50;
  y += pdf.text(kLeft, y, "Istituto Nazionale della Previdenza Sociale — sportello online", "DejaVu Sans Bold 11");
  y += 6;
  y += pdf.text(kLeft, y, "Richiesta di abilitazione del PIN al livello dispositivo", "DejaVu Sans Bold 15");
  y += pdf.text(kLeft, y, "Modulo precompilato il " + format_date_it(rome_date(now)), "DejaVu Sans 9");
  y += 18;
  y = field(pdf, y, "Cognome", c.data.surname);
  y = field(pdf, y, "Nome", c.data.name);
  y = field(pdf, y, "Codice fiscale", c.codice_fiscale);
  y = field(pdf, y, "Sesso", std::string(1, sex_letter(c.data.sex)));
  y = field(pdf, y, "Data di nascita", format_date_it(c.data.birth_date));
  y = field(pdf, y, place_label, place);
  y = field(pdf, y, "Residenza", residence_line(c.data.residence));
  y = field(pdf, y, "Cellulare", c.contacts.mobile);
  y = field(pdf, y, "E-mail", c.contacts.email);
  y += 14;
  y += pdf.text(kLeft, y,
                std::string(c.data.sex == Sex::female ? "La sottoscritta" : "Il sottoscritto") +
                " chiede che il proprio PIN sia abilitato al livello dispositivo, necessario per "
                "presentare domande, effettuare pagamenti e modificare i dati di pagamento. Dichiara che i dati sopra "
                "riportati sono veritieri.",
                "DejaVu Sans 10");
  y += 30;
  pdf.text(kLeft, y, "Data", "DejaVu Sans 9");
  pdf.line(kLeft + 30, y + 14, kLeft + 180, y + 14);
  pdf.text(kLeft + 240, y, "Firma", "DejaVu Sans 9");
  pdf.line(kLeft + 275, y + 14, PdfDocument::kWidth - kLeft, y + 14);
  y += 50;
  pdf.box(kLeft - 8, y - 8, PdfDocument::kWidth - 2 * kLeft + 16, 78);
  pdf.text(kLeft, y,
           "Come inviarlo: firmi il modulo, lo scansioni insieme a un documento di identità valido e carichi un unico "
           "file (PDF, JPEG o PNG, al massimo 1 MB) nella pagina \"Converti in PIN dispositivo\". In alternativa "
           "presenti il modulo MV35 presso una sede dell'Istituto.",
           "DejaVu Sans 9", PdfDocument::kWidth - 2 * kLeft);
  return pdf.finish();
}

}  // namespace

std::string birth_place_text(const PersonalData& data, const BelfioreRegistry& places) {
  auto place = places.find(data.birth_place_code, data.birth_date);
  if (!place) {
    const auto known = places.history(data.birth_place_code);
    if (known.empty()) return data.birth_place_code;
    place = known.back();
  }
  return place->foreign ? place->name : place->name + " (" + place->province + ")";
}

std::string render_dispositivo_form(const Citizen& c, const BelfioreRegistry& places, Instant now) {
  return render(c, "Luogo di nascita", birth_place_text(c.data, places), now);
}

}  // namespace sportello
