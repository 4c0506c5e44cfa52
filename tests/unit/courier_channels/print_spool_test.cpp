// Print batches on a real temporary folder, read back by poppler (pdftotext, pdfinfo): what lands on disk,
// with which modes, what the manifest says about it, what bad input leaves behind, and the hand-over.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/digest.h"
#include "courier/channels/print_spool.h"
#include "support/command.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;

std::string pdf_text(const fs::path& pdf) {
  return std::regex_replace(testing::command_output("pdftotext -enc UTF-8 '" + pdf.string() + "' -"), std::regex("\\s+"), " ");
}

int pdf_pages(const fs::path& pdf) {
  std::smatch match;
  const std::string info = testing::command_output("pdfinfo '" + pdf.string() + "'");
  return std::regex_search(info, match, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(match[1]) : -1;
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

std::vector<std::string> entries(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

Letter letter(const std::string& reference, const std::string& name, const std::string& secret) {
  Letter l;
  l.reference = reference;
  l.recipient = name;
  l.address = {name, "Via Nazionale 10", "00184 Roma (RM)"};
  l.date = "Roma, 25 novembre 2026";
  l.subject = "Seconda parte del suo PIN";
  l.paragraphs = {"Gentile utente, le inviamo la seconda parte del PIN."};
  l.secret_label = "Seconda parte del PIN";
  l.secret = secret;
  l.instructions = {"Vada alla pagina Attiva il PIN.", "Inserisca le due parti del PIN."};
  return l;
}

Letter long_letter(const std::string& reference) {
  Letter l = letter(reference, "Anna Verdi", "PQ4RS7TV");
  for (int i = 0; i < 30; ++i)
    l.paragraphs.push_back("Paragrafo " + std::to_string(i) + ": una comunicazione lunga che occupa più di un foglio "
                           "e prosegue sulla pagina seguente senza perdere nulla del suo contenuto.");
  return l;
}

class PrintSpoolTest : public ::testing::Test {
 protected:
  fs::path root() const { return dir_ / "spool"; }
  PrintSpool spool() const { return PrintSpool(root(), LetterHead{}); }

  std::vector<Letter> three_letters() const {
    return {letter("L000001", "Mario Rossi", "K7QMT4ZX"), letter("L000002", "Niccolò Città", "B3HJW9NC"),
            letter("L000003", "Lucia D'Amico, \"Lulù\"", "Z2XCV8MR")};
  }

  testing::TempDir dir_;
};

TEST_F(PrintSpoolTest, WritesTheBatchPdfOneLetterPdfEachAndTheManifest) {
  auto batch = spool().write_batch("20261125-0001", three_letters());
  ASSERT_TRUE(batch) << batch.error().message;
  const fs::path folder = root() / "20261125-0001";
  EXPECT_EQ(batch->folder, folder);
  EXPECT_EQ(batch->pdf, folder / "20261125-0001.pdf");
  EXPECT_EQ(batch->manifest, folder / "20261125-0001.csv");
  EXPECT_EQ(entries(folder), (std::vector<std::string>{"20261125-0001.csv", "20261125-0001.pdf", "letters"}));
  EXPECT_EQ(entries(folder / "letters"), (std::vector<std::string>{"L000001.pdf", "L000002.pdf", "L000003.pdf"}));
  EXPECT_EQ(entries(root()), (std::vector<std::string>{"20261125-0001"}));  // no partial folder left
}

TEST_F(PrintSpoolTest, ManifestRowsDescribeTheLettersAndHashTheirFiles) {
  const auto letters = three_letters();
  auto batch = spool().write_batch("B1", letters);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->rows.size(), letters.size());
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const ManifestRow& row = batch->rows[i];
    EXPECT_EQ(row.batch, "B1");
    EXPECT_EQ(row.letter, letters[i].reference);
    EXPECT_EQ(row.recipient, letters[i].recipient);
    EXPECT_EQ(row.address, letters[i].address[0] + " | Via Nazionale 10 | 00184 Roma (RM)");
    const fs::path file = batch->folder / "letters" / (row.letter + ".pdf");
    EXPECT_EQ(row.sha256, sha256_hex(file_bytes(file))) << row.letter;
    EXPECT_EQ(row.pages, pdf_pages(file)) << row.letter;
  }
}

TEST_F(PrintSpoolTest, ManifestReadsBackAsWritten) {
  auto batch = spool().write_batch("B1", three_letters());
  ASSERT_TRUE(batch) << batch.error().message;
  auto rows = spool().manifest("B1");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), batch->rows.size());
  for (std::size_t i = 0; i < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].letter, batch->rows[i].letter);
    EXPECT_EQ((*rows)[i].recipient, batch->rows[i].recipient);
    EXPECT_EQ((*rows)[i].address, batch->rows[i].address);
    EXPECT_EQ((*rows)[i].pages, batch->rows[i].pages);
    EXPECT_EQ((*rows)[i].sha256, batch->rows[i].sha256);
  }
}

