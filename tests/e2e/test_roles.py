#!/usr/bin/env python3
"""Roles checked everywhere (issue 11): every route the server registers, asked over HTTP by every role, answers as
role_table.py says. The routes are the server's own (`sportello routes`, the router serve builds); a route missing
from the table fails the test, and so does a row of the table that no longer is a route.

The people: anonymous; Mario (citizen, ordinario) and Giulia (citizen, dispositivo) of the demo seed; a contact
centre, an office, a back office operator and an administrator made with sportelloctl; a patronato operator of INCA
(Giulia gave INCA a mandate for every service) and one of an organisation she gave none. Path parameters are filled
with things that exist and belong to Giulia (her application, its attachment, her CU year and pension slip month, her
citizen id for the patronato's subject pages) so that "hers" and "not theirs" differ; a mandate's id is the one INCA
records from Mario at the start (one with a signed form to download: Mario's and INCA's, not Giulia's nor the other
patronato's). A request that changes something names a thing that does not exist (id 999999, a codice fiscale nobody
holds, a patronato made for the purpose) so that no cell changes what the next one sees. The API is asked with the role's Bearer token; a page
with the role's token in both session cookies (a staff token must not open the reserved area, nor a citizen's the
console) and, for a form, the session's CSRF token and this site's Origin, so that the form reaches its flow. A
session a request ended (a logout) is opened again before the next.

Usage: test_roles.py PATH/TO/sportello PATH/TO/sportelloctl [--explore]
  --explore prints the answers as table rows (to write the row of a new route) instead of checking them."""
import http.client
import json
import os
import re
import subprocess
import sys
import unittest
import urllib.parse
import uuid

import role_table
import test_api
from test_api import API, ServerTestCase
from test_applications import PDF, multipart, naspi_fields
from test_patronati import form_parts, in_months

MARIO = ("RSSMRA85T10H501O", "PIN2DEMO")      # ordinario; gave ACLI a mandate for two types
GIULIA = ("BNCGLI72C45F205W", "DISP0SIT")     # dispositivo; gave INCA a mandate for every service
NOBODY = "VRDLGU80A01H501Q"                   # a valid codice fiscale no one holds here
MISSING = "999999"                            # an id nothing has
THROWAWAY = "ROLESD"                          # a patronato made to be disabled and enabled, with no operator
FORM_TOKEN = "roles-anonymous-form-token-0123456789abcdef"  # 43 characters, as the server's form tokens
PNG_1X1 = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cf000000030101005a3a9b490000000049454e44ae426082")
LOGIN_PAGES = ("/accedi", "/operatori/accedi")
# A 401 that judged a secret the person typed (the route did its work), not one for a missing session or token.
SECRET_JUDGED = {"/problems/" + code for code in ("wrong-pin", "wrong-credentials", "wrong-password", "wrong-contact-code",
                                                  "wrong-recovery-code", "activation-data-mismatch")}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
EXPLORE = False


def server_routes(server):
    """[(method, pattern, flags)] as `sportello routes` prints them, on the server's own database and keys."""
    done = subprocess.run([test_api.SERVER, "routes"], capture_output=True, text=True,
                          env=server.env, cwd=server.tmp.name, timeout=60)
    assert done.returncode == 0, "sportello routes: exit %d, %s" % (done.returncode, done.stderr)
    routes = []
    for line in done.stdout.splitlines():
        method, pattern, *flags = line.split()
        routes.append((method, pattern, set(flags)))
    return routes


def outcome(reply):
    """What an answer amounts to, in the table's words (see role_table.CELLS). A 401 that judged a typed secret (a
    wrong PIN or password) is the work of a route that checks one: "ok"."""
    if reply.status >= 500:
        return str(reply.status)
    if reply.status == 401:
        kind = (reply.header("Content-Type") or "").startswith("application/problem+json") and reply.json().get("type")
        return "ok" if kind in SECRET_JUDGED else "401"
    if reply.status in (403, 404):
        return str(reply.status)
    if 300 <= reply.status < 400:
        where = urllib.parse.urlsplit(reply.header("Location") or "").path
        if where in LOGIN_PAGES:
            return "login"
    return "ok"


