// XML from outside (federation/xml_document.h: SAML messages, IdP metadata) parsed hardened, on any bytes.
//
// Properties beyond "no crash": a document that parses has a root element; written out again by libxml2 it
// parses again, to a root of the same name; and a document that parses never held a DOCTYPE (no internal or
// external subset survives). libxml2 is Debian's, uninstrumented: this fuzzes sportello's use of it.
#include <libxml/tree.h>

#include <string>

#include "federation/xml_document.h"
#include "fuzz_support.h"

namespace {

using sportello::federation::XmlDocument;

std::string written(const XmlDocument& document) {
  xmlChar* bytes = nullptr;
  int size = 0;
  xmlDocDumpMemory(document.get(), &bytes, &size);
  std::string out(reinterpret_cast<const char*>(bytes), bytes != nullptr ? static_cast<std::size_t>(size) : 0);
  xmlFree(bytes);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = XmlDocument::parse(bytes);
  if (!parsed) {
    const std::string& code = parsed.error().code;
    FUZZ_CHECK(code == "xml-malformed" || code == "xml-doctype" || code == "xml-too-large", code);
    return 0;
  }
  const xmlNode* root = parsed->root();
  FUZZ_CHECK(root != nullptr && root->name != nullptr, "a parsed document has a root");
  FUZZ_CHECK(parsed->get()->intSubset == nullptr && parsed->get()->extSubset == nullptr, "no DOCTYPE survives");
  const std::string again = written(*parsed);
  auto reparsed = XmlDocument::parse(again, again.size());
  FUZZ_CHECK(reparsed.ok(), again);
  FUZZ_CHECK(xmlStrEqual(reparsed->root()->name, root->name), again);
  return 0;
}
