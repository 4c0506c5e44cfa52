// An idle HTTPS connection is parked as a plain one is (decision 0027): OpenSSL's state is kept without its
// buffers, and the next request wakes it. These tests speak TLS to a real server on a loopback port, with a
// certificate made here.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "http/server.h"
#include "support/eventually.h"
#include "support/serving.h"
#include "support/temp_dir.h"

namespace sportello::http {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using sportello::testing::eventually;
using sportello::testing::Serving;
using sportello::testing::TempDir;

// A self-signed P-256 certificate for 127.0.0.1 named `common_name`, written as PEM to `cert` and `key`.
void write_certificate(const std::filesystem::path& cert, const std::filesystem::path& key, const std::string& common_name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  ASSERT_NE(pkey, nullptr);
  std::unique_ptr<X509, decltype(&X509_free)> x509(X509_new(), &X509_free);
  X509_set_version(x509.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x509.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(x509.get()), 24 * 3600);
  X509_set_pubkey(x509.get(), pkey.get());
  X509_NAME* name = X509_get_subject_name(x509.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(x509.get(), name);
  ASSERT_GT(X509_sign(x509.get(), pkey.get(), EVP_sha256()), 0);
  std::unique_ptr<FILE, decltype(&std::fclose)> cert_file(std::fopen(cert.c_str(), "w"), &std::fclose);
  std::unique_ptr<FILE, decltype(&std::fclose)> key_file(std::fopen(key.c_str(), "w"), &std::fclose);
  ASSERT_TRUE(cert_file && key_file);
  ASSERT_EQ(PEM_write_X509(cert_file.get(), x509.get()), 1);
  ASSERT_EQ(PEM_write_PrivateKey(key_file.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
}

// A server over HTTPS whose GET /echo answers its `n` query, and whose GET /big answers 100 KB.
struct TlsServer {
  TempDir dir;
  Router router;
  std::unique_ptr<Serving> server;

  // back_to_back 0: every idle connection that can be parked is (the server's default spares a busy client's).
  explicit TlsServer(std::chrono::seconds keep_alive = std::chrono::seconds{30},
                     std::chrono::microseconds back_to_back = std::chrono::microseconds{0}) {
    write_certificate(dir / "cert.pem", dir / "key.pem", "first");
    router.add({Verb::get, "/echo", [](Request& r) {
                  Response response{HttpStatus::ok, r.raw.version()};
                  response.body() = "echo " + (r.query.count("n") ? r.query.at("n") : std::string());
                  response.prepare_payload();
                  return response;
                }});
    router.add({Verb::get, "/big", [](Request& r) {
                  Response response{HttpStatus::ok, r.raw.version()};
                  response.body() = std::string(100 * 1024, 'x');
                  response.prepare_payload();
                  return response;
                }});
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.keep_alive_timeout = keep_alive;
    options.tls_back_to_back = back_to_back;
    options.tls_certificate_file = (dir / "cert.pem").string();
    options.tls_key_file = (dir / "key.pem").string();
    server = std::make_unique<Serving>(options, router);
  }
  Server* operator->() { return &**server; }
};

// One TLS connection of a client that trusts any certificate (it reads the name the server presents).
struct TlsClient {
  asio::io_context io;
  ssl::context context{ssl::context::tls_client};
  ssl::stream<tcp::socket> stream{io, context};
  boost::beast::flat_buffer buffer;

  explicit TlsClient(unsigned short port) {
    context.set_verify_mode(ssl::verify_none);
    stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    stream.handshake(ssl::stream_base::client);
  }
  std::string presented_name() {
    X509* peer = SSL_get0_peer_certificate(stream.native_handle());
    char name[64] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, name, sizeof name);
    return name;
  }
  void send(const std::string& bytes) { asio::write(stream, asio::buffer(bytes)); }
  // The next answer's body; "" when the connection ended instead.
  std::string answer() {
    Response response;
    boost::system::error_code ec;
    beast_http::read(stream, buffer, response, ec);
    return ec ? "" : response.body();
  }
  std::string get(const std::string& target) {
    send(request(target));
    return answer();
  }
  static std::string request(const std::string& target) { return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"; }
};

TEST(TlsParking, AnIdleConnectionIsParkedAndItsNextRequestWakesIt) {
  TlsServer server;
  TlsClient client(server->port());
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(client.get("/echo?n=" + std::to_string(i)), "echo " + std::to_string(i));
    EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }))
        << "after request " << i << ": " << server->parked_connections() << " parked";
  }
  EXPECT_EQ(client.get("/big").size(), 100u * 1024) << "a large answer after a wake";
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }));
  EXPECT_EQ(server->open_connections(), 1u);
}

