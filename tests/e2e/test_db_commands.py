#!/usr/bin/env python3
"""`sportelloctl db` on PostgreSQL (issue 13). `db migrate` run by three processes at once on an empty database
(nodes starting together) applies each migration once. `db copy`: an installation used over HTTP on SQLite (the demo seed, a PIN issued at an
office, logins and a wrong PIN, a signed mandate's PDF recorded by a patronato, an application filed for the
citizen) is moved into an empty PostgreSQL database of the tests' cluster. Every table's rows arrive byte for byte
(compared as PostgreSQL's COPY writes them), the audit chain verifies there with the same keys, and the server runs
on the copy: the demo PIN logs in and new rows get fresh ids. A second copy into the same database is refused, and
a copy that fails half-way leaves the target without a row. Refusals change nothing.

Usage: test_db_commands.py PATH/TO/sportello PATH/TO/sportelloctl   (needs SPORTELLO_TEST_POSTGRES; standard library)"""
import json
import os
import subprocess
import sys
import unittest
import uuid

import backend
import test_api
from test_api import API, ServerTestCase
from test_applications import PDF, multipart, naspi_fields
from test_patronati import GIULIA, MARIO, form_parts, in_months

TARGET = backend.POSTGRES
backend.POSTGRES = None  # the installation to copy runs on SQLite


