// The kernel's count of the bytes read from a socket (socket_bytes.h), which decides whether an idle TLS
// connection may be parked (decision 0027): bytes still queued are not counted, bytes read are.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <string>

#include "http/socket_bytes.h"
#include "support/eventually.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using sportello::testing::eventually;

TEST(SocketBytes, CountsWhatWasReadAndNotWhatWaits) {
  asio::io_context io;
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  tcp::socket client(io), server(io);
  client.connect(acceptor.local_endpoint());
  acceptor.accept(server);
  const int fd = server.native_handle();
  EXPECT_EQ(bytes_read_from(fd), 0u) << "nothing sent yet";

  asio::write(client, asio::buffer(std::string(100, 'a')));
  ASSERT_TRUE(eventually([&] { return server.available() == 100; }));
  EXPECT_EQ(bytes_read_from(fd), 0u) << "100 bytes wait in the queue, none read";

  std::string first(30, '\0');
  asio::read(server, asio::buffer(first));
  EXPECT_EQ(bytes_read_from(fd), 30u);

  std::string rest(70, '\0');
  asio::read(server, asio::buffer(rest));
  asio::write(client, asio::buffer(std::string(5, 'b')));
  ASSERT_TRUE(eventually([&] { return server.available() == 5; }));
  EXPECT_EQ(bytes_read_from(fd), 100u) << "all of the first 100, none of the 5 after";
}

TEST(SocketBytes, SaysNothingForWhatIsNotATcpSocket) {
  EXPECT_EQ(bytes_read_from(-1), std::nullopt);
}

}  // namespace
}  // namespace sportello::http
