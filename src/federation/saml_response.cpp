#include "federation/saml_response.h"

#include <libxml/tree.h>

#include <optional>

#include "core/civil_time.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"

namespace sportello::federation {
namespace {

constexpr const char* kSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
constexpr const char* kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

Error refused(std::string check) { return Error::invalid("saml-response", std::move(check), "SAMLResponse"); }

bool has_attribute(const xmlNode* node, const char* name) {
  return xmlHasProp(const_cast<xmlNode*>(node), BAD_CAST name) != nullptr;
}

// The only child `name` of `parent` (nullptr when there is none or more than one).
const xmlNode* only_child(const xmlNode* parent, const char* ns, const char* name) {
  const auto found = children(parent, ns, name);
  return found.size() == 1 ? found.front() : nullptr;
}

// An attribute that must be there with a value.
Result<std::string> required(const xmlNode* node, const char* name, const std::string& where) {
  const std::string value = attribute(node, name);
  if (value.empty()) return refused(where + " has no " + name + ".");
  return value;
}

Result<Instant> instant(const xmlNode* node, const char* name, const std::string& where) {
  auto text = required(node, name, where);
  if (!text) return text.error();
  const auto at = parse_utc_iso(*text);
  if (!at) return refused(where + "'s " + name + " is not a UTC date-time.");
  return *at;
}

// IssueInstant of the Response and of the Assertion: not before the request was sent, not after now.
Status issued_in_time(const xmlNode* node, const std::string& where, const ResponseContext& c) {
  auto at = instant(node, "IssueInstant", where);
  if (!at) return at.error();
  if (*at < c.requested_at - c.skew) return refused(where + " was issued before the request.");
  if (*at > c.now + c.skew) return refused(where + " is issued in the future.");
  return Ok{};
}

Status version_and_id(const xmlNode* node, const std::string& where) {
  if (attribute(node, "Version") != "2.0") return refused(where + "'s Version is not 2.0.");
  if (attribute(node, "ID").empty()) return refused(where + " has no ID.");
  return Ok{};
}

// Issuer = the IdP; its Format absent (or, with `format_required`, present) or the entity one.
Status issued_by(const xmlNode* parent, const std::string& where, const ResponseContext& c, bool format_required) {
  const xmlNode* issuer = only_child(parent, kAssertionNs, "Issuer");
  if (issuer == nullptr) return refused(where + " has no Issuer.");
  if (text(issuer) != c.idp.entity_id) return refused(where + "'s Issuer is not the identity provider.");
  if (!has_attribute(issuer, "Format")) {
    if (format_required) return refused(where + "'s Issuer has no Format.");
  } else if (attribute(issuer, "Format") != kEntityNameId) {
    return refused(where + "'s Issuer Format is not the entity one.");
  }
  return Ok{};
}

std::optional<SpidLevel> level_of(std::string_view uri) {
  for (SpidLevel level : {SpidLevel::L1, SpidLevel::L2, SpidLevel::L3})
    if (uri == spid_level_uri(level)) return level;
  return std::nullopt;
}

// The Status: Success, or the end of the road with what the IdP said.
Status succeeded(const xmlNode* response) {
  const xmlNode* status = only_child(response, kProtocolNs, "Status");
  if (status == nullptr) return refused("The Response has no Status.");
  const xmlNode* code = only_child(status, kProtocolNs, "StatusCode");
  if (code == nullptr || attribute(code, "Value").empty()) return refused("The Response's Status has no StatusCode.");
  if (attribute(code, "Value") == kSuccess) return Ok{};
  const xmlNode* message = only_child(status, kProtocolNs, "StatusMessage");
  const std::string said = message != nullptr ? text(message) : "";
  // SPID's "Tabella messaggi di anomalia": "ErrorCode nr19" .. "ErrorCode nr25".
  for (int number = 19; number <= 25; ++number) {
    if (said == "ErrorCode nr" + std::to_string(number))
      return Error{ErrorKind::forbidden, "spid-nr" + std::to_string(number),
                   "The identity provider did not authenticate the citizen (" + said + ").", "", {}};
  }
  return Error{ErrorKind::forbidden, "saml-status", "The identity provider answered " + attribute(code, "Value") + ".",
               "", {}};
}

Status subject(const xmlNode* assertion, const ResponseContext& c, AssertedIdentity& out) {
  const xmlNode* subject = only_child(assertion, kAssertionNs, "Subject");
  if (subject == nullptr) return refused("The Assertion has no Subject.");
  const xmlNode* name_id = only_child(subject, kAssertionNs, "NameID");
  if (name_id == nullptr || text(name_id).empty()) return refused("The Subject has no NameID.");
  if (attribute(name_id, "Format") != kTransientNameId) return refused("The NameID's Format is not transient.");
  if (attribute(name_id, "NameQualifier").empty()) return refused("The NameID has no NameQualifier.");
  out.name_id = text(name_id);

  const xmlNode* confirmation = only_child(subject, kAssertionNs, "SubjectConfirmation");
  if (confirmation == nullptr) return refused("The Subject has no SubjectConfirmation.");
  if (attribute(confirmation, "Method") != kBearer) return refused("The SubjectConfirmation's Method is not bearer.");
  const xmlNode* data = only_child(confirmation, kAssertionNs, "SubjectConfirmationData");
  if (data == nullptr) return refused("The SubjectConfirmation has no SubjectConfirmationData.");
  auto recipient = required(data, "Recipient", "The SubjectConfirmationData");
  if (!recipient) return recipient.error();
  if (*recipient != c.sp.assertion_consumer_url()) return refused("The SubjectConfirmationData's Recipient is not our ACS.");
  auto in_response_to = required(data, "InResponseTo", "The SubjectConfirmationData");
  if (!in_response_to) return in_response_to.error();
  if (*in_response_to != c.request_id) return refused("The SubjectConfirmationData answers another request.");
  auto not_on_or_after = instant(data, "NotOnOrAfter", "The SubjectConfirmationData");
  if (!not_on_or_after) return not_on_or_after.error();
  if (c.now >= *not_on_or_after + c.skew) return refused("The SubjectConfirmationData has expired.");
  return Ok{};
}

Status conditions(const xmlNode* assertion, const ResponseContext& c) {
  const xmlNode* conditions = only_child(assertion, kAssertionNs, "Conditions");
  if (conditions == nullptr) return refused("The Assertion has no Conditions.");
  auto not_before = instant(conditions, "NotBefore", "The Conditions");
  if (!not_before) return not_before.error();
  if (*not_before > c.now + c.skew) return refused("The Conditions are not valid yet.");
  auto not_on_or_after = instant(conditions, "NotOnOrAfter", "The Conditions");
  if (!not_on_or_after) return not_on_or_after.error();
  if (c.now >= *not_on_or_after + c.skew) return refused("The Conditions have expired.");
  const xmlNode* restriction = only_child(conditions, kAssertionNs, "AudienceRestriction");
  if (restriction == nullptr) return refused("The Conditions have no AudienceRestriction.");
  const xmlNode* audience = only_child(restriction, kAssertionNs, "Audience");
  if (audience == nullptr || text(audience).empty()) return refused("The AudienceRestriction has no Audience.");
  if (text(audience) != c.sp.entity_id) return refused("The Audience is not this service provider.");
  return Ok{};
}

Status authentication(const xmlNode* assertion, const ResponseContext& c, AssertedIdentity& out) {
  const xmlNode* statement = only_child(assertion, kAssertionNs, "AuthnStatement");
  if (statement == nullptr) return refused("The Assertion has no AuthnStatement.");
  out.session_index = attribute(statement, "SessionIndex");
  const xmlNode* context = only_child(statement, kAssertionNs, "AuthnContext");
  if (context == nullptr) return refused("The AuthnStatement has no AuthnContext.");
  const xmlNode* class_ref = only_child(context, kAssertionNs, "AuthnContextClassRef");
  if (class_ref == nullptr || text(class_ref).empty()) return refused("The AuthnContext has no AuthnContextClassRef.");
  const auto level = level_of(text(class_ref));
  if (!level) return refused("The AuthnContextClassRef is not a SPID level.");
  if (*level < c.requested_level) return refused("The authentication's level is below the one asked for.");
  out.level = *level;
  return Ok{};
}

Status attributes(const xmlNode* assertion, AssertedIdentity& out) {
  const auto statements = children(assertion, kAssertionNs, "AttributeStatement");
  if (statements.size() > 1) return refused("The Assertion has more than one AttributeStatement.");
  if (statements.empty()) return Ok{};
  const auto found = children(statements.front(), kAssertionNs, "Attribute");
  if (found.empty()) return refused("The AttributeStatement holds no Attribute.");
  for (const xmlNode* attr : found) {
    const std::string name = attribute(attr, "Name");
    if (name.empty()) return refused("An Attribute has no Name.");
    const auto values = children(attr, kAssertionNs, "AttributeValue");
    if (!values.empty()) out.attributes.try_emplace(name, text(values.front()));
  }
  return Ok{};
}

}  // namespace

Result<AssertedIdentity> read_response(std::string_view xml, const ResponseContext& c) {
  auto document = XmlDocument::parse(xml);
  if (!document) return refused("The Response is not a readable XML document (" + document.error().message + ")");
  xmlNode* response = document->root();
  if (!is_element(response, kProtocolNs, "Response")) return refused("The document is not a samlp:Response.");
  if (Status s = version_and_id(response, "The Response"); !s) return s.error();
  if (Status s = issued_in_time(response, "The Response", c); !s) return s.error();
  auto in_response_to = required(response, "InResponseTo", "The Response");
  if (!in_response_to) return in_response_to.error();
  if (*in_response_to != c.request_id) return refused("The Response answers another request.");
  auto destination = required(response, "Destination", "The Response");
  if (!destination) return destination.error();
  if (*destination != c.sp.assertion_consumer_url()) return refused("The Response's Destination is not our ACS.");
  if (Status s = issued_by(response, "The Response", c, false); !s) return s.error();
  if (has_signature(response)) {
    if (Status s = verify_enveloped(response, c.idp.signing_certificates); !s) return refused(s.error().message);
  }
  if (Status s = succeeded(response); !s) return s.error();

  if (!children(response, kAssertionNs, "EncryptedAssertion").empty())
    return refused("An encrypted Assertion is not expected.");
  const auto assertions = children(response, kAssertionNs, "Assertion");
  if (assertions.size() != 1) return refused("The Response must carry exactly one Assertion.");
  xmlNode* assertion = const_cast<xmlNode*>(assertions.front());
  if (!has_signature(assertion)) return refused("The Assertion is not signed.");
  if (Status s = verify_enveloped(assertion, c.idp.signing_certificates); !s) return refused(s.error().message);
  if (Status s = version_and_id(assertion, "The Assertion"); !s) return s.error();
  if (Status s = issued_in_time(assertion, "The Assertion", c); !s) return s.error();
  if (Status s = issued_by(assertion, "The Assertion", c, !c.cie); !s) return s.error();

  AssertedIdentity identity;
  identity.idp_entity_id = c.idp.entity_id;
  if (Status s = subject(assertion, c, identity); !s) return s.error();
  if (Status s = conditions(assertion, c); !s) return s.error();
  if (Status s = authentication(assertion, c, identity); !s) return s.error();
  if (Status s = attributes(assertion, identity); !s) return s.error();
  return identity;
}

}  // namespace sportello::federation
