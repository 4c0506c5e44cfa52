// store/ for patronati and mandates (issue 11, migration 0013): what is written comes back the same; an
// organisation's code and a citizen's one active mandate per organisation are enforced by the database; a
// mandate is found only through its own citizen or organisation; lists are newest first; the expiry sweep sees
// only active mandates whose last day is before today; signed forms come back byte for byte; a stored value
// that does not read back fails rather than taking a default.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "core/digest.h"
#include "core/random.h"
#include "core/store_failure.h"
#include "store_fixture.h"
#include "support/dates.h"

namespace sportello::testing {
namespace {

using std::chrono::year;

MandateScope types(std::vector<ApplicationType> chosen) {
  MandateScope scope;
  scope.every_service = false;
  scope.types = std::move(chosen);
  return scope;
}

void expect_same(const Organisation& got, const Organisation& want) {
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.offices, want.offices);
  EXPECT_EQ(got.disabled, want.disabled);
  EXPECT_EQ(got.created_at, want.created_at);
}

void expect_same(const Mandate& got, const Mandate& want) {
  EXPECT_EQ(got.citizen_id, want.citizen_id);
  EXPECT_EQ(got.organisation_id, want.organisation_id);
  EXPECT_EQ(got.origin, want.origin);
  EXPECT_EQ(got.scope.every_service, want.scope.every_service);
  EXPECT_EQ(got.scope.types, want.scope.types);
  EXPECT_EQ(got.starts_on, want.starts_on);
  EXPECT_EQ(got.ends_on, want.ends_on);
  EXPECT_EQ(got.state, want.state);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.created_by, want.created_by);
  EXPECT_EQ(got.ended_at, want.ended_at);
  EXPECT_EQ(got.ended_by, want.ended_by);
  EXPECT_EQ(got.document_sha256, want.document_sha256);
}

std::vector<std::int64_t> ids_of(const std::vector<Mandate>& mandates) {
  std::vector<std::int64_t> ids;
  for (const Mandate& m : mandates) ids.push_back(m.id);
  return ids;
}

class IntermediariesStore : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    store_ = std::make_unique<SqlUnitOfWork>(db_, audit_key_);
    in_transaction([&](Repositories& repos) {
      for (const char* code : {"RSSMRA85T10H501O", "BNCGLI72C45F205X"}) {
        Citizen c;
        c.codice_fiscale = code;
        c.data.birth_date = ymd(1980, 1, 1);
        citizens_.push_back(repos.citizens().insert(c));
      }
      inca_ = repos.organisations().insert(organisation("INCA", "Patronato INCA CGIL", {"Roma, via dei Frentani 4"}));
      acli_ = repos.organisations().insert(organisation("ACLI", "Patronato ACLI", {}));
    });
  }

  static Organisation organisation(const std::string& code, const std::string& name, std::vector<std::string> offices) {
    Organisation o;
    o.code = code;
    o.name = name;
    o.offices = std::move(offices);
    o.created_at = from_unix(1'700'000'000);
    return o;
  }

  Mandate mandate(std::int64_t citizen, std::int64_t organisation, Instant created = from_unix(1'767'225'600)) const {
    Mandate m;
    m.citizen_id = citizen;
    m.organisation_id = organisation;
    m.origin = MandateOrigin::online;
    m.starts_on = ymd(2026, 1, 1);
    m.ends_on = ymd(2026, 12, 31);
    m.created_at = created;
    m.created_by = "citizen:" + std::to_string(citizen);
    return m;
  }

  Mandate recorded(std::int64_t citizen, std::int64_t organisation, const std::string& document) const {
    Mandate m = mandate(citizen, organisation);
    m.origin = MandateOrigin::recorded;
    m.created_by = "staff:inca.rossi";
    m.document_sha256 = sha256_hex(document);
    return m;
  }

  void in_transaction(const std::function<void(Repositories&)>& work) {
    ASSERT_TRUE(store_->run([&](Repositories& repos) -> Status {
      work(repos);
      return Ok{};
    }).ok());
  }

  // Runs `work` in a transaction of its own and tells whether it threw StoreFailure, which rolls it back.
  bool refused(const std::function<void(Repositories&)>& work) {
    bool store_failure = false;
    const Status result = store_->run([&](Repositories& repos) -> Status {
      try {
        work(repos);
      } catch (const StoreFailure&) {
        store_failure = true;
        throw;
      }
      return Ok{};
    });
    EXPECT_EQ(result.ok(), !store_failure);
    return store_failure;
  }

  std::int64_t insert(const Mandate& m, const std::string& document = "") {
    std::int64_t id = 0;
    in_transaction([&](Repositories& repos) { id = repos.mandates().insert(m, document); });
    return id;
  }

  std::optional<Mandate> of(std::int64_t citizen, std::int64_t id) {
    std::optional<Mandate> found;
    in_transaction([&](Repositories& repos) { found = repos.mandates().find_for_citizen(citizen, id); });
    return found;
  }

  std::unique_ptr<SqlUnitOfWork> store_;
  std::vector<std::int64_t> citizens_;
  std::int64_t inca_ = 0, acli_ = 0;
};

// --- organisations ---

TEST_F(IntermediariesStore, AnOrganisationComesBackAsWrittenByIdAndByCode) {
  const Organisation written = organisation("EPACA-2", "Patronato EPACA Coldiretti \"Società\" d'Italia",
                                            {"Roma, via XXIV Maggio 43", "Milano, piazza Città di Lombardia 1", "Napoli"});
  std::int64_t id = 0;
  in_transaction([&](Repositories& repos) { id = repos.organisations().insert(written); });
  in_transaction([&](Repositories& repos) {
    const auto by_id = repos.organisations().find(id);
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->id, id);
    expect_same(*by_id, written);
    const auto by_code = repos.organisations().find_by_code("EPACA-2");
    ASSERT_TRUE(by_code.has_value());
    EXPECT_EQ(by_code->id, id);
    const auto without_offices = repos.organisations().find(acli_);
    ASSERT_TRUE(without_offices.has_value());
    EXPECT_TRUE(without_offices->offices.empty());
    EXPECT_FALSE(repos.organisations().find(id + 100).has_value());
    EXPECT_FALSE(repos.organisations().find_by_code("epaca-2").has_value());  // codes are stored normalised
    EXPECT_FALSE(repos.organisations().find_by_code("NONE").has_value());
  });
}

