#include "store/database_copy.h"

#include <soci/soci.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace sportello {
namespace {

struct TargetColumn {
  std::string name;
  bool identity = false;  // GENERATED ... AS IDENTITY: its sequence is moved past the copied ids
};

struct TargetTable {
  std::string name;
  std::vector<TargetColumn> columns;
};

Error refused(std::string code, std::string message) { return Error::invalid(std::move(code), std::move(message)); }

// The target's tables (but the migrations' own), their columns in order, and the order to fill them in: a table
// after every table it references (a table referring to itself keeps its rows in id order, which the source
// already satisfies).
std::vector<TargetTable> target_tables(soci::session& sql) {
  std::map<std::string, TargetTable> tables;
  soci::rowset<soci::row> columns = (sql.prepare <<
      "SELECT c.table_name, c.column_name, c.is_identity FROM information_schema.columns c "
      "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
      "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
      "AND c.table_name <> 'schema_migrations' ORDER BY c.table_name, c.ordinal_position");
  for (const soci::row& r : columns) {
    TargetTable& table = tables[r.get<std::string>(0)];
    table.name = r.get<std::string>(0);
    table.columns.push_back({r.get<std::string>(1), r.get<std::string>(2) == "YES"});
  }
  std::map<std::string, std::set<std::string>> needs;
  soci::rowset<soci::row> references = (sql.prepare <<
      "SELECT DISTINCT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
      "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace");
  for (const soci::row& r : references)
    if (r.get<std::string>(0) != r.get<std::string>(1)) needs[r.get<std::string>(0)].insert(r.get<std::string>(1));
  std::vector<TargetTable> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    const std::size_t before = ordered.size();
    for (auto& [name, table] : tables) {
      if (placed.contains(name)) continue;
      const auto& wanted = needs[name];
      if (std::all_of(wanted.begin(), wanted.end(), [&](const std::string& t) { return placed.contains(t) || !tables.contains(t); })) {
        ordered.push_back(table);
        placed.insert(name);
      }
    }
    if (ordered.size() == before) throw std::runtime_error("the target's tables refer to each other in a circle");
  }
  return ordered;
}

std::set<std::string> source_tables(soci::session& sql) {
  std::set<std::string> names;
  soci::rowset<std::string> rows = (sql.prepare <<
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
  for (const std::string& name : rows) names.insert(name);
  return names;
}

std::set<std::string> source_columns(soci::session& sql, const std::string& table) {
  std::set<std::string> names;
  soci::rowset<std::string> rows = (sql.prepare << "SELECT name FROM pragma_table_info('" + table + "')");
  for (const std::string& name : rows) names.insert(name);
  return names;
}

std::vector<int> versions(soci::session& sql) {
  std::vector<int> out;
  soci::rowset<int> rows = (sql.prepare << "SELECT version FROM schema_migrations ORDER BY version");
  for (int v : rows) out.push_back(v);
  return out;
}

long long count(soci::session& sql, const std::string& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

// Every value of the source as text, whatever SQLite's type affinity made of it: a blob as '\x' and hex (bytea's
// text input), a NULL as NULL. PostgreSQL reads each text into its column's type.
std::string select_as_text(const TargetTable& table) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const std::string& c = table.columns[i].name;
    sql += (i ? ", " : "") + std::string("CASE typeof(") + c + ") WHEN 'blob' THEN '\\x' || lower(hex(" + c +
           ")) ELSE CAST(" + c + " AS TEXT) END";
  }
  const bool by_id = std::any_of(table.columns.begin(), table.columns.end(), [](const TargetColumn& c) { return c.name == "id"; });
  return sql + " FROM " + table.name + (by_id ? " ORDER BY id" : "");
}

std::string insert_of(const TargetTable& table) {
  std::string names, values;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    names += (i ? ", " : "") + table.columns[i].name;
    values += (i ? ", :v" : ":v") + std::to_string(i);
  }
  return "INSERT INTO " + table.name + " (" + names + ") VALUES (" + values + ")";
}

long long copy_rows(soci::session& from, soci::session& to, const TargetTable& table) {
  const std::size_t n = table.columns.size();
  std::deque<std::string> values(n);  // stable addresses for the bound parameters
  std::vector<soci::indicator> present(n, soci::i_ok);
  soci::statement insert(to);
  insert.alloc();
  insert.prepare(insert_of(table));
  for (std::size_t i = 0; i < n; ++i) insert.exchange(soci::use(values[i], present[i]));
  insert.define_and_bind();
  long long copied = 0;
  soci::rowset<soci::row> rows = (from.prepare << select_as_text(table));
  for (const soci::row& r : rows) {
    for (std::size_t i = 0; i < n; ++i) {
      present[i] = r.get_indicator(i) == soci::i_null ? soci::i_null : soci::i_ok;
      values[i] = present[i] == soci::i_null ? std::string() : r.get<std::string>(i);
    }
    insert.execute(true);
    ++copied;
  }
  return copied;
}

}  // namespace

Result<std::vector<CopiedTable>> copy_database(Database& source, Database& target) {
  if (source.dialect() != Dialect::sqlite)
    return refused("copy-source-not-sqlite", "The copy reads a SQLite database (database.url sqlite:...).");
  if (target.dialect() != Dialect::postgresql)
    return refused("copy-target-not-postgresql", "The copy writes into a PostgreSQL database (postgresql://...).");
  Database::Lease reading(source);
  Database::Lease writing(target);
  soci::session& from = reading.session();
  soci::session& to = writing.session();
  std::vector<CopiedTable> copied;
  try {
    soci::transaction snapshot(from);  // one consistent view of the source (WAL), rolled back at the end
    soci::transaction tx(to);
    if (versions(from) != versions(to))
      return refused("copy-schema-differs", "The two databases are at different schema versions: migrate both first.");
    const std::vector<TargetTable> tables = target_tables(to);
    std::set<std::string> names;
    for (const TargetTable& table : tables) {
      names.insert(table.name);
      std::set<std::string> wanted;
      for (const TargetColumn& c : table.columns) wanted.insert(c.name);
      if (source_columns(from, table.name) != wanted)
        return refused("copy-schema-differs", "Table " + table.name + " has other columns in the two databases.");
    }
    if (source_tables(from) != names)
      return refused("copy-schema-differs", "The two databases hold different tables.");
    for (const TargetTable& table : tables)
      if (count(to, table.name) != 0)
        return Error{ErrorKind::conflict, "target-not-empty",
                     "The target database already holds rows (table " + table.name + "): copy only into an empty one.",
                     {}, {}};
    for (const TargetTable& table : tables) {
      const long long rows = copy_rows(from, to, table);
      const long long there = count(to, table.name);
      if (rows != count(from, table.name) || there != rows)
        throw std::runtime_error("table " + table.name + " counts differ after the copy");
      for (const TargetColumn& c : table.columns)
        if (c.identity)  // the next id the target gives is past every copied one
          to << "SELECT setval(pg_get_serial_sequence('" + table.name + "', '" + c.name + "'), COALESCE(MAX(" + c.name +
                    "), 0) + 1, false) FROM " + table.name;
      copied.push_back({table.name, rows});
    }
    tx.commit();
  } catch (const std::exception& e) {
    return Error::unavailable(std::string("The copy failed and nothing was written to the target: ") + e.what());
  }
  return copied;
}

}  // namespace sportello
