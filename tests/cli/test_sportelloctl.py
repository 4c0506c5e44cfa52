#!/usr/bin/env python3
"""sportelloctl end to end: the real binary on a fresh SQLite file, checked through its exit codes
(0 done, 1 refused, 2 usage) and its --json answers. Usage: test_sportelloctl.py PATH/TO/sportelloctl"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CTL = None


class Ctl:
    def __init__(self, folder, extra_env=None):
        self.folder = folder
        self.env = dict(os.environ)
        self.env["SPORTELLO_DATABASE_URL"] = "sqlite:" + os.path.join(folder, "s.db")
        self.env["SPORTELLO_OUTBOX_KEY_FILE"] = os.path.join(folder, "outbox.key")
        self.env["SPORTELLO_AUDIT_KEY_FILE"] = os.path.join(folder, "audit.key")
        self.env["SPORTELLO_AUDIT_SIGNING_KEY_FILE"] = os.path.join(folder, "audit-signing.key")
        self.env["SPORTELLO_AUDIT_CHECKPOINT_FILE"] = os.path.join(folder, "audit-checkpoints.log")
        self.env["SPORTELLO_ARGON2_MEMORY_KIB"] = "8192"
        self.env["SPORTELLO_ARGON2_ITERATIONS"] = "1"
        self.env.update(extra_env or {})

    def run(self, *args):
        done = subprocess.run([CTL, *args], capture_output=True, text=True, env=self.env, cwd=self.folder, timeout=60)
        return done.returncode, done.stdout, done.stderr

    def json(self, *args, expect=0):
        code, out, err = self.run("--json", *args)
        assert code == expect, f"{args}: exit {code}, stderr {err!r}, stdout {out!r}"
        return json.loads(out)


MARIO = ["--cf", "RSSMRA85T10H501O", "--surname", "Rossi", "--name", "Mario", "--sex", "M",
         "--birth-date", "1985-12-10", "--birth-place", "Roma", "--birth-province", "RM",
         "--street", "Via Roma", "--number", "1", "--cap", "00100", "--comune", "Roma", "--province", "RM",
         "--mobile", "3331234567", "--email", "mario@example.it"]


class SportelloctlTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.ctl = Ctl(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_db_migrate_applies_once(self):
        first = self.ctl.json("db", "migrate")
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "store", "migrations")
        versions = sorted({int(name[:4]) for name in os.listdir(folder) if name.endswith(".sql")})
        self.assertEqual(versions, list(range(1, len(versions) + 1)), "numbered without gaps")
        self.assertEqual([m["version"] for m in first["applied"]], versions)
        self.assertEqual(self.ctl.json("db", "migrate")["applied"], [])

    def test_courier_and_letters_commands_answer_on_an_empty_outbox_and_refuse_unknown_ids(self):
        self.assertEqual(self.ctl.json("courier", "run", "--once")["claimed"], 0)
        self.assertIsNone(self.ctl.json("letters", "close-batch")["batch"])
        self.assertEqual(self.ctl.json("letters", "list")["batches"], [])
        self.assertEqual(self.ctl.json("letters", "handed-over", "20260101-0001", expect=1)["error"]["code"],
                         "batch-not-found")
        self.assertEqual(self.ctl.json("outbox", "retry", "999", expect=1)["error"]["code"], "message-not-found")

    def test_cf_check_decodes_or_names_the_fault(self):
        ok = self.ctl.json("cf", "check", "rssmra85t10h501o")
        self.assertEqual(ok["codice_fiscale"], "RSSMRA85T10H501O")
        self.assertEqual(ok["birth_place"]["code"], "H501")
        self.assertEqual(ok["birth_date"], "1985-12-10")
        bad = self.ctl.json("cf", "check", "RSSMRA85T10H501Z", expect=1)
        self.assertEqual(bad["error"]["code"], "invalid-cf-check-character")
        code, _, err = self.ctl.run("cf", "check", "RSSMRA85T10H501Z")
        self.assertEqual(code, 1)
        self.assertIn("should be O", err)

    def test_cf_compute_with_omocodia_variants(self):
        out = self.ctl.json("cf", "compute", "--surname", "Rossi", "--name", "Mario", "--sex", "M",
                            "--birth-date", "1985-12-10", "--birth-place", "Roma", "--all")
        self.assertEqual(out["codice_fiscale"], "RSSMRA85T10H501O")
        self.assertEqual(len(out["omocodia_variants"]), 7)
        for variant in out["omocodia_variants"]:
            self.assertEqual(self.ctl.json("cf", "check", variant)["codice_fiscale"], "RSSMRA85T10H501O")

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.ctl.run("cf")[0], 2)
        self.assertEqual(self.ctl.run("cf", "compute", "--surname", "Rossi")[0], 2)
        self.assertEqual(self.ctl.run("no-such-command")[0], 2)
        self.assertEqual(self.ctl.run("--help")[0], 0)

    def test_a_bad_configuration_value_names_its_key(self):
        ctl = Ctl(self.tmp.name, {"SPORTELLO_LOCKOUT_STEP": "three minutes"})
        code, _, err = ctl.run("db", "migrate")
        self.assertEqual(code, 1)
        self.assertIn("SPORTELLO_LOCKOUT_STEP", err)

    def test_staff_add_prints_the_secrets_once_and_refuses_duplicates(self):
        out = self.ctl.json("staff", "add", "--username", "mrossi", "--role", "office")
        self.assertEqual(len(out["password"]), 20)
        self.assertTrue(out["otpauth_uri"].startswith("otpauth://totp/"))
        self.assertEqual(self.ctl.json("staff", "add", "--username", "mrossi", "--role", "office", expect=1)
                         ["error"]["code"], "username-taken")
        self.assertEqual(self.ctl.run("staff", "add", "--username", "x", "--role", "king")[0], 2)
        names = [s["username"] for s in self.ctl.json("staff", "list")["staff"]]
        self.assertEqual(names, ["mrossi"])

    def test_patronati_are_added_listed_disabled_and_their_operators_bound_to_them(self):
        made = self.ctl.json("org", "add", "--code", "inca", "--name", " Patronato  INCA CGIL ",
                             "--office", "Roma, via dei Frentani 4", "--office", "")
        self.assertEqual(made["organisation"]["code"], "INCA")
        self.assertEqual(made["organisation"]["name"], "Patronato INCA CGIL")
        self.assertEqual(made["organisation"]["offices"], ["Roma, via dei Frentani 4"])
        self.assertEqual(self.ctl.json("org", "add", "--code", "INCA", "--name", "Altro", expect=1)["error"]["code"],
                         "organisation-code-taken")
        self.assertEqual(self.ctl.json("org", "add", "--code", "1X", "--name", "Altro", expect=1)["error"]["code"],
                         "invalid-organisation-code")
        self.assertEqual(self.ctl.run("org", "add", "--name", "Senza codice")[0], 2)
        self.assertEqual(self.ctl.json("staff", "add", "--username", "op.neri", "--role", "patronato", expect=1)
                         ["error"]["code"], "organisation-required")
        self.assertEqual(self.ctl.json("staff", "add", "--username", "bo.x", "--role", "back_office", "--org", "INCA",
                                       expect=1)["error"]["code"], "organisation-not-for-role")
        self.ctl.json("staff", "add", "--username", "op.neri", "--role", "patronato", "--org", "Inca")
        listed = {s["username"]: s["organisation"] for s in self.ctl.json("staff", "list")["staff"]}
        self.assertEqual(listed, {"op.neri": "INCA"})
        self.assertEqual(self.ctl.json("org", "list")["organisations"][0]["operators"], 1)
        disabled = self.ctl.json("org", "disable", "--code", "INCA")
        self.assertEqual((disabled["disabled"], disabled["sessions_ended"]), (True, 0))
        self.assertTrue(self.ctl.json("org", "show", "--code", "inca")["organisation"]["disabled"])
        self.assertEqual(self.ctl.json("org", "disable", "--code", "NOPE", expect=1)["error"]["code"],
                         "organisation-not-found")
        updated = self.ctl.json("org", "update", "--code", "INCA", "--name", "INCA CGIL", "--office", "Milano")
        self.assertEqual(updated["organisation"]["offices"], ["Milano"])
        self.assertEqual(self.ctl.json("mandate", "expire")["expired"], 0)

    def test_staff_names_are_set_at_creation_or_later_and_listed(self):
        out = self.ctl.json("staff", "add", "--username", "bo.verdi", "--role", "back_office", "--name", "  Laura  Verdi ")
        self.assertEqual(out["username"], "bo.verdi")
        self.ctl.json("staff", "add", "--username", "sede.old", "--role", "office")
        listed = {s["username"]: s["full_name"] for s in self.ctl.json("staff", "list")["staff"]}
        self.assertEqual(listed, {"bo.verdi": "Laura Verdi", "sede.old": ""})
        self.ctl.json("staff", "rename", "--username", "sede.old", "--name", "Marco Bianchi")
        self.assertEqual(self.ctl.json("staff", "rename", "--username", "nobody", "--name", "X", expect=1)
                         ["error"]["code"], "staff-not-found")
        self.assertEqual(self.ctl.json("staff", "rename", "--username", "sede.old", "--name", "   ", expect=1)
                         ["error"]["code"], "invalid-full-name")
        code, text, _ = self.ctl.run("staff", "list")
        self.assertEqual(code, 0)
        self.assertIn("sede.old  office  Marco Bianchi", text)
        self.assertIn("bo.verdi  back_office  Laura Verdi", text)

    def test_demo_seed_is_idempotent(self):
        first = self.ctl.json("demo", "seed")["items"]
        self.assertTrue(all(i["created"] for i in first))
        second = self.ctl.json("demo", "seed")["items"]
        self.assertFalse(any(i["created"] for i in second))
        self.assertEqual(len(first), len(second))

    def test_demo_seed_loads_made_up_citizens_once(self):
        first = self.ctl.json("demo", "seed", "--citizens", "40")["population"]
        self.assertEqual((first["requested"], first["added"], first["pin"]), (40, 40, "PIN2DEMO"))
        again = self.ctl.json("demo", "seed", "--citizens", "50")["population"]
        self.assertEqual((again["requested"], again["added"]), (50, 10))
        code, text, _ = self.ctl.run("demo", "seed", "--citizens", "50")
        self.assertEqual(code, 0)
        self.assertIn("0 made-up citizens added (50 already there), PIN PIN2DEMO", text)
        for bad in ("0", "-3", "many"):
            self.assertEqual(self.ctl.run("demo", "seed", "--citizens", bad)[0], 2, bad)

    def test_phone_request_then_confirmation_queue_and_outbox(self):
        self.ctl.json("request", "register-phone", *MARIO, "--tessera-number", "80380000001234567890",
                      "--tessera-expiry", "2031-01-31")
        messages = self.ctl.json("outbox", "list", "--reveal-secrets")["messages"]
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]["channel"], "letter")
        self.assertEqual(len(messages[0]["secret"]), 8)
        hidden = self.ctl.json("outbox", "list")["messages"][0]
        self.assertNotIn("secret", hidden)
        self.assertTrue(hidden["has_secret"])
        self.assertEqual(self.ctl.json("request", "list")["requests"], [])  # phone requests await activation

    def test_outbox_list_shows_attempts_and_the_shortened_last_error_without_json(self):
        self.ctl.json("request", "register-phone", *MARIO, "--tessera-number", "80380000001234567890",
                      "--tessera-expiry", "2031-01-31")
        # The courier's outcome written as it would after five refusals (a letter has no transport to fail).
        error = "SMTP 451 4.7.1 greylisted,\ntry again later; " + "è solo un messaggio lungo " * 6
        db = sqlite3.connect(os.path.join(self.tmp.name, "s.db"))
        db.execute("UPDATE outbox SET status = 'failed', attempts = 5, last_error = ?", (error,))
        db.commit()
        db.close()
        code, out, err = self.ctl.run("outbox", "list")
        self.assertEqual(code, 0, err)
        header, row = out.splitlines()
        self.assertEqual(header.split(), ["ID", "STATUS", "ATTEMPTS", "CHANNEL", "TEMPLATE", "CREATED", "LAST", "ERROR"])
        self.assertEqual(row.split()[1:4], ["failed", "5", "letter"])
        shown = row[header.index("LAST ERROR"):]
        self.assertTrue(shown.startswith("SMTP 451 4.7.1 greylisted, try again later;"), shown)
        self.assertTrue(shown.endswith("…"), shown)
        self.assertEqual(len(shown), 60)
        self.assertEqual(self.ctl.json("outbox", "list")["messages"][0]["last_error"], error)
        self.assertIn("The outbox is empty.", self.ctl.run("outbox", "list", "--status", "sent")[1])

    def test_office_issuance_revocation_and_dispositivo(self):
        issued = self.ctl.json("pin", "issue-at-office", *MARIO, "--document-kind", "passaporto",
                               "--document-number", "YA1234567")
        self.assertEqual(len(issued["pin"]), 16)
        self.assertEqual(issued["level"], "dispositivo")
        self.assertEqual(self.ctl.json("pin", "convert-dispositivo", "--cf", "RSSMRA85T10H501O", expect=1)
                         ["error"]["code"], "already-dispositivo")
        self.assertEqual(self.ctl.json("pin", "revoke", "--cf", "RSSMRA85T10H501O", expect=1)
                         ["error"]["code"], "identity-not-checked")
        self.ctl.json("pin", "revoke", "--cf", "RSSMRA85T10H501O", "--identity-checked", "--reason", "lost")
        self.assertEqual(self.ctl.json("dispositivo", "approve", "99", expect=1)["error"]["code"], "request-not-found")
        self.assertEqual(self.ctl.json("dispositivo", "list")["requests"], [])

    def db(self):
        return sqlite3.connect(os.path.join(self.tmp.name, "s.db"))

    def as_insider(self, *statements):
        """What a database administrator could do: the append-only triggers dropped, then any SQL."""
        db = self.db()
        with db:
            db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
            db.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
            for s in statements:
                db.execute(s)
        db.close()

    def checkpoint_lines(self):
        with open(os.path.join(self.tmp.name, "audit-checkpoints.log")) as f:
            return f.read().splitlines()

    def write_checkpoint_lines(self, lines, end="\n"):
        with open(os.path.join(self.tmp.name, "audit-checkpoints.log"), "w") as f:
            f.write("\n".join(lines) + end)

    def codes(self, report):
        return [f["code"] for f in report["findings"]]

    def test_audit_verify_names_the_first_tampered_row(self):
        self.ctl.json("demo", "seed")
        good = self.ctl.json("audit", "verify")
        self.assertTrue(good["ok"])
        self.assertEqual(good["rows"], 13)
        self.assertEqual(good["first_keyed_seq"], 1)
        self.assertEqual(self.codes(good), ["audit-no-checkpoint-file"], "a warning only")
        self.as_insider("UPDATE audit_log SET details = 'edited' WHERE seq = 4")
        bad = self.ctl.json("audit", "verify", expect=1)
        self.assertFalse(bad["ok"])
        self.assertEqual(bad["error"]["code"], "audit-chain-broken")
        self.assertIn("row 4 changed", bad["error"]["message"])
        self.assertEqual(bad["findings"][0]["seq"], 4)
        code, out, err = self.ctl.run("audit", "verify")
        self.assertEqual(code, 1)
        self.assertIn("TAMPER: row 4 changed", err)

    def test_audit_checkpoints_clean_and_each_tamper(self):
        self.ctl.json("demo", "seed")
        first = self.ctl.json("audit", "checkpoint")
        self.assertTrue(first["written"])
        self.assertEqual(first["checkpoint"]["seq"], 13)
        self.assertFalse(self.ctl.json("audit", "checkpoint")["written"], "the head did not move")
        mode = os.stat(os.path.join(self.tmp.name, "audit-checkpoints.log")).st_mode & 0o777
        self.assertEqual(mode, 0o600)
        for key in ("audit.key", "audit-signing.key"):
            self.assertEqual(os.stat(os.path.join(self.tmp.name, key)).st_mode & 0o777, 0o600, key)
        public = self.ctl.json("audit", "public-key")["public_key"]
        self.assertEqual(len(public), 43)
        clean = self.ctl.json("audit", "verify", "--public-key", public)
        self.assertTrue(clean["ok"])
        self.assertEqual(clean["findings"], [])
        self.assertEqual(clean["checkpoints"], 1)
        self.assertEqual(clean["last_checkpoint"]["seq"], 13)
        code, out, _ = self.ctl.run("audit", "verify")
        self.assertEqual(code, 0)
        self.assertIn("The audit chain holds: 13 rows checked", out)

        # A checkpoint line altered.
        lines = self.checkpoint_lines()
        self.write_checkpoint_lines([lines[0].replace(" 13 ", " 12 ")])
        bad = self.ctl.json("audit", "verify", expect=1)
        self.assertEqual(self.codes(bad), ["audit-checkpoint-bad-signature"])
        self.assertIn("checkpoint line 1 bad signature", bad["error"]["message"])
        # Cut mid-line.
        self.write_checkpoint_lines([lines[0][:40]], end="")
        self.assertEqual(self.codes(self.ctl.json("audit", "verify", expect=1)), ["audit-checkpoint-malformed"])
        # Another public key than the one kept.
        self.write_checkpoint_lines(lines)
        other = public[:-2] + ("AA" if not public.endswith("AA") else "BA")
        self.assertEqual(self.codes(self.ctl.json("audit", "verify", "--public-key", other, expect=1)),
                         ["audit-checkpoint-bad-signature"])
        # The last rows deleted: only the checkpoint knows.
        self.as_insider("DELETE FROM audit_log WHERE seq > 6")
        gone = self.ctl.json("audit", "verify", expect=1)
        self.assertEqual(self.codes(gone), ["audit-rows-missing"])
        self.assertIn("rows after 6 missing: checkpoint at " + first["checkpoint"]["at"] + " saw head 13",
                      gone["error"]["message"])

    def test_audit_chain_recomputed_with_plain_sha256_is_caught(self):
        self.ctl.json("demo", "seed")
        self.as_insider("UPDATE audit_log SET details = 'edited' WHERE seq = 5")
        db = self.db()
        rows = db.execute("SELECT seq, at, actor, action, subject, details, hash FROM audit_log ORDER BY seq").fetchall()
        db.close()
        prev = rows[3][6]
        updates = []
        for seq, at, actor, action, subject, details, _ in rows[4:]:
            canonical = "".join("%d:%s" % (len(f.encode()), f) for f in
                                [str(seq), str(at), actor, action, subject, details, prev])
            link = hashlib.sha256(canonical.encode()).hexdigest()
            updates.append("UPDATE audit_log SET scheme = 'sha256', prev_hash = '%s', hash = '%s' WHERE seq = %d"
                           % (prev, link, seq))
            prev = link
        self.as_insider(*updates)
        bad = self.ctl.json("audit", "verify", expect=1)
        self.assertEqual(bad["findings"][0]["seq"], 5)
        self.assertIn("row 5 changed", bad["error"]["message"])

    def test_audit_refuses_to_run_without_its_key_once_rows_are_keyed(self):
        self.ctl.json("demo", "seed")
        os.remove(os.path.join(self.tmp.name, "audit.key"))
        bad = self.ctl.json("audit", "verify", expect=1)
        self.assertEqual(bad["error"]["code"], "audit-key-missing")
        self.assertIn("restore the key", bad["error"]["message"])
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "audit.key")))

if __name__ == "__main__":
    CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
