#!/usr/bin/env python3
"""sportello's HTTP API end to end: the real server binary on a free loopback port, a fresh SQLite file and
outbox key in a temporary folder, a test configuration with durations in seconds, and a real HTTP client.
PIN halves and codes are read where the courier delivered them: a real SMTP sink (aiosmtpd), an HTTP sink
standing for the SMS gateway, and the letters' PDFs (pdftotext) after `sportelloctl letters close-batch`; the
outbox table (without secrets) only says which messages to look for. Each fixture stops its server with SIGTERM and checks that
it exits 0 within a few seconds (the graceful stop).

Usage: test_api.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import base64
import concurrent.futures
import datetime
import hashlib
import hmac
import http.client
import json
import math
import os
import re
import signal
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zoneinfo

import backend
import sinks

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import gen_cf_reference as cf_reference  # noqa: E402  (an implementation independent of sportello's)

SERVER = None
CTL = None

API = "/api/v1"
STOP_WITHIN = 5.0          # seconds a SIGTERM'd server may take to exit
LOCKOUT_STEP = 2           # SPORTELLO_LOCKOUT_STEP in the test configuration
METRICS_TOKEN = "e2e-metrics-token-for-the-operators-0123"  # SPORTELLO_SERVER_METRICS_TOKEN
ROME = zoneinfo.ZoneInfo("Europe/Rome")
CLOCK_TIME = re.compile(r"\b\d\d:\d\d\b")
GOOD_TESSERA = "80380000001234567890"
TESSERA_EXPIRY = "2031-01-31"


# ---------------------------------------------------------------------------------------------- helpers

def totp(secret_base32, at=None):
    """RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    step = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


def told_times(before, after, wait):
    """The Rome clock times ("HH:MM") a server may announce for a block of `wait` seconds that began between the
    epoch seconds `before` and `after`: the block's end rounded up to the next whole minute."""
    times = set()
    for start in range(int(before), int(after) + 1):
        minute = -(-(start + wait) // 60) * 60
        times.add(datetime.datetime.fromtimestamp(minute, ROME).strftime("%H:%M"))
    return times


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers      # http.client.HTTPMessage: case-insensitive, get_all for repeats
        self.body = body            # bytes

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name)

    def __repr__(self):
        return "<%d %s>" % (self.status, self.body[:300])


def check_security_headers(reply):
    """Every answer, whatever its status, carries the browser hardening headers."""
    csp = reply.header("Content-Security-Policy") or ""
    assert "frame-ancestors 'none'" in csp, "no CSP frame-ancestors 'none' on %r: %r" % (reply, csp)
    assert reply.header("X-Content-Type-Options") == "nosniff", "no nosniff on %r" % (reply,)
    assert reply.header("Referrer-Policy"), "no Referrer-Policy on %r" % (reply,)


class Client:
    """A fresh connection per request (closed afterwards); checks the security headers of every answer."""

    def __init__(self, port, tls=False):
        self.port = port
        self.tls = tls  # HTTPS with the tests' own certificate: not verified
        self.host = "127.0.0.1:%d" % port
        self.origin = ("https://" if tls else "http://") + self.host
        self.sent = 0

    def connection(self):
        if self.tls:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                               context=ssl._create_unverified_context())
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, token=None, headers=None, raw=None,
                content_type="application/json"):
        hdrs = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = content_type
        if raw is not None:
            data = raw
            if content_type:
                hdrs["Content-Type"] = content_type
        if token:
            hdrs["Authorization"] = "Bearer " + token
        hdrs.update(headers or {})
        conn = self.connection()
        try:
            self.sent += 1
            conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            reply = Reply(r.status, r.headers, r.read())
        finally:
            conn.close()
        check_security_headers(reply)
        return reply

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body if body is not None else {}, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def headers_only(self, method, path, headers):
        """Sends only the request header (a client waiting for 100-continue would do this) and reads the answer."""
        conn = self.connection()
        try:
            self.sent += 1
            conn.putrequest(method, path)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.endheaders()
            r = conn.getresponse()
            reply = Reply(r.status, r.headers, r.read())
        finally:
            conn.close()
        check_security_headers(reply)
        return reply


