// The server against floods (issue 15), over real loopback sockets: one address gets at most
// max_connections_per_address connections (the next one is closed at once) while another address still
// connects, a closed connection gives its place back, and a request's header must arrive within
// header_timeout — a header trickled a byte a second is cut there, not at the longer keep-alive wait, which
// still applies between requests. Between requests a connection is parked with no coroutine (issue 16): it
// wakes for every next request, pipelined ones included, is ended at its own keep-alive deadline and not at
// another's, and does not hold the server's stop. Answers small enough for one buffer and larger ones arrive whole,
// and a client that stops reading is cut at the read timeout. Deadlines are asserted with wide margins (the suite
// also runs under ASan).
#include <gtest/gtest.h>

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/server.h"
#include "support/eventually.h"
#include "support/serving.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using sportello::testing::eventually;
using sportello::testing::Serving;

constexpr std::size_t kCap = 3;
constexpr auto kHeaderTimeout = 2s;
constexpr auto kKeepAlive = 60s;  // far longer than any wait below: a cut before it is the header deadline

std::string pattern(std::size_t size);

class LimitedServer {
 public:
  explicit LimitedServer(std::chrono::seconds keep_alive = kKeepAlive, std::chrono::seconds read_timeout = kKeepAlive) {
    router_.add({Verb::get, "/ping", [](Request& r) {
                   Response response{HttpStatus::ok, r.raw.version()};
                   response.body() = "pong";
                   response.prepare_payload();
                   return response;
                 }});
    // GET /bytes?size=N: N bytes, each the previous one's successor mod 251 (a dropped or doubled byte shows).
    router_.add({Verb::get, "/bytes", [](Request& r) {
                   Response response{HttpStatus::ok, r.raw.version()};
                   response.body() = pattern(std::stoul(r.query.at("size")));
                   response.prepare_payload();
                   return response;
                 }});
    ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.worker_threads = 1;
    options.max_connections_per_address = kCap;
    options.header_timeout = kHeaderTimeout;
    options.keep_alive_timeout = keep_alive;
    options.read_timeout = read_timeout;
    server_ = std::make_unique<Serving>(options, router_);
  }
  Server& operator*() { return **server_; }
  Server* operator->() { return &**server_; }

 private:
  Router router_;
  std::unique_ptr<Serving> server_;
};

std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i % 251);
  return bytes;
}

// A connection to the server from `from` (any 127.x.y.z is loopback on Linux).
struct Client {
  Client(unsigned short port, const char* from) : socket(io) {
    socket.open(tcp::v4());
    socket.bind({asio::ip::make_address(from), 0});
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
  }
  asio::io_context io;
  tcp::socket socket;
};

// Sends GET /ping on a kept-alive connection; the status, or 0 when the server closed the connection.
unsigned ping(Client& c) {
  RawRequest request{Verb::get, "/ping", 11};
  request.set(beast_http::field::host, "127.0.0.1");
  boost::system::error_code ec;
  beast_http::write(c.socket, request, ec);
  boost::beast::flat_buffer buffer;
  Response response;
  if (!ec) beast_http::read(c.socket, buffer, response, ec);
  return ec ? 0 : response.result_int();
}

