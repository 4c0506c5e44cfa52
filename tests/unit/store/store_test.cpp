// store/: migrations, SQLite settings, transactions, and the guarantees the SQL itself gives
// (append-only audit log, one outbox row per event and recipient).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "audit/audit_entry.h"
#include "store_fixture.h"

namespace sportello::testing {
namespace {

class Store : public StoreFixture {
 protected:
  std::string pragma(const std::string& name) {
    Database::Lease lease(*db_);
    std::string value;
    lease.session() << "PRAGMA " + name, soci::into(value);
    return value;
  }
  OutboxMessage message(const std::string& event) {
    OutboxMessage m;
    m.event_key = event;
    m.channel = Channel::email;
    m.recipient = "a@example.it";
    m.template_name = "t";
    m.params = {{"name", "Mario"}};
    return m;
  }

};

TEST_F(Store, MigrationsApplyOnceAndRecordTheirVersion) {
  auto again = Migrator(*db_).migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_TRUE(Migrator(*db_).pending()->empty());
  Database::Lease lease(*db_);
  int versions = 0;
  lease.session() << "SELECT COUNT(*) FROM schema_migrations", soci::into(versions);
  EXPECT_EQ(versions, Migrator(*db_).latest_known_version());
}

TEST_F(Store, SqliteRunsInWalModeWithForeignKeysAndFullSync) {
  if (database_.postgresql()) GTEST_SKIP() << "SQLite's own settings";
  EXPECT_EQ(pragma("journal_mode"), "wal");
  EXPECT_EQ(pragma("foreign_keys"), "1");
  EXPECT_EQ(pragma("synchronous"), "2");  // FULL
}

TEST_F(Store, TheAuditLogRefusesUpdatesAndDeletes) {
  SqlUnitOfWork store(db_, audit_key_);
  ASSERT_TRUE(store.run([](Repositories& repos) -> Status {
    repos.audit().append("system", "test", "citizen:1", "", from_unix(1000));
    return Ok{};
  }).ok());
  Database::Lease lease(*db_);
  EXPECT_THROW(lease.session() << "UPDATE audit_log SET actor = 'someone else'", soci::soci_error);
  EXPECT_THROW(lease.session() << "DELETE FROM audit_log", soci::soci_error);
}

TEST_F(Store, AuditRowsAreKeyedAndNameTheirScheme) {
  SqlUnitOfWork store(db_, audit_key_);
  std::optional<AuditEntry> head;
  std::optional<std::int64_t> first_keyed;
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    EXPECT_FALSE(repos.audit().head().has_value());
    repos.audit().append("system", "one", "citizen:1", "", from_unix(1000));
    repos.audit().append("system", "two", "citizen:1", "", from_unix(1001));
    head = repos.audit().head();
    first_keyed = repos.audit().first_keyed_seq();
    return Ok{};
  }).ok());
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 2);
  EXPECT_EQ(head->action, "two");
  EXPECT_EQ(head->scheme, AuditScheme::hmac_sha256);
  EXPECT_EQ(head->hash, head->compute_link(*audit_key_));
  EXPECT_NE(head->hash, head->compute_hash());
  EXPECT_EQ(first_keyed, 1);
}

// Writers on several connections at once (several nodes on one PostgreSQL, issue 13): every unit of work commits
// whole, one after another as on SQLite, so the audit chain, which each one extends from its head, has no gap, no
// fork and no refused row.
TEST_F(Store, ConcurrentWritersEachCommitAndTheChainHolds) {
  auto opened = Database::open(database_.url(), 8);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::shared_ptr<Database> pool = *opened;
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      SqlUnitOfWork store(pool, audit_key_);
      for (int i = 0; i < kEach; ++i) {
        Status done = store.run([&](Repositories& repos) -> Status {
          repos.audit().append("system", "concurrent", "thread:" + std::to_string(t), std::to_string(i), from_unix(1000 + i));
          repos.audit().append("system", "concurrent", "thread:" + std::to_string(t), "second", from_unix(1000 + i));
          return Ok{};
        });
        if (!done && failures[t].empty()) failures[t] = done.error().message;
      }
    });
  for (auto& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  std::vector<AuditEntry> rows;
  ASSERT_TRUE(SqlUnitOfWork(pool, audit_key_).read([&](Repositories& repos) -> Status {
    rows = repos.audit().read(1, 10000);
    return Ok{};
  }).ok());
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(2 * kThreads * kEach));
  AuditChainCheck chain(*audit_key_);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FALSE(chain.next(rows[i]).has_value()) << "row " << rows[i].seq;
    if (i % 2 == 1) {  // a unit of work's two rows are next to each other: no writer came between them
      EXPECT_EQ(rows[i].subject, rows[i - 1].subject) << "row " << rows[i].seq;
      EXPECT_EQ(rows[i].details, "second") << "row " << rows[i].seq;
    }
  }
}

