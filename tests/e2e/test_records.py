#!/usr/bin/env python3
"""The reserved area's records over HTTP (issue 10): the real server, the demo seed's records (sportelloctl
demo seed on the same database), and the holders' own sessions. Each holder reaches only their own records:
another holder's year or month answers 404 exactly as a year nobody has. PDFs are checked with pdftotext.

Usage: test_records.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

import test_api
from test_api import API, ServerTestCase

MARIO = ("RSSMRA85T10H501O", "PIN2DEMO")      # ordinario, employee, three CUs, no pension
GIULIA = ("BNCGLI72C45F205W", "DISP0SIT")     # dispositivo, survivor's pension: twelve slips


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True).stdout


class RecordsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.ctl("demo", "seed")

    def session(self, who):
        return self.login(*who).json()["token"]

    def test_the_contribution_record_is_grouped_by_gestione_and_year(self):
        token = self.session(MARIO)
        reply = self.c.get(API + "/me/contributions", token=token)
        self.assertEqual(reply.status, 200, reply)
        record = reply.json()
        gestioni = [g["gestione"] for g in record["gestioni"]]
        self.assertEqual(gestioni, ["fpld", "gestione_separata"])
        years = [y["year"] for y in record["weeks_by_year"]]
        self.assertGreaterEqual(len(years), 20, "the demo holder has 20+ years")
        self.assertEqual(years, sorted(years))
        self.assertTrue(all(0 <= y["weeks"] <= 52 for y in record["weeks_by_year"]))
        self.assertEqual(record["total_weeks_for_right"], sum(y["weeks"] for y in record["weeks_by_year"]))
        naspi = [p for g in record["gestioni"] for y in g["years"] for p in y["periods"] if p["note"] == "NASpI"]
        self.assertEqual(len(naspi), 1)
        self.assertEqual(naspi[0]["kind"], "figurativa")

    def test_the_record_comes_gzipped_to_who_accepts_it_and_not_again_to_who_has_it(self):
        token = self.session(MARIO)
        plain = self.c.get(API + "/me/contributions", token=token)
        self.assertIsNone(plain.header("Content-Encoding"))
        self.assertEqual(plain.header("Vary"), "Accept-Encoding")
        self.assertIn("private", plain.header("Cache-Control"))
        zipped = self.c.get(API + "/me/contributions", token=token, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.header("Content-Encoding"), "gzip")
        self.assertLess(len(zipped.body), len(plain.body))
        self.assertEqual(json.loads(gzip.decompress(zipped.body)), plain.json())
        again = self.c.get(API + "/me/contributions", token=token, headers={"If-None-Match": plain.header("ETag")})
        self.assertEqual(again.status, 304, again)
        self.assertEqual(again.body, b"")
        # Another holder's ETag, or the same tag under another session's holder, is not a match.
        giulia = self.session(GIULIA)
        hers = self.c.get(API + "/me/contributions", token=giulia, headers={"If-None-Match": plain.header("ETag")})
        self.assertEqual(hers.status, 200)
        self.assertNotEqual(hers.json(), plain.json())

    def test_the_record_downloads_as_csv_and_pdf(self):
        token = self.session(MARIO)
        as_json = self.c.get(API + "/me/contributions", token=token).json()
        periods = sum(len(y["periods"]) for g in as_json["gestioni"] for y in g["years"])
        reply = self.c.get(API + "/me/contributions.csv", token=token)
        self.assertEqual(reply.status, 200, reply)
        self.assertTrue(reply.header("Content-Type").startswith("text/csv"))
        self.assertIn("attachment", reply.header("Content-Disposition"))
        rows = list(csv.DictReader(io.StringIO(reply.body.decode("utf-8"))))
        self.assertEqual(len(rows), periods)
        self.assertIn("Beta Informatica S.p.A.", {r.get("datore_lavoro") for r in rows})
        pdf = self.c.get(API + "/me/contributions.pdf", token=token)
        self.assertEqual(pdf.status, 200, pdf)
        self.assertEqual(pdf.header("Content-Type"), "application/pdf")
        text = pdf_text(pdf.body)
        self.assertIn("RSSMRA85T10H501O", text)
        self.assertIn("Beta Informatica", text)

    def test_certificazioni_uniche_list_read_and_pdf(self):
        token = self.session(MARIO)
        listed = self.c.get(API + "/me/cu", token=token).json()["documents"]
        self.assertEqual(len(listed), 3)
        years = [d["year"] for d in listed]
        self.assertEqual(years, sorted(years, reverse=True))
        one = self.c.get(API + "/me/cu/%d" % years[0], token=token)
        self.assertEqual(one.status, 200, one)
        doc = one.json()
        self.assertEqual(doc["percipiente"]["codice_fiscale"], MARIO[0])
        self.assertEqual(doc["sostituto"]["codice_fiscale"], "80078750587")
        self.assertEqual(doc["total_withheld_cents"], sum(doc["withholdings"].values()))
        pdf = self.c.get(API + "/me/cu/%d/pdf" % years[0], token=token)
        self.assertEqual(pdf.status, 200, pdf)
        self.assertIn("CU-%d.pdf" % years[0], pdf.header("Content-Disposition"))
        text = pdf_text(pdf.body)
        self.assertIn("CERTIFICAZIONE UNICA", text.upper())
        self.assertIn(MARIO[0], text)

    def test_pension_slips_for_the_pensioner_and_none_for_the_employee(self):
        token = self.session(GIULIA)
        slips = self.c.get(API + "/me/pension-slips", token=token).json()["slips"]
        self.assertEqual(len(slips), 12)
        months = [s["month"] for s in slips]
        self.assertEqual(months, sorted(months, reverse=True))
        for s in slips:
            self.assertEqual(s["net_cents"], s["gross_cents"] + s["arrears_cents"] - s["irpef_cents"]
                             - s["addizionale_regionale_cents"] - s["addizionale_comunale_cents"]
                             - s["conguaglio_730_cents"] - s["other_deductions_cents"])
        month = self.c.get(API + "/me/pension-slips/" + months[0], token=token)
        self.assertEqual(month.status, 200, month)
        self.assertEqual(month.json()["slips"][0]["category"], "SO")
        pdf = self.c.get(API + "/me/pension-slips/%s/pdf" % months[0], token=token)
        self.assertEqual(pdf.status, 200, pdf)
        self.assertIn("12048337", pdf_text(pdf.body))
        mario = self.session(MARIO)
        self.assertEqual(self.c.get(API + "/me/pension-slips", token=mario).json()["slips"], [])

    def test_another_holders_year_or_month_is_not_found(self):
        giulia = self.session(GIULIA)
        mario = self.session(MARIO)
        her_month = self.c.get(API + "/me/pension-slips", token=giulia).json()["slips"][0]["month"]
        # Mario's and Giulia's CU years are the same years: Mario reads his own, never hers.
        mine = self.c.get(API + "/me/cu", token=mario).json()["documents"][0]["year"]
        self.assertEqual(self.c.get(API + "/me/cu/%d" % mine, token=mario).json()["percipiente"]["codice_fiscale"], MARIO[0])
        nobody = self.assertProblem(self.c.get(API + "/me/cu/1990", token=mario), 404, "cu-not-found")
        for path in ("/me/pension-slips/" + her_month, "/me/pension-slips/%s/pdf" % her_month):
            body = self.assertProblem(self.c.get(API + path, token=mario), 404, "pension-slip-not-found")
            self.assertEqual(set(body), {"type", "title", "status", "detail"} | (set(body) & {"field", "instance"}))
        for path in ("/me/cu/1990/pdf", "/me/cu/abcd", "/me/cu/20250", "/me/pension-slips/2026-13",
                     "/me/pension-slips/x/pdf"):
            reply = self.c.get(API + path, token=mario)
            self.assertEqual(reply.status, 404, (path, reply))
        self.assertEqual(nobody["status"], 404)

    def test_records_need_a_citizen_session(self):
        for path in ("/me/contributions", "/me/contributions.pdf", "/me/contributions.csv", "/me/cu", "/me/cu/2024",
                     "/me/cu/2024/pdf", "/me/pension-slips", "/me/pension-slips/2026-01", "/me/pension-slips/2026-01/pdf"):
            self.assertProblem(self.c.get(API + path), 401, "session-unknown")
        staff = self.server.staff("back_office")
        self.assertProblem(self.c.get(API + "/me/contributions", token=staff), 403, "citizens-only")


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
