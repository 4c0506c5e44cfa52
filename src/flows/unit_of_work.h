#pragma once
// One flow step = one transaction (issue 2): a flow hands its work to UnitOfWork::run, which gives it the
// repositories bound to one transaction, commits when the work returns Ok and rolls back otherwise — also
// when a repository throws StoreFailure, which becomes ErrorKind::unavailable. Nothing is half-written.
#include <atomic>
#include <cstdint>
#include <functional>

#include "audit/audit_log.h"
#include "core/result.h"
#include "courier/outbox_repository.h"
#include "flows/bulk_enrolment_repository.h"
#include "credential/allowance.h"
#include "credential/credential_repository.h"
#include "federation/pending_login.h"
#include "identity/citizen_repository.h"
#include "identity/contact_verification.h"
#include "intermediaries/mandate_repository.h"
#include "intermediaries/organisation_repository.h"
#include "services/application_repository.h"
#include "services/record_repositories.h"
#include "session/session_repository.h"
#include "staff/staff_repository.h"

namespace sportello {

// The repositories of one transaction. Valid only inside the UnitOfWork::run call that provides them.
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual CitizenRepository& citizens() = 0;
  virtual CredentialRepository& credentials() = 0;
  virtual LockoutRepository& lockouts() = 0;
  virtual AllowanceRepository& allowances() = 0;
  // Logins sent to a SPID or CIE identity provider, waiting for its answer (issue 12).
  virtual federation::PendingLoginRepository& pending_logins() = 0;
  virtual RecoveryRepository& recoveries() = 0;
  virtual ContactVerificationRepository& contact_verifications() = 0;
  virtual DispositivoRequestRepository& dispositivo_requests() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual StaffRepository& staff() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual AuditLog& audit() = 0;
  // The reserved area's records (SPEC §5).
  virtual ContributionRepository& contributions() = 0;
  virtual CertificazioneUnicaRepository& certificazioni() = 0;
  virtual PensionSlipRepository& pension_slips() = 0;
  virtual ImportRepository& imports() = 0;
  virtual ApplicationRepository& applications() = 0;
  // Patronati and the citizens' mandates (SPEC §6).
  virtual OrganisationRepository& organisations() = 0;
  virtual MandateRepository& mandates() = 0;
  // Demo data and benchmarks only.
  virtual BulkEnrolmentRepository& bulk_enrolment() = 0;
};

class UnitOfWork {
 public:
  using Work = std::function<Status(Repositories&)>;
  virtual ~UnitOfWork() = default;
  // Runs `work` in one transaction. Thread-safe: concurrent calls get separate transactions.
  virtual Status run(const Work& work) = 0;
  // Runs `work` that only reads, without taking the write lock: a read-only transaction on PostgreSQL,
  // autocommit statements on SQLite (each sees committed data). Writing inside it is a programming mistake.
  virtual Status read(const Work& work) { return run(work); }
  // Counts the transactions committed through this object: a read cache entry is good only while it holds.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 protected:
  void note_commit() { generation_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace sportello
