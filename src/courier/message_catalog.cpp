#include "courier/message_catalog.h"

#include <kainjow/mustache.hpp>
#include <toml++/toml.h>

#include <mutex>
#include <sstream>

#include "courier/embedded_templates.h"

namespace sportello {

namespace mustache = kainjow::mustache;

struct MessageCatalog::Entry {
  std::unique_ptr<mustache::mustache> subject, text, sms, secret_label;
  std::vector<std::unique_ptr<mustache::mustache>> instructions;
};

namespace {

constexpr const char* kFallbackLanguage = "it";

Error malformed(const std::string& where, const std::string& why) {
  return Error::invalid("invalid-message-template", "Message template " + where + ": " + why, where);
}

// A template from an optional TOML string; empty when the key is absent.
Result<std::unique_ptr<mustache::mustache>> compile(const toml::table& table, const std::string& key,
                                                    const std::string& where, bool required) {
  const auto text = table[key].value<std::string>();
  if (!text) {
    if (required || table.contains(key)) return malformed(where + "." + key, "missing or not a string");
    return std::unique_ptr<mustache::mustache>{};
  }
  auto compiled = std::make_unique<mustache::mustache>(*text);
  if (!compiled->is_valid()) return malformed(where + "." + key, compiled->error_message());
  compiled->set_custom_escape([](const std::string& s) { return s; });  // plain text; HTML is escaped apart
  return compiled;
}

Result<std::shared_ptr<const MessageCatalog::Entry>> compile_entry(const toml::table& table, const std::string& where) {
  auto entry = std::make_shared<MessageCatalog::Entry>();
  auto subject = compile(table, "subject", where, true);
  if (!subject) return subject.error();
  auto text = compile(table, "text", where, true);
  if (!text) return text.error();
  auto sms = compile(table, "sms", where, true);
  if (!sms) return sms.error();
  auto label = compile(table, "secret_label", where, false);
  if (!label) return label.error();
  entry->subject = std::move(*subject);
  entry->text = std::move(*text);
  entry->sms = std::move(*sms);
  entry->secret_label = std::move(*label);
  if (const toml::array* steps = table["instructions"].as_array()) {
    for (const auto& step : *steps) {
      const auto line = step.value<std::string>();
      if (!line) return malformed(where + ".instructions", "each step is a string");
      auto compiled = std::make_unique<mustache::mustache>(*line);
      if (!compiled->is_valid()) return malformed(where + ".instructions", compiled->error_message());
      compiled->set_custom_escape([](const std::string& s) { return s; });
      entry->instructions.push_back(std::move(compiled));
    }
  }
  return std::shared_ptr<const MessageCatalog::Entry>(std::move(entry));
}

mustache::data data_from(const std::map<std::string, std::string>& params) {
  mustache::data data;
  for (const auto& [key, value] : params) {
    if (key == "in_letter") data.set(key, value == "1" ? mustache::data(true) : mustache::data(false));
    else data.set(key, value);
  }
  return data;
}

std::string render_plain(mustache::mustache& tmpl, const mustache::data& data) { return tmpl.render(data); }

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The HTML part: the plain text's paragraphs, escaped, in a plain accessible layout.
std::string html_from_text(const std::string& subject, const std::string& text, const std::string& language) {
  std::ostringstream html;
  html << "<!DOCTYPE html><html lang=\"" << language << "\"><head><meta charset=\"utf-8\"><title>" << escape_html(subject)
       << "</title></head><body style=\"font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a\">";
  std::istringstream lines(text);
  std::string line, paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) html << "<p>" << paragraph << "</p>";
    paragraph.clear();
  };
  while (std::getline(lines, line)) {
    if (line.empty()) {
      flush();
    } else {
      paragraph += (paragraph.empty() ? "" : "<br>") + escape_html(line);
    }
  }
  flush();
  html << "</body></html>";
  return html.str();
}

std::string trim_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

Result<std::shared_ptr<const MessageCatalog>> MessageCatalog::builtin() {
  std::map<std::string, std::string> toml_by_language;
  for (const auto& file : embedded_templates()) {
    std::string name(file.name);  // "it.toml"
    if (name.ends_with(".toml")) toml_by_language[name.substr(0, name.size() - 5)] = std::string(file.text);
  }
  return parse(toml_by_language);
}

Result<std::shared_ptr<const MessageCatalog>> MessageCatalog::parse(const std::map<std::string, std::string>& toml_by_language) {
  auto catalog = std::make_shared<MessageCatalog>();
  for (const auto& [language, text] : toml_by_language) {
    toml::table root;
    try {
      root = toml::parse(text);
    } catch (const toml::parse_error& e) {
      return malformed(language, std::string(e.description()));
    }
    for (const auto& [name, node] : root) {
      const toml::table* table = node.as_table();
      if (!table) return malformed(language + "." + std::string(name.str()), "not a table");
      auto entry = compile_entry(*table, language + "." + std::string(name.str()));
      if (!entry) return entry.error();
      catalog->entries_[language][std::string(name.str())] = std::move(*entry);
    }
  }
  if (!catalog->entries_.contains(kFallbackLanguage)) return malformed(kFallbackLanguage, "the Italian catalogue is missing");
  return std::shared_ptr<const MessageCatalog>(std::move(catalog));
}

Result<RenderedMessage> MessageCatalog::render(const std::string& template_name, const std::string& language,
                                               const std::map<std::string, std::string>& params) const {
  auto by_language = entries_.find(language);
  if (by_language == entries_.end() || !by_language->second.contains(template_name))
    by_language = entries_.find(kFallbackLanguage);
  const std::string used_language = by_language->first;
  const auto found = by_language->second.find(template_name);
  if (found == by_language->second.end())
    return Error{ErrorKind::not_found, "unknown-message-template", "No message template named " + template_name, {}, {}};
  const Entry& entry = *found->second;
  std::lock_guard lock(*render_mu_);  // mustache's renderer keeps state while it runs
  std::map<std::string, std::string> values = params;
  if (const auto secret = values.find("secret"); secret != values.end()) {
    if (const auto space = secret->second.find(' '); space != std::string::npos) {
      values["secret_1"] = secret->second.substr(0, space);
      values["secret_2"] = secret->second.substr(space + 1);
    }
  }
  const mustache::data data = data_from(values);
  RenderedMessage out;
  out.subject = trim_trailing_newlines(render_plain(*entry.subject, data));
  out.text = trim_trailing_newlines(render_plain(*entry.text, data));
  out.sms = trim_trailing_newlines(render_plain(*entry.sms, data));
  if (entry.secret_label) out.secret_label = render_plain(*entry.secret_label, data);
  for (const auto& step : entry.instructions) out.instructions.push_back(render_plain(*step, data));
  out.html = html_from_text(out.subject, out.text, used_language);
  return out;
}

std::vector<std::string> MessageCatalog::template_names(const std::string& language) const {
  std::vector<std::string> names;
  if (const auto found = entries_.find(language); found != entries_.end())
    for (const auto& [name, _] : found->second) names.push_back(name);
  return names;
}

std::vector<std::string> MessageCatalog::languages() const {
  std::vector<std::string> out;
  for (const auto& [language, _] : entries_) out.push_back(language);
  return out;
}

}  // namespace sportello
