#pragma once
// The courier as sportello runs it (issue 4): the SMTP, PEC and SMS transports built from configuration,
// the message catalogue, the print spool, and a worker thread that delivers what is due every poll
// interval and closes a print batch once the oldest waiting letter is `letters.batch_every` old.
// The transports belong to one thread: the worker, or the caller of the *_now() methods when no worker runs.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/app.h"
#include "courier/channels/print_spool.h"
#include "courier/channels/transport.h"
#include "courier/message_catalog.h"
#include "flows/deliver_messages.h"
#include "flows/print_letters.h"

namespace sportello {

// "host:pid:random": who holds a lease, unique per process.
std::string courier_owner_name();

CourierPolicy courier_policy_from(const Config& config);

class CourierService {
 public:
  static Result<std::unique_ptr<CourierService>> create(App& app);
  ~CourierService();

  // Turns queued recoveries into links (RecoverPin::process_queued), then delivers until nothing is due (at
  // most `rounds` claims); adds up what happened.
  Result<DeliveryReport> deliver_now(int rounds = 1000);
  Result<std::optional<BatchSummary>> close_batch_now(const Actor& actor);
  Status hand_over(const std::string& batch, const Actor& actor);

  // The background worker of `sportello serve`; stop() wakes it and waits for the round in progress.
  void start();
  void stop();

 private:
  explicit CourierService(App& app) : app_(app) {}
  void loop();
  bool letters_due();

  App& app_;
  std::shared_ptr<const MessageCatalog> catalog_;
  std::unique_ptr<Transport> email_, pec_, sms_;
  std::unique_ptr<PrintSpool> spool_;
  std::unique_ptr<DeliverMessages> deliver_;
  std::unique_ptr<PrintLetters> letters_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread worker_;
};

}  // namespace sportello
