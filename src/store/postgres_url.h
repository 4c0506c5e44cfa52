#pragma once
// The PostgreSQL address of database.url, in the form SOCI 4.0's PostgreSQL backend passes on intact. libpq
// reads URIs ("postgresql://user@host:5432/db?sslmode=require") itself, but SOCI 4.0.3 first cuts the string
// into name=value pairs to find its own options, which mangles a URI with no query ("database \"db=\" does not
// exist"). libpq's own parser (PQconninfoParse) reads the URI here; its settings are written back as
// keyword='value' pairs, which that cut leaves as they were.
#include <string>

#include "core/result.h"

namespace sportello {

// keyword='value' pairs for `url` (a postgresql:// or postgres:// URI, or keyword=value pairs), or an
// invalid_input error on database.url saying what is wrong. SOCI 4.0.3 cannot carry a value with a space or a
// tab: such a URI is refused with a sentence naming the setting (never its value: it may be a password).
Result<std::string> postgres_keywords(const std::string& url);

}  // namespace sportello
