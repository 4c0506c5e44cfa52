#pragma once
// The one place that knows every module (STYLE: app/ wires): from a Config it opens the database and
// applies pending migrations, loads the sealing key, the audit key and checkpoint signing seed (created when
// missing — but a missing audit key is refused once the log holds keyed rows, rather than starting a chain no
// one can verify) and the Belfiore table, builds the hasher and the policies, and exposes the FlowContext
// that every flow runs on; with [federation], the SP's key, the trusted IdPs and its signed metadata. Owns all of it; outlives the flows.
#include <memory>

#include "app/config.h"
#include "audit/audit_checkpoint.h"
#include "audit/audit_key.h"
#include "audit/checkpoint_file.h"
#include "core/belfiore.h"
#include "core/clock.h"
#include "core/secret_box.h"
#include "credential/argon2_hasher.h"
#include "federation/federation.h"
#include "flows/flow_context.h"
#include "store/database.h"
#include "store/migrator.h"
#include "store/sql_unit_of_work.h"

namespace sportello {

class App {
 public:
  // Opens everything; errors name what failed (database, key file, reference data). Migrations that the
  // database lacks are applied and listed in applied_migrations().
  static Result<std::unique_ptr<App>> open(const Config& config, std::shared_ptr<const Clock> clock = nullptr);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  FlowContext& context() { return *context_; }
  const Config& config() const { return config_; }
  Database& database() { return *database_; }
  const std::vector<AppliedMigration>& applied_migrations() const { return applied_; }
  const Clock& clock() const { return *clock_; }
  const AuditKey& audit_key() const { return *audit_key_; }
  const CheckpointSigner& checkpoint_signer() const { return *signer_; }
  const CheckpointFile& checkpoint_file() const { return *checkpoints_; }
  // SPID and CIE (issue 12): null when [federation] has no entity_id.
  const federation::Federation* federation() const { return federation_.get(); }

 private:
  App() = default;
  Config config_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<Database> database_;
  std::unique_ptr<SqlUnitOfWork> store_;
  std::unique_ptr<SecretBox> box_;
  std::shared_ptr<const AuditKey> audit_key_;
  std::unique_ptr<CheckpointSigner> signer_;
  std::unique_ptr<CheckpointFile> checkpoints_;
  std::unique_ptr<BelfioreRegistry> places_;
  std::unique_ptr<Argon2Hasher> hasher_;
  std::unique_ptr<FlowCaches> caches_;
  std::unique_ptr<FlowContext> context_;
  std::unique_ptr<const federation::Federation> federation_;
  std::vector<AppliedMigration> applied_;
};

// The flow policies that a configuration describes.
FlowPolicies policies_from(const Config& config);

}  // namespace sportello
