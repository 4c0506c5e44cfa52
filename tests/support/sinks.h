#pragma once
// Real servers for channel tests: an SMTP server (smtp_sink.py, aiosmtpd) and an HTTP server (http_sink.py)
// run as child processes on a free 127.0.0.1 port, each keeping what it received in its own temporary
// folder. A sink is stopped (SIGTERM, SIGKILL after 5 s) and its folder removed when the object dies; it
// also dies with the test process. start() throws std::runtime_error when the sink cannot start (GoogleTest
// reports it as the test's failure). Not thread-safe; one test uses one sink.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace sportello::testing {

// A child process whose standard output comes to the parent through a pipe; stopped when the object dies.
class ChildProcess {
 public:
  // Runs the program at the absolute path argv[0] with argv; standard input is /dev/null.
  static ChildProcess spawn(const std::vector<std::string>& argv);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ~ChildProcess();

  // The next line of its output without the newline; nullopt at the end of its output or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Everything it writes until it closes its output; nullopt if that takes longer than `timeout`.
  std::optional<std::string> read_to_end(std::chrono::milliseconds timeout);
  // SIGTERM, then SIGKILL if it is still there after `grace`; returns its wait status.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Waits up to `timeout` for it to exit by itself (then stops it); returns its wait status.
  int wait(std::chrono::milliseconds timeout);

 private:
  enum class Read { more, end, timed_out };
  ChildProcess(pid_t pid, int output) : pid_(pid), output_(output) {}
  Read read_more(std::chrono::steady_clock::time_point deadline);
  bool reap(std::chrono::steady_clock::time_point deadline);  // true once it has exited and been waited for
  void close_output();
  pid_t pid_ = -1;
  int output_ = -1;
  std::string pending_;  // read but not yet returned
  int status_ = 0;       // its wait status, once reaped
};

// The Python 3 that has the Debian packages the sinks need: $SPORTELLO_TEST_PYTHON when set, else
// /usr/bin/python3 when it exists (a python3 earlier in PATH, e.g. pyenv's, may lack python3-aiosmtpd),
// else python3 from PATH.
std::string python3();

// A port on 127.0.0.1 that nothing listens on right now (bound to port 0, then released).
int unused_loopback_port();

// What a sink script and its folder share: the process, the folder, the port and the stored files.
class RecordingSink {
 public:
  RecordingSink(const std::string& script, const std::vector<std::string>& extra_args);
  int port() const { return port_; }
  const std::filesystem::path& folder() const { return dir_->path(); }
  // The contents of the NNNNNN.<extension> files, in order; files being written are not seen.
  std::vector<std::string> files(const std::string& extension) const;
  std::size_t count(const std::string& extension) const;
  bool wait_for(std::size_t count, const std::string& extension, std::chrono::milliseconds timeout) const;

 private:
  std::unique_ptr<TempDir> dir_;  // outlives the process writing into it (members die in reverse order)
  ChildProcess process_;
  int port_ = 0;
};

class SmtpSink {
 public:
  // Extra arguments of smtp_sink.py: {"--reject-all"}, {"--fail-first", "1"}.
  static SmtpSink start(const std::vector<std::string>& extra_args = {});
  int port() const { return sink_.port(); }
  std::string url() const;                     // smtp://127.0.0.1:<port>
  std::vector<std::string> messages() const;   // the raw .eml contents, in order of arrival
  std::vector<std::string> index() const;      // the complete lines of index.jsonl (one JSON object each)
  // True once `count` messages have arrived; false if that does not happen within `timeout`.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  explicit SmtpSink(RecordingSink sink) : sink_(std::move(sink)) {}
  RecordingSink sink_;
};

class HttpSink {
 public:
  // Extra arguments of http_sink.py: {"--status", "400"}, {"--fail-first", "1"}.
  static HttpSink start(const std::vector<std::string>& extra_args = {});
  int port() const { return sink_.port(); }
  std::string url(const std::string& path = "/sms") const;  // http://127.0.0.1:<port><path>
  // One JSON text per request, in order: {"path", "headers": {lower-case name: value}, "body"}.
  std::vector<std::string> requests() const;
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  explicit HttpSink(RecordingSink sink) : sink_(std::move(sink)) {}
  RecordingSink sink_;
};

// A received e-mail as Python's email package (policy.default) reads it: headers decoded from RFC 2047,
// bodies decoded from their transfer encoding, line breaks as "\n". Empty strings for what is missing.
struct ParsedMail {
  std::string from_name, from_address, to, subject, message_id;
  std::string content_type;     // of the whole message, e.g. "multipart/alternative"
  long long date_epoch = 0;     // the Date header in seconds since 1970, 0 when absent or unreadable
  std::string text, html;       // the text/plain and text/html bodies
  std::vector<std::string> defects;  // what the parser found wrong, if anything
};
ParsedMail parse_mail(const std::string& raw_eml);

}  // namespace sportello::testing
