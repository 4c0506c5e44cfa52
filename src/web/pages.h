#pragma once
// Renders the web pages (issue 5): a page's template (templates/<name>.mustache) inside the layout
// (templates/layout.mustache), with the texts of the reader's language as {{t.key}} and the page's own
// values; templates named _<name> are partials ({{>_fields}}). Every {{value}} is HTML-escaped; only the rendered page body enters the layout unescaped.
// Every page has its own <title>: the handler's `page_title`, else the page's own `title` value (notices,
// forms, an application's detail), else the catalogue's `title_<template>`; " – <site name>" is appended.
// Built once at start-up; thread-safe (each render works on its own copies).
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

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
  // The names of the pages a handler may render (neither the layout nor a partial).
  std::vector<std::string> page_names() const;
  // The text of the page's <title> (see above).
  std::string title(const std::string& name, Language language, const PageData& values) const;

 private:
  std::shared_ptr<const Texts> texts_;
  std::map<std::string, std::string> templates_;  // name -> template text
};

}  // namespace sportello::web
