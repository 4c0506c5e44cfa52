// Issue 14: every page has its own <title> ("Accedi – Sportello PIN"), in the reader's language, and a
// handler can give a more specific one.
#include <gtest/gtest.h>

#include "web/pages.h"

namespace sportello::web {
namespace {

std::shared_ptr<const Pages> builtin_pages() {
  auto pages = Pages::builtin();
  EXPECT_TRUE(pages.ok()) << pages.error().message;
  return pages ? *pages : nullptr;
}

TEST(PageTitle, EveryPageHasATitleInBothLanguages) {
  const auto pages = builtin_pages();
  ASSERT_TRUE(pages);
  ASSERT_FALSE(pages->page_names().empty());
  for (const std::string& name : pages->page_names())
    for (Language language : {Language::it, Language::en})
      EXPECT_TRUE(pages->texts().all(language).contains("title_" + name))
          << "locales/pages." << to_string(language) << ".toml lacks title_" << name;
}

struct TitleCase {
  const char* page;
  Language language;
  const char* page_title;  // what the handler gives, "" for nothing
  const char* title;       // the page's own heading value, "" for nothing
  const char* expected;
};

TEST(PageTitle, HandlerTitleThenPageHeadingThenCatalogueWithTheSiteName) {
  const auto pages = builtin_pages();
  ASSERT_TRUE(pages);
  const TitleCase cases[] = {
      {"login", Language::it, "", "", "Accedi – Sportello PIN"},
      {"login", Language::en, "", "", "Log in – PIN Counter"},
      {"reserved_area", Language::it, "", "", "Area riservata – Sportello PIN"},
      {"notice", Language::it, "", "PIN revocato", "PIN revocato – Sportello PIN"},
      {"applications_detail", Language::it, "Domanda n. 12", "Assegno", "Domanda n. 12 – Sportello PIN"},
      {"no_such_page", Language::it, "", "", "Sportello PIN"},
  };
  for (const TitleCase& c : cases) {
    PageData values{PageData::type::object};
    if (*c.page_title) values.set("page_title", c.page_title);
    if (*c.title) values.set("title", c.title);
    EXPECT_EQ(pages->title(c.page, c.language, values), c.expected) << c.page;
  }
}

TEST(PageTitle, TheLayoutPrintsIt) {
  const auto pages = builtin_pages();
  ASSERT_TRUE(pages);
  const std::string html = pages->render("login", Language::it, PageData{PageData::type::object});
  EXPECT_NE(html.find("<title>Accedi – Sportello PIN</title>"), std::string::npos);
}

}  // namespace
}  // namespace sportello::web
