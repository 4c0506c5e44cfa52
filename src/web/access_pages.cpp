// "Chi ha consultato i suoi dati" (SPEC §6, issue 11): /area-riservata/accessi lists every access and action on
// the holder's data, newest first, from the audit log (hash-chained: nobody it names can hide a row): when
// (Rome), who (the operator by name and role, a patronato operator with the organisation; never a username),
// what, and under which mandate or call. ?chi=altri keeps only what others did (staff, patronati, the contact
// centre). The reserved area shows the latest 20 and links here.
#include <algorithm>

#include "flows/profile.h"
#include "web/access_list.h"
#include "web/page_request.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// How many rows the page reads: well over a year of a busy holder's logins, bounded.
constexpr int kMostAccesses = 500;

bool by_others(const Access& a) {
  return a.by.kind == AccessActor::Kind::staff || a.by.kind == AccessActor::Kind::operator_;
}

Response accesses(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto found = Profile(web.api.ctx).accesses(who->session, kMostAccesses);
  PageData values = reserved_page_values(*who, t.get(language, "accesses_title"));
  values.set("title", t.get(language, "accesses_title"));
  if (!found) {
    values.set("unavailable", true);
    return render_page(web, r, "accesses", values, http::HttpStatus::service_unavailable);
  }
  const auto chi = r.query.find("chi");
  const bool others_only = chi != r.query.end() && chi->second == "altri";
  std::vector<Access> shown = std::move(*found);
  if (others_only) std::erase_if(shown, [](const Access& a) { return !by_others(a); });
  put_accesses(t, language, shown, values, web.federation);
  values.set("others_only", others_only);
  values.set("none", shown.empty());
  values.set("count", std::to_string(shown.size()));
  values.set("at_most", shown.size() >= static_cast<std::size_t>(kMostAccesses) && !others_only);
  return render_page(web, r, "accesses", values);
}

}  // namespace

void add_access_pages(http::Router& router, Web& web) {
  router.add({http::Verb::get, "/area-riservata/accessi", [&web](Request& r) { return accesses(web, r); }});
}

}  // namespace sportello::web
