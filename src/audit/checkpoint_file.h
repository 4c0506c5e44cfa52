#pragma once
// The audit checkpoint file (`audit.checkpoint_file`): checkpoint lines only ever appended, each with one
// write on a descriptor opened O_APPEND and flushed to disk before append() returns; the file is created
// 0600 (and its folder) when missing. It is meant to live where the database's administrators cannot
// rewrite it (another host's mount, a file with chattr +a, a log shipper's input). Appends from several
// processes interleave whole lines. Thread-safe.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_checkpoint.h"
#include "core/result.h"

namespace sportello {

class CheckpointFile {
 public:
  explicit CheckpointFile(std::filesystem::path path) : path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

  // Appends `checkpoint`'s line and a newline. unavailable, naming the file, when it cannot.
  Status append(const AuditCheckpoint& checkpoint) const;

  // Every line in order, without newlines; a last line cut short (no newline) is returned as it is.
  // nullopt when the file does not exist; unavailable when it cannot be read.
  Result<std::optional<std::vector<std::string>>> lines() const;

  // The last complete line, read from the end of the file; nullopt when there is none.
  Result<std::optional<std::string>> last_line() const;

 private:
  std::filesystem::path path_;
};

}  // namespace sportello
