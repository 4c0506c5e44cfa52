"""CNS login (issue 12) end to end: sportello with [cns], its second HTTPS listener asking for client certificates,
and cards of the test's own (tests/support/cns_cards.py: a CNS issuer's CA with `openssl ca`, its CRL, a second CA
nobody trusts). curl presents each card, as a browser with a card reader would.

- Mario's card (the CNS profile's commonName "<codice fiscale>/<card number>.<hash>") opens a dispositivo session,
  by the API (POST /api/v1/sessions/cns, 201 and a token) and by the page (/accedi/cns: 303 to the reserved area
  with the session cookie); the access list says "Accesso con CNS"; a card with the ETSI serialNumber works too;
- no card, a revoked card, an expired card, a card of an unknown CA, a card not made for client authentication,
  a card that names nobody and a stranger's card each get their page (or problem) and open nothing;
- the ordinary listener sends /accedi/cns to the CNS one, answers the API's CNS login with 404, and its login page
  links to the CNS listener; a server that cannot read its CRLs does not start;
- a card the issuer revokes while the server runs is refused once the new CRL is in place and the server got SIGHUP
  (not before: the CRLs are read at start and at SIGHUP); a CRL that cannot be read at SIGHUP leaves the previous
  one in force, and the log says so.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

import test_api
from test_api import Server
from test_federation import free_port, run

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import cns_cards  # noqa: E402
from cns_cards import MARIO  # noqa: E402


class CnsLogin(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sportello-cns-")
        folder = cls.tmp.name
        cls.tls_cert = os.path.join(folder, "tls.crt")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", os.path.join(folder, "tls.key"),
             "-out", cls.tls_cert])
        made = cns_cards.make_set(folder)
        cls.cards, cls.ca_file, cls.crl_file, cls.issuer = made["cards"], made["ca"], made["crl"], made["issuer"]
        cls.port, cls.cns_port = free_port(), free_port()
        cls.cns_base = "https://127.0.0.1:%d" % cls.cns_port
        cls.server = Server(listen="127.0.0.1:%d" % cls.port, **cls.settings_for(cls.crl_file))
        cls.server.ctl("demo", "seed")

    @classmethod
    def settings_for(cls, crl_file):
        return {"server_tls_certificate": cls.tls_cert, "server_tls_key": os.path.join(cls.tmp.name, "tls.key"),
                "cns_listen": "127.0.0.1:%d" % cls.cns_port, "cns_public_url": cls.cns_base,
                "cns_ca_file": cls.ca_file, "cns_crl_file": crl_file}

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
            cls.server.cleanup()
        finally:
            cls.tmp.cleanup()

    def curl(self, path, card=None, method="GET", base=None, headers=()):
        """(status, headers as a dict of lower-case names, body) of one request by curl, presenting `card`."""
        command = ["curl", "-sS", "--cacert", self.tls_cert, "-X", method, "-D", "-", "--max-time", "30"]
        if card:
            command += ["--cert", self.cards[card][0], "--key", self.cards[card][1]]
        for header in headers:
            command += ["-H", header]
        done = subprocess.run(command + [(base or self.cns_base) + path], capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        head, _, body = done.stdout.partition("\n\n")  # text mode: curl's CRLFs are read as "\n"
        lines = head.split("\n")
        status = int(lines[0].split()[1])
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields.setdefault(name.strip().lower(), []).append(value.strip())
        return status, fields, body

    def sessions(self):
        return self.server.database.rows("SELECT method, level, provider FROM sessions WHERE method = 'cns'")

    def test_marios_card_opens_a_dispositivo_session_by_the_api(self):
        status, _, body = self.curl("/api/v1/sessions/cns", card="mario", method="POST")
        self.assertEqual(status, 201, body)
        token = re.search(r'"token":"([^"]+)"', body).group(1)
        self.assertIn('"level":"dispositivo"', body)  # SPEC §7, though his PIN is ordinario
        status, _, me = self.curl("/api/v1/me", headers=["Authorization: Bearer " + token], base=self.server.client.origin)
        self.assertEqual(status, 200, me)
        self.assertIn('"codice_fiscale":"%s"' % MARIO, me)
        self.assertIn(("cns", "dispositivo", "CN=Regione CA CNS,O=Regione,C=IT"), {tuple(s) for s in self.sessions()})

    def test_the_page_sends_mario_to_his_reserved_area_with_the_session_cookie(self):
        status, fields, _ = self.curl("/accedi/cns?torna=" + urllib.parse.quote("/area-riservata/accessi"),
                                      card="etsi")
        self.assertEqual(status, 303)
        self.assertEqual(fields["location"], ["/area-riservata/accessi"])
        cookie = next(c for c in fields["set-cookie"] if c.startswith("__Host-sportello="))
        self.assertIn("Secure", cookie)
        self.assertIn("HttpOnly", cookie)
        # The cookie is the host's: the ordinary listener, on another port, knows the session.
        status, _, page = self.curl("/area-riservata/accessi", headers=["Cookie: " + cookie.split(";")[0]],
                                    base=self.server.client.origin)
        self.assertEqual(status, 200)
        self.assertIn("Accesso con CNS (Regione)", page)  # and the card's issuer

    def test_cards_that_cannot_enter_get_a_page_that_says_why_and_open_nothing(self):
        before = len(self.sessions())
        cases = [  # card, the page's status, words of the page, the API's status and problem
            (None, 403, "Nessuna carta letta", 401, "cns-no-card"),
            ("revoked", 403, "Carta non accettata", 403, "cns-card-refused"),
            ("expired", 403, "Carta non accettata", 403, "cns-card-refused"),
            ("unknown_ca", 403, "Carta non accettata", 403, "cns-card-refused"),
            ("signing", 403, "Carta non accettata", 403, "cns-card-refused"),  # not made for client authentication
            ("nameless", 400, "Certificato della carta non leggibile", 422, "cns-certificate"),
            ("stranger", 403, "Codice fiscale non registrato", 404, "federated-unknown"),
        ]
        for card, status, words, api_status, problem_type in cases:
            with self.subTest(card=card):
                got, fields, page = self.curl("/accedi/cns", card=card)
                self.assertEqual(got, status, page[:300])
                self.assertIn(words, page)
                self.assertNotIn("set-cookie", {k for k, v in fields.items()
                                                if any(c.startswith("__Host-sportello=") for c in v)})
                problem_status, _, problem = self.curl("/api/v1/sessions/cns", card=card, method="POST")
                self.assertEqual(problem_status, api_status, problem)
                self.assertIn('"type":"/problems/%s"' % problem_type, problem)
                self.assertNotIn("token", problem)
        self.assertEqual(len(self.sessions()), before)
        # The operators read why a card was refused in the log (OpenSSL's reason), never a codice fiscale.
        reasons = [json.loads(line)["reason"] for line in list(self.server.stdout_lines)
                   if '"msg":"client certificate refused"' in line]
        for reason in ("certificate revoked", "certificate has expired", "unable to verify the first certificate",
                       "unsuitable certificate purpose"):
            self.assertIn(reason, reasons)
        self.assertFalse([line for line in self.server.stdout_lines if MARIO in line])

    def test_the_ordinary_listener_points_to_the_cns_one(self):
        origin = self.server.client.origin
        status, fields, _ = self.curl("/accedi/cns?torna=/area-riservata", base=origin)
        self.assertEqual(status, 303)
        self.assertEqual(fields["location"], [self.cns_base + "/accedi/cns?torna=%2Farea-riservata"])
        status, _, problem = self.curl("/api/v1/sessions/cns", method="POST", base=origin)
        self.assertEqual(status, 404, problem)
        status, _, login = self.curl("/accedi", base=origin)
        self.assertEqual(status, 200)
        self.assertIn('href="%s/accedi/cns"' % self.cns_base, login)
        self.assertIn("Entra con CNS", login)

    def reload_and_wait(self, outcome):
        """SIGHUP to the server, then its log's line for the CNS listener: `outcome` is "reloaded" or "not"."""
        seen = len(self.server.stdout_lines)
        self.server.proc.send_signal(signal.SIGHUP)
        wanted = ('"msg":"TLS files reloaded"' if outcome == "reloaded" else '"msg":"TLS files not reloaded')
        for _ in range(100):
            lines = list(self.server.stdout_lines)[seen:]
            found = [line for line in lines if wanted in line and '"listener":"cns"' in line]
            if found:
                return found[0]
            time.sleep(0.1)
        self.fail("no log line %s after SIGHUP" % wanted)

    def login_status(self, card):
        status, _, body = self.curl("/api/v1/sessions/cns", card=card, method="POST")
        return status, body

    def test_a_card_revoked_while_the_server_runs_is_refused_after_sighup(self):
        self.cards["later"] = self.issuer.card("later", "/C=IT/O=Regione/CN=%s\\/7430035000005555.later=" % MARIO)
        self.assertEqual(self.login_status("later")[0], 201)
        self.issuer.revoke(self.cards["later"][0])
        self.assertEqual(self.issuer.crl(), self.crl_file)  # the new CRL where the server reads it
        self.assertEqual(self.login_status("later")[0], 201, "read at start and at SIGHUP only")

        self.reload_and_wait("reloaded")
        status, problem = self.login_status("later")
        self.assertEqual(status, 403, problem)
        self.assertIn('"type":"/problems/cns-card-refused"', problem)
        self.assertEqual(self.login_status("mario")[0], 201, "the other cards still enter")

        # The CRL gone at the next SIGHUP (a botched copy): the previous one stays in force, and the log says why.
        os.rename(self.crl_file, self.crl_file + ".away")
        try:
            line = self.reload_and_wait("not")
            self.assertIn("CRL", json.loads(line)["cause"])
            self.assertEqual(self.login_status("later")[0], 403)
            self.assertEqual(self.login_status("mario")[0], 201)
        finally:
            os.rename(self.crl_file + ".away", self.crl_file)

    def test_a_server_whose_crls_cannot_be_read_does_not_start(self):
        missing = os.path.join(self.tmp.name, "no-such-crl.pem")
        env = dict(self.server.env, **{"SPORTELLO_" + k.upper(): v for k, v in self.settings_for(missing).items()})
        env["SPORTELLO_CNS_LISTEN"] = "127.0.0.1:%d" % free_port()
        done = subprocess.run([test_api.SERVER, "serve", "--listen", "127.0.0.1:%d" % free_port()], env=env,
                              capture_output=True, text=True, timeout=60)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("CRL", done.stderr)


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
