#include "federation/cns_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace sportello::federation {
namespace {

Error not_a_cns(std::string message) { return Error::invalid("cns-certificate", std::move(message), "certificate"); }

// The first value of attribute `nid` in `name`, as UTF-8; empty when absent.
std::string subject_attribute(const X509_NAME* name, int nid) {
  const int at = X509_NAME_get_index_by_NID(name, nid, -1);
  if (at < 0) return {};
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, value);
  if (length < 0) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

std::string upper_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// The codice fiscale a serialNumber names: "TINIT-<cf>" (ETSI's semantics identifier) or "IT:<cf>".
std::string from_serial_number(const std::string& value) {
  for (std::string_view prefix : {"TINIT-", "IT:"})
    if (value.starts_with(prefix)) return upper_ascii(value.substr(prefix.size()));
  return {};
}

// The CNS profile's commonName: the codice fiscale, then "/" and the card's number.
std::string from_common_name(const std::string& value) {
  const auto slash = value.find('/');
  if (slash == std::string::npos) return {};
  return upper_ascii(value.substr(0, slash));
}

std::string rfc2253(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string serial_hex(const X509* certificate) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr),
                                                     BN_free);
  if (!number) return {};
  char* hex = BN_bn2hex(number.get());
  std::string text(hex);
  OPENSSL_free(hex);
  return text;
}

}  // namespace

Result<CnsHolder> read_cns_certificate(std::string_view der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> certificate(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())),
                                                          X509_free);
  if (!certificate || bytes != reinterpret_cast<const unsigned char*>(der.data()) + der.size())
    return not_a_cns("The card's certificate cannot be read.");
  const X509_NAME* subject = X509_get_subject_name(certificate.get());
  const std::string by_serial = from_serial_number(subject_attribute(subject, NID_serialNumber));
  const std::string by_name = from_common_name(subject_attribute(subject, NID_commonName));
  if (by_serial.empty() && by_name.empty()) return not_a_cns("The card's certificate names no codice fiscale.");
  if (!by_serial.empty() && !by_name.empty() && by_serial != by_name)
    return not_a_cns("The card's certificate names two different codici fiscali.");
  CnsHolder holder;
  holder.fiscal_code = by_serial.empty() ? by_name : by_serial;
  holder.surname = subject_attribute(subject, NID_surname);
  holder.given_name = subject_attribute(subject, NID_givenName);
  holder.issuer = rfc2253(X509_get_issuer_name(certificate.get()));
  holder.serial = serial_hex(certificate.get());
  return holder;
}

}  // namespace sportello::federation
