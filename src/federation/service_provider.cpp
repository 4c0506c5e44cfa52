#include "federation/service_provider.h"

namespace sportello::federation {

std::string spid_level_uri(SpidLevel level) {
  return "https://www.spid.gov.it/SpidL" + std::to_string(static_cast<int>(level));
}

const std::vector<std::string>& spid_attributes() {
  static const std::vector<std::string> names = {"fiscalNumber", "name", "familyName", "dateOfBirth", "email",
                                                 "mobilePhone"};
  return names;
}

const std::vector<std::string>& cie_attributes() {
  static const std::vector<std::string> names = {"fiscalNumber", "name", "familyName", "dateOfBirth"};
  return names;
}

}  // namespace sportello::federation
