#include "flows/services/consult_records.h"

#include "flows/actor.h"

namespace sportello {
namespace {

Error not_found(const char* code, const char* message) { return Error{ErrorKind::not_found, code, message, {}, {}}; }

}  // namespace

// Each read runs in one read-only transaction keyed by the session's own citizen: no id from the request
// reaches a repository.
Result<ContributionRecord> ConsultRecords::contributions(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::vector<ContributionPeriod> periods;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    periods = repos.contributions().for_citizen(session.subject_id);
    return Ok{};
  });
  if (!read) return read.error();
  return summarize(std::move(periods));
}

Result<std::vector<CertificazioneUnica>> ConsultRecords::certificazioni(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::vector<CertificazioneUnica> documents;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    documents = repos.certificazioni().for_citizen(session.subject_id);
    return Ok{};
  });
  if (!read) return read.error();
  return documents;
}

Result<CertificazioneUnica> ConsultRecords::certificazione(const Session& session, int year) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::optional<CertificazioneUnica> document;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    document = repos.certificazioni().find(session.subject_id, year);
    return Ok{};
  });
  if (!read) return read.error();
  if (!document) return not_found("cu-not-found", "There is no Certificazione Unica for that year.");
  return std::move(*document);
}

Result<std::vector<PensionSlip>> ConsultRecords::pension_slips(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::vector<PensionSlip> slips;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    slips = repos.pension_slips().for_citizen(session.subject_id);
    return Ok{};
  });
  if (!read) return read.error();
  return slips;
}

Result<std::vector<PensionSlip>> ConsultRecords::pension_slip(const Session& session, std::chrono::year_month month) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::vector<PensionSlip> slips;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    slips = repos.pension_slips().for_month(session.subject_id, month);
    return Ok{};
  });
  if (!read) return read.error();
  if (slips.empty()) return not_found("pension-slip-not-found", "There is no pension slip for that month.");
  return slips;
}

}  // namespace sportello
