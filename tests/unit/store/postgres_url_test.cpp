// database.url for PostgreSQL reaches libpq intact (issue 13: the documented URI without a query failed with
// `database "db=" does not exist`): libpq reads the URI, SOCI gets keyword='value' pairs.
#include "store/postgres_url.h"

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "store/database.h"
#include "support/test_database.h"

namespace sportello::testing {
namespace {

// In libpq's order of keywords.
TEST(PostgresUrl, UrisAndKeywordPairsBecomeQuotedKeywordPairs) {
  struct Row {
    const char* url;
    const char* keywords;
  };
  const Row rows[] = {
      {"postgresql://sportello@db.example.it:5432/sportello",
       "user='sportello' dbname='sportello' host='db.example.it' port='5432'"},
      {"postgresql://user@host:5432/db", "user='user' dbname='db' host='host' port='5432'"},
      {"postgres://host/db", "dbname='db' host='host'"},
      {"postgresql://sportello@/db?host=/run/postgresql&port=5433",
       "user='sportello' dbname='db' host='/run/postgresql' port='5433'"},
      {"postgresql://sportello@%2Frun%2Fpostgresql/db", "user='sportello' dbname='db' host='/run/postgresql'"},
      {"postgresql://app:p%40ss%27w%5Cd@h/db?sslmode=require",
       "user='app' password='p@ss\\'w\\\\d' dbname='db' host='h' sslmode='require'"},
      {"host=h port=5432 dbname=db", "dbname='db' host='h' port='5432'"},
  };
  for (const Row& row : rows) {
    auto keywords = postgres_keywords(row.url);
    ASSERT_TRUE(keywords.ok()) << row.url << ": " << keywords.error().message;
    EXPECT_EQ(*keywords, row.keywords) << row.url;
  }
}

TEST(PostgresUrl, WhatLibpqOrSociCannotReadIsRefusedWithoutRepeatingIt) {
  for (const char* url : {"postgresql://h/db?nosuchoption=1", "postgresql://[::1/db", "postgresql://h/db?sslmode=a%20b",
                          "postgresql://app:secret%20word@h/db"}) {
    auto keywords = postgres_keywords(url);
    ASSERT_FALSE(keywords.ok()) << url;
    EXPECT_EQ(keywords.error().code, "invalid-database-url") << url;
    EXPECT_EQ(keywords.error().field, "database.url");
    EXPECT_EQ(keywords.error().message.find("secret"), std::string::npos) << keywords.error().message;
  }
}

// With SPORTELLO_TEST_POSTGRES: the test database opened through the URI form the documentation gives, with no
// query string (the form that failed).
TEST(PostgresUrl, TheDocumentedUriWithoutAQueryOpensTheDatabase) {
  TestDatabase database;
  if (!database.postgresql()) GTEST_SKIP() << "needs SPORTELLO_TEST_POSTGRES";
  auto keywords = postgres_keywords(database.url());
  ASSERT_TRUE(keywords.ok());
  auto value = [&](const std::string& key) {
    const std::string start = key + "='";
    const auto at = keywords->find(start);
    if (at == std::string::npos) return std::string();
    const auto from = at + start.size();
    return keywords->substr(from, keywords->find('\'', from) - from);
  };
  std::string host;
  for (char c : value("host")) host += c == '/' ? std::string("%2F") : std::string(1, c);
  const std::string port = value("port");
  const std::string uri = "postgresql://" + value("user") + "@" + host + (port.empty() ? "" : ":" + port) + "/" +
                          value("dbname");
  {
    auto opened = Database::open(uri, 1);
    ASSERT_TRUE(opened.ok()) << uri << ": " << opened.error().message;
    Database::Lease lease(**opened);
    std::string name;
    lease.session() << "SELECT current_database()", soci::into(name);
    EXPECT_EQ(name, value("dbname"));
  }
}

}  // namespace
}  // namespace sportello::testing
