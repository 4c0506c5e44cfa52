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

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "http/server.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

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
