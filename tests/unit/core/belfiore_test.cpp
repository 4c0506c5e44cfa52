#include "core/belfiore.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "unit/core/belfiore_test_registry.h"

namespace sportello {
namespace {

using namespace std::chrono_literals;

using test_data::data_dir;
using test_data::registry;

std::size_t data_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) ++lines;
  return lines - 1;  // header
}

TEST(BelfioreRegistry, HoldsEveryComuneRecordAndEveryForeignState) {
  EXPECT_EQ(registry().size(), data_lines(data_dir() / BelfioreRegistry::kComuniFile) +
                                   data_lines(data_dir() / BelfioreRegistry::kForeignStatesFile));
  EXPECT_GT(registry().size(), 19000u);
}

struct FindRow {
  const char* code;
  Date on;
  const char* name;
  const char* province;
};

TEST(BelfioreRegistry, FindsTheRecordValidOnTheDate) {
  const FindRow rows[] = {
      {"H501", 2000y / 1 / 1, "ROMA", "RM"},
      {"h501", 2000y / 1 / 1, "ROMA", "RM"},  // either case
      {"A562", 1985y / 12 / 10, "SAN GIULIANO TERME", "PI"},
      {"A562", 1930y / 1 / 1, "BAGNI SAN GIULIANO", "PI"},  // renamed in 1935
      {"G698", 1920y / 1 / 1, "PIPERNO", "RM"},
      {"G698", 1950y / 1 / 1, "PRIVERNO", "LT"},  // renamed, then moved to another province
      {"A001", 1924y / 11 / 13, "ABANO", "PD"},    // last day of the old name
      {"A001", 1924y / 11 / 14, "ABANO TERME", "PD"},
      {"A031", 1960y / 3 / 15, "ACQUACANINA", "MC"},  // abolished at the end of 2016
      {"A031", 2016y / 12 / 31, "ACQUACANINA", "MC"},
      {"M297", 1992y / 4 / 4, "FIUMICINO", "RM"},  // first day
      {"Z404", 1980y / 5 / 1, "Stati Uniti d'America", "EE"},
      {"Z135", 1980y / 5 / 1, "Unione Sovietica", "EE"},
  };
  for (const FindRow& row : rows) {
    const auto place = registry().find(row.code, row.on);
    ASSERT_TRUE(place.has_value()) << row.code << " on " << format_date(row.on);
    EXPECT_EQ(place->name, row.name) << row.code;
    EXPECT_EQ(place->province, row.province) << row.code;
    EXPECT_EQ(place->foreign, std::string(row.province) == "EE") << row.code;
    EXPECT_TRUE(place->valid_on(row.on)) << row.code;
  }
}

struct AbsentRow {
  const char* code;
  Date on;
  const char* why;
};

TEST(BelfioreRegistry, FindsNothingOutsideThePlacesLife) {
  const AbsentRow rows[] = {
      {"M297", 1985y / 12 / 10, "Fiumicino was created in 1992"},
      {"M297", 1992y / 4 / 3, "the day before Fiumicino was created"},
      {"A031", 2017y / 1 / 1, "Acquacanina was abolished at the end of 2016"},
      {"L394", 1970y / 1 / 1, "Tretto was abolished in 1969"},
      {"Z135", 1995y / 1 / 1, "the Soviet Union ceased in 1992"},
      {"Z999", 2000y / 1 / 1, "no such foreign state"},
      {"A000", 2000y / 1 / 1, "no such comune"},
      {"ND", 1900y / 1 / 1, "the archive's placeholder for a missing code"},
      {"", 2000y / 1 / 1, "empty"},
      {"H5011", 2000y / 1 / 1, "too long"},
  };
  for (const AbsentRow& row : rows)
    EXPECT_FALSE(registry().find(row.code, row.on).has_value()) << row.code << ": " << row.why;
}

TEST(BelfioreRegistry, HistoryListsEveryRecordOfACodeOldestFirst) {
  const std::vector<BirthPlace> history = registry().history("A562");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history.front().name, "BAGNI SAN GIULIANO");
  EXPECT_EQ(history.back().name, "SAN GIULIANO TERME");
  for (std::size_t i = 1; i < history.size(); ++i) EXPECT_LT(history[i - 1].valid_from, history[i].valid_from);
  EXPECT_TRUE(registry().history("Z999").empty());
}

struct NameRow {
  const char* name;
  const char* province;
  Date on;
  std::vector<std::string> codes;
};

