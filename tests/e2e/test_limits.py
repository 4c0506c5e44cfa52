#!/usr/bin/env python3
"""Issue 15 over HTTP, "Recovery timing" and "Costs an attacker can push onto the institute": the real server
answers a recovery before its work, so matching and non-matching contacts cost the same (300 tries per side,
interleaved: medians within 5 %, the same bytes); one codice fiscale starts a bounded number of recoveries and
PIN requests a day, refused alike whether or not it holds a PIN (429, Retry-After, the same body); one address
spends a bounded number of such actions, a malformed form costing nothing, while another address goes on.

Usage: test_limits.py PATH/TO/sportello PATH/TO/sportelloctl   (python3 standard library only)"""
import http.client
import json
import math
import os
import random
import statistics
import sys
import time
import unittest

import test_api
from test_api import API, ServerTestCase

PAIRS = 900  # of timed recoveries, one of each side (each code may start at most 1000)


def post_json(conn, path, body):
    """POST on a kept-alive connection; returns (seconds, status, headers without Date, body bytes)."""
    data = json.dumps(body).encode()
    started = time.perf_counter()
    conn.request("POST", path, body=data, headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    payload = r.read()
    took = time.perf_counter() - started
    headers = sorted((k.lower(), v) for k, v in r.getheaders() if k.lower() != "date")
    return took, r.status, headers, payload


class RecoveryTimingTest(ServerTestCase):
    # The courier's round would match the queue in the background while the tries are timed: it waits here,
    # so the figures are the answers' own (both sides would share that noise alike in any case).
    # The throttle and the allowances make room for every try (2 * PAIRS + 40 from one address, for two codes).
    settings = {"courier_poll_interval": "1h", "server_throttle_burst": 100000, "limits_address_burst": 100000,
                "limits_recoveries_per_code": 1000}

    def test_matching_and_non_matching_contacts_cost_the_same_and_answer_the_same_bytes(self):
        who, _ = self.office_holder()
        matching = {"codice_fiscale": who["codice_fiscale"], "mobile": who["mobile"], "email": who["email"]}
        stranger = self.server.person()
        other = {"codice_fiscale": stranger["codice_fiscale"], "mobile": stranger["mobile"], "email": stranger["email"]}
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            for _ in range(20):  # warm up both paths
                post_json(conn, API + "/recoveries", matching)
                post_json(conn, API + "/recoveries", other)
            # Tries go in pairs, one of each side in a random order, and the pair's difference is what is
            # compared: what slows the machine for a moment (another test, SQLite's checkpoint) slows both
            # tries of a pair alike, where it could tilt one side's median of unpaired tries.
            times = {"matching": [], "other": []}
            answers = {"matching": set(), "other": set()}
            differences = []
            pick = random.Random(15)
            for _ in range(PAIRS):
                pair = ["matching", "other"]
                pick.shuffle(pair)
                took = {}
                for side in pair:
                    took[side], status, headers, body = post_json(conn, API + "/recoveries",
                                                                  matching if side == "matching" else other)
                    self.assertEqual(status, 202, body)
                    times[side].append(took[side])
                    answers[side].add((status, tuple(headers), body))
                differences.append(took["matching"] - took["other"])
        finally:
            conn.close()
        self.assertEqual(len(answers["matching"]), 1, answers["matching"])
        self.assertEqual(answers["matching"], answers["other"])  # the same status, headers and body
        medians = {side: statistics.median(t) for side, t in times.items()}
        spread = abs(statistics.median(differences)) / max(medians.values())
        print("recovery medians over %d pairs: matching %.3f ms, other %.3f ms; median difference in a pair %.1f %%"
              % (PAIRS, medians["matching"] * 1e3, medians["other"] * 1e3, spread * 100), file=sys.stderr)
        self.assertLess(spread, 0.05, (medians, statistics.median(differences)))
        # The work waits for the courier's round: every try is still queued, matched or not.
        queued = self.server.database.scalar("SELECT COUNT(*) FROM recovery_requests")
        self.assertEqual(queued, 2 * PAIRS + 40)


class CodeAllowanceTest(ServerTestCase):
    per_test = True
    settings = {"limits_recoveries_per_code": 3, "limits_requests_per_code": 3, "limits_code_window": "24h"}

    def test_a_fourth_recovery_for_one_code_is_refused_alike_whether_or_not_it_holds_a_pin(self):
        who, _ = self.office_holder()
        stranger = self.server.person()
        refusals = []
        for person in (who, stranger):
            body = {"codice_fiscale": person["codice_fiscale"], "mobile": person["mobile"], "email": person["email"]}
            opened = time.time()
            for i in range(3):
                reply = self.c.post(API + "/recoveries", body)
                self.assertEqual(reply.status, 202, (i, reply))
            refusals.append((self.c.post(API + "/recoveries", body), time.time() - opened))
        for reply, elapsed in refusals:
            problem = self.assertProblem(reply, 429, "too-many-recoveries")
            self.assertEqual(problem["field"], "codice_fiscale")
            self.assertWindowEnds(reply, elapsed)
        self.assertSameBesidesTheWait(refusals[0][0], refusals[1][0])

    def test_a_fourth_online_request_for_one_code_is_refused_alike_whether_or_not_it_holds_a_pin(self):
        holder, _ = self.office_holder()
        stranger = self.server.person()
        refusals = []
        for person in (holder, stranger):
            opened = time.time()
            for i in range(3):
                reply = self.c.post(API + "/pin-requests", person)
                self.assertEqual(reply.status, 202, (i, reply))
            refusals.append((self.c.post(API + "/pin-requests", person), time.time() - opened))
        for reply, elapsed in refusals:
            self.assertProblem(reply, 429, "too-many-requests")
            self.assertWindowEnds(reply, elapsed)
        self.assertSameBesidesTheWait(refusals[0][0], refusals[1][0])

    def assertSameBesidesTheWait(self, one, other):
        """A holder's refusal and a stranger's say the same; only the seconds left of each window may differ."""
        bodies = [json.loads(reply.body) for reply in (one, other)]
        for body in bodies:
            body.pop("retry_after")
        self.assertEqual(bodies[0], bodies[1])
        self.assertEqual(len(one.body), len(other.body))

    def assertWindowEnds(self, reply, elapsed):
        """The window is fixed and opened by the first use: the wait is what is left of its 24 hours. The server
        counts whole seconds, so a second boundary between the first use and the refusal takes one off (more on
        a slow build)."""
        wait = self.retry_after(reply)
        self.assertLessEqual(wait, 24 * 3600)
        self.assertGreaterEqual(wait, 24 * 3600 - math.ceil(elapsed) - 1)


class AddressAllowanceTest(ServerTestCase):
    settings = {"limits_address_per_hour": 5, "limits_address_burst": 5}

    def test_one_address_spends_its_allowance_a_typo_costs_nothing_and_another_address_goes_on(self):
        person = self.server.person()
        recovery = {"codice_fiscale": person["codice_fiscale"], "mobile": person["mobile"], "email": person["email"]}
        for _ in range(10):  # malformed: refused on their field, given back
            self.assertProblem(self.c.post(API + "/recoveries", dict(recovery, codice_fiscale="RSSMRA85T10H501X")),
                               422, "invalid-cf-check-character")
        for i in range(5):
            self.assertEqual(self.c.post(API + "/recoveries", recovery).status, 202, i)
        refused = self.c.post(API + "/pin-requests", self.server.person())
        self.assertProblem(refused, 429, "too-many-from-address")
        self.assertGreater(self.retry_after(refused), 0)
        # 127.0.0.2 is loopback too, and another address.
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30, source_address=("127.0.0.2", 0))
        try:
            _, status, _, body = post_json(conn, API + "/recoveries", recovery)
        finally:
            conn.close()
        self.assertEqual(status, 202, body)


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
