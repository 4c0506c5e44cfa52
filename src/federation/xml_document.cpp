#include "federation/xml_document.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <mutex>
#include <string>

namespace sportello::federation {
namespace {

// What the SAX hook saw, kept on the parser context's _private.
struct Seen {
  bool doctype = false;
};

// Called at `<!DOCTYPE` (with or without an internal subset, with or without an external identifier), before
// anything inside it is parsed: the parse ends there.
void refuse_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  static_cast<Seen*>(parser->_private)->doctype = true;
  xmlStopParser(parser);
}

Error invalid(const char* code, std::string message) {
  return Error::invalid(code, std::move(message), "xml");
}

}  // namespace

void XmlDocument::Free::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

_xmlNode* XmlDocument::root() const { return xmlDocGetRootElement(doc_.get()); }

Result<XmlDocument> XmlDocument::parse(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
    return invalid("xml-too-large", "The XML document is larger than " + std::to_string(max_bytes) + " bytes.");
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });

  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> parser(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!parser) return Error::unavailable("Cannot allocate an XML parser.");
  Seen seen;
  parser->_private = &seen;
  parser->sax->internalSubset = refuse_doctype;  // this context's own copy of the SAX handler
  // Never XML_PARSE_NOENT (substitute entities), XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or XML_PARSE_HUGE.
  // Read as UTF-8 whatever the declaration says (XML_PARSE_IGNORE_ENC): SAML travels in UTF-8, and a declared
  // UTF-7 or the like, which serves to slip markup past filters that read bytes, stays plain text.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;
  xmlDocPtr doc = xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()), "outside.xml",
                                    "UTF-8", kOptions);
  XmlDocument document(doc);
  if (seen.doctype) return invalid("xml-doctype", "The XML document has a DOCTYPE, which is not accepted.");
  if (doc == nullptr || !parser->wellFormed || document.root() == nullptr)
    return invalid("xml-malformed", "The XML document is not well-formed.");
  return document;
}

}  // namespace sportello::federation
