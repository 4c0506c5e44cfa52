#include "identity/citizen.h"

namespace sportello {

const std::string& Contacts::get(ContactKind kind) const {
  return const_cast<Contacts*>(this)->get(kind);
}

std::string& Contacts::get(ContactKind kind) {
  switch (kind) {
    case ContactKind::mobile: return mobile;
    case ContactKind::email: return email;
    case ContactKind::pec: return pec;
    case ContactKind::pec_cittadino: return pec_cittadino;
    case ContactKind::home_phone: return home_phone;
    case ContactKind::office_phone: return office_phone;
    case ContactKind::fax: return fax;
  }
  return mobile;
}

std::vector<ContactKind> Contacts::present() const {
  std::vector<ContactKind> kinds;
  for (ContactKind k : {ContactKind::mobile, ContactKind::email, ContactKind::pec, ContactKind::pec_cittadino,
                        ContactKind::home_phone, ContactKind::office_phone, ContactKind::fax})
    if (!get(k).empty()) kinds.push_back(k);
  return kinds;
}

}  // namespace sportello
