#pragma once
// The web pages' templates and message catalogues compiled into the binary (cmake/EmbedFiles.cmake),
// named by their path under src/web: "templates/home.mustache", "locales/it.toml".
#include <string_view>
#include <vector>

#include "courier/embedded_templates.h"  // EmbeddedFile

namespace sportello::web {

const std::vector<EmbeddedFile>& embedded_web_files();

}  // namespace sportello::web
