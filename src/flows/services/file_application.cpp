#include "flows/services/file_application.h"

#include <algorithm>
#include <filesystem>

#include "audit/audit_entry.h"
#include "core/digest.h"
#include "core/media_type.h"
#include "flows/actor.h"
#include "flows/citizen_lookup.h"
#include "flows/services/application_notices.h"

namespace sportello {
namespace {

bool valid_key(const std::string& key) {
  return key.size() >= 16 && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

// The file's name without any folder a browser may send, at most 120 bytes, never empty.
std::string clean_name(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  if (const auto slash = base.find_last_of("\\"); slash != std::string::npos) base = base.substr(slash + 1);
  base.erase(std::remove_if(base.begin(), base.end(), [](unsigned char c) { return c < 0x20; }), base.end());
  if (base.size() > 120) base.resize(120);
  return base.empty() ? "allegato" : base;
}

Error attachment_problem(std::string code, std::string message) {
  return Error::invalid(std::move(code), std::move(message), "attachments");
}

// Checks the files: their number, size and type (by content). Adds every problem.
std::vector<AttachmentInfo> check_files(const std::vector<UploadedFile>& files, int required, std::uint64_t max_bytes,
                                        std::vector<Error>& problems) {
  std::vector<AttachmentInfo> infos;
  if (static_cast<int>(files.size()) < required)
    problems.push_back(attachment_problem("attachments-required", "Attach at least " + std::to_string(required) + " document(s)."));
  if (files.size() > static_cast<std::size_t>(kMaxAttachments))
    problems.push_back(attachment_problem("too-many-attachments", "Attach at most 5 files."));
  for (const UploadedFile& f : files) {
    const std::string name = clean_name(f.name);
    if (f.bytes.empty()) {
      problems.push_back(attachment_problem("attachment-empty", name + " is empty."));
      continue;
    }
    if (f.bytes.size() > max_bytes) {
      problems.push_back(attachment_problem("attachment-too-large", name + " is larger than " +
                                                                        std::to_string(max_bytes / (1024 * 1024)) + " MB."));
      continue;
    }
    const std::string type = sniff_media_type(f.bytes);
    if (type != "application/pdf" && type != "image/jpeg" && type != "image/png") {
      problems.push_back(attachment_problem("attachment-type", name + " is not a PDF, JPEG or PNG file."));
      continue;
    }
    infos.push_back({0, name, type, sha256_hex(f.bytes), f.bytes.size()});
  }
  return infos;
}

ApplicantFacts facts_of(Repositories& repos, const Citizen& citizen) {
  ApplicantFacts facts{citizen.codice_fiscale, citizen.data.birth_date, {}};
  for (const ContributionPeriod& p : repos.contributions().for_citizen(citizen.id))
    if (std::find(facts.gestioni.begin(), facts.gestioni.end(), p.gestione) == facts.gestioni.end())
      facts.gestioni.push_back(p.gestione);
  std::sort(facts.gestioni.begin(), facts.gestioni.end());
  return facts;
}

}  // namespace

Result<ApplicationForm> FileApplication::form(const Session& session, ApplicationType type) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  return form_for_citizen(session.subject_id, type);
}

Result<ApplicationForm> FileApplication::form_for_citizen(std::int64_t citizen_id, ApplicationType type) {
  std::optional<ApplicantFacts> facts;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    if (auto citizen = repos.citizens().find(citizen_id)) facts = facts_of(repos, *citizen);
    return Ok{};
  });
  if (!read) return read.error();
  if (!facts) return no_such_holder();
  return form_for(type, *facts);
}

Result<FiledApplication> FileApplication::run(const Session& session, const ApplicationDraft& draft,
                                              std::vector<Error>& problems) {
  problems.clear();
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  if (session.level != Level::dispositivo)
    return Error{ErrorKind::forbidden, "dispositivo-required",
                 "Filing an application needs a PIN of level dispositivo.", {}, {}};
  return file(session.subject_id, draft, {citizen_ref(session.subject_id), "", "", nullptr}, problems);
}

