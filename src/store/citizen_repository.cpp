// Every SQL statement about citizens.
#include <soci/soci.h>

#include "store/citizen_row.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kCitizenColumns =
    "id, codice_fiscale, surname, name, sex, birth_date, birth_place_code, street, street_number, cap, comune, "
    "province, citizenship, mobile, email, pec, pec_cittadino, home_phone, office_phone, fax, mobile_verified, "
    "email_verified, tessera_number, tessera_expiry, created_at";

Citizen citizen_from(const soci::row& r) {
  Citizen c;
  c.id = read_integer(r, "id");
  c.codice_fiscale = r.get<std::string>("codice_fiscale");
  c.data.surname = r.get<std::string>("surname");
  c.data.name = r.get<std::string>("name");
  c.data.sex = parse_sex(r.get<std::string>("sex")).value_or(Sex::male);
  c.data.birth_date = parse_date(r.get<std::string>("birth_date")).value_or(Date{});
  c.data.birth_place_code = r.get<std::string>("birth_place_code");
  c.data.residence = {r.get<std::string>("street"), r.get<std::string>("street_number"), r.get<std::string>("cap"),
                      r.get<std::string>("comune"), r.get<std::string>("province")};
  c.data.citizenship = r.get<std::string>("citizenship");
  c.contacts.mobile = r.get<std::string>("mobile");
  c.contacts.email = r.get<std::string>("email");
  c.contacts.pec = r.get<std::string>("pec");
  c.contacts.pec_cittadino = r.get<std::string>("pec_cittadino");
  c.contacts.home_phone = r.get<std::string>("home_phone");
  c.contacts.office_phone = r.get<std::string>("office_phone");
  c.contacts.fax = r.get<std::string>("fax");
  c.contacts.mobile_verified = read_integer(r, "mobile_verified") != 0;
  c.contacts.email_verified = read_integer(r, "email_verified") != 0;
  const std::string ts_number = r.get<std::string>("tessera_number");
  const auto ts_expiry = parse_date(r.get<std::string>("tessera_expiry"));
  if (!ts_number.empty() && ts_expiry) c.tessera = TesseraSanitaria(ts_number, *ts_expiry);
  c.created_at = read_instant_column(r, "created_at");
  return c;
}

// Binds the columns that insert and update share; works on `sql << ...` and `sql.prepare << ...` alike.
template <typename Statement>
Statement& bind_citizen(Statement&& st, CitizenRow& v) {
  st, soci::use(v.cf, "cf"), soci::use(v.surname, "surname"), soci::use(v.name, "name"), soci::use(v.sex, "sex"),
      soci::use(v.birth_date, "birth_date"), soci::use(v.birth_place, "birth_place"), soci::use(v.street, "street"),
      soci::use(v.number, "number"), soci::use(v.cap, "cap"), soci::use(v.comune, "comune"),
      soci::use(v.province, "province"), soci::use(v.citizenship, "citizenship"), soci::use(v.mobile, "mobile"),
      soci::use(v.email, "email"), soci::use(v.pec, "pec"), soci::use(v.pec_cittadino, "pec_cittadino"),
      soci::use(v.home, "home"), soci::use(v.office, "office"), soci::use(v.fax, "fax"),
      soci::use(v.mobile_verified, "mobile_verified"), soci::use(v.email_verified, "email_verified"),
      soci::use(v.ts_number, "ts_number"), soci::use(v.ts_expiry, "ts_expiry");
  return st;
}

}  // namespace

std::optional<Citizen> SqlCitizenRepository::find_where(const std::string& condition, const std::string& key) {
  soci::row row;
  sql_ << std::string("SELECT ") + kCitizenColumns + " FROM citizens WHERE " + condition, soci::use(key, "key"),
      soci::into(row);
  if (!sql_.got_data()) return std::nullopt;
  return citizen_from(row);
}

std::optional<Citizen> SqlCitizenRepository::find_by_codice_fiscale(const std::string& codice_fiscale) {
  return find_where("codice_fiscale = :key", codice_fiscale);
}

std::optional<Citizen> SqlCitizenRepository::find(std::int64_t id) {
  soci::row row;
  long long key = id;
  sql_ << std::string("SELECT ") + kCitizenColumns + " FROM citizens WHERE id = :key", soci::use(key, "key"), soci::into(row);
  if (!sql_.got_data()) return std::nullopt;
  return citizen_from(row);
}

std::int64_t SqlCitizenRepository::insert(const Citizen& citizen) {
  CitizenRow v(citizen);
  long long id = 0;
  soci::statement st = (bind_citizen(sql_.prepare << "INSERT INTO citizens (codice_fiscale, surname, name, sex, "
                                     "birth_date, birth_place_code, street, street_number, cap, comune, province, "
                                     "citizenship, mobile, email, pec, pec_cittadino, home_phone, office_phone, fax, "
                                     "mobile_verified, email_verified, tessera_number, tessera_expiry, created_at) "
                                     "VALUES (:cf, :surname, :name, :sex, :birth_date, :birth_place, :street, "
                                     ":number, :cap, :comune, :province, :citizenship, :mobile, :email, :pec, "
                                     ":pec_cittadino, :home, :office, :fax, :mobile_verified, :email_verified, "
                                     ":ts_number, :ts_expiry, :created_at) RETURNING id",
                                     v),
                        soci::use(v.created_at, "created_at"), soci::into(id));
  st.execute(true);
  return id;
}

void SqlCitizenRepository::update(const Citizen& citizen) {
  CitizenRow v(citizen);
  bind_citizen(sql_ << "UPDATE citizens SET codice_fiscale = :cf, surname = :surname, name = :name, sex = :sex, "
                       "birth_date = :birth_date, birth_place_code = :birth_place, street = :street, "
                       "street_number = :number, cap = :cap, comune = :comune, province = :province, "
                       "citizenship = :citizenship, mobile = :mobile, email = :email, pec = :pec, "
                       "pec_cittadino = :pec_cittadino, home_phone = :home, office_phone = :office, fax = :fax, "
                       "mobile_verified = :mobile_verified, email_verified = :email_verified, "
                       "tessera_number = :ts_number, tessera_expiry = :ts_expiry WHERE id = :id",
               v),
      soci::use(v.id, "id");
}

}  // namespace sportello
