#pragma once
// Storage of applications (SPEC §5), used inside a UnitOfWork transaction. A citizen's application is found
// only together with its owner's id (find_for_citizen): there is no way for a citizen's request to name
// someone else's. Protocol numbers come from one counter per year, incremented in the filing transaction,
// so a rolled-back filing leaves no gap.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/application.h"

namespace sportello {

struct ApplicationQuery {
  std::optional<std::int64_t> citizen_id;    // a citizen's own search; absent for the back office
  std::optional<ApplicationType> type;
  std::vector<ApplicationState> states;      // empty: any
  std::optional<int> year;                   // of filing, Europe/Rome
  bool oldest_first = false;
  int limit = 200;
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  // The next protocol sequence of `year` (1 for the year's first application).
  virtual std::int64_t next_protocol_sequence(int year) = 0;
  // Stores the application with its fields and events (not its attachments); returns its id.
  virtual std::int64_t insert(const Application& application) = 0;
  virtual std::int64_t add_attachment(std::int64_t application_id, const AttachmentInfo& info, const std::string& bytes) = 0;
  // Whole (fields, events, attachments' descriptions), or nothing.
  virtual std::optional<Application> find(std::int64_t id) = 0;
  virtual std::optional<Application> find_for_citizen(std::int64_t citizen_id, std::int64_t id) = 0;
  virtual std::optional<Application> find_by_key(std::int64_t citizen_id, const std::string& idempotency_key) = 0;
  // Matching applications, newest first unless `oldest_first`, with their events but without fields.
  virtual std::vector<Application> search(const ApplicationQuery& query) = 0;
  // Stores the state, the handler and the events not yet stored.
  virtual void update(const Application& application) = 0;
  virtual std::optional<std::string> attachment_bytes(std::int64_t application_id, std::int64_t attachment_id) = 0;
};

// An attachment with its bytes.
struct AttachmentFile {
  AttachmentInfo info;
  std::string bytes;
};

// The attachment `attachment_id` of `application`, which the caller found the way its actor may see it
// (a citizen's own, or any for the back office); nothing when the application has no such attachment.
inline std::optional<AttachmentFile> read_attachment(ApplicationRepository& repository, const Application& application,
                                                     std::int64_t attachment_id) {
  for (const AttachmentInfo& info : application.attachments)
    if (info.id == attachment_id)
      if (auto bytes = repository.attachment_bytes(application.id, attachment_id)) return AttachmentFile{info, std::move(*bytes)};
  return std::nullopt;
}

}  // namespace sportello
