#!/usr/bin/env python3
"""Several sportello nodes on one PostgreSQL (issue 13), all on loopback: the tests' PostgreSQL cluster, pgbouncer
in transaction mode in front of it, three `sportello serve` processes sharing the database, the keys, the letters'
spool and the mail and SMS sinks, and haproxy balancing requests round robin over them (a fresh connection per
request, so consecutive requests meet different nodes). It checks what one node promised:
- wrong PINs spread over the nodes block exactly as on one, and twenty parallel guesses check one PIN;
- a revocation on one node ends the holder's sessions on the others within `session.read_cache_ttl`;
- every node runs the courier, and each message is delivered exactly once;
- protocol numbers of applications filed at once through every node are unique and without gaps.

Usage: test_cluster.py PATH/TO/sportello PATH/TO/sportelloctl   (needs SPORTELLO_TEST_POSTGRES, haproxy and
pgbouncer; tests/cluster/run starts a PostgreSQL of its own and runs it)"""
import collections
import concurrent.futures
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import backend  # noqa: E402
import test_api  # noqa: E402
from test_api import API, Client, ServerTestCase  # noqa: E402
from test_applications import PDF, multipart, naspi_fields  # noqa: E402

NODES = 3
READ_CACHE_TTL = 1  # session.read_cache_ttl, seconds: the bound of a revocation's reach to the other nodes
GIULIA = ("BNCGLI72C45F205W", "DISP0SIT")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres_user(command):
    """pgbouncer refuses to run as root; the tests' PostgreSQL runs as postgres there too."""
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


def tail(path):
    with open(path, errors="replace") as f:
        return f.read()[-2000:]


def wait_for_port(port, what, proc, log):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("%s exited %d: %s" % (what, proc.returncode, tail(log)))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("%s did not listen on %d: %s" % (what, port, tail(log)))