TEST_F(IntermediariesStore, OrganisationsAreListedByCode) {
  in_transaction([&](Repositories& repos) { repos.organisations().insert(organisation("CAF", "Patronato CAF", {})); });
  std::vector<std::string> codes;
  in_transaction([&](Repositories& repos) {
    for (const Organisation& o : repos.organisations().list()) codes.push_back(o.code);
  });
  EXPECT_EQ(codes, (std::vector<std::string>{"ACLI", "CAF", "INCA"}));
}

TEST_F(IntermediariesStore, AnUpdateStoresNameOfficesAndDisabledButNeverTheCode) {
  Organisation changed = organisation("RENAMED", "Patronato INCA", {"Torino, via Pedrotti 5", "Bari"});
  changed.id = inca_;
  changed.disabled = true;
  in_transaction([&](Repositories& repos) { repos.organisations().update(changed); });
  in_transaction([&](Repositories& repos) {
    const auto stored = repos.organisations().find(inca_);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->code, "INCA");
    EXPECT_EQ(stored->name, "Patronato INCA");
    EXPECT_EQ(stored->offices, (std::vector<std::string>{"Torino, via Pedrotti 5", "Bari"}));
    EXPECT_TRUE(stored->disabled);
    EXPECT_FALSE(repos.organisations().find_by_code("RENAMED").has_value());
    EXPECT_FALSE(repos.organisations().find(acli_)->disabled);  // the other one is untouched
  });
}

TEST_F(IntermediariesStore, ASecondOrganisationWithTheSameCodeIsRefusedAndNothingOfItsTransactionStays) {
  EXPECT_TRUE(refused([&](Repositories& repos) {
    repos.organisations().insert(organisation("NEW", "Patronato nuovo", {}));
    repos.organisations().insert(organisation("INCA", "Another INCA", {}));
  }));
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(repos.organisations().list().size(), 2u);
    EXPECT_EQ(repos.organisations().find_by_code("INCA")->name, "Patronato INCA CGIL");
    EXPECT_FALSE(repos.organisations().find_by_code("NEW").has_value());
  });
}

TEST_F(IntermediariesStore, AnOfficeThatWouldNotReadBackAsOneLineIsRefused) {
  for (const std::string office : {"Roma\nMilano", "", "Roma\r"}) {
    SCOPED_TRACE(office);
    EXPECT_TRUE(refused([&](Repositories& repos) { repos.organisations().insert(organisation("X", "X", {"Bari", office})); }));
    Organisation changed = organisation("INCA", "Patronato INCA CGIL", {office});
    changed.id = inca_;
    EXPECT_TRUE(refused([&](Repositories& repos) { repos.organisations().update(changed); }));
  }
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(repos.organisations().find(inca_)->offices, std::vector<std::string>{"Roma, via dei Frentani 4"});
  });
}