// True when the server closed the connection within `wait` (end of stream or reset).
bool closed_within(Client& c, std::chrono::milliseconds wait) {
  pollfd p{c.socket.native_handle(), POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte;
  boost::system::error_code ec;
  c.socket.read_some(asio::buffer(&byte, 1), ec);
  return ec.failed();
}

// Sends a never-ending header one byte a second from now; the seconds until the server cut the connection,
// or -1 if it did not within `give_up`.
double trickle_until_cut(Client& c, std::chrono::seconds give_up) {
  const std::string header = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  const auto started = Clock::now();
  for (std::size_t i = 0; Clock::now() - started < give_up; ++i) {
    boost::system::error_code ec;
    c.socket.write_some(asio::buffer(&header[i % header.size()], 1), ec);
    if (ec || closed_within(c, 1000ms)) return std::chrono::duration<double>(Clock::now() - started).count();
  }
  return -1;
}

TEST(ServerLimits, ConnectionsOverThePerAddressCapAreClosedWhileAnotherAddressConnects) {
  LimitedServer server;
  std::vector<std::unique_ptr<Client>> held;
  for (std::size_t i = 0; i < kCap; ++i) {
    held.push_back(std::make_unique<Client>(server->port(), "127.0.0.1"));
    EXPECT_EQ(ping(*held.back()), 200u) << "connection " << i + 1 << " of " << kCap;
  }
  Client over(server->port(), "127.0.0.1");
  EXPECT_EQ(ping(over), 0u) << "the connection over the cap is closed without an answer";
  Client other(server->port(), "127.0.0.2");
  EXPECT_EQ(ping(other), 200u) << "another address still connects";
  EXPECT_EQ(server->open_connections_from("127.0.0.1"), kCap);
  EXPECT_EQ(server->open_connections_from("::ffff:127.0.0.1"), kCap) << "the mapped form names the same client";
  EXPECT_EQ(server->open_connections_from("127.0.0.2"), 1u);
  for (auto& c : held) EXPECT_EQ(ping(*c), 200u) << "the admitted ones are still served";
}

TEST(ServerLimits, AClosedConnectionGivesItsPlaceBack) {
  LimitedServer server;
  std::vector<std::unique_ptr<Client>> held;
  for (std::size_t i = 0; i < kCap; ++i) {
    held.push_back(std::make_unique<Client>(server->port(), "127.0.0.1"));
    ASSERT_EQ(ping(*held.back()), 200u);
  }
  held.pop_back();
  held.pop_back();
  ASSERT_TRUE(eventually([&] { return server->open_connections_from("127.0.0.1") == kCap - 2; }))
      << server->open_connections_from("127.0.0.1");
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<Client>(server->port(), "127.0.0.1"));
    EXPECT_EQ(ping(*held.back()), 200u) << "a freed place, " << i + 1 << " of 2";
  }
  Client over(server->port(), "127.0.0.1");
  EXPECT_EQ(ping(over), 0u) << "full again";
  held.clear();
  EXPECT_TRUE(eventually([&] { return server->open_connections() == 0; })) << server->open_connections();
  EXPECT_EQ(server->open_connections_from("127.0.0.1"), 0u);
}

TEST(ServerDeadlines, AHeaderTrickledAByteASecondIsCutAtTheHeaderTimeout) {
  LimitedServer server;
  Client slow(server->port(), "127.0.0.1");
  const double cut = trickle_until_cut(slow, 20s);
  EXPECT_GE(cut, 1.5) << "not before the header deadline (" << kHeaderTimeout.count() << " s)";
  EXPECT_GT(cut, 0) << "still open after 20 s";
  EXPECT_LT(cut, 15) << "cut at the header deadline, not the " << kKeepAlive.count() << " s keep-alive wait";
}

TEST(ServerDeadlines, AConnectionThatSendsNothingIsClosedAtTheHeaderTimeout) {
  LimitedServer server;
  Client silent(server->port(), "127.0.0.1");
  const auto started = Clock::now();
  EXPECT_TRUE(closed_within(silent, 15000ms)) << "a first request's header is due from the connection's start";
  EXPECT_GE(Clock::now() - started, 1500ms);
}

TEST(ServerDeadlines, AKeptAliveConnectionMayIdlePastTheHeaderTimeoutButTheNextHeaderMayNotTrickle) {
  LimitedServer server;
  Client c(server->port(), "127.0.0.1");
  ASSERT_EQ(ping(c), 200u);
  std::this_thread::sleep_for(kHeaderTimeout + 1500ms);
  ASSERT_EQ(ping(c), 200u) << "the wait between requests is the keep-alive one";
  const double cut = trickle_until_cut(c, 20s);
  EXPECT_GE(cut, 1.5);
  EXPECT_GT(cut, 0) << "still open after 20 s";
  EXPECT_LT(cut, 15) << "the next request's header has the header deadline from its first byte";
}

TEST(ServerKeepAlive, AParkedConnectionWakesForEveryRequest) {
  LimitedServer server;
  Client c(server->port(), "127.0.0.1");
  for (int i = 0; i < 200; ++i) ASSERT_EQ(ping(c), 200u) << "request " << i + 1;
  EXPECT_EQ(server->open_connections(), 1u);
}

TEST(ServerKeepAlive, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  LimitedServer server;
  Client c(server->port(), "127.0.0.1");
  const std::string one = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const std::string missing = "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  asio::write(c.socket, asio::buffer(one + missing + one));
  boost::beast::flat_buffer buffer;
  std::vector<unsigned> statuses;
  for (int i = 0; i < 3; ++i) {
    Response response;
    beast_http::read(c.socket, buffer, response);
    statuses.push_back(response.result_int());
  }
  EXPECT_EQ(statuses, (std::vector<unsigned>{200u, 404u, 200u}));
  EXPECT_EQ(ping(c), 200u) << "and the connection is kept";
}

