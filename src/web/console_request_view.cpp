#include "web/console_request_view.h"

#include <algorithm>

#include "identity/postal_lines.h"

namespace sportello::web {
namespace {

struct ContactLink {
  ContactKind kind;
  const char* scheme;  // "tel:", "mailto:", or "" for a number nobody calls (fax)
};
// The order an operator wants them in: whom to call first.
constexpr ContactLink kContactLinks[] = {
    {ContactKind::mobile, "tel:"},       {ContactKind::home_phone, "tel:"}, {ContactKind::office_phone, "tel:"},
    {ContactKind::email, "mailto:"},     {ContactKind::pec, "mailto:"},     {ContactKind::pec_cittadino, "mailto:"},
    {ContactKind::fax, ""}};

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

PageData link_row(const std::string& label, const std::string& scheme, const std::string& value) {
  const bool phone = scheme == "tel:" || scheme.empty();
  PageData row{PageData::type::object};
  row.set("label", label);
  row.set("text", phone ? readable_phone(value) : value);
  row.set("href", scheme.empty() ? PageData(false) : PageData(scheme + value));
  return row;
}

}  // namespace

std::string readable_phone(const std::string& n) {
  if (!n.starts_with("+39") || !all_digits(n.substr(3))) return n;
  const std::string national = n.substr(3);
  if (national.size() == 10 && national[0] == '3')
    return "+39 " + national.substr(0, 3) + " " + national.substr(3, 3) + " " + national.substr(6);
  return "+39 " + national;
}

std::string request_path(const PendingRequest& request) {
  return "/operatori/richieste/" + request.codice_fiscale;
}

PageData request_values(const PendingRequest& p, const Texts& t, Language language) {
  PageData calls{PageData::type::list};
  PageData contacts{PageData::type::list};
  bool any_call = false;
  for (const ContactLink& link : kContactLinks) {
    const std::string& value = p.contacts.get(link.kind);
    if (value.empty()) continue;
    PageData row = link_row(t.get(language, std::string("console_contact_") + to_string(link.kind)), link.scheme, value);
    if (std::string_view(link.scheme) == "tel:") {
      calls.push_back(row);
      any_call = true;
    }
    contacts.push_back(row);
  }
  PageData v{PageData::type::object};
  v.set("codice_fiscale", p.codice_fiscale);
  v.set("surname", p.surname);
  v.set("name", p.name);
  v.set("reference", p.request_reference.empty() ? PageData(false) : PageData(p.request_reference));
  v.set("path", request_path(p));
  v.set("requested_at", format_datetime(p.requested_at, language));
  v.set("overdue", p.overdue);
  v.set("calls", calls);
  v.set("no_calls", !any_call);
  v.set("contacts", contacts);
  v.set("sex", t.get(language, p.sex == Sex::female ? "field_sex_F" : "field_sex_M"));
  v.set("birth_date", format_date(p.birth_date, language));
  v.set("birth_place", p.birth_place);
  v.set("residence", residence_line(p.residence));
  return v;
}

}  // namespace sportello::web