// --- staff accounts ---

TEST_F(IntermediariesStore, AStaffAccountKeepsItsOrganisationOrHasNone) {
  auto account = [](const std::string& username, Role role, std::optional<std::int64_t> organisation) {
    StaffAccount a;
    a.username = username;
    a.role = role;
    a.password_hash = "$argon2id$x";
    a.totp_secret_sealed = "sealed";
    a.created_at = from_unix(1000);
    a.organisation_id = organisation;
    return a;
  };
  in_transaction([&](Repositories& repos) {
    repos.staff().insert(account("inca.rossi", Role::patronato, inca_));
    repos.staff().insert(account("bo.verdi", Role::back_office, std::nullopt));
  });
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(repos.staff().find_by_username("inca.rossi")->organisation_id, inca_);
    EXPECT_EQ(repos.staff().find_by_username("bo.verdi")->organisation_id, std::nullopt);
    const auto all = repos.staff().list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].organisation_id, std::nullopt);  // bo.verdi
    EXPECT_EQ(all[1].organisation_id, inca_);         // inca.rossi
  });
  in_transaction([&](Repositories& repos) {
    StaffAccount moved = *repos.staff().find_by_username("inca.rossi");
    moved.organisation_id = acli_;
    repos.staff().update(moved);
    StaffAccount bound = *repos.staff().find_by_username("bo.verdi");
    bound.organisation_id = inca_;
    repos.staff().update(bound);
  });
  in_transaction([&](Repositories& repos) {
    const std::int64_t id = repos.staff().find_by_username("inca.rossi")->id;
    EXPECT_EQ(repos.staff().find(id)->organisation_id, acli_);
    StaffAccount unbound = *repos.staff().find(id);
    unbound.organisation_id.reset();
    repos.staff().update(unbound);
    EXPECT_EQ(repos.staff().find(id)->organisation_id, std::nullopt);
    EXPECT_EQ(repos.staff().find_by_username("bo.verdi")->organisation_id, inca_);
  });
}

TEST_F(IntermediariesStore, AStaffAccountCannotNameAMissingOrganisation) {
  StaffAccount a;
  a.username = "ghost";
  a.role = Role::patronato;
  a.organisation_id = acli_ + 1000;
  EXPECT_FALSE(store_->run([&](Repositories& repos) -> Status {
    repos.staff().insert(a);
    return Ok{};
  }).ok());
  in_transaction([&](Repositories& repos) { EXPECT_FALSE(repos.staff().find_by_username("ghost").has_value()); });
}

// --- mandates ---

TEST_F(IntermediariesStore, AMandateComesBackAsWrittenWithItsSignedFormOnlyWhenRecorded) {
  const Mandate online = mandate(citizens_[0], inca_);
  const std::string form = "%PDF-1.7\n...";
  const Mandate with_form = recorded(citizens_[0], acli_, form);
  const std::int64_t online_id = insert(online);
  const std::int64_t recorded_id = insert(with_form, form);
  EXPECT_NE(online_id, recorded_id);
  in_transaction([&](Repositories& repos) {
    const auto a = repos.mandates().find_for_citizen(citizens_[0], online_id);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->id, online_id);
    expect_same(*a, online);
    EXPECT_FALSE(repos.mandates().document(online_id).has_value());
    const auto b = repos.mandates().find_for_organisation(acli_, recorded_id);
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->id, recorded_id);
    expect_same(*b, with_form);
    EXPECT_EQ(repos.mandates().document(recorded_id), form);
    EXPECT_FALSE(repos.mandates().document(recorded_id + 100).has_value());
  });
}

TEST_F(IntermediariesStore, AMandateIsFoundOnlyThroughItsOwnCitizenOrOrganisation) {
  const std::int64_t id = insert(mandate(citizens_[0], inca_));
  in_transaction([&](Repositories& repos) {
    EXPECT_TRUE(repos.mandates().find_for_citizen(citizens_[0], id).has_value());
    EXPECT_TRUE(repos.mandates().find_for_organisation(inca_, id).has_value());
    EXPECT_FALSE(repos.mandates().find_for_citizen(citizens_[1], id).has_value());
    EXPECT_FALSE(repos.mandates().find_for_organisation(acli_, id).has_value());
    EXPECT_FALSE(repos.mandates().find_for_citizen(citizens_[0], id + 1).has_value());
    EXPECT_FALSE(repos.mandates().find_for_citizen(citizens_[0], 0).has_value());
    EXPECT_FALSE(repos.mandates().find_for_organisation(inca_, 0).has_value());
  });
}