def copy_text(value):
    """A SQLite value as PostgreSQL's COPY ... TO STDOUT writes it in text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    escapes = {"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    return "".join(escapes.get(ch, ch) for ch in str(value))


class DbCopyTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        if not TARGET:
            raise unittest.SkipTest("needs SPORTELLO_TEST_POSTGRES (tests/CMakeLists.txt sets it)")
        super().setUpClass()
        s, c = cls.server, cls.server.client
        s.ctl("demo", "seed")
        s.ctl("org", "add", "--code", "ITAL", "--name", "Patronato ITAL UIL", "--office", "Roma, via Po 162")
        probe = cls("test_2_every_row_arrives_and_the_chain_verifies_there")
        probe.office_holder()
        assert c.post(API + "/sessions", {"codice_fiscale": MARIO[0], "pin": MARIO[1]}).status == 201
        assert c.post(API + "/sessions", {"codice_fiscale": MARIO[0], "pin": "WRONGPIN"}).status == 401
        ital = s.staff("patronato", org="ITAL")
        fields = [("codice_fiscale", GIULIA[0]), ("surname", "Bianchi"), ("birth_date", "05/03/1972"),
                  ("ends_on", in_months(6)), ("scope", "all")]
        body, content_type = form_parts(fields, PDF)  # the signed form: bytes of every kind, into a BLOB
        recorded = c.post(API + "/patronato/mandates", raw=body, content_type=content_type, token=ital)
        assert recorded.status == 201, recorded
        subject = c.post(API + "/patronato/subject-search", {"codice_fiscale": GIULIA[0]}, token=ital).json()["citizen"]
        body, content_type = multipart(naspi_fields("e2e-copy-" + uuid.uuid4().hex[:12]), [("lettera.pdf", PDF)])
        filed = c.post(API + "/patronato/subjects/%d/applications" % subject["id"], raw=body,
                       content_type=content_type, token=ital)
        assert filed.status == 201, filed
        code, _ = s.stop()  # a copy is made with the server stopped
        assert code == 0
        cls.targets = []
        cls.source_url = s.env["SPORTELLO_DATABASE_URL"]

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            for target in getattr(cls, "targets", []):
                target.drop()

    # -- helpers

    def target(self):
        """A fresh, empty PostgreSQL database on the tests' cluster."""
        backend.POSTGRES = TARGET
        try:
            database = backend.TestDatabase(self.server.tmp.name)
        finally:
            backend.POSTGRES = None
        type(self).targets.append(database)
        return database

    def ctl(self, *args, url=None, expect=0):
        """sportelloctl on the installation's keys and configuration, on its database or on `url`."""
        env = dict(self.server.env, SPORTELLO_DATABASE_URL=url or self.source_url)
        done = subprocess.run([test_api.CTL, "--json", *args], capture_output=True, text=True, env=env,
                              cwd=self.server.tmp.name, timeout=300)
        self.assertEqual(done.returncode, expect, "sportelloctl %s: %s %s" % (args, done.stdout, done.stderr))
        return json.loads(done.stdout) if done.stdout.strip() else None, done.stderr

    def source(self):
        return self.server.database

    def tables(self):
        return [name for (name,) in self.source().rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name <> 'schema_migrations' ORDER BY name")]

    def columns(self, table):
        return [name for (name,) in self.source().rows("SELECT name FROM pragma_table_info('%s')" % table)]

    def counts(self, database):
        return {t: database.scalar("SELECT COUNT(*) FROM %s" % t) for t in self.tables()}

    def copied_lines(self, target, table):
        """The table's rows in the target as COPY writes them, and the source's rows written the same way."""
        columns = ", ".join(self.columns(table))
        done = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=" + target.url,
                               "--command=COPY (SELECT %s FROM %s) TO STDOUT" % (columns, table)],
                              capture_output=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        there = sorted(done.stdout.decode("utf-8").splitlines())
        here = sorted("\t".join(copy_text(v) for v in row)
                      for row in self.source().rows("SELECT %s FROM %s" % (columns, table)))
        return here, there

    # -- the tests, in order

    def test_1_refusals_name_the_problem_and_change_nothing(self):
        before = self.counts(self.source())
        out, _ = self.ctl("db", "copy", "--to", "sqlite:" + os.path.join(self.server.tmp.name, "other.db"), expect=1)
        self.assertEqual(out["error"]["code"], "copy-target-not-postgresql")
        out, _ = self.ctl("db", "copy", "--to", "mysql://sportello@localhost/sportello", expect=1)
        self.assertEqual(out["error"]["code"], "invalid-database-url")
        out, err = self.ctl("db", "copy", "--to", TARGET.replace("{db}", "no_such_database") + "&password=s3cret",
                            expect=1)
        self.assertNotIn("s3cret", json.dumps(out) + err, "the address's password is never repeated")
        _, err = self.ctl("db", "copy", expect=2)
        self.assertIn("--to", err)
        self.assertEqual(self.counts(self.source()), before)

    def test_2_every_row_arrives_and_the_chain_verifies_there(self):
        target = self.target()
        out, _ = self.ctl("db", "copy", "--to", target.url)
        counts = self.counts(self.source())
        self.assertEqual({t["table"]: t["rows"] for t in out["tables"]}, counts)
        self.assertEqual(out["rows"], sum(counts.values()))
        for table in ("citizens", "credentials", "audit_log", "outbox", "mandates", "mandate_documents", "applications"):
            self.assertGreater(counts[table], 0, "the installation has %s to copy" % table)
        for table in self.tables():
            here, there = self.copied_lines(target, table)
            self.assertEqual(here, there, "table %s differs after the copy" % table)
        verified, _ = self.ctl("audit", "verify", url=target.url)
        self.assertTrue(verified["ok"], verified)
        self.assertEqual(verified["rows_checked"], counts["audit_log"])
        type(self).copied = target

    def test_3_a_second_copy_into_the_same_database_is_refused(self):
        target = type(self).copied
        before = self.counts(target)
        out, _ = self.ctl("db", "copy", "--to", target.url, expect=1)
        self.assertEqual(out["error"]["code"], "target-not-empty")
        self.assertEqual(self.counts(target), before)

    def test_4_the_server_runs_on_the_copy(self):
        target = type(self).copied
        s = self.server
        audit_rows = target.scalar("SELECT COUNT(*) FROM audit_log")
        s.start_again(SPORTELLO_DATABASE_URL=target.url)
        type(self).c = s.client
        self.login(*MARIO)
        giulia = self.login(*GIULIA).json()["token"]
        accesses = self.c.get(API + "/me/accesses", token=giulia)
        self.assertEqual(accesses.status, 200, accesses)
        self.assertTrue(any(a.get("protocol") for a in accesses.json()["accesses"]), "the filing for her is there")
        who, _ = self.office_holder()  # new citizens, credentials and audit rows get ids past the copied ones
        self.assertGreater(target.scalar("SELECT COUNT(*) FROM audit_log"), audit_rows)
        verified, _ = self.ctl("audit", "verify", url=target.url)
        self.assertTrue(verified["ok"], verified)

    def test_5_a_copy_that_fails_half_way_leaves_the_target_without_a_row(self):
        target = self.target()
        self.ctl("db", "migrate", url=target.url)
        # The signed forms come after citizens, organisations and mandates: a refusal there is half-way.
        backend._psql(target.url, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                  "RAISE EXCEPTION 'refused by the test'; END; $$")
        backend._psql(target.url, "CREATE TRIGGER refuse BEFORE INSERT ON mandate_documents "
                                  "FOR EACH ROW EXECUTE FUNCTION refuse()")
        out, _ = self.ctl("db", "copy", "--to", target.url, expect=1)
        self.assertIn("nothing was written", out["error"]["message"])
        self.assertEqual(set(self.counts(target).values()), {0})

    def test_6_nodes_migrating_one_empty_database_at_once_apply_each_migration_once(self):
        target = self.target()
        env = dict(self.server.env, SPORTELLO_DATABASE_URL=target.url)
        runs = [subprocess.Popen([test_api.CTL, "--json", "db", "migrate"], env=env, cwd=self.server.tmp.name,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        applied = []
        for run in runs:
            out, err = run.communicate(timeout=120)
            self.assertEqual(run.returncode, 0, err)
            applied += [m["version"] for m in json.loads(out)["applied"]]
        versions = [v for (v,) in target.rows("SELECT version FROM schema_migrations ORDER BY version")]
        self.assertEqual(sorted(applied), versions, "each migration applied by one of them")
        self.assertEqual(len(set(versions)), len(versions))
        self.assertEqual(versions[-1], json.loads(out)["version"], "up to the last one the binary knows")


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
