#!/usr/bin/env python3
"""sportelloctl import (issue 10): the real binary on a fresh SQLite file — the samples of data/samples/
import and import again without change, bad rows exit 1 listing FILE:LINE: field: message, usage errors
exit 2, --json answers, a progress bar only on a terminal, and files made by scripts/gen-import-files
import cleanly. Usage: test_import.py PATH/TO/sportelloctl"""
import json
import os
import pty
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "data", "samples")
HEADER = ("codice_fiscale,gestione,dal,al,tipo,unita,unita_diritto,unita_misura,retribuzione_centesimi,"
          "datore_lavoro,matricola,note\n")
MARIO = "RSSMRA85T10H501O"


class ImportCommandTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.folder = self.tmp.name
        self.env = dict(os.environ)
        self.env["SPORTELLO_DATABASE_URL"] = "sqlite:" + self.path("s.db")
        self.env["SPORTELLO_OUTBOX_KEY_FILE"] = self.path("outbox.key")
        self.env["SPORTELLO_AUDIT_KEY_FILE"] = self.path("audit.key")
        self.env["SPORTELLO_AUDIT_SIGNING_KEY_FILE"] = self.path("audit-signing.key")
        self.env["SPORTELLO_AUDIT_CHECKPOINT_FILE"] = self.path("audit-checkpoints.log")
        self.env["SPORTELLO_ARGON2_MEMORY_KIB"] = "8192"
        self.env["SPORTELLO_ARGON2_ITERATIONS"] = "1"

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.folder, name)

    def run_ctl(self, *args):
        done = subprocess.run([CTL, *args], capture_output=True, text=True, env=self.env, cwd=self.folder, timeout=120)
        return done.returncode, done.stdout, done.stderr

    def json_of(self, *args, expect=0):
        code, out, err = self.run_ctl("--json", *args)
        self.assertEqual(code, expect, f"{args}: stderr {err!r}, stdout {out!r}")
        return json.loads(out)

    def seed_demo(self):
        code, _, err = self.run_ctl("demo", "seed")
        self.assertEqual(code, 0, err)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as out:
            out.write(text)
        return self.path(name)

    def count(self, table):
        db = sqlite3.connect(self.path("s.db"))
        try:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            db.close()

    def test_the_samples_import_and_the_same_file_again_changes_nothing(self):
        self.seed_demo()
        expected = {"contributions": ("contributions.csv", 11, 2), "cu": ("cu.jsonl", 3, 2),
                    "pension-slips": ("pension-slips.csv", 4, 1)}
        for kind, (name, rows, citizens) in expected.items():
            first = self.json_of("import", kind, os.path.join(SAMPLES, name))
            self.assertEqual((first["rows"], first["citizens"], first["already_imported"]), (rows, citizens, False))
            self.assertEqual(len(first["sha256"]), 64)
            self.assertGreater(first["rows_per_second"], 0)
            again = self.json_of("import", kind, os.path.join(SAMPLES, name))
            self.assertTrue(again["already_imported"])
            self.assertEqual(again["sha256"], first["sha256"])
        self.assertEqual(self.count("import_batches"), 3)

    def test_without_a_terminal_the_summary_is_plain_text(self):
        self.seed_demo()
        code, out, err = self.run_ctl("import", "contributions", os.path.join(SAMPLES, "contributions.csv"))
        self.assertEqual(code, 0, err)
        self.assertTrue(out.startswith("Imported contributions.csv: 11 rows for 2 citizens"), out)
        self.assertNotIn("\r", err)
        self.assertNotIn("\x1b", err)
        code, out, _ = self.run_ctl("import", "contributions", os.path.join(SAMPLES, "contributions.csv"))
        self.assertEqual(code, 0)
        self.assertIn("was imported before", out)

    def test_on_a_terminal_a_progress_bar_is_drawn_on_stderr_and_cleared(self):
        self.seed_demo()
        main, child = pty.openpty()
        done = subprocess.run([CTL, "import", "contributions", os.path.join(SAMPLES, "contributions.csv")],
                              stdout=subprocess.PIPE, stderr=child, env=self.env, cwd=self.folder, timeout=120)
        os.close(child)
        drawn = b""
        try:
            while chunk := os.read(main, 4096):
                drawn += chunk
        except OSError:  # the terminal's other end is closed: everything was read
            pass
        os.close(main)
        self.assertEqual(done.returncode, 0)
        text = drawn.decode()
        self.assertIn("\r[", text)
        self.assertIn("rows/s", text)
        self.assertIn("ETA", text)
        self.assertTrue(text.endswith("\r\x1b[K"), repr(text))
        self.assertTrue(done.stdout.decode().startswith("Imported"))

    def test_bad_rows_exit_1_listing_file_line_and_field_and_nothing_is_written(self):
        self.seed_demo()
        before = self.count("contribution_periods")
        bad = self.write("bad.csv", HEADER +
                         f"{MARIO},fpld,2020-01-01,2020-12-31,obbligatoria,settimane,52,52,100,,,\n"
                         f"{MARIO},fpldx,2020-01-01,2020-12-31,obbligatoria,settimane,52,52,100,,,\n"
                         f"{MARIO},fpld,2020-01-01,2020-12-31,obbligatoria,settimane,52,52,10.50,,,\n")
        code, _, err = self.run_ctl("import", "contributions", bad)
        self.assertEqual(code, 1)
        self.assertIn(f"{bad}:3: gestione: ", err)
        self.assertIn(f"{bad}:4: retribuzione_centesimi: ", err)
        self.assertIn("import-rejected", err)
        answer = self.json_of("import", "contributions", bad, expect=1)
        self.assertEqual(answer["error"]["code"], "import-rejected")
        self.assertEqual([(p["line"], p["field"]) for p in answer["problems"]],
                         [(3, "gestione"), (4, "retribuzione_centesimi")])
        self.assertEqual(self.count("contribution_periods"), before)
        self.assertEqual(self.count("import_batches"), 0)

    def test_usage_errors_exit_2_and_a_missing_file_exits_1(self):
        for args in (["import"], ["import", "contributions"], ["import", "payroll", "x.csv"]):
            code, _, _ = self.run_ctl(*args)
            self.assertEqual(code, 2, args)
        answer = self.json_of("import", "cu", self.path("missing.jsonl"), expect=1)
        self.assertEqual(answer["error"]["code"], "file-unreadable")

    def test_files_made_by_the_generator_import_cleanly(self):
        out = self.path("gen")
        made = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen-import-files"), "--out", out,
                               "--citizens", "25", "--years", "6", "--seed", "7"],
                              capture_output=True, text=True, check=True).stdout.split()
        counts = dict(item.split("=") for item in made)
        self.json_of("db", "migrate")
        db = sqlite3.connect(self.path("s.db"))
        with db, open(os.path.join(out, "citizens.csv"), encoding="utf-8") as people:
            next(people)
            for line in people:
                cf, surname, name, sex, born, place = line.strip().split(",")
                db.execute("INSERT INTO citizens (codice_fiscale, surname, name, sex, birth_date, birth_place_code, "
                           "street, street_number, cap, comune, province, citizenship, mobile, email, pec, "
                           "pec_cittadino, home_phone, office_phone, fax, mobile_verified, email_verified, "
                           "tessera_number, tessera_expiry, created_at) VALUES (?, ?, ?, ?, ?, ?, 'Via Roma', '1', "
                           "'00100', 'Roma', 'RM', 'IT', '', '', '', '', '', '', '', 0, 0, '', '', 0)",
                           (cf, surname, name, sex, born, place))
        db.close()
        for kind, name in (("contributions", "contributions.csv"), ("cu", "cu.jsonl"),
                           ("pension-slips", "pension-slips.csv")):
            answer = self.json_of("import", kind, os.path.join(out, name))
            self.assertEqual(answer["rows"], int(counts[kind]), kind)
        self.assertEqual(self.count("contribution_periods"), int(counts["contributions"]))


if __name__ == "__main__":
    CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
