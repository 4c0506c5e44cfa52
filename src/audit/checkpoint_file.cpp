#include "audit/checkpoint_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace sportello {
namespace {

namespace fs = std::filesystem;
constexpr off_t kTail = 4096;  // far longer than a checkpoint line

struct Fd {
  int fd = -1;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

Error io_error(const fs::path& path, const std::string& what, int err) {
  return Error::unavailable("checkpoint file " + path.string() + ": cannot " + what + ": " + std::strerror(err));
}

Result<std::string> read_from(int fd, off_t offset, const fs::path& path) {
  std::string out;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "read it", errno);
    if (n == 0) return out;
    out.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
}

}  // namespace

Status CheckpointFile::append(const AuditCheckpoint& checkpoint) const {
  std::error_code ec;
  if (path_.has_parent_path()) fs::create_directories(path_.parent_path(), ec);
  if (ec) return io_error(path_, "create its folder", ec.value());
  Fd file{::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)};
  if (file.fd < 0) return io_error(path_, "open it for appending", errno);
  const std::string line = checkpoint.line() + "\n";
  ssize_t n;
  do n = ::write(file.fd, line.data(), line.size());
  while (n < 0 && errno == EINTR);
  if (n < 0) return io_error(path_, "append to it", errno);
  if (static_cast<std::size_t>(n) != line.size()) return io_error(path_, "append a whole line to it", ENOSPC);
  if (::fsync(file.fd) != 0) return io_error(path_, "flush it", errno);
  return Ok{};
}

Result<std::optional<std::vector<std::string>>> CheckpointFile::lines() const {
  Fd file{::open(path_.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 && errno == ENOENT) return std::optional<std::vector<std::string>>();
  if (file.fd < 0) return io_error(path_, "open it", errno);
  auto content = read_from(file.fd, 0, path_);
  if (!content) return content.error();
  std::vector<std::string> out;
  std::string_view rest = *content;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    out.emplace_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::optional<std::string>> CheckpointFile::last_line() const {
  Fd file{::open(path_.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 && errno == ENOENT) return std::optional<std::string>();
  if (file.fd < 0) return io_error(path_, "open it", errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return io_error(path_, "stat it", errno);
  auto tail = read_from(file.fd, st.st_size > kTail ? st.st_size - kTail : 0, path_);
  if (!tail) return tail.error();
  std::string_view text = *tail;
  const std::size_t last_newline = text.rfind('\n');
  if (last_newline == std::string_view::npos) return std::optional<std::string>();
  text = text.substr(0, last_newline);
  const std::size_t start = text.rfind('\n');
  return std::optional<std::string>(std::string(start == std::string_view::npos ? text : text.substr(start + 1)));
}

}  // namespace sportello
