#pragma once
// A citizen as sportello knows them (SPEC §2): identified by the normalised codice fiscale, with personal
// data, residence, contacts and, when declared, the tessera sanitaria. Plain data; rules live in the flows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "core/clock.h"
#include "core/contact.h"
#include "core/sex.h"
#include "core/tessera_sanitaria.h"

namespace sportello {

struct Address {
  std::string street, number, cap, comune, province;
  bool operator==(const Address&) const = default;
};

struct PersonalData {
  std::string surname, name;
  Sex sex = Sex::male;
  Date birth_date{};
  std::string birth_place_code;  // Belfiore code of the comune or foreign state
  Address residence;
  std::string citizenship = "IT";
  bool operator==(const PersonalData&) const = default;
};

// Contacts as normalised by core/contact.h; empty = not given. Mobile and e-mail carry a verified flag.
struct Contacts {
  std::string mobile, email, pec, pec_cittadino, home_phone, office_phone, fax;
  bool mobile_verified = false;
  bool email_verified = false;

  const std::string& get(ContactKind kind) const;
  std::string& get(ContactKind kind);
  // Kinds that hold a value, in the order of ContactKind.
  std::vector<ContactKind> present() const;
  bool operator==(const Contacts&) const = default;
};

struct Citizen {
  std::int64_t id = 0;
  std::string codice_fiscale;  // normalised
  PersonalData data;
  Contacts contacts;
  std::optional<TesseraSanitaria> tessera;
  Instant created_at{};
};

}  // namespace sportello