TEST_F(IntermediariesStore, ACitizensAndAnOrganisationsMandatesAreListedNewestFirst) {
  // Revoked ones first, so that each citizen may hold a new active one with the same organisation.
  auto revoked = [&](std::int64_t citizen, std::int64_t organisation, long long at) {
    Mandate m = mandate(citizen, organisation, from_unix(at));
    m.state = MandateState::revoked;
    m.ended_at = from_unix(at + 10);
    m.ended_by = "citizen:" + std::to_string(citizen);
    return m;
  };
  const std::int64_t old_inca = insert(revoked(citizens_[0], inca_, 1000));
  const std::int64_t acli = insert(mandate(citizens_[0], acli_, from_unix(3000)));
  const std::int64_t same_second = insert(revoked(citizens_[0], inca_, 3000));  // a tie: the later id is newer
  const std::int64_t newest_inca = insert(mandate(citizens_[0], inca_, from_unix(5000)));
  const std::int64_t other_citizen = insert(mandate(citizens_[1], inca_, from_unix(4000)));
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(ids_of(repos.mandates().of_citizen(citizens_[0])),
              (std::vector<std::int64_t>{newest_inca, same_second, acli, old_inca}));
    EXPECT_EQ(ids_of(repos.mandates().of_citizen(citizens_[1])), std::vector<std::int64_t>{other_citizen});
    EXPECT_EQ(ids_of(repos.mandates().of_organisation(inca_, 10)),
              (std::vector<std::int64_t>{newest_inca, other_citizen, same_second, old_inca}));
    EXPECT_EQ(ids_of(repos.mandates().of_organisation(inca_, 2)), (std::vector<std::int64_t>{newest_inca, other_citizen}));
    EXPECT_EQ(ids_of(repos.mandates().of_organisation(acli_, 10)), std::vector<std::int64_t>{acli});
    EXPECT_TRUE(repos.mandates().of_citizen(citizens_[1] + 100).empty());
  });
}

TEST_F(IntermediariesStore, ACitizenHasAtMostOneActiveMandatePerOrganisation) {
  const std::int64_t first = insert(mandate(citizens_[0], inca_));
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(mandate(citizens_[0], inca_), ""); }));
  EXPECT_TRUE(refused([&](Repositories& repos) {
    repos.mandates().insert(recorded(citizens_[0], inca_, "signed"), "signed");
  }));
  // Another organisation, or another citizen, is no conflict.
  const std::int64_t other_organisation = insert(mandate(citizens_[0], acli_));
  const std::int64_t other_citizen = insert(mandate(citizens_[1], inca_));
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(repos.mandates().active(citizens_[0], inca_)->id, first);
    EXPECT_EQ(repos.mandates().active(citizens_[0], acli_)->id, other_organisation);
    EXPECT_EQ(repos.mandates().active(citizens_[1], inca_)->id, other_citizen);
    EXPECT_FALSE(repos.mandates().active(citizens_[1], acli_).has_value());
    EXPECT_EQ(repos.mandates().of_citizen(citizens_[0]).size(), 2u);  // the refused ones left nothing
    // Through the codice fiscale: the same answers, and none for a code nobody holds.
    EXPECT_EQ(repos.mandates().active_by_codice_fiscale("RSSMRA85T10H501O", inca_)->id, first);
    EXPECT_EQ(repos.mandates().active_by_codice_fiscale("RSSMRA85T10H501O", acli_)->id, other_organisation);
    EXPECT_EQ(repos.mandates().active_by_codice_fiscale("BNCGLI72C45F205X", inca_)->id, other_citizen);
    EXPECT_FALSE(repos.mandates().active_by_codice_fiscale("BNCGLI72C45F205X", acli_).has_value());
    EXPECT_FALSE(repos.mandates().active_by_codice_fiscale("VRDLCU80A01H501X", inca_).has_value());
  });
  // Once revoked it no longer counts: a new one may be granted.
  in_transaction([&](Repositories& repos) {
    Mandate m = *repos.mandates().find_for_citizen(citizens_[0], first);
    ASSERT_TRUE(m.revoke("citizen:1", from_unix(1'767'300'000)).ok());
    repos.mandates().update(m);
  });
  const std::int64_t second = insert(mandate(citizens_[0], inca_));
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(repos.mandates().active(citizens_[0], inca_)->id, second);
    EXPECT_EQ(repos.mandates().active_by_codice_fiscale("RSSMRA85T10H501O", inca_)->id, second);
  });
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(mandate(citizens_[0], inca_), ""); }));
}

