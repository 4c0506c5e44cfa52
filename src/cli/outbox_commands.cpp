// sportelloctl outbox list | retry ID
#include "cli/console.h"

namespace sportello::cli {
namespace {

struct ListOptions {
  std::string status, recipient;
  bool failed = false;
  bool reveal = false;
  int limit = 100;
};

boost::json::object message_json(const OutboxMessage& m, const std::optional<std::string>& secret) {
  boost::json::object params;
  for (const auto& [k, v] : m.params) params[k] = v;
  boost::json::object row{{"id", m.id}, {"event_key", m.event_key}, {"channel", to_string(m.channel)},
                          {"recipient", m.recipient}, {"template", m.template_name}, {"params", params},
                          {"status", to_string(m.status)}, {"attempts", m.attempts},
                          {"created_at", format_utc_iso(m.created_at)}, {"has_secret", !m.secret_sealed.empty()}};
  if (!m.message_id.empty()) row["message_id"] = m.message_id;
  if (m.sent_at) row["sent_at"] = format_utc_iso(*m.sent_at);
  if (!m.batch.empty()) row["batch"] = m.batch;
  if (secret) row["secret"] = *secret;
  if (!m.last_error.empty()) row["last_error"] = m.last_error;
  return row;
}

void list(Console& console, const ListOptions& o) {
  OutboxFilter filter;
  const std::string wanted = o.failed ? "failed" : o.status;
  if (!wanted.empty()) {
    filter.status = parse_message_status(wanted);  // CLI11 has checked the spelling
  }
  if (!o.recipient.empty()) filter.recipient = o.recipient;
  filter.limit = o.limit;
  App* app = console.app();
  if (!app) return;
  FlowContext& ctx = app->context();
  std::vector<OutboxMessage> messages;
  auto status = ctx.store.run([&](Repositories& repos) -> Status {
    messages = repos.outbox().list(filter);
    if (o.reveal) repos.audit().append(console.actor().id, "outbox.secrets-revealed", "outbox", "", ctx.clock.now());
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  boost::json::array rows;
  std::string text;
  for (const OutboxMessage& m : messages) {
    std::optional<std::string> secret;
    if (o.reveal && !m.secret_sealed.empty())
      if (auto opened = ctx.box.open(m.secret_sealed)) secret = *opened;
    rows.push_back(message_json(m, secret));
    text += std::to_string(m.id) + "  " + to_string(m.status) + "  " + to_string(m.channel) + "  " + m.template_name +
            "  " + m.event_key + (secret ? "  secret=" + *secret : "") + "\n";
  }
  console.done(text.empty() ? "The outbox is empty." : text, {{"messages", rows}});
}

void retry(Console& console, std::int64_t id) {
  App* app = console.app();
  if (!app) return;
  FlowContext& ctx = app->context();
  const Instant now = ctx.clock.now();
  auto status = ctx.store.run([&](Repositories& repos) -> Status {
    auto message = repos.outbox().find(id);
    if (!message) return Error{ErrorKind::not_found, "message-not-found", "No outbox message " + std::to_string(id), "id", {}};
    if (!repos.outbox().retry_failed(id, now))
      return Error::illegal("message-not-failed", "Message " + std::to_string(id) + " is " + to_string(message->status) +
                                                      ", not failed; only failed messages are retried.");
    repos.audit().append(console.actor().id, "outbox.retry", "outbox:" + std::to_string(id), message->last_error, now);
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  console.done("Message " + std::to_string(id) + " is pending again and will be sent at the courier's next round.",
               {{"id", id}, {"status", "pending"}});
}

}  // namespace

void add_outbox_commands(CLI::App& root, Console& console) {
  CLI::App* outbox = root.add_subcommand("outbox", "Messages waiting for delivery or delivered")->require_subcommand(1);
  auto o = std::make_shared<ListOptions>();
  CLI::App* list_cmd = outbox->add_subcommand("list", "List outbox messages, oldest first");
  list_cmd->add_option("--status", o->status, "pending, sending, sent or failed")
      ->check(CLI::IsMember({"pending", "sending", "sent", "failed"}));
  list_cmd->add_flag("--failed", o->failed, "Only messages that keep failing");
  list_cmd->add_option("--recipient", o->recipient, "Only messages to this recipient");
  list_cmd->add_option("--limit", o->limit, "At most this many (default 100)")->check(CLI::Range(1, 100000));
  list_cmd->add_flag("--reveal-secrets", o->reveal, "Show the sealed PIN halves and codes (audited; for tests and support)");
  list_cmd->callback([&console, o] { list(console, *o); });
  auto id = std::make_shared<std::int64_t>(0);
  CLI::App* retry_cmd = outbox->add_subcommand("retry", "Send a failed message again (attempts start from zero)");
  retry_cmd->add_option("ID", *id, "The message's id (see outbox list --failed)")->required()->check(CLI::PositiveNumber);
  retry_cmd->callback([&console, id] { retry(console, *id); });
}

}  // namespace sportello::cli
