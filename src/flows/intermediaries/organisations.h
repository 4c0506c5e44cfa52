#pragma once
// Patronati (SPEC §6, issue 11): an administrator (or the console) adds an organisation with its offices,
// edits it, and disables it — which ends its operators' sessions in the same transaction and refuses their
// logins until it is enabled again. Every change is audited. Operators are staff accounts of role
// patronato bound to one organisation (StaffAccounts::add).
#include <optional>
#include <string>
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "intermediaries/organisation.h"

namespace sportello {

struct OrganisationInput {
  std::string code;
  std::string name;
  std::vector<std::string> offices;  // blank lines are dropped
};

struct OrganisationSummary {
  Organisation organisation;
  int operators = 0;  // staff accounts bound to it (disabled ones included)
};

class Organisations {
 public:
  explicit Organisations(FlowContext& ctx) : ctx_(ctx) {}
  // Administrators. Errors: invalid-organisation-code, invalid-organisation-name, invalid-office (field
  // "offices", the message names which), too-many-offices, organisation-code-taken.
  Result<Organisation> add(const Actor& actor, const OrganisationInput& input);
  // Administrators: name and offices (the code stays). Errors: as add, organisation-not-found.
  Result<Organisation> update(const Actor& actor, const OrganisationInput& input);
  // Administrators. Disabling ends every open session of its operators; returns how many were ended.
  // Errors: organisation-not-found.
  Result<int> set_disabled(const Actor& actor, const std::string& code, bool disabled);
  // Administrators: every organisation by code, with its number of operators.
  Result<std::vector<OrganisationSummary>> list(const Actor& actor);
  // Administrators. Errors: organisation-not-found.
  Result<Organisation> get(const Actor& actor, const std::string& code);

 private:
  FlowContext& ctx_;
};

// The organisation a patronato operator works for, read in the caller's transaction; forbidden
// (patronato-only, organisation-disabled) when the actor is not an operator of an enabled organisation.
Result<Organisation> operator_organisation(Repositories& repos, const Actor& actor);

Error organisation_not_found();
Error patronato_only();

}  // namespace sportello
