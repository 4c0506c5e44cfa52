#!/usr/bin/env python3
"""Issue 15, "Crash safety under every flow": the real `sportello serve` is killed with SIGKILL at a random
moment (0.5 to 3 s) of a burst of every kind of flow, several times over on the same database, and what it
leaves behind must hold whatever the moment was:

- the database is whole (PRAGMA integrity_check, foreign_key_check) and `sportelloctl audit verify` passes
  (a checkpoint that lags behind the head after a SIGKILL is a warning, never a tamper);
- no flow is half-written: every state (a credential's, a session, a staff account's, an application's, a
  recovery ticket, a print batch) has the audit row and the outbox messages of the flow that made it, and
  every audit row and message has its state (each flow writes them in one transaction);
- every answer the clients got (2xx, read whole) is still true: the request number, the session token, the
  revocation, the application with its protocol and receipt, the staff login, ...;
- the restarted server serves: /healthz, a login, the recovery queue drained, every waiting letter printed.

The burst: one thread per kind of actor, each on its own keep-alive connection: online PIN requests, the
contact centre confirming, rejecting and taking phone requests, online activations, PIN issued at the office,
first accesses with the 16 characters (office PINs, and online/phone PINs whose halves the sinks received),
right and wrong logins and logouts, revocations by the holder and by staff, applications filed, withdrawn and
decided by the back office, recoveries with the link read from the SMTP sink, staff logins with TOTP and
password changes. The courier delivers and closes print batches every second meanwhile, and the server signs
audit checkpoints every second.

Usage: test_crash.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import collections
import datetime
import email
import email.policy
import glob
import hashlib
import http.client
import json
import os
import random
import re
import sqlite3
import sys
import threading
import time
import traceback
import unittest
import uuid

import sinks
import test_api
from test_api import API, GOOD_TESSERA, PERSONAL_PIN, TESSERA_EXPIRY, Server, totp
from test_applications import PDF, multipart, naspi_fields, pdf_text

CYCLES = 4                    # burst, SIGKILL, checks, restart
KILL_AFTER = (0.5, 3.0)       # seconds into a burst
LETTERS = 120                 # letters in the print batch killed while it is written
WRONG_PIN = "AAAABBBBCCCCDDDD"
MARIO = ("RSSMRA85T10H501O", "PIN2DEMO")      # demo seed: active, ordinario
GIULIA = ("BNCGLI72C45F205W", "DISP0SIT")     # demo seed: active, dispositivo
ANNA = ("SPSNNA90L61F839V", "ABCDEFGH23456789")  # demo seed: issued, waiting for the first access
DEMO_ACTIVE = {MARIO[0], GIULIA[0]}           # the seed wrote one pin_history row for these

# What the last state-changing audit row of a citizen says the credential's state is.
STATE_AFTER = {"pin.request-confirmed": "issued", "pin.request-rejected": "cancelled", "pin.activated": "issued",
               "pin.changed": "active", "pin.restored": "issued", "pin.revoked": "revoked",
               "pin.issued-at-office": "issued", "pin.renewed": "issued"}
# A session's end reason and the audit action of the flow that ends sessions so.
ENDED_BY = {"revoked": "pin.revoked", "recovered": "pin.restored", "pin-changed": "pin.changed",
            "password-changed": "staff.password-changed"}


class Gone(Exception):
    """The burst is over: the server was killed."""


class CrashServer(Server):
    """The harness's server, killed and started again in two steps so the database can be read in between."""

    def kill(self):
        self.proc.kill()
        self.proc.wait()
        self._reader.join(5)
        self.proc.stdout.close()

    def restart(self):
        self._spawn()


# ------------------------------------------------------------------------------------------- the burst

class World:
    """What the clients know, across every cycle: the answers acknowledged, and the work handed between actors."""

    def __init__(self, server):
        self.s = server
        self.lock = threading.Lock()
        self.acks = collections.defaultdict(list)
        self.refused = collections.Counter()   # (kind, status) of answers that promised nothing
        self.to_confirm = collections.deque()  # online requests acknowledged, waiting for the contact centre
        self.to_activate = collections.deque()  # phone requests registered
        self.to_first_access = collections.deque()  # (codice fiscale, 16-character PIN)
        self.to_revoke = collections.deque()   # (codice fiscale, session token) of holders with a personal PIN
        self.to_review = collections.deque()   # application ids for the back office
        self.filers = [GIULIA]                 # dispositivo holders with a personal PIN: (codice fiscale, PIN)
        self.staff_logins = collections.deque()  # (username, password, TOTP secret) added for the next burst
        self.recovery_holders = []             # office holders who only ever recover their PIN
        self.wrong_targets = []                # office holders who only ever get wrong PINs
        self.errors = []

    def ack(self, kind, **fields):
        with self.lock:
            self.acks[kind].append(fields)

    def refuse(self, kind, status):
        with self.lock:
            self.refused[(kind, status)] += 1

    def person(self, with_contacts=True):
        """The harness's next person, born on a day of their own: the harness's people repeat after 1,260."""
        with self.lock:
            who = self.s.person(with_contacts=with_contacts)
            who["birth_date"] = (datetime.date(1950, 1, 1) + datetime.timedelta(days=13 * self.s._serial % 16000)).isoformat()
            who["codice_fiscale"] = self.s.compute_cf(who)
            return who

    def take(self, pool):
        with self.lock:
            return pool.popleft() if pool else None

    def put(self, pool, item):
        with self.lock:
            pool.append(item)


