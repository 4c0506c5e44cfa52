#pragma once
// The citizen web portal and the operators' console (issue 5): server-rendered pages on Bootstrap Italia
// (served by sportello from npm's bootstrap-italia, no CDN) that work without JavaScript. Forms POST with a
// CSRF token and answer with a redirect (303) or the same page with the errors next to the fields.
// Handlers are thin: parse the form, call one flow, render.
#include <filesystem>

#include "federation/federation.h"
#include "http/api/api.h"
#include "web/pages.h"

namespace sportello::web {

struct Web {
  http::Api& api;                    // the flows, throttle and metrics the JSON API uses too
  const Pages& pages;
  std::filesystem::path assets;      // bootstrap-italia's dist folder
  const federation::Federation* federation = nullptr;  // SPID and CIE (issue 12); null: not configured
  std::string cns_url;               // https://host:port of the CNS listener ([cns] public_url); empty: no CNS
};

void add_static_routes(http::Router& router, Web& web);
void add_citizen_pages(http::Router& router, Web& web);
void add_request_pages(http::Router& router, Web& web);
void add_recovery_pages(http::Router& router, Web& web);
void add_pin_pages(http::Router& router, Web& web);
void add_holder_pages(http::Router& router, Web& web);
void add_contact_pages(http::Router& router, Web& web);
void add_records_pages(http::Router& router, Web& web);
void add_console_pages(http::Router& router, Web& web);
void add_application_pages(http::Router& router, Web& web);
void add_console_application_pages(http::Router& router, Web& web);
// Issue 11. The citizen's mandates to patronati (mandate_pages.cpp) and the page of who touched their data
// (access_pages.cpp); the console's patronato section (console_patronato*.cpp), the contact centre's filing for
// a caller (console_caller.cpp), the administrators' patronati (console_organisations.cpp).
void add_mandate_pages(http::Router& router, Web& web);
void add_access_pages(http::Router& router, Web& web);
void add_console_patronato_pages(http::Router& router, Web& web);
void add_console_caller_pages(http::Router& router, Web& web);
void add_console_organisation_pages(http::Router& router, Web& web);
// SPID and CIE (issue 12): the SP's metadata, the start of a login at an identity provider. federation_pages.cpp
void add_federation_pages(http::Router& router, Web& web);
// CNS (issue 12): /accedi/cns, the card read by the CNS listener's handshake opens the session. cns_pages.cpp
void add_cns_pages(http::Router& router, Web& web);
// The footer's pages: privacy notice, legal notes, accessibility statement (AgID's model). legal_pages.cpp
void add_legal_pages(http::Router& router, Web& web);

inline void add_web_routes(http::Router& router, Web& web) {
  add_static_routes(router, web);
  add_citizen_pages(router, web);
  add_request_pages(router, web);
  add_recovery_pages(router, web);
  add_pin_pages(router, web);
  add_holder_pages(router, web);
  add_contact_pages(router, web);
  add_records_pages(router, web);
  add_console_pages(router, web);
  add_application_pages(router, web);
  add_console_application_pages(router, web);
  add_mandate_pages(router, web);
  add_access_pages(router, web);
  add_console_patronato_pages(router, web);
  add_console_caller_pages(router, web);
  add_console_organisation_pages(router, web);
  add_legal_pages(router, web);
  add_federation_pages(router, web);
  add_cns_pages(router, web);
}

}  // namespace sportello::web
