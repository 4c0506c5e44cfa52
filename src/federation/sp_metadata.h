#pragma once
// The service provider's SAML metadata (issue 12), signed with its key: the shape of SPID's public SPs
// (Avviso SPID n. 29 v3: AttributeConsumingService, Organization, ContactPerson "other" with spid:IPACode and
// spid:Public) or, for the CIE provider, of the CIE SP profile (ContactPerson "administrative" with
// cie:Public, cie:IPACode, cie:Municipality). Built as a tree by libxml2, signed by xmlsec; the bytes are what
// GET /saml/metadata[/cie] serves. AgID's spid-sp-test checks both (tests/e2e/test_spid_sp_test.py).
#include <string>

#include "core/result.h"
#include "federation/service_provider.h"
#include "federation/signing_key.h"

namespace sportello::federation {

enum class MetadataProfile { spid, cie };

Result<std::string> service_provider_metadata(const ServiceProvider& sp, const SigningKey& key,
                                              MetadataProfile profile);

}  // namespace sportello::federation
