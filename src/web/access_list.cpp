#include "web/access_list.h"

namespace sportello::web {

std::string access_actor_text(const Texts& t, Language language, const AccessActor& by) {
  switch (by.kind) {
    case AccessActor::Kind::holder: return t.get(language, "access_you");
    case AccessActor::Kind::staff: {
      const std::string role = by.role ? t.get(language, std::string("access_role_") + to_string(*by.role)) : "";
      const std::string name = by.full_name.empty() ? t.get(language, "access_operator") : by.full_name;
      const std::string who = role.empty() ? name : name + ", " + role;
      return by.organisation.empty() ? who : who + " (" + by.organisation + ")";
    }
    case AccessActor::Kind::operator_: return t.get(language, "access_operator");
    case AccessActor::Kind::system: return t.get(language, "access_system");
  }
  return t.get(language, "access_system");
}

void put_accesses(const Texts& t, Language language, const std::vector<Access>& accesses, PageData& values,
                  const federation::Federation* federation) {
  PageData rows{PageData::type::list};
  int logins = 0;
  for (const Access& a : accesses) {
    // Newest first: the second login (with PIN, SPID, CIE or CNS) is the one before the session now open.
    const bool login = a.action == "pin.login" || a.action == "spid.login" || a.action == "cie.login" ||
                       a.action == "cns.login";
    if (login && ++logins == 2) values.set("last_access", format_datetime(a.at, language));
    PageData row{PageData::type::object};
    row.set("when", format_datetime(a.at, language));
    row.set("who", access_actor_text(t, language, a.by));
    std::string what = t.get(language, "action_" + a.action);
    if (!a.protocol.empty()) what += " " + a.protocol;
    if (!a.provider.empty()) {
      const federation::IdentityProvider* idp = federation ? federation->idps.find(a.provider) : nullptr;
      std::string through = idp && !idp->display_name.empty() ? idp->display_name : a.provider;
      if (a.spid_level > 0) through += ", " + t.get(language, "access_spid_level") + " " + std::to_string(a.spid_level);
      if (a.action != "cie.login") what += " (" + through + ")";  // CIE's provider is CIE itself
    }
    if (a.mandate_id) what += " (" + t.get(language, "access_under_mandate") + " " + std::to_string(*a.mandate_id) + ")";
    if (a.during_call) what += " (" + t.get(language, "access_during_call") + ")";
    row.set("what", what);
    rows.push_back(row);
  }
  values.set("accesses", rows);
}

}  // namespace sportello::web
