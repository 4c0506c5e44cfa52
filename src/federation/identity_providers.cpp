#include "federation/identity_providers.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

namespace sportello::federation {
namespace {

Error folder_problem(std::string message) {
  return Error::invalid("idp-folder", std::move(message), "federation.idp_metadata_dir");
}

}  // namespace

Result<IdentityProviders> IdentityProviders::load(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    return folder_problem("The identity providers' folder " + folder.string() + " does not exist.");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
  if (ec) return folder_problem("Cannot list " + folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());  // the same error first, whatever order the directory lists them in

  IdentityProviders loaded;
  std::map<std::string, std::string, std::less<>> file_of;  // entityID -> the file that named it
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) return folder_problem("Cannot read " + file.filename().string() + ".");
    auto idp = read_identity_provider(bytes.str());
    if (!idp) return folder_problem(file.filename().string() + ": " + idp.error().message);
    if (auto [at, added] = file_of.try_emplace(idp->entity_id, file.filename().string()); !added)
      return folder_problem(file.filename().string() + " and " + at->second + " name the same entityID " +
                            idp->entity_id + ".");
    loaded.providers_.emplace(idp->entity_id, std::move(*idp));
  }
  return loaded;
}

const IdentityProvider* IdentityProviders::find(std::string_view entity_id) const {
  const auto found = providers_.find(entity_id);
  return found == providers_.end() ? nullptr : &found->second;
}

}  // namespace sportello::federation
