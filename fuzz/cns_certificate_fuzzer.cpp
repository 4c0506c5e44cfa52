// A CNS card's certificate (federation/cns_certificate.h), DER as the CNS listener passes it, on any bytes.
//
// Properties beyond "no crash": a refusal is cns-certificate; an accepted certificate names a codice fiscale of
// upper-case letters and digits only, and an issuer; reading the same bytes twice gives the same holder.
#include <string>

#include "federation/cns_certificate.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view der(reinterpret_cast<const char*>(data), size);
  auto holder = sportello::federation::read_cns_certificate(der);
  if (!holder) {
    FUZZ_CHECK(holder.error().code == "cns-certificate", holder.error().code);
    return 0;
  }
  FUZZ_CHECK(!holder->fiscal_code.empty(), "an accepted card names a codice fiscale");
  for (const char c : holder->fiscal_code)
    FUZZ_CHECK(!(c >= 'a' && c <= 'z'), holder->fiscal_code);
  auto again = sportello::federation::read_cns_certificate(der);
  FUZZ_CHECK(again.ok() && again->fiscal_code == holder->fiscal_code && again->issuer == holder->issuer &&
                 again->serial == holder->serial,
             "the same bytes read the same");
  return 0;
}
