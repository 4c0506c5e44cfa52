// federation/identity_providers: the folder of IdP metadata a server accepts (issue 12).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "federation/identity_providers.h"
#include "test_data.h"

namespace sportello::federation {
namespace {

namespace fs = std::filesystem;

std::string with_entity(const std::string& entity_id) {
  std::string xml = testing::test_data("idp/test_idp.xml");
  const std::string from = "entityID=\"https://idp.test.sportello\"";
  return xml.replace(xml.find(from), from.size(), "entityID=\"" + entity_id + "\"");
}

class IdentityProvidersFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("sportello-idps-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(folder_ / name) << text; }
  std::string problem() {
    auto loaded = IdentityProviders::load(folder_);
    EXPECT_FALSE(loaded.ok());
    if (loaded) return "";
    EXPECT_EQ(loaded.error().code, "idp-folder");
    EXPECT_EQ(loaded.error().field, "federation.idp_metadata_dir");
    return loaded.error().message;
  }
  fs::path folder_;
};

TEST_F(IdentityProvidersFolder, EveryXmlFileIsOneProviderFoundByItsEntityId) {
  write("a.xml", with_entity("https://a.example.it"));
  write("b.xml", with_entity("https://b.example.it"));
  write("README.txt", "not metadata, and not read");
  auto loaded = IdentityProviders::load(folder_);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->all().size(), 2u);
  ASSERT_NE(loaded->find("https://b.example.it"), nullptr);
  EXPECT_EQ(loaded->find("https://b.example.it")->entity_id, "https://b.example.it");
  EXPECT_EQ(loaded->find("https://c.example.it"), nullptr);
}

TEST_F(IdentityProvidersFolder, AnEmptyFolderLoadsNoProvider) {
  auto loaded = IdentityProviders::load(folder_);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->all().empty());
}

TEST_F(IdentityProvidersFolder, OneUnreadableFileFailsTheLoadNamingIt) {
  write("a.xml", with_entity("https://a.example.it"));
  write("broken.xml", "<md:EntityDescriptor");
  EXPECT_EQ(problem(), "broken.xml: The XML document is not well-formed.");
}

TEST_F(IdentityProvidersFolder, TwoFilesWithOneEntityIdAreRefused) {
  write("a.xml", with_entity("https://same.example.it"));
  write("b.xml", with_entity("https://same.example.it"));
  EXPECT_EQ(problem(), "b.xml and a.xml name the same entityID https://same.example.it.");
}

TEST_F(IdentityProvidersFolder, AMissingFolderIsNamed) {
  fs::remove_all(folder_);
  EXPECT_EQ(problem(), "The identity providers' folder " + folder_.string() + " does not exist.");
}

}  // namespace
}  // namespace sportello::federation