TEST_F(PrintSpoolTest, ManifestIsRfc4180Csv) {
  std::vector<Letter> letters = {letter("L1", "Lucia D'Amico, \"Lulù\"", "Z2XCV8MR")};
  letters[0].address = {"Lucia D'Amico", "c/o \"Casa Rossa\", scala B", "Via Po 3\r\n00198 Roma (RM)"};
  auto batch = spool().write_batch("B1", letters);
  ASSERT_TRUE(batch) << batch.error().message;
  const std::string csv = file_bytes(batch->manifest);
  const std::string expected_start =
      "batch,letter,recipient,address,pages,sha256\r\n"
      "B1,L1,\"Lucia D'Amico, \"\"Lulù\"\"\",\"Lucia D'Amico | c/o \"\"Casa Rossa\"\", scala B | Via Po 3\r\n"
      "00198 Roma (RM)\",";
  EXPECT_EQ(csv.substr(0, expected_start.size()), expected_start);
  EXPECT_EQ(csv.substr(expected_start.size()),
            std::to_string(batch->rows[0].pages) + "," + batch->rows[0].sha256 + "\r\n");
  auto rows = spool().manifest("B1");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ((*rows)[0].recipient, "Lucia D'Amico, \"Lulù\"");
  EXPECT_EQ((*rows)[0].address, batch->rows[0].address);
}

TEST_F(PrintSpoolTest, BatchPdfHoldsEveryLetterReadablyAndAllTheirPages) {
  std::vector<Letter> letters = three_letters();
  letters.insert(letters.begin() + 1, long_letter("L000009"));
  auto batch = spool().write_batch("B1", letters);
  ASSERT_TRUE(batch) << batch.error().message;
  const int pages = std::accumulate(batch->rows.begin(), batch->rows.end(), 0,
                                    [](int sum, const ManifestRow& row) { return sum + row.pages; });
  EXPECT_GT(pages, static_cast<int>(letters.size()));  // the long letter took more than one sheet
  EXPECT_EQ(pdf_pages(batch->pdf), pages);
  const std::string text = pdf_text(batch->pdf);
  for (const auto& l : letters) {
    for (const auto& line : l.address) EXPECT_NE(text.find(line), std::string::npos) << line;
    EXPECT_NE(text.find(l.secret), std::string::npos) << l.reference;
    EXPECT_NE(text.find(l.date), std::string::npos);
    EXPECT_NE(text.find(l.subject), std::string::npos);
  }
}

