// Issue 14: the errors the server answers itself (no such path, wrong method, a handler that threw) pass
// through ServerHooks::error_page, so the web layer can answer people with a page; a handler's own error
// answer is left as it is, and without the hook the answer stays problem+json.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

#include <stdexcept>

#include "http/problem.h"
#include "http/server.h"
#include "support/serving.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
using sportello::testing::Serving;

struct Answer {
  unsigned status = 0;
  std::string content_type;
  std::string body;
  std::string allow;
};

Answer get(unsigned short port, Verb method, const std::string& target) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  RawRequest request{method, target, 11};
  request.set(beast_http::field::host, "127.0.0.1");
  request.set(beast_http::field::connection, "close");
  beast_http::write(socket, request);
  boost::beast::flat_buffer buffer;
  Response response;
  beast_http::read(socket, buffer, response);
  return {response.result_int(), std::string(response[beast_http::field::content_type]), response.body(),
          std::string(response[beast_http::field::allow])};
}

class ServedRouter {
 public:
  explicit ServedRouter(ServerHooks hooks) {
    router_.add({Verb::get, "/boom", [](Request&) -> Response { throw std::runtime_error("fault"); }});
    router_.add({Verb::get, "/own-404", [](Request& r) {
                   return problem_response(HttpStatus::not_found, "no-such-thing", "Its own answer.", r.raw.version());
                 }});
    router_.add({Verb::post, "/only-post", [](Request& r) { return Response{HttpStatus::no_content, r.raw.version()}; }});
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 1;
    server_ = std::make_unique<Serving>(options, router_, std::move(hooks));
  }
  unsigned short port() const { return (*server_)->port(); }

 private:
  Router router_;
  std::unique_ptr<Serving> server_;
};

// Dresses every answer it is given as a page that names the status.
ServerHooks page_hooks() {
  ServerHooks hooks;
  hooks.error_page = [](Response& response, const Request& request) {
    response.set(beast_http::field::content_type, "text/html; charset=utf-8");
    response.body() = "page " + std::to_string(response.result_int()) + " for " + request.path;
    response.prepare_payload();
  };
  return hooks;
}

struct HookRow {
  Verb method;
  const char* target;
  unsigned status;
  const char* body;  // "" when the problem document must stay
};

TEST(ErrorPageHook, DressesTheServersOwnErrorsAndLeavesHandlersAnswersAlone) {
  ServedRouter served(page_hooks());
  const HookRow rows[] = {
      {Verb::get, "/no/such/page", 404, "page 404 for /no/such/page"},
      {Verb::get, "/boom", 500, "page 500 for /boom"},
      {Verb::get, "/only-post", 405, "page 405 for /only-post"},
      {Verb::get, "/own-404", 404, ""},
  };
  for (const HookRow& row : rows) {
    const Answer answer = get(served.port(), row.method, row.target);
    EXPECT_EQ(answer.status, row.status) << row.target;
    if (*row.body) {
      EXPECT_EQ(answer.body, row.body);
      EXPECT_EQ(answer.content_type, "text/html; charset=utf-8");
    } else {
      EXPECT_EQ(answer.content_type, "application/problem+json") << row.target;
    }
  }
  EXPECT_EQ(get(served.port(), Verb::get, "/only-post").allow, "POST") << "the 405 keeps its Allow header";
}

TEST(ErrorPageHook, WithoutTheHookErrorsStayProblemDocuments) {
  ServedRouter served(ServerHooks{});
  for (const char* target : {"/no/such/page", "/boom"})
    EXPECT_EQ(get(served.port(), Verb::get, target).content_type, "application/problem+json") << target;
}

}  // namespace
}  // namespace sportello::http
