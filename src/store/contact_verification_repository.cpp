// Every SQL statement about contact verifications.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

std::int64_t SqlContactVerificationRepository::insert(const ContactVerification& v) {
  long long id = 0, citizen = v.citizen_id, created = to_unix(v.created_at), expires = to_unix(v.expires_at);
  const std::string kind = to_string(v.kind);
  soci::statement st = (sql_.prepare << "INSERT INTO contact_verifications (citizen_id, kind, value, code_hash, created_at, "
                                        "expires_at, used_at, wrong_codes) VALUES (:citizen, :kind, :value, :code, "
                                        ":created, :expires, NULL, 0) RETURNING id",
                        soci::use(citizen, "citizen"), soci::use(kind, "kind"), soci::use(v.value, "value"),
                        soci::use(v.code_hash, "code"), soci::use(created, "created"), soci::use(expires, "expires"),
                        soci::into(id));
  st.execute(true);
  return id;
}

std::optional<ContactVerification> SqlContactVerificationRepository::latest(std::int64_t citizen_id, ContactKind kind) {
  soci::row r;
  long long citizen = citizen_id;
  const std::string kind_name = to_string(kind);
  sql_ << "SELECT id, citizen_id, kind, value, code_hash, created_at, expires_at, used_at, wrong_codes "
          "FROM contact_verifications WHERE citizen_id = :citizen AND kind = :kind ORDER BY id DESC LIMIT 1",
      soci::use(citizen, "citizen"), soci::use(kind_name, "kind"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return ContactVerification{read_integer(r, "id"),
                             read_integer(r, "citizen_id"),
                             kind,
                             r.get<std::string>("value"),
                             r.get<std::string>("code_hash"),
                             read_instant_column(r, "created_at"),
                             read_instant_column(r, "expires_at"),
                             read_optional_instant(r, "used_at"),
                             static_cast<int>(read_integer(r, "wrong_codes"))};
}

void SqlContactVerificationRepository::update(const ContactVerification& v) {
  NullableInstant used(v.used_at);
  long long id = v.id;
  int wrong = v.wrong_codes;
  sql_ << "UPDATE contact_verifications SET used_at = :used, wrong_codes = :wrong WHERE id = :id",
      soci::use(used.seconds, used.ind, "used"), soci::use(wrong, "wrong"), soci::use(id, "id");
}

}  // namespace sportello