Result<FiledApplication> FileApplication::run_on_behalf(std::int64_t citizen_id, const ApplicationDraft& draft,
                                                        const OnBehalf& filer, std::vector<Error>& problems) {
  problems.clear();
  return file(citizen_id, draft, filer, problems);
}

Result<FiledApplication> FileApplication::file(std::int64_t citizen_id, const ApplicationDraft& draft,
                                               const OnBehalf& filer, std::vector<Error>& problems) {
  if (!valid_key(draft.idempotency_key))
    return Error::invalid("idempotency-key-invalid", "The form's key is missing or malformed.", "idempotency_key");
  const Instant now = ctx_.clock.now();
  const Date today = rome_date(now);

  std::optional<Citizen> citizen;
  ApplicantFacts facts;
  std::optional<Application> earlier;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    citizen = repos.citizens().find(citizen_id);
    if (citizen) facts = facts_of(repos, *citizen);
    if (citizen) earlier = repos.applications().find_by_key(citizen->id, draft.idempotency_key);
    return Ok{};
  });
  if (!read) return read.error();
  if (!citizen) return no_such_holder();
  if (earlier) {
    // The same key is the same form sent again; a key used for another type is refused, so nobody learns
    // through a key an application of a type they may not see (a patronato's mandate names types).
    if (earlier->type != draft.type)
      return Error{ErrorKind::conflict, "idempotency-key-reused", "This form's key was used for another application.",
                   "idempotency_key", {}};
    return FiledApplication{std::move(*earlier), true};
  }

  const ApplicationForm form = form_for(draft.type, facts);
  auto fields = check_application(form, draft.values, facts, ctx_.places, today, problems);
  std::vector<AttachmentInfo> infos = check_files(draft.files, form.min_attachments, ctx_.policies.max_attachment_bytes, problems);
  if (!problems.empty())
    return Error::invalid("application-invalid", std::to_string(problems.size()) + " field(s) need correcting.",
                          problems.front().field);

  Application application;
  application.citizen_id = citizen->id;
  application.type = draft.type;
  application.submitted_at = now;
  application.idempotency_key = draft.idempotency_key;
  application.fields = std::move(*fields);
  application.filed_through = filer.through;
  const std::string& actor = filer.actor;
  application.events.push_back({ApplicationState::inviata, now, actor, {}});
  bool repeated = false;
  auto written = ctx_.store.run([&](Repositories& repos) -> Status {
    if (filer.still_allowed)
      if (auto allowed = filer.still_allowed(repos); !allowed) return allowed;
    if (auto again = repos.applications().find_by_key(citizen->id, draft.idempotency_key)) {  // a concurrent double click
      if (again->type != draft.type)
        return Error{ErrorKind::conflict, "idempotency-key-reused", "This form's key was used for another application.",
                     "idempotency_key", {}};
      application = std::move(*again);
      repeated = true;
      return Ok{};
    }
    const int year = static_cast<int>(today.year());
    application.protocol = format_protocol(ctx_.policies.protocol_office, year, repos.applications().next_protocol_sequence(year));
    application.id = repos.applications().insert(application);
    // No problem was found, so every file passed and infos[i] describes files[i].
    for (std::size_t i = 0; i < infos.size(); ++i)
      infos[i].id = repos.applications().add_attachment(application.id, infos[i], draft.files[i].bytes);
    application.attachments = infos;
    repos.audit().append(actor, "application.filed", citizen_ref(citizen->id),
                         application.protocol + " " + to_string(application.type) +
                             (filer.detail.empty() ? "" : "; " + filer.detail),
                         now);
    queue_application_notice(repos, ctx_.box, *citizen, application, now);
    return Ok{};
  });
  if (!written) return written.error();
  return FiledApplication{std::move(application), repeated};
}

}  // namespace sportello