class PgBouncer:
    """pgbouncer on a loopback port in transaction mode, in front of the test database (one pool for every node)."""

    def __init__(self, folder, database):
        self.dir = os.path.join(folder, "pgbouncer")
        os.makedirs(self.dir)
        match = re.match(r"postgresql://(\w+)@/(\w+)\?host=([^&]+)&port=(\d+)$", database.url)
        user, name, host, port = match.groups()
        self.port = free_port()
        with open(os.path.join(self.dir, "users.txt"), "w") as f:
            f.write('"%s" ""\n' % user)
        with open(os.path.join(self.dir, "pgbouncer.ini"), "w") as f:
            f.write("[databases]\n%s = host=%s port=%s dbname=%s user=%s\n\n" % (name, host, port, name, user))
            f.write("[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = %d\nunix_socket_dir =\n" % self.port)
            f.write("auth_type = trust\nauth_file = %s/users.txt\npool_mode = transaction\n" % self.dir)
            f.write("max_client_conn = 400\ndefault_pool_size = 20\nignore_startup_parameters = extra_float_digits\n")
            f.write("logfile = %s/pgbouncer.log\npidfile = %s/pgbouncer.pid\n" % (self.dir, self.dir))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            for f in os.listdir(self.dir):
                shutil.chown(os.path.join(self.dir, f), "postgres")
        log = os.path.join(self.dir, "pgbouncer.log")
        open(log, "a").close()
        if os.geteuid() == 0:
            shutil.chown(log, "postgres")
        self.proc = subprocess.Popen(as_postgres_user(["pgbouncer", os.path.join(self.dir, "pgbouncer.ini")]),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_for_port(self.port, "pgbouncer", self.proc, log)
        self.url = "postgresql://%s@127.0.0.1:%d/%s" % (user, self.port, name)

    def stop(self):
        # The signal goes to pgbouncer itself (by its pid file): as root, self.proc is runuser, which does not pass
        # it on, and pgbouncer would outlive the test.
        try:
            with open(os.path.join(self.dir, "pgbouncer.pid")) as f:
                os.kill(int(f.read().strip()), signal.SIGINT)  # pgbouncer's immediate shutdown
        except (OSError, ValueError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Node:
    """One more `sportello serve` with the first node's environment: its database, keys, spool and sinks."""

    def __init__(self, first, index):
        self.stderr_path = os.path.join(first.tmp.name, "node%d.stderr" % index)
        self._stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen([test_api.SERVER, "serve", "--listen", "127.0.0.1:0"], cwd=first.tmp.name,
                                     env=first.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._stderr)
        line = self.proc.stdout.readline().decode()
        while line and not line.startswith("sportello listening on http://"):
            line = self.proc.stdout.readline().decode()
        if not line:
            raise RuntimeError("node %d did not start: %s" % (index, tail(self.stderr_path)))
        self.port = int(line.strip().rsplit(":", 1)[1])
        self.client = Client(self.port)
        threading.Thread(target=lambda: self.proc.stdout.read(), daemon=True).start()  # keep the pipe drained

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(test_api.STOP_WITHIN)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self._stderr.close()
        return code


class HaProxy:
    def __init__(self, folder, ports):
        self.port = free_port()
        config = os.path.join(folder, "haproxy.cfg")
        with open(config, "w") as f:
            f.write("global\n  maxconn 2000\n\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n"
                    "  timeout server 30s\n\nfrontend front\n  bind 127.0.0.1:%d\n  default_backend nodes\n\n"
                    "backend nodes\n  balance roundrobin\n  option httpchk GET /healthz\n" % self.port)
            for i, port in enumerate(ports):
                f.write("  server node%d 127.0.0.1:%d check inter 1s\n" % (i + 1, port))
        self.log = os.path.join(folder, "haproxy.log")
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(["haproxy", "-f", config, "-db"], stdout=out, stderr=subprocess.STDOUT)
        wait_for_port(self.port, "haproxy", self.proc, self.log)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class ClusterTest(ServerTestCase):
    settings = {"session_read_cache_ttl": "%ds" % READ_CACHE_TTL, "courier_poll_interval": "1s"}

    @classmethod
    def _start(cls):
        if not backend.POSTGRES:
            raise unittest.SkipTest("needs SPORTELLO_TEST_POSTGRES (tests/CMakeLists.txt sets it; tests/cluster/run too)")
        for tool in ("haproxy", "pgbouncer"):
            if not shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin"):
                raise RuntimeError("the cluster test needs %s (scripts/setup installs it)" % tool)
        folder = tempfile.mkdtemp(prefix="sportello-cluster-")
        os.chmod(folder, 0o755)  # pgbouncer's user reaches its folder inside (no key is kept here)
        cls.folder = folder
        cls.database = backend.TestDatabase(folder)  # a fresh database on the tests' PostgreSQL
        cls.bouncer = PgBouncer(folder, cls.database)
        direct = cls.database.url
        cls.database.url = cls.bouncer.url  # every node, sportelloctl and the checks go through pgbouncer
        cls.direct_url = direct
        cls.server = test_api.Server(database=cls.database, **cls.settings)
        cls.nodes = [Node(cls.server, i) for i in range(2, NODES + 1)]
        cls.ports = [cls.server.port] + [n.port for n in cls.nodes]
        cls.proxy = HaProxy(folder, cls.ports)
        cls.c = Client(cls.proxy.port)
        cls.direct = [cls.server.client] + [n.client for n in cls.nodes]
        cls._office = cls._contact_center = None
        cls.server.ctl("demo", "seed")

    @classmethod
    def _finish(cls):
        keep = os.environ.get("SPORTELLO_CLUSTER_LOGS")  # a folder to keep the nodes' logs in
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in os.listdir(cls.server.tmp.name):
                if name.endswith("stderr") or name == "stderr.txt":
                    shutil.copy(os.path.join(cls.server.tmp.name, name), keep)
            shutil.copy(os.path.join(cls.bouncer.dir, "pgbouncer.log"), keep)
        try:
            codes = [n.stop() for n in cls.nodes]
            if any(code != 0 for code in codes):
                raise AssertionError("a node exited %r after SIGTERM" % codes)
            super()._finish()
        finally:
            cls.proxy.stop()
            cls.bouncer.stop()
            cls.database.drop()
            shutil.rmtree(cls.folder, ignore_errors=True)

    def test_a_request_through_haproxy_meets_every_node(self):
        def readiness_answered():  # by each node, from its own /metrics (haproxy's checks ask /healthz)
            counts = []
            for client in self.direct:
                metrics = client.get("/metrics", headers={"Authorization": "Bearer " + test_api.METRICS_TOKEN})
                self.assertEqual(metrics.status, 200)
                counts.append(sum(float(v) for v in re.findall(r'route="GET /readyz"[^}]*} ([0-9.]+)', metrics.body.decode())))
            return counts
        before = readiness_answered()
        for _ in range(3 * NODES):
            reply = self.c.get("/readyz")
            self.assertEqual(reply.status, 200, reply)
        after = readiness_answered()
        self.assertEqual([a - b for a, b in zip(after, before)], [3] * NODES, "round robin: three each")

    def test_wrong_pins_spread_over_the_nodes_block_as_on_one(self):
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        # Twenty guesses at once, spread over the three nodes: one checks a PIN, the others find the code blocked.
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            replies = list(pool.map(lambda i: self.direct[i % NODES].post(API + "/sessions", {
                "codice_fiscale": cf, "pin": "WRONG%03d" % i}), range(20)))
        kinds = collections.Counter(r.json()["type"] for r in replies)
        self.assertEqual(kinds, {"/problems/wrong-pin": 1, "/problems/blocked": 19}, kinds)
        first_block = self.retry_after(next(r for r in replies if r.status == 401))
        self.assertEqual(first_block, test_api.LOCKOUT_STEP)
        # Even the right PIN waits, on every node.
        for client in self.direct:
            self.assertProblem(client.post(API + "/sessions", {"codice_fiscale": cf, "pin": pin}), 423, "blocked")
        time.sleep(test_api.LOCKOUT_STEP + 0.5)
        second = self.direct[1].post(API + "/sessions", {"codice_fiscale": cf, "pin": "WRONG999"})
        self.assertProblem(second, 401, "wrong-pin")
        self.assertEqual(self.retry_after(second), 2 * test_api.LOCKOUT_STEP, "the second failure counts as the second")
        time.sleep(2 * test_api.LOCKOUT_STEP + 0.5)
        self.assertEqual(self.direct[2].post(API + "/sessions", {"codice_fiscale": cf, "pin": pin}).status, 201)

    def test_a_revocation_on_one_node_ends_the_sessions_on_the_others_within_the_bound(self):
        who, pin = self.office_holder()
        cf = who["codice_fiscale"]
        self.set_personal_pin(cf, pin)
        token = self.direct[0].post(API + "/sessions", {"codice_fiscale": cf, "pin": test_api.PERSONAL_PIN}).json()["token"]
        for client in self.direct:  # every node has the session in its read cache
            self.assertEqual(client.get(API + "/me", token=token).status, 200)
        revoked = self.direct[2].post(API + "/pin/revocation", {"pin": test_api.PERSONAL_PIN}, token=token)
        self.assertEqual(revoked.status, 200, revoked)
        at = time.monotonic()
        ended = {}
        while len(ended) < NODES and time.monotonic() - at < READ_CACHE_TTL + 5:
            for i, client in enumerate(self.direct):
                if i not in ended and client.get(API + "/me", token=token).status == 401:
                    ended[i] = time.monotonic() - at
            time.sleep(0.05)
        print("revocation reached the nodes after %s s" % {i + 1: round(t, 2) for i, t in ended.items()}, file=sys.stderr)
        self.assertEqual(len(ended), NODES, ended)
        self.assertLessEqual(max(ended.values()), READ_CACHE_TTL + 0.5, ended)

    def test_every_node_runs_the_courier_and_each_message_goes_once(self):
        s = self.server
        mark = s.outbox_mark()
        people = [s.person() for _ in range(30)]
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            replies = list(pool.map(lambda who: self.c.post(API + "/pin-requests", who), people))
        self.assertEqual([r for r in replies if r.status != 202], [])

        def all_sent():
            fresh = [m for m in s.outbox() if m["id"] > mark]
            return fresh if fresh and all(m["status"] == "sent" for m in fresh) else None
        sent = test_api.sinks.wait_for(all_sent, what="every new message to be sent", timeout=60)
        self.assertGreaterEqual(len(sent), len(people))
        mails = collections.Counter(m["Message-ID"] for m in s.smtp.mails())
        sms = collections.Counter(r["body"]["reference"] for r in s.sms.requests())
        twice = [k for k, n in list(mails.items()) + list(sms.items()) if n > 1]
        self.assertEqual(twice, [], "delivered more than once")
        for m in sent:
            row = s.delivered(m)
            self.assertTrue(row.get("text"), row)

    def test_protocol_numbers_of_filings_at_once_through_every_node_are_unique_and_without_gaps(self):
        token = self.login(*GIULIA).json()["token"]

        def file(i):
            body, content_type = multipart(naspi_fields("cluster-%d-%s" % (i, uuid.uuid4().hex[:8])),
                                           [("lettera.pdf", PDF)])
            return self.c.post(API + "/me/applications", raw=body, content_type=content_type, token=token)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            replies = list(pool.map(file, range(24)))
        for reply in replies:
            self.assertEqual(reply.status, 201, reply)
        numbers = sorted(int(r.json()["protocol"].rsplit(".", 1)[1]) for r in replies)
        self.assertEqual(len(set(numbers)), len(numbers), numbers)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(numbers))), "no gap")


if __name__ == "__main__":
    test_api.SERVER = os.path.abspath(sys.argv.pop(1))
    test_api.CTL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
