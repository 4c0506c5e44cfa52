#include "app/app.h"

#include "core/civil_time.h"

namespace sportello {

FlowPolicies policies_from(const Config& c) {
  FlowPolicies p;
  p.credential = CredentialPolicy{c.pin.activation_window, c.pin.rotation_months};
  p.lockout = LockoutPolicy(c.lockout.step, c.lockout.reset_after);
  p.session = SessionPolicy{c.session.idle_timeout, c.session.absolute_timeout};
  p.personal_pin = PersonalPinPolicy(c.pin.personal_length);
  p.pin_history = c.pin.history;
  p.recovery_lifetime = c.recovery.link_lifetime;
  p.recovery_contacts_required = c.recovery.contacts_required;
  p.contact_code_lifetime = c.contacts.code_lifetime;
  p.confirmation_window = c.request.confirmation_window;
  p.max_upload_bytes = c.dispositivo.max_upload_bytes;
  p.protocol_office = c.applications.protocol_office;
  p.max_attachment_bytes = c.applications.max_attachment_bytes;
  p.totp_window_steps = c.staff.totp_window_steps;
  p.staff_password_min_length = c.staff.password_min_length;
  const auto count = [](std::int64_t n) { return static_cast<int>(n); };
  p.requests_per_code = Allowance{count(c.limits.requests_per_code), c.limits.code_window};
  p.recoveries_per_code = Allowance{count(c.limits.recoveries_per_code), c.limits.code_window};
  p.renewals_per_code = Allowance{count(c.limits.renewals_per_code), c.limits.letters_window};
  p.letters_per_holder = Allowance{count(c.limits.letters_per_holder), c.limits.letters_window};
  p.citizen_pin_retired = c.credentials.citizen_pin == "retired";
  p.staff_lockout = LockoutPolicy(c.staff.lockout_step, c.lockout.reset_after, c.staff.lockout_limit, c.staff.lockout_free);
  return p;
}

namespace {

// The audit key, created only while no row of the log is keyed: a new key would make every keyed row look
// changed, so a lost key is reported instead (the operator restores it from where it is kept).
Result<AuditKey> audit_key_for(const std::shared_ptr<Database>& database, const std::filesystem::path& path) {
  auto key = AuditKey::load_key_file(path);
  if (key || key.error().kind != ErrorKind::not_found) return key;
  std::optional<std::int64_t> keyed;
  Status read = SqlUnitOfWork(database).read([&](Repositories& repos) -> Status {
    keyed = repos.audit().first_keyed_seq();
    return Ok{};
  });
  if (!read) return read.error();
  if (keyed) {
    return Error{ErrorKind::not_found, "audit-key-missing",
                 "the audit key file " + path.string() + " is missing, but the audit log holds rows keyed with it from "
                 "row " + std::to_string(*keyed) + " on: restore the key from where it is kept (without it those "
                 "rows cannot be verified, and a new key would start a chain no one can check)",
                 "audit.key_file", {}};
  }
  return AuditKey::load_or_create_key_file(path);
}

// The service provider of [federation]: its key pair, the IdPs' metadata folder, the signed metadata.
Result<federation::Federation> federation_from(const Config::Federation& c) {
  auto key = federation::SigningKey::load(c.key_file, c.certificate_file);
  if (!key) return key.error();
  auto idps = federation::IdentityProviders::load(c.idp_metadata_dir);
  if (!idps) return idps.error();
  federation::ServiceProvider sp{c.entity_id,    c.public_url,    c.organization_name, c.organization_display_name,
                                 c.organization_url, c.ipa_code, c.contact_email,     c.contact_phone,
                                 c.municipality, c.province,      static_cast<federation::SpidLevel>(c.level)};
  return federation::Federation::build(std::move(sp), std::move(*key), std::move(*idps), c.cie_entity_id,
                                       c.request_lifetime, c.clock_skew, c.binding == "post");
}

}  // namespace

Result<std::unique_ptr<App>> App::open(const Config& config, std::shared_ptr<const Clock> clock) {
  std::unique_ptr<App> app(new App());
  app->config_ = config;
  app->clock_ = clock ? std::move(clock) : std::make_shared<SystemClock>();

  const Argon2Params params{config.argon2.memory_kib, config.argon2.iterations, config.argon2.parallelism};
  if (auto valid = Argon2Hasher::validate(params); !valid) return valid.error();
  if (auto zone = require_time_zone_data(); !zone) return zone.error();
  auto places = BelfioreRegistry::load(config.reference.data_dir);
  if (!places) return places.error();
  auto box = SecretBox::load_or_create_key_file(config.outbox.key_file);
  if (!box) return box.error();
  auto database = Database::open(config.database.url);
  if (!database) return database.error();
  auto applied = Migrator(**database).migrate();
  if (!applied) return applied.error();
  auto audit_key = audit_key_for(*database, config.audit.key_file);
  if (!audit_key) return audit_key.error();
  auto signer = CheckpointSigner::load_or_create_key_file(config.audit.signing_key_file);
  if (!signer) return signer.error();
  if (!config.federation.entity_id.empty()) {
    auto federation = federation_from(config.federation);
    if (!federation) return federation.error();
    app->federation_ = std::make_unique<const federation::Federation>(std::move(*federation));
  }

  app->database_ = *database;
  app->applied_ = *applied;
  app->audit_key_ = std::make_shared<const AuditKey>(std::move(*audit_key));
  app->signer_ = std::make_unique<CheckpointSigner>(std::move(*signer));
  app->checkpoints_ = std::make_unique<CheckpointFile>(config.audit.checkpoint_file);
  app->store_ = std::make_unique<SqlUnitOfWork>(app->database_, app->audit_key_);
  app->box_ = std::make_unique<SecretBox>(*box);
  app->places_ = std::make_unique<BelfioreRegistry>(std::move(*places));
  app->hasher_ = std::make_unique<Argon2Hasher>(params);
  app->caches_ = std::make_unique<FlowCaches>(config.session.read_cache_ttl);
  app->context_ = std::make_unique<FlowContext>(FlowContext{*app->store_, *app->clock_, *app->hasher_, *app->box_,
                                                            *app->places_, policies_from(config), app->caches_.get()});
  return app;
}

}  // namespace sportello
