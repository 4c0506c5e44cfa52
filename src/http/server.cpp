#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/intrusive/list.hpp>
#include <boost/url/parse.hpp>

#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/give_way.h"
#include "http/per_address_limit.h"
#include "http/problem.h"
#include "http/socket_bytes.h"
#include "http/wire.h"

namespace sportello::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple = asio::as_tuple(use_awaitable);

namespace {

// The path and query of a request target, percent-decoded; nullopt when the target is not origin-form.
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};

std::optional<Target> parse_target(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  Target t;
  t.path = parsed->path();
  for (auto param : parsed->params()) t.query[param.key] = param.value;
  return t;
}

bool quiet_end(const beast::error_code& ec) {
  return ec == beast_http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == asio::error::bad_descriptor;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, ServerHooks hooks)
      : options_(std::move(options)),
        router_(router),
        hooks_(std::move(hooks)),
        per_address_(options_.max_connections_per_address),
        contexts_(make_contexts(std::max<std::size_t>(1, options_.io_threads))),
        acceptor_(*contexts_.front()),
        workers_(options_.worker_threads) {
    for (const auto& context : contexts_) busy_until_stopped_.emplace_back(context->get_executor());
    largest_body_limit_ = options_.body_limit;
    for (const Route& route : router_.routes()) largest_body_limit_ = std::max(largest_body_limit_, route.body_limit);
  }

  Status start() {
    if (!options_.tls_certificate_file.empty() || !options_.tls_key_file.empty()) {
      if (Status loaded = install_tls(); !loaded) return loaded;
      tls_ = true;
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (ec) return Error::invalid("invalid-listen", "Cannot listen on host " + options_.host, "server.listen");
    const tcp::endpoint endpoint{address, options_.port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Error::unavailable("Cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + ec.message());
    asio::co_spawn(*contexts_.front(), accept_loop(), asio::detached);
    return Ok{};
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  bool tls() const { return tls_; }

  Status reload_tls() { return tls_ ? install_tls() : Status{Ok{}}; }

  void run() {
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts_.size(); ++i) threads.emplace_back([this, i] { contexts_[i]->run(); });
    contexts_.front()->run();
    for (auto& t : threads) t.join();
    workers_.join();
  }

  void stop() {
    asio::post(*contexts_.front(), [this] {
      stopping_ = true;
      beast::error_code ignored;
      acceptor_.close(ignored);
      {
        std::lock_guard lock(parked_mu_);
        sweeper_.cancel();
      }
      std::lock_guard lock(mu_);
      for (const auto& c : connections_)  // each on its own thread, where its coroutine or its wait runs
        asio::post(c->socket.get_executor(), [c] {
          beast::error_code ignored_too;
          if (!c->busy) (c->live != nullptr ? c->live->socket() : c->socket).close(ignored_too);
        });
      for (auto& guard : busy_until_stopped_) guard.reset();  // each thread returns once its connections end
    });
  }

  std::size_t worker_backlog() const { return in_flight_.load(); }
  std::size_t open_connections() const { return open_.load(); }
  std::size_t parked_connections() const {
    std::lock_guard lock(parked_mu_);
    return parked_.size();
  }
  std::size_t open_connections_from(const std::string& address) const {
    beast::error_code ec;
    const auto parsed = asio::ip::make_address(address, ec);
    return ec ? 0 : per_address_.open_from(parsed);
  }

 private:
  // An admitted connection's place in the counts (in all and for its address), given back when the
  // connection is let go, however it ends.
  class Admission {
   public:
    Admission(Impl& impl, asio::ip::address address) : impl_(impl), address_(std::move(address)) {}
    ~Admission() {
      impl_.per_address_.release(address_);
      --impl_.open_;
    }
    Admission(const Admission&) = delete;
    Admission& operator=(const Admission&) = delete;
    const asio::ip::address& address() const { return address_; }

   private:
    Impl& impl_;
    asio::ip::address address_;
  };

  struct SslFree {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
  };
  // What a TLS connection keeps beyond a plain one's.
  struct TlsState {
    std::shared_ptr<asio::ssl::context> context;  // taken at the handshake; a reload does not change it
    std::unique_ptr<SSL, SslFree> parked;  // while parked: OpenSSL's state without its buffers (decision 0027)
    std::uint64_t bytes_read = 0;  // the socket's bytes OpenSSL took through the buffers of earlier wakes
    // When the last request's header was read and its answer went out: a client whose requests come back to back
    // keeps its stream between them (serve_tls).
    std::chrono::steady_clock::time_point request_started, answered;
  };

  // One client's connection. Between requests a kept-alive connection is parked (park): then it
  // holds only this, with an empty buffer that has no storage, and one small handler waiting for the socket;
  // the coroutine that reads and answers runs only while a request is coming in (issue 16: memory per idle
  // connection, decisions 0021 and 0027).
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(tcp::socket accepted, std::unique_ptr<Admission> admitted)
        : socket(std::move(accepted)), admission(std::move(admitted)), client(admission->address().to_string()) {}
    // Touched only on the connection's I/O thread, as is what follows but the parked list's three:
    tcp::socket socket;                 // while no coroutine serves the connection: parked, or about to start
    beast::tcp_stream* live = nullptr;  // while one does: the stream with timeouts it moved the socket into
    std::unique_ptr<Admission> admission;  // given back when the last handler lets the connection go
    std::string client;
    beast::flat_buffer buffer;  // read but not yet parsed; a pipelined request's bytes stay here
    bool busy = false;    // between a request's header and its answer
    bool parked = false;  // waiting for the next request with no coroutine
    std::unique_ptr<ClientCertificate> certificate;  // on a listener that asks for one, after the handshake
    std::unique_ptr<TlsState> tls;  // over TLS only: a plain connection pays one pointer for it
    // In parked_ while parked, until the keep-alive deadline; these three are guarded by parked_mu_.
    boost::intrusive::list_member_hook<> parked_hook;
    std::chrono::steady_clock::time_point parked_until;
    std::uint64_t park = 0;  // which parking this is (written on that thread too)
  };
  using ParkedList = boost::intrusive::list<
      Connection, boost::intrusive::member_hook<Connection, boost::intrusive::list_member_hook<>, &Connection::parked_hook>>;

  // A TLS context from the files the options name, read now: at start, and again for reload_tls().
  Result<std::shared_ptr<asio::ssl::context>> load_tls() const {
    try {
      auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
      context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                           asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
      context->use_certificate_chain_file(options_.tls_certificate_file);
      context->use_private_key_file(options_.tls_key_file, asio::ssl::context::pem);
      SSL_CTX_set_alpn_select_cb(context->native_handle(), select_http1, nullptr);
      if (asks_for_certificates()) {
        if (Status trusted = load_client_trust(*context); !trusted) return trusted.error();
      }
      return context;
    } catch (const std::exception& e) {
      return Error::unavailable("Cannot load the TLS certificate or key: " + std::string(e.what()));
    }
  }

  // Reads the TLS files into a new context and makes it the one new connections take; on an error nothing changes.
  Status install_tls() {
    auto loaded = load_tls();
    if (!loaded) return loaded.error();
    std::lock_guard lock(tls_mu_);
    tls_context_ = std::move(*loaded);
    return Ok{};
  }

  // The TLS context new connections take; a reload replaces it, and connections keep the one they took.
  std::shared_ptr<asio::ssl::context> current_tls() const {
    std::lock_guard lock(tls_mu_);
    return tls_context_;
  }

  // ALPN: HTTP/1.1 when the client offers it, else no protocol named. A client that offers h2 first (a browser
  // behind a proxy that picks the protocol from the server's answer) then knows to speak HTTP/1.1.
  static int select_http1(SSL*, const unsigned char** out, unsigned char* out_length, const unsigned char* offered,
                          unsigned int offered_length, void*) {
    static constexpr unsigned char kHttp1[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    unsigned char* selected = nullptr;
    if (SSL_select_next_proto(&selected, out_length, kHttp1, sizeof kHttp1, offered, offered_length) !=
        OPENSSL_NPN_NEGOTIATED)
      return SSL_TLSEXT_ERR_NOACK;
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
  }

  bool asks_for_certificates() const {
    return !options_.tls_client_ca_file.empty() || !options_.tls_client_crl_file.empty();
  }

  // The CAs a client certificate must chain to and their CRLs, every CA of the chain checked (as nginx's
  // ssl_crl); their names go in the CertificateRequest, so that a browser offers only the cards that fit. The
  // handshake asks for a certificate but goes on without one or with a refused one (as nginx's
  // "ssl_verify_client optional"): OpenSSL's verdict is read afterwards, for the handler to answer with a page.
  Status load_client_trust(asio::ssl::context& context) const {
    if (options_.tls_client_ca_file.empty() || options_.tls_client_crl_file.empty())
      return Error::unavailable("A listener that asks for client certificates needs both a CA bundle and CRLs");
    SSL_CTX* ctx = context.native_handle();
    if (SSL_CTX_load_verify_locations(ctx, options_.tls_client_ca_file.c_str(), nullptr) != 1)
      return Error::unavailable("Cannot read the client CA bundle " + options_.tls_client_ca_file);
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options_.tls_client_ca_file.c_str());
    if (names == nullptr) return Error::unavailable("No CA certificate in " + options_.tls_client_ca_file);
    SSL_CTX_set_client_CA_list(ctx, names);
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    if (lookup == nullptr ||
        X509_load_crl_file(lookup, options_.tls_client_crl_file.c_str(), X509_FILETYPE_PEM) <= 0)
      return Error::unavailable("Cannot read the CRLs in " + options_.tls_client_crl_file);
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    X509_STORE_set_purpose(store, X509_PURPOSE_SSL_CLIENT);
    // Resumed sessions keep the certificate they were verified with; OpenSSL wants a context name for them.
    static constexpr unsigned char kContext[] = "sportello-client-certificate";
    SSL_CTX_set_session_id_context(ctx, kContext, sizeof kContext - 1);
    context.set_verify_mode(asio::ssl::verify_peer);
    context.set_verify_callback([](bool, asio::ssl::verify_context&) { return true; });
    return Ok{};
  }

  // What the client presented and OpenSSL's verdict on it, after the handshake.
  static std::unique_ptr<ClientCertificate> presented_certificate(SSL* ssl) {
    auto certificate = std::make_unique<ClientCertificate>();
    X509* peer = SSL_get0_peer_certificate(ssl);
    if (peer == nullptr) return certificate;
    unsigned char* der = nullptr;
    const int length = i2d_X509(peer, &der);
    if (length > 0) certificate->der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    const long verdict = SSL_get_verify_result(ssl);
    certificate->verified = verdict == X509_V_OK && !certificate->der.empty();
    if (!certificate->verified) certificate->problem = X509_verify_cert_error_string(verdict);
    return certificate;
  }

  awaitable<void> accept_loop() {
    for (std::size_t accepted = 0;; ++accepted) {
      asio::io_context& home = *contexts_[accepted % contexts_.size()];
      auto [ec, socket] = co_await acceptor_.async_accept(home, as_tuple);
      if (ec) {
        if (stopping_ || ec == asio::error::operation_aborted) co_return;
        continue;
      }
      // Over either limit: refuse at once rather than queue. Counted here, in the one accepting coroutine,
      // so that a burst of accepts cannot overshoot the limits.
      beast::error_code peer_ec;
      asio::ip::address address;
      socket.non_blocking(true, peer_ec);  // for the fast paths of read_header and send (async work is alike)
      if (!peer_ec) address = canonical_address(socket.remote_endpoint(peer_ec).address());
      if (peer_ec || open_.load() >= options_.max_connections || !per_address_.try_admit(address)) {
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      ++open_;
      auto connection = std::make_shared<Connection>(std::move(socket), std::make_unique<Admission>(*this, address));
      {
        std::lock_guard lock(mu_);
        connections_.insert(connection);
      }
      if (tls_)
        asio::co_spawn(home, serve_tls(std::move(connection)), asio::detached);
      else
        asio::co_spawn(home, serve_plain(std::move(connection)), asio::detached);
    }
  }

  // Answers a plain-HTTP connection's requests as long as they come back to back, then parks it or ends it.
  awaitable<void> serve_plain(std::shared_ptr<Connection> c) {
    beast::tcp_stream stream(std::move(c->socket));
    c->live = &stream;
    After after = After::more;
    while (after == After::more && !stopping_) after = co_await exchange(stream, *c, false);
    c->live = nullptr;
    c->socket = stream.release_socket();
    if (after == After::idle && !stopping_)
      park(std::move(c));
    else
      end(c);
  }

  // Over TLS, the handshake first; a connection woken from parking resumes its OpenSSL state instead. Requests
  // back to back are answered as on plain HTTP. An idle connection is parked (decision 0027) when its client is not
  // busy and nothing of a next request is held above the socket (tls_parkable); otherwise it keeps its coroutine.
  awaitable<void> serve_tls(std::shared_ptr<Connection> c) {
    beast::tcp_stream stream(std::move(c->socket));
    c->live = &stream;
    using TlsStream = asio::ssl::stream<beast::tcp_stream&>;
    std::optional<TlsStream> tls;
    bool ready = true;
    if (!c->tls) c->tls = std::make_unique<TlsState>();
    TlsState& state = *c->tls;
    if (state.parked) {
      tls.emplace(stream, state.parked.release());  // the stream owns the SSL again, with fresh buffers
    } else {
      state.context = current_tls();
      tls.emplace(stream, *state.context);
      stream.expires_after(options_.read_timeout);
      auto [handshake_ec] = co_await tls->async_handshake(asio::ssl::stream_base::server, as_tuple);
      ready = !handshake_ec;
      if (ready && asks_for_certificates()) c->certificate = presented_certificate(tls->native_handle());
    }
    After after = ready ? After::more : After::close;
    // The first request, after the handshake or the wake, has the header timeout from the start (as on plain HTTP);
    // the next ones wait for their first byte up to the keep-alive timeout. A client whose request came within
    // tls_back_to_back of the answer before it is busy: its connection is not parked at once, because setting a
    // stream up again would cost each of its requests a fifth of their time.
    for (bool first = true; after != After::close && !stopping_; first = false) {
      const auto answered_before = state.answered;
      after = co_await exchange(*tls, *c, !first);
      const bool back_to_back = state.request_started - answered_before < options_.tls_back_to_back;
      if (after == After::idle && !back_to_back && tls_parkable(*tls, *c)) break;
    }
    if (after == After::idle && !stopping_) {
      SSL* ssl = tls->native_handle();
      state.bytes_read += BIO_number_read(SSL_get_rbio(ssl));
      SSL_up_ref(ssl);  // kept past the stream, which frees its buffers (Asio's, and the BIO pair's) as it goes
      SSL_set_bio(ssl, nullptr, nullptr);
      state.parked.reset(ssl);
      tls.reset();
      c->live = nullptr;
      c->socket = stream.release_socket();
      park(std::move(c));
      co_return;
    }
    if (ready) {
      stream.expires_after(std::chrono::seconds(2));
      co_await tls->async_shutdown(as_tuple);
    }
    c->live = nullptr;
    c->socket = stream.release_socket();
    end(c);
  }

  // An idle TLS connection may be parked when nothing of a next request is held above the socket, where waiting
  // for the socket would not see it: not in OpenSSL (decrypted or not), not in its BIO pair, and not in Asio's
  // buffer between the socket and the pair. The last is private to Asio; the socket's count of bytes read says it
  // is empty when OpenSSL has read them all (socket_bytes.h). Nor anything OpenSSL has still to send.
  static bool tls_parkable(asio::ssl::stream<beast::tcp_stream&>& tls, Connection& c) {
    SSL* ssl = tls.native_handle();
    BIO* in = SSL_get_rbio(ssl);
    if (c.buffer.size() > 0 || SSL_has_pending(ssl) || BIO_ctrl_pending(in) > 0 ||
        BIO_ctrl_wpending(SSL_get_wbio(ssl)) > 0)
      return false;
    const std::optional<std::uint64_t> read = bytes_read_from(c.live->socket().native_handle());
    return read && *read == c.tls->bytes_read + BIO_number_read(in);
  }

  // A kept-alive connection with nothing buffered waits for its next request with no coroutine and no buffer:
  // one small handler on its I/O thread waits for the socket to be readable (the wait re-arms epoll, so a request
  // that arrived before it is seen at once), and the connection joins the parked list, whose one timer ends
  // it at its keep-alive deadline.
  void park(std::shared_ptr<Connection> c) {
    c->buffer.shrink_to_fit();  // empty: gives its storage back
    c->parked = true;
    {
      std::lock_guard lock(parked_mu_);
      c->parked_until = std::chrono::steady_clock::now() + options_.keep_alive_timeout;
      c->park = ++parks_;
      parked_.push_back(*c);
      if (!sweeping_) sweep_at(c->parked_until);
    }
    auto& socket = c->socket;
    socket.async_wait(tcp::socket::wait_read, [this, c = std::move(c)](const beast::error_code& ec) mutable {
      {
        std::lock_guard lock(parked_mu_);
        if (c->parked_hook.is_linked()) parked_.erase(parked_.iterator_to(*c));
      }
      c->parked = false;
      if (ec || stopping_) return end(c);
      auto executor = c->socket.get_executor();
      if (c->tls)
        asio::co_spawn(executor, serve_tls(std::move(c)), asio::detached);
      else
        asio::co_spawn(executor, serve_plain(std::move(c)), asio::detached);
    });
  }

  // Arms the parked list's timer for `when`; parked_mu_ is held. One keep-alive timeout for all means the list
  // is in deadline order, so the front's deadline is the next.
  void sweep_at(std::chrono::steady_clock::time_point when) {
    sweeping_ = true;
    sweeper_.expires_at(when);
    sweeper_.async_wait([this](const beast::error_code& ec) { sweep(ec); });
  }

  // Ends the parked connections past their deadline: each one's wait is cancelled on its own I/O thread, unless it
  // woke (and perhaps parked again) meanwhile.
  void sweep(const beast::error_code& ec) {
    std::lock_guard lock(parked_mu_);
    sweeping_ = false;
    if (ec || stopping_) return;
    const auto now = std::chrono::steady_clock::now();
    while (!parked_.empty() && parked_.front().parked_until <= now) {
      Connection& overdue = parked_.front();
      parked_.pop_front();
      asio::post(overdue.socket.get_executor(), [c = overdue.shared_from_this(), park = overdue.park] {
        beast::error_code ignored;
        if (c->parked && c->park == park) c->socket.cancel(ignored);
      });
    }
    if (!parked_.empty()) sweep_at(parked_.front().parked_until);
  }

  // The connection is over: the server forgets it and says so to the client; the socket closes with the last
  // handler that holds it.
  void end(const std::shared_ptr<Connection>& c) {
    {
      std::lock_guard lock(mu_);
      connections_.erase(c);
    }
    beast::error_code ignored;
    c->socket.shutdown(tcp::socket::shutdown_send, ignored);
  }

  // What a connection does after an exchange: close, wait for the next request, or read the next request
  // whose bytes are buffered already (pipelining).
  enum class After { close, idle, more };

  // Reads one request on `stream` (the TCP stream itself, or TLS over it) and answers it. With
  // `keep_alive_wait` an empty buffer is first waited on for up to keep_alive_timeout.
  template <typename Stream>
  awaitable<After> exchange(Stream& stream, Connection& c, bool keep_alive_wait) {
    beast::flat_buffer& buffer = c.buffer;
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(options_.header_limit);
    parser.body_limit(largest_body_limit_);  // Beast checks Content-Length against it with the header
    const beast::error_code ec = co_await read_header(stream, c, buffer, parser, keep_alive_wait);
    const auto started = std::chrono::steady_clock::now();
    if constexpr (!kOnTheSocket<Stream>) c.tls->request_started = started;
    if (ec) {
      if (!quiet_end(ec)) {
        const unsigned status = co_await answer_read_error(stream, ec);
        report(RawRequest{}, Match{}, status, started, c.client);
      }
      co_return After::close;
    }
    c.busy = true;
    const auto target = parse_target(parser.get().target());
    Match match;
    if (target) match = router_.match(parser.get().method(), target->path);
    const std::uint64_t limit = match.route && match.route->body_limit > 0 ? match.route->body_limit : options_.body_limit;
    if (parser.content_length() && *parser.content_length() > limit) {
      const unsigned status = co_await answer_read_error(stream, beast_http::error::body_limit);
      report(parser.get(), match, status, started, c.client);
      co_return After::close;
    }
    parser.body_limit(limit);
    c.live->expires_after(options_.read_timeout);
    if (!parser.is_done() && parser.get()[beast_http::field::expect] == "100-continue") {
      beast_http::response<beast_http::empty_body> go_on{HttpStatus::continue_, parser.get().version()};
      co_await beast_http::async_write(stream, go_on, as_tuple);
    }
    if (!parser.is_done()) {
      auto [body_ec, __] = co_await beast_http::async_read(stream, buffer, parser, as_tuple);
      if (body_ec) {
        if (!quiet_end(body_ec)) {
          const unsigned status = co_await answer_read_error(stream, body_ec);
          report(parser.get(), match, status, started, c.client);
        }
        co_return After::close;
      }
    }
    RawRequest raw = parser.release();
    Response response = co_await respond(raw, target, match, c);
    if (response.result_int() == kClientClosedRequest) {  // nobody to answer: nothing written, the connection ends
      c.busy = false;
      report(raw, match, kClientClosedRequest, started, c.client, c.certificate.get());
      co_return After::close;
    }
    const bool keep = raw.keep_alive() && !stopping_;
    response.keep_alive(keep);
    const unsigned status = response.result_int();
    const beast::error_code write_ec = co_await send(stream, c, response);
    c.busy = false;
    report(raw, match, status, started, c.client, c.certificate.get());
    const auto answered = std::chrono::steady_clock::now();
    if constexpr (!kOnTheSocket<Stream>) c.tls->answered = answered;
    give_way_if_due(answered);
    if (write_ec || !keep) co_return After::close;
    co_return buffer.size() > 0 ? After::more : After::idle;
  }

  // After an answer: gives this I/O thread's core to whoever waits for it, at most once per
  // options_.give_way_every (decision 0028). Each I/O thread keeps its own time, as the scheduler sees threads.
  void give_way_if_due(std::chrono::steady_clock::time_point now) const {
    thread_local GiveWay give_way;
    if (give_way.due(now, options_.give_way_every)) give_core_away();
  }

  // Reads a request's header into `parser`. With `keep_alive_wait` it first waits up to keep_alive_timeout
  // for the request's first byte (unless one is buffered already); then the whole header must arrive within
  // header_timeout. A connection's first request, and one that woke a parked connection, have
  // header_timeout from the start.
  template <typename Stream, typename Parser>
  awaitable<beast::error_code> read_header(Stream& stream, Connection& c, beast::flat_buffer& buffer, Parser& parser,
                                           bool keep_alive_wait) {
    if (keep_alive_wait && buffer.size() == 0) {
      c.live->expires_after(options_.keep_alive_timeout);
      auto [wait_ec, n] = co_await stream.async_read_some(buffer.prepare(kFirstRead), as_tuple);
      if (wait_ec) co_return wait_ec;
      buffer.commit(n);
    }
    if constexpr (kOnTheSocket<Stream>) {
      // A parked connection wakes with its request's bytes waiting: most headers are read here at once, with no
      // timer armed and no trip through the scheduler. What is not there yet is waited for below, timed.
      beast::error_code ec;
      beast_http::read_header(c.live->socket(), buffer, parser, ec);
      if (!would_block(ec)) co_return ec;
    }
    // One deadline for every read the header takes: a header trickled a byte at a time is cut at it.
    c.live->expires_after(options_.header_timeout);
    auto [ec, _] = co_await beast_http::async_read_header(stream, buffer, parser, as_tuple);
    co_return ec;
  }

  // Sends `response`. A small one goes out as one buffer (http/wire.h), on plain HTTP first straight into the
  // socket: a socket with room in its send buffer takes it whole, with no timer armed and no trip through the
  // scheduler. What it does not take is written timed, as a larger answer is.
  template <typename Stream>
  awaitable<beast::error_code> send(Stream& stream, Connection& c, Response& response) {
    const std::optional<std::string> wire = one_buffer(response);
    if (!wire) {
      c.live->expires_after(options_.read_timeout);
      auto [ec, _] = co_await beast_http::async_write(stream, response, as_tuple);
      co_return ec;
    }
    std::size_t sent = 0;
    if constexpr (kOnTheSocket<Stream>) {
      beast::error_code ec;
      sent = c.live->socket().write_some(asio::buffer(*wire), ec);
      if (ec && !would_block(ec)) co_return ec;
      if (sent == wire->size()) co_return beast::error_code{};
    }
    c.live->expires_after(options_.read_timeout);
    auto [ec, _] = co_await asio::async_write(stream, asio::buffer(*wire) + sent, as_tuple);
    co_return ec;
  }

  awaitable<Response> respond(const RawRequest& raw, const std::optional<Target>& target, const Match& match,
                              const Connection& c) {
    const std::string& client = c.client;
    const ClientCertificate* certificate = c.certificate.get();
    Response response;
    bool server_error = true;  // answered here, not by a handler: the error page hook may dress it
    if (!target) {
      response = problem_response(HttpStatus::bad_request, "bad-target", "The request target is not a path.", raw.version());
    } else if (!match.route) {
      if (match.path_known) {
        response = problem_response(HttpStatus::method_not_allowed, "method-not-allowed",
                                    "This path does not take that method.", raw.version());
        std::string allow;
        for (Verb v : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(beast_http::to_string(v));
        response.set(beast_http::field::allow, allow);
      } else {
        response = problem_response(HttpStatus::not_found, "not-found", "Nothing is here.", raw.version());
      }
    } else {
      Request request{raw, target->path, target->query, match.params, client, tls_, certificate};
      server_error = false;
      // (No co_await inside a conditional expression: GCC 12 miscompiles it.)
      if (match.route->heavy) {
        response = co_await run_on_workers(*match.route, request, c.live->socket().native_handle(), server_error);
        if (response.result_int() == kClientClosedRequest) co_return response;
      } else {
        response = call(*match.route, request, server_error);
      }
    }
    response.version(raw.version());
    if (server_error && hooks_.error_page) {
      Request request{raw, target ? target->path : "", target ? target->query : std::map<std::string, std::string>{},
                      {}, client, tls_};
      Response plain = response;
      try {
        hooks_.error_page(response, request);
      } catch (const std::exception&) {
        response = std::move(plain);  // a page that cannot be drawn leaves the problem document
      }
      response.version(raw.version());
    }
    if (hooks_.decorate) {
      Request request{raw, target ? target->path : "", {}, {}, client, false};
      hooks_.decorate(response, request);
    }
    co_return response;
  }

  // `failed` becomes true when the handler threw (the answer is then the server's 500).
  static Response call(const Route& route, Request& request, bool& failed) {
    try {
      return route.handler(request);
    } catch (const std::exception&) {
      failed = true;
      return problem_response(HttpStatus::internal_server_error, "internal", "Something went wrong; nothing was changed.",
                              request.raw.version());
    }
  }

  // Runs `work` on the worker pool and resumes the calling coroutine on its own executor with the answer. Not
  // co_spawn: a spawned coroutine that never suspends posts its completion to the back of the pool's queue first,
  // so every answer waited behind the hashes queued after it (half of each login's wait, and its tail).
  template <typename Work>
  auto on_workers(Work work) {
    return asio::async_initiate<decltype(use_awaitable), void(Response)>(
        [this](auto handler, Work work) {
          auto resume = asio::prefer(asio::get_associated_executor(handler),
                                     asio::execution::outstanding_work.tracked);
          asio::post(workers_, [handler = std::move(handler), work = std::move(work), resume]() mutable {
            // The pool's threads hash: they yield to the I/O threads, whose answers take microseconds.
            static thread_local const bool lowered = lower_this_threads_priority();
            (void)lowered;
            Response response = work();
            asio::dispatch(resume, [handler = std::move(handler), response = std::move(response)]() mutable {
              std::move(handler)(std::move(response));
            });
          });
        },
        use_awaitable, std::move(work));
  }

  // A heavy request waits its turn for a worker. A client that has closed the connection by then (it gave up, or a
  // benchmark's line ended) cannot read the answer: its work is not done, and the answer is kClientClosedRequest,
  // which exchange() reports and does not send (decision 0026). A client that only shut down its sending side
  // counts as gone too: the socket cannot tell the two apart.
  awaitable<Response> run_on_workers(const Route& route, Request& request, int socket, bool& failed) {
    if (in_flight_.fetch_add(1) >= options_.worker_queue) {
      --in_flight_;
      failed = true;
      co_return problem_response(HttpStatus::service_unavailable, "overloaded",
                                 "Too many requests are waiting; try again shortly.", request.raw.version(), std::chrono::seconds{1});
    }
    Response response = co_await on_workers([&route, &request, &failed, socket] {
      if (client_has_gone(socket)) return Response{static_cast<HttpStatus>(kClientClosedRequest), request.raw.version()};
      return call(route, request, failed);
    });
    --in_flight_;
    co_return response;
  }

  // Answers a request that could not be read; returns the status sent.
  template <typename Stream>
  awaitable<unsigned> answer_read_error(Stream& stream, const beast::error_code& ec) {
    Response response;
    if (ec == beast_http::error::body_limit)
      response = problem_response(HttpStatus::payload_too_large, "body-too-large", "The request body is too large.");
    else if (ec == beast_http::error::header_limit)
      response = problem_response(HttpStatus::request_header_fields_too_large, "header-too-large", "The request header is too large.");
    else
      response = problem_response(HttpStatus::bad_request, "bad-request", "The request is not valid HTTP/1.1.");
    response.keep_alive(false);
    if (hooks_.decorate) {
      RawRequest empty;
      Request request{empty, "", {}, {}, "", false};
      hooks_.decorate(response, request);
    }
    co_await beast_http::async_write(stream, response, as_tuple);
    co_return response.result_int();
  }

  void report(const RawRequest& raw, const Match& match, unsigned status,
              std::chrono::steady_clock::time_point started, const std::string& client,
              const ClientCertificate* certificate = nullptr) {
    if (!hooks_.on_exchange) return;
    hooks_.on_exchange(Exchange{std::string(raw.method_string()), match.route ? match.route->pattern : "unmatched",
                                status,
                                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started),
                                client, certificate != nullptr ? certificate->problem : std::string()});
  }

  // Plain HTTP: the stream is the socket's, and the fast paths may read and write the (non-blocking) socket itself.
  template <typename Stream>
  static constexpr bool kOnTheSocket = std::is_same_v<Stream, beast::tcp_stream>;
  static bool would_block(const beast::error_code& ec) {
    return ec == asio::error::would_block || ec == asio::error::try_again;
  }

  // The peer has closed the connection, or shut down its side of it, or reset it; the socket is left as it was.
  static bool client_has_gone(int socket) {
    pollfd peer{socket, POLLRDHUP, 0};
    return ::poll(&peer, 1, 0) == 1 && (peer.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
  }

  static std::vector<std::unique_ptr<asio::io_context>> make_contexts(std::size_t count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (std::size_t i = 0; i < count; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    return contexts;
  }

  // nginx's status for a request whose client closed the connection before its answer: never sent, only reported.
  static constexpr unsigned kClientClosedRequest = 499;
  static constexpr std::size_t kFirstRead = 4096;  // bytes taken by the read that ends a keep-alive wait
  // Under a login flood the I/O threads answer GET /me and the refusals beside hashes that take the cores: the
  // workers run 10 nice levels below the process (issue 16: /me's p99 beside a flood). On Linux each thread has
  // its own nice value, and setpriority(PRIO_PROCESS, 0, ...) sets the calling thread's.
  static constexpr int kWorkerNiceness = 10;
  static bool lower_this_threads_priority() {
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, 0);
    return errno == 0 && ::setpriority(PRIO_PROCESS, 0, std::min(19, nice + kWorkerNiceness)) == 0;
  }

  ServerOptions options_;
  const Router& router_;
  ServerHooks hooks_;
  // Before contexts_: a handler or coroutine frame that a context's destructor destroys still gives its connection's
  // Admission back to them.
  std::atomic<std::size_t> open_{0};
  PerAddressLimit per_address_;
  // One io_context per I/O thread, each run by that thread alone (hence the concurrency hint 1, and no strands):
  // accepted connections are dealt to the threads in turn, each lives on its own, and no thread hands work to
  // another (decision 0023). Work guards keep a thread with no connection yet running until stop().
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> busy_until_stopped_;
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  std::uint64_t largest_body_limit_ = 0;
  bool tls_ = false;  // set by start(), before any connection
  mutable std::mutex tls_mu_;
  std::shared_ptr<asio::ssl::context> tls_context_;  // Guarded by tls_mu_.
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> in_flight_{0};
  std::mutex mu_;
  std::set<std::shared_ptr<Connection>> connections_;  // Guarded by mu_.
  mutable std::mutex parked_mu_;
  ParkedList parked_;               // Guarded by parked_mu_, as are the three below.
  asio::steady_timer sweeper_{*contexts_.front()};
  bool sweeping_ = false;
  std::uint64_t parks_ = 0;
};

Server::Server(ServerOptions options, const Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(hooks))) {}
Server::~Server() = default;
Status Server::start() { return impl_->start(); }
bool Server::tls() const { return impl_->tls(); }
Status Server::reload_tls() { return impl_->reload_tls(); }
unsigned short Server::port() const { return impl_->port(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }
std::size_t Server::worker_backlog() const { return impl_->worker_backlog(); }
std::size_t Server::open_connections() const { return impl_->open_connections(); }
std::size_t Server::parked_connections() const { return impl_->parked_connections(); }
std::size_t Server::open_connections_from(const std::string& address) const {
  return impl_->open_connections_from(address);
}

}  // namespace sportello::http
