#pragma once
// The Certificazione Unica (CU, once CUD, SPEC §5): the yearly statement by which the institute, as
// sostituto d'imposta, certifies to a percipiente the income it paid (pension, employment-like benefits),
// the IRPEF and the regional and municipal surcharges it withheld, the deductions it granted and the
// INPS section. One per citizen and tax year; a newer one for the same year replaces it. Plain data plus
// the rules that check one document.
#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "core/result.h"
#include "services/money.h"

namespace sportello {

struct CuSostituto {                 // the withholding agent
  std::string codice_fiscale;        // 11 digits (a legal person) or 16 characters
  std::string denominazione;
  std::string comune, provincia, indirizzo, cap;
  std::string codice_attivita;       // ATECO
};

struct CuPercipiente {               // the recipient, as the file states it (checked against the citizen)
  std::string codice_fiscale, cognome, nome;
  std::string comune_residenza, provincia_residenza;
};

enum class CuIncomeKind { lavoro_dipendente, pensione };

struct CuIncome {
  CuIncomeKind kind = CuIncomeKind::pensione;
  Cents amount = 0;                  // reddito
  int days = 0;                      // giorni di lavoro o pensione, 0..366
};

struct CuWithholdings {
  Cents irpef = 0;                   // ritenute IRPEF
  Cents addizionale_regionale = 0;
  Cents addizionale_comunale_saldo = 0;
  Cents addizionale_comunale_acconto = 0;
};

struct CuDeductions {                // detrazioni
  Cents lavoro_pensione = 0;         // for employment or pension income
  Cents familiari = 0;               // for dependent family members
  Cents altre = 0;
};

struct CuInpsSection {               // sezione INPS / dati previdenziali
  std::string matricola;             // the contribution position's number, may be empty
  Cents imponibile_previdenziale = 0;
  Cents contributi_lavoratore = 0;   // the worker's share withheld
};

struct CertificazioneUnica {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  int year = 0;                      // the tax year the income belongs to (the CU 2026 certifies 2025)
  Date issued_on{};                  // data di rilascio
  CuSostituto sostituto;
  CuPercipiente percipiente;
  std::vector<CuIncome> incomes;     // one or two: employment, pension
  CuWithholdings withholdings;
  CuDeductions deductions;
  CuInpsSection inps;

  Cents total_income() const;
  Cents total_withheld() const;      // IRPEF plus the surcharges
};

const char* to_string(CuIncomeKind kind);
std::optional<CuIncomeKind> parse_cu_income_kind(std::string_view text);

// Checks a document as imported: year between 1990 and the year before `today`'s, issued on or after the
// 1st of January after it and not after `today`; the sostituto's codice fiscale of 11 digits or 16
// characters, denominazione present; the percipiente's codice fiscale equal to `codice_fiscale` (the
// citizen the document is filed under); at least one income, each kind at most once, days 0..366;
// every amount >= 0. Errors name the field by its path in the file ("redditi[1].giorni").
Status validate(const CertificazioneUnica& cu, const std::string& codice_fiscale, Date today);

}  // namespace sportello
