// The router: literal segments, {name} captures, and what a path that exists with another method answers.
#include <gtest/gtest.h>

#include "http/router.h"

namespace sportello::http {
namespace {

Route route(Verb method, std::string pattern) {
  return Route{method, std::move(pattern), [](Request&) { return Response{}; }};
}

Router routes() {
  Router router;
  router.add(route(Verb::get, "/api/v1/me"));
  router.add(route(Verb::get, "/api/v1/applications/{id}"));
  router.add(route(Verb::post, "/api/v1/operator/dispositivo-requests/{id}/approval"));
  router.add(route(Verb::delete_, "/api/v1/applications/{id}"));
  router.add(route(Verb::get, "/api/v1/applications/{id}/receipt"));
  return router;
}

TEST(Router, ALiteralPathFindsItsRouteWithNoParameters) {
  const Router router = routes();
  const Match match = router.match(Verb::get, "/api/v1/me");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/me");
  EXPECT_TRUE(match.params.empty());
}

TEST(Router, ACaptureTakesItsSegment) {
  const Router router = routes();
  const Match application = router.match(Verb::get, "/api/v1/applications/A-17");
  ASSERT_NE(application.route, nullptr);
  EXPECT_EQ(application.route->pattern, "/api/v1/applications/{id}");
  EXPECT_EQ(application.params, (std::map<std::string, std::string>{{"id", "A-17"}}));

  const Match receipt = router.match(Verb::get, "/api/v1/applications/A-17/receipt");
  ASSERT_NE(receipt.route, nullptr);
  EXPECT_EQ(receipt.route->pattern, "/api/v1/applications/{id}/receipt");
  EXPECT_EQ(receipt.params.at("id"), "A-17");

  const Match approval = router.match(Verb::post, "/api/v1/operator/dispositivo-requests/9/approval");
  ASSERT_NE(approval.route, nullptr);
  EXPECT_EQ(approval.params.at("id"), "9");
}

TEST(Router, EmptySegmentsAreSkippedAndACaptureNeverTakesAnEmptyOne) {
  const Router router = routes();
  EXPECT_NE(router.match(Verb::get, "/api//v1/me/").route, nullptr);
  EXPECT_EQ(router.match(Verb::get, "/api/v1/applications/").route, nullptr);
}

TEST(Router, ThePathWithAnotherMethodIsKnownAndSaysWhichMethodsItTakes) {
  const Router router = routes();
  const Match match = router.match(Verb::put, "/api/v1/applications/A-17");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_EQ(match.allowed, (std::vector<Verb>{Verb::get, Verb::delete_}));

  const Match deleted = router.match(Verb::delete_, "/api/v1/applications/A-17");
  ASSERT_NE(deleted.route, nullptr);
  EXPECT_EQ(deleted.route->method, Verb::delete_);
}

TEST(Router, AnUnknownPathIsNotKnown) {
  const Router router = routes();
  const Match match = router.match(Verb::get, "/api/v1/nothing-here");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
  EXPECT_TRUE(match.allowed.empty());
  EXPECT_EQ(router.match(Verb::get, "/api/v1/me/more").route, nullptr);
  EXPECT_EQ(router.match(Verb::get, "/").route, nullptr);
}

}  // namespace
}  // namespace sportello::http