TEST_F(IntermediariesStore, ARevocationStoresItsStateTimeAndActor) {
  const std::int64_t id = insert(recorded(citizens_[0], inca_, "signed"), "signed");
  const Instant when = from_unix(1'767'400'000);
  in_transaction([&](Repositories& repos) {
    Mandate m = *repos.mandates().find_for_organisation(inca_, id);
    ASSERT_TRUE(m.revoke("staff:inca.rossi", when).ok());
    repos.mandates().update(m);
  });
  const auto stored = of(citizens_[0], id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, MandateState::revoked);
  EXPECT_EQ(stored->ended_at, when);
  EXPECT_EQ(stored->ended_by, "staff:inca.rossi");
  Mandate expected = recorded(citizens_[0], inca_, "signed");
  expected.state = MandateState::revoked;
  expected.ended_at = when;
  expected.ended_by = "staff:inca.rossi";
  expect_same(*stored, expected);  // nothing else changed
  in_transaction([&](Repositories& repos) {
    EXPECT_FALSE(repos.mandates().active(citizens_[0], inca_).has_value());
    EXPECT_EQ(repos.mandates().document(id), "signed");  // the signed form stays with it
  });
}

TEST_F(IntermediariesStore, TheSweepSeesActiveMandatesWhoseLastDayIsBeforeTodayOldestFirst) {
  struct Row {
    const char* name;
    std::int64_t citizen, organisation;
    Date ends_on;
    MandateState state;
    bool past;
  };
  const Date today = ymd(2026, 3, 1);
  const std::vector<Row> rows = {
      {"ended yesterday (28 February)", citizens_[0], inca_, ymd(2026, 2, 28), MandateState::active, true},
      {"ends today: not past", citizens_[0], acli_, ymd(2026, 3, 1), MandateState::active, false},
      {"ends tomorrow", citizens_[1], inca_, ymd(2026, 3, 2), MandateState::active, false},
      {"ended a year ago", citizens_[1], acli_, ymd(2025, 3, 1), MandateState::active, true},
      {"revoked, last day past", citizens_[0], inca_, ymd(2025, 6, 1), MandateState::revoked, false},
      {"already expired", citizens_[1], inca_, ymd(2025, 1, 1), MandateState::expired, false},
  };
  std::vector<std::int64_t> ids;
  for (const Row& row : rows) {
    Mandate m = mandate(row.citizen, row.organisation);
    m.starts_on = ymd(2025, 1, 1);
    m.ends_on = row.ends_on;
    m.state = row.state;
    if (row.state != MandateState::active) {
      m.ended_at = from_unix(1'760'000'000);
      m.ended_by = row.state == MandateState::expired ? "system" : "citizen:1";
    }
    ids.push_back(insert(m));
  }
  std::vector<Mandate> past, first;
  in_transaction([&](Repositories& repos) {
    past = repos.mandates().past_last_day(today, 100);
    first = repos.mandates().past_last_day(today, 1);
  });
  EXPECT_EQ(ids_of(past), (std::vector<std::int64_t>{ids[3], ids[0]}));  // oldest last day first
  EXPECT_EQ(ids_of(first), std::vector<std::int64_t>{ids[3]});
  const std::vector<std::int64_t> past_ids = ids_of(past);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(rows[i].name);
    EXPECT_EQ(std::count(past_ids.begin(), past_ids.end(), ids[i]) == 1, rows[i].past);
  }
  // Across a year boundary, text order is date order.
  in_transaction([&](Repositories& repos) {
    EXPECT_EQ(ids_of(repos.mandates().past_last_day(ymd(2026, 1, 1), 100)), std::vector<std::int64_t>{ids[3]});
    EXPECT_TRUE(repos.mandates().past_last_day(ymd(2025, 3, 1), 100).empty());
  });
}

TEST_F(IntermediariesStore, ASignedFormComesBackByteForByte) {
  struct Row {
    const char* name;
    std::string bytes;
  };
  const std::vector<Row> rows = {
      {"empty", ""},
      {"NUL bytes and high bytes", std::string("%PDF\0\x01\x7f\x80\xff\xfe\0", 11)},
      {"only NULs", std::string(64, '\0')},
      {"text that looks like a number", "12345"},
      {"1 MB of random bytes", random_bytes(1 << 20)},
  };
  const std::vector<std::int64_t> citizens = {citizens_[0], citizens_[1]};
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // One active mandate per citizen and organisation: revoke as we go.
    Mandate m = recorded(citizens[i % 2], inca_, rows[i].bytes);
    m.state = MandateState::revoked;
    m.ended_at = from_unix(1'767'300'000);
    m.ended_by = "staff:inca.rossi";
    ids.push_back(insert(m, rows[i].bytes));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(rows[i].name);
    std::optional<std::string> back;
    in_transaction([&](Repositories& repos) { back = repos.mandates().document(ids[i]); });
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->size(), rows[i].bytes.size());
    EXPECT_TRUE(*back == rows[i].bytes);
    EXPECT_EQ(of(citizens[i % 2], ids[i])->document_sha256, sha256_hex(rows[i].bytes));
  }
}