def what(reply):
    """A few words on an answer, for a failure: where it redirects, its problem type, or its page's title."""
    if reply.header("Location"):
        return "-> " + reply.header("Location")
    text = reply.body[:4000].decode("utf-8", "replace")
    if (reply.header("Content-Type") or "").startswith("application/problem+json"):
        return reply.json().get("type", "")
    title = re.search(r"<title>([^<]*)</title>", text)
    return "page " + repr(title.group(1)) if title else (reply.header("Content-Type") or "")


def satisfies(cell, got):
    """True when the outcome `got` is what `cell` asks for."""
    if got.isdigit() and int(got) >= 500:
        return False  # never, for anyone
    if cell == "pub":
        return got not in ("401", "403")
    if cell == "ok":
        return got in ("ok", "404")
    if cell == "own":
        return got == "ok"
    return cell == got


class Person:
    """One role's way in: its token (None for anonymous) and its pages' CSRF token; opened again when ended."""

    def __init__(self, role, opener):
        self.role, self.opener = role, opener
        self.token = self.csrf = None
        self.renewals = 0
        if opener:
            self.open()

    def open(self):
        self.token = self.opener()
        self.csrf = None


class RolesTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s, c = cls.server, cls.c
        s.ctl("demo", "seed")
        s.ctl("org", "add", "--code", "ROLESX", "--name", "Patronato senza deleghe")
        s.ctl("org", "add", "--code", THROWAWAY, "--name", "Patronato da disattivare")

        def citizen(who):
            def opener():
                reply = c.post(API + "/sessions", {"codice_fiscale": who[0], "pin": who[1]})
                assert reply.status == 201, reply
                return reply.json()["token"]
            return opener

        def staff(role, org=None):
            return lambda: s.staff(role, org=org)

        openers = {"anon": None, "ord": citizen(MARIO), "disp": citizen(GIULIA), "cc": staff("contact_center"),
                   "office": staff("office"), "bo": staff("back_office"), "pat": staff("patronato", "INCA"),
                   "patx": staff("patronato", "ROLESX"), "admin": staff("admin")}
        assert tuple(openers) == role_table.ROLES
        cls.people = {role: Person(role, opener) for role, opener in openers.items()}
        cls.fixtures = cls.make_fixtures()

    @classmethod
    def make_fixtures(cls):
        """Things of Giulia's (and one of Mario's) that the path parameters name."""
        c, people = cls.c, cls.people
        giulia, mario, inca = people["disp"].token, people["ord"].token, people["pat"].token
        body, content_type = multipart(naspi_fields("roles-" + uuid.uuid4().hex[:12]), [("lettera.pdf", PDF)])
        filed = c.post(API + "/me/applications", raw=body, content_type=content_type, token=giulia)
        assert filed.status == 201, filed
        application = filed.json()["id"]
        detail = c.get(API + "/me/applications/%d" % application, token=giulia).json()
        attachment = detail["attachments"][0]["id"]
        # A mandate with a signed form: INCA records one from Mario (his own mandate to ACLI stays).
        fields = [("codice_fiscale", MARIO[0]), ("surname", "Rossi"), ("birth_date", "10/12/1985"),
                  ("ends_on", in_months(6)), ("scope", "all")]
        body, content_type = form_parts(fields, PDF)
        recorded = c.post(API + "/patronato/mandates", raw=body, content_type=content_type, token=inca)
        assert recorded.status == 201, recorded
        mandate = recorded.json()["id"]
        found = c.post(API + "/patronato/subject-search", {"codice_fiscale": GIULIA[0]}, token=inca)
        assert found.status == 200, found
        subject = found.json()["citizen"]["id"]
        uploaded = c.post(API + "/dispositivo-requests", raw=PNG_1X1, content_type="image/png", token=mario)
        assert uploaded.status == 201, uploaded
        documents = c.get(API + "/me/cu", token=giulia).json()["documents"]
        slips = c.get(API + "/me/pension-slips", token=giulia).json()["slips"]
        return {"application": str(application), "attachment": str(attachment), "mandate": str(mandate),
                "subject": str(subject), "dispositivo": str(uploaded.json()["id"]),
                "year": str(documents[0]["year"]) if documents else "2024",
                "month": str(slips[0]["month"]) if slips else "2024-01"}

    def fill(self, method, pattern):
        """The path of `pattern` with its parameters named as the module's docstring says."""
        fx, changes = self.fixtures, method != "GET"
        ids = [("/patronato/subjects/", fx["subject"]), ("/patronato/soggetti/", fx["subject"]),
               ("/mandates/", fx["mandate"]), ("/deleghe/", fx["mandate"]),
               ("/dispositivo-requests/", fx["dispositivo"]), ("/operatori/dispositivo/", fx["dispositivo"]),
               ("/applications/", fx["application"]), ("/domande/", fx["application"])]
        values = {"type": "naspi", "year": fx["year"], "month": fx["month"], "code": THROWAWAY,
                  "codice_fiscale": NOBODY, "application": fx["application"], "attachment": fx["attachment"],
                  "name": "sportello.css", "a": "css", "b": "bootstrap-italia.min.css", "c": "x", "d": "x"}
        subject_pages = "/patronato/subjects/" in pattern or "/patronato/soggetti/" in pattern
        if not subject_pages and changes:
            values["id"] = MISSING
        else:
            values["id"] = next((v for prefix, v in ids if prefix in pattern), MISSING)

        def value(m):
            assert m.group(1) in values, "test_roles.py does not know how to fill {%s} of %s" % (m.group(1), pattern)
            return values[m.group(1)]
        return re.sub(r"\{([a-z_]+)\}", value, pattern)

    def csrf_of(self, person):
        if person.csrf is None and person.token:
            page = "/operatori" if person.role not in ("ord", "disp") else "/area-riservata"
            reply = self.send("GET", page, self.cookies(person))
            found = CSRF.search(reply.body.decode("utf-8", "replace"))
            assert found, "%s: no CSRF token on %s (%r)" % (person.role, page, reply)
            person.csrf = found.group(1)
        return person.csrf

    @staticmethod
    def cookies(person, form_token=None):
        jar = ["__Host-sportello=%s; __Host-sportello-staff=%s" % (person.token, person.token)] if person.token else []
        if form_token:
            jar.append("__Host-sportello-form=" + form_token)
        return {"Cookie": "; ".join(jar)} if jar else {}

    def bodies(self):
        """What a request that changes something sends besides the CSRF token, where an empty body would be refused
        before the route's role is judged (a JSON field missing, a multipart form expected, a choice not made):
        {(method, pattern): (kind, content)}. Each one that would change something names nothing that exists, or is
        refused for what it lacks."""
        later, key = in_months(3), "roles-" + uuid.uuid4().hex[:12]
        return {
            ("POST", API + "/me/applications"): ("multipart", [("type", "naspi"), ("idempotency_key", key)]),
            ("POST", API + "/dispositivo-requests"): ("raw", (PNG_1X1, "image/png")),
            ("POST", API + "/operator/applications/{id}/decision"): ("json", {"decision": "respinta", "reason": "prova"}),
            ("POST", API + "/operator/pin-requests/{codice_fiscale}/rejection"): ("json", {"reason": "prova"}),
            ("POST", API + "/me/mandates"): ("json", {"organisation": "NESSUNO", "scope": "all", "ends_on": later}),
            ("POST", API + "/patronato/mandates"): ("multipart", [
                ("codice_fiscale", NOBODY), ("surname", "Verdi"), ("birth_date", "01/01/1980"), ("ends_on", later),
                ("scope", "all")]),
            # Ricerca soggetto and the caller's form name Giulia: found under INCA's mandate, not found without one.
            ("POST", API + "/patronato/subject-search"): ("json", {"codice_fiscale": GIULIA[0]}),
            ("POST", API + "/patronato/subjects/{id}/applications"): ("multipart", [("type", "naspi"),
                                                                                   ("idempotency_key", key)]),
            ("POST", API + "/operator/caller-application-forms"): ("json", {"codice_fiscale": GIULIA[0], "type": "naspi"}),
            ("POST", API + "/operator/caller-applications"): ("multipart", [
                ("codice_fiscale", NOBODY), ("identity_questions", "birth-date-and-place"), ("type", "naspi"),
                ("idempotency_key", key)]),
            ("POST", "/operatori/domande/{id}/decidi"): ("form", [("esito", "respingi"), ("reason", "prova")]),
        }

    def send(self, method, path, headers, body=None, content_type=None):
        """One request on a fresh connection. Unlike test_api.Client it leaves the security headers alone: a
        document shown in the console's frame carries frame-ancestors 'self' (test_api.py checks them)."""
        if content_type:
            headers["Content-Type"] = content_type
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            return test_api.Reply(r.status, r.headers, r.read())
        finally:
            conn.close()

    def ask(self, person, method, pattern, path, flags):
        """One request of `person` to `path` as the module's docstring says."""
        api = path.startswith(API) or path in ("/healthz", "/readyz", "/metrics")
        upload = any(f.startswith("body-limit=") for f in flags)
        kind, content = self.bodies().get((method, pattern), ("multipart" if upload else "json" if api else "form", []))
        if api:
            headers = {"Authorization": "Bearer " + person.token} if person.token else {}
            if method in ("GET", "DELETE"):
                return self.send(method, path, headers)
            if kind == "raw":
                return self.send(method, path, headers, *content)
            if kind == "multipart":
                return self.send(method, path, headers, *multipart(content or [("note", "")], []))
            return self.send(method, path, headers, json.dumps(content or {}).encode(), "application/json")
        if method == "GET":
            return self.send(method, path, self.cookies(person))
        # A form of the reserved area or the console carries the session's token; an anonymous form (a login, a
        # request) the one of its cookie, which is the same token here, so that either kind is genuine.
        csrf = self.csrf_of(person) or FORM_TOKEN
        headers = self.cookies(person, form_token=csrf)
        headers["Origin"] = self.c.origin
        fields = [("csrf", csrf)] + list(content)
        if upload:
            return self.send(method, path, headers, *multipart(fields, []))
        return self.send(method, path, headers, urllib.parse.urlencode(fields).encode(),
                         "application/x-www-form-urlencoded")

    def alive(self, person):
        return self.c.get(API + "/me", token=person.token).status == 200

    def test_every_route_answers_every_role_as_the_table_says(self):
        routes = server_routes(self.server)
        table = role_table.parse()
        listed = {(m, p) for m, p, _ in routes}
        missing = [(m, p) for m, p, _ in routes if (m, p) not in table]
        stale = sorted(set(table) - listed)
        answers, wrong = {}, []
        for method, pattern, flags in routes:
            path = self.fill(method, pattern)
            row = answers.setdefault((method, pattern), {})
            for role in role_table.ROLES:
                person = self.people[role]
                reply = self.ask(person, method, pattern, path, flags)
                got = row[role] = outcome(reply)
                cell = table.get((method, pattern), {}).get(role)
                if cell and not satisfies(cell, got):
                    wrong.append("%-6s %-58s %-6s wanted %-5s got %d %s" % (method, pattern, role, cell, reply.status,
                                                                           what(reply)))
                if person.token and method != "GET" and not self.alive(person):
                    person.open()  # a logout: the next request starts from a live session again
                    person.renewals += 1
        if EXPLORE:
            print("\n".join(role_table.row(m, p, answers[(m, p)]) for m, p, _ in routes))
            return
        failures = []
        if missing:
            failures.append("routes without a row in role_table.py: add one for each, with what each role must get "
                            "(this is what each gets now):\n" +
                            "\n".join(role_table.row(m, p, answers[(m, p)]) for m, p in missing))
        if stale:
            failures.append("rows of role_table.py that are no longer routes:\n" + "\n".join("%s %s" % r for r in stale))
        if wrong:
            failures.append("%d answers other than the table's:\n%s" % (len(wrong), "\n".join(wrong)))
        if failures:
            self.fail("\n\n".join(failures))
        print("%d routes × %d roles checked; sessions reopened after a logout: %s" % (
            len(routes), len(role_table.ROLES),
            ", ".join("%s %d" % (r, p.renewals) for r, p in self.people.items() if p.renewals)), file=sys.stderr)


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    if "--explore" in sys.argv:
        sys.argv.remove("--explore")
        EXPLORE = True
    unittest.main(verbosity=2)
