#include "flows/federation/finish_login.h"

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "core/digest.h"
#include "federation/saml_response.h"
#include "flows/federation/federated_session.h"

namespace sportello {
namespace {

constexpr std::string_view kTaxPrefix = "TINIT-";

Error refused_login(const char* code, std::string message) {
  return Error::invalid(code, std::move(message), "SAMLResponse");
}

}  // namespace

Result<FinishedLogin> FinishFederatedLogin::run(const std::string& saml_response, const std::string& relay_state,
                                                const std::string& browser_token) {
  const Instant now = ctx_.clock.now();
  std::optional<federation::PendingLogin> pending;
  if (!relay_state.empty()) {
    Status taken = ctx_.store.run([&](Repositories& repos) -> Status {
      pending = repos.pending_logins().take(sha256_hex(relay_state));
      return Ok{};
    });
    if (!taken) return taken.error();
  }
  if (!pending) return refused_login("saml-unsolicited", "No login is waiting for this answer.");
  if (now > pending->expires_at) return refused_login("saml-expired", "The login waited too long for its answer.");
  if (!constant_time_equal(sha256_hex(browser_token), pending->browser_hash))
    return refused_login("saml-other-browser", "The login was started in another browser.");
  const federation::IdentityProvider* idp = federation_.idps.find(pending->idp_entity_id);
  if (idp == nullptr) return refused_login("saml-response", "The identity provider is no longer accepted.");

  const auto xml = base64_decode(saml_response, " \t\r\n");
  if (!xml) return refused_login("saml-response", "The SAMLResponse is not base64.");
  const bool cie = idp->entity_id == federation_.cie_entity_id;
  federation::ResponseContext context{federation_.sp, *idp, pending->request_id, pending->created_at, pending->level,
                                      now, federation_.clock_skew, cie};
  auto identity = federation::read_response(*xml, context);
  if (!identity) return identity.error();

  const auto fiscal = identity->attributes.find("fiscalNumber");
  if (fiscal == identity->attributes.end() || !fiscal->second.starts_with(kTaxPrefix))
    return refused_login("saml-fiscal-number", "The identity provider gave no Italian fiscalNumber.");
  auto cf = CodiceFiscale::parse(std::string_view(fiscal->second).substr(kTaxPrefix.size()), ctx_.places, rome_date(now));
  if (!cf) return refused_login("saml-fiscal-number", "The fiscalNumber is not a valid codice fiscale.");

  FederatedIdentity who;
  who.method = cie ? "cie" : "spid";
  who.provider = idp->entity_id;
  who.level = cie || identity->level != federation::SpidLevel::L1 ? Level::dispositivo : Level::ordinario;
  who.name_id = identity->name_id;
  who.session_index = identity->session_index;
  who.detail = "SpidL" + std::to_string(static_cast<int>(identity->level)) + " " + idp->entity_id;
  const auto asserted = [&](const char* name) {
    const auto found = identity->attributes.find(name);
    return found == identity->attributes.end() ? std::string() : found->second;
  };
  who.surname = asserted("familyName");
  who.name = asserted("name");
  who.email = asserted("email");
  who.mobile = asserted("mobilePhone");
  FinishedLogin finished;
  finished.return_path = pending->return_path;
  Status opened = ctx_.store.run([&](Repositories& repos) -> Status {
    auto session = open_federated_session(repos, *cf, who, now);
    if (!session) return session.error();
    finished.opened = std::move(*session);
    return Ok{};
  });
  if (!opened) return opened.error();
  return finished;
}

}  // namespace sportello
