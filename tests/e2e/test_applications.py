#!/usr/bin/env python3
"""Applications over HTTP (issue 10): the real server, the demo holders (sportelloctl demo seed), multipart
filings with attachments, every problem at once, one filing per key, the receipt through pdftotext, another
holder's ids answering 404, the back office's decision and the citizen's mails at the real SMTP sink.

Usage: test_applications.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import datetime
import os
import subprocess
import sys
import tempfile
import unittest
import uuid

import test_api
from test_api import API, ServerTestCase

MARIO = ("RSSMRA85T10H501O", "PIN2DEMO")      # ordinario
GIULIA = ("BNCGLI72C45F205W", "DISP0SIT")     # dispositivo, an application in every state from the seed
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def multipart(fields, files):
    """A multipart/form-data body: fields as (name, value) pairs (names may repeat), files as (name, bytes)."""
    boundary = "----sportello" + uuid.uuid4().hex
    out = b""
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode()
    for filename, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, filename)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True).stdout


def naspi_fields(key, ended_days_ago=20):
    ended = datetime.date.today() - datetime.timedelta(days=ended_days_ago)
    return [("type", "naspi"), ("idempotency_key", key), ("data_cessazione", ended.strftime("%d/%m/%Y")),
            ("datore_lavoro", "Comune di Milano"), ("motivo_cessazione", "scadenza_contratto"),
            ("iban", "IT60 X054 2811 1010 0000 0123 456")]


class ApplicationsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.ctl("demo", "seed")

    def session(self, who):
        return self.login(*who).json()["token"]

    def file(self, token, fields, files=(("lettera.pdf", PDF),)):
        body, content_type = multipart(fields, files)
        return self.c.post(API + "/me/applications", raw=body, content_type=content_type, token=token)

    def test_the_seed_gives_an_application_in_every_state(self):
        token = self.session(GIULIA)
        listed = self.c.get(API + "/me/applications", token=token).json()["applications"]
        self.assertLessEqual({"inviata", "in_istruttoria", "accolta", "respinta", "ritirata"}, {a["state"] for a in listed})
        rejected = self.c.get(API + "/me/applications?state=respinta", token=token).json()["applications"]
        self.assertTrue(rejected and all(a["state"] == "respinta" for a in rejected))
        reasons = [self.c.get(API + "/me/applications/%d" % a["id"], token=token).json()["reason"] for a in rejected]
        self.assertTrue(any("ancora in corso" in r for r in reasons), reasons)
        self.assertProblem(self.c.get(API + "/me/applications?state=persa", token=token), 422, "invalid-filter")

    def test_a_dispositivo_holder_files_once_and_gets_a_receipt_and_a_mail(self):
        token = self.session(GIULIA)
        form = self.c.get(API + "/me/application-forms/naspi", token=token)
        self.assertEqual(form.status, 200, form)
        self.assertEqual([f["name"] for f in form.json()["fields"]],
                         ["data_cessazione", "datore_lavoro", "motivo_cessazione", "iban"])
        key = "e2e-naspi-" + uuid.uuid4().hex[:12]
        filed = self.file(token, naspi_fields(key))
        self.assertEqual(filed.status, 201, filed)
        app = filed.json()
        self.assertRegex(app["protocol"], r"^INPS\.7001\.\d{4}\.\d{7}$")
        self.assertEqual(app["fields"]["iban"], ["IT60X0542811101000000123456"])
        self.assertEqual(app["attachments"][0]["media_type"], "application/pdf")
        again = self.file(token, naspi_fields(key))
        self.assertEqual(again.status, 200, again)
        self.assertEqual(again.json()["protocol"], app["protocol"])
        receipt = self.c.get(API + "/me/applications/%d/receipt.pdf" % app["id"], token=token)
        self.assertEqual(receipt.status, 200, receipt)
        text = pdf_text(receipt.body)
        self.assertIn(app["protocol"], text)
        self.assertIn(app["attachments"][0]["sha256"][:32], text.replace("\n", ""))
        attachment = self.c.get(API + "/me/applications/%d/attachments/%d" % (app["id"], app["attachments"][0]["id"]),
                                token=token)
        self.assertEqual(attachment.body, PDF)
        rows = [m for m in self.server.outbox() if m["template"] == "application_inviata"]
        self.assertTrue(rows)
        mail = self.server.delivered(rows[-1])
        self.assertIn(app["protocol"], mail["text"])

    def test_every_problem_comes_back_at_once(self):
        token = self.session(GIULIA)
        fields = [f for f in naspi_fields("e2e-bad-" + uuid.uuid4().hex[:12]) if f[0] != "datore_lavoro"]
        fields = [(n, "IT00 1234" if n == "iban" else v) for n, v in fields]
        reply = self.file(token, fields, files=(("nota.txt", b"solo testo"),))
        body = self.assertProblem(reply, 422, "application-invalid")
        self.assertEqual([(e["field"], e["code"]) for e in body["errors"]],
                         [("datore_lavoro", "field-required"), ("iban", "invalid-iban"), ("attachments", "attachment-type")])

    def test_an_ordinario_holder_is_told_to_convert(self):
        token = self.session(MARIO)
        reply = self.file(token, naspi_fields("e2e-mario-" + uuid.uuid4().hex[:12]))
        self.assertProblem(reply, 403, "dispositivo-required")
        self.assertEqual(self.c.get(API + "/me/applications", token=token).json()["applications"], [])

    def test_another_holders_application_is_not_found(self):
        giulia = self.session(GIULIA)
        mario = self.session(MARIO)
        hers = self.c.get(API + "/me/applications", token=giulia).json()["applications"][0]
        detail = self.c.get(API + "/me/applications/%d" % hers["id"], token=giulia).json()
        for path in ("/me/applications/%d" % hers["id"], "/me/applications/%d/receipt.pdf" % hers["id"],
                     "/me/applications/%d/attachments/%d" % (hers["id"], detail["attachments"][0]["id"])):
            self.assertProblem(self.c.get(API + path, token=mario), 404, "application-not-found")
        self.assertProblem(self.c.post(API + "/me/applications/%d/withdrawal" % hers["id"], token=mario), 404,
                           "application-not-found")
        self.assertProblem(self.c.get(API + "/me/applications/x1", token=mario), 404, "application-not-found")

    def test_the_back_office_decides_and_the_citizen_sees_it(self):
        citizen = self.session(GIULIA)
        filed = self.file(citizen, naspi_fields("e2e-review-" + uuid.uuid4().hex[:12])).json()
        staff = self.server.staff("back_office")
        queue = self.c.get(API + "/operator/applications?type=naspi", token=staff).json()["applications"]
        self.assertIn(filed["protocol"], [a["protocol"] for a in queue])
        self.assertEqual([a["submitted_at"] for a in queue], sorted(a["submitted_at"] for a in queue))
        opened = self.c.get(API + "/operator/applications/%d" % filed["id"], token=staff).json()
        self.assertEqual(opened["holder"]["codice_fiscale"], GIULIA[0])
        self.assertEqual(self.c.post(API + "/operator/applications/%d/take-in-charge" % filed["id"], token=staff).status, 204)
        self.assertProblem(self.c.post(API + "/me/applications/%d/withdrawal" % filed["id"], token=citizen), 409,
                           "application-not-pending")
        self.assertProblem(self.c.post(API + "/operator/applications/%d/decision" % filed["id"],
                                       {"decision": "respinta", "reason": ""}, token=staff), 422, "reason-required")
        decided = self.c.post(API + "/operator/applications/%d/decision" % filed["id"],
                              {"decision": "respinta", "reason": "Manca la lettera di licenziamento."}, token=staff)
        self.assertEqual(decided.status, 204, decided)
        seen = self.c.get(API + "/me/applications/%d" % filed["id"], token=citizen).json()
        self.assertEqual(seen["state"], "respinta")
        self.assertEqual([e["state"] for e in seen["events"]], ["inviata", "in_istruttoria", "respinta"])
        rows = [m for m in self.server.outbox() if m["template"] == "application_respinta"]
        self.assertIn("Manca la lettera di licenziamento.", self.server.delivered(rows[-1])["text"])
        contact_center = self.server.staff("contact_center")
        self.assertProblem(self.c.get(API + "/operator/applications", token=contact_center), 403, "role-forbidden")

    def test_a_citizen_withdraws_while_filed(self):
        token = self.session(GIULIA)
        filed = self.file(token, naspi_fields("e2e-withdraw-" + uuid.uuid4().hex[:12])).json()
        reply = self.c.post(API + "/me/applications/%d/withdrawal" % filed["id"], token=token)
        self.assertEqual(reply.status, 200, reply)
        self.assertEqual(reply.json()["state"], "ritirata")


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
