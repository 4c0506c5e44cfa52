// docs/openapi.yaml describes exactly the routes the server registers: every route is documented with its
// method and pattern, and every documented operation reaches a route. The router is built as app/serve.cpp
// builds it. The YAML is read line by line (paths are the 2-space keys under `paths:`, methods the 4-space
// keys under a path), so the document must keep that regular shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "http/api/api.h"
#include "support/app_fixture.h"

namespace sportello::testing {
namespace {

// One documented or routed operation: a lower-case method and a path pattern ("/api/v1/x/{id}").
struct Operation {
  std::string method;
  std::string path;
  auto operator<=>(const Operation&) const = default;
};

std::string describe(const Operation& op) {
  std::string method = op.method;
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
  return method + " " + op.path;
}

bool is_method(std::string_view key) {
  for (std::string_view m : {"get", "put", "post", "delete", "patch", "head", "options", "trace"})
    if (key == m) return true;
  return false;
}

// The mapping key of a line such as "  /api/v1/me:" or "    get:", without quotes; "" when there is none.
std::string key_of(const std::string& line, std::size_t indent) {
  const std::size_t colon = line.find(':', indent);
  if (colon == std::string::npos) return "";
  std::string key = line.substr(indent, colon - indent);
  if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"') && key.back() == key.front())
    key = key.substr(1, key.size() - 2);
  return key;
}

// The (method, path) pairs under the top-level `paths:` key.
std::vector<Operation> documented_operations(std::istream& yaml) {
  std::vector<Operation> found;
  bool in_paths = false;
  std::string path;
  std::string line;
  while (std::getline(yaml, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line[indent] == '#') continue;
    if (indent == 0) {
      in_paths = key_of(line, 0) == "paths";
      path.clear();
    } else if (!in_paths) {
      continue;
    } else if (indent == 2) {
      const std::string key = key_of(line, 2);
      path = key.starts_with("/") ? key : "";
    } else if (indent == 4 && !path.empty()) {
      const std::string key = key_of(line, 4);
      if (is_method(key)) found.push_back({key, path});
    }
  }
  return found;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A concrete path for a pattern: each {param} becomes "1".
std::string sample_path(const std::string& pattern) {
  std::string out;
  for (std::size_t at = 0; at < pattern.size();) {
    const std::size_t open = pattern.find('{', at);
    if (open == std::string::npos) {
      out += pattern.substr(at);
      break;
    }
    const std::size_t close = pattern.find('}', open);
    if (close == std::string::npos) return pattern;
    out += pattern.substr(at, open - at) + "1";
    at = close + 1;
  }
  return out;
}

std::filesystem::path repo_root() {
  const char* data = std::getenv("SPORTELLO_DATA_DIR");
  std::filesystem::path dir = data && *data ? data : SPORTELLO_DEFAULT_DATA_DIR;
  if (dir.filename().empty()) dir = dir.parent_path();  // a trailing slash
  return dir.parent_path();
}

TEST(OpenApiReader, TakesPathsAndMethodsOnlyFromThePathsSection) {
  std::istringstream yaml(
      "info:\n"
      "  /not-a-path:\n"
      "    get: {}\n"
      "paths:\n"
      "  # a comment\n"
      "  /a/{id}:\n"
      "    parameters: []\n"
      "    get:\n"
      "      description: |\n"
      "        post: not a method\n"
      "\n"
      "    delete:\n"
      "  '/b':\n"
      "    post:\n"
      "  x-extension:\n"
      "    put:\n"
      "components:\n"
      "  /c:\n"
      "    patch:\n");
  const std::vector<Operation> expected{{"get", "/a/{id}"}, {"delete", "/a/{id}"}, {"post", "/b"}};
  EXPECT_EQ(documented_operations(yaml), expected);
}

TEST(OpenApiReader, SamplePathsFillEveryParameter) {
  EXPECT_EQ(sample_path("/healthz"), "/healthz");
  EXPECT_EQ(sample_path("/x/{a}/y/{b}"), "/x/1/y/1");
}

class OpenApi : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    throttle_ = std::make_unique<http::Throttle>(30.0, 10.0, ctx().clock);
    api_ = std::make_unique<http::Api>(http::Api{.ctx = ctx(), .throttle = *throttle_, .metrics = metrics_,
                                                 .gauges = [] { return std::map<std::string, double>{}; },
                                                 .ready = []() -> Status { return Ok{}; },
                                                 // /metrics is routed only with a token
                                                 .metrics_token = "a-metrics-token-of-at-least-32-characters"});
    http::add_api_routes(router_, *api_);

    const std::filesystem::path file = repo_root() / "docs" / "openapi.yaml";
    std::ifstream yaml(file);
    ASSERT_TRUE(yaml) << "cannot read " << file;
    documented_ = documented_operations(yaml);
    ASSERT_FALSE(documented_.empty()) << file << " documents no operation under paths:";
  }

  http::Metrics metrics_;
  std::unique_ptr<http::Throttle> throttle_;
  std::unique_ptr<http::Api> api_;
  http::Router router_;
  std::vector<Operation> documented_;
};

TEST_F(OpenApi, EveryRouteIsDocumented) {
  const std::set<Operation> documented(documented_.begin(), documented_.end());
  ASSERT_FALSE(router_.routes().empty());
  for (const http::Route& route : router_.routes()) {
    const Operation op{lower(http::beast_http::to_string(route.method)), route.pattern};
    EXPECT_TRUE(documented.contains(op)) << describe(op) << " is registered but not documented in docs/openapi.yaml";
  }
}

TEST_F(OpenApi, EveryDocumentedOperationIsRouted) {
  for (const Operation& op : documented_) {
    const http::Verb verb = http::beast_http::string_to_verb(describe(op).substr(0, op.method.size()));
    const std::string path = sample_path(op.path);
    const http::Match match = router_.match(verb, path);
    EXPECT_NE(match.route, nullptr) << describe(op) << " is documented but no route serves " << path
                                    << (match.path_known ? " with that method" : "");
  }
}

TEST_F(OpenApi, NoOperationIsDocumentedTwice) {
  std::set<Operation> seen;
  for (const Operation& op : documented_) EXPECT_TRUE(seen.insert(op).second) << describe(op) << " is documented twice";
}

}  // namespace
}  // namespace sportello::testing
