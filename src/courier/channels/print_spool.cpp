// Print batches on disk. Input is checked before anything touches the disk; every file is created 0600
// (the mode set before a byte is written) and flushed, inside `<spool>/.<batch>.partial` (0700), which is
// then renamed to `<spool>/<batch>` without replacing anything; any failure removes the partial folder.
// The manifest is RFC 4180 CSV with CRLF line ends and reads back to the rows that were written.
#include "courier/channels/print_spool.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/digest.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;
using Records = std::vector<std::vector<std::string>>;

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxAddressLines = 6;
constexpr std::size_t kMaxAddressLineCharacters = 100;  // with 6 lines, what the envelope window holds at 6 pt
const std::vector<std::string> kManifestHeader = {"batch", "letter", "recipient", "address", "pages", "sha256"};

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

Error io_error(const fs::path& path, const std::string& action, int err) {
  return Error::unavailable("print spool: cannot " + action + " " + path.string() + ": " +
                            std::error_code(err, std::generic_category()).message());
}

Error invalid_batch_name() {
  return Error::invalid("invalid-batch-name",
                        "a batch name is 1-64 letters, digits, '-' or '_', starting with a letter or digit", "batch");
}

Error batch_exists(const std::string& batch) {
  return Error::invalid("batch-exists", "the print spool already holds a batch named " + batch, "batch");
}

Error batch_not_found(const std::string& batch) {
  return Error{ErrorKind::not_found, "batch-not-found", "the print spool holds no batch named " + batch, "batch", {}};
}

// --- input -------------------------------------------------------------------------------------------------

bool is_safe_name(const std::string& name) {
  auto letter_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || name.size() > kMaxNameLength || !letter_or_digit(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return letter_or_digit(c) || c == '-' || c == '_'; });
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF) without NUL.
bool is_utf8_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead == 0) return false;
    if (lead < 0x80) { ++i; continue; }
    const std::size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (extra == 0 || lead > 0xF4 || i + extra >= text.size()) return false;
    unsigned code = lead & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const unsigned smallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < smallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

