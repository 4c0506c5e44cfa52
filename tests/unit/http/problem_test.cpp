// Problem documents: an unavailable error (a database or file that failed) tells the client one plain sentence and
// the log the cause's first line, never the statement or the values a driver's message quotes (issue 13: on
// PostgreSQL a 503's detail carried the failed INSERT and a unique key's value).
#include "http/problem.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sportello::testing {
namespace {

const char* kDriverMessage =
    "The change was not saved: Cannot execute query. Fatal error. ERROR:  duplicate key value violates unique "
    "constraint \"citizens_codice_fiscale_key\"\nDETAIL:  Key (codice_fiscale)=(RSSMRA85T10H501O) already exists.\n"
    " while executing \"INSERT INTO citizens (codice_fiscale) VALUES (:cf)\" with :cf=\"RSSMRA85T10H501O\".";

class Problem : public ::testing::Test {
 protected:
  void SetUp() override {
    http::set_unavailable_log([this](const std::string& cause) { logged_.push_back(cause); });
  }
  void TearDown() override { http::set_unavailable_log(nullptr); }
  std::vector<std::string> logged_;
};

TEST_F(Problem, AnUnavailableAnswerSaysNothingWasSavedAndTheLogGetsTheCauseWithoutValues) {
  const http::Response r = http::problem_response(Error::unavailable(kDriverMessage));
  EXPECT_EQ(r.result_int(), 503);
  const auto body = boost::json::parse(r.body()).as_object();
  EXPECT_EQ(body.at("type").as_string(), "/problems/unavailable");
  EXPECT_EQ(body.at("detail").as_string(),
            "The service cannot complete this now and nothing was saved. Please try again in a few minutes.");
  for (const char* hidden : {"RSSMRA", "INSERT", "duplicate", "citizens"}) EXPECT_EQ(r.body().find(hidden), std::string::npos) << hidden;
  ASSERT_EQ(logged_.size(), 1u);
  EXPECT_EQ(logged_[0], "unavailable: The change was not saved: Cannot execute query. Fatal error. ERROR:  duplicate key "
                        "value violates unique constraint \"citizens_codice_fiscale_key\"");
}

TEST_F(Problem, ACauseOnOneLineLosesTheQuotedStatement) {
  EXPECT_EQ(http::unavailable_cause(Error::unavailable("database is locked while executing \"UPDATE x SET y = :v\" with :v=1")),
            "unavailable: database is locked");
}

TEST_F(Problem, OtherErrorsKeepTheirDetailAndAreNotLogged) {
  const http::Response r = http::problem_response(Error::invalid("invalid-cf", "The codice fiscale is not valid.", "codice_fiscale"));
  EXPECT_EQ(r.result_int(), 422);
  EXPECT_EQ(boost::json::parse(r.body()).as_object().at("detail").as_string(), "The codice fiscale is not valid.");
  EXPECT_TRUE(logged_.empty());
}

}  // namespace
}  // namespace sportello::testing
