#include "flows/federation/federated_session.h"

#include <vector>

#include "audit/audit_entry.h"
#include "core/contact.h"

namespace sportello {
namespace {

// The person as the party vouched for them; nullopt without a name to call them by.
std::optional<Citizen> enrolment(const CodiceFiscale& code, const FederatedIdentity& identity, Instant now) {
  if (identity.surname.empty() || identity.name.empty()) return std::nullopt;
  Citizen citizen;
  citizen.codice_fiscale = code.code();
  citizen.data.surname = identity.surname;
  citizen.data.name = identity.name;
  citizen.data.sex = code.sex();
  citizen.data.birth_date = code.birth_date();
  citizen.data.birth_place_code = code.belfiore();
  // A contact that does not read is left out rather than refusing the person; none counts as verified here.
  if (auto email = normalise_contact(ContactKind::email, identity.email); email && !identity.email.empty())
    citizen.contacts.email = *email;
  if (auto mobile = normalise_contact(ContactKind::mobile, identity.mobile); mobile && !identity.mobile.empty())
    citizen.contacts.mobile = *mobile;
  citizen.created_at = now;
  return citizen;
}

}  // namespace

Result<OpenedSession> open_federated_session(Repositories& repos, const CodiceFiscale& code,
                                             const FederatedIdentity& identity, Instant now) {
  auto citizen = repos.citizens().find_by_codice_fiscale(code.code());
  const bool enrolled = !citizen;
  if (enrolled) {
    citizen = enrolment(code, identity, now);
    if (!citizen)
      return Error{ErrorKind::not_found, "federated-unknown", "No record of this codice fiscale is held here.", "", {}};
    citizen->id = repos.citizens().insert(*citizen);
  }
  const std::string subject = citizen_ref(citizen->id);
  if (enrolled) repos.audit().append(subject, "citizen.enrolled", subject, identity.method + " " + identity.provider, now);
  Session draft;
  draft.subject_kind = SubjectKind::citizen;
  draft.subject_id = citizen->id;
  draft.level = identity.level;
  draft.required_action = RequiredAction::none;
  draft.method = identity.method;
  draft.provider = identity.provider;
  draft.name_id = identity.name_id;
  draft.session_index = identity.session_index;
  OpenedSession opened = open_session(repos, std::move(draft), now);
  repos.audit().append(subject, identity.method + ".login", subject, identity.detail, now);
  return opened;
}

LoginThrough login_through(const std::string& action, const std::string& detail) {
  LoginThrough through;
  if ((action == "spid.login" || action == "cie.login") && detail.starts_with("SpidL") && detail.size() > 7 &&
      detail[6] == ' ') {
    through.provider = detail.substr(7);
    if (action == "spid.login" && detail[5] >= '1' && detail[5] <= '3') through.spid_level = detail[5] - '0';
  } else if (action == "cns.login" && detail.starts_with("CNS ")) {
    const std::string issuer = detail.substr(4, detail.rfind(" serial ") - 4);
    through.provider = issuer;
    // RFC 2253, "CN=...,O=...,C=IT": the parts split at commas that are not escaped ("\\,").
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < issuer.size(); ++i) {
      if (issuer[i] == '\\' && i + 1 < issuer.size()) {
        parts.back() += issuer[++i];
      } else if (issuer[i] == ',') {
        parts.emplace_back();
      } else {
        parts.back() += issuer[i];
      }
    }
    for (std::string_view key : {"O=", "CN="})
      for (const std::string& part : parts)
        if (part.starts_with(key)) return {part.substr(key.size()), 0};
  }
  return through;
}

}  // namespace sportello
