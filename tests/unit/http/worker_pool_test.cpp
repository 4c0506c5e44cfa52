// The worker pool (issue 16): a heavy route's answer goes out as soon as its work is done, not after the work
// queued behind it. Before, the hop back from the pool was itself queued at the back of the pool, so each login's
// answer waited for the hashes of the logins that arrived after it: half of every login's wait, and its tail.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/server.h"
#include "support/eventually.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using sportello::testing::eventually;

Response text(Request& r, std::string body) {
  Response response{HttpStatus::ok, r.raw.version()};
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// GET `target` on a connection of its own; the answer's body, or "" when there was none.
std::string get(unsigned short port, const std::string& target) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  RawRequest request{Verb::get, target, 11};
  request.set(beast_http::field::host, "127.0.0.1");
  if (!ec) beast_http::write(socket, request, ec);
  boost::beast::flat_buffer buffer;
  Response response;
  if (!ec) beast_http::read(socket, buffer, response, ec);
  return ec ? "" : response.body();
}

TEST(WorkerPool, AHeavyAnswerGoesOutBeforeTheWorkQueuedBehindIt) {
  std::promise<void> first_working, first_answered;
  std::shared_future<void> answered = first_answered.get_future().share();
  Server* server = nullptr;
  Router router;
  // Holds the one worker until the second request is queued behind it.
  router.add({Verb::get, "/first", [&](Request& r) {
                first_working.set_value();
                for (auto until = std::chrono::steady_clock::now() + 10s;
                     server->worker_backlog() < 2 && std::chrono::steady_clock::now() < until;)
                  std::this_thread::sleep_for(1ms);
                return text(r, "first");
              }, true});
  // Runs after the first on the one worker, and tells whether the first's client had its answer by then.
  router.add({Verb::get, "/second", [&](Request& r) {
                const bool in_time = answered.wait_for(10s) == std::future_status::ready;
                return text(r, in_time ? "after the first's answer" : "before the first's answer");
              }, true});
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 1;
  Server instance(options, router, ServerHooks{});
  server = &instance;
  ASSERT_TRUE(instance.start().ok());
  std::thread serving([&] { instance.run(); });

  std::string first_body;
  std::thread first([&] {
    first_body = get(instance.port(), "/first");
    first_answered.set_value();
  });
  first_working.get_future().wait();
  const std::string second_body = get(instance.port(), "/second");
  first.join();
  instance.stop();
  serving.join();

  EXPECT_EQ(first_body, "first");
  EXPECT_EQ(second_body, "after the first's answer");
}

// A login queued behind others whose client has closed the connection by its turn is not hashed (decision 0026):
// nobody would read the answer, and the hash would take a worker from a client still waiting. A client that only
// shuts down its sending side is not told apart from one that closed.
TEST(WorkerPool, AHeavyRequestWhoseClientHasGoneIsNotRun) {
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> counted{0};
  Router router;
  router.add({Verb::get, "/hold", [&](Request& r) {  // keeps the one worker busy until released
                holding.set_value();
                released.wait_for(10s);
                return text(r, "held");
              }, true});
  router.add({Verb::get, "/count", [&](Request& r) {
                ++counted;
                return text(r, "counted");
              }, true});
  std::mutex mu;
  std::vector<unsigned> count_statuses;
  ServerHooks hooks;
  hooks.on_exchange = [&](const Exchange& e) {
    std::lock_guard lock(mu);
    if (e.route == "/count") count_statuses.push_back(e.status);
  };
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 1;
  Server server(options, router, hooks);
  ASSERT_TRUE(server.start().ok());
  std::thread serving([&] { server.run(); });
  std::string held;
  std::thread holder([&] { held = get(server.port(), "/hold"); });
  holding.get_future().wait();

  // Two requests queue behind the held one; then one client closes, the other shuts down its sending side.
  asio::io_context io;
  RawRequest request{Verb::get, "/count", 11};
  request.set(beast_http::field::host, "127.0.0.1");
  tcp::socket closing(io), half_closing(io);
  for (tcp::socket* socket : {&closing, &half_closing}) {
    socket->connect({asio::ip::make_address("127.0.0.1"), server.port()});
    beast_http::write(*socket, request);
  }
  ASSERT_TRUE(eventually([&] { return server.worker_backlog() == 3; })) << server.worker_backlog();
  closing.close();
  half_closing.shutdown(tcp::socket::shutdown_send);
  release.set_value();

  // The half-closed client is not answered: the server ends the connection without a byte.
  boost::beast::flat_buffer buffer;
  Response unanswered;
  boost::system::error_code half_closed_ec;
  beast_http::read(half_closing, buffer, unanswered, half_closed_ec);
  const std::string later = get(server.port(), "/count");  // a client that stays is answered as ever
  holder.join();
  server.stop();
  serving.join();

  EXPECT_EQ(held, "held");
  EXPECT_EQ(later, "counted");
  EXPECT_EQ(half_closed_ec, beast_http::error::end_of_stream) << half_closed_ec.message();
  EXPECT_EQ(counted.load(), 1) << "only the client that stayed had its request run";
  std::lock_guard lock(mu);
  EXPECT_EQ(count_statuses, (std::vector<unsigned>{499, 499, 200})) << "the two gone are reported as nginx's 499";
}

// Under a login flood the hashing threads yield to the I/O threads, whose answers take microseconds (issue 16:
// GET /me's tail beside a flood). Linux gives each thread its own nice value.
TEST(WorkerPool, TheWorkersRunAtALowerPriorityThanTheIoThreads) {
  Router router;
  auto nice_here = [](Request& r) {
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, 0);
    return text(r, errno == 0 ? std::to_string(nice) : "unknown");
  };
  router.add({Verb::get, "/heavy", nice_here, true});
  router.add({Verb::get, "/light", nice_here});
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 2;
  Server instance(options, router, ServerHooks{});
  ASSERT_TRUE(instance.start().ok());
  std::thread serving([&] { instance.run(); });
  const std::string light = get(instance.port(), "/light"), heavy = get(instance.port(), "/heavy");
  instance.stop();
  serving.join();

  errno = 0;
  const int process_nice = ::getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(errno, 0);
  EXPECT_EQ(light, std::to_string(process_nice)) << "the I/O threads keep the process's priority";
  EXPECT_EQ(heavy, std::to_string(std::min(19, process_nice + 10))) << "a worker runs 10 nice levels lower";
}

}  // namespace
}  // namespace sportello::http
