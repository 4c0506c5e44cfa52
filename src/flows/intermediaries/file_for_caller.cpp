#include "flows/intermediaries/file_for_caller.h"

#include "core/codice_fiscale.h"
#include "intermediaries/identity_check.h"

namespace sportello {
namespace {

Error citizen_not_found() {
  return Error{ErrorKind::not_found, "citizen-not-found", "No citizen has this codice fiscale.", "codice_fiscale", {}};
}

// The caller's citizen id, found by codice fiscale.
Result<std::int64_t> caller_id(FlowContext& ctx, const std::string& codice_fiscale) {
  const auto cf = CodiceFiscale::parse(codice_fiscale, ctx.places, rome_date(ctx.clock.now()));
  if (!cf) return cf.error();
  std::optional<std::int64_t> id;
  auto read = ctx.store.read([&](Repositories& repos) -> Status {
    if (const auto citizen = repos.citizens().find_by_codice_fiscale(cf->code())) id = citizen->id;
    return Ok{};
  });
  if (!read) return read.error();
  if (!id) return citizen_not_found();
  return *id;
}

}  // namespace

Result<ApplicationForm> FileForCaller::form(const Actor& actor, const std::string& codice_fiscale, ApplicationType type) {
  if (auto allowed = actor.require({Role::contact_center}); !allowed) return allowed.error();
  auto id = caller_id(ctx_, codice_fiscale);
  if (!id) return id.error();
  return FileApplication(ctx_).form_for_citizen(*id, type);
}

Result<FiledApplication> FileForCaller::run(const Actor& actor, const CallerFiling& filing, std::vector<Error>& problems) {
  problems.clear();
  if (auto allowed = actor.require({Role::contact_center}); !allowed) return allowed.error();
  const auto questions = parse_identity_check(filing.identity_questions);
  if (!questions)
    return Error::invalid("identity-check-too-weak",
                          "Record at least two different questions the caller answered to prove who they are.",
                          "identity_questions");
  auto id = caller_id(ctx_, filing.codice_fiscale);
  if (!id) return id.error();
  const OnBehalf filer{actor.id, "Contact Center", "call; identity checked with " + describe_identity_check(*questions),
                       nullptr};
  return FileApplication(ctx_).run_on_behalf(*id, filing.draft, filer, problems);
}

}  // namespace sportello
