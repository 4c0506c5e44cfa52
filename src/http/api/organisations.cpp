// Patronati, for administrators (issue 11): GET and POST /admin/organisations ({code, name, offices: [..]}),
// PUT /admin/organisations/{code} ({name, offices}), POST /admin/organisations/{code}/disabling and
// /enabling (disabling ends the operators' sessions at once).
#include "flows/intermediaries/organisations.h"
#include "http/api/as_staff.h"
#include "http/api/mandates_json.h"

namespace sportello::http {
namespace {

namespace json = boost::json;

Response list(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    auto all = Organisations(api.ctx).list(actor);
    if (!all) return reply(r, all.error());
    json::array rows;
    for (const OrganisationSummary& s : *all) {
      json::object row = to_json(s.organisation);
      row["disabled"] = s.organisation.disabled;
      row["operators"] = s.operators;
      rows.push_back(row);
    }
    return reply(r, HttpStatus::ok, {{"organisations", rows}});
  });
}

Response store(Api& api, Request& r, bool update) {
  return as_staff_with_body<OrganisationInput>(
      api, r,
      [&](JsonBody& b) {
        return OrganisationInput{update ? r.params.at("code") : b.text("code"), b.text("name"), b.texts("offices")};
      },
      [&](const Actor& actor, const OrganisationInput& input) {
        Organisations organisations(api.ctx);
        auto stored = update ? organisations.update(actor, input) : organisations.add(actor, input);
        if (!stored) return reply(r, stored.error());
        json::object out = to_json(*stored);
        out["disabled"] = stored->disabled;
        return reply(r, update ? HttpStatus::ok : HttpStatus::created, out);
      });
}

Response set_disabled(Api& api, Request& r, bool disabled) {
  return as_staff(api, r, [&](const Actor& actor) {
    auto ended = Organisations(api.ctx).set_disabled(actor, r.params.at("code"), disabled);
    if (!ended) return reply(r, ended.error());
    const std::string code = normalise_organisation_code(r.params.at("code")).value_or(r.params.at("code"));
    return reply(r, HttpStatus::ok, {{"code", code}, {"disabled", disabled}, {"sessions_ended", *ended}});
  });
}

}  // namespace

void add_organisation_routes(Router& router, Api& api) {
  const std::string base = std::string(kApi) + "/admin/organisations";
  router.add({Verb::get, base, [&api](Request& r) { return list(api, r); }});
  router.add({Verb::post, base, [&api](Request& r) { return store(api, r, false); }});
  router.add({Verb::put, base + "/{code}", [&api](Request& r) { return store(api, r, true); }});
  router.add({Verb::post, base + "/{code}/disabling", [&api](Request& r) { return set_disabled(api, r, true); }});
  router.add({Verb::post, base + "/{code}/enabling", [&api](Request& r) { return set_disabled(api, r, false); }});
}

}  // namespace sportello::http
