#include "app/courier_service.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "core/random.h"
#include "courier/channels/sms_gateway.h"
#include "courier/channels/smtp_transport.h"
#include "flows/recover_pin.h"

namespace sportello {
namespace {

SmtpSettings smtp_settings(const Config::Mail& m) {
  SmtpSettings s;
  s.url = m.url;
  s.tls = m.tls == "none"       ? SmtpSettings::Tls::none
          : m.tls == "starttls" ? SmtpSettings::Tls::starttls_required
                                : SmtpSettings::Tls::starttls_if_offered;
  s.username = m.username;
  s.password = m.password;
  s.from_address = m.from_address;
  s.from_name = m.from_name;
  s.timeout = m.timeout;
  return s;
}

SmsSettings sms_settings(const Config::Sms& c) {
  SmsSettings s;
  s.url = c.url;
  s.token = c.token;
  s.sender = c.sender;
  s.timeout = c.timeout;
  return s;
}

Actor courier_actor() { return Actor::operator_console("courier"); }

void log_report(const DeliveryReport& r) {
  if (r.claimed == 0) return;
  if (auto log = spdlog::get("sportello"))
    log->info(R"("msg":"courier","claimed":{},"sent":{},"retrying":{},"failed":{})", r.claimed, r.sent, r.retrying,
              r.failed);
}

}  // namespace

std::string courier_owner_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + random_digits(6);
}

CourierPolicy courier_policy_from(const Config& c) {
  CourierPolicy p;
  p.batch_size = static_cast<int>(c.courier.batch_size);
  p.lease = c.courier.lease;
  p.max_attempts = static_cast<int>(c.courier.max_attempts);
  p.backoff_base = c.courier.backoff_base;
  p.backoff_max = c.courier.backoff_max;
  p.message_id_domain = c.courier.message_id_domain;
  p.site = c.courier.site;
  p.language = c.courier.language;
  p.activation_days = static_cast<int>(std::chrono::duration_cast<std::chrono::days>(c.pin.activation_window).count());
  return p;
}

Result<std::unique_ptr<CourierService>> CourierService::create(App& app) {
  auto catalog = MessageCatalog::builtin();
  if (!catalog) return catalog.error();
  std::unique_ptr<CourierService> service(new CourierService(app));
  const Config& c = app.config();
  service->catalog_ = *catalog;
  service->email_ = std::make_unique<SmtpTransport>(smtp_settings(c.email));
  if (!c.pec.url.empty()) service->pec_ = std::make_unique<SmtpTransport>(smtp_settings(c.pec));
  service->sms_ = std::make_unique<SmsGateway>(sms_settings(c.sms));
  service->spool_ = std::make_unique<PrintSpool>(c.letters.spool_dir, LetterHead{});
  const CourierPolicy policy = courier_policy_from(c);
  service->deliver_ = std::make_unique<DeliverMessages>(
      app.context(), **catalog, ChannelTransports{service->email_.get(), service->pec_.get(), service->sms_.get()},
      policy, courier_owner_name());
  service->letters_ = std::make_unique<PrintLetters>(app.context(), **catalog, *service->spool_, policy,
                                                     static_cast<int>(c.letters.max_per_batch));
  return service;
}

CourierService::~CourierService() { stop(); }

Result<DeliveryReport> CourierService::deliver_now(int rounds) {
  // Recoveries are answered before their work (issue 15): the round first turns the queued ones into links.
  if (auto matched = RecoverPin(app_.context()).process_queued(); !matched) return matched.error();
  DeliveryReport total;
  for (int i = 0; i < rounds; ++i) {
    auto round = deliver_->run_once();
    if (!round) return round.error();
    total.claimed += round->claimed;
    total.sent += round->sent;
    total.retrying += round->retrying;
    total.failed += round->failed;
    if (round->claimed == 0) break;
  }
  return total;
}

Result<std::optional<BatchSummary>> CourierService::close_batch_now(const Actor& actor) {
  return letters_->close_batch(actor);
}

Status CourierService::hand_over(const std::string& batch, const Actor& actor) {
  return letters_->hand_over(batch, actor);
}

void CourierService::start() {
  std::lock_guard lock(mu_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { loop(); });
}

void CourierService::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

bool CourierService::letters_due() {
  bool due = false;
  FlowContext& ctx = app_.context();
  (void)ctx.store.read([&](Repositories& repos) -> Status {
    const auto oldest = repos.outbox().pending_letters(1);
    due = !oldest.empty() && ctx.clock.now() - oldest.front().created_at >= app_.config().letters.batch_every;
    return Ok{};
  });
  return due;
}

void CourierService::loop() {
  const auto interval = app_.config().courier.poll_interval;
  for (;;) {
    auto report = deliver_now(50);
    if (report) log_report(*report);
    else if (auto log = spdlog::get("sportello")) log->warn(R"("msg":"courier","error":"{}")", report.error().message);
    if (letters_due()) {
      auto batch = letters_->close_batch(courier_actor());
      if (auto log = spdlog::get("sportello"); log && batch && *batch)
        log->info(R"("msg":"letters","batch":"{}","letters":{})", (*batch)->batch, (*batch)->rows.size());
      else if (log && !batch)
        log->warn(R"("msg":"letters","error":"{}")", batch.error().message);
    }
    std::unique_lock lock(mu_);
    if (wake_.wait_for(lock, interval, [this] { return stopping_; })) return;
  }
}

}  // namespace sportello
