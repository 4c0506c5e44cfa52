#pragma once
// A Carta Nazionale dei Servizi's authentication certificate (issue 12), read for who it names. The TLS listener
// has verified it already (chain, dates, CRL: http/server); this reads the subject as the CNS profile puts it
// (DM 9 dicembre 2004: commonName "<codice fiscale>/<card number>.<hash>") and as newer cards do too (ETSI EN
// 319 412-1: serialNumber "TINIT-<codice fiscale>", or the older "IT:<codice fiscale>"). When a card has both
// they must agree. The codice fiscale is returned as written; the caller checks it (core/codice_fiscale).
// Pure; thread-safe.
#include <string>
#include <string_view>

#include "core/result.h"

namespace sportello::federation {

struct CnsHolder {
  std::string fiscal_code;   // as the certificate writes it, upper case
  std::string surname;       // subject's surname and givenName, when present
  std::string given_name;
  std::string issuer;        // the issuing CA, RFC 2253 (the session's provider)
  std::string serial;        // the certificate's serial number, hex (the audit row's detail)
};

// `der`: the certificate as the TLS layer passed it. Errors: invalid_input cns-certificate (not a certificate,
// no codice fiscale in its subject, or two that differ).
Result<CnsHolder> read_cns_certificate(std::string_view der);

}  // namespace sportello::federation
