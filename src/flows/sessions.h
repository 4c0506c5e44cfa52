#pragma once
// Opening, checking and ending sessions (issue 2). A session is found by the SHA-256 of its bearer token;
// the token itself is returned once, at login, and never stored. Checking a session enforces the idle and
// absolute time-outs and records the activity.
#include <string>

#include "flows/flow_context.h"

namespace sportello {

struct OpenedSession {
  Session session;
  std::string token;  // 256 random bits, URL-safe base64; give it to the client once
};

// Creates the session inside the caller's transaction.
OpenedSession open_session(Repositories& repos, Session draft, Instant now);

class Sessions {
 public:
  explicit Sessions(FlowContext& ctx) : ctx_(ctx) {}
  // The live session for a token. Errors: session-unknown, session-ended, session-idle, session-expired.
  Result<Session> authenticate(const std::string& token);
  Status logout(const std::string& token);
  // The same, in one transaction with reading what the session was (single logout needs its IdP and NameID).
  Result<Session> close(const std::string& token);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
