#pragma once
// Demo data for `make run` and manual testing: a few citizens with PINs in typical states and one staff
// account per role, all with published secrets. Idempotent: what already exists is left alone and
// reported as such. Never run it on a real institute's database.
#include <string>
#include <vector>

#include "app/app.h"

namespace sportello {

struct SeededItem {
  std::string kind;        // "citizen" or "staff"
  std::string name;        // codice fiscale or username
  std::string state;       // credential state or role
  std::string secret;      // the demo PIN or password
  std::string totp_secret; // staff only, base32
  bool created = false;    // false when it was already there
};

Result<std::vector<SeededItem>> seed_demo_data(App& app);

}  // namespace sportello