class Burst:
    """One burst: the threads, their end, the port they talk to."""

    def __init__(self, world, port, seed):
        self.world = world
        self.port = port
        self.killing = threading.Event()
        self.rng = random.Random(seed)
        self.threads = []

    def start(self, name, worker):
        def run():
            link = Link(self)
            try:
                worker(self, link, random.Random(self.rng.random()))
            except Gone:
                pass
            except Exception:  # a bug in the test or an answer it did not expect: reported, fails the test
                self.world.errors.append("%s: %s" % (name, traceback.format_exc()))
            finally:
                link.close()
        thread = threading.Thread(target=run, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()

    def idle(self, seconds=0.05):
        if self.killing.wait(seconds):
            raise Gone()

    def join(self):
        for thread in self.threads:
            thread.join(30)
            if thread.is_alive():
                self.world.errors.append("%s did not end after the kill" % thread.name)


class Link:
    """One worker's keep-alive connection. An answer counts only when read whole. A connection broken by the
    kill ends the worker (Gone); before the kill it is tried once more on a new connection (a keep-alive the
    server closed), and a second break fails the test."""

    def __init__(self, burst):
        self.burst = burst
        self.conn = None

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def call(self, method, path, body=None, token=None, raw=None, content_type="application/json"):
        headers = {}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        if raw is not None:
            data, headers["Content-Type"] = raw, content_type
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in range(2):
            if self.burst.killing.is_set():
                raise Gone()
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.burst.port, timeout=20)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                payload = r.read()
            except (OSError, http.client.HTTPException):
                self.close()
                if self.burst.killing.is_set():
                    raise Gone()
                if attempt == 1:  # the server broke two connections before the kill: a failure of its own
                    raise
                continue
            if r.will_close:
                self.close()
            return r.status, payload
        raise Gone()

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body=body if body is not None else {}, **kw)


def json_of(payload):
    return json.loads(payload) if payload else {}


def requester(b, link, rng):
    w = b.world
    while True:
        who = w.person()
        status, body = link.post(API + "/pin-requests", who)
        if status != 202:
            w.refuse("request", status)
            continue
        w.ack("request", cf=who["codice_fiscale"], reference=json_of(body)["reference"])
        w.put(w.to_confirm, who["codice_fiscale"])


def contact_centre(b, link, rng, token):
    w = b.world
    for n in range(10 ** 9):
        if n % 3 == 2:
            who = w.person(with_contacts=False)
            status, _ = link.post(API + "/operator/phone-requests",
                                  dict(who, tessera_number=GOOD_TESSERA, tessera_expiry=TESSERA_EXPIRY), token=token)
            if status == 201:
                w.ack("phone_request", cf=who["codice_fiscale"])
                w.put(w.to_activate, who["codice_fiscale"])
            else:
                w.refuse("phone_request", status)
            continue
        cf = w.take(w.to_confirm)
        if cf is None:
            b.idle()
            continue
        if rng.random() < 0.2:
            status, _ = link.post(API + "/operator/pin-requests/%s/rejection" % cf, {"reason": "Dati non confermati."},
                                  token=token)
            kind = "reject"
        else:
            status, _ = link.post(API + "/operator/pin-requests/%s/confirmation" % cf, token=token)
            kind = "confirm"
        if status == 200:
            w.ack(kind, cf=cf)
        else:
            w.refuse(kind, status)


def activator(b, link, rng):
    w = b.world
    while True:
        cf = w.take(w.to_activate)
        if cf is None:
            b.idle()
            continue
        mail = "attivazione.%s@example.it" % cf.lower()
        status, _ = link.post(API + "/activations", {"codice_fiscale": cf, "tessera_number": GOOD_TESSERA,
                                                     "tessera_expiry": TESSERA_EXPIRY, "mobile": "3479876543",
                                                     "email": mail, "send_second_half_to": "email"})
        if status == 200:
            w.ack("activate", cf=cf, email=mail)
        else:
            w.refuse("activate", status)


def office(b, link, rng, token):
    w = b.world
    while True:
        who = w.person()
        status, body = link.post(API + "/operator/office-issuances",
                                 dict(who, document_kind="carta_identita", document_number="CA12345AB"), token=token)
        if status != 201:
            w.refuse("office_issuance", status)
            continue
        pin = json_of(body)["pin"]
        w.ack("office_issuance", cf=who["codice_fiscale"], pin=pin)
        w.put(w.to_first_access, (who["codice_fiscale"], pin, "office"))


def login(w, link, cf, pin):
    """A right login; returns the token, or None when refused."""
    status, body = link.post(API + "/sessions", {"codice_fiscale": cf, "pin": pin})
    if status != 201:
        w.refuse("login", status)
        return None
    token = json_of(body)["token"]
    w.ack("login", cf=cf, token=token)
    return token


def first_access(b, link, rng):
    w = b.world
    while True:
        item = w.take(w.to_first_access)
        if item is None:
            b.idle()
            continue
        cf, pin, via = item  # via: "office" (16 characters handed over), "halves" (read at the sinks), "demo"
        token = login(w, link, cf, pin)
        if token is None:
            continue
        status, _ = link.post(API + "/pin/change", {"current_pin": pin, "new_pin": PERSONAL_PIN}, token=token)
        if status != 200:
            w.refuse("first_access", status)
            continue
        w.ack("first_access_" + via, cf=cf, token=token)
        # Half the office holders file applications; the others (and every ordinario holder) get revoked.
        if via == "office" and rng.random() < 0.5:
            with w.lock:
                w.filers.append((cf, PERSONAL_PIN))
        else:
            w.put(w.to_revoke, (cf, token))


def logins(b, link, rng):
    w = b.world
    for n in range(10 ** 9):
        if n % 3 == 0:
            cf = rng.choice(w.wrong_targets)
            status, _ = link.post(API + "/sessions", {"codice_fiscale": cf, "pin": WRONG_PIN})
            if status == 401:
                w.ack("wrong_pin", cf=cf)
            else:
                w.refuse("wrong_pin", status)
            continue
        if n % 3 == 1:  # a code nobody holds: the same answer, nothing written but its lockout count
            status, _ = link.post(API + "/sessions", {"codice_fiscale": w.person(False)["codice_fiscale"],
                                                      "pin": WRONG_PIN})
            w.refuse("unknown_code", status)
            continue
        token = login(w, link, *rng.choice([MARIO, GIULIA]))
        if token and rng.random() < 0.5:
            status, _ = link.call("DELETE", API + "/sessions/current", token=token)
            if status == 204:
                w.ack("logout", token=token)
            else:
                w.refuse("logout", status)


def revoker(b, link, rng, staff_token):
    w = b.world
    while True:
        item = w.take(w.to_revoke)
        if item is None:
            b.idle()
            continue
        cf, token = item
        login(w, link, cf, PERSONAL_PIN)  # one more session, which the revocation must end too
        if rng.random() < 0.5:
            status, _ = link.post(API + "/pin/revocation", {"pin": PERSONAL_PIN}, token=token)
            by = "holder"
        else:
            status, _ = link.post(API + "/operator/revocations", {"codice_fiscale": cf, "identity_checked": True,
                                                                 "reason": "Richiesta allo sportello"},
                                  token=staff_token)
            by = "staff"
        if status == 200:
            w.ack("revoke", cf=cf, by=by)
        else:
            w.refuse("revoke", status)


