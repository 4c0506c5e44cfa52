// Runs the Python sinks as child processes and reads what they stored (see sinks.h). Children are made with
// fork and execv, asking the kernel to SIGTERM them if the test process dies first.
#include "support/sinks.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include "core/crypto_init.h"

namespace sportello::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("test sink: " + what); }

// __FILE__ is absolute under CMake, so the scripts are found from any working directory.
std::filesystem::path support_folder() { return std::filesystem::path(__FILE__).parent_path(); }

int milliseconds_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

bool is_executable(const std::filesystem::path& path) { return access(path.c_str(), X_OK) == 0; }

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Between fork and exec only async-signal-safe calls: no allocation, no locks.
[[noreturn]] void become_child(char* const* argv, int output, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
  int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (nothing >= 0) dup2(nothing, STDIN_FILENO);
  dup2(output, STDOUT_FILENO);  // the duplicate loses O_CLOEXEC: the program keeps it
  execv(argv[0], argv);
  _exit(127);
}

// NNNNNN.<extension>: a stored record; the sinks write under a dot name first, then rename.
bool is_record_name(const std::string& name, const std::string& extension) {
  if (name.size() != 7 + extension.size() || name[6] != '.' || name.substr(7) != extension) return false;
  return std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::filesystem::path> record_paths(const std::filesystem::path& folder, const std::string& extension) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (is_record_name(entry.path().filename().string(), extension)) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> complete_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;  // a last line without its newline is still being written
}

}  // namespace

// ---- ChildProcess -------------------------------------------------------------------------------------------

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv) {
  if (argv.empty() || !is_executable(argv[0])) fail("cannot run " + (argv.empty() ? std::string("nothing") : argv[0]));
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int pipe_ends[2];
  if (pipe2(pipe_ends, O_CLOEXEC) != 0) fail("cannot make a pipe");
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) become_child(args.data(), pipe_ends[1], parent);
  close(pipe_ends[1]);
  if (pid < 0) {
    close(pipe_ends[0]);
    fail("cannot fork");
  }
  return ChildProcess(pid, pipe_ends[0]);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), output_(std::exchange(other.output_, -1)),
      pending_(std::move(other.pending_)), status_(other.status_) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) stop();
    close_output();
    pid_ = std::exchange(other.pid_, -1);
    output_ = std::exchange(other.output_, -1);
    pending_ = std::move(other.pending_);
    status_ = other.status_;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) stop();
  close_output();
}

void ChildProcess::close_output() {
  if (output_ >= 0) close(output_);
  output_ = -1;
}

ChildProcess::Read ChildProcess::read_more(Clock::time_point deadline) {
  if (output_ < 0) return Read::end;
  pollfd ready{output_, POLLIN, 0};
  int polled = poll(&ready, 1, milliseconds_left(deadline));
  if (polled < 0) return errno == EINTR ? Read::more : Read::end;
  if (polled == 0) return Read::timed_out;
  char buffer[4096];
  ssize_t got = read(output_, buffer, sizeof buffer);
  if (got < 0) return errno == EINTR ? Read::more : Read::end;
  if (got == 0) return Read::end;
  pending_.append(buffer, static_cast<std::size_t>(got));
  return Read::more;
}

std::optional<std::string> ChildProcess::read_line(milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (std::size_t newline = pending_.find('\n'); newline != std::string::npos) {
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return line;
    }
    if (read_more(deadline) != Read::more) return std::nullopt;
  }
}

std::optional<std::string> ChildProcess::read_to_end(milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    switch (read_more(deadline)) {
      case Read::more: break;
      case Read::end: return std::exchange(pending_, {});
      case Read::timed_out: return std::nullopt;
    }
  }
}

bool ChildProcess::reap(Clock::time_point deadline) {
  for (;;) {
    pid_t done = waitpid(pid_, &status_, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) {
      pid_ = -1;
      return true;
    }
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
}

int ChildProcess::stop(milliseconds grace) {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    if (!reap(Clock::now() + grace)) {
      kill(pid_, SIGKILL);
      reap(Clock::time_point::max());
    }
  }
  close_output();
  return status_;
}

int ChildProcess::wait(milliseconds timeout) {
  if (pid_ > 0 && !reap(Clock::now() + timeout)) stop();
  close_output();
  return status_;
}

// ---- finding things -------------------------------------------------------------------------------------------

std::string python3() {
  if (const char* chosen = std::getenv("SPORTELLO_TEST_PYTHON"); chosen != nullptr && *chosen != '\0') return chosen;
  if (is_executable("/usr/bin/python3")) return "/usr/bin/python3";
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  std::istringstream folders(path);
  for (std::string folder; std::getline(folders, folder, ':');) {
    if (!folder.empty() && is_executable(std::filesystem::path(folder) / "python3"))
      return (std::filesystem::path(folder) / "python3").string();
  }
  fail("no python3 found");
}

int unused_loopback_port() {
  int sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0) fail("cannot make a socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bool bound = bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
               getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(sock);
  if (!bound) fail("cannot find a free loopback port");
  return ntohs(address.sin_port);
}

// ---- RecordingSink, SmtpSink, HttpSink ---------------------------------------------------------------------

namespace {

std::vector<std::string> sink_command(const std::string& script, const std::filesystem::path& folder,
                                      const std::vector<std::string>& extra_args) {
  std::filesystem::path program = support_folder() / script;
  if (!std::filesystem::exists(program)) fail(program.string() + " is missing");
  std::vector<std::string> argv = {python3(), program.string(), "--dir", folder.string()};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  return argv;
}

}  // namespace

