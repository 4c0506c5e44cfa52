#pragma once
// Small readers and writers of libxml2 trees shared by the federation's documents (issue 12): an element
// matched by namespace and local name, its element children, an attribute without namespace, its text; and the
// writers that build SAML documents as trees (never by pasting strings, so every value is escaped by libxml2).
// Only files of src/federation include this (libxml2 stays in the folder).
#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace sportello::federation {

bool is_element(const xmlNode* node, const char* ns, const char* name);
std::vector<const xmlNode*> children(const xmlNode* parent, const char* ns, const char* name);
std::vector<const xmlNode*> element_children(const xmlNode* parent);
std::string attribute(const xmlNode* node, const char* name);  // "" when absent
std::string text(const xmlNode* node);

// A new element `prefix:name` in `ns` as the last child of `parent`, with `content` as its text when given.
// The namespace is declared on the element unless an ancestor already declares it with that prefix.
xmlNode* add_element(xmlNode* parent, const char* ns, const char* prefix, const char* name,
                     std::string_view content = {});
void set_attribute(xmlNode* node, const char* name, std::string_view value);
// A new document whose root is `prefix:name` in `ns` (declared on it).
xmlDoc* new_document(const char* ns, const char* prefix, const char* name);
// The document as UTF-8 bytes, with an XML declaration, unindented (a signed document keeps its bytes).
std::string serialize(xmlDoc* doc);

}  // namespace sportello::federation
