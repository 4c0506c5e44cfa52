#pragma once
// The HTTP vocabulary of sportello's handlers: a parsed request with its route parameters and caller,
// and the response it gets. Handlers are functions from one to the other (Beast examples' shape).
#include <boost/beast/http.hpp>

#include <map>
#include <string>

namespace sportello::http {

namespace beast_http = boost::beast::http;
using RawRequest = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using HttpStatus = beast_http::status;
using Verb = beast_http::verb;

// The certificate a client presented on a listener that asks for one (the CNS listener, issue 12), as OpenSSL
// judged it against that listener's CA bundle and CRLs. The handshake never fails for it: the handler decides
// what an absent or refused card means, so that the citizen gets a page rather than a browser's TLS error.
struct ClientCertificate {
  std::string der;        // the end-entity certificate, DER; empty when the client presented none
  bool verified = false;  // chains to a trusted CA, within its dates, not revoked, fit for client authentication
  std::string problem;    // OpenSSL's reason when presented but not verified
};

struct Request {
  const RawRequest& raw;
  std::string path;                            // percent-decoded, without the query
  std::map<std::string, std::string> query;    // decoded
  std::map<std::string, std::string> params;   // from the route pattern, e.g. {id}
  std::string client_address;                  // the peer's IP address
  bool tls = false;
  const ClientCertificate* client_certificate = nullptr;  // only on a listener that asks for one

  std::string header(beast_http::field name) const { return std::string(raw[name]); }
  std::string header(std::string_view name) const { return std::string(raw[name]); }
  const std::string& body() const { return raw.body(); }
};

// A JSON response with the given status.
Response json_response(HttpStatus status, std::string body, unsigned version = 11);

}  // namespace sportello::http
