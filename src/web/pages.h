#pragma once
// Renders the web pages (issue 5): a page's template (templates/<name>.mustache) inside the layout
// (templates/layout.mustache), with the texts of the reader's language as {{t.key}} and the page's own
// values; templates named _<name> are partials ({{>_fields}}). Every {{value}} is HTML-escaped; only the rendered page body enters the layout unescaped.
// Built once at start-up; thread-safe (each render works on its own copies).
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>

#include "core/result.h"
#include "web/locale.h"

namespace sportello::web {

using PageData = kainjow::mustache::data;

class Pages {
 public:
  static Result<std::shared_ptr<const Pages>> builtin();

  // `values` must be an object; it gains "t" (the texts), "lang" and "other_lang".
  std::string render(const std::string& name, Language language, PageData values) const;
  const Texts& texts() const { return *texts_; }

 private:
  std::shared_ptr<const Texts> texts_;
  std::map<std::string, std::string> templates_;  // name -> template text
};

}  // namespace sportello::web