// On SQLite a writer waiting for another waits on the process's writer lock, woken when the first ends (not in
// SQLite's busy handler, which sleeps in steps of up to 100 ms), and holds no connection meanwhile: reads go on.
TEST_F(Store, ASqliteWriterWaitingForAnotherHoldsNoConnection) {
  if (database_.postgresql()) GTEST_SKIP() << "SQLite's writer lock";
  auto opened = Database::open(database_.url(), 2);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  SqlUnitOfWork store(*opened, audit_key_);
  std::promise<void> first_began, read_done;
  std::shared_future<void> read_finished = read_done.get_future().share();
  std::atomic<bool> read_before_first_ended{false};
  std::atomic<int> order{0};
  int first_ended = 0, second_began = 0;
  std::thread first([&] {
    EXPECT_TRUE(store.run([&](Repositories& repos) -> Status {
      repos.audit().append("system", "test", "first", "", from_unix(1000));
      first_began.set_value();
      read_before_first_ended = read_finished.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
      first_ended = ++order;
      return Ok{};
    }).ok());
  });
  first_began.get_future().wait();
  std::thread second([&] {
    EXPECT_TRUE(store.run([&](Repositories& repos) -> Status {
      second_began = ++order;
      repos.audit().append("system", "test", "second", "", from_unix(1001));
      return Ok{};
    }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the second writer is waiting by now
  std::size_t rows_seen = 99;
  EXPECT_TRUE(store.read([&](Repositories& repos) -> Status {  // needs the pool's other connection
    rows_seen = repos.audit().read(1, 10).size();
    return Ok{};
  }).ok());
  read_done.set_value();
  first.join();
  second.join();
  EXPECT_TRUE(read_before_first_ended) << "the read waited for the writers";
  EXPECT_EQ(rows_seen, 0u) << "the first writer had not committed";
  EXPECT_LT(first_ended, second_began) << "one writer at a time";
}

// A PostgreSQL restart or failover ends every connection of the pool; the next unit of work on each one opens it
// again instead of failing (before, every pooled connection stayed dead until the process restarted).
TEST_F(Store, ConnectionsThePostgresqlServerEndedAreOpenedAgain) {
  if (!database_.postgresql()) GTEST_SKIP() << "PostgreSQL's connections";
  SqlUnitOfWork store(db_, audit_key_);
  auto append = [](Repositories& repos) -> Status {
    repos.audit().append("system", "test", "citizen:1", "", from_unix(1000));
    return Ok{};
  };
  ASSERT_TRUE(store.run(append).ok());
  {
    auto admin = Database::open(database_.url(), 1);
    ASSERT_TRUE(admin.ok());
    Database::Lease lease(**admin);
    lease.session() << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()";
  }
  for (int i = 0; i < 4; ++i) {  // more than the pool's two connections
    const Status done = store.run(append);
    EXPECT_TRUE(done.ok()) << i << ": " << done.error().message;
  }
}

TEST_F(Store, AppendingAnAuditRowWithoutTheKeyFailsTheTransaction) {
  SqlUnitOfWork keyless(db_);
  Status appended = keyless.run([](Repositories& repos) -> Status {
    repos.audit().append("system", "test", "citizen:1", "", from_unix(1000));
    return Ok{};
  });
  ASSERT_FALSE(appended.ok());
  EXPECT_EQ(appended.error().kind, ErrorKind::unavailable);
  std::optional<AuditEntry> head;
  ASSERT_TRUE(keyless.read([&](Repositories& repos) -> Status {
    head = repos.audit().head();
    return Ok{};
  }).ok());
  EXPECT_FALSE(head.has_value()) << "reads need no key; nothing was written";
}

TEST_F(Store, TheOutboxKeepsOneRowPerEventChannelAndRecipient) {
  SqlUnitOfWork store(db_, audit_key_);
  std::vector<bool> written;
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    written.push_back(repos.outbox().enqueue(message("e1")));
    written.push_back(repos.outbox().enqueue(message("e1")));
    written.push_back(repos.outbox().enqueue(message("e2")));
    return Ok{};
  }).ok());
  EXPECT_EQ(written, (std::vector<bool>{true, false, true}));
  std::vector<OutboxMessage> rows;
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    rows = repos.outbox().list({});
    return Ok{};
  }).ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].params.at("name"), "Mario");
}

TEST_F(Store, AnErrorResultRollsTheTransactionBack) {
  SqlUnitOfWork store(db_, audit_key_);
  Status failed = store.run([&](Repositories& repos) -> Status {
    repos.outbox().enqueue(message("e1"));
    return Error::invalid("test", "stop here");
  });
  EXPECT_EQ(failed.error().code, "test");
  std::size_t count = 99;
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    count = repos.outbox().list({}).size();
    return Ok{};
  }).ok());
  EXPECT_EQ(count, 0u);
}

TEST_F(Store, ADriverErrorBecomesUnavailableAndRollsBack) {
  SqlUnitOfWork store(db_, audit_key_);
  Status failed = store.run([&](Repositories& repos) -> Status {
    repos.outbox().enqueue(message("e1"));
    repos.credentials().add_pin_history(424242, "hash", from_unix(1));  // no such credential: foreign key
    return Ok{};
  });
  EXPECT_EQ(failed.error().kind, ErrorKind::unavailable);
  std::size_t count = 99;
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    count = repos.outbox().list({}).size();
    return Ok{};
  }).ok());
  EXPECT_EQ(count, 0u);
}

TEST(Database, RefusesUrlsItCannotServe) {
  EXPECT_EQ(Database::open("sqlite::memory:").error().code, "invalid-database-url");
  EXPECT_EQ(Database::open("sqlite:").error().code, "invalid-database-url");
  EXPECT_EQ(Database::open("mysql://x").error().code, "invalid-database-url");
}

}  // namespace
}  // namespace sportello::testing
