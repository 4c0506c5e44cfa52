#include "federation/sp_metadata.h"

#include <memory>

#include "core/digest.h"
#include "federation/saml_names.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"

namespace sportello::federation {
namespace {

void localized(xmlNode* parent, const char* name, const std::string& value) {
  xmlNode* node = add_element(parent, kMetadataNs, "md", name, value);
  xmlNodeSetLang(node, BAD_CAST "it");
}

void endpoint(xmlNode* parent, const char* name, std::string_view binding, const std::string& location) {
  xmlNode* node = add_element(parent, kMetadataNs, "md", name);
  set_attribute(node, "Binding", binding);
  set_attribute(node, "Location", location);
}

void service_provider_descriptor(xmlNode* root, const ServiceProvider& sp, const SigningKey& key,
                                 MetadataProfile profile) {
  xmlNode* descriptor = add_element(root, kMetadataNs, "md", "SPSSODescriptor");
  set_attribute(descriptor, "protocolSupportEnumeration", kProtocolNs);
  set_attribute(descriptor, "AuthnRequestsSigned", "true");
  set_attribute(descriptor, "WantAssertionsSigned", "true");

  xmlNode* key_descriptor = add_element(descriptor, kMetadataNs, "md", "KeyDescriptor");
  set_attribute(key_descriptor, "use", "signing");
  xmlNode* key_info = add_element(key_descriptor, kSignatureNs, "ds", "KeyInfo");
  xmlNode* x509 = add_element(key_info, kSignatureNs, "ds", "X509Data");
  add_element(x509, kSignatureNs, "ds", "X509Certificate", base64_encode(key.certificate_der()));

  endpoint(descriptor, "SingleLogoutService", kHttpPost, sp.single_logout_url());
  endpoint(descriptor, "SingleLogoutService", kHttpRedirect, sp.single_logout_url());
  add_element(descriptor, kMetadataNs, "md", "NameIDFormat", kTransientNameId);
  xmlNode* acs = add_element(descriptor, kMetadataNs, "md", "AssertionConsumerService");
  set_attribute(acs, "Binding", kHttpPost);
  set_attribute(acs, "Location", sp.assertion_consumer_url());
  set_attribute(acs, "index", "0");
  set_attribute(acs, "isDefault", "true");

  xmlNode* consuming = add_element(descriptor, kMetadataNs, "md", "AttributeConsumingService");
  set_attribute(consuming, "index", "0");
  localized(consuming, "ServiceName", sp.organization_display_name);
  for (const std::string& name : profile == MetadataProfile::cie ? cie_attributes() : spid_attributes()) {
    xmlNode* requested = add_element(consuming, kMetadataNs, "md", "RequestedAttribute");
    set_attribute(requested, "Name", name);
    set_attribute(requested, "NameFormat", kAttributeBasic);
  }
}

void organization(xmlNode* root, const ServiceProvider& sp) {
  xmlNode* org = add_element(root, kMetadataNs, "md", "Organization");
  localized(org, "OrganizationName", sp.organization_name);
  localized(org, "OrganizationDisplayName", sp.organization_display_name);
  localized(org, "OrganizationURL", sp.organization_url);
}

void spid_contact(xmlNode* root, const ServiceProvider& sp) {
  xmlNode* contact = add_element(root, kMetadataNs, "md", "ContactPerson");
  set_attribute(contact, "contactType", "other");
  xmlNode* extensions = add_element(contact, kMetadataNs, "md", "Extensions");
  add_element(extensions, kSpidNs, "spid", "IPACode", sp.ipa_code);
  add_element(extensions, kSpidNs, "spid", "Public");
  add_element(contact, kMetadataNs, "md", "EmailAddress", sp.contact_email);
  if (!sp.contact_phone.empty()) add_element(contact, kMetadataNs, "md", "TelephoneNumber", sp.contact_phone);
}

void cie_contact(xmlNode* root, const ServiceProvider& sp) {
  xmlNode* contact = add_element(root, kMetadataNs, "md", "ContactPerson");
  set_attribute(contact, "contactType", "administrative");
  xmlNode* extensions = add_element(contact, kMetadataNs, "md", "Extensions");
  add_element(extensions, kCieNs, "cie", "Public");
  add_element(extensions, kCieNs, "cie", "IPACode", sp.ipa_code);
  add_element(extensions, kCieNs, "cie", "Municipality", sp.municipality);
  if (!sp.province.empty()) add_element(extensions, kCieNs, "cie", "Province", sp.province);
  add_element(extensions, kCieNs, "cie", "Country", "IT");
  add_element(contact, kMetadataNs, "md", "Company", sp.organization_name);
  add_element(contact, kMetadataNs, "md", "EmailAddress", sp.contact_email);
  if (!sp.contact_phone.empty()) add_element(contact, kMetadataNs, "md", "TelephoneNumber", sp.contact_phone);
}

}  // namespace

Result<std::string> service_provider_metadata(const ServiceProvider& sp, const SigningKey& key,
                                              MetadataProfile profile) {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(new_document(kMetadataNs, "md", "EntityDescriptor"), xmlFreeDoc);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  set_attribute(root, "entityID", sp.entity_id);
  xmlNewNs(root, BAD_CAST kSignatureNs, BAD_CAST "ds");
  if (profile == MetadataProfile::cie) xmlNewNs(root, BAD_CAST kCieNs, BAD_CAST "cie");
  else xmlNewNs(root, BAD_CAST kSpidNs, BAD_CAST "spid");
  // Stable for a given SP and profile, so the bytes change only when the configuration or the key does.
  const std::string which = profile == MetadataProfile::cie ? "cie" : "spid";
  set_attribute(root, "ID", "_" + sha256_hex(which + " " + sp.entity_id + " " + key.certificate_der()).substr(0, 40));

  service_provider_descriptor(root, sp, key, profile);
  organization(root, sp);
  if (profile == MetadataProfile::cie) cie_contact(root, sp);
  else spid_contact(root, sp);

  if (Status signed_ = sign_enveloped(root, key); !signed_) return signed_.error();
  return serialize(doc.get());
}

}  // namespace sportello::federation
