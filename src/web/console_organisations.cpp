// The administrators' patronati (SPEC §6, issue 11), under /operatori/organizzazioni: the list of organisations
// (code, name, offices, operators, state) with the form that adds one below it; one organisation's page to edit
// its name and offices (the code stays); disabling and enabling, each behind a page that says what it does
// (disabling ends every session of its operators at once and refuses their logins until it is enabled again).
// A refused form comes back (422) with every problem next to its field and in a summary on top, what was typed
// kept and nothing stored. The flows (Organisations) allow all of it to administrators only; other roles get the
// 403 page. Codes are not personal data: they travel in paths.
#include <algorithm>
#include <sstream>

#include "flows/intermediaries/organisations.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kList = "/operatori/organizzazioni";
constexpr Flash kListFlashes[] = {{"patronato-aggiunto", true},
                                  {"patronato-modificato", true},
                                  {"patronato-disattivato", true},
                                  {"patronato-riattivato", true}};

std::string page_of(const std::string& code) { return std::string(kList) + "/" + code; }

// Where a form about the organisation of the path goes back to: its page, or the list for a path that cannot
// be a code (nothing typed in a path goes back into a Location as it came).
std::string back_to(const Request& r) {
  const auto code = normalise_organisation_code(r.params.at("code"));
  return code ? page_of(*code) : std::string(kList);
}

// The offices as typed in the textarea, one a line (blank lines kept: the flow drops them, and numbers the
// others by their line).
std::vector<std::string> office_lines(const std::string& typed) {
  std::vector<std::string> lines;
  std::istringstream in(typed);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

OrganisationInput input_of(const Fields& fields, const std::string& code) {
  return OrganisationInput{code, value_of(fields, "name"), office_lines(value_of(fields, "offices"))};
}

// Every problem of what was typed, by the domain's own rules (the flow stops at the first): the reader mends
// them all at once. The numbers of the office lines that are refused, for the text next to the field.
struct Problems {
  std::vector<Error> errors;
  std::vector<std::size_t> bad_lines;
};

Problems problems_of(const OrganisationInput& input, bool with_code) {
  Problems p;
  if (with_code && !normalise_organisation_code(input.code))
    p.errors.push_back(Error::invalid("invalid-organisation-code", "", "code"));
  if (!normalise_organisation_text(input.name)) p.errors.push_back(Error::invalid("invalid-organisation-name", "", "name"));
  std::size_t offices = 0;
  for (std::size_t i = 0; i < input.offices.size(); ++i) {
    if (input.offices[i].find_first_not_of(" \t") == std::string::npos) continue;
    ++offices;
    if (!normalise_organisation_text(input.offices[i])) p.bad_lines.push_back(i + 1);
  }
  if (!p.bad_lines.empty()) p.errors.push_back(Error::invalid("invalid-office", "", "offices"));
  else if (offices > kMaxOffices) p.errors.push_back(Error::invalid("too-many-offices", "", "offices"));
  return p;
}

// One field of the form: its value as typed and the text of its problems, for the template.
void put_field(PageData& values, const std::string& name, const std::string& typed, const std::string& error) {
  values.set(name + "_value", typed);
  values.set(name + "_error", error.empty() ? PageData(false) : PageData(error));
}

// The form's fields (code only when adding), each with its problems, and the summary on top linking to each.
void put_form(Web& web, Request& r, PageData& values, const Fields& typed, const Problems& problems, bool with_code) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const auto text_for = [&](const std::string& field) {
    std::string joined;
    for (const Error& e : problems.errors)
      if (e.field == field) {
        std::string text = error_text(t, language, e);
        if (e.code == "invalid-office" && !problems.bad_lines.empty()) {
          std::string lines;
          for (std::size_t n : problems.bad_lines) lines += (lines.empty() ? "" : ", ") + std::to_string(n);
          text += " " + t.get(language, problems.bad_lines.size() == 1 ? "console_organisations_office_line"
                                                                        : "console_organisations_office_lines") +
                  " " + lines + ".";
        }
        joined += (joined.empty() ? "" : " ") + text;
      }
    return joined;
  };
  if (with_code) put_field(values, "code", value_of(typed, "code"), text_for("code"));
  put_field(values, "name", value_of(typed, "name"), text_for("name"));
  put_field(values, "offices", value_of(typed, "offices"), text_for("offices"));
  PageData rows{PageData::type::list};
  for (const char* field : {"code", "name", "offices"}) {
    const std::string text = text_for(field);
    if (text.empty() || (!with_code && std::string(field) == "code")) continue;
    PageData row{PageData::type::object};
    row.set("href", std::string("#") + field);
    row.set("text", t.get(language, std::string("console_field_organisation_") + field) + ": " + text);
    rows.push_back(row);
  }
  // A refusal on no field of the form (none expected from these flows): on top, as it is.
  for (const Error& e : problems.errors)
    if (e.field != "code" && e.field != "name" && e.field != "offices") {
      PageData row{PageData::type::object};
      row.set("href", false);
      row.set("text", error_text(t, language, e));
      rows.push_back(row);
    }
  values.set("has_problems", !rows.is_empty_list());
  values.set("problem_count", problems.errors.size() == 1
                                  ? t.get(language, "form_summary_one")
                                  : std::to_string(problems.errors.size()) + " " + t.get(language, "form_summary_many"));
  values.set("problems", rows);
}

