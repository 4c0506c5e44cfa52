#include "flows/intermediaries/organisations.h"

namespace sportello {
namespace {

// The checked input; the first problem found.
Result<Organisation> checked(const OrganisationInput& input) {
  Organisation organisation;
  const auto code = normalise_organisation_code(input.code);
  if (!code)
    return Error::invalid("invalid-organisation-code",
                          "A code has 2 to 16 letters, digits or '-', and starts with a letter.", "code");
  const auto name = normalise_organisation_text(input.name);
  if (!name) return Error::invalid("invalid-organisation-name", "A name has 1 to 120 characters on one line.", "name");
  organisation.code = *code;
  organisation.name = *name;
  for (std::size_t i = 0; i < input.offices.size(); ++i) {
    if (input.offices[i].find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto office = normalise_organisation_text(input.offices[i]);
    if (!office)
      return Error::invalid("invalid-office",
                            "Office " + std::to_string(i + 1) + " is longer than 120 characters or not on one line.",
                            "offices");
    organisation.offices.push_back(*office);
  }
  if (organisation.offices.size() > kMaxOffices)
    return Error::invalid("too-many-offices", "An organisation lists at most 50 offices.", "offices");
  return organisation;
}

std::string offices_detail(const Organisation& organisation) {
  return organisation.name + "; " + std::to_string(organisation.offices.size()) + " offices";
}

}  // namespace

Error patronato_only() {
  return Error{ErrorKind::forbidden, "patronato-only", "Only a patronato's operators may do this.", {}, {}};
}

Error organisation_not_found() {
  return Error{ErrorKind::not_found, "organisation-not-found", "There is no organisation with that code.", "code", {}};
}

Result<Organisation> Organisations::add(const Actor& actor, const OrganisationInput& input) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  auto organisation = checked(input);
  if (!organisation) return organisation.error();
  const Instant now = ctx_.clock.now();
  organisation->created_at = now;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    if (repos.organisations().find_by_code(organisation->code))
      return Error{ErrorKind::conflict, "organisation-code-taken", "An organisation already has that code.", "code", {}};
    organisation->id = repos.organisations().insert(*organisation);
    repos.audit().append(actor.id, "organisation.added", "organisation:" + organisation->code,
                         offices_detail(*organisation), now);
    return Ok{};
  });
  if (!status) return status.error();
  return organisation;
}

Result<Organisation> Organisations::update(const Actor& actor, const OrganisationInput& input) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  auto wanted = checked(input);
  if (!wanted) return wanted.error();
  const Instant now = ctx_.clock.now();
  Organisation stored;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto found = repos.organisations().find_by_code(wanted->code);
    if (!found) return organisation_not_found();
    found->name = wanted->name;
    found->offices = wanted->offices;
    repos.organisations().update(*found);
    repos.audit().append(actor.id, "organisation.updated", "organisation:" + found->code, offices_detail(*found), now);
    stored = std::move(*found);
    return Ok{};
  });
  if (!status) return status.error();
  return stored;
}

Result<int> Organisations::set_disabled(const Actor& actor, const std::string& code, bool disabled) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  const auto normalised = normalise_organisation_code(code);
  if (!normalised) return organisation_not_found();
  const Instant now = ctx_.clock.now();
  int ended = 0;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto organisation = repos.organisations().find_by_code(*normalised);
    if (!organisation) return organisation_not_found();
    organisation->disabled = disabled;
    repos.organisations().update(*organisation);
    if (disabled)
      for (const StaffAccount& account : repos.staff().list())
        if (account.organisation_id == organisation->id)
          ended += repos.sessions().end_all_for(SubjectKind::staff, account.id, "organisation-disabled", now);
    repos.audit().append(actor.id, disabled ? "organisation.disabled" : "organisation.enabled",
                         "organisation:" + organisation->code,
                         disabled ? std::to_string(ended) + " operator sessions ended" : "", now);
    return Ok{};
  });
  if (!status) return status.error();
  return ended;
}

Result<std::vector<OrganisationSummary>> Organisations::list(const Actor& actor) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  std::vector<OrganisationSummary> summaries;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    const auto staff = repos.staff().list();
    for (Organisation& organisation : repos.organisations().list()) {
      OrganisationSummary summary{std::move(organisation), 0};
      for (const StaffAccount& account : staff)
        if (account.organisation_id == summary.organisation.id) ++summary.operators;
      summaries.push_back(std::move(summary));
    }
    return Ok{};
  });
  if (!status) return status.error();
  return summaries;
}

Result<Organisation> Organisations::get(const Actor& actor, const std::string& code) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  const auto normalised = normalise_organisation_code(code);
  if (!normalised) return organisation_not_found();
  std::optional<Organisation> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    found = repos.organisations().find_by_code(*normalised);
    return Ok{};
  });
  if (!status) return status.error();
  if (!found) return organisation_not_found();
  return std::move(*found);
}

Result<Organisation> operator_organisation(Repositories& repos, const Actor& actor) {
  if (actor.console || actor.role != Role::patronato || actor.id.rfind("staff:", 0) != 0) return patronato_only();
  const auto account = repos.staff().find_by_username(actor.id.substr(6));
  if (!account || account->disabled || !account->organisation_id) return patronato_only();
  auto organisation = repos.organisations().find(*account->organisation_id);
  if (!organisation) return patronato_only();
  if (organisation->disabled)
    return Error{ErrorKind::forbidden, "organisation-disabled", "Your organisation is disabled.", {}, {}};
  return std::move(*organisation);
}

}  // namespace sportello
