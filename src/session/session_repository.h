#pragma once
// Storage of sessions. Implemented in store/; used inside a UnitOfWork transaction.
#include <optional>
#include <string>

#include "session/session.h"

namespace sportello {

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual std::int64_t insert(const Session& session) = 0;
  virtual std::optional<Session> find_by_token_hash(const std::string& token_hash) = 0;
  virtual void touch(std::int64_t id, Instant now) = 0;
  virtual void end(std::int64_t id, const std::string& reason, Instant now) = 0;
  // Ends every open session of a subject except `keep_id` (0 keeps none); returns how many.
  virtual int end_all_for(SubjectKind kind, std::int64_t subject_id, const std::string& reason, Instant now,
                          std::int64_t keep_id = 0) = 0;
  virtual void set_required_action(std::int64_t id, RequiredAction action) = 0;
  // Ends the live sessions an identity provider opened for `name_id` (only the one of `session_index` when it is
  // not empty), for its single logout. Returns how many.
  virtual int end_federated(const std::string& provider, const std::string& name_id, const std::string& session_index,
                            const std::string& reason, Instant now) = 0;
};

}  // namespace sportello