def filer(b, link, rng):
    w = b.world
    sessions = {}
    while True:
        with w.lock:
            cf, pin = rng.choice(w.filers)
        if cf not in sessions:
            sessions[cf] = login(w, link, cf, pin)
            if sessions[cf] is None:
                del sessions[cf]
                continue
        body, content_type = multipart(naspi_fields("crash-" + uuid.uuid4().hex[:16]), [("lettera.pdf", PDF)])
        status, answer = link.call("POST", API + "/me/applications", raw=body, content_type=content_type,
                                   token=sessions[cf])
        if status != 201:
            w.refuse("application", status)
            continue
        filed = json_of(answer)
        w.ack("application", cf=cf, id=filed["id"], protocol=filed["protocol"])
        if rng.random() < 0.25:
            status, _ = link.post(API + "/me/applications/%d/withdrawal" % filed["id"], token=sessions[cf])
            if status == 200:
                w.ack("application_state", id=filed["id"], state="ritirata")
            else:
                w.refuse("withdrawal", status)
        else:
            w.put(w.to_review, filed["id"])


def back_office(b, link, rng, token):
    w = b.world
    while True:
        app = w.take(w.to_review)
        if app is None:
            b.idle()
            continue
        status, _ = link.post(API + "/operator/applications/%d/take-in-charge" % app, token=token)
        if status != 204:
            w.refuse("take_in_charge", status)
            continue
        w.ack("application_state", id=app, state="in_istruttoria")
        accepted = rng.random() < 0.5
        status, _ = link.post(API + "/operator/applications/%d/decision" % app,
                              {"decision": "accolta" if accepted else "respinta",
                               "reason": "" if accepted else "Manca la lettera di licenziamento."}, token=token)
        if status == 204:
            w.ack("application_state", id=app, state="accolta" if accepted else "respinta")
        else:
            w.refuse("decision", status)


class MailReader:
    """The SMTP sink's mails, parsed once each."""

    def __init__(self, folder):
        self.folder = folder
        self.parsed = {}

    def mails(self):
        for path in sorted(glob.glob(os.path.join(self.folder, "*.eml"))):
            if path not in self.parsed:
                with open(path, "rb") as f:
                    self.parsed[path] = email.message_from_bytes(f.read(), policy=email.policy.default)
        return list(self.parsed.values())


def outbox_id(mail):
    return int(re.match(r"<outbox\.(\d+)\.", mail["Message-ID"]).group(1))


def recoverer(b, link, rng, reader, used):
    """Recovers the PINs of its holders: the request, then the link and code from the newest mail (only the
    newest link works), then the confirmation. A stranger's recovery goes in between, answered alike."""
    w = b.world
    asked = {}  # codice fiscale -> when its last recovery was answered in this burst
    while True:
        for who in w.recovery_holders:
            links = [m for m in reader.mails() if m["To"] == who["email"]]
            links = [m for m in links if "token=" in sinks.plain_text(m)]
            newest = max(links, key=outbox_id, default=None)
            if newest is None or newest["Message-ID"] in used:
                continue
            used.add(newest["Message-ID"])
            token, code = sinks.secret_from_mail("recovery_link", sinks.plain_text(newest)).split(" ")
            status, _ = link.post(API + "/recoveries/confirm", {"token": token, "code": code})
            if status == 200:
                w.ack("recovery_confirmed", cf=who["codice_fiscale"])
            else:
                w.refuse("recovery_confirmed", status)
        # A holder asks again only once its link had time to arrive: a newer link would end the one on its way.
        idle = [who for who in w.recovery_holders if time.monotonic() - asked.get(who["codice_fiscale"], 0) > 6]
        if not idle:
            stranger = w.person()
            status, _ = link.post(API + "/recoveries", {"codice_fiscale": stranger["codice_fiscale"],
                                                        "mobile": stranger["mobile"], "email": stranger["email"]})
            w.refuse("recovery_stranger", status)
            b.idle(0.2)
            continue
        who = rng.choice(idle)
        status, _ = link.post(API + "/recoveries", {"codice_fiscale": who["codice_fiscale"], "mobile": who["mobile"],
                                                    "email": who["email"]})
        if status == 202:
            w.ack("recovery", cf=who["codice_fiscale"])
            asked[who["codice_fiscale"]] = time.monotonic()
        else:
            w.refuse("recovery", status)


def staff_logins(b, link, rng):
    w = b.world
    while True:
        account = w.take(w.staff_logins)
        if account is None:
            b.idle()
            continue
        username, password, secret = account
        status, body = link.post(API + "/staff/sessions", {"username": username, "password": password,
                                                           "totp": totp(secret)})
        if status != 201:
            w.refuse("staff_login", status)
            continue
        token = json_of(body)["token"]
        w.ack("staff_login", username=username, token=token)
        status, _ = link.post(API + "/staff/password", {"current_password": password,
                                                        "new_password": "a-long-new-password-" + username}, token=token)
        if status == 200:
            w.ack("staff_password", username=username)
        else:
            w.refuse("staff_password", status)


# ------------------------------------------------------------------------------------------- the checks

class Snapshot:
    """The database as the killed server left it, read in one transaction."""

    TABLES = {
        "citizens": "id, codice_fiscale",
        "credentials": "id, citizen_id, state, level, channel, generation, pending_half_sealed, request_reference",
        "pin_history": "credential_id",
        "sessions": "id, token_hash, subject_kind, subject_id, required_action, created_at, ended_at, end_reason",
        "staff_accounts": "id, username, must_change_password",
        "outbox": "id, event_key, channel, recipient, template_name, status, batch",
        "audit_log": "seq, at, actor, action, subject, details",
        "recovery_tickets": "id, citizen_id",
        "recovery_requests": "id",
        "applications": "id, citizen_id, state, protocol, filed_year, idempotency_key",
        "application_events": "application_id, seq, state",
        "application_attachments": "application_id",
        "protocol_sequences": "year, last_value",
        "letter_batches": "name, letters, handed_over_at",
        "allowances": "action, allowance_key, used",
    }

    def __init__(self, path):
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            self.integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
            self.foreign_keys = [tuple(r) for r in db.execute("PRAGMA foreign_key_check")]
            db.execute("BEGIN")
            self.rows = {t: [dict(r) for r in db.execute("SELECT %s FROM %s" % (cols, t))]
                         for t, cols in self.TABLES.items()}
            db.execute("COMMIT")
        finally:
            db.close()

    def __getitem__(self, table):
        return self.rows[table]


