// Issue 14: start-up warns while courier.site, printed in letters and mails, is still a loopback address.
#include <gtest/gtest.h>

#include "app/site_address.h"

namespace sportello {
namespace {

struct SiteCase {
  const char* site;
  bool loopback;
};

TEST(SiteAddress, LoopbackAddressesAreRecognisedAndPublicOnesAreNot) {
  const SiteCase cases[] = {
      {"http://127.0.0.1:8080", true},
      {"http://localhost:8080/", true},
      {"https://LOCALHOST", true},
      {"http://127.1.2.3", true},
      {"http://[::1]:8080", true},
      {"http://0.0.0.0:8080", true},
      {"http://sportello.localhost", true},
      {"", true},
      {"https://sportello.inps.example", false},
      {"https://sportello.inps.example:8443/pin", false},
      {"https://user@10.1.2.3", false},
      {"https://127.example.it", false},
      {"https://[2001:db8::1]", false},
  };
  for (const SiteCase& c : cases) EXPECT_EQ(is_loopback_site(c.site), c.loopback) << c.site;
}

}  // namespace
}  // namespace sportello