// Code points in well-formed UTF-8: the bytes that do not continue a sequence.
std::size_t characters(const std::string& utf8) {
  return std::count_if(utf8.begin(), utf8.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

bool all_text_is_utf8(const Letter& letter) {
  std::vector<std::string_view> texts = {letter.recipient, letter.date, letter.subject, letter.secret_label,
                                         letter.secret};
  texts.insert(texts.end(), letter.address.begin(), letter.address.end());
  texts.insert(texts.end(), letter.paragraphs.begin(), letter.paragraphs.end());
  texts.insert(texts.end(), letter.instructions.begin(), letter.instructions.end());
  return std::all_of(texts.begin(), texts.end(), is_utf8_text);
}

Status validate_batch(const std::string& batch, const std::vector<Letter>& letters) {
  if (!is_safe_name(batch)) return invalid_batch_name();
  if (letters.empty()) return Error::invalid("empty-batch", "a batch holds at least one letter", "letters");
  std::set<std::string> references;
  for (const auto& letter : letters) {
    if (auto valid = check_letter(letter); !valid) return valid;
    if (!references.insert(letter.reference).second)
      return Error::invalid("duplicate-letter-reference", "letter " + letter.reference + " appears twice", "reference");
  }
  return Ok{};
}

bool looks_like_pdf(const std::string& bytes) {
  const std::size_t tail = bytes.size() > 64 ? bytes.size() - 64 : 0;
  return bytes.starts_with("%PDF-") && bytes.find("%%EOF", tail) != std::string::npos;
}

// --- files -------------------------------------------------------------------------------------------------

// Creates `path` as a new 0600 file holding `bytes`, flushed to disk.
Status write_new_file(const fs::path& path, std::string_view bytes) {
  Fd file{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
  if (file.fd < 0) return io_error(path, "create", errno);
  if (::fchmod(file.fd, 0600) != 0) return io_error(path, "set the mode of", errno);  // before any byte
  while (!bytes.empty()) {
    const ssize_t n = ::write(file.fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "write", errno);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(file.fd) != 0) return io_error(path, "flush", errno);
  return Ok{};
}

Result<std::string> read_file(const fs::path& path) {
  Fd file{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
  if (file.fd < 0) return io_error(path, "open", errno);
  std::string content;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "read", errno);
    if (n == 0) return content;
    content.append(buffer, static_cast<std::size_t>(n));
  }
}

// Creates a new folder that only its owner can enter (the umask may have taken bits away: set them again).
Status make_private_folder(const fs::path& path) {
  if (::mkdir(path.c_str(), 0700) != 0) return io_error(path, "create the folder", errno);
  if (::chmod(path.c_str(), 0700) != 0) return io_error(path, "set the mode of", errno);
  return Ok{};
}

// The spool folder as it is, or created 0700 (with any missing parents) when it is missing.
Status ensure_root(const fs::path& root) {
  std::error_code ec;
  if (fs::is_directory(root, ec)) return Ok{};
  if (root.has_parent_path()) {
    fs::create_directories(root.parent_path(), ec);
    if (ec) return io_error(root.parent_path(), "create the folder", ec.value());
  }
  if (auto made = make_private_folder(root); !made && !fs::is_directory(root, ec)) return made;
  return Ok{};
}

// Flushes a folder's entries; best effort, as some file systems cannot flush a folder.
void sync_folder(const fs::path& folder) {
  Fd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd >= 0) ::fsync(dir.fd);
}

// Renames `from` to `to` unless `to` exists; false when it does.
Result<bool> rename_unless_taken(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  int err = errno;
  if (err == EINVAL || err == ENOSYS) {  // the file system cannot refuse to replace: rename(2) still refuses
    if (::rename(from.c_str(), to.c_str()) == 0) return true;  // to replace a folder that is not empty
    err = errno;
  }
  if (err == EEXIST || err == ENOTEMPTY) return false;
  return io_error(to, "rename a batch folder to", err);
}

// A batch folder being written aside; removed with everything in it unless published.
class PartialFolder {
 public:
  explicit PartialFolder(fs::path path) : path_(std::move(path)) {}
  ~PartialFolder() {
    std::error_code ignored;
    if (created_) fs::remove_all(path_, ignored);
  }
  PartialFolder(const PartialFolder&) = delete;
  PartialFolder& operator=(const PartialFolder&) = delete;

  const fs::path& path() const { return path_; }

  Status create() {
    if (auto made = make_private_folder(path_); !made) return made;  // EEXIST: another writer is at it
    created_ = true;
    return make_private_folder(path_ / "letters");
  }

  // Flushes the folder and renames it to `target`; false when `target` exists.
  Result<bool> publish(const fs::path& target) {
    sync_folder(path_ / "letters");
    sync_folder(path_);
    auto renamed = rename_unless_taken(path_, target);
    if (renamed && *renamed) {
      created_ = false;
      sync_folder(target.parent_path());
    }
    return renamed;
  }

 private:
  fs::path path_;
  bool created_ = false;
};

// --- manifest ----------------------------------------------------------------------------------------------

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string record;
  for (const auto& field : fields) record += (record.empty() ? "" : ",") + csv_field(field);
  return record + "\r\n";
}

std::string manifest_csv(const std::vector<ManifestRow>& rows) {
  std::string csv = csv_record(kManifestHeader);
  for (const auto& row : rows)
    csv += csv_record({row.batch, row.letter, row.recipient, row.address, std::to_string(row.pages), row.sha256});
  return csv;
}

