#pragma once
// What the citizen's other pages take from SPID and CIE (issue 12; the routes are in federation_pages.cpp):
// the login page's ways in (the PA pattern: "Entra con SPID" with the accepted identity providers, served from
// their metadata with no third-party script, "Entra con CIE", then the PIN among "Altre utenze"; without
// [federation] the page is the PIN's alone), and signing out of a session an identity provider opened.
#include <optional>
#include <string>

#include "http/message.h"

#include "web/pages.h"
#include "web/web.h"

namespace sportello::web {

// A login that lets nobody in (SPID and CIE's answer, a CNS card): the notice page's title and text keys, and its
// status; the page offers the way back to /accedi.
struct LoginRefusal {
  std::string title;
  std::string text;
  http::HttpStatus status;
};
http::Response login_refusal_page(Web& web, const http::Request& request, const LoginRefusal& refusal);

// Sets `federation` (with `spid_idps`: name and link of each, and `cie_link`) when [federation] is configured, and
// `cns_link` (the CNS listener's /accedi/cns) when [cns] is.
void put_login_choices(const Web& web, const std::string& return_path, PageData& values);

// Ends the session of `token` and, when an identity provider opened it and offers single logout, answers with the
// way to its LogoutRequest (a redirect, or a form that posts itself); nullopt otherwise (the session ended all
// the same: the caller answers as for any sign-out).
std::optional<http::Response> leave_identity_provider(Web& web, const http::Request& request, const std::string& token);

}  // namespace sportello::web
