// Issue 10: the institute's files are imported whole or not at all; every problem names its line and field;
// the same file twice changes nothing; a corrected file replaces what it covers and nothing else.
#include "flows/services/import_records.h"

#include <gtest/gtest.h>

#include <fstream>

#include "scenario.h"

namespace sportello::testing {
namespace {

const std::string kHeader =
    "codice_fiscale,gestione,dal,al,tipo,unita,unita_diritto,unita_misura,retribuzione_centesimi,datore_lavoro,"
    "matricola,note\n";
const std::string kSlipHeader =
    "codice_fiscale,mese,categoria,numero_pensione,lordo_centesimi,irpef_centesimi,addizionale_regionale_centesimi,"
    "addizionale_comunale_centesimi,conguaglio_730_centesimi,altre_trattenute_centesimi,arretrati_centesimi,"
    "netto_centesimi,sede_pagatrice,modalita_pagamento\n";

std::string described(const std::vector<ImportProblem>& problems) {
  std::string out;
  for (const ImportProblem& p : problems) out += "\n  line " + std::to_string(p.line) + " " + p.field + ": " + p.message;
  return out;
}

class ImportFlow : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    mario_ = mario(ctx().places).codice_fiscale;
    giulia_ = giulia(ctx().places).codice_fiscale;
    ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      for (const auto& [code, surname] : {std::pair{mario_, "Rossi"}, std::pair{giulia_, "Bianchi"}}) {
        Citizen c;
        c.codice_fiscale = code;
        c.data.surname = surname;
        c.created_at = now();
        repos.citizens().insert(c);
      }
      return Ok{};
    }).ok());
  }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  Result<ImportSummary> import(ImportKind kind, const std::filesystem::path& file, const Actor& actor = kConsole) {
    problems_.clear();
    return ImportRecords(ctx()).run(actor, {kind, file, nullptr, 50}, problems_);
  }

  std::int64_t id_of(const std::string& code) {
    std::int64_t id = 0;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      id = repos.citizens().find_by_codice_fiscale(code)->id;
      return Ok{};
    }).ok());
    return id;
  }

  template <typename T, typename Read>
  T read(Read how) {
    T value{};
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      value = how(repos);
      return Ok{};
    }).ok());
    return value;
  }

  std::vector<ContributionPeriod> periods(const std::string& code) {
    const std::int64_t id = id_of(code);
    return read<std::vector<ContributionPeriod>>([&](Repositories& r) { return r.contributions().for_citizen(id); });
  }
  std::vector<AuditEntry> audit_rows() {
    return read<std::vector<AuditEntry>>([](Repositories& r) { return r.audit().read(1, 10000); });
  }
  std::vector<ImportBatch> batches() {
    return read<std::vector<ImportBatch>>([](Repositories& r) { return r.imports().recent(100); });
  }

  std::string row(const std::string& code, const std::string& gestione, const std::string& from, const std::string& to,
                  int weeks, const std::string& employer = "Fiat Auto S.p.A.") {
    return code + "," + gestione + "," + from + "," + to + ",obbligatoria,settimane," + std::to_string(weeks) + "," +
           std::to_string(weeks) + ",100000," + employer + ",5102345678,\n";
  }

  std::string mario_, giulia_;
  std::vector<ImportProblem> problems_;
};

