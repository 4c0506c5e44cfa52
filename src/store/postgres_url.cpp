#include "store/postgres_url.h"

#include <libpq-fe.h>

#include <memory>

namespace sportello {

Result<std::string> postgres_keywords(const std::string& url) {
  char* message = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(url.c_str(), &message),
                                                                        &PQconninfoFree);
  if (!options) {
    // libpq's message may quote a piece of the address, which may be a password's: it is not repeated.
    PQfreemem(message);
    return Error::invalid("invalid-database-url",
                          "database.url is not an address PostgreSQL reads: expected postgresql://USER@HOST:PORT/DB"
                          " (optionally ?sslmode=...) or keyword=value pairs; the value is not shown",
                          "database.url");
  }
  std::string keywords;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val) continue;
    const std::string value = o->val;
    if (value.find_first_of(" \t\r\n") != std::string::npos)
      return Error::invalid("invalid-database-url",
                            std::string("database.url: the setting '") + o->keyword +
                                "' holds a space, which SOCI 4.0 cannot pass to PostgreSQL; use a value without one",
                            "database.url");
    std::string quoted;
    for (char c : value) {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
    if (!keywords.empty()) keywords += ' ';
    keywords += std::string(o->keyword) + "='" + quoted + "'";
  }
  return keywords;
}

}  // namespace sportello
