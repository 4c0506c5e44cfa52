// The receipt of a filed application read back by poppler: for each of the five types, the protocol, the
// date and time of filing in Rome, the applicant, every field under its Italian label with its value written
// for people (dates, euro, IBAN in groups, choices and gestioni by name, repeated values one per line), each
// attachment's name, type, size and full SHA-256, and the closing note; a long application still numbers
// its pages right. Also: every field of every form has a label.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "core/digest.h"
#include "documents/application_labels.h"
#include "documents/application_receipt.h"
#include "pdf_text.h"

namespace sportello {
namespace {

using testing::read_pdf;
using testing::squeezed;

Instant at_utc(int y, unsigned m, unsigned d, int hours, int minutes, int seconds) {
  const Instant midnight{std::chrono::sys_days{std::chrono::year{y} / m / d}};
  return midnight + Hours{hours} + Minutes{minutes} + Seconds{seconds};
}

Citizen applicant() {
  Citizen c;
  c.id = 21;
  c.codice_fiscale = "DMCNCL72M15D704D";
  c.data.surname = "D'Amico";
  c.data.name = "Niccolò";
  c.data.birth_date = std::chrono::year{1972} / 8 / 15;
  c.data.birth_place_code = "D704";
  c.data.residence = {"Corso della Repubblica", "88", "47121", "Forlì", "FC"};
  return c;
}

// Its digest is that of a stand-in content, so each attachment has its own, as real ones do.
AttachmentInfo attachment(std::string name, std::string media_type, std::uint64_t size) {
  std::string sha256 = sha256_hex(name + std::to_string(size));
  return {0, std::move(name), std::move(media_type), std::move(sha256), size};
}

Application filed(ApplicationType type, std::vector<ApplicationField> fields,
                  std::vector<AttachmentInfo> attachments = {}) {
  Application a;
  a.id = 42;
  a.citizen_id = 21;
  a.type = type;
  a.protocol = "INPS.7001.2026.0000042";
  a.submitted_at = at_utc(2026, 3, 12, 9, 42, 17);  // 10:42:17 in Rome (CET)
  a.fields = std::move(fields);
  a.attachments = std::move(attachments);
  return a;
}

// Twelve valid codici fiscali of people born in Pavia: the most members a household may list.
const std::vector<std::string> kHousehold{
    "BNCGPP55R18G388Y", "VRDLCU48H60G388V", "FRRGLI70S19G388R", "RSSNCL44R41G388C", "ESPSRA98M09G388I", "RMNGLI75D47G388S",
    "CLMFRN85M18G388G", "RCCMRT93P56G388L", "MRNLSN65S28G388C", "GLLTMS49D61G388A", "CSTLCU49P13G388M", "FNTRRA87A62G388N"};

struct Case {
  const char* rule;
  Application application;
  std::vector<std::string> expected;  // phrases of the squeezed text
};

std::vector<Case> cases() {
  return {
      {"naspi",
       filed(ApplicationType::naspi,
             {{"data_cessazione", {"2026-02-27"}}, {"datore_lavoro", {"Àncora Servizi Società Cooperativa"}},
              {"motivo_cessazione", {"dimissioni_giusta_causa"}}, {"iban", {"IT60X0542811101000000123456"}}},
             {attachment("lettera di dimissioni.pdf", "application/pdf", 251187)}),
       {"NASpI – Indennità di disoccupazione", "Data di cessazione del rapporto di lavoro 27/02/2026",
        "Datore di lavoro Àncora Servizi Società Cooperativa", "Motivo della cessazione Dimissioni per giusta causa",
        "IBAN per l'accredito IT60 X054 2811 1010 0000 0123 456", "lettera di dimissioni.pdf", "PDF",
        "245,3 KB (251.187 byte)"}},
      {"ricongiunzione",
       filed(ApplicationType::ricongiunzione,
             {{"gestioni", {"fpld", "gestione_separata", "artigiani"}}, {"gestione_destinazione", {"fpld"}},
              {"motivo", {"Unificare i periodi per la pensione di vecchiaia"}}}),
       {"Ricongiunzione contributiva", "Gestioni da ricongiungere Fondo pensioni lavoratori dipendenti (FPLD)",
        "Gestione di destinazione Fondo pensioni lavoratori dipendenti (FPLD)",
        "Motivazione Unificare i periodi per la pensione di vecchiaia", "Documenti allegati (0)",
        "La domanda è stata presentata senza allegati."}},
      {"assegno-nucleo-familiare",
       filed(ApplicationType::assegno_nucleo,
             {{"componenti", {kHousehold[0], kHousehold[1], kHousehold[2]}}, {"reddito_familiare", {"2845000"}},
              {"periodo_dal", {"2026-01-01"}}, {"periodo_al", {"2026-12-31"}}}),
       {"Assegno per il nucleo familiare", "Reddito complessivo del nucleo 28.450,00 €", "Periodo dal 01/01/2026",
        "Periodo al 31/12/2026", "Componenti del nucleo familiare", "BNCGPP55R18G388Y"}},
      {"riscatto-laurea",
       filed(ApplicationType::riscatto_laurea,
             {{"universita", {"Università degli Studi di Pavia"}}, {"corso", {"Ingegneria elettronica"}},
              {"data_laurea", {"1996-07-15"}}, {"durata_legale_anni", {"5"}}, {"anni_da_riscattare", {"4"}}},
             {attachment("certificato_di_laurea.jpg", "image/jpeg", 1843200)}),
       {"Riscatto del corso di laurea", "Università Università degli Studi di Pavia",
        "Corso di laurea Ingegneria elettronica", "Data di laurea 15/07/1996", "Durata legale del corso (anni) 5",
        "Anni da riscattare 4", "certificato_di_laurea.jpg", "Immagine JPEG", "1,8 MB (1.843.200 byte)"}},
      {"bonus-baby-sitting",
       filed(ApplicationType::bonus_baby_sitting,
             {{"figli", {"DMCLRA18C52G388C", "DMCPLA21H10G388E"}}, {"periodo_dal", {"2026-06-15"}},
              {"periodo_al", {"2026-09-14"}}, {"importo", {"120000"}}},
             {attachment("ricevuta iscrizione centro estivo.png", "image/png", 912)}),
       {"Bonus baby-sitting", "Figli (codice fiscale) DMCLRA18C52G388C", "Periodo dal 15/06/2026",
        "Periodo al 14/09/2026", "Importo richiesto 1.200,00 €", "Immagine PNG", "912 byte"}},
  };
}

TEST(ApplicationReceipt, EachTypeShowsProtocolRomeTimeApplicantAndItsDataInItalian) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.rule);
    const testing::PdfText pdf = read_pdf(render_application_receipt(c.application, applicant()));
    const std::string text = squeezed(pdf.all());
    std::vector<std::string> expected = c.expected;
    for (const char* common :
         {"Ricevuta di presentazione della domanda", "Numero di protocollo", "INPS.7001.2026.0000042",
          "Data e ora di presentazione", "12/03/2026 ore 10:42:17", "D'Amico", "Niccolò", "DMCNCL72M15D704D",
          "15/08/1972", "Corso della Repubblica 88 – 47121 Forlì (FC)", "Dati dichiarati nella domanda",
          "Conservi questa ricevuta: il numero di protocollo identifica la domanda.",
          "Le sue domande.", "Pagina 1 di 1"})
      expected.push_back(common);
    for (const AttachmentInfo& a : c.application.attachments) expected.push_back(a.sha256);
    for (const std::string& phrase : expected)
      EXPECT_NE(text.find(phrase), std::string::npos) << phrase << "\n" << text;
    EXPECT_EQ(pdf.info_pages, 1);
  }
}

