#include "app/serve.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/buffered_stdout_sink.h"
#include "app/courier_service.h"
#include "app/huge_pages.h"
#include "app/site_address.h"
#include "flows/checkpoint_audit_log.h"
#include "flows/intermediaries/mandates.h"
#include "flows/purge_counters.h"
#include "http/api/api.h"
#include "http/problem.h"
#include "http/security_headers.h"
#include "http/server.h"
#include "web/error_pages.h"
#include "web/web.h"

namespace sportello {
namespace {

constexpr std::size_t kStdoutBuffer = 64 * 1024;

// `listen` ("HOST:PORT", the setting `key`) into the options' host and port.
Status set_listen(http::ServerOptions& o, const std::string& listen, const std::string& key) {
  const auto colon = listen.rfind(':');
  const Error bad = Error::invalid("invalid-listen", key + " is HOST:PORT", key);
  if (colon == std::string::npos) return bad;
  o.host = listen.substr(0, colon);
  try {
    o.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
  } catch (...) {
    return bad;
  }
  return Ok{};
}

Result<http::ServerOptions> server_options(const Config& c) {
  http::ServerOptions o;
  if (Status listen = set_listen(o, c.server.listen, "server.listen"); !listen) return listen.error();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  // Half the cores read and answer: one thread on two cores answered GET /me 15-20 % faster than two, with half
  // the tail, as it hands nothing to another thread (decision 0023). The hashes get a thread per core.
  o.io_threads = c.server.io_threads > 0 ? static_cast<std::size_t>(c.server.io_threads) : std::max(1u, cores / 2);
  o.worker_threads = cores;
  o.worker_queue = static_cast<std::size_t>(c.server.worker_queue);
  o.body_limit = c.server.body_limit;
  o.read_timeout = c.server.read_timeout;
  o.keep_alive_timeout = c.server.keep_alive_timeout;
  o.header_timeout = c.server.header_timeout;
  o.max_connections = static_cast<std::size_t>(c.server.max_connections);
  o.max_connections_per_address = static_cast<std::size_t>(c.server.max_connections_per_address);
  o.tls_certificate_file = c.server.tls_certificate.string();
  o.tls_key_file = c.server.tls_key.string();
  return o;
}

// The CNS listener (issue 12): the main listener's limits on [cns] listen, asking every client for its card.
// One I/O thread and one worker: it answers a card's login, then the citizen's pages until they follow a link.
Result<http::ServerOptions> cns_options(const Config& c, http::ServerOptions o) {
  if (Status listen = set_listen(o, c.cns.listen, "cns.listen"); !listen) return listen.error();
  o.io_threads = 1;
  o.worker_threads = 1;
  o.tls_client_ca_file = c.cns.ca_file.string();
  o.tls_client_crl_file = c.cns.crl_file.string();
  return o;
}

// SIGHUP: the listener reads its TLS files again; on an error it keeps what it had, and the log says why.
void reload_tls(http::Server& server, std::string_view listener, spdlog::logger& log) {
  if (!server.tls()) return;
  if (Status reloaded = server.reload_tls(); !reloaded)
    log.warn(R"("msg":"TLS files not reloaded; the previous ones stay","listener":"{}","cause":{})", listener,
             boost::json::serialize(boost::json::value(reloaded.error().message)));
  else
    log.info(R"("msg":"TLS files reloaded","listener":"{}")", listener);
  log.flush();  // an operator who sent the signal reads the outcome now
}

// JSON lines on standard output; a warning or worse is written at once, other lines within a second.
std::shared_ptr<spdlog::logger> json_logger() {
  // Nothing is on standard output yet. Into a file or a pipe, stdio's buffer is one disk block (4 KiB): a write(2)
  // on the I/O thread every 25 request lines. 64 KiB makes it one every few hundred (issue 16); the logger's
  // flush every second still bounds how late a line is. A terminal keeps its line buffering.
  // (glibc takes the size only with a buffer given: with none it allocates a block's worth.)
  static char stdout_buffer[kStdoutBuffer];
  if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  auto logger = std::make_shared<spdlog::logger>("sportello", std::make_shared<BufferedStdoutSink>());
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
  return logger;
}

// Runs `work` on a thread of its own every `every`, from one interval after construction until destruction
// (which waits for a run in progress).
class Every {
 public:
  Every(Seconds every, std::function<void()> work)
      : every_(every), work_(std::move(work)), thread_([this] { loop(); }) {}
  ~Every() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    std::unique_lock lock(mu_);
    while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) work_();
  }
  Seconds every_;
  std::function<void()> work_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread thread_;
};

