// Every SQL statement about patronati. An organisation's offices are one TEXT, one office per line; an office
// that is empty or spans lines could not be read back as it was, so writing one throws StoreFailure.
#include <soci/soci.h>

#include "core/store_failure.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kOrganisationColumns = "SELECT id, code, name, offices, disabled, created_at FROM organisations ";

std::string offices_text(const std::vector<std::string>& offices) {
  std::string text;
  for (const std::string& office : offices) {
    if (office.empty() || office.find_first_of("\r\n") != std::string::npos)
      throw StoreFailure("an organisation's office must be one line of text");
    if (!text.empty()) text += '\n';
    text += office;
  }
  return text;
}

std::vector<std::string> offices_from(const std::string& text) {
  std::vector<std::string> offices;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    offices.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return offices;
}

Organisation organisation_from(const soci::row& r) {
  Organisation o;
  o.id = read_integer(r, "id");
  o.code = r.get<std::string>("code");
  o.name = r.get<std::string>("name");
  o.offices = offices_from(r.get<std::string>("offices"));
  o.disabled = read_integer(r, "disabled") != 0;
  o.created_at = read_instant_column(r, "created_at");
  return o;
}

}  // namespace

std::int64_t SqlOrganisationRepository::insert(const Organisation& o) {
  long long id = 0, created = to_unix(o.created_at);
  int disabled = o.disabled ? 1 : 0;
  const std::string offices = offices_text(o.offices);
  try {
    soci::statement st = (sql_.prepare << "INSERT INTO organisations (code, name, offices, disabled, created_at) "
                                          "VALUES (:code, :name, :offices, :disabled, :created) RETURNING id",
                          soci::use(o.code, "code"), soci::use(o.name, "name"), soci::use(offices, "offices"),
                          soci::use(disabled, "disabled"), soci::use(created, "created"), soci::into(id));
    st.execute(true);
  } catch (const soci::soci_error& e) {
    throw StoreFailure(std::string("The organisation was not stored (is its code taken?): ") + e.what());
  }
  return id;
}

void SqlOrganisationRepository::update(const Organisation& o) {
  long long id = o.id;
  int disabled = o.disabled ? 1 : 0;
  const std::string offices = offices_text(o.offices);
  sql_ << "UPDATE organisations SET name = :name, offices = :offices, disabled = :disabled WHERE id = :id",
      soci::use(o.name, "name"), soci::use(offices, "offices"), soci::use(disabled, "disabled"), soci::use(id, "id");
}

std::optional<Organisation> SqlOrganisationRepository::find(std::int64_t id) {
  soci::row r;
  long long key = id;
  sql_ << std::string(kOrganisationColumns) + "WHERE id = :id", soci::use(key, "id"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return organisation_from(r);
}

std::optional<Organisation> SqlOrganisationRepository::find_by_code(const std::string& code) {
  soci::row r;
  sql_ << std::string(kOrganisationColumns) + "WHERE code = :code", soci::use(code, "code"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return organisation_from(r);
}

std::vector<Organisation> SqlOrganisationRepository::list() {
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kOrganisationColumns) + "ORDER BY code");
  std::vector<Organisation> out;
  for (const soci::row& r : rows) out.push_back(organisation_from(r));
  return out;
}

}  // namespace sportello
