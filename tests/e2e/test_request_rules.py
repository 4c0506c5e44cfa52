#!/usr/bin/env python3
"""Issue 14 over HTTP, "The 48-hour call" and "Forms": the real server answers a refused request with every
problem at once (problem+json `errors`, in the form's order), requires a telephone number the contact centre
can call, takes dates typed the Italian way, refuses an address a letter cannot print, and answers a taken
request with its number and where the first half went, masked, the same for a person who already holds a PIN.
The operators' phone requests and office issuances list every problem too.

Usage: test_request_rules.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import os
import re
import sys
import unittest

import test_api
from test_api import API, GOOD_TESSERA, ServerTestCase

REFERENCE = re.compile(r"^RP-[234679ACDEFGHJKMNPQRTUVWXYZ]{4}-[234679ACDEFGHJKMNPQRTUVWXYZ]{4}$")


class RequestRulesTest(ServerTestCase):
    def refused(self, reply, first_code):
        """The 422 problem whose own type is the first problem's, and its `errors` as (field, code) pairs."""
        body = self.assertProblem(reply, 422, first_code)
        pairs = [(e["field"], e["code"]) for e in body["errors"]]
        self.assertTrue(all(e["detail"] for e in body["errors"]), body)
        self.assertEqual(body["field"], pairs[0][0], body)
        return pairs

    def test_every_problem_comes_at_once_in_the_forms_order_and_nothing_is_sent(self):
        s = self.server
        who = s.person()
        mark = s.outbox_mark()
        bad = dict(who, street="", cap="001", sex="X", birth_date="31/02/1985", email="mario@", mobile="")
        pairs = self.refused(s.client.post(API + "/pin-requests", bad), "missing-street")
        self.assertEqual(pairs, [("street", "missing-street"), ("cap", "invalid-cap"), ("sex", "invalid-sex"),
                                 ("birth_date", "invalid-birth-date"), ("mobile", "missing-phone"),
                                 ("email", "invalid-email")])
        self.assertEqual(s.messages_since(mark, "pin_first_half"), [])

    def test_a_request_needs_a_number_to_call_and_somewhere_for_the_first_half(self):
        s = self.server
        email_only = dict(s.person(), mobile="")
        self.assertEqual(self.refused(s.client.post(API + "/pin-requests", email_only), "missing-phone"),
                         [("mobile", "missing-phone")])
        landline_only = dict(s.person(), mobile="", email="", home_phone="06 1234 5678")
        self.assertEqual(self.refused(s.client.post(API + "/pin-requests", landline_only), "missing-contact"),
                         [("email", "missing-contact")])

        who = dict(s.person(), mobile="", home_phone="06 1234 5678")
        taken = s.client.post(API + "/pin-requests", who)
        self.assertEqual(taken.status, 202, taken)
        answer = taken.json()
        self.assertEqual(answer["status"], "request-taken")
        self.assertRegex(answer["reference"], REFERENCE)
        self.assertEqual(answer["first_half_channel"], "email")
        local, domain = who["email"].split("@")
        self.assertEqual(answer["first_half_to"], local[0] + "***@" + domain)

    def test_the_answer_has_a_number_and_the_masked_mobile_the_same_for_a_holder(self):
        s, c = self.server, self.c
        who = s.person()
        first = c.post(API + "/pin-requests", who)
        self.assertEqual(first.status, 202, first)
        self.assertRegex(first.json()["reference"], REFERENCE)
        self.assertEqual(first.json()["first_half_channel"], "sms")
        self.assertEqual(first.json()["first_half_to"], "+39 *** *** " + who["mobile"][-4:])
        confirmed = c.post(API + "/operator/pin-requests/%s/confirmation" % who["codice_fiscale"],
                           token=self.contact_center_token())
        self.assertEqual(confirmed.status, 200, confirmed)

        again = c.post(API + "/pin-requests", who)  # the person now holds a PIN: the same kind of answer
        self.assertEqual(again.status, 202, again)
        self.assertEqual(sorted(again.json()), sorted(first.json()))
        self.assertRegex(again.json()["reference"], REFERENCE)
        self.assertNotEqual(again.json()["reference"], first.json()["reference"])
        self.assertEqual(again.json()["first_half_to"], first.json()["first_half_to"])

    def test_dates_typed_the_italian_way_are_taken(self):
        s = self.server
        who = s.person()
        y, m, d = who["birth_date"].split("-")
        taken = s.client.post(API + "/pin-requests", dict(who, birth_date="%s/%s/%s" % (d, m, y)))
        self.assertEqual(taken.status, 202, taken)
        refused = self.refused(s.client.post(API + "/pin-requests", dict(s.person(), birth_date="%s/%s/%s" % (d, m, y[2:]))),
                               "invalid-birth-date")
        self.assertEqual(refused, [("birth_date", "invalid-birth-date")])

    def test_an_address_a_letter_cannot_print_is_refused_on_its_field(self):
        s = self.server
        body = self.assertProblem(s.client.post(API + "/pin-requests", dict(s.person(), street="Via " + "Lunga " * 10)),
                                  422, "address-too-long")
        self.assertEqual(body["field"], "street")
        self.assertRegex(body["detail"], r"at most \d+ characters")

    def test_operators_see_every_problem_of_a_phone_request_and_an_office_issuance(self):
        s, c = self.server, self.c
        who = s.person(with_contacts=False)
        phone = dict(who, cap="1", tessera_number="123", tessera_expiry="30/06/2031")
        pairs = self.refused(c.post(API + "/operator/phone-requests", phone, token=self.contact_center_token()),
                             "invalid-cap")
        self.assertEqual(pairs, [("cap", "invalid-cap"), ("tessera_number", "invalid-ts-number")])
        italian_expiry = dict(who, tessera_number=GOOD_TESSERA, tessera_expiry="30/06/2031")
        registered = c.post(API + "/operator/phone-requests", italian_expiry, token=self.contact_center_token())
        self.assertEqual(registered.status, 201, registered)

        other = s.person()
        office = dict(other, name="Zeno", document_kind="", document_number="")
        pairs = self.refused(c.post(API + "/operator/office-issuances", office, token=self.office_token()),
                             "cf-mismatch-name")
        self.assertEqual(pairs, [("name", "cf-mismatch-name"), ("document_number", "missing-document")])


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