TEST(BelfioreRegistry, FindsPlacesByNameIgnoringCaseAccentsAndPunctuation) {
  const NameRow rows[] = {
      {"Roma", "", 2000y / 1 / 1, {"H501"}},
      {"forli", "", 2000y / 1 / 1, {"D704"}},
      {"FORLÌ", "fc", 2000y / 1 / 1, {"D704"}},
      {"Forlì", "FO", 1980y / 1 / 1, {"D704"}},  // province of the time
      {"Forlì", "FC", 1980y / 1 / 1, {"D704"}},  // today's province, as people know it (issue 14)
      {"Forlì", "RA", 1980y / 1 / 1, {}},
      {"  San   Giuliano  Terme ", "PI", 2000y / 1 / 1, {"A562"}},
      {"Bagni San Giuliano", "", 1930y / 1 / 1, {"A562"}},
      {"Bagni San Giuliano", "", 1990y / 1 / 1, {}},  // renamed in 1935
      {"Bellagio", "CO", 1980y / 1 / 1, {"A744"}},   // merged in 2014 into a new comune with a new code
      {"Bellagio", "CO", 2015y / 1 / 1, {"M335"}},
      {"Fiumicino", "", 1985y / 1 / 1, {}},
      {"Castro", "", 2000y / 1 / 1, {"C337", "M261"}},  // one in BG, one in LE
      {"Castro", "LE", 2000y / 1 / 1, {"M261"}},
      {"Francia", "", 2000y / 1 / 1, {"Z110"}},
      {"francia", "EE", 2000y / 1 / 1, {"Z110"}},
      {"Stati Uniti d'America", "", 2000y / 1 / 1, {"Z404"}},
      {"stati uniti d america", "", 2000y / 1 / 1, {"Z404"}},
      {"Stati Uniti d\u2019America", "", 2000y / 1 / 1, {"Z404"}},  // typographic apostrophe
      {"Sant'Elena", "EE", 2000y / 1 / 1, {"Z340"}},
      {"Roma", "EE", 2000y / 1 / 1, {}},  // EE asks for foreign states only
      {"Atlantide", "", 2000y / 1 / 1, {}},
  };
  for (const NameRow& row : rows) {
    std::vector<std::string> codes;
    for (const BirthPlace& place : registry().find_by_name(row.name, row.province, row.on))
      codes.push_back(place.code);
    EXPECT_EQ(codes, row.codes) << row.name << " (" << row.province << ") on " << format_date(row.on);
  }
}

class BelfioreFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("belfiore_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file(data_dir() / BelfioreRegistry::kForeignStatesFile,
                               dir_ / BelfioreRegistry::kForeignStatesFile);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write_comuni(const std::string& content) { std::ofstream(dir_ / BelfioreRegistry::kComuniFile) << content; }

  std::filesystem::path dir_;
};

TEST_F(BelfioreFiles, AMissingFileIsNamed) {
  const auto result = BelfioreRegistry::load(dir_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::unavailable);
  EXPECT_NE(result.error().message.find("comuni_belfiore.csv"), std::string::npos) << result.error().message;
}

TEST_F(BelfioreFiles, AMalformedRowIsNamedByFileAndLine) {
  const std::string header = "CODCATASTALE,DATAISTITUZIONE,DATACESSAZIONE,DENOMINAZIONE_IT,SIGLAPROVINCIA\n";
  const std::pair<std::string, std::string> rows[] = {
      {"H501,1884-09-11,9999-12-31,ROMA,RM\nH50,1884-09-11,9999-12-31,ROMA,RM\n", ":3"},
      {"H501,1884-09-11,9999-12-31,ROMA,RM\nH501,1884-02-30,9999-12-31,ROMA,RM\n", ":3"},
      {"H501,1990-01-01,1980-12-31,ROMA,RM\n", ":2"},
      {"Z501,1990-01-01,9999-12-31,ROMA,RM\n", ":2"},  // a Z-code is a foreign state's
      {"H501,1884-09-11,9999-12-31,\"ROMA,RM\n", ":2"},
      {"H501,1884-09-11\n", ":2"},
  };
  for (const auto& [body, line] : rows) {
    write_comuni(header + body);
    const auto result = BelfioreRegistry::load(dir_);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_NE(result.error().message.find("comuni_belfiore.csv" + line), std::string::npos)
        << result.error().message;
  }
}

TEST_F(BelfioreFiles, AHeaderWithoutTheNeededColumnsIsRefused) {
  write_comuni("CODICE,DAL,AL,NOME\nH501,1884-09-11,9999-12-31,ROMA\n");
  const auto result = BelfioreRegistry::load(dir_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("comuni_belfiore.csv:1"), std::string::npos) << result.error().message;
}

TEST_F(BelfioreFiles, QuotedFieldsCrLfAndAByteOrderMarkAreRead) {
  write_comuni("\xEF\xBB\xBF" "CODCATASTALE,DATAISTITUZIONE,DATACESSAZIONE,DENOMINAZIONE_IT,SIGLAPROVINCIA\r\n"
               "\"H501\",\"1884-09-11\",\"9999-12-31\",\"ROMA \"\"CAPUT MUNDI\"\"\",\"RM\"\r\n");
  const auto result = BelfioreRegistry::load(dir_);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto rome = result->find("H501", 2000y / 1 / 1);
  ASSERT_TRUE(rome.has_value());
  EXPECT_EQ(rome->name, "ROMA \"CAPUT MUNDI\"");
}

}  // namespace
}  // namespace sportello
