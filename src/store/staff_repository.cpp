// Every SQL statement about staff accounts. organisation_id is null for every account but a patronato
// operator's (migration 0013).
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kStaffColumns =
    "id, username, role, password_hash, totp_secret_sealed, totp_last_step, disabled, must_change_password, created_at, "
    "full_name, organisation_id";

StaffAccount account_from(const soci::row& r) {
  StaffAccount a;
  a.id = read_integer(r, "id");
  a.username = r.get<std::string>("username");
  a.role = parse_role(r.get<std::string>("role")).value_or(Role::contact_center);
  a.password_hash = r.get<std::string>("password_hash");
  a.totp_secret_sealed = r.get<std::string>("totp_secret_sealed");
  a.totp_last_step = read_integer(r, "totp_last_step");
  a.disabled = read_integer(r, "disabled") != 0;
  a.must_change_password = read_integer(r, "must_change_password") != 0;
  a.created_at = read_instant_column(r, "created_at");
  a.full_name = r.get<std::string>("full_name");
  if (r.get_indicator("organisation_id") != soci::i_null) a.organisation_id = read_integer(r, "organisation_id");
  return a;
}

// The organisation a patronato operator works for, bound as a nullable BIGINT.
struct OrganisationColumn {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  explicit OrganisationColumn(const std::optional<std::int64_t>& organisation_id)
      : id(organisation_id.value_or(0)), ind(organisation_id ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::optional<StaffAccount> SqlStaffRepository::find_by_username(const std::string& username) {
  soci::row r;
  sql_ << std::string("SELECT ") + kStaffColumns + " FROM staff_accounts WHERE username = :username",
      soci::use(username, "username"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return account_from(r);
}

std::optional<StaffAccount> SqlStaffRepository::find(std::int64_t id) {
  soci::row r;
  long long key = id;
  sql_ << std::string("SELECT ") + kStaffColumns + " FROM staff_accounts WHERE id = :id", soci::use(key, "id"),
      soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return account_from(r);
}

std::int64_t SqlStaffRepository::insert(const StaffAccount& a) {
  long long id = 0, step = a.totp_last_step, created = to_unix(a.created_at);
  int disabled = a.disabled ? 1 : 0, must_change = a.must_change_password ? 1 : 0;
  const std::string role = to_string(a.role);
  OrganisationColumn organisation(a.organisation_id);
  soci::statement st = (sql_.prepare << "INSERT INTO staff_accounts (username, role, password_hash, "
                                        "totp_secret_sealed, totp_last_step, disabled, must_change_password, created_at, "
                                        "full_name, organisation_id) VALUES (:username, :role, :hash, :totp, :step, "
                                        ":disabled, :must_change, :created, :full_name, :organisation) RETURNING id",
                        soci::use(a.username, "username"), soci::use(role, "role"), soci::use(a.password_hash, "hash"),
                        soci::use(a.totp_secret_sealed, "totp"), soci::use(step, "step"),
                        soci::use(disabled, "disabled"), soci::use(must_change, "must_change"),
                        soci::use(created, "created"), soci::use(a.full_name, "full_name"),
                        soci::use(organisation.id, organisation.ind, "organisation"), soci::into(id));
  st.execute(true);
  return id;
}

void SqlStaffRepository::update(const StaffAccount& a) {
  long long id = a.id, step = a.totp_last_step;
  int disabled = a.disabled ? 1 : 0, must_change = a.must_change_password ? 1 : 0;
  const std::string role = to_string(a.role);
  OrganisationColumn organisation(a.organisation_id);
  sql_ << "UPDATE staff_accounts SET role = :role, password_hash = :hash, totp_secret_sealed = :totp, "
          "totp_last_step = :step, disabled = :disabled, must_change_password = :must_change, full_name = :full_name, "
          "organisation_id = :organisation WHERE id = :id",
      soci::use(role, "role"), soci::use(a.password_hash, "hash"), soci::use(a.totp_secret_sealed, "totp"),
      soci::use(step, "step"), soci::use(disabled, "disabled"), soci::use(must_change, "must_change"),
      soci::use(a.full_name, "full_name"), soci::use(organisation.id, organisation.ind, "organisation"),
      soci::use(id, "id");
}

std::vector<StaffAccount> SqlStaffRepository::list() {
  soci::rowset<soci::row> rows = (sql_.prepare << std::string("SELECT ") + kStaffColumns + " FROM staff_accounts ORDER BY username");
  std::vector<StaffAccount> out;
  for (const soci::row& r : rows) out.push_back(account_from(r));
  return out;
}

}  // namespace sportello