TEST_F(PrintSpoolTest, LetterPdfShowsAddressDateSubjectAndSecret) {
  const auto letters = three_letters();
  auto batch = spool().write_batch("B1", letters);
  ASSERT_TRUE(batch) << batch.error().message;
  for (const auto& l : letters) {
    const std::string text = pdf_text(batch->folder / "letters" / (l.reference + ".pdf"));
    for (const auto& line : l.address) EXPECT_NE(text.find(line), std::string::npos) << line;
    EXPECT_NE(text.find(" " + l.secret + " "), std::string::npos) << l.reference;
    EXPECT_NE(text.find(l.date), std::string::npos);
    EXPECT_NE(text.find(l.subject), std::string::npos);
    for (const auto& other : letters) {
      if (other.reference == l.reference) continue;
      EXPECT_EQ(text.find(other.secret), std::string::npos);
    }
  }
}

TEST_F(PrintSpoolTest, ItalianAccentsSurviveInPdfsAndManifest) {
  auto batch = spool().write_batch("B1", {letter("L1", "Niccolò Città", "B3HJW9NC")});
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_NE(pdf_text(batch->pdf).find("Niccolò Città"), std::string::npos);
  EXPECT_NE(pdf_text(batch->folder / "letters" / "L1.pdf").find("Niccolò Città"), std::string::npos);
  EXPECT_NE(file_bytes(batch->manifest).find(",Niccolò Città,Niccolò Città | Via"), std::string::npos);
}

TEST_F(PrintSpoolTest, FoldersAre0700AndFiles0600WhateverTheUmask) {
  const mode_t previous = ::umask(0);
  auto batch = PrintSpool(dir_ / "var" / "spool", LetterHead{}).write_batch("B1", three_letters());
  ::umask(previous);
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_EQ(mode_of(dir_ / "var" / "spool"), 0700u);
  EXPECT_EQ(mode_of(batch->folder), 0700u);
  EXPECT_EQ(mode_of(batch->folder / "letters"), 0700u);
  EXPECT_EQ(mode_of(batch->pdf), 0600u);
  EXPECT_EQ(mode_of(batch->manifest), 0600u);
  for (const auto& row : batch->rows) EXPECT_EQ(mode_of(batch->folder / "letters" / (row.letter + ".pdf")), 0600u);
}