// The squeezed, trimmed line of `text` that holds `what`; empty when none does.
std::string line_with(const std::string& text, const std::string& what) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.find(what) != std::string::npos) {
      line = squeezed(line);
      line.erase(0, line.find_first_not_of(' '));
      line.erase(line.find_last_not_of(' ') + 1);
      return line;
    }
  return {};
}

TEST(ApplicationReceipt, ARepeatedFieldShowsOneValuePerLine) {
  const std::vector<Case> all = cases();
  const std::string gestioni = read_pdf(render_application_receipt(all[1].application, applicant())).all();
  EXPECT_EQ(line_with(gestioni, "(FPLD)"), "Gestioni da ricongiungere Fondo pensioni lavoratori dipendenti (FPLD)");
  EXPECT_EQ(line_with(gestioni, "Gestione separata"), "Gestione separata");
  EXPECT_EQ(line_with(gestioni, "Gestione artigiani"), "Gestione artigiani");
  const std::string children = read_pdf(render_application_receipt(all[4].application, applicant())).all();
  EXPECT_EQ(line_with(children, "DMCPLA21H10G388E"), "DMCPLA21H10G388E");
}

TEST(ApplicationReceipt, FilingTimeIsRomeLocalTimeInSummerToo) {
  Application application = cases()[0].application;
  application.submitted_at = at_utc(2026, 7, 1, 22, 5, 9);  // 00:05:09 of 2 July in Rome (CEST)
  const std::string text = squeezed(read_pdf(render_application_receipt(application, applicant())).all());
  EXPECT_NE(text.find("02/07/2026 ore 00:05:09"), std::string::npos) << text;
}