TEST_F(ImportFlow, AGoodFileIsWrittenWithItsBatchAndAnAuditRow) {
  const auto file = write("contributi.csv", kHeader + row(mario_, "fpld", "2020-01-01", "2020-06-30", 26) +
                                                row(mario_, "fpld", "2020-07-01", "2020-12-31", 26) +
                                                row(giulia_, "ex_inpdap", "2021-01-01", "2021-12-31", 52));
  auto summary = import(ImportKind::contributions, file);
  ASSERT_TRUE(summary.ok()) << summary.error().message << described(problems_);
  EXPECT_EQ(summary->rows, 3u);
  EXPECT_EQ(summary->citizens, 2u);
  EXPECT_EQ(summary->replaced, 0u);
  EXPECT_FALSE(summary->already_imported);
  EXPECT_EQ(summary->sha256.size(), 64u);
  EXPECT_EQ(periods(mario_).size(), 2u);
  ASSERT_EQ(batches().size(), 1u);
  EXPECT_EQ(batches()[0].sha256, summary->sha256);
  EXPECT_EQ(batches()[0].file_name, "contributi.csv");
  EXPECT_EQ(batches()[0].rows, 3u);
  EXPECT_EQ(batches()[0].actor, "console:test");
  const AuditEntry last = audit_rows().back();
  EXPECT_EQ(last.action, "import.contributions");
  EXPECT_NE(last.details.find("sha256=" + summary->sha256), std::string::npos) << last.details;
  EXPECT_EQ(last.details.find(mario_), std::string::npos) << "no codice fiscale in the audit log";
}

struct BadRow {
  const char* rule;
  std::string line;   // the row after the good one on line 2
  const char* field;  // the problem's field, on line 3
};

TEST_F(ImportFlow, ABadRowNamesItsLineAndFieldAndNothingIsWritten) {
  const std::string good = row(mario_, "fpld", "2020-01-01", "2020-06-30", 26);
  const BadRow cases[] = {
      {"an unknown gestione", row(mario_, "inpgi", "2020-07-01", "2020-12-31", 26), "gestione"},
      {"a date that does not exist", row(mario_, "fpld", "2020-07-01", "2020-11-31", 20), "al"},
      {"a period across two years", row(mario_, "fpld", "2020-07-01", "2021-01-31", 20), "al"},
      {"a period in the future", row(mario_, "fpld", "2026-01-01", "2026-12-31", 20), "al"},
      {"more weeks than the period has", row(mario_, "fpld", "2020-07-01", "2020-07-31", 6), "unita_diritto"},
      {"an amount in euro", mario_ + ",fpld,2020-07-01,2020-12-31,obbligatoria,settimane,26,26,1000.50,,,\n",
       "retribuzione_centesimi"},
      {"an unknown codice fiscale", row("VRDLGU80A01H501Q", "fpld", "2020-07-01", "2020-12-31", 26), "codice_fiscale"},
      {"a malformed codice fiscale", row("VRDLGU80A01H501", "fpld", "2020-07-01", "2020-12-31", 26), "codice_fiscale"},
      {"a missing field", mario_ + ",fpld,2020-07-01\n", ""},
      {"an open quote", mario_ + ",fpld,2020-07-01,2020-12-31,obbligatoria,settimane,26,26,1,\"Fiat,,\n", ""},
  };
  for (const BadRow& c : cases) {
    const auto file = write("bad.csv", kHeader + good + c.line);
    auto summary = import(ImportKind::contributions, file);
    ASSERT_FALSE(summary.ok()) << c.rule;
    EXPECT_EQ(summary.error().code, "import-rejected") << c.rule;
    EXPECT_EQ(summary.error().kind, ErrorKind::invalid_input);
    ASSERT_EQ(problems_.size(), 1u) << c.rule << ": " << described(problems_);
    EXPECT_EQ(problems_[0].line, 3u) << c.rule;
    EXPECT_EQ(problems_[0].field, c.field) << c.rule << ": " << problems_[0].message;
    EXPECT_TRUE(periods(mario_).empty()) << c.rule << ": the good row was not written either";
  }
  EXPECT_TRUE(batches().empty());
}

