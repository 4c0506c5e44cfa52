#pragma once
// The login page's ways in (issue 12, the PA pattern): "Entra con SPID" with the accepted identity providers
// (served from their metadata, no third-party script), "Entra con CIE", then the PIN among "Altre utenze".
// Without [federation] the page is the PIN's alone.
#include <string>

#include "web/pages.h"
#include "web/web.h"

namespace sportello::web {

// Sets `federation` (with `spid_idps`: name and link of each, and `cie_link`) when [federation] is configured.
void put_login_choices(const Web& web, const std::string& return_path, PageData& values);

}  // namespace sportello::web
