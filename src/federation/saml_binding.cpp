#include "federation/saml_binding.h"

#include <boost/url/encode.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <zlib.h>

#include <memory>
#include <optional>
#include <stdexcept>

#include "core/digest.h"

namespace sportello::federation {
namespace {

// Raw DEFLATE (RFC 1951, no zlib header), as the HTTP-Redirect binding carries the XML.
std::string deflate_raw(const std::string& bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflate could not start");
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (done != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  out.resize(stream.total_out);
  return out;
}

// Percent-encodes all but RFC 3986's unreserved characters: what the binding signs is exactly what is sent.
std::string query_value(std::string_view value) { return boost::urls::encode(value, boost::urls::unreserved_chars); }

Error bad_binding(std::string message) { return Error::invalid("saml-binding", std::move(message), "SAMLRequest"); }
Error bad_query_signature(std::string message) { return Error::invalid("saml-signature", std::move(message), "Signature"); }

// The raw value of `name` in a query string ("" when absent), and whether it was there.
bool raw_parameter(std::string_view query, std::string_view name, std::string_view* value) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=') {
      *value = pair.substr(name.size() + 1);
      return true;
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return false;
}

std::optional<std::string> percent_decoded(std::string_view text) {
  auto encoded = boost::urls::make_pct_string_view(text);
  if (!encoded) return std::nullopt;
  return encoded->decode();
}

bool verifies_with(const std::string& certificate, std::string_view bytes, const std::string& signature) {
  const auto* der = reinterpret_cast<const unsigned char*>(certificate.data());
  std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &der, static_cast<long>(certificate.size())),
                                                    X509_free);
  if (!x509) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return context && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(x509.get())) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1;
}

}  // namespace

OutgoingRequest redirect_message(const std::string& location, std::string_view parameter, const std::string& xml,
                                 const std::string& relay_state, const SigningKey& key) {
  std::string query = std::string(parameter) + "=" + query_value(base64_encode(deflate_raw(xml)));
  if (!relay_state.empty()) query += "&RelayState=" + query_value(relay_state);
  query += "&SigAlg=" + query_value(kRsaSha256);
  query += "&Signature=" + query_value(base64_encode(key.sign_rsa_sha256(query)));
  return {false, location + (location.find('?') == std::string::npos ? "?" : "&") + query, {}};
}

OutgoingRequest post_message(const std::string& location, std::string_view parameter, const std::string& signed_xml,
                             const std::string& relay_state) {
  OutgoingRequest out{true, location, {{std::string(parameter), base64_encode(signed_xml)}}};
  if (!relay_state.empty()) out.fields["RelayState"] = relay_state;
  return out;
}

Result<std::string> redirect_xml(std::string_view base64, std::size_t max_bytes) {
  const auto deflated = base64_decode(base64, " \t\r\n");
  if (!deflated) return bad_binding("The message is not base64.");
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return Error::unavailable("inflate could not start");
  std::string out(max_bytes + 1, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated->data()));
  stream.avail_in = static_cast<uInt>(deflated->size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int done = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  if (done != Z_STREAM_END) {
    if (stream.total_out > max_bytes) return bad_binding("The message is larger than allowed.");
    return bad_binding("The message is not deflated XML.");
  }
  out.resize(stream.total_out);
  return out;
}

Status verify_redirect_signature(std::string_view raw_query, const std::vector<std::string>& certificates) {
  std::string_view message, relay, algorithm, signature;
  const bool request = raw_parameter(raw_query, "SAMLRequest", &message);
  if (!request && !raw_parameter(raw_query, "SAMLResponse", &message)) return bad_query_signature("No SAML message.");
  if (!raw_parameter(raw_query, "SigAlg", &algorithm) || !raw_parameter(raw_query, "Signature", &signature))
    return bad_query_signature("The message is not signed.");
  const bool has_relay = raw_parameter(raw_query, "RelayState", &relay);
  if (percent_decoded(algorithm) != std::string(kRsaSha256)) return bad_query_signature("SigAlg is not RSA-SHA256.");
  std::string signed_part = std::string(request ? "SAMLRequest=" : "SAMLResponse=") + std::string(message);
  if (has_relay) signed_part += "&RelayState=" + std::string(relay);
  signed_part += "&SigAlg=" + std::string(algorithm);
  const auto signature_base64 = percent_decoded(signature);
  if (!signature_base64) return bad_query_signature("Signature is not percent-encoded.");
  const auto signature_bytes = base64_decode(*signature_base64, " \t\r\n");
  if (!signature_bytes) return bad_query_signature("Signature is not base64.");
  for (const std::string& certificate : certificates)
    if (verifies_with(certificate, signed_part, *signature_bytes)) return Ok{};
  return bad_query_signature("The signature does not verify with the identity provider's certificates.");
}

}  // namespace sportello::federation