TEST_F(ImportFlow, EveryProblemIsCountedButOnlyTheFirstOnesAreListed) {
  std::string text = kHeader;
  for (int i = 0; i < 7; ++i) text += row(mario_, "nope", "2020-01-01", "2020-01-31", 4);
  problems_.clear();
  auto summary = ImportRecords(ctx()).run(kConsole, {ImportKind::contributions, write("many.csv", text), nullptr, 3},
                                          problems_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(problems_.size(), 3u);
  EXPECT_EQ(problems_.back().line, 4u);
  EXPECT_NE(summary.error().message.find("7 problem(s)"), std::string::npos) << summary.error().message;
}

TEST_F(ImportFlow, AHeaderThatDoesNotMatchIsAProblemOfLineOne) {
  auto summary = import(ImportKind::contributions, write("h.csv", "codice_fiscale,gestione,dal,al\n"));
  ASSERT_FALSE(summary.ok());
  ASSERT_EQ(problems_.size(), 1u);
  EXPECT_EQ(problems_[0].line, 1u);
  EXPECT_NE(problems_[0].message.find("missing columns tipo"), std::string::npos) << problems_[0].message;
  EXPECT_EQ(import(ImportKind::contributions, write("empty.csv", "")).error().code, "import-rejected");
}

TEST_F(ImportFlow, TheSameFileTwiceChangesNothing) {
  const auto file = write("c.csv", kHeader + row(mario_, "fpld", "2020-01-01", "2020-12-31", 52));
  ASSERT_TRUE(import(ImportKind::contributions, file).ok());
  const std::size_t audited = audit_rows().size();
  auto again = import(ImportKind::contributions, write("same-content-other-name.csv",
                                                        kHeader + row(mario_, "fpld", "2020-01-01", "2020-12-31", 52)));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->rows, 0u);
  EXPECT_EQ(periods(mario_).size(), 1u);
  EXPECT_EQ(batches().size(), 1u);
  EXPECT_EQ(audit_rows().size(), audited);
}

TEST_F(ImportFlow, ACorrectedFileReplacesTheCitizensGestioneAndYearItCoversOnly) {
  ASSERT_TRUE(import(ImportKind::contributions,
                     write("first.csv", kHeader + row(mario_, "fpld", "2020-01-01", "2020-06-30", 26) +
                                            row(mario_, "fpld", "2020-07-01", "2020-12-31", 26) +
                                            row(mario_, "fpld", "2021-01-01", "2021-12-31", 52) +
                                            row(mario_, "gestione_separata", "2020-01-01", "2020-12-31", 52) +
                                            row(giulia_, "fpld", "2020-01-01", "2020-12-31", 52)))
                  .ok());
  auto corrected = import(ImportKind::contributions,
                          write("fix.csv", kHeader + row(mario_, "fpld", "2020-03-01", "2020-12-31", 44, "Iveco S.p.A.")));
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->replaced, 2u) << "Mario's two FPLD rows of 2020";
  std::vector<std::string> left;
  for (const ContributionPeriod& p : periods(mario_))
    left.push_back(std::string(to_string(p.gestione)) + " " + format_date(p.from) + " " + p.employer_name);
  EXPECT_EQ(left, (std::vector<std::string>{"fpld 2020-03-01 Iveco S.p.A.", "fpld 2021-01-01 Fiat Auto S.p.A.",
                                            "gestione_separata 2020-01-01 Fiat Auto S.p.A."}));
  EXPECT_EQ(periods(giulia_).size(), 1u) << "another citizen's same gestione and year is untouched";
}

TEST_F(ImportFlow, ACodiceFiscaleIsFoundHoweverItIsWritten) {
  std::string lower = mario_;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto summary = import(ImportKind::contributions, write("l.csv", kHeader + row(" " + lower, "fpld", "2020-01-01", "2020-12-31", 52)));
  ASSERT_TRUE(summary.ok()) << summary.error().message << described(problems_);
  EXPECT_EQ(periods(mario_).size(), 1u);
}