// RFC 4180 records (a lone LF also ends one). nullopt for a quote inside an unquoted field, text after a
// closing quote, a bare CR outside quotes or a quote left open.
std::optional<Records> parse_csv(std::string_view text) {
  Records records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, was_quoted = false;
  auto end_field = [&] { record.push_back(std::move(field)); field.clear(); was_quoted = false; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool next_is = i + 1 < text.size();
    if (in_quotes) {
      if (c != '"') field += c;
      else if (next_is && text[i + 1] == '"') field += text[++i];
      else in_quotes = false;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || (c == '\r' && next_is && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_field();
      records.push_back(std::move(record));
      record.clear();
    } else if (c == '"' && field.empty() && !was_quoted) {
      in_quotes = was_quoted = true;
    } else if (c == '"' || c == '\r' || was_quoted) {
      return std::nullopt;
    } else {
      field += c;
    }
  }
  if (in_quotes) return std::nullopt;
  if (!field.empty() || was_quoted || !record.empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  return records;
}

Result<std::vector<ManifestRow>> rows_from_csv(const std::string& text, const fs::path& path) {
  auto malformed = [&](const std::string& why) {
    return Error::unavailable("print spool: manifest " + path.string() + " is malformed: " + why);
  };
  auto records = parse_csv(text);
  if (!records) return malformed("it is not CSV");
  if (records->empty() || records->front() != kManifestHeader) return malformed("unexpected header");
  std::vector<ManifestRow> rows;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& r = (*records)[i];
    if (r.size() != kManifestHeader.size()) return malformed("row " + std::to_string(i) + " has a wrong field count");
    ManifestRow row{r[0], r[1], r[2], r[3], 0, r[5]};
    const auto [end, ec] = std::from_chars(r[4].data(), r[4].data() + r[4].size(), row.pages);
    if (ec != std::errc{} || end != r[4].data() + r[4].size()) return malformed("row " + std::to_string(i) + " pages");
    rows.push_back(std::move(row));
  }
  return rows;
}

// --- letters -----------------------------------------------------------------------------------------------

std::string joined_address(const std::vector<std::string>& lines) {
  std::string joined;
  for (const auto& line : lines) joined += (joined.empty() ? "" : " | ") + line;
  return joined;
}

// Writes each letter's PDF into `folder`; returns the manifest rows, `pages[i]` being letter i's page count.
Result<std::vector<ManifestRow>> write_letters(const fs::path& folder, const std::string& batch,
                                               const std::vector<Letter>& letters, const LetterHead& head,
                                               const std::vector<int>& pages) {
  std::vector<ManifestRow> rows;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const Letter& letter = letters[i];
    const std::string pdf = render_letter_pdf(letter, head);
    const fs::path file = folder / (letter.reference + ".pdf");
    if (!looks_like_pdf(pdf)) return Error::unavailable("print spool: cannot render " + file.string());
    if (auto written = write_new_file(file, pdf); !written) return written.error();
    rows.push_back({batch, letter.reference, letter.recipient, joined_address(letter.address), pages[i],
                    sha256_hex(pdf)});
  }
  return rows;
}

fs::path without_trailing_separator(fs::path path) {
  return path.has_filename() || !path.has_parent_path() ? path : path.parent_path();
}

}  // namespace

Status check_letter(const Letter& letter) {
  if (!is_safe_name(letter.reference))
    return Error::invalid("invalid-letter-reference",
                          "a letter reference is 1-64 letters, digits, '-' or '_', starting with a letter or digit",
                          "reference");
  if (!all_text_is_utf8(letter))
    return Error::invalid("invalid-text", "letter " + letter.reference + " holds text that is not UTF-8", "letters");
  const bool line_too_long = std::any_of(letter.address.begin(), letter.address.end(), [](const std::string& line) {
    return characters(line) > kMaxAddressLineCharacters;
  });
  if (letter.address.empty() || letter.address.size() > kMaxAddressLines || line_too_long)
    return Error::invalid("invalid-address",
                          "letter " + letter.reference + " needs 1 to 6 address lines of at most 100 characters",
                          "address");
  return Ok{};
}


