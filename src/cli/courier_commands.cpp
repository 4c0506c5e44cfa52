// sportelloctl courier run --once | letters close-batch | letters handed-over BATCH | letters list
#include "app/courier_service.h"
#include "cli/console.h"
#include "core/civil_time.h"

namespace sportello::cli {
namespace {

CourierService* courier(Console& console, std::unique_ptr<CourierService>& holder) {
  App* app = console.app();
  if (!app) return nullptr;
  if (!holder) {
    auto created = CourierService::create(*app);
    if (!created) {
      console.refused(created.error());
      return nullptr;
    }
    holder = std::move(*created);
  }
  return holder.get();
}

void run_once(Console& console, std::unique_ptr<CourierService>& holder) {
  CourierService* service = courier(console, holder);
  if (!service) return;
  auto report = service->deliver_now();
  if (!report) return console.refused(report.error());
  console.done(std::to_string(report->sent) + " sent, " + std::to_string(report->retrying) + " to retry later, " +
                   std::to_string(report->failed) + " failed.",
               {{"claimed", report->claimed}, {"sent", report->sent}, {"retrying", report->retrying},
                {"failed", report->failed}});
}

void close_batch(Console& console, std::unique_ptr<CourierService>& holder) {
  CourierService* service = courier(console, holder);
  if (!service) return;
  auto batch = service->close_batch_now(console.actor());
  if (!batch) return console.refused(batch.error());
  if (!*batch) return console.done("No letter is waiting; no batch was made.", {{"batch", nullptr}, {"letters", 0}});
  const BatchSummary& b = **batch;
  console.done("Batch " + b.batch + ": " + std::to_string(b.rows.size()) + " letters in " + b.pdf.string() +
                   ", manifest " + b.manifest.string(),
               {{"batch", b.batch}, {"letters", b.rows.size()}, {"pdf", b.pdf.string()}, {"manifest", b.manifest.string()}});
}

void handed_over(Console& console, std::unique_ptr<CourierService>& holder, const std::string& batch) {
  CourierService* service = courier(console, holder);
  if (!service) return;
  if (auto done = service->hand_over(batch, console.actor()); !done) return console.refused(done.error());
  console.done("Batch " + batch + " handed over: its PDFs are deleted, its manifest kept.",
               {{"batch", batch}, {"handed_over", true}});
}

void list_batches(Console& console) {
  App* app = console.app();
  if (!app) return;
  std::vector<LetterBatch> batches;
  auto read = app->context().store.read([&](Repositories& repos) -> Status {
    batches = repos.outbox().batches(100);
    return Ok{};
  });
  if (!read) return console.refused(read.error());
  boost::json::array rows;
  std::string text;
  for (const LetterBatch& b : batches) {
    boost::json::object row{{"batch", b.name}, {"letters", b.letters}, {"closed_at", format_utc_iso(b.closed_at)}};
    row["handed_over_at"] = b.handed_over_at ? boost::json::value(format_utc_iso(*b.handed_over_at)) : nullptr;
    rows.push_back(row);
    text += b.name + "  " + std::to_string(b.letters) + " letters  closed " + format_rome_datetime(b.closed_at) +
            (b.handed_over_at ? "  handed over " + format_rome_datetime(*b.handed_over_at) : "  not handed over") + "\n";
  }
  console.done(text.empty() ? "No print batch yet." : text, {{"batches", rows}});
}

}  // namespace

void add_courier_commands(CLI::App& root, Console& console) {
  auto holder = std::make_shared<std::unique_ptr<CourierService>>();
  CLI::App* courier_cmd = root.add_subcommand("courier", "Deliver the outbox (what `sportello serve` does by itself)")
                              ->require_subcommand(1);
  CLI::App* run = courier_cmd->add_subcommand("run", "Send every due e-mail, PEC and SMS message, then stop");
  auto once = std::make_shared<bool>(false);
  run->add_flag("--once", *once, "Run one delivery pass and stop (the only mode; for cron)");
  run->callback([&console, holder, once] { run_once(console, *holder); });  // `once` lives as long as the flag

  CLI::App* letters = root.add_subcommand("letters", "Print batches of PIN letters")->require_subcommand(1);
  letters->add_subcommand("close-batch", "Put every waiting letter into a new print batch (PDF + CSV manifest)")
      ->callback([&console, holder] { close_batch(console, *holder); });
  auto batch = std::make_shared<std::string>();
  CLI::App* handed = letters->add_subcommand("handed-over", "Record that the print house took a batch; delete its PDFs");
  handed->add_option("BATCH", *batch, "The batch name, e.g. 20261125-0001")->required();
  handed->callback([&console, holder, batch] { handed_over(console, *holder, *batch); });
  letters->add_subcommand("list", "Print batches, newest first")->callback([&console] { list_batches(console); });
}

}  // namespace sportello::cli
