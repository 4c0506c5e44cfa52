#pragma once
// Storage of the reserved area's records (SPEC §5), used inside a UnitOfWork transaction. Every read is
// by the owning citizen's id: there is no way to ask for a record without saying whose it is.
#include <cstdint>
#include <optional>
#include <vector>

#include "services/certificazione_unica.h"
#include "services/contribution_period.h"
#include "services/import_batch.h"
#include "services/pension_slip.h"

namespace sportello {

class ContributionRepository {
 public:
  virtual ~ContributionRepository() = default;
  // The citizen's periods ordered by gestione, then `from`.
  virtual std::vector<ContributionPeriod> for_citizen(std::int64_t citizen_id) = 0;
  // Deletes the citizen's periods of `gestione` that begin in `year` (what a corrected file replaces);
  // returns how many.
  virtual int remove_year(std::int64_t citizen_id, Gestione gestione, int year) = 0;
  // Inserts many periods at once (ids are assigned and not returned).
  virtual void insert(const std::vector<ContributionPeriod>& periods) = 0;
};

class CertificazioneUnicaRepository {
 public:
  virtual ~CertificazioneUnicaRepository() = default;
  // The citizen's documents, newest year first.
  virtual std::vector<CertificazioneUnica> for_citizen(std::int64_t citizen_id) = 0;
  virtual std::optional<CertificazioneUnica> find(std::int64_t citizen_id, int year) = 0;
  // Stores the document, replacing the citizen's one for the same year; returns true when it replaced one.
  virtual bool put(const CertificazioneUnica& cu) = 0;
};

class PensionSlipRepository {
 public:
  virtual ~PensionSlipRepository() = default;
  // The citizen's slips, newest month first.
  virtual std::vector<PensionSlip> for_citizen(std::int64_t citizen_id) = 0;
  // The citizen's slips of one month (one per pension).
  virtual std::vector<PensionSlip> for_month(std::int64_t citizen_id, std::chrono::year_month month) = 0;
  // Stores the slip, replacing the one for the same citizen, pension number and month; returns true when it
  // replaced one.
  virtual bool put(const PensionSlip& slip) = 0;
};

class ImportRepository {
 public:
  virtual ~ImportRepository() = default;
  virtual std::optional<ImportBatch> find_by_sha256(const std::string& sha256) = 0;
  virtual std::int64_t insert(const ImportBatch& batch) = 0;
  // The newest batches first.
  virtual std::vector<ImportBatch> recent(int limit) = 0;
};

}  // namespace sportello