TEST(ApplicationReceipt, AnOptionalFieldLeftEmptyShowsADash) {
  Application application = cases()[1].application;
  application.fields.back().values.clear();
  const std::string text = read_pdf(render_application_receipt(application, applicant())).all();
  EXPECT_EQ(line_with(text, "Motivazione"), "Motivazione —");
}

TEST(ApplicationReceipt, ALongApplicationSpansPagesEachNumberedOfTheTotal) {
  std::vector<AttachmentInfo> attachments;
  for (int i = 1; i <= kMaxAttachments; ++i)
    attachments.push_back(attachment("dichiarazione sostitutiva del componente n. " + std::to_string(i) +
                                     " del nucleo.pdf", "application/pdf", 4'800'000 + i));
  const Application application =
      filed(ApplicationType::assegno_nucleo,
            {{"componenti", kHousehold}, {"reddito_familiare", {"3120050"}}, {"periodo_dal", {"2026-01-01"}},
             {"periodo_al", {"2026-12-31"}}},
            attachments);
  const testing::PdfText pdf = read_pdf(render_application_receipt(application, applicant()));
  const int pages = static_cast<int>(pdf.pages.size());
  ASSERT_EQ(pdf.info_pages, pages);
  ASSERT_GE(pages, 2) << "the case must cross a page break";
  EXPECT_LE(pages, 2) << "twelve members and five attachments fill two pages at most";
  for (int page = 1; page <= pages; ++page) {
    const std::string text = squeezed(pdf.pages[page - 1]);
    EXPECT_NE(text.find("Pagina " + std::to_string(page) + " di " + std::to_string(pages)), std::string::npos) << text;
    EXPECT_NE(text.find("Ricevuta della domanda n. INPS.7001.2026.0000042"), std::string::npos) << "page " << page;
    const bool has_attachment = std::any_of(attachments.begin(), attachments.end(), [&](const AttachmentInfo& a) {
      return text.find(a.sha256) != std::string::npos;
    });
    if (has_attachment) {
      EXPECT_NE(text.find("Documenti allegati (5)"), std::string::npos) << "the section's band opens page " << page;
    }
  }
  const std::string text = squeezed(pdf.all());
  for (const std::string& member : kHousehold) EXPECT_EQ(testing::occurrences(text, member), 1) << member;
  for (const AttachmentInfo& a : attachments) EXPECT_EQ(testing::occurrences(text, a.sha256), 1) << a.name;
  EXPECT_NE(text.find("Documenti allegati (5)"), std::string::npos);
  EXPECT_NE(text.find("4,6 MB (4.800.005 byte)"), std::string::npos) << text;
  EXPECT_NE(text.find("Conservi questa ricevuta"), std::string::npos);
}

TEST(ApplicationLabels, EveryFieldAndChoiceOfEveryFormHasAnItalianName) {
  ApplicantFacts facts;
  facts.gestioni.assign(std::begin(kAllGestioni), std::end(kAllGestioni));
  for (ApplicationType type : kAllApplicationTypes) {
    EXPECT_STRNE(application_type_label_it(type), "") << to_string(type);
    for (const FormField& field : form_for(type, facts).fields) {
      EXPECT_FALSE(application_field_label_it(field.name).empty()) << field.name;
      for (const std::string& choice : field.choices)
        EXPECT_FALSE(application_choice_label_it(field.name, choice).empty()) << field.name << " " << choice;
    }
  }
}

TEST(ApplicationLabels, AValueThatDoesNotReadAsItsKindIsPrintedAsStored) {
  struct Row {
    FieldKind kind;
    const char* field;
    const char* stored;
    const char* printed;
  };
  for (const Row& row : std::vector<Row>{{FieldKind::date, "periodo_dal", "2026-02-30", "2026-02-30"},
                                         {FieldKind::date, "periodo_dal", "2026-02-28", "28/02/2026"},
                                         {FieldKind::money, "importo", "12,50", "12,50"},
                                         {FieldKind::money, "importo", "1250", "12,50 €"},
                                         {FieldKind::choice, "motivo_cessazione", "altro", "altro"},
                                         {FieldKind::choice, "motivo_cessazione", "scadenza_contratto",
                                          "Scadenza del contratto a termine"},
                                         {FieldKind::choice, "gestione_destinazione", "ex_inpdap",
                                          "Gestione dipendenti pubblici (ex INPDAP)"},
                                         {FieldKind::iban, "iban", "IT60X054", "IT60X054"},
                                         {FieldKind::integer, "durata_legale_anni", "4", "4"}})
    EXPECT_EQ(application_value_it(row.kind, row.field, row.stored), row.printed) << row.stored;
}

}  // namespace
}  // namespace sportello
