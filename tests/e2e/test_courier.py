#!/usr/bin/env python3
"""The courier end to end (issue 4): the real sportello server delivering to a real SMTP server (aiosmtpd), an
HTTP sink standing for the SMS gateway, and print batches of letters read back with pdftotext. Covers what
arrives and where, an SMTP server that is down and comes back, a message that always fails and an operator's
retry, and SIGKILL in the middle of a burst of 200 e-mails with each Message-ID delivered.

Usage: test_courier.py PATH/TO/sportello PATH/TO/sportelloctl"""
import os
import sys
import unittest

import sinks
import test_api
from test_api import API, ServerTestCase


class CourierTest(ServerTestCase):
    per_test = True

    def request(self, with_mobile):
        s = self.server
        who = s.person()
        if not with_mobile:
            who.pop("mobile")
            who["home_phone"] = "06 1234567"  # a number to call (issue 14); the first half goes by e-mail
        taken = s.client.post(API + "/pin-requests", who)
        self.assertEqual(taken.status, 202, taken)
        return who

    def every_delivered_text(self):
        s = self.server
        texts = []
        for mail in s.smtp.mails():
            texts += [sinks.plain_text(mail), sinks.html_text(mail), str(mail["Subject"])]
        texts += [r["body"]["text"] for r in s.sms.requests()]
        for root, _, files in os.walk(s.spool):
            texts += [sinks.pdf_text(os.path.join(root, f)) for f in files if f.endswith(".pdf")]
        return texts

    def test_each_half_arrives_in_one_channel_with_its_recipient_subject_and_accents_and_the_full_pin_in_none(self):
        s = self.server
        by_sms = self.request(with_mobile=True)
        by_mail = self.request(with_mobile=False)
        mark = 0
        sms_first = [m for m in s.messages_since(mark, "pin_first_half") if m["channel"] == "sms"][0]
        mail_first = [m for m in s.messages_since(mark, "pin_first_half") if m["channel"] == "email"][0]

        self.assertEqual(sms_first["recipient"], "+39" + by_sms["mobile"])
        body = sms_first["sms"]["body"]
        self.assertEqual(body["to"], "+39" + by_sms["mobile"])
        self.assertIn("prima metà del PIN", body["text"])
        self.assertEqual(sms_first["sms"]["headers"]["idempotency-key"], sms_first["message_id"])
        self.assertEqual(sms_first["sms"]["headers"]["authorization"], "Bearer e2e-token")

        mail = mail_first["mail"]
        self.assertEqual(mail["To"], by_mail["email"])
        self.assertEqual(str(mail["Subject"]), "Richiesta PIN: la prima metà del suo PIN")
        self.assertEqual(mail["Message-ID"], mail_first["message_id"])
        self.assertIn("Gentile %s," % by_mail["name"], mail_first["text"])
        self.assertIn("metà", sinks.html_text(mail))

        operator = s.staff("contact_center")
        halves = {}
        for who, first in ((by_sms, sms_first), (by_mail, mail_first)):
            confirmed = s.client.post(API + "/operator/pin-requests/%s/confirmation" % who["codice_fiscale"],
                                      token=operator)
            self.assertEqual(confirmed.status, 200, confirmed)
        for who, first in ((by_sms, sms_first), (by_mail, mail_first)):
            letter = [m for m in s.messages_since(mark, "pin_second_half_letter")
                      if who["street"] + " " + who["number"] in m["recipient"]][0]
            self.assertIn("%s %s" % (who["name"], who["surname"]), letter["text"])
            self.assertIn("Seconda metà del PIN", letter["text"])
            halves[who["codice_fiscale"]] = (first["secret"], letter["secret"])
            self.assertEqual(self.login(who["codice_fiscale"], first["secret"] + letter["secret"]).status, 201)

        texts = self.every_delivered_text()
        for first, second in halves.values():
            self.assertEqual(sum(first in t for t in texts), 1 if first in sms_first["text"] else 2,
                             "the first half is in its one message (e-mail: text and HTML part)")
            self.assertEqual(len([t for t in texts if second in t]), 2, "the letter's PDF and its batch PDF")
            self.assertFalse(any(first + second in t for t in texts), "the full PIN is in no message")

    def test_with_the_smtp_server_down_messages_wait_and_all_arrive_once_it_is_up(self):
        s = self.server
        s.smtp.stop()
        people = [self.request(with_mobile=False) for _ in range(3)]
        rows = sinks.wait_for(lambda: [m for m in s.outbox() if m["attempts"] >= 1 and m["status"] == "pending"]
                              if len([m for m in s.outbox() if m["attempts"] >= 1]) == 3 else None,
                              what="three failed attempts")
        self.assertTrue(all(m.get("last_error") for m in rows), rows)
        self.assertEqual(s.smtp.mails(), [])
        s.smtp.start()
        arrived = sinks.wait_for(lambda: s.smtp.mails() if len(s.smtp.mails()) >= 3 else None, what="3 mails")
        self.assertEqual(sorted(m["To"] for m in arrived), sorted(p["email"] for p in people))
        self.assertEqual(len({m["Message-ID"] for m in arrived}), 3)

    def test_a_message_that_always_fails_ends_failed_and_an_operator_retry_delivers_it(self):
        s = self.server
        s.smtp.stop()
        s.smtp.start("--reject-all")
        who = self.request(with_mobile=False)
        failed = sinks.wait_for(lambda: s.ctl("outbox", "list", "--failed")["messages"], what="a failed message")
        self.assertEqual(len(failed), 1)
        self.assertIn("smtp-rejected", failed[0]["last_error"])
        metrics = s.client.get("/metrics", token=test_api.METRICS_TOKEN).body.decode()
        self.assertIn("sportello_outbox_failed 1", metrics)
        s.smtp.stop()
        s.smtp.start()
        retried = s.ctl("outbox", "retry", str(failed[0]["id"]))
        self.assertEqual(retried["status"], "pending")
        s.ctl("outbox", "retry", str(failed[0]["id"]), expect=1)  # no longer failed
        mail = sinks.wait_for(lambda: s.smtp.mails(), what="the retried mail")
        self.assertEqual(mail[0]["To"], who["email"])

    def test_sigkill_in_the_middle_of_200_mails_then_a_restart_delivers_every_message_id(self):
        s = self.server
        for _ in range(200):
            self.request(with_mobile=False)
        sinks.wait_for(lambda: len(s.smtp.mails()) >= 40, what="40 mails before the kill")
        s.kill_and_restart()
        at_kill = len(s.smtp.mails())
        expected = sinks.wait_for(lambda: (lambda rows: rows if all(m["status"] == "sent" for m in rows) else None)(
            s.outbox()), timeout=60, what="every message sent after the restart")
        self.assertEqual(len(expected), 200)
        received = [m["Message-ID"] for m in s.smtp.mails()]
        self.assertEqual(set(received), {m["message_id"] for m in expected}, "each message arrived")
        duplicates = len(received) - len(set(received))
        # Only a mail the sink accepted in the instant before the kill, not yet recorded as sent, goes again,
        # with the same Message-ID, which is how the receiving side recognises it.
        self.assertLessEqual(duplicates, 1, "only the message in flight at the kill may arrive twice")
        print("\n  200 mails, SIGKILL after about %d, duplicates by Message-ID: %d" % (at_kill, duplicates), file=sys.stderr)

    def login(self, codice_fiscale, pin):
        return self.server.client.post(API + "/sessions", {"codice_fiscale": codice_fiscale, "pin": pin})


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
