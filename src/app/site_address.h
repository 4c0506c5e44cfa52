#pragma once
// Whether `courier.site`, the portal's public address printed in letters and mails, is still a loopback
// one (localhost, 127.0.0.0/8, ::1, 0.0.0.0): fine on a laptop, useless to a citizen who reads the letter.
// Pure.
#include <string>

namespace sportello {

bool is_loopback_site(const std::string& site);

}  // namespace sportello