RecordingSink::RecordingSink(const std::string& script, const std::vector<std::string>& extra_args)
    : dir_(std::make_unique<TempDir>()),
      process_(ChildProcess::spawn(sink_command(script, dir_->path(), extra_args))) {
  std::optional<std::string> line = process_.read_line(std::chrono::seconds(20));
  constexpr std::string_view ready = "listening ";
  if (!line || !line->starts_with(ready))
    fail(script + " did not start (with " + python3() + "; smtp_sink.py needs python3-aiosmtpd)");
  port_ = std::stoi(line->substr(ready.size()));
}

std::vector<std::string> RecordingSink::files(const std::string& extension) const {
  std::vector<std::string> contents;
  for (const auto& path : record_paths(folder(), extension)) contents.push_back(read_whole_file(path));
  return contents;
}

std::size_t RecordingSink::count(const std::string& extension) const {
  return record_paths(folder(), extension).size();
}

bool RecordingSink::wait_for(std::size_t wanted, const std::string& extension, milliseconds timeout) const {
  auto deadline = Clock::now() + timeout;
  while (count(extension) < wanted) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return true;
}

SmtpSink SmtpSink::start(const std::vector<std::string>& extra_args) {
  return SmtpSink(RecordingSink("smtp_sink.py", extra_args));
}

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(port()); }

std::vector<std::string> SmtpSink::messages() const { return sink_.files("eml"); }

std::vector<std::string> SmtpSink::index() const {
  std::filesystem::path path = sink_.folder() / "index.jsonl";
  if (!std::filesystem::exists(path)) return {};
  return complete_lines(read_whole_file(path));
}

bool SmtpSink::wait_for(std::size_t count, milliseconds timeout) const { return sink_.wait_for(count, "eml", timeout); }

HttpSink HttpSink::start(const std::vector<std::string>& extra_args) {
  return HttpSink(RecordingSink("http_sink.py", extra_args));
}

std::string HttpSink::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + path;
}

std::vector<std::string> HttpSink::requests() const { return sink_.files("json"); }

bool HttpSink::wait_for(std::size_t count, milliseconds timeout) const {
  return sink_.wait_for(count, "json", timeout);
}

// ---- parse_mail ------------------------------------------------------------------------------------------------

namespace {

// Prints "<field> <base64 of the UTF-8 value>" lines, so any value survives the pipe unchanged.
constexpr const char* mail_reader = R"PY(
import base64, email, email.policy, email.utils, sys
with open(sys.argv[1], "rb") as f:
    message = email.message_from_bytes(f.read(), policy=email.policy.default)
def put(key, value):
    print(key, base64.b64encode(str(value).encode("utf-8")).decode("ascii"))
sender = message["From"]
if sender is not None and sender.addresses:
    put("from_name", sender.addresses[0].display_name)
    put("from_address", sender.addresses[0].addr_spec)
put("to", message["To"] or "")
put("subject", message["Subject"] or "")
put("message_id", message["Message-ID"] or "")
put("content_type", message.get_content_type())
try:
    put("date_epoch", int(email.utils.parsedate_to_datetime(str(message["Date"])).timestamp()))
except Exception:
    put("date_epoch", 0)
for key, kind in (("text", "plain"), ("html", "html")):
    part = message.get_body(preferencelist=(kind,))
    if part is not None and part.get_content_type() == "text/" + kind:
        put(key, part.get_content().replace("\r\n", "\n"))
for part in message.walk():
    for defect in part.defects:
        put("defect", type(defect).__name__)
    for name, value in part.items():
        for defect in getattr(value, "defects", ()):
            put("defect", name + ": " + type(defect).__name__)
)PY";

std::string from_base64(std::string_view text) {
  ensure_crypto_initialised();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    fail("the mail reader printed something that is not base64");
  out.resize(length);
  return out;
}

void set_field(ParsedMail& mail, const std::string& key, std::string value) {
  if (key == "from_name") mail.from_name = std::move(value);
  else if (key == "from_address") mail.from_address = std::move(value);
  else if (key == "to") mail.to = std::move(value);
  else if (key == "subject") mail.subject = std::move(value);
  else if (key == "message_id") mail.message_id = std::move(value);
  else if (key == "content_type") mail.content_type = std::move(value);
  else if (key == "date_epoch") mail.date_epoch = std::stoll(value);
  else if (key == "text") mail.text = std::move(value);
  else if (key == "html") mail.html = std::move(value);
  else if (key == "defect") mail.defects.push_back(std::move(value));
}

}  // namespace

ParsedMail parse_mail(const std::string& raw_eml) {
  TempDir dir;
  std::filesystem::path file = dir / "message.eml";
  std::ofstream(file, std::ios::binary) << raw_eml;
  ChildProcess reader = ChildProcess::spawn({python3(), "-c", mail_reader, file.string()});
  std::optional<std::string> output = reader.read_to_end(std::chrono::seconds(20));
  int status = reader.wait(std::chrono::seconds(5));
  if (!output || !WIFEXITED(status) || WEXITSTATUS(status) != 0) fail("python could not read the message");
  ParsedMail mail;
  for (const std::string& line : complete_lines(*output)) {
    std::size_t space = line.find(' ');
    if (space == std::string::npos) fail("the mail reader printed an unexpected line");
    set_field(mail, line.substr(0, space), from_base64(line.substr(space + 1)));
  }
  return mail;
}

}  // namespace sportello::testing