TEST_F(PrintSpoolTest, AnExistingSpoolFolderKeepsItsMode) {
  fs::create_directories(root());
  fs::permissions(root(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  EXPECT_EQ(mode_of(root()), 0750u);
  EXPECT_EQ(mode_of(root() / "B1"), 0700u);
}

struct BadBatch {
  std::string name;
  std::string batch;
  std::vector<Letter> letters;
  std::string code;
};

TEST_F(PrintSpoolTest, RefusesBadInputAndLeavesNothingBehind) {
  const Letter good = letter("L1", "Mario Rossi", "K7QMT4ZX");
  Letter no_address = good, seven_lines = good, long_line = good, bad_reference = good, not_utf8 = good, nul = good;
  no_address.address.clear();
  long_line.address[1] = "Via " + std::string(97, 'x');  // 101 characters
  seven_lines.address = {"1", "2", "3", "4", "5", "6", "7"};
  bad_reference.reference = "../evil";
  not_utf8.address[1] = "Via Citt\xe0 10";  // Latin-1, not UTF-8
  nul.subject = std::string("Oggetto\0nascosto", 16);
  const std::vector<BadBatch> cases = {
      {"empty list", "B1", {}, "empty-batch"},
      {"duplicate reference", "B1", {good, letter("L1", "Anna Verdi", "PQ4RS7TV")}, "duplicate-letter-reference"},
      {"path traversal", "../x", {good}, "invalid-batch-name"},
      {"nested path", "a/b", {good}, "invalid-batch-name"},
      {"hidden name", ".B1", {good}, "invalid-batch-name"},
      {"empty name", "", {good}, "invalid-batch-name"},
      {"name too long", std::string(65, 'B'), {good}, "invalid-batch-name"},
      {"reference with a path", "B1", {bad_reference}, "invalid-letter-reference"},
      {"no address", "B1", {no_address}, "invalid-address"},
      {"seven address lines", "B1", {seven_lines}, "invalid-address"},
      {"address line of 101 characters", "B1", {long_line}, "invalid-address"},
      {"Latin-1 text", "B1", {not_utf8}, "invalid-text"},
      {"NUL in text", "B1", {nul}, "invalid-text"},
  };
  for (const auto& c : cases) {
    auto batch = spool().write_batch(c.batch, c.letters);
    ASSERT_FALSE(batch) << c.name;
    EXPECT_EQ(batch.error().kind, ErrorKind::invalid_input) << c.name;
    EXPECT_EQ(batch.error().code, c.code) << c.name;
    EXPECT_EQ(batch.error().message.find(good.secret), std::string::npos) << c.name;
    EXPECT_FALSE(fs::exists(root())) << c.name;
    EXPECT_EQ(entries(dir_.path()), std::vector<std::string>{}) << c.name;
  }
}

TEST_F(PrintSpoolTest, AddressLinesCountCharactersNotBytes) {
  Letter accented = letter("L1", "Niccolò Città", "B3HJW9NC");
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "à";  // 100 characters, 200 bytes
  accented.address[1] = hundred;
  auto batch = spool().write_batch("B1", {accented});
  EXPECT_TRUE(batch) << batch.error().message;
}

TEST_F(PrintSpoolTest, RefusesABatchNameAlreadyPresentAndKeepsTheFirst) {
  auto first = spool().write_batch("B1", three_letters());
  ASSERT_TRUE(first) << first.error().message;
  const std::string first_pdf = file_bytes(first->pdf);
  auto second = spool().write_batch("B1", {letter("L9", "Anna Verdi", "PQ4RS7TV")});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(second.error().code, "batch-exists");
  EXPECT_EQ(file_bytes(first->pdf), first_pdf);
  EXPECT_EQ(entries(root()), std::vector<std::string>{"B1"});
}

TEST_F(PrintSpoolTest, LeavesAnotherWritersPartialFolderAlone) {
  fs::create_directories(root() / ".B1.partial");
  std::ofstream(root() / ".B1.partial" / "theirs") << "x";
  auto batch = spool().write_batch("B1", three_letters());
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().kind, ErrorKind::unavailable);
  EXPECT_TRUE(fs::exists(root() / ".B1.partial" / "theirs"));
  EXPECT_FALSE(fs::exists(root() / "B1"));
}

TEST_F(PrintSpoolTest, UnwritableSpoolIsUnavailableAndLeavesNothing) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  fs::create_directories(root());
  fs::permissions(root(), fs::perms::owner_read | fs::perms::owner_exec);
  auto batch = spool().write_batch("B1", three_letters());
  fs::permissions(root(), fs::perms::owner_all);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(entries(root()), std::vector<std::string>{});
}

// A file size limit makes the first letter's write fail half-way (EFBIG), whoever runs the test.
TEST_F(PrintSpoolTest, FailureHalfWayRemovesThePartialFolder) {
  fs::create_directories(root());
  rlimit previous{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &previous), 0);
  rlimit small = previous;
  small.rlim_cur = 4096;
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto batch = spool().write_batch("B1", three_letters());
  ::setrlimit(RLIMIT_FSIZE, &previous);
  std::signal(SIGXFSZ, previous_handler);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().kind, ErrorKind::unavailable);
  EXPECT_NE(batch.error().message.find("cannot write"), std::string::npos) << batch.error().message;
  EXPECT_EQ(batch.error().message.find("K7QMT4ZX"), std::string::npos);
  EXPECT_EQ(entries(root()), std::vector<std::string>{});
}

TEST_F(PrintSpoolTest, HandOverDeletesThePdfsAndKeepsTheManifest) {
  auto batch = spool().write_batch("B1", three_letters());
  ASSERT_TRUE(batch) << batch.error().message;
  const std::string manifest = file_bytes(batch->manifest);
  ASSERT_TRUE(spool().hand_over("B1"));
  EXPECT_FALSE(fs::exists(batch->pdf));
  EXPECT_FALSE(fs::exists(batch->folder / "letters"));
  EXPECT_EQ(entries(batch->folder), std::vector<std::string>{"B1.csv"});
  EXPECT_EQ(file_bytes(batch->manifest), manifest);
  auto rows = spool().manifest("B1");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->size(), 3u);
}

