#include "core/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <system_error>

#include "core/crypto_init.h"
#include "core/random.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t kMaxKeyFileBytes = 1024;

// Wipes a std::string's bytes when it goes out of scope.
struct Wiped {
  std::string& s;
  ~Wiped() { sodium_memzero(s.data(), s.size()); }
};

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

Error io_error(const fs::path& path, const std::string& what, int err) {
  return Error::unavailable("key file " + path.string() + ": cannot " + what + ": " + std::strerror(err));
}

Error malformed(const fs::path& path, const std::string& why) {
  return Error::invalid("key-file-malformed", "key file " + path.string() + " " + why, path.string());
}

std::string trimmed(std::string_view s) {
  const char* space = " \t\r\n";
  auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(space) - first + 1));
}

std::string encode_key(std::string_view raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    kBase64);
  out.back() = '\n';  // replaces sodium's terminating NUL
  return out;
}

std::optional<std::string> decode_key(std::string_view text) {
  std::string raw(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, kBase64) != 0) {
    sodium_memzero(raw.data(), raw.size());
    return std::nullopt;
  }
  raw.resize(length);
  return raw;
}

Result<std::string> read_all(int fd, const fs::path& path) {
  std::string content(kMaxKeyFileBytes + 1, '\0');
  std::size_t used = 0;
  while (used < content.size()) {
    ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "read it", errno);
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  content.resize(used);
  return content;
}

// Reads and checks an open key file: a regular file, no access for group or others, one base64 line of
// `bytes` bytes.
Result<GuardedKey> read_key_file(int fd, const fs::path& path, std::size_t bytes) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return io_error(path, "stat it", errno);
  if (!S_ISREG(st.st_mode)) return malformed(path, "is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Error::invalid("key-file-exposed",
                          "key file " + path.string() + " is accessible to group or others (mode " + mode +
                              "); it must be 0600",
                          path.string());
  }
  auto content = read_all(fd, path);
  if (!content) return content.error();
  Wiped wipe_content{content.value()};
  if (content->size() > kMaxKeyFileBytes) return malformed(path, "is too large to hold a key");
  std::string text = trimmed(*content);
  Wiped wipe_text{text};
  auto raw = decode_key(text);
  if (!raw) return malformed(path, "does not hold standard base64");
  Wiped wipe_raw{*raw};
  if (raw->size() != bytes) return malformed(path, "does not hold a " + std::to_string(bytes) + "-byte key");
  return GuardedKey::from_bytes(*raw);
}

Status write_all(int fd, std::string_view data, const fs::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "write it", errno);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok{};
}

// Writes `content` to a fresh 0600 file at `temp`, flushed to disk.
Status write_temp_file(const fs::path& temp, std::string_view content) {
  Fd file{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
  if (file.fd < 0) return io_error(temp, "create it", errno);
  if (::fchmod(file.fd, 0600) != 0) return io_error(temp, "set its mode", errno);
  if (auto written = write_all(file.fd, content, temp); !written) return written;
  if (::fsync(file.fd) != 0) return io_error(temp, "flush it", errno);
  return Ok{};
}

// Renames `temp` to `path` unless `path` exists; true when renamed, false when another writer won the race.
Result<bool> publish(const fs::path& temp, const fs::path& path) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) return true;
  int err = errno;
  if (err == EEXIST) return false;
  if (err != EINVAL && err != ENOSYS) return io_error(path, "rename the new key into place", err);
  std::error_code ec;  // the filesystem cannot refuse to replace: plain rename
  fs::rename(temp, path, ec);
  if (ec) return io_error(path, "rename the new key into place", ec.value());
  return true;
}

void sync_folder(const fs::path& folder) {
  Fd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd >= 0) ::fsync(dir.fd);  // best effort: the rename is already visible
}

Result<GuardedKey> open_and_read(const fs::path& path, std::size_t bytes) {
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return io_error(path, "open it", errno);
  return read_key_file(file.fd, path, bytes);
}

fs::path temp_name_for(const fs::path& path) {
  const fs::path folder = path.parent_path();
  return folder / ("." + path.filename().string() + ".tmp-" + random_string("0123456789abcdef", 16));
}

Result<GuardedKey> create_key_file(const fs::path& path, std::size_t bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return io_error(path, "create its folder", ec.value());
  std::string raw = random_bytes(bytes);
  Wiped wipe_raw{raw};
  std::string text = encode_key(raw);
  Wiped wipe_text{text};
  const fs::path temp = temp_name_for(path);
  Status written = write_temp_file(temp, text);
  Result<bool> published = written ? publish(temp, path) : Result<bool>(written.error());
  if (!published || !*published) ::unlink(temp.c_str());
  if (!published) return published.error();
  if (!*published) return open_and_read(path, bytes);  // another process created it first: use that key
  sync_folder(path.has_parent_path() ? path.parent_path() : fs::path("."));
  return GuardedKey::from_bytes(raw);
}

}  // namespace

Result<GuardedKey> GuardedKey::from_bytes(std::string_view raw) {
  if (raw.empty()) return Error::invalid("key-empty", "a key must hold at least one byte", "key");
  ensure_crypto_initialised();
  auto* memory = static_cast<unsigned char*>(sodium_malloc(raw.size()));
  if (memory == nullptr) return Error::unavailable("cannot allocate guarded memory for a key");
  std::memcpy(memory, raw.data(), raw.size());
  sodium_mprotect_readonly(memory);
  std::shared_ptr<const unsigned char> bytes(memory, [](const unsigned char* p) {
    sodium_free(const_cast<unsigned char*>(p));  // wipes before freeing
  });
  return GuardedKey(std::move(bytes), raw.size());
}

Result<GuardedKey> load_or_create_key_file(const fs::path& path, std::size_t bytes) {
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 && errno == ENOENT) return create_key_file(path, bytes);
  if (file.fd < 0) return io_error(path, "open it", errno);
  return read_key_file(file.fd, path, bytes);
}

Result<GuardedKey> load_key_file(const fs::path& path, std::size_t bytes) {
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 && errno == ENOENT) {
    return Error{ErrorKind::not_found, "key-file-missing", "key file " + path.string() + " does not exist",
                 path.string(), {}};
  }
  if (file.fd < 0) return io_error(path, "open it", errno);
  return read_key_file(file.fd, path, bytes);
}

}  // namespace sportello