TEST_F(IntermediariesStore, AScopeComesBackAsWritten) {
  struct Row {
    const char* name;
    MandateScope scope;
    const char* stored;
  };
  const std::vector<Row> rows = {
      {"every service", MandateScope{}, "all"},
      {"one type", types({ApplicationType::naspi}), "naspi"},
      {"two types", types({ApplicationType::assegno_nucleo, ApplicationType::bonus_baby_sitting}),
       "assegno-nucleo-familiare,bonus-baby-sitting"},
      {"every type chosen is not every service",
       types({ApplicationType::ricongiunzione, ApplicationType::naspi, ApplicationType::assegno_nucleo,
              ApplicationType::riscatto_laurea, ApplicationType::bonus_baby_sitting}),
       "ricongiunzione,naspi,assegno-nucleo-familiare,riscatto-laurea,bonus-baby-sitting"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Mandate m = mandate(citizens_[0], inca_);
    m.scope = row.scope;
    m.state = MandateState::revoked;  // so that every row may be stored for the same citizen and organisation
    const std::int64_t id = insert(m);
    const auto back = of(citizens_[0], id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->scope.every_service, row.scope.every_service);
    EXPECT_EQ(back->scope.types, row.scope.types);
    EXPECT_EQ(back->scope.covers_records(), row.scope.every_service);
    std::string stored;
    Database::Lease lease(*db_);
    long long key = id;
    lease.session() << "SELECT scope FROM mandates WHERE id = :id", soci::use(key), soci::into(stored);
    EXPECT_EQ(stored, row.stored);
  }
}

TEST_F(IntermediariesStore, AMandateWithoutAServiceOrAnOwnerOrWithAFormItCannotHaveIsRefused) {
  Mandate no_service = mandate(citizens_[0], inca_);
  no_service.scope = types({});
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(no_service, ""); }));
  Mandate online_with_form = mandate(citizens_[0], inca_);
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(online_with_form, "a form"); }));
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(mandate(citizens_[1] + 100, inca_), ""); }));
  EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().insert(mandate(citizens_[0], acli_ + 100), ""); }));
  in_transaction([&](Repositories& repos) { EXPECT_TRUE(repos.mandates().of_citizen(citizens_[0]).empty()); });
}

TEST_F(IntermediariesStore, AStoredValueThatDoesNotReadBackFailsInsteadOfTakingADefault) {
  struct Row {
    const char* column;
    const char* value;
  };
  const std::vector<Row> rows = {{"scope", "everything"}, {"scope", ""}, {"scope", "naspi,naspi"},
                                 {"state", "paused"},     {"origin", "fax"}, {"ends_on", "31/12/2026"}};
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.column) + " = '" + row.value + "'");
    const std::int64_t id = insert(mandate(citizens_[1], acli_));
    {
      Database::Lease lease(*db_);
      long long key = id;
      std::string value = row.value;
      lease.session() << "UPDATE mandates SET " + std::string(row.column) + " = :v WHERE id = :id", soci::use(value, "v"),
          soci::use(key, "id");
    }
    EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().find_for_citizen(citizens_[1], id); }));
    EXPECT_TRUE(refused([&](Repositories& repos) { repos.mandates().of_organisation(acli_, 10); }));
    Database::Lease lease(*db_);
    long long key = id;
    lease.session() << "DELETE FROM mandates WHERE id = :id", soci::use(key, "id");
  }
}

}  // namespace
}  // namespace sportello::testing