def check_database(snap):
    """Every state has its audit row and messages, every audit row and message its state. Returns the problems
    (an empty list when all holds) and how many facts were checked."""
    problems = []
    checked = collections.Counter()

    def expect(condition, what, kind):
        checked[kind] += 1
        if not condition:
            problems.append(what)

    if snap.integrity != ["ok"]:
        problems.append("integrity_check: %r" % snap.integrity)
    if snap.foreign_keys:
        problems.append("foreign_key_check: %r" % snap.foreign_keys)

    audit_about = collections.defaultdict(list)
    audit_by_actor = collections.defaultdict(collections.Counter)
    for row in snap["audit_log"]:
        audit_about[row["subject"]].append(row)
        audit_by_actor[row["actor"]][row["action"]] += 1
    messages_of_credential = collections.defaultdict(collections.Counter)
    outbox_keys = set()
    for m in snap["outbox"]:
        outbox_keys.add(m["event_key"])
        parts = m["event_key"].split(":")
        if parts[0] == "credential":
            messages_of_credential[int(parts[1])][m["template_name"]] += 1
    sessions_of = collections.defaultdict(list)
    for s in snap["sessions"]:
        sessions_of[(s["subject_kind"], s["subject_id"])].append(s)
    tickets_of = collections.Counter(t["citizen_id"] for t in snap["recovery_tickets"])
    ticket_ids = {t["id"]: t["citizen_id"] for t in snap["recovery_tickets"]}
    links_of = collections.Counter(ticket_ids.get(int(k.split(":")[1])) for k in outbox_keys
                                   if k.startswith("recovery:") and k.endswith(":link"))
    history_of = collections.Counter(h["credential_id"] for h in snap["pin_history"])
    credential_of = {c["citizen_id"]: c for c in snap["credentials"]}
    allowance = {(a["action"], a["allowance_key"]): a["used"] for a in snap["allowances"]}

    for citizen in snap["citizens"]:
        cid, cf = citizen["id"], citizen["codice_fiscale"]
        subject = "citizen:%d" % cid
        credential = credential_of.get(cid)
        expect(credential is not None, "%s has no credential" % subject, "credential")
        if credential is None:
            continue
        rows = audit_about[subject]
        actions = collections.Counter(r["action"] for r in rows)
        sent = messages_of_credential[credential["id"]]
        pairs = [
            ("pin.requested", actions["pin.requested"], sent["pin_first_half"] + sent["pin_first_half_letter"]),
            ("pin.request-confirmed", actions["pin.request-confirmed"], sent["pin_second_half_letter"]),
            ("pin.request-rejected", actions["pin.request-rejected"], sent["pin_request_rejected"]),
            ("pin.activated", actions["pin.activated"], sent["pin_second_half_activation"]),
            ("pin.revoked", sum(r["action"] == "pin.revoked" and r["details"] != "replaced at office" for r in rows),
             sent["pin_revoked"]),
            ("pin.restored", actions["pin.restored"], sent["recovery_first_half"]),
            ("pin.restored", actions["pin.restored"], sent["recovery_second_half"]),
            ("pin.recovery-started", actions["pin.recovery-started"], tickets_of[cid]),
            ("pin.recovery-started", actions["pin.recovery-started"], links_of[cid]),
            ("pin.login", actions["pin.login"], len(sessions_of[("citizen", cid)])),
            ("pin.changed", actions["pin.changed"] + (cf in DEMO_ACTIVE), history_of[credential["id"]]),
            ("session.logout", audit_by_actor[subject]["session.logout"],
             sum(s["end_reason"] == "logout" for s in sessions_of[("citizen", cid)])),
        ]
        for action, audited, written in pairs:
            expect(audited == written, "%s: %d %s audit rows but %d messages/rows of that flow"
                   % (subject, audited, action, written), action)
        online = sum(r["action"] == "pin.requested" and r["details"].startswith("online") for r in rows)
        used = allowance.get(("request", cf), 0)
        expect(used == online + actions["pin.request-duplicate"],
               "%s: request allowance used %d times for %d requests" % (subject, used, online), "allowance")
        # The state the last state-changing audit row leaves is the credential's state.
        state = None
        for r in rows:
            if r["action"] == "pin.requested":
                state = "awaiting_confirmation" if r["details"].startswith("online") else "awaiting_activation"
            elif r["action"] in STATE_AFTER and not (r["action"] == "pin.revoked" and r["details"] == "replaced at office"):
                state = STATE_AFTER[r["action"]]
        if actions["demo.seeded"] and state is None:
            continue
        expect(state == credential["state"], "%s: credential %s, but its audit log leaves it %s"
               % (subject, credential["state"], state), "credential")
        if credential["state"].startswith("awaiting_"):
            expect(credential["pending_half_sealed"] != "", "%s: %s without its sealed second half"
                   % (subject, credential["state"]), "credential")
        if credential["request_reference"]:
            expect(any(r["details"] == "online; request " + credential["request_reference"] for r in rows),
                   "%s: request %s has no audit row" % (subject, credential["request_reference"]), "pin.requested")
        for s in sessions_of[("citizen", cid)]:
            if credential["state"] in ("revoked", "cancelled"):
                expect(s["ended_at"] is not None, "%s: session %d open on a %s PIN" % (subject, s["id"], credential["state"]),
                       "session")
            if s["end_reason"] in ENDED_BY:
                expect(any(r["action"] == ENDED_BY[s["end_reason"]] and r["at"] >= s["created_at"] for r in rows),
                       "%s: session %d ended %s without that flow's audit row" % (subject, s["id"], s["end_reason"]),
                       "session")

    for account in snap["staff_accounts"]:
        subject = "staff:" + account["username"]
        actions = collections.Counter(r["action"] for r in audit_about[subject])
        expect(actions["staff.added"] + actions["demo.seeded"] == 1, "%s has no audit row of its creation" % subject,
               "staff")
        expect(actions["staff.login"] == len(sessions_of[("staff", account["id"])]),
               "%s: %d staff.login audit rows but %d sessions" % (subject, actions["staff.login"],
                                                                  len(sessions_of[("staff", account["id"])])), "staff.login")
        if actions["staff.added"]:
            expect(bool(account["must_change_password"]) == (actions["staff.password-changed"] == 0),
                   "%s: must_change_password %d after %d password changes" % (
                       subject, account["must_change_password"], actions["staff.password-changed"]), "staff.password")
        for s in sessions_of[("staff", account["id"])]:
            if s["end_reason"] == "password-changed":
                expect(actions["staff.password-changed"] > 0, "%s: session %d ended without a password change"
                       % (subject, s["id"]), "session")

    events_of = collections.defaultdict(list)
    for e in snap["application_events"]:
        events_of[e["application_id"]].append(e)
    attachments_of = collections.Counter(a["application_id"] for a in snap["application_attachments"])
    protocols = collections.defaultdict(set)
    for app in snap["applications"]:
        number = int(app["protocol"].rsplit(".", 1)[1])
        protocols[app["filed_year"]].add(number)
        if app["idempotency_key"].startswith("demo-"):
            continue  # the demo seed's applications carry its demo.seeded row only
        subject = "citizen:%d" % app["citizen_id"]
        events = sorted(events_of[app["id"]], key=lambda e: e["seq"])
        expect([e["seq"] for e in events] == list(range(1, len(events) + 1)) and events[0]["state"] == "inviata"
               and events[-1]["state"] == app["state"], "application %s: events %r, state %s"
               % (app["protocol"], [(e["seq"], e["state"]) for e in events], app["state"]), "application")
        expect(attachments_of[app["id"]] >= 1, "application %s without its attachment" % app["protocol"], "application")
        filed = [r for r in audit_about[subject] if r["action"] == "application.filed"
                 and r["details"].split(" ")[0] == app["protocol"]]
        expect(len(filed) == 1, "application %s: %d application.filed rows" % (app["protocol"], len(filed)),
               "application.filed")
        moves = [r for r in audit_about[subject] if r["action"] in ("application.in_review", "application.accepted",
                                                                   "application.rejected", "application.withdrawn")
                 and (r["details"] == app["protocol"] or r["details"].startswith(app["protocol"] + ":"))]
        expect(len(moves) == len(events) - 1, "application %s: %d state changes, %d audit rows"
               % (app["protocol"], len(events) - 1, len(moves)), "application.state")
        for e in events:
            expect("application:%d:%s" % (app["id"], e["state"]) in outbox_keys,
                   "application %s: no message for %s" % (app["protocol"], e["state"]), "application.message")
    for seq in snap["protocol_sequences"]:
        expect(protocols[seq["year"]] == set(range(1, seq["last_value"] + 1)),
               "protocols of %d are not 1..%d without gaps" % (seq["year"], seq["last_value"]), "protocol")

    # Messages without their state: each names the credential, application or ticket that made it.
    credentials = {c["id"]: c for c in snap["credentials"]}
    states_of = {a["id"]: {e["state"] for e in events_of[a["id"]]} for a in snap["applications"]}
    for m in snap["outbox"]:
        parts = m["event_key"].split(":")
        if parts[0] == "credential":
            c = credentials.get(int(parts[1]))
            expect(c is not None and int(parts[3]) <= c["generation"], "message %s without its credential"
                   % m["event_key"], "message")
        elif parts[0] == "application":
            expect(parts[2] in states_of.get(int(parts[1]), ()), "message %s without its application state"
                   % m["event_key"], "message")
        elif parts[0] == "recovery":
            expect(int(parts[1]) in ticket_ids, "message %s without its ticket" % m["event_key"], "message")

    # Print batches: the letters counted in them, the audit row of each.
    in_batch = collections.Counter(m["batch"] for m in snap["outbox"] if m["batch"])
    batches = {b["name"]: b for b in snap["letter_batches"]}
    for name, b in batches.items():
        expect(in_batch[name] == b["letters"], "batch %s: %d letters recorded, %d in it" % (name, b["letters"],
                                                                                          in_batch[name]), "batch")
        expect(any(r["action"] == "letters.batch-closed" for r in audit_about["batch:" + name]),
               "batch %s without its audit row" % name, "batch")
    for name in in_batch:
        expect(name in batches, "letters in batch %s, which is not recorded" % name, "batch")
    return problems, checked