// Requests sent together: those after the first wait above the socket (in OpenSSL, its BIO pair or Asio's
// buffer), where parking would strand them. 200 requests of 1 KB in one write, in records of 16 KB: a request's
// end seldom meets a record's.
TEST(TlsParking, PipelinedRequestsAreAllAnsweredBeforeTheConnectionParks) {
  TlsServer server;
  TlsClient client(server->port());
  const std::string padding(1000, 'p');
  std::string burst;
  for (int i = 0; i < 200; ++i) burst += TlsClient::request("/echo?n=" + std::to_string(i) + "&pad=" + padding);
  client.send(burst);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(client.answer(), "echo " + std::to_string(i)) << "answer " << i;
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }));
  EXPECT_EQ(client.get("/echo?n=after"), "echo after");
}

// Each request in a record of its own, all arriving at once (the socket corked until the last is written): after
// each answer nothing of the next request is in the server's buffer, while the records after it are in OpenSSL's
// or its BIO pair. The connection must not park then.
TEST(TlsParking, RequestsInRecordsOfTheirOwnAreAllAnswered) {
  TlsServer server(std::chrono::seconds{5});  // a stranded request would be cut at its keep-alive deadline
  TlsClient client(server->port());
  const int socket = client.stream.next_layer().native_handle();
  int cork = 1;
  ASSERT_EQ(::setsockopt(socket, IPPROTO_TCP, TCP_CORK, &cork, sizeof cork), 0);
  for (int i = 0; i < 100; ++i) client.send(TlsClient::request("/echo?n=" + std::to_string(i)));
  cork = 0;
  ASSERT_EQ(::setsockopt(socket, IPPROTO_TCP, TCP_CORK, &cork, sizeof cork), 0);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(client.answer(), "echo " + std::to_string(i)) << "answer " << i;
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }));
}

// A client whose requests come back to back keeps its stream between them: setting one up again for each request
// would cost a fifth of its time (decision 0027). Its first request, after the handshake, has no answer before it.
TEST(TlsParking, AClientWhoseRequestsComeBackToBackKeepsItsStream) {
  TlsServer server(std::chrono::seconds{30}, std::chrono::seconds{10});
  TlsClient client(server->port());
  EXPECT_EQ(client.get("/echo?n=1"), "echo 1");
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; })) << "the first request's connection parks";
  for (int i = 2; i <= 4; ++i) {
    EXPECT_EQ(client.get("/echo?n=" + std::to_string(i)), "echo " + std::to_string(i));
    std::this_thread::sleep_for(100ms);  // far longer than parking takes
    EXPECT_EQ(server->parked_connections(), 0u) << "request " << i << " came within 10 s of the answer before it";
  }
}

TEST(TlsParking, AParkedConnectionEndsAtItsKeepAliveDeadline) {
  TlsServer server(std::chrono::seconds{1});
  TlsClient client(server->port());
  EXPECT_EQ(client.get("/echo?n=1"), "echo 1");
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }));
  EXPECT_TRUE(eventually([&] { return server->open_connections() == 0; })) << "the deadline ends it";
  EXPECT_EQ(server->parked_connections(), 0u);
  EXPECT_EQ(client.get("/echo?n=2"), "") << "the client finds it closed";
}

// A parked connection keeps the certificate it was opened with; new connections take the reloaded one.
TEST(TlsParking, AParkedConnectionOutlivesAReloadOfTheCertificate) {
  TlsServer server;
  TlsClient before(server->port());
  EXPECT_EQ(before.presented_name(), "first");
  EXPECT_EQ(before.get("/echo?n=1"), "echo 1");
  EXPECT_TRUE(eventually([&] { return server->parked_connections() == 1; }));
  write_certificate(server.dir / "cert.pem", server.dir / "key.pem", "second");
  ASSERT_TRUE(server->reload_tls().ok());
  EXPECT_EQ(before.get("/echo?n=2"), "echo 2");
  TlsClient after(server->port());
  EXPECT_EQ(after.presented_name(), "second");
  EXPECT_EQ(after.get("/echo?n=3"), "echo 3");
}

}  // namespace
}  // namespace sportello::http
