#pragma once
// sportello's HTTP/1.1 server on Boost.Beast with C++20 coroutines. The listener only accepts; each
// connection is one coroutine that reads a request (header and body limits; keep-alive, header and read
// time-outs), asks the router, and writes the answer. Connections are capped in all and per client
// address; one over either cap is closed as soon as it is accepted. Handlers that check a secret run on a
// bounded worker pool so that I/O never waits behind Argon2id; when the pool's queue is full the answer is
// 503 with Retry-After, and a queued request whose client has closed the connection by its turn is not run
// (reported as 499). An I/O thread that serves flat out gives its core to whoever waits for it at most every
// give_way_every (decision 0028). stop() stops accepting, lets requests in flight finish, closes idle
// connections, and makes run() return. run() is called once, and starts the other I/O threads itself; stop()
// from any thread.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/router.h"

namespace sportello::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;             // 0: any free port (see Server::port())
  std::size_t io_threads = 2;             // each with its own io_context; connections dealt to them in turn
  std::size_t worker_threads = 2;         // Argon2id work; cores by default
  std::size_t worker_queue = 64;          // heavy requests waiting or running before 503
  std::uint32_t header_limit = 16 * 1024;
  std::uint64_t body_limit = 1024 * 1024;
  std::chrono::seconds read_timeout{10};   // a body, a TLS handshake, an answer's write
  std::chrono::seconds keep_alive_timeout{30};  // idle wait for the first byte of the next request
  // A request's whole header: from the connection's start for its first request, from the first byte for
  // the next ones on a kept-alive connection. A header trickled in a byte at a time is cut at this, however
  // long the keep-alive wait. 10 s: a header is one or two segments; a lost one retransmitted after 1, 2
  // and 4 s on a poor mobile link still arrives in time.
  std::chrono::seconds header_timeout{10};
  std::size_t max_connections = 10000;
  // Connections open at once from one client address (IPv4-mapped IPv6 counted as the IPv4 address); more
  // are refused at once, as over max_connections, so that one address cannot fill the server. 256: a
  // patronato office or a company behind one NAT, 40 desks with a browser's 6 connections each, still
  // fits; one address then holds at most 1/40 of the default max_connections.
  std::size_t max_connections_per_address = 256;
  // An idle HTTPS connection is parked (decision 0027) unless its last request came within this of the answer
  // before it: a busy client's connection keeps its TLS stream. A browser's next request comes a round trip later
  // (milliseconds); a local proxy's or a benchmark's in microseconds, and a stream set up again for each would
  // cost a fifth of their time.
  std::chrono::microseconds tls_back_to_back{1000};
  // An I/O thread gives its core away (sched_yield) after an answer when it last did this long ago (decision
  // 0028): a thread its answers woke on this machine (a proxy, a client) then waits for the core about this long
  // at most, not a scheduler slice. Zero: never.
  std::chrono::microseconds give_way_every{500};
  std::string tls_certificate_file;       // both set: HTTPS
  std::string tls_key_file;
  // Both set (with the certificate and key): the listener asks every client for a certificate, verified
  // against these CAs (PEM bundle) and their CRLs (PEM, one or more; every CA of a chain needs a current one).
  // The result reaches handlers as Request::client_certificate (CNS login, issue 12).
  std::string tls_client_ca_file;
  std::string tls_client_crl_file;
};

// What the server reports about each request (for the access log and metrics).
struct Exchange {
  std::string method;
  std::string route;         // the pattern, or "unmatched"
  unsigned status = 0;
  std::chrono::microseconds duration{0};
  std::string client_address;
  std::string certificate_problem;  // a client certificate presented and refused: OpenSSL's reason (CNS)
};

struct ServerHooks {
  std::function<void(const Exchange&)> on_exchange;       // after each response
  std::function<void(Response&, const Request&)> decorate; // security headers and the like
  // Called for the errors the server answers itself (no such path 404, wrong method 405, a handler that
  // threw 500, overloaded 503, bad target 400) before `decorate`: a page for people may replace the
  // problem document. Left alone, the answer stays application/problem+json.
  std::function<void(Response&, const Request&)> error_page;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, ServerHooks hooks);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS certificate when configured, binds and listens. Errors: unavailable (address in use,
  // bad host, unreadable certificate or key).
  Status start();
  unsigned short port() const;
  bool tls() const;
  // Reads the TLS certificate and key, and a listener's client CAs and CRLs, again (SIGHUP: an operator replaced
  // them). New connections take the new ones; open connections keep theirs. On an error nothing changes. A
  // plain-HTTP server has nothing to read. Any thread.
  Status reload_tls();
  // Serves until stop(); uses io_threads threads (the caller's among them).
  void run();
  void stop();
  // Heavy requests queued or running now (the /metrics hash queue depth).
  std::size_t worker_backlog() const;
  std::size_t open_connections() const;
  // Open connections idle between requests with no coroutine (decision 0021; over TLS, decision 0027).
  std::size_t parked_connections() const;
  // Open connections from one client address ("127.0.0.2", "::ffff:127.0.0.2" alike; 0 for a bad address).
  std::size_t open_connections_from(const std::string& address) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sportello::http