TEST_F(PrintSpoolTest, HandOverTwiceIsHarmless) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  ASSERT_TRUE(spool().hand_over("B1"));
  auto again = spool().hand_over("B1");
  EXPECT_TRUE(again) << again.error().message;
  EXPECT_EQ(entries(root() / "B1"), std::vector<std::string>{"B1.csv"});
}

TEST_F(PrintSpoolTest, HandOverOfAHandedOverBatchNameIsStillTaken) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  ASSERT_TRUE(spool().hand_over("B1"));
  auto again = spool().write_batch("B1", three_letters());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "batch-exists");
}

TEST_F(PrintSpoolTest, HandOverRefusesAnUnknownBatch) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  auto unknown = spool().hand_over("B2");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, ErrorKind::not_found);
  auto traversal = spool().hand_over("../B1");
  ASSERT_FALSE(traversal);
  EXPECT_EQ(traversal.error().kind, ErrorKind::invalid_input);
  EXPECT_TRUE(fs::exists(root() / "B1" / "B1.pdf"));
}

TEST_F(PrintSpoolTest, HandOverOnAMissingSpoolIsNotFound) {
  auto status = spool().hand_over("B1");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::not_found);
}

TEST_F(PrintSpoolTest, DiscardRemovesTheWholeBatchAndFreesItsName) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  ASSERT_TRUE(spool().write_batch("B2", three_letters()));
  auto discarded = spool().discard("B1");
  ASSERT_TRUE(discarded) << discarded.error().message;
  EXPECT_EQ(entries(root()), std::vector<std::string>{"B2"});
  EXPECT_EQ(spool().manifest("B1").error().kind, ErrorKind::not_found);
  EXPECT_TRUE(spool().write_batch("B1", three_letters()));
}

TEST_F(PrintSpoolTest, DiscardOfAMissingBatchSucceeds) {
  EXPECT_TRUE(spool().discard("B1"));  // no spool folder yet
  ASSERT_TRUE(spool().write_batch("B2", three_letters()));
  EXPECT_TRUE(spool().discard("B1"));
  EXPECT_EQ(entries(root()), std::vector<std::string>{"B2"});
}

TEST_F(PrintSpoolTest, DiscardRefusesAPathForAName) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  auto discarded = PrintSpool(root() / "B1" / "letters", LetterHead{}).discard("..");
  ASSERT_FALSE(discarded);
  EXPECT_EQ(discarded.error().kind, ErrorKind::invalid_input);
  EXPECT_TRUE(fs::exists(root() / "B1" / "B1.pdf"));
}

TEST_F(PrintSpoolTest, ManifestOfAnUnknownBatchIsNotFound) {
  auto rows = spool().manifest("B1");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().kind, ErrorKind::not_found);
}

TEST_F(PrintSpoolTest, DamagedManifestIsReportedNotGuessed) {
  ASSERT_TRUE(spool().write_batch("B1", three_letters()));
  fs::permissions(root() / "B1" / "B1.csv", fs::perms::owner_read | fs::perms::owner_write);
  std::ofstream(root() / "B1" / "B1.csv", std::ios::app) << "B1,L4,\"open quote,1\r\n";
  auto rows = spool().manifest("B1");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().kind, ErrorKind::unavailable);
}

TEST_F(PrintSpoolTest, TrailingSeparatorInTheSpoolPathIsTheSameFolder) {
  auto batch = PrintSpool(root().string() + "/", LetterHead{}).write_batch("B1", three_letters());
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_EQ(mode_of(root()), 0700u);
  EXPECT_EQ(batch->folder, root() / "B1");
}

}  // namespace
}  // namespace sportello
