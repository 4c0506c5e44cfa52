#include "federation/xml_signature.h"

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "federation/saml_names.h"
#include "federation/xml_nodes.h"

namespace sportello::federation {
namespace {

// xmlsec reports through a global callback that prints to stderr by default; its findings become our errors.
void quiet(const char*, int, const char*, const char*, const char*, int, const char*) {}

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCheckVersion() != 1 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0)
      throw std::runtime_error("xmlsec could not be initialised");
    xmlSecErrorsSetCallback(quiet);  // after xmlSecInit, which sets the default
  });
}

Error bad_signature(std::string message) { return Error::invalid("saml-signature", std::move(message), "signature"); }

using Context = std::unique_ptr<xmlSecDSigCtx, decltype(&xmlSecDSigCtxDestroy)>;
Context new_context() { return Context(xmlSecDSigCtxCreate(nullptr), xmlSecDSigCtxDestroy); }

// Registers `element`'s ID attribute as the document's ID of that value; false when it has none or another
// element already holds it.
bool register_id(xmlNode* element, std::string* id) {
  xmlAttr* attr = xmlHasProp(element, BAD_CAST "ID");
  *id = attribute(element, "ID");
  if (attr == nullptr || id->empty()) return false;
  xmlAttr* holder = xmlGetID(element->doc, BAD_CAST id->c_str());
  if (holder != nullptr) return holder == attr;
  return xmlAddID(nullptr, element->doc, BAD_CAST id->c_str(), attr) != nullptr;
}

xmlNode* only_signature(xmlNode* element) {
  xmlNode* found = nullptr;
  for (xmlNode* child = element->children; child != nullptr; child = child->next) {
    if (!is_element(child, kSignatureNs, "Signature")) continue;
    if (found != nullptr) return nullptr;
    found = child;
  }
  return found;
}

}  // namespace

bool has_signature(const xmlNode* element) { return !children(element, kSignatureNs, "Signature").empty(); }

Status sign_enveloped(xmlNode* element, const SigningKey& key, xmlNode* after) {
  initialise();
  std::string id;
  if (!register_id(element, &id)) return bad_signature("The element to sign has no ID of its own.");
  xmlNode* signature = xmlSecTmplSignatureCreateNsPref(element->doc, xmlSecTransformExclC14NId,
                                                       xmlSecTransformRsaSha256Id, nullptr, BAD_CAST "ds");
  if (signature == nullptr) return Error::unavailable("Cannot make an XML signature template.");
  xmlNode* anchor = after != nullptr ? after->next : element->children;
  if (anchor != nullptr) xmlAddPrevSibling(anchor, signature);
  else xmlAddChild(element, signature);
  const std::string uri = "#" + id;
  xmlNode* reference = xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, nullptr,
                                                       BAD_CAST uri.c_str(), nullptr);
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr);
  xmlNode* x509 = key_info != nullptr ? xmlSecTmplKeyInfoAddX509Data(key_info) : nullptr;
  if (reference == nullptr || xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) == nullptr ||
      xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId) == nullptr || x509 == nullptr ||
      xmlSecTmplX509DataAddCertificate(x509) == nullptr)
    return Error::unavailable("Cannot fill the XML signature template.");

  Context context = new_context();
  const std::string& pem = key.key_pem();
  context->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(pem.data()),
                                                  static_cast<xmlSecSize>(pem.size()), xmlSecKeyDataFormatPem,
                                                  nullptr, nullptr, nullptr);
  const std::string& certificate = key.certificate_der();
  if (context->signKey == nullptr ||
      xmlSecCryptoAppKeyCertLoadMemory(context->signKey, reinterpret_cast<const xmlSecByte*>(certificate.data()),
                                       static_cast<xmlSecSize>(certificate.size()), xmlSecKeyDataFormatCertDer) < 0)
    return Error::unavailable("xmlsec cannot read the signing key.");
  if (xmlSecDSigCtxSign(context.get(), signature) < 0) return Error::unavailable("xmlsec could not sign.");
  return Ok{};
}

Status verify_enveloped(xmlNode* element, const std::vector<std::string>& certificates) {
  initialise();
  xmlNode* signature = only_signature(element);
  if (signature == nullptr) return bad_signature("The element must carry exactly one signature of its own.");
  std::string id;
  if (!register_id(element, &id)) return bad_signature("The signed element has no ID, or shares it with another element.");

  for (const std::string& certificate : certificates) {
    Context context = new_context();
    if (!context) return Error::unavailable("Cannot allocate an XML signature context.");
    context->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
    if (xmlSecDSigCtxEnableReferenceTransform(context.get(), xmlSecTransformEnvelopedId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(context.get(), xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(context.get(), xmlSecTransformSha256Id) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(context.get(), xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(context.get(), xmlSecTransformRsaSha256Id) < 0)
      return Error::unavailable("Cannot restrict the XML signature's algorithms.");
    // With signKey set, xmlsec never looks at the KeyInfo the document brings.
    context->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(certificate.data()),
                                                    static_cast<xmlSecSize>(certificate.size()),
                                                    xmlSecKeyDataFormatCertDer, nullptr, nullptr, nullptr);
    if (context->signKey == nullptr) return Error::unavailable("xmlsec cannot read an IdP certificate.");
    if (xmlSecDSigCtxVerify(context.get(), signature) < 0) return bad_signature("The signature cannot be processed.");
    if (context->status != xmlSecDSigStatusSucceeded) continue;  // perhaps the next certificate's (a rollover)
    if (xmlSecPtrListGetSize(&context->signedInfoReferences) != 1)
      return bad_signature("The signature must have exactly one reference.");
    auto* reference = static_cast<xmlSecDSigReferenceCtxPtr>(xmlSecPtrListGetItem(&context->signedInfoReferences, 0));
    if (reference == nullptr || reference->uri == nullptr || ("#" + id) != reinterpret_cast<const char*>(reference->uri))
      return bad_signature("The signature does not refer to the element that carries it.");
    return Ok{};
  }
  return bad_signature("The signature does not verify with the identity provider's certificates.");
}

}  // namespace sportello::federation
