// sportelloctl outbox list | retry ID. Without --json the list is a table an operator reads at a glance:
// status, attempts and the last error (shortened to one line; the whole text is in --json).
#include <algorithm>

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

// The error on one line of at most kErrorWidth characters (UTF-8 kept whole), "…" when it was cut.
constexpr std::size_t kErrorWidth = 60;
std::string shortened(std::string error) {
  std::replace_if(error.begin(), error.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  std::size_t chars = 0, cut = 0;
  for (std::size_t i = 0; i < error.size(); ++i) {
    if ((static_cast<unsigned char>(error[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars == kErrorWidth) return error.substr(0, cut) + "…";
    if (++chars == kErrorWidth) cut = i;  // the last character is given up for the ellipsis
  }
  return error;
}

// Columns padded to their widest cell (ASCII headers; cells are ASCII but for the error, which comes last).
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c + 1 < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += c + 1 < row.size() ? row[c] + std::string(width[c] - row[c].size() + 2, ' ') : row[c];
    text += line.erase(line.find_last_not_of(' ') + 1) + "\n";
  }
  return text;
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
  std::vector<std::vector<std::string>> table_rows{
      {"ID", "STATUS", "ATTEMPTS", "CHANNEL", "TEMPLATE", "CREATED", "LAST ERROR"}};
  if (o.reveal) table_rows[0].insert(table_rows[0].end() - 1, "SECRET");
  for (const OutboxMessage& m : messages) {
    std::optional<std::string> secret;
    if (o.reveal && !m.secret_sealed.empty())
      if (auto opened = ctx.box.open(m.secret_sealed)) secret = *opened;
    rows.push_back(message_json(m, secret));
    std::vector<std::string> row{std::to_string(m.id), to_string(m.status), std::to_string(m.attempts),
                                 to_string(m.channel), m.template_name, format_utc_iso(m.created_at),
                                 m.last_error.empty() ? "-" : shortened(m.last_error)};
    if (o.reveal) row.insert(row.end() - 1, secret.value_or("-"));
    table_rows.push_back(std::move(row));
  }
  console.done(messages.empty() ? "The outbox is empty." : table(table_rows), {{"messages", rows}});
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