TEST_F(ImportFlow, OnlyAdministratorsAndTheConsoleImport) {
  const auto file = write("c.csv", kHeader + row(mario_, "fpld", "2020-01-01", "2020-12-31", 52));
  for (Role role : {Role::contact_center, Role::office, Role::back_office, Role::patronato})
    EXPECT_EQ(import(ImportKind::contributions, file, Actor::staff("x", role)).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(import(ImportKind::contributions, file, Actor::citizen(1)).error().kind, ErrorKind::forbidden);
  EXPECT_TRUE(periods(mario_).empty());
  EXPECT_TRUE(import(ImportKind::contributions, file, Actor::staff("amministratore", Role::admin)).ok());
}

TEST_F(ImportFlow, AMissingFileIsUnreadable) {
  EXPECT_EQ(import(ImportKind::cu, dir_ / "none.jsonl").error().code, "file-unreadable");
}

TEST_F(ImportFlow, ProgressIsReportedUpToTheWholeFile) {
  std::string text = kHeader;
  for (int y = 1990; y <= 2025; ++y)
    for (int m = 1; m <= 9; ++m)
      text += row(mario_, "fpld", std::to_string(y) + "-0" + std::to_string(m) + "-01",
                  std::to_string(y) + "-0" + std::to_string(m) + "-28", 4);
  for (int copy = 0; copy < 14; ++copy) text += row(giulia_, "fpld", "2020-01-01", "2020-01-28", 4);
  const auto file = write("p.csv", text);
  std::vector<ImportProgress> seen;
  auto summary = ImportRecords(ctx()).run(
      kConsole, {ImportKind::contributions, file, [&](const ImportProgress& p) { seen.push_back(p); }, 50}, problems_);
  ASSERT_TRUE(summary.ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().rows, 338u);
  EXPECT_EQ(seen.back().bytes, text.size());
  EXPECT_EQ(seen.back().total_bytes, text.size());
}

std::string cu_line(const std::string& code, const std::string& percipiente, int year, const std::string& issued,
                    long long irpef) {
  return R"({"anno":)" + std::to_string(year) + R"(,"data_rilascio":")" + issued + R"(","codice_fiscale":")" + code +
         R"(","sostituto":{"codice_fiscale":"80078750587","denominazione":"INPS"},"percipiente":{"codice_fiscale":")" +
         percipiente + R"(","cognome":"Rossi","nome":"Mario"},"redditi":[{"tipo":"pensione","importo_centesimi":1500000,)"
         R"("giorni":365}],"ritenute":{"irpef_centesimi":)" + std::to_string(irpef) + "}}\n";
}

TEST_F(ImportFlow, ACuIsFiledUnderItsCitizenAndACorrectedOneReplacesItsYear) {
  auto first = import(ImportKind::cu, write("cu.jsonl", cu_line(mario_, mario_, 2024, "2025-03-10", 300000) +
                                                          "\n" + cu_line(mario_, mario_, 2023, "2024-03-10", 280000)));
  ASSERT_TRUE(first.ok()) << first.error().message << described(problems_);
  EXPECT_EQ(first->rows, 2u);
  auto corrected = import(ImportKind::cu, write("cu-fix.jsonl", cu_line(mario_, mario_, 2024, "2025-06-30", 310000)));
  ASSERT_TRUE(corrected.ok()) << corrected.error().message << described(problems_);
  EXPECT_EQ(corrected->replaced, 1u);
  const std::int64_t id = id_of(mario_);
  const auto stored = read<std::vector<CertificazioneUnica>>([&](Repositories& r) { return r.certificazioni().for_citizen(id); });
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].year, 2024);
  EXPECT_EQ(stored[0].withholdings.irpef, 310000);
  EXPECT_EQ(stored[1].withholdings.irpef, 280000);
}

