#include "web/pages.h"

#include "web/embedded_web_files.h"

namespace sportello::web {

namespace mustache = kainjow::mustache;

Result<std::shared_ptr<const Pages>> Pages::builtin() {
  auto texts = Texts::builtin();
  if (!texts) return texts.error();
  auto pages = std::make_shared<Pages>();
  pages->texts_ = *texts;
  for (const auto& file : embedded_web_files()) {
    if (!file.name.starts_with("templates/")) continue;
    std::string name(file.name.substr(10));
    name = name.substr(0, name.find('.'));
    const mustache::mustache check{std::string(file.text)};
    if (!check.is_valid()) return Error::invalid("invalid-page-template", "templates/" + name + ": " + check.error_message());
    pages->templates_[name] = std::string(file.text);
  }
  if (!pages->templates_.contains("layout")) return Error::invalid("invalid-page-template", "templates/layout is missing");
  return std::shared_ptr<const Pages>(std::move(pages));
}

std::string Pages::render(const std::string& name, Language language, PageData values) const {
  PageData t{PageData::type::object};
  for (const auto& [key, text] : texts_->all(language)) t.set(key, text);
  values.set("t", t);
  values.set("lang", to_string(language));
  values.set("other_lang", language == Language::it ? "en" : "it");
  values.set("other_lang_name", language == Language::it ? "English" : "Italiano");
  for (const auto& [partial_name, text] : templates_)
    if (partial_name.starts_with("_")) values.set(partial_name, mustache::partial([&text = text] { return text; }));
  const auto found = templates_.find(name);
  mustache::mustache body{found == templates_.end() ? std::string("{{t.page_missing}}") : found->second};
  values.set("content", body.render(values));
  values.set("document_title", title(name, language, values));
  mustache::mustache layout{templates_.at("layout")};
  return layout.render(values);
}

std::vector<std::string> Pages::page_names() const {
  std::vector<std::string> names;
  for (const auto& [name, text] : templates_)
    if (name != "layout" && !name.starts_with("_")) names.push_back(name);
  return names;
}

std::string Pages::title(const std::string& name, Language language, const PageData& values) const {
  const std::string site = texts_->get(language, "site_name");
  for (const char* own : {"page_title", "title"})
    if (const PageData* given = values.get(own); given && given->is_string() && !given->string_value().empty())
      return given->string_value() + " – " + site;
  const auto& all = texts_->all(language);
  const auto found = all.find("title_" + name);
  return found == all.end() ? site : found->second + " – " + site;
}

}  // namespace sportello::web
