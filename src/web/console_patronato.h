#pragma once
// What the console's patronato section shares (issue 11, SPEC §6; internal to console_patronato*.cpp and
// console_caller.cpp): its paths, the words for a mandate and for the intermediaries' errors, and the routes
// each file adds. Every citizen is reached through the operator's organisation's active mandate
// (flows/intermediaries/act_for_citizen.h), never by an id alone; a full codice fiscale travels in POST
// bodies only.
#include <cstdint>
#include <string>

#include "intermediaries/mandate.h"
#include "web/applications_pages.h"
#include "web/console_session.h"

namespace sportello::web {

inline constexpr const char* kPatronatoPath = "/operatori/patronato";

// "/operatori/patronato/soggetti/42".
std::string subject_path(std::int64_t citizen_id);

// The reader's sentence for an error of these pages: "patronato_error_<code>" when the section words it,
// else the general text (error_<code>).
std::string intermediary_error(const Texts& t, Language language, const Error& error);

// The console's problem page (403, 404) with the section's words for `error`; others as console_problem.
http::Response intermediary_problem(Web& web, const http::Request& r, const SignedInStaff& who, const Error& error);

// True when `text` holds nothing but spaces.
bool blank(const std::string& text);
// The error of a codice fiscale left empty (field codice_fiscale): "Scriva il codice fiscale."
Error codice_fiscale_required();

// A text field of an operator's form: {value, error} (error false when none).
PageData typed_field(const std::string& value, const std::string& error);

void add_patronato_subject_pages(http::Router& router, Web& web);   // console_patronato_subject.cpp
void add_patronato_mandate_pages(http::Router& router, Web& web);   // console_patronato_mandates.cpp

}  // namespace sportello::web
