#pragma once
// Enveloped XML signatures as SAML uses them (issue 12), with xmlsec over OpenSSL.
//
// sign_enveloped() signs one element by its ID: RSA-SHA256 over exclusive c14n, one Reference "#ID" with the
// enveloped-signature and exclusive c14n transforms and a SHA-256 digest, the certificate in KeyInfo.
//
// verify_enveloped() is the strict counterpart for what IdPs send. It accepts an element only when:
// exactly one ds:Signature is its direct child; the element's ID is unique in the document (it is the only ID
// registered, and a second element claiming it, by xml:id or otherwise, fails the check); SignedInfo has
// exactly one Reference and its URI is "#" + that ID, so the signature covers the very element the caller goes
// on to read (no signature wrapping); only same-document URIs, the enveloped and exclusive c14n transforms,
// SHA-256 digests and RSA-SHA256 are enabled; and the key is one of the given certificates' (from the IdP's
// metadata), never one the document carries in its KeyInfo. Errors are invalid_input, code saml-signature.
// Thread-safe: each call has its own contexts; xmlsec is initialised once.
#include <string>
#include <vector>

#include "core/result.h"
#include "federation/signing_key.h"

struct _xmlNode;

namespace sportello::federation {

// Adds the signature to `element` (which must have an ID attribute) right after its child `after`, or as its
// first child when `after` is null, and computes it.
Status sign_enveloped(_xmlNode* element, const SigningKey& key, _xmlNode* after = nullptr);

// Checks the signature that `element` carries, against any of `certificates` (DER).
Status verify_enveloped(_xmlNode* element, const std::vector<std::string>& certificates);

// Whether `element` has a ds:Signature among its direct children.
bool has_signature(const _xmlNode* element);

}  // namespace sportello::federation