TEST_F(ImportFlow, ACuWhosePercipienteIsAnotherPersonIsRefused) {
  auto summary = import(ImportKind::cu, write("cu.jsonl", cu_line(mario_, mario_, 2023, "2024-03-10", 1) +
                                                            cu_line(mario_, giulia_, 2024, "2025-03-10", 1)));
  ASSERT_FALSE(summary.ok());
  ASSERT_EQ(problems_.size(), 1u) << described(problems_);
  EXPECT_EQ(problems_[0].line, 2u);
  EXPECT_EQ(problems_[0].field, "percipiente.codice_fiscale");
  const std::int64_t id = id_of(mario_);
  EXPECT_TRUE(read<std::vector<CertificazioneUnica>>([&](Repositories& r) { return r.certificazioni().for_citizen(id); }).empty());
}

TEST_F(ImportFlow, ACuLineThatIsNotJsonOrRepeatsACitizensYearIsRefused) {
  auto summary = import(ImportKind::cu, write("cu.jsonl", cu_line(mario_, mario_, 2023, "2024-03-10", 1) + "{\"anno\":\n" +
                                                            cu_line(mario_, mario_, 2023, "2024-04-10", 2)));
  ASSERT_FALSE(summary.ok());
  ASSERT_EQ(problems_.size(), 2u) << described(problems_);
  EXPECT_EQ(problems_[0].line, 2u);
  EXPECT_EQ(problems_[1].line, 3u);
  EXPECT_EQ(problems_[1].field, "anno");
}

std::string slip(const std::string& code, const std::string& month, long long gross, long long irpef, long long net) {
  return code + "," + month + ",SO,12048337," + std::to_string(gross) + "," + std::to_string(irpef) +
         ",0,0,0,0,0," + std::to_string(net) + ",Sede INPS di Milano Nord,Ufficio postale\n";
}

TEST_F(ImportFlow, ASlipWhoseNetDoesNotAddUpIsRefused) {
  auto summary = import(ImportKind::pension_slips, write("s.csv", kSlipHeader + slip(giulia_, "2025-11", 100000, 20000, 80000) +
                                                                      slip(giulia_, "2025-12", 100000, 20000, 81000)));
  ASSERT_FALSE(summary.ok());
  ASSERT_EQ(problems_.size(), 1u) << described(problems_);
  EXPECT_EQ(problems_[0].line, 3u);
  EXPECT_EQ(problems_[0].field, "netto_centesimi");
  const std::int64_t id = id_of(giulia_);
  EXPECT_TRUE(read<std::vector<PensionSlip>>([&](Repositories& r) { return r.pension_slips().for_citizen(id); }).empty());
}

TEST_F(ImportFlow, ACorrectedSlipReplacesTheSamePensionAndMonth) {
  ASSERT_TRUE(import(ImportKind::pension_slips, write("s.csv", kSlipHeader + slip(giulia_, "2025-11", 100000, 20000, 80000) +
                                                                   slip(giulia_, "2025-12", 100000, 20000, 80000)))
                  .ok());
  auto corrected = import(ImportKind::pension_slips, write("s2.csv", kSlipHeader + slip(giulia_, "2025-12", 100000, 21000, 79000)));
  ASSERT_TRUE(corrected.ok()) << described(problems_);
  EXPECT_EQ(corrected->replaced, 1u);
  const std::int64_t id = id_of(giulia_);
  const auto slips = read<std::vector<PensionSlip>>([&](Repositories& r) { return r.pension_slips().for_citizen(id); });
  ASSERT_EQ(slips.size(), 2u);
  EXPECT_EQ(slips[0].net, 79000) << "newest month first";
  EXPECT_EQ(slips[1].net, 80000);
}

TEST_F(ImportFlow, TheSameSlipTwiceInOneFileIsRefused) {
  auto summary = import(ImportKind::pension_slips, write("s.csv", kSlipHeader + slip(giulia_, "2025-12", 100000, 20000, 80000) +
                                                                      slip(giulia_, "2025-12", 100000, 20000, 80000)));
  ASSERT_FALSE(summary.ok());
  ASSERT_EQ(problems_.size(), 1u) << described(problems_);
  EXPECT_EQ(problems_[0].line, 3u);
}

}  // namespace
}  // namespace sportello::testing
