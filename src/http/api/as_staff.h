#pragma once
// What the staff's handlers share: the caller as an Actor (a staff session's role; the flows check it), the
// body read before the flow runs, and answers with every problem of the input.
#include <optional>
#include <vector>

#include "flows/profile.h"
#include "http/api/api.h"
#include "http/api/auth.h"
#include "http/api/respond.h"
#include "http/json_body.h"

namespace sportello::http {

// Authenticates a staff caller and runs `then(actor)`; answers the problem otherwise.
template <typename Then>
Response as_staff(Api& api, Request& r, Then then) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto actor = staff_actor(api.ctx, caller->session);
  if (!actor) return reply(r, actor.error());
  return then(*actor);
}

// As above for a route of some roles only: any other staff caller is refused (role-forbidden, or `refused`
// where the flow says it its own way, e.g. patronato-only) before the body is read, so a refused role is told
// so whatever it sent. The flow checks again: this only answers first.
template <typename Then>
Response as_staff(Api& api, Request& r, std::initializer_list<Role> roles, const std::optional<Error>& refused, Then then) {
  return as_staff(api, r, [&](const Actor& actor) {
    if (auto allowed = actor.require(roles); !allowed) return reply(r, refused ? *refused : allowed.error());
    return then(actor);
  });
}

// The fields of a JSON body for `run`, only when every field had its type; otherwise the body's problem.
template <typename Fields, typename Read, typename Run>
Response with_body(Request& r, const Actor& actor, Read& read, Run& run) {
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  Fields fields = read(*body);
  if (body->type_problem()) return *body->type_problem();
  return run(actor, fields);
}

// `read` takes the fields out of the JSON body; `run` acts on them only when every field had its type.
template <typename Fields, typename Read, typename Run>
Response as_staff_with_body(Api& api, Request& r, Read read, Run run) {
  return as_staff(api, r, [&](const Actor& actor) { return with_body<Fields>(r, actor, read, run); });
}

// As above for a route of some roles only (the refusal before the body is read).
template <typename Fields, typename Read, typename Run>
Response as_staff_with_body(Api& api, Request& r, std::initializer_list<Role> roles, const std::optional<Error>& refused,
                            Read read, Run run) {
  return as_staff(api, r, roles, refused, [&](const Actor& actor) { return with_body<Fields>(r, actor, read, run); });
}

// The problem for `error`, listing every problem of the input (each with its field) when there are any.
inline Response problems_reply(const Request& r, const Error& error, const std::vector<Error>& problems) {
  return problems.empty() ? reply(r, error) : problem_response(error, problems, r.raw.version());
}

inline Response done_or(Request& r, const Status& s, const char* what) {
  return s ? reply(r, HttpStatus::ok, {{"status", what}}) : reply(r, s.error());
}

}  // namespace sportello::http
