#pragma once
// The server's log sink: JSON lines to standard output through stdio's buffer, flushed by the logger's own
// policy (json_logger: at once for a warning or worse, else every second) instead of after every line as
// spdlog's stdout sink does. A request line then costs no write(2) of its own, and the sink's lock is held for
// a copy, not a system call, so the I/O threads seldom wait on each other (issue 16: GET /me). The banner
// printed with std::cout shares the same buffer (cout is synced with stdio), so the order of lines holds.
#include <spdlog/sinks/base_sink.h>

#include <cstdio>
#include <mutex>

namespace sportello {

class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

}  // namespace sportello