const OrganisationSummary* summary_of(const std::vector<OrganisationSummary>& all, const std::string& code) {
  const auto normalised = normalise_organisation_code(code);
  if (!normalised) return nullptr;
  const auto at = std::find_if(all.begin(), all.end(),
                               [&](const OrganisationSummary& s) { return s.organisation.code == *normalised; });
  return at == all.end() ? nullptr : &*at;
}

std::string operators_text(const Texts& t, Language language, int count) {
  return std::to_string(count) + " " +
         t.get(language, count == 1 ? "console_organisations_operator_one" : "console_organisations_operator_other");
}

PageData offices_rows(const std::vector<std::string>& offices) {
  PageData rows{PageData::type::list};
  for (const std::string& office : offices) rows.push_back(PageData(office));
  return rows;
}

std::string joined_offices(const std::vector<std::string>& offices) {
  std::string joined;
  for (const std::string& office : offices) joined += (joined.empty() ? "" : "\n") + office;
  return joined;
}

// The list with the form that adds one (empty, or as typed with its problems).
Response list_page(Web& web, Request& r, const SignedInStaff& who, const Fields& typed, const Problems& problems,
                   http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto all = Organisations(web.api.ctx).list(who.actor);
  if (!all) return console_problem(web, r, who, all.error());
  PageData rows{PageData::type::list};
  for (const OrganisationSummary& s : *all) {
    PageData row{PageData::type::object};
    row.set("code", s.organisation.code);
    row.set("name", s.organisation.name);
    row.set("href", page_of(s.organisation.code));
    row.set("offices", offices_rows(s.organisation.offices));
    row.set("no_offices", s.organisation.offices.empty());
    row.set("operators", operators_text(t, language, s.operators));
    row.set("disabled", s.organisation.disabled);
    rows.push_back(row);
  }
  PageData values = console_values(web, r, who);
  values.set("organisations", rows);
  values.set("empty", rows.is_empty_list());
  values.set("action", std::string(kList));
  put_form(web, r, values, typed, problems, true);
  put_flash(web, r, kListFlashes, values);
  return render_page(web, r, "console_organisations", values, status);
}

Response organisation_list(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return list_page(web, r, who, {}, {}); });
}

// A refusal: the 403/404 page for a role or a missing organisation, else the form again with every problem.
template <typename Again>
Response refused(Web& web, Request& r, const SignedInStaff& who, const Error& e, Problems problems, Again again) {
  if (e.kind == ErrorKind::forbidden || e.kind == ErrorKind::unavailable || e.kind == ErrorKind::not_found)
    return console_problem(web, r, who, e);
  const bool listed = std::any_of(problems.errors.begin(), problems.errors.end(),
                                  [&](const Error& p) { return p.code == e.code && p.field == e.field; });
  if (!listed) problems.errors.push_back(e);
  return again(problems);
}

Response add(Web& web, Request& r) {
  return as_staff_posting(web, r, kList, [&](const SignedInStaff& who, const Fields& fields) {
    const OrganisationInput input = input_of(fields, value_of(fields, "code"));
    auto added = Organisations(web.api.ctx).add(who.actor, input);
    if (added) return redirect(r, std::string(kList) + "?esito=patronato-aggiunto");
    return refused(web, r, who, added.error(), problems_of(input, true), [&](const Problems& problems) {
      return list_page(web, r, who, fields, problems, form_error_status(added.error()));
    });
  });
}