def check_acknowledged(snap, world, drained):
    """Every acknowledged answer's effect is in the database. `drained`: the recovery queue has been matched."""
    problems = []
    checked = collections.Counter()

    def expect(condition, what, kind):
        checked[kind] += 1
        if not condition:
            problems.append(what)

    citizen_of = {c["codice_fiscale"]: c["id"] for c in snap["citizens"]}
    credential_of = {c["citizen_id"]: c for c in snap["credentials"]}
    audit = collections.defaultdict(list)
    for row in snap["audit_log"]:
        audit[(row["subject"], row["action"])].append(row)
    templates = collections.defaultdict(collections.Counter)
    credential_ids = {c["id"]: c["citizen_id"] for c in snap["credentials"]}
    for m in snap["outbox"]:
        parts = m["event_key"].split(":")
        if parts[0] == "credential" and int(parts[1]) in credential_ids:
            templates[credential_ids[int(parts[1])]][(m["template_name"], m["recipient"])] += 1
    sessions = {s["token_hash"]: s for s in snap["sessions"]}
    staff = {a["username"]: a for a in snap["staff_accounts"]}
    apps = {a["id"]: a for a in snap["applications"]}
    events = collections.defaultdict(set)
    for e in snap["application_events"]:
        events[e["application_id"]].add(e["state"])
    attachments = collections.Counter(a["application_id"] for a in snap["application_attachments"])

    def rows(cf, action):
        return audit[("citizen:%d" % citizen_of.get(cf, 0), action)]

    def at_least(kind, action):
        for cf, n in collections.Counter(a["cf"] for a in world.acks[kind]).items():
            expect(len(rows(cf, action)) >= n, "%s %s acknowledged %d times, %d %s rows" % (kind, cf, n,
                                                                                           len(rows(cf, action)), action), kind)

    acks = world.acks
    for a in acks["request"]:  # a new request, or a holder's duplicate: answered alike (decision 0003), both audited
        expect(any(r["details"] == "online; request " + a["reference"]
                   for r in rows(a["cf"], "pin.requested") + rows(a["cf"], "pin.request-duplicate")),
               "request %s acknowledged, not recorded" % a["reference"], "request")
    for a in acks["phone_request"]:
        expect(any(r["details"] == "phone" for r in rows(a["cf"], "pin.requested")),
               "phone request for %s acknowledged, not recorded" % a["cf"], "phone_request")
    at_least("confirm", "pin.request-confirmed")
    at_least("reject", "pin.request-rejected")
    for a in acks["reject"]:
        expect(credential_of[citizen_of[a["cf"]]]["state"] == "cancelled", "rejected %s is not cancelled" % a["cf"], "reject")
    at_least("activate", "pin.activated")
    for a in acks["activate"]:
        expect(templates[citizen_of[a["cf"]]][("pin_second_half_activation", a["email"])] == 1,
               "activation of %s: no second half to %s" % (a["cf"], a["email"]), "activate")
    at_least("office_issuance", "pin.issued-at-office")
    for via in ("office", "halves", "demo"):
        at_least("first_access_" + via, "pin.changed")
    at_least("wrong_pin", "pin.wrong")
    at_least("revoke", "pin.revoked")
    for a in acks["revoke"]:
        cid = citizen_of[a["cf"]]
        expect(credential_of[cid]["state"] == "revoked", "revocation of %s acknowledged, PIN %s"
               % (a["cf"], credential_of[cid]["state"]), "revoke")
        expect(all(s["ended_at"] is not None for s in snap["sessions"]
                   if s["subject_kind"] == "citizen" and s["subject_id"] == cid),
               "revocation of %s acknowledged, a session is open" % a["cf"], "revoke")
        expect(sum(n for (t, _), n in templates[cid].items() if t == "pin_revoked") >= 1,
               "revocation of %s acknowledged, no notice" % a["cf"], "revoke")
    at_least("recovery_confirmed", "pin.restored")
    for kind, subject_of in (("login", lambda a: "citizen:%d" % citizen_of.get(a["cf"], 0)),
                             ("staff_login", lambda a: "staff")):
        for a in acks[kind]:
            s = sessions.get(hashlib.sha256(a["token"].encode()).hexdigest())
            expect(s is not None, "%s acknowledged, its session is missing" % kind, kind)
            if s is not None and kind == "login":
                expect("%s:%d" % (s["subject_kind"], s["subject_id"]) == subject_of(a),
                       "a login of %s opened another subject's session" % a["cf"], kind)
    for a in acks["logout"]:
        s = sessions.get(hashlib.sha256(a["token"].encode()).hexdigest())
        expect(s is not None and s["end_reason"] == "logout", "logout acknowledged, session %r" % s, "logout")
    for a in acks["staff_password"]:
        expect(staff[a["username"]]["must_change_password"] == 0 and
               audit[("staff:" + a["username"], "staff.password-changed")],
               "password change of %s acknowledged, not recorded" % a["username"], "staff_password")
    for a in acks["application"]:
        app = apps.get(a["id"])
        expect(app is not None and app["protocol"] == a["protocol"] and app["citizen_id"] == citizen_of[a["cf"]]
               and attachments[a["id"]] >= 1, "application %s acknowledged, stored as %r" % (a["protocol"], app),
               "application")
    for a in acks["application_state"]:
        expect(a["state"] in events[a["id"]], "application %d %s acknowledged, events %r"
               % (a["id"], a["state"], events[a["id"]]), "application_state")
    # Recoveries: each matching one acknowledged is a ticket once matched; before that it may wait in the queue.
    asked = collections.Counter(a["cf"] for a in acks["recovery"])
    tickets = collections.Counter(t["citizen_id"] for t in snap["recovery_tickets"])
    if drained:
        expect(not snap["recovery_requests"], "the recovery queue was not drained", "recovery")
        for cf, n in asked.items():
            expect(tickets[citizen_of[cf]] >= n, "%d recoveries of %s acknowledged, %d tickets"
                   % (n, cf, tickets[citizen_of[cf]]), "recovery")
    else:
        made = sum(tickets[citizen_of[cf]] for cf in asked)
        expect(made + len(snap["recovery_requests"]) >= sum(asked.values()),
               "%d recoveries acknowledged, %d tickets and %d queued" % (sum(asked.values()), made,
                                                                         len(snap["recovery_requests"])), "recovery")
    return problems, checked


