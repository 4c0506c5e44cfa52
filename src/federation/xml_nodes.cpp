#include "federation/xml_nodes.h"

#include <memory>

namespace sportello::federation {
namespace {

const xmlChar* x(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

xmlNs* namespace_for(xmlNode* node, const char* ns, const char* prefix) {
  xmlNs* found = xmlSearchNs(node->doc, node, x(prefix));
  if (found != nullptr && xmlStrEqual(found->href, x(ns))) return found;
  return xmlNewNs(node, x(ns), x(prefix));
}

}  // namespace

bool is_element(const xmlNode* node, const char* ns, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr && xmlStrEqual(node->ns->href, x(ns)) &&
         xmlStrEqual(node->name, x(name));
}

std::vector<const xmlNode*> children(const xmlNode* parent, const char* ns, const char* name) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
    if (is_element(child, ns, name)) found.push_back(child);
  return found;
}

std::vector<const xmlNode*> element_children(const xmlNode* parent) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
    if (child->type == XML_ELEMENT_NODE) found.push_back(child);
  return found;
}

std::string attribute(const xmlNode* node, const char* name) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetNoNsProp(node, x(name)), xmlFree);
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

std::string text(const xmlNode* node) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlNodeGetContent(node), xmlFree);
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

xmlNode* add_element(xmlNode* parent, const char* ns, const char* prefix, const char* name, std::string_view content) {
  xmlNode* node = xmlNewChild(parent, nullptr, x(name), nullptr);
  xmlSetNs(node, namespace_for(node, ns, prefix));
  if (!content.empty()) {
    xmlNode* text_node = xmlNewTextLen(reinterpret_cast<const xmlChar*>(content.data()), static_cast<int>(content.size()));
    xmlAddChild(node, text_node);
  }
  return node;
}

void set_attribute(xmlNode* node, const char* name, std::string_view value) {
  xmlSetProp(node, x(name), x(std::string(value).c_str()));
}

xmlDoc* new_document(const char* ns, const char* prefix, const char* name) {
  xmlDoc* doc = xmlNewDoc(x("1.0"));
  xmlNode* root = xmlNewDocNode(doc, nullptr, x(name), nullptr);
  xmlDocSetRootElement(doc, root);
  xmlSetNs(root, xmlNewNs(root, x(ns), x(prefix)));
  return doc;
}

std::string serialize(xmlDoc* doc) {
  xmlChar* bytes = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &bytes, &size, "UTF-8", 0);
  std::unique_ptr<xmlChar, decltype(xmlFree)> owned(bytes, xmlFree);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)) : std::string();
}

}  // namespace sportello::federation
