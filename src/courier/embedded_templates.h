#pragma once
// The message catalogues compiled into the binary (see cmake/EmbedFiles.cmake), sorted by file name.
#include <string_view>
#include <vector>

namespace sportello {

struct EmbeddedFile {
  std::string_view name;  // "it.toml"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_templates();

}  // namespace sportello
