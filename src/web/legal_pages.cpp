// The footer's pages (issue 14): the privacy notice (/privacy, GDPR art. 13: controller, DPO, purposes,
// legal basis, recipients, retention, rights), the legal notes (/note-legali) and the accessibility statement
// (/accessibilita, AgID's model: conformity, content not accessible, feedback, enforcement procedure,
// date). Static texts from the catalogues, in the reader's language; no login needed.
#include "web/web.h"

#include <vector>

#include "web/page_request.h"

namespace sportello::web {
namespace {

struct Link {
  const char* href;
  const char* text;  // catalogue key
};

// One section of a page: catalogue keys of its heading and paragraphs, and its links.
struct LegalSection {
  const char* id;
  const char* heading;
  std::vector<const char*> paragraphs;
  std::vector<Link> links = {};
};

struct LegalPage {
  const char* title;
  const char* lead;
  std::vector<LegalSection> sections;
  const char* updated;
};

const LegalPage kPrivacy{"privacy_title", "privacy_lead",
                         {{"titolare", "privacy_controller_heading", {"privacy_controller"}},
                          {"rpd", "privacy_dpo_heading", {"privacy_dpo"}},
                          {"finalita", "privacy_purposes_heading", {"privacy_purposes", "privacy_data"}},
                          {"base-giuridica", "privacy_basis_heading", {"privacy_basis", "privacy_mandatory"}},
                          {"destinatari", "privacy_recipients_heading", {"privacy_recipients", "privacy_transfers"}},
                          {"conservazione", "privacy_retention_heading", {"privacy_retention"}},
                          {"diritti", "privacy_rights_heading", {"privacy_rights", "privacy_complaint"},
                           {{"https://www.garanteprivacy.it", "privacy_garante_link"}}}},
                         "privacy_updated"};

const LegalPage kLegalNotes{"legal_title", "legal_lead",
                            {{"copyright", "legal_copyright_heading", {"legal_copyright"}},
                             {"responsabilita", "legal_liability_heading", {"legal_liability"}},
                             {"collegamenti", "legal_links_heading", {"legal_links"}},
                             {"cookie", "legal_cookies_heading", {"legal_cookies"}}},
                            "legal_updated"};

const LegalPage kAccessibility{"a11y_title", "a11y_lead",
                               {{"conformita", "a11y_status_heading", {"a11y_status"}},
                                {"non-accessibili", "a11y_gaps_heading", {"a11y_gap_pdf", "a11y_gap_charts", "a11y_gap_upload"}},
                                {"redazione", "a11y_method_heading", {"a11y_method"}},
                                {"segnalazioni", "a11y_feedback_heading", {"a11y_feedback", "a11y_feedback_contact"}},
                                {"attuazione", "a11y_enforcement_heading", {"a11y_enforcement"},
                                 {{"https://form.agid.gov.it", "a11y_agid_link"}}}},
                               "a11y_updated"};

http::Response legal_page(Web& web, const http::Request& r, const LegalPage& page) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const auto who = signed_in(web, r);
  PageData values = who ? signed_in_values(*who) : PageData{PageData::type::object};
  values.set("title", t.get(language, page.title));
  values.set("lead", t.get(language, page.lead));
  values.set("updated", t.get(language, page.updated));
  PageData sections{PageData::type::list};
  for (const LegalSection& s : page.sections) {
    PageData section{PageData::type::object};
    section.set("id", s.id);
    section.set("heading", t.get(language, s.heading));
    PageData paragraphs{PageData::type::list};
    for (const char* key : s.paragraphs) paragraphs.push_back(PageData{t.get(language, key)});
    section.set("paragraphs", paragraphs);
    PageData links{PageData::type::list};
    for (const Link& l : s.links) {
      PageData link{PageData::type::object};
      link.set("href", l.href);
      link.set("text", t.get(language, l.text));
      links.push_back(link);
    }
    section.set("links", links);
    sections.push_back(section);
  }
  values.set("sections", sections);
  return render_page(web, r, "legal", values);
}

}  // namespace

void add_legal_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/privacy", [&web](http::Request& r) { return legal_page(web, r, kPrivacy); }});
  router.add({Verb::get, "/note-legali", [&web](http::Request& r) { return legal_page(web, r, kLegalNotes); }});
  router.add({Verb::get, "/accessibilita", [&web](http::Request& r) { return legal_page(web, r, kAccessibility); }});
}

}  // namespace sportello::web
