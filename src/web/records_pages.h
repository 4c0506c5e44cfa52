#pragma once
// What the reserved area's consultation pages share (issue 10; internal to src/web/records_*.cpp): the
// reader's words for amounts, dates, months and counted units; the answer when a record is not the
// holder's or cannot be read; the routes each file adds. Every record is reached through the session's own
// holder (flows/services/consult_records.h), never by an id from the request.
#include <chrono>
#include <string>

#include "core/civil_time.h"
#include "core/error.h"
#include "services/gestione.h"
#include "services/money.h"
#include "web/page_request.h"

namespace sportello::web {

// The texts of one reader's language, with the records' formats.
class RecordsText {
 public:
  RecordsText(const Texts& texts, Language language) : texts_(texts), language_(language) {}
  std::string operator()(const std::string& key) const { return texts_.get(language_, key); }
  Language language() const { return language_; }
  std::string euro(Cents amount) const;                       // "1.234,56 €" / "€1,234.56"
  std::string whole_euro(double euros) const;                 // an axis tick: "1.500 €" / "€1,500"
  std::string date(Date date) const;                          // "01/03/2019" / "2019-03-01"
  std::string count(int n, ContributionUnit unit) const;      // "52 settimane", "1 giorno"
  std::string month(std::chrono::year_month month) const;     // "marzo 2025"
  std::string short_month(std::chrono::year_month month) const;  // "mar"

 private:
  const Texts& texts_;
  Language language_;
};

// The values of a records page: the session's, the breadcrumb's last step (`title_key`'s text).
PageData records_values(const SignedIn& who, const RecordsText& text, const char* title_key);

// The layout's "not found" page (404) with a link back to `list`.
http::Response records_not_found(Web& web, const http::Request& r, const SignedIn& who, const char* list);
// 404 as above for a not-found error; 503 with a "try later" page for anything else.
http::Response records_problem(Web& web, const http::Request& r, const SignedIn& who, const Error& error, const char* list);

void add_statement_page(http::Router& router, Web& web);   // records_statement.cpp
void add_records_downloads(http::Router& router, Web& web);  // records_downloads.cpp

}  // namespace sportello::web