TEST(ServerKeepAlive, EachParkedConnectionIsEndedAtItsOwnDeadline) {
  LimitedServer server(2s);
  Client early(server->port(), "127.0.0.1");
  Client late(server->port(), "127.0.0.1");
  ASSERT_EQ(ping(early), 200u);
  ASSERT_EQ(ping(late), 200u);
  const auto parked = Clock::now();
  std::this_thread::sleep_for(1200ms);
  ASSERT_EQ(ping(late), 200u) << "woken within its keep-alive wait";
  const auto late_parked = Clock::now();
  EXPECT_TRUE(closed_within(early, 5000ms)) << "ended at its keep-alive deadline";
  EXPECT_GE(Clock::now() - parked, 1800ms) << "not before it";
  EXPECT_LT(Clock::now() - late_parked, 1800ms);
  EXPECT_FALSE(closed_within(late, 300ms)) << "the other connection's deadline is its own";
  EXPECT_TRUE(closed_within(late, 5000ms));
  EXPECT_GE(Clock::now() - late_parked, 1800ms);
  EXPECT_TRUE(eventually([&] { return server->open_connections() == 0; })) << server->open_connections();
}

TEST(ServerKeepAlive, ParkedConnectionsDoNotHoldTheServersStop) {
  std::vector<std::unique_ptr<Client>> held;
  auto server = std::make_unique<LimitedServer>();  // keep-alive 60 s
  for (std::size_t i = 0; i < kCap; ++i) {
    held.push_back(std::make_unique<Client>((*server)->port(), "127.0.0.1"));
    ASSERT_EQ(ping(*held.back()), 200u);
  }
  const auto started = Clock::now();
  server.reset();  // stops and joins its threads
  EXPECT_LT(Clock::now() - started, 5s);
  for (auto& c : held) EXPECT_TRUE(closed_within(*c, 1000ms));
}

TEST(ServerWrites, SmallAndLargeAnswersArriveWholeOnOneConnection) {
  LimitedServer server;
  Client c(server->port(), "127.0.0.1");
  // Up to 16 KiB an answer goes out in one buffer with its header; past it, and a megabyte, Beast writes it.
  for (std::size_t size : {0ul, 1ul, 16383ul, 16384ul, 16385ul, 1048576ul}) {
    const std::string request = "GET /bytes?size=" + std::to_string(size) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    asio::write(c.socket, asio::buffer(request));
    boost::beast::flat_buffer buffer;
    Response response;
    beast_http::read(c.socket, buffer, response);
    EXPECT_EQ(response.result_int(), 200u) << size;
    EXPECT_EQ(response[beast_http::field::content_length], std::to_string(size));
    EXPECT_TRUE(response.body() == pattern(size)) << size << " bytes asked, " << response.body().size() << " read";
    EXPECT_EQ(buffer.size(), 0u) << "nothing after the body";
  }
}

TEST(ServerWrites, AClientThatStopsReadingIsCutAtTheReadTimeout) {
  LimitedServer server(kKeepAlive, 2s);
  Client c(server->port(), "127.0.0.1");
  // 400 answers of 16,000 bytes asked at once, and none read: the socket's buffers fill, and the answer being
  // written waits for room until the read timeout.
  constexpr std::size_t kAnswers = 400, kSize = 16000;
  std::string requests;
  for (std::size_t i = 0; i < kAnswers; ++i)
    requests += "GET /bytes?size=" + std::to_string(kSize) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  asio::write(c.socket, asio::buffer(requests));
  std::this_thread::sleep_for(4s);
  std::size_t received = 0;
  bool ended = false;
  char chunk[65536];
  for (const auto until = Clock::now() + 10s; !ended && Clock::now() < until;) {
    pollfd p{c.socket.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) continue;
    boost::system::error_code ec;
    received += c.socket.read_some(asio::buffer(chunk), ec);
    ended = ec.failed();
  }
  EXPECT_TRUE(ended) << "the server ended the connection";
  EXPECT_GT(received, 0u);
  EXPECT_LT(received, kAnswers * kSize) << "before it had written every answer";
  EXPECT_TRUE(eventually([&] { return server->open_connections() == 0; })) << server->open_connections();
}

}  // namespace
}  // namespace sportello::http
