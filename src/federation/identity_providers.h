#pragma once
// The identity providers sportello accepts, read from a folder of metadata files (issue 12): in production the
// SPID registry's entries and the CIE provider's, downloaded and checked by the operator; in the tests, test IdPs.
// Every `*.xml` file in the folder is one md:EntityDescriptor; the first file that cannot be read fails the whole
// load, named with its problem, so a server never starts with fewer providers than its operator put there.
// Immutable once loaded: thread-safe.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "federation/identity_provider.h"

namespace sportello::federation {

class IdentityProviders {
 public:
  // invalid_input (code idp-folder, field federation.idp_metadata_dir) for a missing folder, a file that does not
  // read, or two files with one entityID; an empty folder loads no provider.
  static Result<IdentityProviders> load(const std::filesystem::path& folder);

  // One provider more (replacing one of the same entityID): for metadata read elsewhere, and tests.
  void add(IdentityProvider idp) { providers_.insert_or_assign(idp.entity_id, std::move(idp)); }

  const IdentityProvider* find(std::string_view entity_id) const;
  const std::map<std::string, IdentityProvider, std::less<>>& all() const { return providers_; }

 private:
  std::map<std::string, IdentityProvider, std::less<>> providers_;  // by entityID
};

}  // namespace sportello::federation
