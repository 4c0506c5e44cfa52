#pragma once
// XML from outside — SAML messages and identity providers' metadata (issue 12) — parsed so that the document
// cannot reach out or grow: no network (XML_PARSE_NONET), entities never substituted, and any DOCTYPE refused
// as soon as the parser meets it, before a declaration inside it is read (so no billion laughs, no external
// entity, no external DTD); a size limit first, and libxml2's own nesting limit (256 levels without
// XML_PARSE_HUGE); read as UTF-8 whatever its declaration says. Errors are invalid_input with a code:
// xml-too-large, xml-doctype, xml-malformed.
// Thread-safe: each document is its own; libxml2 is initialised once.
#include <cstddef>
#include <memory>
#include <string_view>

#include "core/result.h"

struct _xmlDoc;
struct _xmlNode;

namespace sportello::federation {

class XmlDocument {
 public:
  static constexpr std::size_t kDefaultMaxBytes = 256 * 1024;  // a SAML Response is a few KB; metadata tens

  static Result<XmlDocument> parse(std::string_view bytes, std::size_t max_bytes = kDefaultMaxBytes);

  _xmlDoc* get() const { return doc_.get(); }
  _xmlNode* root() const;

 private:
  struct Free {
    void operator()(_xmlDoc* doc) const;
  };
  explicit XmlDocument(_xmlDoc* doc) : doc_(doc) {}
  std::unique_ptr<_xmlDoc, Free> doc_;
};

}  // namespace sportello::federation
