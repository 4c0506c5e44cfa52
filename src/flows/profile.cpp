#include "flows/profile.h"

#include <map>

#include "audit/audit_entry.h"
#include "flows/citizen_lookup.h"
#include "flows/federation/federated_session.h"

namespace sportello {
namespace {

// "mandate 12" in an audit row's details (flows/intermediaries write it so), or nothing.
std::optional<std::int64_t> mandate_named(const std::string& details) {
  const auto at = details.find("mandate ");
  if (at == std::string::npos || (at > 0 && details[at - 1] != ' ')) return std::nullopt;
  std::int64_t id = 0;
  std::size_t i = at + 8;
  for (; i < details.size() && i < at + 26 && details[i] >= '0' && details[i] <= '9'; ++i) id = id * 10 + (details[i] - '0');
  if (i == at + 8) return std::nullopt;
  return id;
}

Error not_a(const char* who) {  // "citizens", "staff"
  return Error{ErrorKind::forbidden, std::string(who) + "-only", std::string("Only ") + who + " may do this.", {}, {}};
}

}  // namespace

Result<CitizenProfile> Profile::citizen(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return not_a("citizens");
  const std::string key = std::to_string(session.subject_id);
  const Instant now = ctx_.clock.now();
  std::optional<CitizenAndPin> found;
  if (ctx_.caches) found = ctx_.caches->citizens.find(key, ctx_.store.generation(), now);
  if (!found) {
    const std::uint64_t generation = ctx_.store.generation();
    auto read = ctx_.store.read([&](Repositories& repos) -> Status {
      auto citizen = repos.citizens().find(session.subject_id);
      // A citizen SPID, CIE or CNS enrolled has no PIN (decision 0020).
      if (citizen) found = CitizenAndPin{std::move(*citizen), repos.credentials().find_by_citizen(session.subject_id)};
      return Ok{};
    });
    if (!read) return read.error();
    if (found && ctx_.caches) ctx_.caches->citizens.put(key, *found, generation, now);
  }
  if (!found) return no_such_holder();
  CitizenProfile profile{std::move(found->citizen), std::move(found->credential), std::nullopt, std::nullopt};
  if (!profile.credential) return profile;
  profile.pin_change_due = profile.credential->change_due_at(ctx_.policies.credential);
  if (profile.credential->state == CredentialState::issued)
    profile.pin_expires = profile.credential->expires_at(ctx_.policies.credential);
  return profile;
}

Result<StaffProfile> Profile::staff(const Session& session) {
  if (session.subject_kind != SubjectKind::staff) return not_a("staff");
  std::optional<StaffAccount> account;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    account = repos.staff().find(session.subject_id);
    return Ok{};
  });
  if (!read) return read.error();
  if (!account) return not_a("staff");
  if (account->disabled) return Error{ErrorKind::forbidden, "account-disabled", "This account is disabled.", {}, {}};
  return StaffProfile{account->username, account->role};
}

Result<std::vector<Access>> Profile::accesses(const Session& session, int limit) {
  if (session.subject_kind != SubjectKind::citizen) return not_a("citizens");
  const std::string holder = citizen_ref(session.subject_id);
  std::vector<Access> rows;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    std::map<std::string, std::optional<StaffAccount>> staff;  // each username looked up once
    std::map<std::int64_t, std::string> organisations;          // and each organisation
    for (const AuditEntry& e : repos.audit().about(holder, limit)) {
      const LoginThrough through = login_through(e.action, e.details);
      Access access{e.at, e.action, {}, mandate_named(e.details), e.details.starts_with("call;") ||
                                                                      e.details.find("; call;") != std::string::npos,
                    e.action.starts_with("application.") && e.details.starts_with("INPS.")
                        ? e.details.substr(0, e.details.find_first_of(" ;"))
                        : "",
                    through.provider, through.spid_level};
      if (e.actor == holder) {
        access.by.kind = AccessActor::Kind::holder;
      } else if (e.actor.starts_with("staff:")) {
        const std::string username = e.actor.substr(6);
        if (!staff.contains(username)) staff[username] = repos.staff().find_by_username(username);
        if (const auto& account = staff[username]) {
          access.by = {AccessActor::Kind::staff, account->full_name, account->role, ""};
          if (const auto id = account->organisation_id) {
            if (!organisations.contains(*id))
              if (const auto organisation = repos.organisations().find(*id)) organisations[*id] = organisation->name;
            access.by.organisation = organisations[*id];
          }
        }
        else
          access.by.kind = AccessActor::Kind::operator_;
      } else if (e.actor.starts_with("console:")) {
        access.by.kind = AccessActor::Kind::operator_;
      }
      rows.push_back(std::move(access));
    }
    return Ok{};
  });
  if (!read) return read.error();
  return rows;
}

std::string Profile::staff_name(const std::string& actor_id) {
  if (!actor_id.starts_with("staff:")) return "";
  std::string name;
  (void)ctx_.store.read([&](Repositories& repos) -> Status {
    if (auto account = repos.staff().find_by_username(actor_id.substr(6))) name = account->full_name;
    return Ok{};
  });
  return name;
}

Result<Actor> staff_actor(FlowContext& ctx, const Session& session) {
  auto profile = Profile(ctx).staff(session);
  if (!profile) return profile.error();
  return Actor::staff(profile->username, profile->role);
}

}  // namespace sportello
