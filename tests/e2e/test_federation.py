"""SPID and CIE (issue 12) end to end: sportello on TLS loopback as a SAML service provider, checked by AgID's own
spid-sp-test (../shared/tools/spid-sp-test, an unmodified copy: ../shared/third_party/SOURCE.md).

- the SP certificate made by scripts/make-sp-certificate passes AgID's certificate validator;
- the metadata at /saml/metadata passes the spid-sp-public profile (with the extra checks) and the one at
  /saml/metadata/cie the cie-sp-public profile, with 0 failures;
- the AuthnRequest, by HTTP-Redirect and by HTTP-POST, passes the tool's request checks with 0 failures;
- and what the tool cannot see: the login is kept pending with the request's ID and bound to the browser by a
  cookie only this site reads, an unknown identity provider gets a page that says so, and a server without
  [federation] answers 404 on these paths.

Every count of the tool's runs is printed, for the closing note.
"""
import base64
import collections
import hashlib
import html
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request

import test_api
from test_api import Server

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SPID_SP_TEST = os.environ.get("SPID_SP_TEST", os.path.join(ROOT, "..", "shared", "tools", "spid-sp-test"))
VALIDATOR = os.path.join(ROOT, "..", "shared", "third_party", "spid-compliant-certificates")
TOOL_IDP = "https://localhost:8443"  # spid-sp-test's own fake IdP
ENTITY_ID = "https://sportello.example/spid"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command, **kw):
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kw)
    if done.returncode != 0:
        raise AssertionError("%s failed (%d): %s %s" % (command[0], done.returncode, done.stdout[-2000:],
                                                         done.stderr[-2000:]))
    return done


