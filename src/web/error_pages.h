#pragma once
// The error pages for people (issue 14): an address that leads nowhere, a method a path does not take, a
// fault or an overload outside /api/ gets a page in the layout, in the reader's language, with the status
// and a way home. Clients of /api/ and those that ask for JSON keep the problem document.
#include "http/message.h"
#include "web/web.h"

namespace sportello::web {

// Whether `request` wants the problem document rather than a page: under /api/, or Accept prefers JSON.
bool wants_problem_json(const http::Request& request);
// Replaces the server's problem answer `response` with the page of its status (keeping Allow and
// Retry-After) unless the reader wants JSON. For http::ServerHooks::error_page.
void dress_error_page(Web& web, http::Response& response, const http::Request& request);

}  // namespace sportello::web