class Server:
    """The real `sportello serve` on 127.0.0.1:0 with its own database, key and environment."""

    def __init__(self, database=None, listen="127.0.0.1:0", **settings):
        self.listen = listen  # a fixed port where the server must know its own address (SAML's metadata)
        self.tmp = tempfile.TemporaryDirectory(prefix="sportello-e2e-")
        folder = self.tmp.name
        # SQLite, or PostgreSQL with SPORTELLO_TEST_POSTGRES; or one the caller made (and drops), e.g. shared by nodes
        self._own_database = database is None
        self.database = database or backend.TestDatabase(folder)
        self.db = self.database.path  # the SQLite file; None on PostgreSQL
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPORTELLO_")}  # hermetic
        env.update({
            "SPORTELLO_DATABASE_URL": self.database.url,
            "SPORTELLO_OUTBOX_KEY_FILE": os.path.join(folder, "outbox.key"),
            "SPORTELLO_AUDIT_KEY_FILE": os.path.join(folder, "audit.key"),
            "SPORTELLO_AUDIT_SIGNING_KEY_FILE": os.path.join(folder, "audit-signing.key"),
            "SPORTELLO_AUDIT_CHECKPOINT_FILE": os.path.join(folder, "audit-checkpoints.log"),
            "SPORTELLO_LOCKOUT_STEP": "%ds" % LOCKOUT_STEP,
            "SPORTELLO_SERVER_METRICS_TOKEN": METRICS_TOKEN,
            "SPORTELLO_ARGON2_MEMORY_KIB": "8192",
            "SPORTELLO_ARGON2_ITERATIONS": "1",
            "SPORTELLO_SERVER_THROTTLE_PER_MINUTE": "6000",
            "SPORTELLO_SERVER_THROTTLE_BURST": "1000",
            # Issue 15's allowances are tested on their own (test_limits.py); here they are opened wide.
            "SPORTELLO_LIMITS_ADDRESS_PER_HOUR": "100000", "SPORTELLO_LIMITS_ADDRESS_BURST": "1000",
            "SPORTELLO_LIMITS_REQUESTS_PER_CODE": "1000", "SPORTELLO_LIMITS_RECOVERIES_PER_CODE": "1000",
            "SPORTELLO_LIMITS_RENEWALS_PER_CODE": "1000", "SPORTELLO_LIMITS_LETTERS_PER_HOLDER": "1000",
        })
        if os.environ.get("SPORTELLO_DATA_DIR"):
            env["SPORTELLO_REFERENCE_DATA_DIR"] = os.environ["SPORTELLO_DATA_DIR"]
        self.smtp = sinks.SmtpSink()
        self.sms = sinks.SmsSink()
        self.spool = os.path.join(folder, "letters")
        env.update({
            "SPORTELLO_EMAIL_URL": self.smtp.url, "SPORTELLO_EMAIL_TLS": "none",
            "SPORTELLO_SMS_URL": self.sms.url, "SPORTELLO_SMS_TOKEN": "e2e-token",
            "SPORTELLO_COURIER_POLL_INTERVAL": "1s", "SPORTELLO_COURIER_LEASE": "3s",
            "SPORTELLO_COURIER_BACKOFF_BASE": "1s", "SPORTELLO_COURIER_BACKOFF_MAX": "2s",
            "SPORTELLO_COURIER_MESSAGE_ID_DOMAIN": "e2e.sportello.test",
            "SPORTELLO_LETTERS_SPOOL_DIR": self.spool,
        })
        env.update({"SPORTELLO_" + k.upper(): str(v) for k, v in settings.items()})
        self.env = env
        self.stderr_path = os.path.join(folder, "stderr.txt")
        self._stderr = open(self.stderr_path, "ab")
        self._spawn()

    def _spawn(self):
        self.stdout_lines = []
        self.proc = subprocess.Popen([SERVER, "serve", "--listen", self.listen], cwd=self.tmp.name,
                                     env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._stderr)
        self._ready = threading.Event()
        self.port = None
        self.tls = False
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        if not self._ready.wait(30) or self.port is None:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError("sportello did not start: " + self.stderr())
        self.client = Client(self.port, tls=self.tls)
        if not hasattr(self, "_serial"):
            self._serial = 0
        self._stopped = None

    def kill_and_restart(self):
        """SIGKILL in the middle of whatever it does, then start again on the same database and sinks."""
        self.proc.kill()
        self.proc.wait()
        self._reader.join(5)
        self.proc.stdout.close()
        self._spawn()

    def start_again(self, **env):
        """After stop(): a new process with the same folder, keys and sinks, and these environment changes."""
        self.env.update(env)
        self._stderr = open(self.stderr_path, "ab")
        self._spawn()

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            if self.port is None and line.startswith(("sportello listening on http://",
                                                      "sportello listening on https://")):
                self.tls = line.startswith("sportello listening on https://")
                self.port = int(line.rsplit(":", 1)[1])
                self._ready.set()
        self._ready.set()

    def stderr(self):
        if not self._stderr.closed:
            self._stderr.flush()
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        """SIGTERM; returns (exit code or None when it did not exit in time, seconds taken). Idempotent."""
        if self._stopped is not None:
            return self._stopped
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(STOP_WITHIN)
        except subprocess.TimeoutExpired:
            code = None
            self.proc.kill()
            self.proc.wait()
        took = time.monotonic() - started
        self._reader.join(5)
        self.proc.stdout.close()
        self._stderr.close()
        self._stopped = (code, took)
        return self._stopped

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.smtp.cleanup()
        self.sms.cleanup()
        for f in (self.proc.stdout, self._stderr):
            if not f.closed:
                f.close()
        self.tmp.cleanup()
        if self._own_database:
            self.database.drop()

    # -- sportelloctl on the same database and key

    def ctl(self, *args, expect=0):
        done = subprocess.run([CTL, "--json", *args], capture_output=True, text=True, env=self.env,
                              cwd=self.tmp.name, timeout=60)
        assert done.returncode == expect, "sportelloctl %s: exit %d, stderr %r, stdout %r" % (
            args, done.returncode, done.stderr, done.stdout)
        return json.loads(done.stdout)

    def outbox(self):
        """The outbox rows: who, what kind, status, Message-ID; never the secrets."""
        return self.ctl("outbox", "list", "--limit", "100000")["messages"]

    def outbox_mark(self):
        return max([m["id"] for m in self.outbox()], default=0)

    def recoveries_matched(self):
        """Waits until the courier's round has matched every queued recovery (issue 15: a recovery is answered
        before its work, which the round does)."""
        def empty():
            return self.database.scalar("SELECT COUNT(*) FROM recovery_requests") == 0 or None
        sinks.wait_for(empty, what="queued recoveries to be matched")

    def messages_since(self, mark, *templates):
        """The messages queued after `mark`, each with "secret" and "text" read from where it was delivered:
        a list for one template, a tuple of lists for several."""
        if "recovery_link" in templates:
            self.recoveries_matched()
        fresh = [m for m in self.outbox() if m["id"] > mark and m["template"] in templates]
        if any(m["channel"] == "letter" and m["status"] == "pending" for m in fresh):
            self.ctl("letters", "close-batch")
        delivered = [self.delivered(m) for m in fresh]
        found = tuple([m for m in delivered if m["template"] == t] for t in templates)
        return found[0] if len(templates) == 1 else found

    LETTER_LABELS = ("Prima metà del nuovo PIN", "Seconda metà del nuovo PIN", "Prima metà del PIN",
                     "Seconda metà del PIN")

    def delivered(self, row):
        """The outbox row once the courier has sent it, with the text as received and the secret in it."""
        row = dict(row)
        if row["channel"] == "letter" and row["status"] != "sent":
            row = sinks.wait_for(lambda: next((m for m in self.outbox() if m["id"] == row["id"] and m["status"] == "sent"),
                                              None), what="letter %d to be printed" % row["id"])
        # The courier's Message-ID is a function of the row (message_id_for): wait at the sink, not on the table.
        row["message_id"] = "<outbox.%d.%s@e2e.sportello.test>" % (row["id"], hashlib.sha256(
            ("%s\n%s\n%s" % (row["event_key"], row["channel"], row["recipient"])).encode()).hexdigest()[:16])
        if row["channel"] in ("email", "pec"):
            mail = sinks.wait_for(lambda: next((m for m in self.smtp.mails() if m["Message-ID"] == row["message_id"]),
                                               None), what="the mail " + row["message_id"])
            row["mail"], row["text"] = mail, sinks.plain_text(mail)
            row["secret"] = sinks.secret_from_mail(row["template"], row["text"]) if self.carries_secret(row) else None
        elif row["channel"] == "sms":
            request = sinks.wait_for(lambda: next((r for r in self.sms.requests()
                                                   if r["body"]["reference"] == row["message_id"]), None),
                                     what="the SMS " + row["message_id"])
            row["sms"], row["text"] = request, request["body"]["text"]
            row["secret"] = sinks.secret_from_sms(row["text"]) if self.carries_secret(row) else None
        else:
            pdf = os.path.join(self.spool, row["batch"], "letters", "L%08d.pdf" % row["id"])
            row["pdf"], row["text"] = pdf, sinks.pdf_text(pdf)
            label = next((l for l in self.LETTER_LABELS if l in row["text"]), None)
            row["secret"] = sinks.secret_from_letter(row["text"], label) if label else None
        return row

    @staticmethod
    def carries_secret(row):
        return row["has_secret"] or row["template"] in ("pin_first_half", "pin_first_half_letter",
                                                        "pin_second_half_letter", "pin_second_half_activation",
                                                        "pin_renewed_first_half", "pin_renewed_second_half",
                                                        "recovery_link", "recovery_first_half", "recovery_second_half")

    def compute_cf(self, p):
        """The code of a person born at a Belfiore code, from the independent reference implementation in
        tests/tools (no process to start: the courier test makes hundreds of people)."""
        return cf_reference.codice_fiscale(p["surname"], p["name"], p["sex"],
                                           datetime.date.fromisoformat(p["birth_date"]), p["birth_place"])

    # -- people and staff

    SURNAMES = ["Rossi", "Bianchi", "Verdi", "Russo", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci",
                "Marino", "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi",
                "Moretti"]
    NAMES = [("Mario", "M"), ("Giulia", "F"), ("Luca", "M"), ("Anna", "F"), ("Paolo", "M"), ("Sara", "F"),
             ("Marco", "M"), ("Elena", "F"), ("Davide", "M"), ("Chiara", "F")]

    # The birth dates below repeat after 1,260 people; each round of them is born somewhere else (Roma, Milano,
    # Torino, Bologna, Palermo), so a long load (tests/ha/failover.py) keeps asking for new people.
    BIRTH_PLACES = ("H501", "F205", "L219", "A944", "G273")

    def person(self, with_contacts=True):
        """A new person (distinct in this server) with a computed codice fiscale, residence and contacts."""
        n = self._serial
        self._serial += 1
        name, sex = self.NAMES[n % len(self.NAMES)]
        p = {"surname": self.SURNAMES[n % len(self.SURNAMES)], "name": name, "sex": sex,
             "birth_date": "19%02d-%02d-%02d" % (50 + n % 45, 1 + n % 12, 1 + n % 28),
             "birth_place": self.BIRTH_PLACES[n // 1260 % len(self.BIRTH_PLACES)], "street": "Via Roma", "number": str(n + 1), "cap": "00100",
             "comune": "Roma", "province": "RM"}
        if with_contacts:
            p["mobile"] = "333%07d" % (1000000 + n)
            p["email"] = "%s.%s.%d@example.it" % (name.lower(), p["surname"].lower(), n)
        p["codice_fiscale"] = self.compute_cf(p)
        return p

    def staff(self, role, org=None):
        """A staff session ready to work: created by sportelloctl (a patronato operator with its organisation's
        code), logged in with password and TOTP, one-time password replaced (the same session goes on, its
        required action cleared). Returns the Bearer token."""
        self._serial += 1
        username = "%s%d" % (role.replace("_", ""), self._serial)
        if role == "patronato" and not org:  # an operator always works for an organisation
            org = "E2E"
            if not any(o["code"] == org for o in self.ctl("org", "list")["organisations"]):
                self.ctl("org", "add", "--code", org, "--name", "Patronato di prova")
        account = self.ctl("staff", "add", "--username", username, "--role", role, *(("--org", org) if org else ()))
        c = self.client
        login = c.post(API + "/staff/sessions", {"username": username, "password": account["password"],
                                                 "totp": totp(account["totp_secret"])})
        assert login.status == 201, login
        assert login.json()["required_action"] == "change_password", login
        token = login.json()["token"]
        # Until the password is replaced, the session reaches nothing else.
        refused = c.get(API + "/operator/pin-requests", token=token)
        assert refused.status == 403 and refused.json()["type"] == "/problems/action-required", refused
        changed = c.post(API + "/staff/password", {"current_password": account["password"],
                                                   "new_password": "a-long-new-password-" + username}, token=token)
        assert changed.status == 200, changed
        me = c.get(API + "/me", token=token)
        assert me.status == 200 and me.json()["required_action"] == "none" and me.json()["role"] == role, me
        return token


PERSONAL_PIN = "W7XQ2ZKJ"       # 8 letters and digits; no 4-run of any codice fiscale, no birth-date digits
OTHER_PERSONAL_PIN = "K4ZW9XQJ"


class ServerTestCase(unittest.TestCase):
    """A server for the whole class (or, with per_test, for each test); its graceful stop is checked at the end."""
    settings = {}
    per_test = False
    server = None

    @classmethod
    def _start(cls):
        cls.server = Server(**cls.settings)
        cls.c = cls.server.client
        cls._office = cls._contact_center = None

    @classmethod
    def _finish(cls):
        try:
            code, took = cls.server.stop()
            if code != 0:
                raise AssertionError("sportello exited %r %.1f s after SIGTERM (wanted 0 within %.0f s); stderr: %s"
                                     % (code, took, STOP_WITHIN, cls.server.stderr()))
        finally:
            cls.server.cleanup()

    @classmethod
    def setUpClass(cls):
        if not cls.per_test:
            cls._start()

    @classmethod
    def tearDownClass(cls):
        if not cls.per_test:
            cls._finish()

    def setUp(self):
        if self.per_test:
            type(self)._start()

    def tearDown(self):
        if self.per_test:
            type(self)._finish()

    # -- assertions

    def assertProblem(self, reply, status, code):
        self.assertEqual(reply.status, status, reply)
        self.assertTrue((reply.header("Content-Type") or "").startswith("application/problem+json"), reply.headers)
        body = reply.json()
        self.assertEqual(body["type"], "/problems/" + code, body)
        self.assertEqual(body["status"], status, body)
        self.assertTrue(body.get("title"), body)
        self.assertTrue(body.get("detail"), body)
        return body

    def retry_after(self, reply):
        value = reply.header("Retry-After")
        self.assertIsNotNone(value, "no Retry-After on %r" % (reply,))
        self.assertRegex(value, r"^[0-9]+$", "Retry-After must be whole seconds")
        return int(value)

    # -- steps many tests share

    def login(self, codice_fiscale, pin, expect=201):
        reply = self.c.post(API + "/sessions", {"codice_fiscale": codice_fiscale, "pin": pin})
        self.assertEqual(reply.status, expect, reply)
        return reply

    def office_holder(self, office_token=None):
        """A person whose 16-character PIN was issued at an office (state issued, level dispositivo)."""
        office_token = office_token or self.office_token()
        who = self.server.person()
        reply = self.c.post(API + "/operator/office-issuances",
                            dict(who, document_kind="carta_identita", document_number="CA12345AB"), token=office_token)
        self.assertEqual(reply.status, 201, reply)
        return who, reply.json()["pin"]

    def office_token(self):
        cls = type(self)
        if getattr(cls, "_office", None) is None:
            cls._office = self.server.staff("office")
        return cls._office

    def contact_center_token(self):
        cls = type(self)
        if getattr(cls, "_contact_center", None) is None:
            cls._contact_center = self.server.staff("contact_center")
        return cls._contact_center

    def set_personal_pin(self, codice_fiscale, issued_pin, personal=PERSONAL_PIN):
        """First access with the 16 characters, then the personal PIN; returns the (now free) session token."""
        token = self.login(codice_fiscale, issued_pin).json()["token"]
        changed = self.c.post(API + "/pin/change", {"current_pin": issued_pin, "new_pin": personal}, token=token)
        self.assertEqual(changed.status, 200, changed)
        return token


# ---------------------------------------------------------------------------------------------- the flows

class ApiTest(ServerTestCase):

    # 1
    def test_online_request_confirmed_by_contact_center_then_first_access_sets_the_personal_pin(self):
        c, s = self.c, self.server
        who = s.person()
        cf = who["codice_fiscale"]
        mark = s.outbox_mark()
        taken = c.post(API + "/pin-requests", who)
        self.assertEqual(taken.status, 202, taken)
        self.assertEqual(taken.json()["status"], "request-taken")

        first = s.messages_since(mark, "pin_first_half")
        self.assertEqual(len(first), 1, first)
        self.assertEqual(first[0]["channel"], "sms")
        self.assertEqual(first[0]["recipient"], "+39" + who["mobile"])
        self.assertEqual(len(first[0]["secret"]), 8)
        self.assertEqual(s.messages_since(mark, "pin_second_half_letter"), [])  # not before the confirmation

        operator = self.contact_center_token()
        queue = c.get(API + "/operator/pin-requests", token=operator)
        self.assertEqual(queue.status, 200, queue)
        rows = [r for r in queue.json()["requests"] if r["codice_fiscale"] == cf]
        self.assertEqual(len(rows), 1, queue.json())
        self.assertEqual((rows[0]["surname"], rows[0]["name"], rows[0]["overdue"]), (who["surname"], who["name"], False))

        confirmed = c.post(API + "/operator/pin-requests/%s/confirmation" % cf, token=operator)
        self.assertEqual(confirmed.status, 200, confirmed)
        self.assertEqual(confirmed.json()["status"], "confirmed")
        queue = c.get(API + "/operator/pin-requests", token=operator).json()["requests"]
        self.assertNotIn(cf, [r["codice_fiscale"] for r in queue])
        second = s.messages_since(mark, "pin_second_half_letter")
        self.assertEqual(len(second), 1, second)
        self.assertEqual(second[0]["channel"], "letter")
        self.assertIn(who["street"], second[0]["recipient"])
        issued = first[0]["secret"] + second[0]["secret"]

        opened = self.login(cf, issued).json()
        self.assertEqual(opened["required_action"], "set_pin")
        self.assertEqual(opened["level"], "ordinario")
        token = opened["token"]
        me = c.get(API + "/me", token=token)
        self.assertEqual(me.status, 200, me)
        self.assertEqual((me.json()["codice_fiscale"], me.json()["required_action"]), (cf, "set_pin"))
        self.assertProblem(c.post(API + "/pin/revocation", {"pin": issued}, token=token), 403, "action-required")

        changed = c.post(API + "/pin/change", {"current_pin": issued, "new_pin": PERSONAL_PIN}, token=token)
        self.assertEqual(changed.status, 200, changed)
        self.assertEqual(changed.json()["required_action"], "none")
        me = c.get(API + "/me", token=token).json()
        self.assertEqual((me["required_action"], me["pin_state"]), ("none", "active"))
        self.assertIn("pin_change_due", me)

        logout = c.delete(API + "/sessions/current", token=token)
        self.assertEqual(logout.status, 204, logout)
        self.assertEqual(logout.body, b"")
        self.assertEqual(c.get(API + "/me", token=token).status, 401)
        # The personal PIN is now the one that logs in.
        self.assertEqual(self.login(cf, PERSONAL_PIN).json()["required_action"], "none")

    # 2
    def test_lockout_a_wrong_pin_blocks_one_step_a_second_one_two_steps_and_the_right_pin_after_the_block_logs_in(self):
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        wrong = "AAAABBBBCCCCDDDD"
        reply = self.login(cf, wrong, expect=401)
        answered = time.monotonic()
        body = self.assertProblem(reply, 401, "wrong-pin")
        self.assertEqual(self.retry_after(reply), LOCKOUT_STEP)
        self.assertEqual(body["retry_after"], LOCKOUT_STEP)
        # During the block every attempt is refused without checking the PIN (even the right one) and does not count.
        for attempt in (wrong, pin):
            reply = self.login(cf, attempt, expect=423)
            self.assertProblem(reply, 423, "blocked")
            self.assertIn(self.retry_after(reply), range(1, LOCKOUT_STEP + 1))

        time.sleep(max(0.0, answered + LOCKOUT_STEP + 0.2 - time.monotonic()))
        reply = self.login(cf, wrong, expect=401)
        answered = time.monotonic()
        self.assertProblem(reply, 401, "wrong-pin")
        self.assertEqual(self.retry_after(reply), 2 * LOCKOUT_STEP)  # 3, 6, 9 ... minutes: here 2, 4 seconds
        reply = self.login(cf, pin, expect=423)
        self.assertIn(self.retry_after(reply), range(1, 2 * LOCKOUT_STEP + 1))

        time.sleep(max(0.0, answered + 2 * LOCKOUT_STEP + 0.2 - time.monotonic()))
        opened = self.login(cf, pin).json()
        self.assertEqual(opened["required_action"], "set_pin")
        # The right PIN reset the count: the next wrong one blocks for one step again.
        self.assertEqual(self.retry_after(self.login(cf, wrong, expect=401)), LOCKOUT_STEP)

    # 3
    def test_an_unknown_codice_fiscale_gets_the_same_answer_as_a_wrong_pin(self):
        who, _ = self.office_holder()
        unknown = self.server.person(with_contacts=False)["codice_fiscale"]  # well formed, never registered
        wrong = "AAAABBBBCCCCDDDD"
        known_reply = self.login(who["codice_fiscale"], wrong, expect=401)
        unknown_reply = self.login(unknown, wrong, expect=401)
        self.assertProblem(known_reply, 401, "wrong-pin")
        # status, type, title, detail, field, retry_after; the detail's clock time of the next try may tick over
        # to the next minute between the two requests, so it is compared apart (TypingAndLockoutTest checks it).
        masked = [dict(r.json(), detail=CLOCK_TIME.sub("HH:MM", r.json()["detail"])) for r in (known_reply, unknown_reply)]
        self.assertEqual(masked[0], masked[1])
        self.assertEqual(known_reply.header("Retry-After"), unknown_reply.header("Retry-After"))
        self.assertEqual(known_reply.header("Content-Type"), unknown_reply.header("Content-Type"))
        # And both are blocked alike.
        known_blocked = self.login(who["codice_fiscale"], wrong, expect=423).json()
        unknown_blocked = self.login(unknown, wrong, expect=423).json()
        for key in ("type", "title", "status"):
            self.assertEqual(known_blocked[key], unknown_blocked[key], key)
        self.assertEqual(CLOCK_TIME.sub("HH:MM", known_blocked["detail"]), CLOCK_TIME.sub("HH:MM", unknown_blocked["detail"]))

    # 4
    def test_a_cookie_session_needs_same_origin_and_the_csrf_token_for_unsafe_requests(self):
        c = self.c
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        opened = self.login(cf, pin).json()
        token, csrf = opened["token"], opened["csrf_token"]
        cookie = {"Cookie": "__Host-sportello=" + token}
        change = {"current_pin": pin, "new_pin": PERSONAL_PIN}

        def refused(headers, method="POST", path=API + "/pin/change"):
            reply = c.request(method, path, body=change if method == "POST" else None, headers=dict(cookie, **headers))
            self.assertProblem(reply, 403, "csrf-refused")

        refused({"Origin": c.origin})                                             # no X-CSRF-Token
        refused({"Origin": c.origin, "X-CSRF-Token": "0" * len(csrf)})            # someone else's token
        refused({"Origin": "http://evil.example", "X-CSRF-Token": csrf})          # foreign origin
        refused({"Origin": "http://127.0.0.1:1", "X-CSRF-Token": csrf})           # same host, other port
        refused({"X-CSRF-Token": csrf})                                           # neither Origin nor Referer
        refused({"Referer": "http://evil.example/page", "X-CSRF-Token": csrf})    # foreign referer
        refused({"Origin": c.origin}, method="DELETE", path=API + "/sessions/current")
        # A safe request needs neither.
        self.assertEqual(c.get(API + "/me", headers=cookie).status, 200)

        accepted = c.post(API + "/pin/change", change, headers=dict(cookie, **{"Origin": c.origin, "X-CSRF-Token": csrf}))
        self.assertEqual(accepted.status, 200, accepted)
        self.assertEqual(accepted.json()["required_action"], "none")
        # Referer stands in for a missing Origin.
        logout = c.delete(API + "/sessions/current",
                          headers=dict(cookie, **{"Referer": c.origin + "/area-riservata", "X-CSRF-Token": csrf}))
        self.assertEqual(logout.status, 204, logout)
        self.assertIn("Max-Age=0", logout.header("Set-Cookie") or "")
        self.assertEqual(c.get(API + "/me", headers=cookie).status, 401)

    def test_a_bearer_session_needs_no_csrf_token(self):
        c = self.c
        who, pin = self.office_holder()
        token = self.login(who["codice_fiscale"], pin).json()["token"]
        changed = c.post(API + "/pin/change", {"current_pin": pin, "new_pin": PERSONAL_PIN}, token=token,
                         headers={"Origin": "http://evil.example"})
        self.assertEqual(changed.status, 200, changed)
        self.assertEqual(c.delete(API + "/sessions/current", token=token).status, 204)
        self.assertEqual(c.get(API + "/me", token=token).status, 401)

    def test_the_login_cookie_is_host_prefixed_secure_httponly_and_samesite_lax(self):
        who, pin = self.office_holder()
        reply = self.login(who["codice_fiscale"], pin)
        cookies = reply.headers.get_all("Set-Cookie") or []
        self.assertEqual(len(cookies), 1, cookies)
        parts = [p.strip() for p in cookies[0].split(";")]
        name, _, value = parts[0].partition("=")
        self.assertEqual(name, "__Host-sportello")
        self.assertEqual(value, reply.json()["token"])
        attributes = {p.split("=", 1)[0].lower(): (p.split("=", 1) + [""])[1] for p in parts[1:]}
        self.assertIn("secure", attributes)
        self.assertIn("httponly", attributes)
        self.assertEqual(attributes.get("samesite", "").lower(), "lax")
        self.assertEqual(attributes.get("path"), "/")          # __Host- requires Path=/ ...
        self.assertNotIn("domain", attributes)                 # ... and no Domain

    # 5
    def test_an_oversize_body_gets_413_problem(self):
        reply = self.c.headers_only("POST", API + "/pin-requests", {
            "Host": self.c.host, "Content-Type": "application/json", "Content-Length": str(1024 * 1024 + 1),
            "Expect": "100-continue"})
        self.assertProblem(reply, 413, "body-too-large")

    def test_malformed_json_gets_400(self):
        reply = self.c.post(API + "/sessions", raw=b'{"codice_fiscale": "RSSMRA85T10H501O", "pin": ')
        self.assertProblem(reply, 400, "malformed-json")
        self.assertProblem(self.c.post(API + "/pin-requests", raw=b'["not", "an", "object"]'), 400, "malformed-json")

    def test_a_body_that_is_not_application_json_gets_415(self):
        form = self.c.post(API + "/sessions", raw=b"codice_fiscale=RSSMRA85T10H501O&pin=x",
                           content_type="application/x-www-form-urlencoded")
        self.assertProblem(form, 415, "unsupported-media-type")
        self.assertProblem(self.c.post(API + "/recoveries", raw=b"{}", content_type="text/plain"), 415,
                           "unsupported-media-type")

    def test_a_json_field_of_the_wrong_type_gets_400(self):
        body = self.assertProblem(self.c.post(API + "/sessions", {"codice_fiscale": 12345, "pin": "x"}), 400,
                                  "invalid-json-field")
        self.assertIn("codice_fiscale", body["detail"])
        who = self.server.person()
        self.assertProblem(self.c.post(API + "/pin-requests", dict(who, mobile=3331234567)), 400, "invalid-json-field")
        self.assertProblem(self.c.post(API + "/operator/revocations",
                                       {"codice_fiscale": who["codice_fiscale"], "identity_checked": "yes"},
                                       token=self.office_token()), 400, "invalid-json-field")

    def test_an_unknown_path_gets_404(self):
        self.assertProblem(self.c.get(API + "/nothing-here"), 404, "not-found")
        self.assertProblem(self.c.post(API + "/pin-requests/extra", {}), 404, "not-found")
        self.assertProblem(self.c.get("/api/v2/me"), 404, "not-found")

    def test_a_wrong_method_on_a_known_path_gets_405(self):
        self.assertProblem(self.c.get(API + "/sessions"), 405, "method-not-allowed")
        self.assertProblem(self.c.request("PUT", API + "/me", body={}), 405, "method-not-allowed")
        self.assertProblem(self.c.delete(API + "/pin-requests"), 405, "method-not-allowed")

    def test_a_405_answer_names_the_allowed_methods_in_allow(self):
        # RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response".
        reply = self.c.get(API + "/sessions")
        self.assertEqual(reply.status, 405)
        self.assertIsNotNone(reply.header("Allow"), "405 without an Allow header")
        self.assertIn("POST", [m.strip() for m in reply.header("Allow").split(",")])

    # 6
    def test_patronato_and_back_office_may_not_confirm_a_pin_request(self):
        c, s = self.c, self.server
        who = s.person()
        self.assertEqual(c.post(API + "/pin-requests", who).status, 202)
        cf = who["codice_fiscale"]
        for role in ("patronato", "back_office"):
            token = s.staff(role)
            self.assertProblem(c.post(API + "/operator/pin-requests/%s/confirmation" % cf, token=token), 403,
                               "role-forbidden")
            self.assertProblem(c.get(API + "/operator/pin-requests", token=token), 403, "role-forbidden")
        # Nothing moved: the request still waits for a contact-center operator.
        queue = c.get(API + "/operator/pin-requests", token=self.contact_center_token()).json()["requests"]
        self.assertIn(cf, [r["codice_fiscale"] for r in queue])

    def test_operator_endpoints_without_a_valid_session_answer_401(self):
        cf = self.server.person()["codice_fiscale"]
        self.assertProblem(self.c.post(API + "/operator/pin-requests/%s/confirmation" % cf), 401, "session-unknown")
        self.assertProblem(self.c.get(API + "/operator/pin-requests", token="not-a-session"), 401, "session-unknown")

    def test_only_an_office_operator_issues_a_pin_at_the_office(self):
        who = self.server.person()
        reply = self.c.post(API + "/operator/office-issuances",
                            dict(who, document_kind="passaporto", document_number="YA1234567"),
                            token=self.contact_center_token())
        self.assertProblem(reply, 403, "role-forbidden")

    def test_a_citizen_session_may_not_use_operator_endpoints(self):
        who, pin = self.office_holder()
        token = self.set_personal_pin(who["codice_fiscale"], pin)
        self.assertEqual(self.c.get(API + "/operator/pin-requests", token=token).status, 403)

    # 7
    def test_recovery_answers_alike_whether_or_not_the_contacts_match_and_link_plus_code_give_a_new_pin(self):
        c, s = self.c, self.server
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        old_session = self.login(cf, pin).json()["token"]
        stranger = s.person(with_contacts=False)["codice_fiscale"]
        mark = s.outbox_mark()
        matching = {"codice_fiscale": cf, "mobile": who["mobile"], "email": who["email"]}
        replies = [c.post(API + "/recoveries", body) for body in (
            dict(matching, email="someone.else@example.it"),   # one contact differs
            dict(matching, codice_fiscale=stranger),            # nobody holds a PIN with that code
            matching)]
        for reply in replies:
            self.assertEqual(reply.status, 202, reply)
            self.assertEqual(reply.body, replies[-1].body)
            self.assertEqual(reply.header("Content-Type"), replies[-1].header("Content-Type"))
        links = s.messages_since(mark, "recovery_link")
        self.assertEqual(len(links), 1, links)  # only the matching data sent a link
        self.assertEqual((links[0]["channel"], links[0]["recipient"]), ("email", who["email"]))
        link_token, code = links[0]["secret"].split(" ")

        restored = c.post(API + "/recoveries/confirm", {"token": link_token, "code": code})
        self.assertEqual(restored.status, 200, restored)
        self.assertEqual(restored.json()["status"], "pin-restored")
        self.assertNotEqual(c.post(API + "/recoveries/confirm", {"token": link_token, "code": code}).status, 200)
        first, second = s.messages_since(mark, "recovery_first_half", "recovery_second_half")
        self.assertEqual((len(first), len(second)), (1, 1))
        self.assertEqual((first[0]["channel"], second[0]["channel"]), ("sms", "email"))
        # The sessions of the old PIN ended; the new one logs in at the level the PIN had.
        self.assertEqual(c.get(API + "/me", token=old_session).status, 401)
        opened = self.login(cf, first[0]["secret"] + second[0]["secret"]).json()
        self.assertEqual((opened["required_action"], opened["level"]), ("set_pin", "dispositivo"))
        self.assertProblem(self.login(cf, pin, expect=401), 401, "wrong-pin")

    # 8
    def test_phone_request_then_online_activation_with_the_tessera_sends_the_second_half(self):
        c, s = self.c, self.server
        who = s.person(with_contacts=False)
        cf = who["codice_fiscale"]
        mark = s.outbox_mark()
        registered = c.post(API + "/operator/phone-requests",
                            dict(who, tessera_number=GOOD_TESSERA, tessera_expiry=TESSERA_EXPIRY),
                            token=self.contact_center_token())
        self.assertEqual(registered.status, 201, registered)
        letters = s.messages_since(mark, "pin_first_half_letter")
        self.assertEqual(len(letters), 1, letters)
        self.assertEqual(letters[0]["channel"], "letter")
        self.assertEqual(len(letters[0]["secret"]), 8)

        proof = {"codice_fiscale": cf, "tessera_number": GOOD_TESSERA, "tessera_expiry": TESSERA_EXPIRY}
        review = c.post(API + "/activations/review", proof)
        self.assertEqual(review.status, 200, review)
        self.assertEqual((review.json()["surname"], review.json()["name"], review.json()["birth_date"]),
                         (who["surname"], who["name"], who["birth_date"]))
        self.assertProblem(c.post(API + "/activations/review", dict(proof, tessera_number="80380000009999999999")),
                           401, "activation-data-mismatch")

        email = "attivazione.%s@example.it" % cf.lower()
        activated = c.post(API + "/activations", dict(proof, mobile="3479876543", email=email,
                                                      send_second_half_to="email"))
        self.assertEqual(activated.status, 200, activated)
        self.assertEqual(activated.json()["status"], "activated")
        second = s.messages_since(mark, "pin_second_half_activation")
        self.assertEqual(len(second), 1, second)
        self.assertEqual((second[0]["channel"], second[0]["recipient"]), ("email", email))
        opened = self.login(cf, letters[0]["secret"] + second[0]["secret"]).json()
        self.assertEqual(opened["required_action"], "set_pin")

    # 9
    def test_office_issuance_gives_the_full_pin_at_level_dispositivo(self):
        who = self.server.person()
        reply = self.c.post(API + "/operator/office-issuances",
                            dict(who, document_kind="passaporto", document_number="YA7654321"),
                            token=self.office_token())
        self.assertEqual(reply.status, 201, reply)
        issued = reply.json()
        self.assertEqual(len(issued["pin"]), 16)
        self.assertEqual(issued["level"], "dispositivo")
        self.assertIn("first_access_before", issued)
        opened = self.login(who["codice_fiscale"], issued["pin"]).json()
        self.assertEqual((opened["level"], opened["required_action"]), ("dispositivo", "set_pin"))
        me = self.c.get(API + "/me", token=opened["token"]).json()
        self.assertEqual((me["level"], me["pin_state"]), ("dispositivo", "issued"))

    def online_holder(self):
        """A person with an ordinario PIN from an online request, confirmed, with the personal PIN set."""
        c, s = self.c, self.server
        who = s.person()
        mark = s.outbox_mark()
        self.assertEqual(c.post(API + "/pin-requests", who).status, 202)
        confirmed = c.post(API + "/operator/pin-requests/%s/confirmation" % who["codice_fiscale"],
                           token=self.contact_center_token())
        self.assertEqual(confirmed.status, 200, confirmed)
        first, second = s.messages_since(mark, "pin_first_half", "pin_second_half_letter")
        return who, self.set_personal_pin(who["codice_fiscale"], first[0]["secret"] + second[0]["secret"])

    def test_dispositivo_form_then_one_uploaded_file_then_back_office_approval_raises_the_level(self):
        c, s = self.c, self.server
        who, token = self.online_holder()
        form = c.get(API + "/dispositivo/form.pdf", token=token)
        self.assertEqual(form.status, 200, form)
        self.assertEqual(form.header("Content-Type"), "application/pdf")
        self.assertTrue(form.body.startswith(b"%PDF-"))
        boundary = "sportello-e2e-boundary"
        def multipart(data, field="document"):
            return (("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"modulo.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n" % (boundary, field)).encode() + data +
                    ("\r\n--%s--\r\n" % boundary).encode())
        content_type = "multipart/form-data; boundary=" + boundary
        too_big = c.request("POST", API + "/dispositivo-requests", token=token, content_type=content_type,
                            raw=multipart(b"%PDF-1.4\n" + b"x" * (1024 * 1024)))
        self.assertProblem(too_big, 422, "document-too-large")
        self.assertIn("1 MB", too_big.json()["detail"])
        wrong_type = c.request("POST", API + "/dispositivo-requests", token=token, content_type=content_type,
                               raw=multipart(b"GIF89a not a document"))
        self.assertProblem(wrong_type, 422, "document-type")
        wrong_field = c.request("POST", API + "/dispositivo-requests", token=token, content_type=content_type,
                                raw=multipart(form.body, field="file"))
        self.assertProblem(wrong_field, 422, "document-count")
        sent = c.request("POST", API + "/dispositivo-requests", token=token, content_type=content_type,
                         raw=multipart(form.body))
        self.assertEqual(sent.status, 201, sent)
        request_id = sent.json()["id"]
        reviewer = s.staff("back_office")
        queue = c.get(API + "/operator/dispositivo-requests", token=reviewer).json()["requests"]
        self.assertIn(request_id, [r["id"] for r in queue])
        document = c.get(API + "/operator/dispositivo-requests/%d/document" % request_id, token=reviewer)
        self.assertEqual((document.status, document.body), (200, form.body))
        self.assertEqual(c.get(API + "/operator/dispositivo-requests/%dabc/document" % request_id,
                               token=reviewer).status, 404)
        approved = c.post(API + "/operator/dispositivo-requests/%d/approval" % request_id, token=reviewer)
        self.assertEqual(approved.status, 200, approved)
        self.assertEqual(self.login(who["codice_fiscale"], PERSONAL_PIN).json()["level"], "dispositivo")

    # 10
    def test_revocation_by_the_holder_ends_every_session_of_the_holder(self):
        c, s = self.c, self.server
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        first = self.set_personal_pin(cf, pin)
        second = self.login(cf, PERSONAL_PIN).json()["token"]
        self.assertProblem(c.post(API + "/pin/revocation", {"pin": OTHER_PERSONAL_PIN}, token=second), 401, "wrong-pin")
        self.assertEqual(c.get(API + "/me", token=first).status, 200)
        mark = s.outbox_mark()
        revoked = c.post(API + "/pin/revocation", {"pin": PERSONAL_PIN}, token=second)
        self.assertEqual(revoked.status, 200, revoked)
        self.assertEqual(revoked.json()["status"], "revoked")
        self.assertEqual(c.get(API + "/me", token=first).status, 401)
        self.assertEqual(c.get(API + "/me", token=second).status, 401)
        self.assertEqual(len(s.messages_since(mark, "pin_revoked")), 1)
        self.assertProblem(self.login(cf, PERSONAL_PIN, expect=403), 403, "pin-revoked")

    # 13
    def test_health_readiness_and_metrics_answer(self):
        c = self.c
        alive = c.get("/healthz")
        self.assertEqual((alive.status, alive.json()), (200, {"status": "alive"}))
        ready = c.get("/readyz")
        self.assertEqual((ready.status, ready.json()), (200, {"status": "ready"}))
        self.login(self.server.person(with_contacts=False)["codice_fiscale"], "AAAABBBBCCCCDDDD", expect=401)
        metrics = c.get("/metrics", token=METRICS_TOKEN)
        self.assertEqual(metrics.status, 200)
        self.assertTrue(metrics.header("Content-Type").startswith("text/plain"), metrics.headers)
        text = metrics.body.decode()
        for name in ("sportello_http_requests_total", "sportello_logins_total", "sportello_hash_queue_depth"):
            self.assertIn(name, text)
        wrong = [line for line in text.splitlines() if line.startswith('sportello_logins_total{outcome="wrong"}')]
        self.assertEqual(len(wrong), 1, text)
        self.assertGreaterEqual(float(wrong[0].split()[-1]), 1)
        self.assertIn('route="GET /healthz",status="200"', text)

    def test_metrics_are_read_only_with_the_operators_token_and_nothing_public_moves_with_a_recovery(self):
        """Issue 15: /metrics showed the outbox backlog grow after a matching recovery, so anyone could learn that
        a codice fiscale's contacts matched. Now the metrics need the operators' bearer token, and what a
        stranger can read stays byte for byte the same across a citizen's recovery."""
        c = self.c
        for headers in ({}, {"Authorization": "Bearer " + METRICS_TOKEN[:-1] + "x"},
                        {"Authorization": "Bearer " + METRICS_TOKEN + "x"}, {"Authorization": METRICS_TOKEN}):
            refused = c.get("/metrics", headers=headers)
            self.assertEqual(refused.status, 401, headers)
            self.assertEqual(refused.header("WWW-Authenticate"), "Bearer")
            self.assertNotIn(b"sportello_", refused.body)

        def public():
            return [(r.status, r.body) for r in (c.get("/healthz"), c.get("/readyz"), c.get("/metrics"))]

        who, _ = self.office_holder()
        before = public()
        reply = c.post(API + "/recoveries", {"codice_fiscale": who["codice_fiscale"], "mobile": who["mobile"],
                                             "email": who["email"]})
        self.assertEqual(reply.status, 202, reply)
        self.assertEqual(public(), before)

    def test_every_answer_carries_the_security_headers(self):
        c = self.c
        who, pin = self.office_holder()
        token = self.login(who["codice_fiscale"], pin).json()["token"]
        replies = [c.get("/healthz"), c.get("/metrics", token=METRICS_TOKEN), c.get(API + "/me", token=token),
                   c.delete(API + "/sessions/current", token=token), c.get(API + "/me"), c.get("/nowhere"),
                   c.get(API + "/sessions"), c.post(API + "/sessions", raw=b"{", content_type="application/json"),
                   c.post(API + "/sessions", raw=b"x", content_type="text/plain"),
                   c.post(API + "/sessions", {"codice_fiscale": "XXX", "pin": "x"}),
                   c.headers_only("POST", API + "/sessions", {"Host": c.host, "Content-Type": "application/json",
                                                             "Content-Length": str(64 * 1024 * 1024)})]
        self.assertEqual(sorted({r.status for r in replies}),
                         [200, 204, 400, 401, 404, 405, 413, 415, 422])
        for reply in replies:
            check_security_headers(reply)
            self.assertIn("frame-ancestors 'none'", reply.header("Content-Security-Policy"))
            self.assertEqual(reply.header("X-Content-Type-Options"), "nosniff")
            self.assertEqual(reply.header("Referrer-Policy"), "same-origin")


# 11
class RenewalTest(ServerTestCase):
    settings = {"pin_activation_window": "5s"}

    def test_an_issued_pin_unused_past_the_window_expires_and_renewal_with_it_sends_new_halves(self):
        c, s = self.c, self.server
        who, pin = self.office_holder()
        issued = time.monotonic()
        cf = who["codice_fiscale"]
        time.sleep(max(0.0, issued + 5.2 - time.monotonic()))
        self.assertProblem(self.login(cf, pin, expect=410), 410, "pin-expired")
        mark = s.outbox_mark()
        renewed = c.post(API + "/pin-renewals", {"codice_fiscale": cf, "expired_pin": pin})
        self.assertEqual(renewed.status, 202, renewed)
        self.assertEqual(renewed.json()["status"], "renewal-taken")
        # Within the 5-second window of the renewed PIN from here on: one outbox read, delivery, then the login.
        first, second = s.messages_since(mark, "pin_renewed_first_half", "pin_renewed_second_half")
        self.assertEqual((len(first), len(second)), (1, 1))
        self.assertEqual((first[0]["channel"], second[0]["channel"]), ("sms", "email"))
        opened = self.login(cf, first[0]["secret"] + second[0]["secret"]).json()
        self.assertEqual((opened["required_action"], opened["level"]), ("set_pin", "dispositivo"))

    def test_a_pin_that_has_not_expired_is_not_renewed(self):
        who, pin = self.office_holder()
        reply = self.c.post(API + "/pin-renewals", {"codice_fiscale": who["codice_fiscale"], "expired_pin": pin})
        self.assertProblem(reply, 409, "pin-not-expired")


# 12
class ThrottleTest(ServerTestCase):
    settings = {"server_throttle_burst": 3, "server_throttle_per_minute": 1}

    def test_the_fourth_login_attempt_in_a_row_from_one_address_gets_429_with_retry_after(self):
        cf = self.server.person(with_contacts=False)["codice_fiscale"]
        replies = [self.c.post(API + "/sessions", {"codice_fiscale": cf, "pin": "AAAABBBBCCCCDDDD"}) for _ in range(4)]
        for reply in replies[:3]:
            self.assertIn(reply.status, (401, 423), reply)  # wrong PIN, then blocked: not throttled
        self.assertEqual(replies[3].status, 429, replies[3])
        self.assertProblem(replies[3], 429, "throttled")
        self.assertGreaterEqual(self.retry_after(replies[3]), 1)
        # Endpoints that check no secret are not throttled.
        self.assertEqual(self.c.get("/healthz").status, 200)


# 15
class LockoutLifecycleTest(ServerTestCase):
    """Issue 15: every submitted code has one counter lifecycle, so a holder's code and a code nobody holds
    answer alike across the whole cycle (block, wait, the server's purge, a second wrong PIN, a day without one),
    here with a 1 s step, a 5 s day and the purge every second."""
    STEP, DAY = 1, 5
    settings = {"lockout_step": "%ds" % STEP, "lockout_reset_after": "%ds" % DAY, "lockout_purge_every": "1s"}

    def same_answers(self, replies):
        bodies = [dict(r.json(), detail=CLOCK_TIME.sub("HH:MM", r.json()["detail"])) for r in replies]
        self.assertEqual(bodies[0], bodies[1], "a holder and a stranger must read the same answer")
        self.assertEqual(len(replies[0].body), len(replies[1].body))
        return [r.header("Retry-After") for r in replies]

    def attempt_both(self, codes, expect):
        replies = [self.login(cf, "AAAABBBBCCCCDDDD", expect=expect) for cf in codes]
        return self.same_answers(replies), time.monotonic()

    def both_at_once(self, codes, expect):
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(codes)) as pool:
            replies = list(pool.map(lambda cf: self.server.client.post(
                API + "/sessions", {"codice_fiscale": cf, "pin": "AAAABBBBCCCCDDDD"}), codes))
        for reply in replies:
            self.assertEqual(reply.status, expect, reply)
        return replies

    def wrong_then_blocked_both(self, codes):
        """A wrong PIN at both codes at once, then another try at both while blocked. The server's clock counts
        whole seconds, so a wait depends on where the second boundaries fall: the wrong PINs are sent just after a
        whole second of the wall clock (the server's, on this machine) and the blocked tries in the middle of the
        next second, so both remaining waits are exactly one second shorter than the block."""
        time.sleep(math.ceil(time.time()) - time.time() + 0.02)
        second = math.floor(time.time())
        wrong = self.both_at_once(codes, 401)
        self.assertLess(time.time(), second + 1.4, "a wrong PIN must be answered within the next second")
        time.sleep(max(0.0, second + 1.5 - time.time()))
        blocked = self.both_at_once(codes, 423)
        return self.same_answers(wrong), self.same_answers(blocked), time.monotonic()

    def test_a_holder_and_a_stranger_get_identical_answers_through_the_whole_cycle(self):
        who, _ = self.office_holder()
        stranger = self.server.person(with_contacts=False)["codice_fiscale"]  # well formed, never registered
        codes = [who["codice_fiscale"], stranger]
        sequence = []
        # The first wrong PIN blocks one step.
        after, at = self.attempt_both(codes, 401)
        sequence.append(after)
        # Past the block and past a purge of the server, well within the day: the second blocks two steps.
        time.sleep(max(0.0, at + self.STEP + 1.5 - time.monotonic()))
        after, blocked, at = self.wrong_then_blocked_both(codes)
        sequence.append(after)
        self.assertEqual(blocked, [str(2 * self.STEP - 1)] * 2)
        # A day (here 5 s) without a wrong PIN after the block: both counts are forgotten, one step again.
        time.sleep(max(0.0, at + 2 * self.STEP + self.DAY + 1.2 - time.monotonic()))
        after, _ = self.attempt_both(codes, 401)
        sequence.append(after)
        self.assertEqual(sequence, [[str(self.STEP)] * 2, [str(2 * self.STEP)] * 2, [str(self.STEP)] * 2])


class StaffLockoutTest(ServerTestCase):
    """Issue 15: failed staff logins are audited, a few are free, then each waits longer, and the limit locks the
    account until an administrator runs `sportelloctl staff unlock`; an unknown username gets the same answers.
    Here 1 free failure, a 1 s step and a limit of 4."""
    settings = {"staff_lockout_free": 1, "staff_lockout_step": "1s", "staff_lockout_limit": 4}

    def attempt(self, username, password, code="000000"):
        return self.c.post(API + "/staff/sessions", {"username": username, "password": password, "totp": code})

    def test_known_and_unknown_usernames_wait_then_lock_alike_until_unlocked(self):
        account = self.server.ctl("staff", "add", "--username", "sede.bianchi", "--role", "office")
        answers = {}
        for username in ("sede.bianchi", "nessuno"):
            seen = []
            for _ in range(3):
                reply = self.attempt(username, "not-the-password")
                seen.append((reply.status, reply.json()["type"], reply.header("Retry-After")))
                time.sleep(int(reply.header("Retry-After") or 0) + 0.2)
            locked = self.attempt(username, "not-the-password")
            seen.append((locked.status, locked.json()["type"], locked.header("Retry-After")))
            answers[username] = seen
        self.assertEqual(answers["sede.bianchi"], answers["nessuno"])
        self.assertEqual([a[2] for a in answers["nessuno"]], [None, "1", "2", None])
        self.assertEqual(answers["nessuno"][-1][:2], (423, "/problems/staff-locked"))
        # Locked: the right password and code are refused too.
        right = self.attempt("sede.bianchi", account["password"], totp(account["totp_secret"]))
        self.assertEqual((right.status, right.json()["type"]), (423, "/problems/staff-locked"))
        failed = [e for e in self.server.ctl("audit", "list", "--limit", "1000")["rows"]
                  if e["action"] == "staff.login-failed"]
        self.assertEqual(len(failed), 8, "every counted failure, known or unknown username")
        self.assertEqual(self.server.ctl("staff", "unlock", "--username", "nessuno", expect=1)["error"]["code"],
                         "staff-not-found")
        self.server.ctl("staff", "unlock", "--username", "sede.bianchi")
        opened = self.attempt("sede.bianchi", account["password"], totp(account["totp_secret"]))
        self.assertEqual(opened.status, 201, opened)


# 14
class RequestLogTest(ServerTestCase):
    per_test = True

    def secrets_and_requests(self):
        """Drives requests that carry a codice fiscale, PINs and tokens; returns the strings to look for."""
        c, s = self.c, self.server
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        opened = self.login(cf, pin).json()
        token, csrf = opened["token"], opened["csrf_token"]
        c.get(API + "/me", token=token)
        c.post(API + "/pin/change", {"current_pin": pin, "new_pin": PERSONAL_PIN},
               headers={"Cookie": "__Host-sportello=" + token, "Origin": c.origin, "X-CSRF-Token": csrf})
        c.delete(API + "/sessions/current", token=token)
        self.login(cf, OTHER_PERSONAL_PIN, expect=401)
        c.get(API + "/operator/pin-requests/%s/confirmation" % cf)   # the code in a path (405)
        c.get("/nothing?codice_fiscale=%s&pin=%s" % (cf, PERSONAL_PIN))  # and in a query (404)
        other = s.person()
        c.post(API + "/pin-requests", other)
        return [cf, cf.lower(), other["codice_fiscale"], pin, pin[:8], pin[8:], PERSONAL_PIN, OTHER_PERSONAL_PIN,
                token, csrf]

    def log_lines(self):
        code, took = self.server.stop()
        self.assertEqual(code, 0, "exit %r after %.1f s; stderr %s" % (code, took, self.server.stderr()))
        lines = list(self.server.stdout_lines)
        self.assertTrue(lines and lines[0].startswith("sportello listening on http://127.0.0.1:"), lines[:1])
        records = []
        for line in lines[1:]:
            record = json.loads(line)  # every line after the banner is one JSON object
            self.assertIsInstance(record, dict, line)
            records.append(record)
        return lines, records

    def test_the_request_log_is_one_json_line_per_request_without_codice_fiscale_pin_or_token(self):
        c = self.c
        secrets = self.secrets_and_requests()
        # An idle keep-alive connection stays open across the SIGTERM: the stop must not wait for it.
        idle = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        idle.request("GET", "/healthz")
        idle.getresponse().read()
        sent = c.sent + 1
        lines, records = self.log_lines()
        idle.close()
        requests = [r for r in records if r.get("msg") == "request"]
        self.assertEqual(len(requests), sent, "request lines %d, requests sent %d" % (len(requests), sent))
        for r in requests:
            for key in ("time", "level", "method", "route", "status", "duration_us", "client"):
                self.assertIn(key, r)
        for line in lines:
            for secret in secrets:
                self.assertNotIn(secret, line)

    def test_a_request_refused_for_its_size_is_logged_too(self):
        c = self.c
        c.get("/healthz")
        reply = c.headers_only("POST", API + "/pin-requests", {"Host": c.host, "Content-Type": "application/json",
                                                               "Content-Length": str(2 * 1024 * 1024)})
        self.assertEqual(reply.status, 413)
        _, records = self.log_lines()
        # Both lines, in either order: the two connections' lines are written by different threads.
        statuses = sorted(r["status"] for r in records if r.get("msg") == "request")
        self.assertEqual(statuses, [200, 413])


# 15
class TypingAndLockoutTest(ServerTestCase):
    """Issue 14: a PIN typed with a separator between its halves and a codice fiscale typed in groups work on
    every endpoint; the first wrong PIN says when the next try is possible; recovery matches contacts as people
    type them, only its newest link works, and a completed one starts the lockout count afresh."""
    STEP = 60
    settings = {"lockout_step": "%ds" % STEP}  # long enough that a recovery completes within the block

    def test_twenty_parallel_wrong_pins_at_one_code_check_one_pin(self):
        who, _ = self.office_holder()
        cf = who["codice_fiscale"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(lambda _: self.server.client.post(
                API + "/sessions", {"codice_fiscale": cf, "pin": "AAAABBBBCCCCDDDD"}).status, range(20)))
        # (Issue 15.) One try was counted and checked; the others found the code blocked before any PIN was checked.
        self.assertEqual(statuses.count(401), 1, statuses)
        self.assertEqual(statuses.count(423), 19, statuses)

    @staticmethod
    def in_groups(cf):
        return " ".join((cf[:3], cf[3:6], cf[6:11], cf[11:])).lower()

    def test_a_pin_typed_in_halves_and_a_codice_fiscale_in_groups_work_on_every_endpoint(self):
        c = self.c
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        opened = self.login(self.in_groups(cf), pin[:8] + " " + pin[8:]).json()
        self.assertEqual(opened["required_action"], "set_pin")
        changed = c.post(API + "/pin/change", {"current_pin": pin[:8].lower() + " - " + pin[8:],
                                               "new_pin": PERSONAL_PIN[:4] + " " + PERSONAL_PIN[4:]},
                         token=opened["token"])
        self.assertEqual(changed.status, 200, changed)
        token = self.login(cf.lower(), PERSONAL_PIN[:4] + "\u00a0" + PERSONAL_PIN[4:]).json()["token"]
        revoked = c.post(API + "/pin/revocation", {"pin": PERSONAL_PIN[:4] + "\u2013" + PERSONAL_PIN[4:]}, token=token)
        self.assertEqual(revoked.status, 200, revoked)
        # docs/openapi.yaml: "case and spaces do not matter" in a codice fiscale, on every endpoint.
        other = self.server.person()
        requested = c.post(API + "/pin-requests", dict(other, codice_fiscale=self.in_groups(other["codice_fiscale"])))
        self.assertEqual(requested.status, 202, requested)
        started = c.post(API + "/recoveries", {"codice_fiscale": "RSS MRA 85T10 H501O", "mobile": "333 1234567",
                                               "email": "mario@example.it"})
        self.assertEqual(started.status, 202, started)

    def test_the_first_wrong_pin_says_when_the_next_try_is_possible_and_an_unknown_code_is_told_the_same(self):
        who, _ = self.office_holder()
        unknown = self.server.person(with_contacts=False)["codice_fiscale"]
        wrong = "AAAABBBBCCCCDDDD"
        before = time.time()
        replies = [self.login(who["codice_fiscale"], wrong, expect=401), self.login(unknown, wrong, expect=401)]
        after = time.time()
        for reply in replies:
            body = self.assertProblem(reply, 401, "wrong-pin")
            self.assertEqual((body["retry_after"], self.retry_after(reply)), (self.STEP, self.STEP))  # as before
            told = re.search(r"next try is possible in 1 minute, at (\d\d:\d\d) \(Italian time\)", body["detail"])
            self.assertIsNotNone(told, body)
            self.assertIn(told.group(1), told_times(before, after, self.STEP))
        blocked = [self.login(who["codice_fiscale"], wrong, expect=423), self.login(unknown, wrong, expect=423)]
        after = time.time()
        for reply in blocked:
            body = self.assertProblem(reply, 423, "blocked")
            told = re.search(r"try again in 1 minute, at (\d\d:\d\d) \(Italian time\)", body["detail"])
            self.assertIsNotNone(told, body)
            self.assertIn(told.group(1), told_times(before, after, self.STEP))  # the same block, the same time
        self.assertEqual(*[CLOCK_TIME.sub("HH:MM", r.json()["detail"]) for r in blocked])

    def test_recovery_matches_contacts_as_typed_and_only_the_newest_link_gives_a_pin_which_resets_the_lockout(self):
        c, s = self.c, self.server
        who, pin = self.office_holder()
        cf, mobile, email = who["codice_fiscale"], who["mobile"], who["email"]
        self.assertProblem(self.login(cf, "AAAABBBBCCCCDDDD", expect=401), 401, "wrong-pin")
        mark = s.outbox_mark()
        writings = [{"mobile": "+39 %s-%s %s" % (mobile[:3], mobile[3:6], mobile[6:]), "email": email.upper()},
                    {"mobile": "0039" + mobile, "email": email.title()}]
        for typed in writings:
            started = c.post(API + "/recoveries", dict(typed, codice_fiscale=self.in_groups(cf)))
            self.assertEqual(started.status, 202, started)
        links = sorted(s.messages_since(mark, "recovery_link"), key=lambda m: m["id"])
        self.assertEqual(len(links), 2, "a capital letter or another writing of the number must still match")
        for link in links:
            self.assertEqual(link["recipient"], email)
            self.assertRegex(link["text"], r"(valgono|work for) 30 minut")
        (old_token, old_code), (new_token, new_code) = [link["secret"].split(" ") for link in links]
        self.assertProblem(c.post(API + "/recoveries/confirm", {"token": old_token, "code": old_code}), 410,
                           "recovery-link-used")
        restored = c.post(API + "/recoveries/confirm", {"token": new_token, "code": new_code[:4] + " " + new_code[4:]})
        self.assertEqual(restored.status, 200, restored)
        self.assertProblem(c.post(API + "/recoveries/confirm", {"token": old_token, "code": old_code}), 410,
                           "recovery-link-used")
        first, second = s.messages_since(mark, "recovery_first_half", "recovery_second_half")
        self.assertEqual((len(first), len(second)), (1, 1), "one recovery, one new PIN")
        # Well within the block the wrong PIN started: the recovered PIN logs in at once.
        opened = self.login(cf, first[0]["secret"] + " " + second[0]["secret"]).json()
        self.assertEqual(opened["required_action"], "set_pin")


if __name__ == "__main__":
    SERVER = os.path.abspath(sys.argv.pop(1))
    CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