# ------------------------------------------------------------------------------------------- the test

class CrashTest(unittest.TestCase):
    def test_sigkill_in_a_burst_of_every_flow_leaves_nothing_half_written_and_every_answer_true(self):
        started = time.monotonic()
        self.seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 10 ** 9))
        print("\n  seed %d (CRASH_SEED=%d repeats the kill moments)" % (self.seed, self.seed), file=sys.stderr)
        self.rng = random.Random(self.seed)
        self.s = s = CrashServer(audit_checkpoint_every="1s", letters_batch_every="1s",
                                 limits_address_burst="100000", limits_address_per_hour="1000000")
        self.addCleanup(s.cleanup)
        self.world = w = World(s)
        self.figures = collections.Counter()
        s.ctl("demo", "seed")
        self.tokens = {role: s.staff(role) for role in ("contact_center", "office", "back_office")}
        office_token = self.tokens["office"]
        for pool, n in ((w.recovery_holders, 4), (w.wrong_targets, 6)):
            for _ in range(n):
                who = s.person()
                issued = s.client.post(API + "/operator/office-issuances",
                                       dict(who, document_kind="passaporto", document_number="YA7654321"),
                                       token=office_token)
                self.assertEqual(issued.status, 201, issued)
                pool.append(who if pool is w.recovery_holders else who["codice_fiscale"])
        w.to_first_access.append((ANNA[0], ANNA[1], "demo"))
        # A holder no burst touches logs in after each restart. (Not a demo holder: a right PIN being checked
        # at the kill stays counted as a failure, its lockout reserved before the check, so that holder may
        # be blocked for one step after the restart.)
        who = s.person()
        issued = s.client.post(API + "/operator/office-issuances",
                               dict(who, document_kind="passaporto", document_number="YA7654321"), token=office_token)
        self.assertEqual(issued.status, 201, issued)
        opened = s.client.post(API + "/sessions", {"codice_fiscale": who["codice_fiscale"], "pin": issued.json()["pin"]})
        changed = s.client.post(API + "/pin/change", {"current_pin": issued.json()["pin"], "new_pin": PERSONAL_PIN},
                                token=opened.json()["token"])
        self.assertEqual(changed.status, 200, changed)
        self.sentinel = who["codice_fiscale"]
        reader, used_links = MailReader(s.smtp.folder), set()
        prepared = set()

        for cycle in range(1, CYCLES + 1):
            for _ in range(3):
                account = s.ctl("staff", "add", "--username", "crash%d%s" % (cycle, uuid.uuid4().hex[:6]),
                                "--role", "contact_center")
                w.staff_logins.append((account["username"], account["password"], account["totp_secret"]))
            self.prepare_first_accesses(prepared)
            burst = Burst(w, s.port, self.rng.random())
            for name, worker in (("requests-1", requester), ("requests-2", requester),
                                 ("contact-centre", lambda b, l, r: contact_centre(b, l, r, self.tokens["contact_center"])),
                                 ("activations", activator),
                                 ("office", lambda b, l, r: office(b, l, r, office_token)),
                                 ("first-access", first_access), ("logins-1", logins), ("logins-2", logins),
                                 ("revocations", lambda b, l, r: revoker(b, l, r, self.tokens["contact_center"])),
                                 ("filing", filer),
                                 ("back-office", lambda b, l, r: back_office(b, l, r, self.tokens["back_office"])),
                                 ("recoveries", lambda b, l, r: recoverer(b, l, r, reader, used_links)),
                                 ("staff-logins", staff_logins)):
                burst.start(name, worker)
            delay = self.rng.uniform(*KILL_AFTER)
            time.sleep(delay)
            self.assertIsNone(s.proc.poll(), "the server died on its own: %s" % s.stderr()[-3000:])
            burst.killing.set()
            s.kill()
            burst.join()
            self.assertEqual(w.errors, [], "a client failed")
            self.check_left_behind("cycle %d (SIGKILL %.2f s into the burst)" % (cycle, delay), drained=False)
            s.restart()
            self.check_serves()

        # The last restart: the queue is matched, the letters printed, the sessions and receipts still answer.
        s.recoveries_matched()
        self.wait_letters_printed()
        self.check_sessions_answer()
        self.check_receipts()
        code, took = s.stop()
        self.assertEqual(code, 0, "sportello exited %r %.1f s after SIGTERM; stderr: %s" % (code, took, s.stderr()))
        report = self.check_left_behind("after the last restart and a graceful stop", drained=True)
        self.assertEqual(report["rows_after_last_checkpoint"], 0, report)  # the stop signed the head
        self.check_spool()
        self.report(time.monotonic() - started)

    def test_sigkill_while_a_print_batch_is_written_then_its_letters_go_into_the_next_batch(self):
        """The print batch's own window: letters rendered into `<spool>/.<batch>.partial` before the batch is
        recorded. Killed there, the restarted server must still print every letter, once, and leave nothing aside."""
        s = CrashServer(letters_batch_every="3s")
        self.addCleanup(s.cleanup)
        token = s.staff("contact_center")
        people = [s.person(with_contacts=False) for _ in range(LETTERS)]

        def register(who):
            r = s.client.post(API + "/operator/phone-requests",
                              dict(who, tessera_number=GOOD_TESSERA, tessera_expiry=TESSERA_EXPIRY), token=token)
            self.assertEqual(r.status, 201, r)
        threads = [threading.Thread(target=lambda part=people[i::4]: [register(p) for p in part]) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        deadline = time.monotonic() + 30
        partial = []
        while not partial:  # the folder lives about a second for this many letters: watched every millisecond
            self.assertLess(time.monotonic(), deadline, "no batch was written")
            partial = [e for e in (os.listdir(s.spool) if os.path.isdir(s.spool) else []) if e.endswith(".partial")]
            time.sleep(0.001)
        s.kill()
        snap = Snapshot(s.db)
        self.assertEqual(snap["letter_batches"], [], "killed before the batch was recorded")
        print("\n  killed while %s was being written (%d letters waiting)" % (partial[0], LETTERS), file=sys.stderr)
        s.restart()
        printed = sinks.wait_for(lambda: (lambda rows: rows if rows and all(m["status"] == "sent" for m in rows)
                                          else None)([m for m in s.outbox() if m["channel"] == "letter"]),
                                 timeout=30, what="every letter printed after the restart")
        self.assertEqual(len(printed), LETTERS)
        snap = Snapshot(s.db)
        problems, _ = check_database(snap)
        self.assertEqual(problems, [])
        self.assertEqual(sum(b["letters"] for b in snap["letter_batches"]), LETTERS, "each letter in one batch")
        entries = sorted(os.listdir(s.spool))
        self.assertEqual([e for e in entries if e.startswith(".") and e != ".lock"], [], "the killed writer's folder is gone")
        self.assertEqual({e for e in entries if not e.startswith(".")}, {b["name"] for b in snap["letter_batches"]})
        code, _ = s.stop()
        self.assertEqual(code, 0)
        s.ctl("audit", "verify")

    # -- between bursts

    def prepare_first_accesses(self, prepared, most=4, wait=8.0):
        """Online and phone PINs whose two halves have reached the sinks (the SMS or mail, and the letter once a
        print batch took it) go to the first-access worker. After a restart the courier first sends what the
        kill left waiting, so this waits a little for a few."""
        s, w = self.s, self.world
        query = ("SELECT z.codice_fiscale, o.id, o.event_key, o.channel, o.recipient, o.template_name, o.status, o.batch "
                 "FROM credentials c JOIN citizens z ON z.id = c.citizen_id JOIN outbox o "
                 "ON o.event_key IN ('credential:' || c.id || ':gen:' || c.generation || ':first-half', "
                 "                  'credential:' || c.id || ':gen:' || c.generation || ':second-half') "
                 "WHERE c.state = 'issued' AND c.channel IN ('online', 'phone') AND o.status = 'sent'")
        deadline = time.monotonic() + (wait if self.world.acks["confirm"] or self.world.acks["activate"] else 0)
        while True:
            with sqlite3.connect("file:%s?mode=ro" % s.db, uri=True, timeout=10) as db:
                halves = collections.defaultdict(dict)
                for cf, *row in db.execute(query):
                    if cf not in prepared:
                        halves[cf][row[1].rsplit(":", 1)[1]] = dict(zip(
                            ("id", "event_key", "channel", "recipient", "template", "status", "batch"), row), has_secret=True)
            ready = [(cf, pair) for cf, pair in sorted(halves.items()) if len(pair) == 2]
            if len(ready) >= most or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        for cf, pair in ready[:most]:
            first, second = s.delivered(pair["first-half"]), s.delivered(pair["second-half"])
            prepared.add(cf)
            w.to_first_access.appendleft((cf, first["secret"] + second["secret"], "halves"))  # before the office's backlog

    def check_left_behind(self, when, drained):
        snap = Snapshot(self.s.db)
        problems, checked = check_database(snap)
        acknowledged, ack_checked = check_acknowledged(snap, self.world, drained)
        verify = self.s.ctl("audit", "verify")  # exit 0: no tamper
        warnings = [f["code"] for f in verify["findings"] if f["severity"] == "warning"]
        tampers = [f for f in verify["findings"] if f["severity"] == "tamper"]
        print("  %s: %d audit rows, %d after the last checkpoint, warnings %s; %d facts and %d acknowledged effects "
              "checked" % (when, verify["rows"], verify["rows_after_last_checkpoint"], warnings or "none",
                           sum(checked.values()), sum(ack_checked.values())), file=sys.stderr)
        self.assertEqual(tampers, [], when)
        self.assertEqual(problems + acknowledged, [], "%s: half-written or lost" % when)
        self.figures["facts"] += sum(checked.values())
        self.figures["effects"] += sum(ack_checked.values())
        return verify

    def check_serves(self):
        c = self.s.client
        self.assertEqual(c.get("/healthz").status, 200)
        opened = c.post(API + "/sessions", {"codice_fiscale": self.sentinel, "pin": PERSONAL_PIN})
        self.assertEqual(opened.status, 201, opened)

    def wait_letters_printed(self):
        def printed():
            with sqlite3.connect("file:%s?mode=ro" % self.s.db, uri=True, timeout=10) as db:
                return db.execute("SELECT COUNT(*) FROM outbox WHERE channel = 'letter' AND status = 'pending'"
                                  ).fetchone()[0] == 0 or None
        sinks.wait_for(printed, timeout=30, what="every letter to be printed (server log: %s)" % "".join(
            line for line in self.s.stderr().splitlines(True) if "letter" in line or "batch" in line)[-2000:])

    def check_sessions_answer(self):
        """Acknowledged logins whose sessions are still open answer /me after the restarts."""
        with sqlite3.connect("file:%s?mode=ro" % self.s.db, uri=True, timeout=10) as db:
            open_hashes = {r[0] for r in db.execute("SELECT token_hash FROM sessions WHERE ended_at IS NULL")}
        tokens = [a["token"] for a in self.world.acks["login"]
                  if hashlib.sha256(a["token"].encode()).hexdigest() in open_hashes]
        for token in tokens[-40:]:
            me = self.s.client.get(API + "/me", token=token)
            self.assertEqual(me.status, 200, me)
        self.figures["sessions answering /me"] = len(tokens[-40:])

    def check_receipts(self, most=8):
        c = self.s.client
        tokens = {}
        filed = self.world.acks["application"][-most:]
        for a in filed:
            if a["cf"] not in tokens:
                tokens[a["cf"]] = self.login_once_free(a["cf"], GIULIA[1] if a["cf"] == GIULIA[0] else PERSONAL_PIN)
            receipt = c.get(API + "/me/applications/%d/receipt.pdf" % a["id"], token=tokens[a["cf"]])
            self.assertEqual(receipt.status, 200, receipt)
            self.assertTrue(receipt.body.startswith(b"%PDF-"), receipt)
            self.assertIn(a["protocol"], pdf_text(receipt.body))
        self.figures["receipts read"] = len(filed)

    def login_once_free(self, cf, pin):
        """A login of a holder whose right PIN may have been in flight at the kill: that attempt's failure was
        reserved before the check (so parallel guesses cannot outrun the lockout), and the SIGKILL came before
        it was forgiven, so the holder waits one lockout step (Retry-After) first."""
        for _ in range(3):
            opened = self.s.client.post(API + "/sessions", {"codice_fiscale": cf, "pin": pin})
            if opened.status != 423:
                break
            time.sleep(int(opened.header("Retry-After")) + 0.2)
        self.assertEqual(opened.status, 201, opened)
        return opened.json()["token"]

    def check_spool(self):
        """No batch half-written into the spool: each folder is a recorded batch, none is left aside."""
        with sqlite3.connect("file:%s?mode=ro" % self.s.db, uri=True, timeout=10) as db:
            recorded = {r[0] for r in db.execute("SELECT name FROM letter_batches")}
        entries = os.listdir(self.s.spool) if os.path.isdir(self.s.spool) else []
        self.assertEqual([e for e in entries if e.startswith(".") and e != ".lock"], [], "left-over partial batches")
        self.assertEqual({e for e in entries if not e.startswith(".")}, recorded, "spool folders and recorded batches")

    def report(self, took):
        acks = {k: len(v) for k, v in sorted(self.world.acks.items())}
        refused = collections.Counter()
        for (kind, status), n in self.world.refused.items():
            refused["%s %s" % (kind, status)] += n
        print("  %d cycles in %.1f s; acknowledged answers checked per kind: %s" % (CYCLES, took, json.dumps(acks)),
              file=sys.stderr)
        print("  answers that promised nothing: %s" % json.dumps(dict(sorted(refused.items()))), file=sys.stderr)
        print("  checked over all cycles: %s" % json.dumps(dict(self.figures)), file=sys.stderr)


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
