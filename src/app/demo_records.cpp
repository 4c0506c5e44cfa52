#include "app/demo_records.h"

#include "audit/audit_entry.h"
#include "core/codice_fiscale_rules.h"
#include "core/digest.h"

namespace sportello {
namespace {

using std::chrono::year;
using std::chrono::year_month;

constexpr const char* kInps = "80078750587";

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

ContributionPeriod period(std::int64_t citizen, Gestione g, Date from, Date to, ContributionKind kind,
                          ContributionUnit unit, int units, Cents pay, std::string employer, std::string matricola,
                          std::string note = {}) {
  return {0, citizen, g, from, to, kind, unit, units, units, pay, std::move(employer), std::move(matricola), std::move(note)};
}

// A whole year with one employer: 52 weeks, pay growing 2% a year from `base`.
ContributionPeriod employed_year(std::int64_t citizen, Gestione g, int y, int first_year, Cents base,
                                 const char* employer, const char* matricola) {
  Cents pay = base;
  for (int i = first_year; i < y; ++i) pay = pay * 102 / 100;
  return period(citizen, g, ymd(y, 1, 1), ymd(y, 12, 31), ContributionKind::obbligatoria, ContributionUnit::weeks, 52,
                pay, employer, matricola);
}

std::vector<ContributionPeriod> mario_periods(std::int64_t id, int last_year) {
  const char* edil = "Edilnova Costruzioni S.r.l.";
  const char* beta = "Beta Informatica S.p.A.";
  std::vector<ContributionPeriod> p;
  p.push_back(period(id, Gestione::fpld, ymd(2004, 9, 1), ymd(2004, 12, 31), ContributionKind::obbligatoria,
                     ContributionUnit::weeks, 18, 540000, edil, "7012345678"));
  for (int y = 2005; y <= 2014; ++y) p.push_back(employed_year(id, Gestione::fpld, y, 2005, 1850000, edil, "7012345678"));
  p.push_back(period(id, Gestione::fpld, ymd(2015, 1, 1), ymd(2015, 3, 31), ContributionKind::obbligatoria,
                     ContributionUnit::weeks, 13, 560000, edil, "7012345678"));
  p.push_back(period(id, Gestione::fpld, ymd(2015, 4, 1), ymd(2015, 12, 31), ContributionKind::figurativa,
                     ContributionUnit::weeks, 39, 1120000, "", "", "NASpI"));
  for (int y = 2016; y <= 2017; ++y)
    p.push_back(period(id, Gestione::gestione_separata, ymd(y, 1, 1), ymd(y, 12, 31), ContributionKind::obbligatoria,
                       ContributionUnit::months, 12, 2100000, "Studio Tecnico Ferri", "", "Collaborazione coordinata"));
  for (int y = 2018; y <= last_year; ++y) p.push_back(employed_year(id, Gestione::fpld, y, 2018, 2650000, beta, "4921000117"));
  return p;
}

std::vector<ContributionPeriod> giulia_periods(std::int64_t id, int last_year) {
  std::vector<ContributionPeriod> p;
  p.push_back(period(id, Gestione::ex_inpdap, ymd(1993, 1, 1), ymd(1993, 12, 31), ContributionKind::riscatto,
                     ContributionUnit::weeks, 52, 0, "", "", "Riscatto laurea in Economia"));
  p.push_back(period(id, Gestione::ex_inpdap, ymd(1994, 1, 1), ymd(1994, 12, 31), ContributionKind::riscatto,
                     ContributionUnit::weeks, 52, 0, "", "", "Riscatto laurea in Economia"));
  for (int y = 1995; y <= 1999; ++y)
    p.push_back(employed_year(id, Gestione::fpld, y, 1995, 1400000, "Tessitura Lombarda S.p.A.", "4400112233"));
  p.push_back(period(id, Gestione::fpld, ymd(1997, 3, 1), ymd(1997, 7, 31), ContributionKind::figurativa,
                     ContributionUnit::weeks, 22, 610000, "", "", "Maternità obbligatoria"));
  for (int y = 2000; y <= last_year; ++y)
    p.push_back(employed_year(id, Gestione::ex_inpdap, y, 2000, 2300000, "Comune di Milano", "0100146"));
  return p;
}

CertificazioneUnica cu_for(const Citizen& c, int y, CuIncomeKind kind, Cents income, int days) {
  CertificazioneUnica cu;
  cu.citizen_id = c.id;
  cu.year = y;
  cu.issued_on = ymd(y + 1, 3, 16);
  cu.sostituto = {kInps, "Istituto Nazionale della Previdenza Sociale", "Roma", "RM", "Via Ciro il Grande 21", "00144", "843000"};
  cu.percipiente = {c.codice_fiscale, c.data.surname, c.data.name, c.data.residence.comune, c.data.residence.province};
  cu.incomes.push_back({kind, income, days});
  cu.withholdings = {income * 21 / 100, income * 173 / 10000, income * 8 / 1000, income * 24 / 10000};
  cu.deductions = {kind == CuIncomeKind::pensione ? 68000 : 41000, 0, 0};
  cu.inps = {kind == CuIncomeKind::pensione ? "" : "7012345678", kind == CuIncomeKind::pensione ? 0 : income,
             kind == CuIncomeKind::pensione ? 0 : income * 919 / 10000};
  return cu;
}

// The survivor's pension (category SO) of the twelve months up to `today`'s: July's slip returns the 730
// refund, December's pays the tredicesima as arrears.
std::vector<PensionSlip> giulia_slips(std::int64_t id, Date today) {
  std::vector<PensionSlip> slips;
  const year_month last{today.year(), today.month()};
  for (int back = 11; back >= 0; --back) {
    PensionSlip s;
    s.citizen_id = id;
    s.month = last - std::chrono::months{back};
    s.category = "SO";
    s.pension_number = "12048337";
    s.gross = 98450;
    s.irpef = 12210;
    s.addizionale_regionale = 1420;
    s.addizionale_comunale = 640;
    s.other_deductions = 0;
    const unsigned m = static_cast<unsigned>(s.month.month());
    if (m == 7) s.conguaglio_730 = -23500;
    if (m == 12) s.arrears = 98450;
    s.net = s.expected_net();
    s.paying_office = "Sede INPS di Milano Nord";
    s.payment_method = "Accredito su conto corrente IT60 X054 2811 1010 0000 0123 456";
    slips.push_back(s);
  }
  return slips;
}

// One of Giulia's applications: filed `days_ago`, then moved through `states` a day apart.
void seed_application(Repositories& repos, const Citizen& c, ApplicationType type, std::vector<ApplicationField> fields,
                      std::vector<ApplicationState> states, const std::string& reason, int days_ago, Instant now) {
  Application a;
  a.citizen_id = c.id;
  a.type = type;
  a.submitted_at = now - Days{days_ago};
  a.idempotency_key = std::string("demo-") + to_string(type) + "-0000000";
  a.fields = std::move(fields);
  const std::string citizen = citizen_ref(c.id);
  a.events.push_back({ApplicationState::inviata, a.submitted_at, citizen, {}});
  Instant at = a.submitted_at;
  for (ApplicationState s : states) {
    at += Days{1};
    if (s == ApplicationState::in_istruttoria) a.handler = "staff:bo.verdi";
    a.state = s;
    a.events.push_back({s, at, s == ApplicationState::ritirata ? citizen : "staff:bo.verdi",
                        s == ApplicationState::respinta || s == ApplicationState::accolta ? reason : ""});
  }
  const int year = static_cast<int>(rome_date(a.submitted_at).year());
  a.protocol = format_protocol("7001", year, repos.applications().next_protocol_sequence(year));
  a.id = repos.applications().insert(a);
  const std::string pdf = "%PDF-1.4\n% sportello demo attachment\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  repos.applications().add_attachment(a.id, {0, "documento.pdf", "application/pdf", sha256_hex(pdf), pdf.size()}, pdf);
}

// Giulia's applications, one in every state.
void seed_giulia_applications(Repositories& repos, const Citizen& c, Instant now) {
  const Date today = rome_date(now);
  const std::string child = "BNCSFO17E44F205";  // her daughter Sofia, born on 4 May 2017 in Milano
  const std::string child_code = child + std::string(1, check_character(child));
  const std::string year = std::to_string(static_cast<int>(today.year()));
  seed_application(repos, c, ApplicationType::ricongiunzione,
                   {{"gestioni", {"fpld", "ex_inpdap"}}, {"gestione_destinazione", {"ex_inpdap"}}, {"motivo", {}}},
                   {ApplicationState::in_istruttoria}, "", 20, now);
  seed_application(repos, c, ApplicationType::assegno_nucleo,
                   {{"componenti", {child_code}}, {"reddito_familiare", {"2345000"}},
                    {"periodo_dal", {year + "-01-01"}}, {"periodo_al", {year + "-12-31"}}},
                   {ApplicationState::in_istruttoria, ApplicationState::accolta}, "", 60, now);
  seed_application(repos, c, ApplicationType::naspi,
                   {{"data_cessazione", {format_date(rome_date(now - Days{90}))}}, {"datore_lavoro", {"Comune di Milano"}},
                    {"motivo_cessazione", {"scadenza_contratto"}}, {"iban", {"IT60X0542811101000000123456"}}},
                   {ApplicationState::in_istruttoria, ApplicationState::respinta},
                   "Il rapporto di lavoro con il Comune di Milano risulta ancora in corso.", 75, now);
  seed_application(repos, c, ApplicationType::riscatto_laurea,
                   {{"universita", {"Università Bocconi"}}, {"corso", {"Economia aziendale"}}, {"data_laurea", {"1995-03-21"}},
                    {"durata_legale_anni", {"4"}}, {"anni_da_riscattare", {"2"}}},
                   {ApplicationState::ritirata}, "", 40, now);
  seed_application(repos, c, ApplicationType::bonus_baby_sitting,
                   {{"figli", {child_code}}, {"periodo_dal", {year + "-06-01"}}, {"periodo_al", {year + "-09-30"}},
                    {"importo", {"120000"}}},
                   {}, "", 3, now);
}

}  // namespace

Status seed_demo_records(Repositories& repos, const Citizen& c, Instant now) {
  const Date today = rome_date(now);
  const int last_year = static_cast<int>(today.year()) - 1;
  const bool mario = c.data.surname == "Rossi" && c.data.name == "Mario";
  const bool giulia = c.data.surname == "Bianchi" && c.data.name == "Giulia";
  if (!mario && !giulia) return Ok{};
  if (repos.contributions().for_citizen(c.id).empty())
    repos.contributions().insert(mario ? mario_periods(c.id, last_year) : giulia_periods(c.id, last_year));
  if (repos.certificazioni().for_citizen(c.id).empty())
    for (int y = last_year - 2; y <= last_year; ++y)
      repos.certificazioni().put(mario ? cu_for(c, y, CuIncomeKind::lavoro_dipendente, 186000 + 12000 * (y - last_year + 2), 21)
                                       : cu_for(c, y, CuIncomeKind::pensione, 1279850, 365));
  if (giulia && repos.applications().search({c.id, {}, {}, {}, false, 1}).empty())
    seed_giulia_applications(repos, c, now);
  if (giulia && repos.pension_slips().for_citizen(c.id).empty())
    for (const PensionSlip& s : giulia_slips(c.id, today)) repos.pension_slips().put(s);
  return Ok{};
}

}  // namespace sportello
