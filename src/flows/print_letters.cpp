#include "flows/print_letters.h"

#include <cstdio>
#include <sstream>

#include "core/civil_time.h"

namespace sportello {
namespace {

constexpr const char* kMonthsIt[] = {"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                                     "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};
constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Paragraphs are separated by blank lines; lines inside one paragraph are joined by a space.
std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (const std::string& line : lines_of(text)) {
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : " ") + line;
    }
  }
  if (!current.empty()) paragraphs.push_back(current);
  return paragraphs;
}

std::string reference_for(const OutboxMessage& message) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "L%08lld", static_cast<long long>(message.id));
  return buffer;
}

}  // namespace

std::string letter_date(Instant at, const std::string& language) {
  const Date d = rome_date(at);
  const auto month = static_cast<unsigned>(d.month()) - 1;
  const std::string day = std::to_string(static_cast<unsigned>(d.day()));
  const std::string year = std::to_string(static_cast<int>(d.year()));
  if (language == "en") return "Rome, " + day + " " + kMonthsEn[month] + " " + year;
  return "Roma, " + day + " " + kMonthsIt[month] + " " + year;
}

Result<Letter> PrintLetters::letter_for(const OutboxMessage& message, Instant now) const {
  auto content = message_content(message, ctx_.box, catalog_, policy_, true);
  if (!content) return content.error();
  const RenderedMessage* rendered = &content->rendered;
  const std::string& secret = content->secret;
  const std::string& language = content->language;
  Letter letter;
  letter.reference = reference_for(message);
  letter.address = lines_of(message.recipient);
  letter.recipient = letter.address.empty() ? "" : letter.address.front();
  letter.date = letter_date(now, language);
  letter.subject = rendered->subject;
  letter.paragraphs = paragraphs_of(rendered->text);
  letter.secret_label = rendered->secret_label;
  letter.secret = secret;
  letter.instructions = rendered->instructions;
  return letter;
}

Status PrintLetters::set_aside_letter(const OutboxMessage& message, const Error& why) {
  return ctx_.store.run([&](Repositories& repos) -> Status {
    repos.outbox().mark_unprintable(message.id, why.code + ": " + why.message);
    return Ok{};
  });
}

Result<std::string> PrintLetters::next_batch_name(Instant now) {
  const std::string day = format_date(rome_date(now));  // YYYY-MM-DD
  const std::string prefix = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2) + "-";
  std::string name;
  Status read = ctx_.store.read([&](Repositories& repos) -> Status {
    for (int n = 1; n < 10000; ++n) {
      char suffix[8];
      std::snprintf(suffix, sizeof suffix, "%04d", n);
      if (!repos.outbox().find_batch(prefix + suffix)) {
        name = prefix + suffix;
        return Ok{};
      }
    }
    return Error::unavailable("No free print batch name left for " + day);
  });
  if (!read) return read.error();
  return name;
}

Result<std::optional<BatchSummary>> PrintLetters::close_batch(const Actor& actor) {
  // One writer at a time (the server's courier, `sportelloctl letters close-batch`), from choosing the
  // letters to recording their batch: no letter goes into two batches, and leftovers can be told apart.
  auto lock = spool_.lock();
  if (!lock) return lock.error();
  const Instant now = ctx_.clock.now();
  std::vector<OutboxMessage> waiting;
  Status read = ctx_.store.read([&](Repositories& repos) -> Status {
    waiting = repos.outbox().pending_letters(max_letters_);
    return Ok{};
  });
  if (!read) return read.error();
  if (waiting.empty()) return std::optional<BatchSummary>{};
  std::vector<Letter> letters;
  std::vector<OutboxMessage> printable;
  for (const OutboxMessage& message : waiting) {
    auto letter = letter_for(message, now);
    Status fits = letter ? check_letter(*letter) : Status(letter.error());
    if (!fits) {  // set aside, visible as failed, so that one bad letter never holds up the others
      if (auto set_aside = set_aside_letter(message, fits.error()); !set_aside) return set_aside.error();
      continue;
    }
    letters.push_back(std::move(*letter));
    printable.push_back(message);
  }
  waiting = std::move(printable);
  if (waiting.empty()) return std::optional<BatchSummary>{};
  auto name = next_batch_name(now);
  if (!name) return name.error();
  // The records do not know this name, so what the spool holds under it (a `.partial` folder, or a batch
  // written but not recorded) was left by a writer killed before recording it; its letters are still waiting
  // here. Removed, or every later batch of the day would stop at the name.
  if (auto cleared = spool_.discard(*name); !cleared) return cleared.error();
  auto written = spool_.write_batch(*name, letters);
  if (!written) return written.error();
  Status recorded = ctx_.store.run([&](Repositories& repos) -> Status {
    repos.outbox().add_batch({*name, static_cast<int>(waiting.size()), now, std::nullopt});
    for (const OutboxMessage& message : waiting) repos.outbox().mark_printed(message.id, *name, now);
    repos.audit().append(actor.id, "letters.batch-closed", "batch:" + *name, std::to_string(waiting.size()) + " letters", now);
    return Ok{};
  });
  if (!recorded) {
    (void)spool_.discard(*name);  // not recorded: the letters stay pending and go into the next batch
    return recorded.error();
  }
  return std::optional<BatchSummary>{std::move(*written)};
}

Status PrintLetters::hand_over(const std::string& batch, const Actor& actor) {
  const Instant now = ctx_.clock.now();
  Status recorded = ctx_.store.run([&](Repositories& repos) -> Status {
    auto found = repos.outbox().find_batch(batch);
    if (!found) return Error{ErrorKind::not_found, "batch-not-found", "No print batch named " + batch, "batch", {}};
    if (found->handed_over_at) return Ok{};
    repos.outbox().mark_handed_over(batch, now);
    repos.audit().append(actor.id, "letters.batch-handed-over", "batch:" + batch, "", now);
    return Ok{};
  });
  if (!recorded) return recorded;
  return spool_.hand_over(batch);
}

}  // namespace sportello
