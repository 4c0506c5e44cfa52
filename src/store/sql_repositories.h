#pragma once
// The SQL implementations of the domain's repository interfaces, all bound to one connection inside one
// transaction (SqlUnitOfWork creates them). Every SQL statement of sportello lives in store/*.cpp, one file
// per aggregate, written to run on both SQLite and PostgreSQL.
#include <soci/soci.h>

#include "flows/unit_of_work.h"
#include "store/database.h"

namespace sportello {

class SqlCitizenRepository final : public CitizenRepository {
 public:
  explicit SqlCitizenRepository(soci::session& sql) : sql_(sql) {}
  std::optional<Citizen> find_by_codice_fiscale(const std::string& codice_fiscale) override;
  std::optional<Citizen> find(std::int64_t id) override;
  std::int64_t insert(const Citizen& citizen) override;
  void update(const Citizen& citizen) override;

 private:
  std::optional<Citizen> find_where(const std::string& condition, const std::string& key);
  soci::session& sql_;
};

class SqlCredentialRepository final : public CredentialRepository {
 public:
  explicit SqlCredentialRepository(soci::session& sql) : sql_(sql) {}
  std::optional<Credential> find_by_citizen(std::int64_t citizen_id) override;
  std::optional<Credential> find_by_request_reference(const std::string& reference) override;
  std::int64_t insert(const Credential& credential) override;
  void update(const Credential& credential) override;
  std::vector<Credential> list_in_state(CredentialState state, int limit) override;
  std::vector<std::string> recent_pin_hashes(std::int64_t credential_id, int count) override;
  void add_pin_history(std::int64_t credential_id, const std::string& hash, Instant at) override;

 private:
  soci::session& sql_;
};

class SqlLockoutRepository final : public LockoutRepository {
 public:
  explicit SqlLockoutRepository(soci::session& sql) : sql_(sql) {}
  LockoutState find(const std::string& key) override;
  LockoutAttempt reserve_attempt(const std::string& key, const LockoutPolicy& policy, Instant now) override;
  void reset(const std::string& key) override;
  int purge_forgotten(const LockoutPolicy& policy, Instant now) override;

 private:
  soci::session& sql_;
};

class SqlAllowanceRepository final : public AllowanceRepository {
 public:
  explicit SqlAllowanceRepository(soci::session& sql) : sql_(sql) {}
  AllowanceUse take(const std::string& action, const std::string& key, const Allowance& allowance, Instant now) override;
  int purge_ended(Seconds longest_window, Instant now) override;

 private:
  soci::session& sql_;
};

class SqlPendingLoginRepository final : public federation::PendingLoginRepository {
 public:
  explicit SqlPendingLoginRepository(soci::session& sql) : sql_(sql) {}
  void add(const federation::PendingLogin& login) override;
  std::optional<federation::PendingLogin> take(const std::string& relay_hash) override;
  int purge_expired(Instant now) override;

 private:
  soci::session& sql_;
};

class SqlRecoveryRepository final : public RecoveryRepository {
 public:
  explicit SqlRecoveryRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const RecoveryTicket& ticket) override;
  std::optional<RecoveryTicket> find_by_token_hash(const std::string& token_hash) override;
  void update(const RecoveryTicket& ticket) override;
  int end_unused_for(std::int64_t citizen_id, Instant now) override;
  void queue_request(const std::string& sealed, Instant received_at) override;
  std::vector<std::pair<std::int64_t, std::string>> queued_requests(int limit) override;
  bool take_request(std::int64_t id) override;

 private:
  soci::session& sql_;
};

class SqlContactVerificationRepository final : public ContactVerificationRepository {
 public:
  explicit SqlContactVerificationRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const ContactVerification& verification) override;
  std::optional<ContactVerification> latest(std::int64_t citizen_id, ContactKind kind) override;
  void update(const ContactVerification& verification) override;

 private:
  soci::session& sql_;
};

class SqlDispositivoRequestRepository final : public DispositivoRequestRepository {
 public:
  explicit SqlDispositivoRequestRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const DispositivoRequest& request) override;
  std::optional<DispositivoRequest> find(std::int64_t id) override;
  std::optional<DispositivoRequest> find_pending_for(std::int64_t citizen_id) override;
  void update(const DispositivoRequest& request) override;
  std::vector<DispositivoRequest> list_pending(int limit) override;

 private:
  soci::session& sql_;
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const Session& session) override;
  std::optional<Session> find_by_token_hash(const std::string& token_hash) override;
  void touch(std::int64_t id, Instant now) override;
  void end(std::int64_t id, const std::string& reason, Instant now) override;
  int end_all_for(SubjectKind kind, std::int64_t subject_id, const std::string& reason, Instant now,
                  std::int64_t keep_id) override;
  void set_required_action(std::int64_t id, RequiredAction action) override;
  int end_federated(const std::string& provider, const std::string& name_id, const std::string& session_index,
                    const std::string& reason, Instant now) override;

 private:
  soci::session& sql_;
};

