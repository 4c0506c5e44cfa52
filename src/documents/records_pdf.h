#pragma once
// The reserved area's documents (SPEC §5) as PDF (cairo + pango, A4, Italian, like the letters) and the
// contribution record as CSV: the estratto conto contributivo, one Certificazione Unica laid out in the
// official form's sections, and one month's pension slip. Pure functions of their data; thread-safe.
#include <string>
#include <vector>

#include "core/clock.h"
#include "identity/citizen.h"
#include "services/certificazione_unica.h"
#include "services/contribution_record.h"
#include "services/pension_slip.h"

namespace sportello {

// Estratto conto contributivo: the holder, then per gestione and year every period (dates, kind, units
// for the right and for the amount, pay, employer), each year's and gestione's weeks, the total, and the
// date it was produced (`now`, Europe/Rome). Spans as many pages as it needs, each numbered.
std::string render_contribution_statement(const Citizen& holder, const ContributionRecord& record, Instant now);

// One CU: sostituto d'imposta, percipiente, income (by kind, with days), withholdings, deductions and the
// INPS section, as the official form's parts are titled.
std::string render_certificazione_unica(const CertificazioneUnica& cu);

// The slips of one month (one per pension): gross, each deduction, arrears, net, paying office.
std::string render_pension_slip(const Citizen& holder, const std::vector<PensionSlip>& slips);

// The contribution record as CSV (RFC 4180, UTF-8, header row, ';' never used): one row per period, with
// the same column names as the import file plus "settimane_utili" per row; amounts in euro with a point.
std::string contribution_record_csv(const ContributionRecord& record);

}  // namespace sportello
