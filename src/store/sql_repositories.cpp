#include "store/sql_repositories.h"

namespace sportello {

SqlRepositories::SqlRepositories(soci::session& sql, const AuditKey* audit_key)
    : citizens_(sql),
      credentials_(sql),
      lockouts_(sql),
      allowances_(sql),
      pending_logins_(sql),
      recoveries_(sql),
      contact_verifications_(sql),
      dispositivo_(sql),
      sessions_(sql),
      staff_(sql),
      outbox_(sql),
      audit_(sql, audit_key),
      contributions_(sql),
      certificazioni_(sql),
      pension_slips_(sql),
      imports_(sql),
      applications_(sql),
      organisations_(sql),
      mandates_(sql),
      bulk_enrolment_(sql) {}

}  // namespace sportello
