#include "federation/federation.h"

#include "federation/sp_metadata.h"

namespace sportello::federation {

Result<Federation> Federation::build(ServiceProvider sp, SigningKey key, IdentityProviders idps,
                                     std::string cie_entity_id, Seconds request_lifetime, Seconds clock_skew,
                                     bool prefer_post) {
  if (!cie_entity_id.empty() && idps.find(cie_entity_id) == nullptr)
    return Error::invalid("unknown-idp", "federation.cie_entity_id " + cie_entity_id +
                                             " is not among the identity providers' metadata.", "federation.cie_entity_id");
  auto spid = service_provider_metadata(sp, key, MetadataProfile::spid);
  if (!spid) return spid.error();
  auto cie = service_provider_metadata(sp, key, MetadataProfile::cie);
  if (!cie) return cie.error();
  return Federation{std::move(sp), std::move(key), std::move(idps), std::move(cie_entity_id), request_lifetime,
                    clock_skew, prefer_post, std::move(*spid), std::move(*cie)};
}

}  // namespace sportello::federation