PrintSpool::PrintSpool(std::filesystem::path root, LetterHead head)
    : root_(without_trailing_separator(std::move(root))), head_(std::move(head)) {}

Result<BatchSummary> PrintSpool::write_batch(const std::string& batch, const std::vector<Letter>& letters) {
  if (auto valid = validate_batch(batch, letters); !valid) return valid.error();
  const fs::path folder = root_ / batch;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(folder, ec))) return batch_exists(batch);

  std::vector<int> pages;
  const std::string batch_pdf = render_batch_pdf(letters, head_, pages);
  if (!looks_like_pdf(batch_pdf)) return Error::unavailable("print spool: cannot render batch " + batch);

  if (auto made = ensure_root(root_); !made) return made.error();
  PartialFolder partial{root_ / ("." + batch + ".partial")};
  if (auto made = partial.create(); !made) return made.error();
  auto rows = write_letters(partial.path() / "letters", batch, letters, head_, pages);
  if (!rows) return rows.error();
  if (auto written = write_new_file(partial.path() / (batch + ".pdf"), batch_pdf); !written) return written.error();
  if (auto written = write_new_file(partial.path() / (batch + ".csv"), manifest_csv(*rows)); !written)
    return written.error();
  auto published = partial.publish(folder);
  if (!published) return published.error();
  if (!*published) return batch_exists(batch);
  return BatchSummary{batch, folder, folder / (batch + ".pdf"), folder / (batch + ".csv"), std::move(*rows)};
}

Status PrintSpool::hand_over(const std::string& batch) {
  if (!is_safe_name(batch)) return invalid_batch_name();
  const fs::path folder = root_ / batch;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(folder / (batch + ".csv"), ec))) return batch_not_found(batch);
  fs::remove(folder / (batch + ".pdf"), ec);
  if (ec) return io_error(folder / (batch + ".pdf"), "delete", ec.value());
  fs::remove_all(folder / "letters", ec);
  if (ec) return io_error(folder / "letters", "delete", ec.value());
  sync_folder(folder);
  return Ok{};
}

SpoolLock::~SpoolLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the file releases the lock
}

Result<SpoolLock> PrintSpool::lock() {
  if (auto made = ensure_root(root_); !made) return made.error();
  const fs::path path = root_ / ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return io_error(path, "open", errno);
  SpoolLock held(fd);
  int locked;
  do locked = ::flock(fd, LOCK_EX);
  while (locked != 0 && errno == EINTR);
  if (locked != 0) return io_error(path, "lock", errno);
  return held;
}

Status PrintSpool::discard(const std::string& batch) {
  if (!is_safe_name(batch)) return invalid_batch_name();
  const fs::path folder = root_ / batch;
  const fs::path doomed = root_ / ("." + batch + ".discarded");  // out of sight at once, then deleted
  const fs::path partial = root_ / ("." + batch + ".partial");
  std::error_code ec;
  fs::remove_all(doomed, ec);  // left by an earlier discard that failed half-way
  if (ec) return io_error(doomed, "delete", ec.value());
  fs::remove_all(partial, ec);  // left by a writer killed half-way
  if (ec) return io_error(partial, "delete", ec.value());
  if (::rename(folder.c_str(), doomed.c_str()) != 0) {
    if (errno == ENOENT) return Ok{};
    return io_error(folder, "move", errno);
  }
  fs::remove_all(doomed, ec);
  if (ec) return io_error(doomed, "delete", ec.value());
  sync_folder(root_);
  return Ok{};
}

Result<std::vector<ManifestRow>> PrintSpool::manifest(const std::string& batch) const {
  if (!is_safe_name(batch)) return invalid_batch_name();
  const fs::path path = root_ / batch / (batch + ".csv");
  auto text = read_file(path);
  if (!text) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec)) ? text.error() : batch_not_found(batch);
  }
  return rows_from_csv(*text, path);
}

}  // namespace sportello