class SqlStaffRepository final : public StaffRepository {
 public:
  explicit SqlStaffRepository(soci::session& sql) : sql_(sql) {}
  std::optional<StaffAccount> find_by_username(const std::string& username) override;
  std::optional<StaffAccount> find(std::int64_t id) override;
  std::int64_t insert(const StaffAccount& account) override;
  void update(const StaffAccount& account) override;
  std::vector<StaffAccount> list() override;

 private:
  soci::session& sql_;
};

class SqlOutboxRepository final : public OutboxRepository {
 public:
  explicit SqlOutboxRepository(soci::session& sql) : sql_(sql) {}
  bool enqueue(const OutboxMessage& message) override;
  std::vector<OutboxMessage> list(const OutboxFilter& filter) override;
  std::optional<OutboxMessage> find(std::int64_t id) override;
  int count(MessageStatus status) override;
  std::vector<OutboxMessage> claim_due(const std::string& owner, Instant now, Instant lease_until, int limit) override;
  void set_message_id(std::int64_t id, const std::string& message_id) override;
  bool mark_sent(std::int64_t id, const std::string& owner, Instant now) override;
  bool mark_retry(std::int64_t id, const std::string& owner, const std::string& error, Instant next_attempt) override;
  bool mark_failed(std::int64_t id, const std::string& owner, const std::string& error) override;
  bool retry_failed(std::int64_t id, Instant now) override;
  std::vector<OutboxMessage> pending_letters(int limit) override;
  int count_letters_to(const std::string& recipient, Instant since) override;
  void mark_printed(std::int64_t id, const std::string& batch, Instant now) override;
  void mark_unprintable(std::int64_t id, const std::string& error) override;
  void add_batch(const LetterBatch& batch) override;
  std::optional<LetterBatch> find_batch(const std::string& name) override;
  std::vector<LetterBatch> batches(int limit) override;
  void mark_handed_over(const std::string& name, Instant at) override;

 private:
  soci::session& sql_;
};

class SqlContributionRepository final : public ContributionRepository {
 public:
  explicit SqlContributionRepository(soci::session& sql) : sql_(sql) {}
  std::vector<ContributionPeriod> for_citizen(std::int64_t citizen_id) override;
  int remove_year(std::int64_t citizen_id, Gestione gestione, int year) override;
  void insert(const std::vector<ContributionPeriod>& periods) override;

 private:
  soci::session& sql_;
};

class SqlCertificazioneUnicaRepository final : public CertificazioneUnicaRepository {
 public:
  explicit SqlCertificazioneUnicaRepository(soci::session& sql) : sql_(sql) {}
  std::vector<CertificazioneUnica> for_citizen(std::int64_t citizen_id) override;
  std::optional<CertificazioneUnica> find(std::int64_t citizen_id, int year) override;
  bool put(const CertificazioneUnica& cu) override;

 private:
  soci::session& sql_;
};

class SqlPensionSlipRepository final : public PensionSlipRepository {
 public:
  explicit SqlPensionSlipRepository(soci::session& sql) : sql_(sql) {}
  std::vector<PensionSlip> for_citizen(std::int64_t citizen_id) override;
  std::vector<PensionSlip> for_month(std::int64_t citizen_id, std::chrono::year_month month) override;
  bool put(const PensionSlip& slip) override;

 private:
  soci::session& sql_;
};

class SqlImportRepository final : public ImportRepository {
 public:
  explicit SqlImportRepository(soci::session& sql) : sql_(sql) {}
  std::optional<ImportBatch> find_by_sha256(const std::string& sha256) override;
  std::int64_t insert(const ImportBatch& batch) override;
  std::vector<ImportBatch> recent(int limit) override;

 private:
  soci::session& sql_;
};

class SqlApplicationRepository final : public ApplicationRepository {
 public:
  explicit SqlApplicationRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t next_protocol_sequence(int year) override;
  std::int64_t insert(const Application& application) override;
  std::int64_t add_attachment(std::int64_t application_id, const AttachmentInfo& info, const std::string& bytes) override;
  std::optional<Application> find(std::int64_t id) override;
  std::optional<Application> find_for_citizen(std::int64_t citizen_id, std::int64_t id) override;
  std::optional<Application> find_by_key(std::int64_t citizen_id, const std::string& idempotency_key) override;
  std::vector<Application> search(const ApplicationQuery& query) override;
  void update(const Application& application) override;
  std::optional<std::string> attachment_bytes(std::int64_t application_id, std::int64_t attachment_id) override;

 private:
  void add_event(std::int64_t application_id, int seq, const ApplicationEvent& event);
  void load_details(Application& application, bool with_fields);
  std::optional<Application> find_where(const std::string& condition, long long a, long long b, const std::string* key);
  soci::session& sql_;
};

