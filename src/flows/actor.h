#pragma once
// Who performs a flow: a citizen (through their session), a staff member (with a role), or the operator
// console on the server itself (sportelloctl), which may perform every staff action.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "audit/audit_entry.h"
#include "core/result.h"
#include "staff/staff_account.h"

namespace sportello {

struct Actor {
  std::string id;              // "citizen:12", "staff:mrossi", "console:root"
  std::optional<Role> role;    // staff only
  bool console = false;

  static Actor citizen(std::int64_t citizen_id) { return {citizen_ref(citizen_id), std::nullopt, false}; }
  static Actor staff(const std::string& username, Role role) { return {"staff:" + username, role, false}; }
  static Actor operator_console(const std::string& user) { return {"console:" + user, std::nullopt, true}; }

  // Ok when the actor is the console or holds one of `roles`; otherwise a forbidden error.
  Status require(std::initializer_list<Role> roles) const {
    if (console) return Ok{};
    if (role)
      for (Role r : roles)
        if (r == *role) return Ok{};
    return Error{ErrorKind::forbidden, "role-forbidden", "Your role does not allow this operation.", {}, {}};
  }
};

// What a citizen's own service answers anyone else who asks for it.
inline Error citizens_only() { return Error{ErrorKind::forbidden, "citizens-only", "Only citizens may do this.", {}, {}}; }

}  // namespace sportello