class TestIdp:
    """tests/support/test_idp.py in a process of its own (python3-pysaml2): a SPID IdP that logs test users in."""

    def __init__(self, work, sp_metadata_url):
        os.makedirs(work, exist_ok=True)
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "support", "test_idp.py"),
                                      "--port", "0", "--work", work, "--sp-metadata", sp_metadata_url],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            self.proc.kill()
            raise RuntimeError("the test IdP did not start: " + line + self.proc.stderr.read())
        self.base = line.split()[1]
        self.entity_id = self.base
        self.metadata_file = os.path.join(work, "idp-metadata.xml")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def get(self, url):
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(self.base + path, data=data, timeout=30) as reply:
            return reply.status, reply.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_of(page):
    """The action and the fields (hidden, checked or selected) of the first form of an HTML page."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]*)"', page).group(1))
    fields = {html.unescape(n): html.unescape(v)
              for n, v in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)}
    return action, fields


def tool_results(report):
    """{result: count} over every check of a spid-sp-test JSON report, the failed checks' descriptions, and
    {category: checks} (metadata_strict, authnrequest_extra, response ...)."""
    with open(report, encoding="utf-8") as f:
        data = json.load(f)
    counts, failed, categories = collections.Counter(), [], collections.Counter()
    for category, group in data["test"]["sp"].items():
        for checks in group.values():
            categories[category] += len(checks)
            for check in checks:
                counts[check["result"]] += 1
                if check["result"] not in ("success", "info"):
                    failed.append("%s: %s (%s)" % (check["method"], check["test"], check.get("value")))
    return counts, failed, categories


@unittest.skipUnless(os.path.exists(SPID_SP_TEST), "AgID's spid-sp-test is not at " + SPID_SP_TEST)
class SpidSpTest(unittest.TestCase):
    """One server per binding; the tool runs against it over HTTPS on loopback."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sportello-federation-")
        folder = cls.tmp.name
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", os.path.join(folder, "tls.key"),
             "-out", os.path.join(folder, "tls.crt")])
        run([os.path.join(ROOT, "scripts", "make-sp-certificate"), "--entity-id", ENTITY_ID, "--ipa-code", "c_h501",
             "--organization", "Istituto di prova", "--locality", "Roma", "--key-size", "2048",
             "--out", os.path.join(folder, "sp")])
        cls.idps = os.path.join(folder, "idps")
        os.mkdir(cls.idps)
        metadata = run([SPID_SP_TEST, "--idp-metadata"]).stdout
        with open(os.path.join(cls.idps, "spid-sp-test.xml"), "w", encoding="utf-8") as f:
            f.write(metadata)
        cls.port = free_port()
        cls.base = "https://127.0.0.1:%d" % cls.port
        # The test IdP first: sportello reads the IdPs' metadata when it starts; the IdP reads ours when asked.
        cls.idp = TestIdp(os.path.join(folder, "test-idp"), cls.base + "/saml/metadata")
        with open(cls.idp.metadata_file, encoding="utf-8") as f, \
                open(os.path.join(cls.idps, "test-idp.xml"), "w", encoding="utf-8") as out:
            out.write(f.read())
        cls.settings = {
            "server_tls_certificate": os.path.join(folder, "tls.crt"),
            "server_tls_key": os.path.join(folder, "tls.key"),
            "federation_entity_id": ENTITY_ID,
            "federation_public_url": cls.base,
            "federation_key_file": os.path.join(folder, "sp", "sp.key"),
            "federation_certificate_file": os.path.join(folder, "sp", "sp.crt"),
            "federation_idp_metadata_dir": cls.idps,
            "federation_organization_name": "Istituto di prova",
            "federation_organization_display_name": "Sportello",
            "federation_organization_url": "https://sportello.example/",
            "federation_ipa_code": "c_h501",
            "federation_contact_email": "spid@sportello.example",
            "federation_contact_phone": "+390612345678",
            "federation_municipality": "058091",
            "federation_province": "RM",
        }
        cls.server = Server(listen="127.0.0.1:%d" % cls.port, **cls.settings)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
            cls.server.cleanup()
            cls.idp.stop()
        finally:
            cls.tmp.cleanup()

    def spid_sp_test(self, name, *arguments):
        report = os.path.join(self.tmp.name, name + ".json")
        done = subprocess.run([SPID_SP_TEST, *arguments, "-rf", "json", "-o", report], capture_output=True, text=True,
                              timeout=600)
        self.assertEqual(done.returncode, 0, done.stdout[-3000:] + done.stderr[-3000:])
        counts, failed, categories = tool_results(report)
        print("spid-sp-test %s: %d checks, %s; by category %s" % (name, sum(counts.values()), dict(counts),
                                                                  dict(categories)), file=sys.stderr)
        self.assertEqual(failed, [])
        self.assertGreater(counts["success"], 0)
        return categories

    def test_the_sp_certificate_passes_agids_validator(self):
        check = ("from pathlib import PosixPath\n"
                 "from spid_compliant_certificates.validator.validate import validate\n"
                 "import json, sys\n"
                 "r = validate(PosixPath(sys.argv[1]), 'public').as_dict()\n"
                 "print(json.dumps([c for t in r['tests'] for c in t['checks']], default=str))\n")
        done = run(["/usr/bin/python3", "-c", check, os.path.join(self.tmp.name, "sp", "sp.crt")],
                   env=dict(os.environ, PYTHONPATH=VALIDATOR))
        checks = json.loads(done.stdout)
        print("AgID certificate validator: %d checks" % len(checks), file=sys.stderr)
        self.assertGreater(len(checks), 30)
        self.assertEqual([c for c in checks if c["result"] != "success"], [])

    def test_spid_metadata_passes_the_public_sp_profile(self):
        self.spid_sp_test("metadata-spid", "--metadata-url", self.base + "/saml/metadata", "-pr", "spid-sp-public",
                          "--extra")

    def test_cie_metadata_passes_the_cie_public_profile(self):
        self.spid_sp_test("metadata-cie", "--metadata-url", self.base + "/saml/metadata/cie", "-pr", "cie-sp-public")

    def test_the_authn_request_by_redirect_and_by_post_passes_the_request_checks(self):
        login = self.base + "/saml/login?idp=" + TOOL_IDP
        self.spid_sp_test("authn-redirect", "--metadata-url", self.base + "/saml/metadata", "--authn-url", login,
                          "-pr", "spid-sp-public", "--extra")
        self.server.stop()
        self.server.start_again(SPORTELLO_FEDERATION_BINDING="post")
        try:
            self.spid_sp_test("authn-post", "--metadata-url", self.base + "/saml/metadata", "--authn-url", login,
                              "-pr", "spid-sp-public", "--extra")
        finally:
            self.server.stop()
            self.server.start_again(SPORTELLO_FEDERATION_BINDING="redirect")

    def holder_of_the_tools_identity(self):
        """The person spid-sp-test's IdP asserts (fiscalNumber TINIT-GDASDV00A01H501J), made a PIN holder at an
        office, so that a Response the tool means to be accepted opens the reserved area."""
        if getattr(type(self), "_tool_holder", False):
            return
        who = dict(self.server.person(), surname="AgID", name="SpidValidator", sex="M", birth_date="2000-01-01",
                   birth_place="H501")
        who["codice_fiscale"] = self.server.compute_cf(who)
        self.assertEqual(who["codice_fiscale"], "GDASDV00A01H501J")
        office = self.server.staff("office")
        reply = self.server.client.post(test_api.API + "/operator/office-issuances",
                                        dict(who, document_kind="carta_identita", document_number="CA12345AB"),
                                        token=office)
        self.assertEqual(reply.status, 201, reply)
        type(self)._tool_holder = True

    def test_the_crafted_responses_are_each_judged_as_the_tool_expects(self):
        self.holder_of_the_tools_identity()
        categories = self.spid_sp_test("responses", "--metadata-url", self.base + "/saml/metadata", "--authn-url",
                                       self.base + "/saml/login?idp=" + TOOL_IDP, "-pr", "spid-sp-public", "-tr")
        self.assertEqual(categories["response"], 111, "every crafted Response judged, and judged as expected")
        sessions = self.server.database.rows("SELECT method, level FROM sessions WHERE provider = '%s'" % TOOL_IDP)
        self.assertTrue(sessions)
        self.assertEqual({tuple(s) for s in sessions}, {("spid", "dispositivo")})

    def test_a_login_is_kept_pending_and_bound_to_the_browser(self):
        reply = self.server.client.get("/saml/login?idp=" + TOOL_IDP + "&torna=/area-riservata/cu")
        self.assertEqual(reply.status, 302, reply)
        cookie = reply.header("Set-Cookie")
        self.assertRegex(cookie, r"^__Host-sportello-saml=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=None; "
                                 r"Max-Age=900$")
        token = cookie.split(";")[0].split("=", 1)[1]
        location = reply.header("Location")
        self.assertTrue(location.startswith("https://localhost:8443/samlsso?SAMLRequest="), location)
        rows = self.server.database.rows("SELECT request_id, idp_entity_id, level, browser_hash, return_path, "
                                         "expires_at - created_at FROM pending_logins")
        self.assertIn((rows[-1][1], rows[-1][2], rows[-1][4], rows[-1][5]),
                      [(TOOL_IDP, 2, "/area-riservata/cu", 900)])
        self.assertEqual(rows[-1][3], hashlib.sha256(token.encode()).hexdigest(), "only the cookie's hash is kept")
        relay = [p.split("=", 1)[1] for p in location.split("?", 1)[1].split("&") if p.startswith("RelayState=")][0]
        self.assertNotIn("area-riservata", relay, "the RelayState is an opaque handle")
        self.assertNotIn(relay, [r[0] for r in rows], "only its hash is kept")

    def mario(self):
        """Mario Rossi, RSSMRA85T10H501O (the test IdP's first user), made a PIN holder at an office."""
        if not getattr(type(self), "_mario", False):
            who = dict(self.server.person(), surname="Rossi", name="Mario", sex="M", birth_date="1985-12-10",
                       birth_place="H501")
            who["codice_fiscale"] = self.server.compute_cf(who)
            self.assertEqual(who["codice_fiscale"], "RSSMRA85T10H501O")
            reply = self.server.client.post(test_api.API + "/operator/office-issuances",
                                            dict(who, document_kind="carta_identita", document_number="CA12345AB"),
                                            token=self.server.staff("office"))
            self.assertEqual(reply.status, 201, reply)
            type(self)._mario = True

    def through_the_idp(self, torna="", **choices):
        """/saml/login at the test IdP, its login page answered with `choices`; returns sportello's answer to the
        IdP's auto-posted Response and the login cookie."""
        started = self.server.client.get("/saml/login?idp=" + urllib.parse.quote(self.idp.entity_id, safe="")
                                         + ("&torna=" + urllib.parse.quote(torna, safe="") if torna else ""))
        self.assertEqual(started.status, 302, started)
        cookie = started.header("Set-Cookie").split(";")[0].split("=", 1)[1]
        status, login_page = self.idp.get(started.header("Location"))
        self.assertEqual(status, 200)
        self.assertIn("Test IdP — Accesso SPID", login_page)
        _, fields = form_of(login_page)
        fields.update({"user": "0", **choices})
        status, answer_page = self.idp.post("/login", fields)
        self.assertEqual(status, 200)
        action, answer = form_of(answer_page)
        self.assertEqual(action, self.base + "/saml/acs")
        body = urllib.parse.urlencode(answer).encode()
        reply = self.server.client.request("POST", "/saml/acs", raw=body,
                                           content_type="application/x-www-form-urlencoded",
                                           headers={"Cookie": "__Host-sportello-saml=" + cookie,
                                                    "Origin": self.idp.base, "Accept": "text/html"})
        return reply

    def test_a_citizen_enters_the_reserved_area_through_a_spid_identity_provider(self):
        self.mario()
        reply = self.through_the_idp(torna="/area-riservata/accessi", password="password", action="login")
        self.assertEqual(reply.status, 303, reply)
        self.assertEqual(reply.header("Location"), "/area-riservata/accessi")
        session = re.search(r"__Host-sportello=([A-Za-z0-9_-]{43})", ", ".join(reply.headers.get_all("Set-Cookie")))
        self.assertIsNotNone(session, reply.headers)
        area = self.server.client.get("/area-riservata/accessi",
                                      headers={"Cookie": "__Host-sportello=" + session.group(1), "Accept": "text/html"})
        self.assertEqual(area.status, 200, area)
        self.assertIn("Accesso con SPID (Identità di prova, livello 2)", area.body.decode(),
                      "the access list names the way in, the identity provider and the level")
        me = self.server.client.get(test_api.API + "/me", token=session.group(1)).json()
        self.assertEqual(me["codice_fiscale"], "RSSMRA85T10H501O")
        row = self.server.database.rows("SELECT method, provider, level FROM sessions ORDER BY id DESC LIMIT 1")[0]
        self.assertEqual(tuple(row), ("spid", self.idp.entity_id, "dispositivo"))

    def test_a_person_sportello_does_not_know_is_enrolled_from_what_the_identity_provider_asserts(self):
        """Decision 0020: Giulia Bianchi (the test IdP's second user) has never had a PIN; SPID vouches for her."""
        reply = self.through_the_idp(password="password", action="login", user="1")
        self.assertEqual(reply.status, 303, reply)
        session = re.search(r"__Host-sportello=([A-Za-z0-9_-]{43})", ", ".join(reply.headers.get_all("Set-Cookie")))
        me = self.server.client.get(test_api.API + "/me", token=session.group(1)).json()
        self.assertEqual((me["codice_fiscale"], me["name"], me["surname"]), ("BNCGLI90A41F205H", "Giulia", "Bianchi"))
        self.assertEqual((me["pin_state"], me["level"]), ("none", "dispositivo"))
        self.assertEqual(me["contacts"], {"mobile": "+393477654321", "email": "giulia.bianchi@example.it"})
        cookie = {"Cookie": "__Host-sportello=" + session.group(1), "Accept": "text/html"}
        area = self.server.client.get("/area-riservata", headers=cookie)
        self.assertEqual(area.status, 200, area)
        page = area.body.decode()
        self.assertIn('<p id="no-pin">Non ha un PIN', page)
        self.assertIn("Registrazione dei suoi dati", page)  # the access list names the enrolment
        self.assertNotIn('href="/cambia-pin"', page)
        # The reserved area is hers: her records (none yet) and her contacts, which she may change.
        self.assertEqual(self.server.client.get("/area-riservata/estratto-conto", headers=cookie).status, 200)
        self.assertEqual(self.server.client.get("/area-riservata/contatti", headers=cookie).status, 200)
        # The PIN's own doors have nothing to act on: each says so, none fails.
        for path in ("/cambia-pin", "/revoca-pin", "/area-riservata/dispositivo"):
            self.assertLess(self.server.client.get(path, headers=cookie).status, 500, path)
        conversion = self.server.client.get("/area-riservata/dispositivo", headers=cookie).body.decode()
        self.assertIn('id="dispositivo-already">Non ha un PIN', conversion)  # nothing to convert, no form
        self.assertNotIn('name="document"', conversion)
        change = self.server.client.post(test_api.API + "/pin/change", {"current_pin": "ABCD1234", "new_pin": "QWER5678"},
                                         token=session.group(1))
        self.assertEqual((change.status, change.json()["type"]), (404, "/problems/holder-not-found"))
        rows = self.server.database.rows("SELECT action, details FROM audit_log WHERE subject = "
                                         "(SELECT 'citizen:' || id FROM citizens WHERE codice_fiscale = 'BNCGLI90A41F205H') "
                                         "ORDER BY seq")
        self.assertEqual([tuple(r) for r in rows][:2],
                         [("citizen.enrolled", "spid " + self.idp.entity_id), ("spid.login", "SpidL2 " + self.idp.entity_id)])
        # Twice is still one citizen.
        self.assertEqual(self.through_the_idp(password="password", action="login", user="1").status, 303)
        self.assertEqual(self.server.database.rows(
            "SELECT COUNT(*) FROM citizens WHERE codice_fiscale = 'BNCGLI90A41F205H'")[0][0], 1)

    def test_with_the_pin_retired_citizens_enter_with_spid_and_every_pin_door_says_so(self):
        self.mario()
        staff = self.server.staff("office")  # staff keep their own credentials, before and after
        self.server.stop()
        self.server.start_again(SPORTELLO_CREDENTIALS_CITIZEN_PIN="retired")
        try:
            c = self.server.client
            person = self.server.person()
            api = {
                "/sessions": {"codice_fiscale": "RSSMRA85T10H501O", "pin": "PIN2DEMO"},
                "/pin-requests": person,
                "/pin-renewals": {"codice_fiscale": "RSSMRA85T10H501O"},
                "/recoveries": {"codice_fiscale": "RSSMRA85T10H501O", "mobile": person["mobile"],
                                "email": person["email"]},
                "/operator/office-issuances": dict(person, document_kind="carta_identita", document_number="CA1"),
                "/operator/phone-requests": {"applicant": person},
            }
            for path, body in api.items():
                reply = c.post(test_api.API + path, body, token=staff if path.startswith("/operator") else None)
                self.assertEqual(reply.status, 410, (path, reply))
                problem = reply.json()
                self.assertEqual(problem["type"], "/problems/pin-retired", path)
                self.assertIn("SPID, CIE or CNS", problem["detail"], path)
            for path in ("/richiedi-pin", "/pin-smarrito", "/rinnova-pin", "/attiva-pin", "/ripristino"):
                page = c.get(path, headers={"Accept": "text/html"})
                self.assertEqual(page.status, 410, path)
                self.assertIn("Il PIN dell&apos;Istituto non è più in uso", page.body.decode(), path)
                self.assertIn('href="/accedi"', page.body.decode(), path)
            login = c.get("/accedi", headers={"Accept": "text/html"}).body.decode()
            self.assertIn("Entra con SPID", login)
            self.assertIn('id="pin-retired"', login)
            self.assertNotIn('name="pin"', login, "no PIN field to type into")
            self.assertNotIn('href="/richiedi-pin"', login)
            # SPID still lets Mario in, and staff still work.
            reply = self.through_the_idp(password="password", action="login")
            self.assertEqual(reply.status, 303, reply)
            self.assertEqual(c.get(test_api.API + "/operator/pin-requests", token=self.server.staff("office")).status,
                             200)
        finally:
            self.server.stop()
            self.server.start_again(SPORTELLO_CREDENTIALS_CITIZEN_PIN="enabled")

    def signed_in_through_the_idp(self):
        self.mario()
        reply = self.through_the_idp(password="password", action="login")
        self.assertEqual(reply.status, 303, reply)
        token = re.search(r"__Host-sportello=([A-Za-z0-9_-]{43})", ", ".join(reply.headers.get_all("Set-Cookie")))
        self.assertEqual(self.server.client.get(test_api.API + "/me", token=token.group(1)).status, 200)
        return token.group(1)

    def idp_last(self):
        return json.loads(self.idp.get(self.idp.base + "/test/last")[1])

    def test_signing_out_of_a_spid_session_signs_out_at_the_identity_provider_too(self):
        token = self.signed_in_through_the_idp()
        csrf = hashlib.sha256(("sportello-csrf:" + token).encode()).hexdigest()[:43]
        out = self.server.client.request("POST", "/esci", raw=urllib.parse.urlencode({"csrf": csrf}).encode(),
                                         content_type="application/x-www-form-urlencoded",
                                         headers={"Cookie": "__Host-sportello=" + token, "Origin": self.base})
        # A page that moves on to the IdP by itself (a redirect after a form would break the site's form-action).
        self.assertEqual(out.status, 200, out)
        refresh = html.unescape(re.search(r'<meta http-equiv="refresh" content="0; url=([^"]*)">', out.body.decode()).group(1))
        self.assertTrue(refresh.startswith(self.idp.base + "/slo?SAMLRequest="), refresh)
        self.assertIn("Uscita in corso", out.body.decode())
        self.assertEqual(self.server.client.get(test_api.API + "/me", token=token).status, 401, "ended here at once")
        # The IdP checks our signed LogoutRequest, ends its session and sends the browser back with its answer.
        with self.assertRaises(urllib.error.HTTPError) as back:  # urllib does not follow a 303 to https it cannot verify
            urllib.request.build_opener(NoRedirect).open(refresh, timeout=30)
        self.assertEqual(back.exception.code, 303)
        self.assertTrue(self.idp_last()["logout_request"]["signature_verified"])
        self.assertTrue(self.idp_last()["logout_request"]["session_found"], "the IdP's session was the one named")
        answer = back.exception.headers["Location"]
        self.assertTrue(answer.startswith(self.base + "/saml/slo?SAMLResponse="), answer)
        page = self.server.client.get(answer[len(self.base):], headers={"Accept": "text/html"})
        self.assertEqual(page.status, 200, page)
        self.assertIn("presso il suo gestore", page.body.decode())

    def test_an_identity_provider_that_signs_the_citizen_out_ends_the_session_here(self):
        token = self.signed_in_through_the_idp()
        status, form_page = self.idp.get(self.idp.base + "/test/logout?sp=" + urllib.parse.quote(ENTITY_ID, safe=""))
        self.assertEqual(status, 200)
        action, fields = form_of(form_page)
        self.assertEqual(action, self.base + "/saml/slo")
        reply = self.server.client.request("POST", "/saml/slo", raw=urllib.parse.urlencode(fields).encode(),
                                           content_type="application/x-www-form-urlencoded",
                                           headers={"Origin": self.idp.base, "Accept": "text/html"})
        self.assertEqual(reply.status, 302, reply)
        self.assertEqual(self.server.client.get(test_api.API + "/me", token=token).status, 401, "the session ended")
        status, done = self.idp.get(reply.header("Location"))
        self.assertEqual(status, 200)
        self.assertIn("Uscita completata", done)
        last = self.idp_last()["logout_response"]
        self.assertTrue(last["signature_verified"])
        self.assertTrue(last["answers_our_request"])
        self.assertEqual(last["status"], "urn:oasis:names:tc:SAML:2.0:status:Success")
        # Forged or replayed from elsewhere: a LogoutRequest whose signature does not hold ends nothing.
        token = self.signed_in_through_the_idp()
        tampered = dict(fields, SAMLRequest=base64.b64encode(base64.b64decode(fields["SAMLRequest"]).replace(
            b"LogoutRequest ", b"LogoutRequest Consent=\"x\" ", 1)).decode())
        refused = self.server.client.request("POST", "/saml/slo", raw=urllib.parse.urlencode(tampered).encode(),
                                             content_type="application/x-www-form-urlencoded",
                                             headers={"Accept": "text/html"})
        self.assertEqual(refused.status, 400, refused)
        self.assertEqual(self.server.client.get(test_api.API + "/me", token=token).status, 200)

    def test_the_identity_providers_refusals_are_told_in_plain_italian(self):
        texts = {"nr19": "inserite in modo errato più volte", "nr20": "livello di sicurezza",
                 "nr21": "tempo per completare", "nr22": "consenso", "nr23": "sospesa o revocata",
                 "nr25": "Ha annullato l&apos;accesso"}
        for code, words in texts.items():
            choices = {"action": "cancel"} if code == "nr25" else {"action": "login", "error": code}
            reply = self.through_the_idp(**choices)
            self.assertEqual(reply.status, 403, (code, reply))
            page = reply.body.decode()
            self.assertIn("Accesso non riuscito", page, code)
            self.assertIn(words, page, code)

    def post_answer(self, relay_state, cookie=None, response="PHNhbWxwOlJlc3BvbnNlLz4="):
        body = urllib.parse.urlencode({"SAMLResponse": response, "RelayState": relay_state}).encode()
        headers = {"Accept": "text/html", "Origin": "https://localhost:8443"}
        if cookie:
            headers["Cookie"] = "__Host-sportello-saml=" + cookie
        return self.server.client.request("POST", "/saml/acs", raw=body,
                                          content_type="application/x-www-form-urlencoded", headers=headers)

    def test_an_answer_nobody_waits_for_from_another_browser_or_twice_is_refused(self):
        stale = "Richiesta di accesso non più valida"
        unsolicited = self.post_answer("no-such-login")
        self.assertEqual(unsolicited.status, 400, unsolicited)
        self.assertIn(stale, unsolicited.body.decode())
        self.assertIn("__Host-sportello-saml=;", unsolicited.header("Set-Cookie"), "the login cookie is cleared")

        started = self.server.client.get("/saml/login?idp=" + TOOL_IDP)
        cookie = started.header("Set-Cookie").split(";")[0].split("=", 1)[1]
        relay = urllib.parse.parse_qs(urllib.parse.urlsplit(started.header("Location")).query)["RelayState"][0]
        elsewhere = self.post_answer(relay, cookie="another-browsers-cookie")
        self.assertEqual(elsewhere.status, 400, elsewhere)
        self.assertIn(stale, elsewhere.body.decode())
        again = self.post_answer(relay, cookie=cookie)
        self.assertEqual(again.status, 400, "the pending login was taken by the first answer")
        self.assertIn(stale, again.body.decode())

        started = self.server.client.get("/saml/login?idp=" + TOOL_IDP)
        cookie = started.header("Set-Cookie").split(";")[0].split("=", 1)[1]
        relay = urllib.parse.parse_qs(urllib.parse.urlsplit(started.header("Location")).query)["RelayState"][0]
        invalid = self.post_answer(relay, cookie=cookie)
        self.assertEqual(invalid.status, 400, invalid)
        self.assertIn("Risposta non valida", invalid.body.decode())
        self.assertIsNone(re.search(r"__Host-sportello=[^;]", invalid.header("Set-Cookie") or ""), "no session")

    def test_an_unknown_identity_provider_gets_a_page_that_says_so(self):
        for query in ("?idp=https://evil.example", "", "?idp="):
            reply = self.server.client.get("/saml/login" + query, headers={"Accept": "text/html"})
            self.assertEqual(reply.status, 400, (query, reply))
            self.assertIn("Gestore dell&apos;identità non riconosciuto", reply.body.decode(), query)
            self.assertIsNone(reply.header("Set-Cookie"))


class WithoutFederation(test_api.ServerTestCase):
    def test_the_saml_paths_answer_404(self):
        for path in ("/saml/metadata", "/saml/metadata/cie", "/saml/login?idp=x"):
            self.assertEqual(self.c.get(path).status, 404, path)


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