class SqlOrganisationRepository final : public OrganisationRepository {
 public:
  explicit SqlOrganisationRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const Organisation& organisation) override;
  void update(const Organisation& organisation) override;
  std::optional<Organisation> find(std::int64_t id) override;
  std::optional<Organisation> find_by_code(const std::string& code) override;
  std::vector<Organisation> list() override;

 private:
  soci::session& sql_;
};

class SqlMandateRepository final : public MandateRepository {
 public:
  explicit SqlMandateRepository(soci::session& sql) : sql_(sql) {}
  std::int64_t insert(const Mandate& mandate, const std::string& document) override;
  void update(const Mandate& mandate) override;
  std::optional<Mandate> find_for_citizen(std::int64_t citizen_id, std::int64_t id) override;
  std::optional<Mandate> find_for_organisation(std::int64_t organisation_id, std::int64_t id) override;
  std::vector<Mandate> of_citizen(std::int64_t citizen_id) override;
  std::vector<Mandate> of_organisation(std::int64_t organisation_id, int limit) override;
  std::optional<Mandate> active(std::int64_t citizen_id, std::int64_t organisation_id) override;
  std::optional<Mandate> active_by_codice_fiscale(const std::string& codice_fiscale,
                                                  std::int64_t organisation_id) override;
  std::vector<Mandate> past_last_day(Date today, int limit) override;
  std::optional<std::string> document(std::int64_t mandate_id) override;

 private:
  std::optional<Mandate> find_one(const std::string& condition, long long a, long long b);
  soci::session& sql_;
};

class SqlAuditLog final : public AuditLog {
 public:
  // `key` may be null for reads; append() then throws StoreFailure.
  SqlAuditLog(soci::session& sql, const AuditKey* key) : sql_(sql), key_(key) {}
  AuditEntry append(const std::string& actor, const std::string& action, const std::string& subject,
                    const std::string& details, Instant at) override;
  std::vector<AuditEntry> read(std::int64_t from_seq, int limit) override;
  std::vector<AuditEntry> about(const std::string& subject, int limit) override;
  std::optional<AuditEntry> head() override;
  std::optional<std::int64_t> first_keyed_seq() override;

 private:
  soci::session& sql_;
  const AuditKey* key_;
};

class SqlBulkEnrolmentRepository final : public BulkEnrolmentRepository {
 public:
  explicit SqlBulkEnrolmentRepository(soci::session& sql) : sql_(sql) {}
  std::size_t add_with_pin(std::span<const Citizen> citizens, const std::string& pin_hash, Level level,
                           Instant at) override;

 private:
  soci::session& sql_;
};

class SqlRepositories final : public Repositories {
 public:
  // `audit_key` keys the audit rows appended through audit(); null only where nothing is audited.
  SqlRepositories(soci::session& sql, const AuditKey* audit_key);
  CitizenRepository& citizens() override { return citizens_; }
  CredentialRepository& credentials() override { return credentials_; }
  LockoutRepository& lockouts() override { return lockouts_; }
  AllowanceRepository& allowances() override { return allowances_; }
  federation::PendingLoginRepository& pending_logins() override { return pending_logins_; }
  RecoveryRepository& recoveries() override { return recoveries_; }
  ContactVerificationRepository& contact_verifications() override { return contact_verifications_; }
  DispositivoRequestRepository& dispositivo_requests() override { return dispositivo_; }
  SessionRepository& sessions() override { return sessions_; }
  StaffRepository& staff() override { return staff_; }
  OutboxRepository& outbox() override { return outbox_; }
  AuditLog& audit() override { return audit_; }
  ContributionRepository& contributions() override { return contributions_; }
  CertificazioneUnicaRepository& certificazioni() override { return certificazioni_; }
  PensionSlipRepository& pension_slips() override { return pension_slips_; }
  ImportRepository& imports() override { return imports_; }
  ApplicationRepository& applications() override { return applications_; }
  OrganisationRepository& organisations() override { return organisations_; }
  MandateRepository& mandates() override { return mandates_; }
  BulkEnrolmentRepository& bulk_enrolment() override { return bulk_enrolment_; }

 private:
  SqlCitizenRepository citizens_;
  SqlCredentialRepository credentials_;
  SqlLockoutRepository lockouts_;
  SqlAllowanceRepository allowances_;
  SqlPendingLoginRepository pending_logins_;
  SqlRecoveryRepository recoveries_;
  SqlContactVerificationRepository contact_verifications_;
  SqlDispositivoRequestRepository dispositivo_;
  SqlSessionRepository sessions_;
  SqlStaffRepository staff_;
  SqlOutboxRepository outbox_;
  SqlAuditLog audit_;
  SqlContributionRepository contributions_;
  SqlCertificazioneUnicaRepository certificazioni_;
  SqlPensionSlipRepository pension_slips_;
  SqlImportRepository imports_;
  SqlApplicationRepository applications_;
  SqlOrganisationRepository organisations_;
  SqlMandateRepository mandates_;
  SqlBulkEnrolmentRepository bulk_enrolment_;
};

}  // namespace sportello