// Signs the audit log's head into the checkpoint file when it moved (issue 15).
void checkpoint_audit_log(CheckpointAuditLog& checkpoint, spdlog::logger& log) {
  auto written = checkpoint.run();
  if (!written) log.error(R"("msg":"audit checkpoint not written","error":"{}")", written.error().message);
  else if (*written) log.info(R"("msg":"audit checkpoint","seq":{})", (*written)->seq);
}

}  // namespace

int serve(Config config, const ServeOverrides& overrides) {
  if (!overrides.listen.empty()) config.server.listen = overrides.listen;
  if (!overrides.db_path.empty()) config.database.url = "sqlite:" + overrides.db_path;
  auto options = server_options(config);
  if (!options) {
    std::cerr << "sportello: " << options.error().message << "\n";
    return 1;
  }
  // Signals go to the thread that waits for them, not to the server's threads: SIGTERM and SIGINT stop, SIGHUP
  // reads the TLS files again (a renewed certificate, the CNS issuers' new CRLs).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto log = json_logger();  // after the mask: its flushing thread must not take the signals either

  auto app = App::open(config);
  if (!app) {
    std::cerr << "sportello: " << app.error().message << "\n";
    return 1;
  }
  FlowContext& ctx = (*app)->context();
  http::Metrics metrics;
  http::Throttle throttle(static_cast<double>(config.server.throttle_per_minute),
                          static_cast<double>(config.server.throttle_burst), ctx.clock);
  http::Router router;
  std::unique_ptr<http::Server> server;
  http::Throttle costly(static_cast<double>(config.limits.address_per_hour) / 60.0,
                        static_cast<double>(config.limits.address_burst), ctx.clock);
  // gauges and ready are set below, once what they read exists.
  http::Api api{.ctx = ctx, .throttle = throttle, .metrics = metrics, .gauges = {}, .ready = {},
                .metrics_token = config.server.metrics_token, .costly = &costly};
  http::BodyCache bodies(config.session.read_cache_ttl, 4096);
  api.bodies = &bodies;
  api.gauges = [&] {
    int backlog = 0, failed = 0;
    (void)ctx.store.read([&](Repositories& repos) -> Status {
      backlog = repos.outbox().count(MessageStatus::pending) + repos.outbox().count(MessageStatus::sending);
      failed = repos.outbox().count(MessageStatus::failed);
      return Ok{};
    });
    return std::map<std::string, double>{{"sportello_hash_queue_depth", double(server->worker_backlog())},
                                         {"sportello_outbox_backlog", double(backlog)},
                                         {"sportello_outbox_failed", double(failed)},
                                         {"sportello_open_connections", double(server->open_connections())},
                                         {"sportello_parked_connections", double(server->parked_connections())}};
  };
  api.ready = [&]() -> Status {
    auto pending = Migrator((*app)->database()).pending();
    if (!pending) return pending.error();
    if (!pending->empty()) return Error::unavailable("The database schema is not current.");
    return Ok{};
  };
  http::add_api_routes(router, api);
  auto pages = web::Pages::builtin();
  if (!pages) {
    std::cerr << "sportello: " << pages.error().message << "\n";
    return 1;
  }
  web::Web site{api, **pages, config.web.assets_dir, (*app)->federation(), config.cns.public_url};
  web::add_web_routes(router, site);
  http::ServerHooks hooks;
  hooks.decorate = [&](http::Response& r, const http::Request&) { http::add_security_headers(r, api.tls); };
  hooks.error_page = [&](http::Response& r, const http::Request& q) { web::dress_error_page(site, r, q); };
  hooks.on_exchange = [&](const http::Exchange& e) {
    metrics.record(e);
    log->info(R"("msg":"request","method":"{}","route":"{}","status":{},"duration_us":{},"client":"{}")", e.method,
              e.route, e.status, e.duration.count(), e.client_address);
    // A CNS card refused (expired, revoked, unknown issuer, or its CA's CRL out of date): the operators' clue.
    if (!e.certificate_problem.empty())
      log->warn(R"("msg":"client certificate refused","reason":{},"route":"{}","client":"{}")",
                boost::json::serialize(boost::json::value(e.certificate_problem)), e.route, e.client_address);
  };
  // A 503 tells the client only that nothing was saved; the log gets the cause's first line, while serving.
  struct UnavailableLog {
    explicit UnavailableLog(std::shared_ptr<spdlog::logger> log) {
      http::set_unavailable_log([log](const std::string& cause) {
        log->error(R"("msg":"unavailable","cause":{})", boost::json::serialize(boost::json::value(cause)));
      });
    }
    ~UnavailableLog() { http::set_unavailable_log(nullptr); }
  } unavailable_log(log);
  server = std::make_unique<http::Server>(*options, router, hooks);
  if (auto started = server->start(); !started) {
    std::cerr << "sportello: " << started.error().message << "\n";
    return 1;
  }
  api.tls = server->tls();
  std::cout << "sportello listening on " << (api.tls ? "https://" : "http://") << options->host << ":" << server->port()
            << std::endl;
  log->info(R"("msg":"listening","port":{})", server->port());
  std::unique_ptr<http::Server> cns_server;
  if (!config.cns.listen.empty()) {
    auto cns = cns_options(config, *options);
    if (cns) {
      cns_server = std::make_unique<http::Server>(*cns, router, hooks);
      if (auto started = cns_server->start(); !started) cns = started.error();
    }
    if (!cns) {
      std::cerr << "sportello: CNS listener: " << cns.error().message << "\n";
      return 1;
    }
    std::cout << "sportello CNS listening on https://" << cns->host << ":" << cns_server->port() << std::endl;
    log->info(R"("msg":"listening","port":{},"cns":true)", cns_server->port());
  }
  // After the banner: tools that wait for "sportello listening on" read it first.
  if (is_loopback_site(config.courier.site))
    log->warn(R"("msg":"courier.site is a loopback address ({}): letters and mails would send citizens there; set courier.site (or SPORTELLO_COURIER_SITE) to the portal's public address")",
              config.courier.site);
  if (auto mode = transparent_huge_pages(); mode && *mode != "always")
    log->info(R"("msg":"transparent huge pages are not 'always': each Argon2 hash maps its memory in 4 KiB pages and a login costs about half as much again; see docs/operations.md","mode":"{}")",
              *mode);

  std::thread signal_waiter([&] {
    for (;;) {
      int received = 0;
      sigwait(&signals, &received);
      if (received == SIGHUP) {
        reload_tls(*server, "server", *log);
        if (cns_server) reload_tls(*cns_server, "cns", *log);
        continue;
      }
      log->info(R"("msg":"stopping","signal":{})", received);
      server->stop();
      if (cns_server) cns_server->stop();
      return;
    }
  });
  auto courier = CourierService::create(**app);
  if (!courier) {
    std::cerr << "sportello: " << courier.error().message << "\n";
    return 1;
  }
  if (config.courier.run_in_server) (*courier)->start();
  CheckpointAuditLog checkpoint(ctx, (*app)->checkpoint_signer(), (*app)->checkpoint_file());
  // The head as the server finds it: after a crash, the rows written since the last checkpoint are signed now,
  // not one interval later (a server killed more often than that would otherwise never sign them).
  checkpoint_audit_log(checkpoint, *log);
  {
    // Forgotten counters leave storage; mandates past their last day are stored expired (they already count
    // as expired when read).
    Every maintenance(config.lockout.purge_every, [&] {
      (void)purge_counters(ctx);
      (void)Mandates(ctx).expire_due();
    });
    Every checkpoints(config.audit.checkpoint_every, [&] { checkpoint_audit_log(checkpoint, *log); });
    std::thread cns_thread;
    if (cns_server) cns_thread = std::thread([&] { cns_server->run(); });
    server->run();
    if (cns_thread.joinable()) cns_thread.join();
  }
  (*courier)->stop();
  checkpoint_audit_log(checkpoint, *log);  // the head as the server leaves it
  if (signal_waiter.joinable()) signal_waiter.join();
  log->info(R"("msg":"stopped")");
  log->flush();
  return 0;
}

}  // namespace sportello
