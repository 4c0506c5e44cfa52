// Rendering the reserved area's documents (issue 10: ≤ 50 ms each): the estratto conto contributivo of a
// 45-year working life in monthly rows (540 periods, two gestioni, about 20 pages), one Certificazione
// Unica, one month's pension slip, and the record as CSV. Each iteration renders the whole document to bytes.
// Run: build/bench/records_pdf_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "documents/records_pdf.h"

namespace {

using namespace sportello;

Date day(int y, unsigned m, unsigned d) { return std::chrono::year{y} / m / d; }

Citizen holder() {
  Citizen c;
  c.codice_fiscale = "RSSMRA60A01H501U";
  c.data.surname = "Rossi";
  c.data.name = "Mario";
  c.data.birth_date = day(1960, 1, 1);
  return c;
}

// 45 years from 1980, one row a month: FPLD with two employers, then the last 5 years in gestione separata.
ContributionRecord working_life() {
  std::vector<ContributionPeriod> periods;
  for (int y = 1980; y < 2025; ++y)
    for (unsigned m = 1; m <= 12; ++m) {
      ContributionPeriod p;
      p.gestione = y < 2020 ? Gestione::fpld : Gestione::gestione_separata;
      p.from = day(y, m, 1);
      p.to = std::chrono::year_month_day{std::chrono::year{y} / m / std::chrono::last};
      p.unit = ContributionUnit::months;
      p.units_for_right = p.units_for_amount = 1;
      p.pay = 120000 + (y - 1980) * 4550 + m;
      p.employer_name = y < 2000 ? "Officine Meccaniche Lombarde S.p.A." : "Àncora Servizi Società Cooperativa";
      p.employer_matricola = y < 2000 ? "4900123456" : "7012345678";
      if (m == 8) p.note = "Ferie collettive";
      periods.push_back(p);
    }
  return summarize(std::move(periods));
}

CertificazioneUnica cu() {
  CertificazioneUnica c;
  c.year = 2025;
  c.issued_on = day(2026, 3, 16);
  c.sostituto = {"80078750587", "Istituto Nazionale della Previdenza Sociale", "Roma", "RM", "Via Ciro il Grande 21",
                 "00144", "84.30.00"};
  c.percipiente = {"RSSMRA60A01H501U", "ROSSI", "MARIO", "Pavia", "PV"};
  c.incomes = {{CuIncomeKind::lavoro_dipendente, 1200050, 181}, {CuIncomeKind::pensione, 2345678, 184}};
  c.withholdings = {412345, 39876, 15432, 6789};
  c.deductions = {123456, 0, 5000};
  c.inps = {"4900123456", 2345678, 0};
  return c;
}

PensionSlip slip() {
  PensionSlip s;
  s.month = std::chrono::year{2026} / 3;
  s.category = "VO";
  s.pension_number = "12345678";
  s.gross = 185000;
  s.irpef = 31245;
  s.addizionale_regionale = 2610;
  s.addizionale_comunale = 980;
  s.conguaglio_730 = -23456;
  s.net = s.expected_net();
  s.paying_office = "Sede di Pavia";
  s.payment_method = "Accredito su IBAN IT60X0542811101000000123456";
  return s;
}

const Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9};

void BM_ContributionStatement540Rows(benchmark::State& state) {
  const Citizen c = holder();
  const ContributionRecord record = working_life();
  std::size_t bytes = 0;
  for (auto _ : state) bytes = render_contribution_statement(c, record, kNow).size();
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1000;
}
BENCHMARK(BM_ContributionStatement540Rows)->Unit(benchmark::kMillisecond);

void BM_CertificazioneUnica(benchmark::State& state) {
  const CertificazioneUnica document = cu();
  for (auto _ : state) benchmark::DoNotOptimize(render_certificazione_unica(document));
}
BENCHMARK(BM_CertificazioneUnica)->Unit(benchmark::kMillisecond);

void BM_PensionSlip(benchmark::State& state) {
  const Citizen c = holder();
  const std::vector<PensionSlip> slips{slip()};
  for (auto _ : state) benchmark::DoNotOptimize(render_pension_slip(c, slips));
}
BENCHMARK(BM_PensionSlip)->Unit(benchmark::kMillisecond);

void BM_ContributionCsv540Rows(benchmark::State& state) {
  const ContributionRecord record = working_life();
  for (auto _ : state) benchmark::DoNotOptimize(contribution_record_csv(record));
}
BENCHMARK(BM_ContributionCsv540Rows)->Unit(benchmark::kMicrosecond);

}  // namespace