// One organisation: what it is, the form that edits it, and the way to disable or enable it.
Response edit_page(Web& web, Request& r, const SignedInStaff& who, const std::string& code, const Fields* typed,
                   const Problems& problems, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto all = Organisations(web.api.ctx).list(who.actor);
  if (!all) return console_problem(web, r, who, all.error());
  const OrganisationSummary* found = summary_of(*all, code);
  if (!found) return console_problem(web, r, who, organisation_not_found());
  const Organisation& o = found->organisation;
  PageData values = console_values(web, r, who);
  values.set("code", o.code);
  values.set("name", o.name);
  values.set("operators", operators_text(t, language, found->operators));
  values.set("disabled", o.disabled);
  values.set("action", page_of(o.code));
  values.set("switch_href", page_of(o.code) + (o.disabled ? "/riattivazione" : "/disattivazione"));
  const Fields current{{"name", o.name}, {"offices", joined_offices(o.offices)}};
  put_form(web, r, values, typed ? *typed : current, problems, false);
  return render_page(web, r, "console_organisations_edit", values, status);
}

Response edit(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return edit_page(web, r, who, r.params.at("code"), nullptr, {}); });
}

Response update(Web& web, Request& r) {
  const std::string code = r.params.at("code");
  return as_staff_posting(web, r, back_to(r), [&](const SignedInStaff& who, const Fields& fields) {
    if (!normalise_organisation_code(code)) return console_problem(web, r, who, organisation_not_found());
    const OrganisationInput input = input_of(fields, code);
    auto stored = Organisations(web.api.ctx).update(who.actor, input);
    if (stored) return redirect(r, std::string(kList) + "?esito=patronato-modificato");
    return refused(web, r, who, stored.error(), problems_of(input, false), [&](const Problems& problems) {
      return edit_page(web, r, who, code, &fields, problems, form_error_status(stored.error()));
    });
  });
}

// The page that asks before disabling (or enabling), saying what it does.
Response confirm_page(Web& web, Request& r, bool disabling) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const Language language = language_of(r);
    const Texts& t = web.pages.texts();
    auto all = Organisations(web.api.ctx).list(who.actor);
    if (!all) return console_problem(web, r, who, all.error());
    const OrganisationSummary* found = summary_of(*all, r.params.at("code"));
    if (!found) return console_problem(web, r, who, organisation_not_found());
    const Organisation& o = found->organisation;
    // Already as asked (a colleague was quicker, or an old tab): back to its page.
    if (o.disabled == disabling) return redirect(r, page_of(o.code));
    PageData values = console_values(web, r, who);
    values.set("code", o.code);
    values.set("name", o.name);
    values.set("operators", operators_text(t, language, found->operators));
    values.set("disabling", disabling);
    values.set("action", page_of(o.code) + (disabling ? "/disattivazione" : "/riattivazione"));
    values.set("back", page_of(o.code));
    return render_page(web, r, "console_organisations_switch", values);
  });
}

Response set_disabled(Web& web, Request& r, bool disabling) {
  const std::string code = r.params.at("code");
  return as_staff_posting(web, r, back_to(r), [&](const SignedInStaff& who, const Fields&) {
    auto done = Organisations(web.api.ctx).set_disabled(who.actor, code, disabling);
    if (!done) return console_problem(web, r, who, done.error());
    return redirect(r, std::string(kList) + (disabling ? "?esito=patronato-disattivato" : "?esito=patronato-riattivato"));
  });
}

}  // namespace

void add_console_organisation_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kList) + "/{code}";
  router.add({Verb::get, kList, [&web](Request& r) { return organisation_list(web, r); }});
  router.add({Verb::post, kList, [&web](Request& r) { return add(web, r); }});
  router.add({Verb::get, one, [&web](Request& r) { return edit(web, r); }});
  router.add({Verb::post, one, [&web](Request& r) { return update(web, r); }});
  router.add({Verb::get, one + "/disattivazione", [&web](Request& r) { return confirm_page(web, r, true); }});
  router.add({Verb::post, one + "/disattivazione", [&web](Request& r) { return set_disabled(web, r, true); }});
  router.add({Verb::get, one + "/riattivazione", [&web](Request& r) { return confirm_page(web, r, false); }});
  router.add({Verb::post, one + "/riattivazione", [&web](Request& r) { return set_disabled(web, r, false); }});
}

}  // namespace sportello::web
