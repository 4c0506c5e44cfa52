#!/usr/bin/env python3
"""Failover under load (issue 13), all on loopback: etcd 3.4, two PostgreSQL 15 servers run by Patroni 3 (a primary
and a synchronous standby), haproxy sending connections to whichever Patroni's REST API calls primary, and two
`sportello serve` nodes reaching PostgreSQL through haproxy. Clients log in and ask for PINs on both nodes; after a
warm-up the primary (Patroni and its postmaster) is killed with SIGKILL; the load goes on until the standby has
taken over. Then it reports:
- the seconds without service (the longest stretch, across the kill, with no successful answer);
- acknowledged writes lost (PIN requests answered 202 whose citizen is not in the new primary; sessions answered
  201 that no longer open /me): the target is 0, which synchronous replication promises;
- the errors clients saw, by status;
- whether `sportelloctl audit verify` holds on the new primary.
Not part of make test (it takes a minute or two); exits 1 when a write was lost or the chain does not verify.

Usage: tests/ha/failover.py BUILD_DIR [--warmup S] [--after S] [--clients N]   (as root or as a user who can run
PostgreSQL; needs patroni, etcd-server, haproxy and postgresql-15 from Debian)"""
import argparse
import collections
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import test_api  # noqa: E402
from test_api import API, Client  # noqa: E402

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1] if glob.glob("/usr/lib/postgresql/*/bin") else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(command):
    """As root, the command runs as postgres (PostgreSQL refuses root) in this very process: setpriv execs it, so a
    signal to the Popen reaches Patroni itself (runuser would stand between and not pass it on)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env"] + command


def own(path):
    if os.geteuid() == 0:
        shutil.chown(path, "postgres")


def wait(predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (OSError, RuntimeError):  # not listening yet; psql's failures are RuntimeError
            pass
        time.sleep(0.2)
    raise RuntimeError("timed out waiting for " + what)


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


class Etcd:
    def __init__(self, folder):
        self.port, peer = free_port(), free_port()
        data = os.path.join(folder, "etcd")
        self.log = open(os.path.join(folder, "etcd.log"), "ab")
        self.proc = subprocess.Popen([
            "etcd", "--name", "e1", "--data-dir", data,
            "--listen-client-urls", "http://127.0.0.1:%d" % self.port,
            "--advertise-client-urls", "http://127.0.0.1:%d" % self.port,
            "--listen-peer-urls", "http://127.0.0.1:%d" % peer,
            "--initial-advertise-peer-urls", "http://127.0.0.1:%d" % peer,
            "--initial-cluster", "e1=http://127.0.0.1:%d" % peer], stdout=self.log, stderr=subprocess.STDOUT)
        wait(lambda: http_status("http://127.0.0.1:%d/health" % self.port) == 200, "etcd")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


class Patroni:
    """One PostgreSQL server under Patroni, its REST API on `rest`."""

    def __init__(self, folder, name, etcd):
        self.name = name
        self.dir = os.path.join(folder, name)
        os.makedirs(self.dir)
        own(self.dir)
        self.port, self.rest = free_port(), free_port()
        self.data = os.path.join(self.dir, "data")
        config = {  # JSON is YAML
            "scope": "sportello-ha", "name": name, "log": {"level": "WARNING"},
            "restapi": {"listen": "127.0.0.1:%d" % self.rest, "connect_address": "127.0.0.1:%d" % self.rest},
            "etcd3": {"hosts": "127.0.0.1:%d" % etcd.port},
            "bootstrap": {
                # A leader key that lapses 10 s after its Patroni stopped renewing it: the longest a dead
                # primary keeps the standby from taking over (Patroni wants ttl >= loop_wait + 2 * retry_timeout).
                "dcs": {"ttl": 10, "loop_wait": 2, "retry_timeout": 4, "maximum_lag_on_failover": 1048576,
                        "synchronous_mode": True,
                        "postgresql": {"use_pg_rewind": True,
                                       "parameters": {"wal_log_hints": "on", "max_connections": 200}}},
                "initdb": [{"encoding": "UTF8"}, {"locale": "C.UTF-8"}, "data-checksums"],
                "pg_hba": ["local all all trust", "host all all 127.0.0.1/32 trust",
                           "host replication replicator 127.0.0.1/32 trust"]},
            "postgresql": {
                "listen": "127.0.0.1:%d" % self.port, "connect_address": "127.0.0.1:%d" % self.port,
                "data_dir": self.data, "bin_dir": PG_BIN, "pgpass": os.path.join(self.dir, "pgpass"),
                "authentication": {"superuser": {"username": "postgres", "password": "postgres"},
                                   "replication": {"username": "replicator", "password": "replicator"}},
                "parameters": {"unix_socket_directories": self.dir}},
        }
        path = os.path.join(self.dir, "patroni.yml")
        with open(path, "w") as f:
            json.dump(config, f)
        own(path)
        self.log = open(os.path.join(folder, name + ".log"), "ab")
        self.proc = subprocess.Popen(as_postgres(["patroni", path]), stdout=self.log, stderr=subprocess.STDOUT)

    def is_primary(self):
        return http_status("http://127.0.0.1:%d/primary" % self.rest) == 200

    def is_sync_standby(self):
        return http_status("http://127.0.0.1:%d/sync" % self.rest) == 200

    def kill(self):
        """SIGKILL to Patroni, its postmaster and every PostgreSQL process under it at once: the machine is gone. (A
        backend outlives a killed postmaster until it next waits, and would go on committing for its client.)"""
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        self.proc.kill()
        for pid in [postmaster] + [int(c) for c in children]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class HaProxy:
    def __init__(self, folder, servers):
        self.port = free_port()
        config = os.path.join(folder, "haproxy.cfg")
        with open(config, "w") as f:
            f.write("global\n  maxconn 500\n\ndefaults\n  mode tcp\n  timeout connect 2s\n  timeout client 30m\n"
                    "  timeout server 30m\n  timeout check 2s\n\nlisten postgresql\n  bind 127.0.0.1:%d\n"
                    "  option httpchk GET /primary\n  http-check expect status 200\n"
                    "  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions\n" % self.port)
            for s in servers:
                f.write("  server %s 127.0.0.1:%d check port %d\n" % (s.name, s.port, s.rest))
        self.log = open(os.path.join(folder, "haproxy.log"), "ab")
        self.proc = subprocess.Popen(["haproxy", "-f", config, "-db"], stdout=self.log, stderr=subprocess.STDOUT)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


def psql(url, statement):
    done = subprocess.run(["psql", "--no-psqlrc", "-qAt", "--set=ON_ERROR_STOP=1", "--dbname=" + url,
                           "--command=" + statement], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("psql: " + done.stderr.strip())
    return done.stdout.splitlines()


class HaDatabase:
    """The database the nodes share, through haproxy (for test_api.Server)."""

    def __init__(self, url):
        self.url, self.path, self.name = url, None, None

    def rows(self, query):
        return [tuple(line.split("|")) for line in psql(self.url, query)]

    def scalar(self, query):
        return self.rows(query)[0][0]

    def drop(self):
        pass


class Node:
    """A second `sportello serve` with the first one's environment."""

    def __init__(self, first):
        self.stderr = open(os.path.join(first.tmp.name, "node2.stderr"), "ab")
        self.proc = subprocess.Popen([test_api.SERVER, "serve", "--listen", "127.0.0.1:0"], cwd=first.tmp.name,
                                     env=first.env, stdout=subprocess.PIPE, stderr=self.stderr)
        line = self.proc.stdout.readline().decode()
        while line and not line.startswith("sportello listening on http://"):
            line = self.proc.stdout.readline().decode()
        self.client = Client(int(line.strip().rsplit(":", 1)[1]))
        threading.Thread(target=lambda: self.proc.stdout.read(), daemon=True).start()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(10)
        self.stderr.close()


class Load:
    """Clients on both nodes, each alternating a login (of one of the seeded people, with their shared PIN) and a PIN
    request for a new person; every answer kept."""

    def __init__(self, server, clients, people, threads):
        self.server, self.clients, self.people = server, clients, people
        self.events = []  # (monotonic time, kind, status, detail)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(threads)]
        for t in self.threads:
            t.start()

    def person(self):
        with self.lock:
            return self.server.person()

    def run(self, i):
        n = 0
        while not self.stopping.is_set():
            client = self.clients[(i + n) % len(self.clients)]
            n += 1
            try:
                if n % 2:
                    who = self.people[(i * 7919 + n) % len(self.people)]
                    reply = client.post(API + "/sessions", {"codice_fiscale": who, "pin": "PIN2DEMO"})
                    detail = reply.json().get("token") if reply.status == 201 else None
                    kind = "login"
                else:
                    who = self.person()
                    reply = client.post(API + "/pin-requests", who)
                    detail, kind = who["codice_fiscale"], "request"
                status = reply.status
                if status not in (201, 202):  # the problem's type says which refusal it was
                    detail = (reply.json() or {}).get("type", "") if reply.body else ""
            except OSError as e:
                status, detail, kind = "connection: " + type(e).__name__, None, "error"
            with self.lock:
                self.events.append((time.monotonic(), kind, status, detail))

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build")
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--after", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    test_api.SERVER = os.path.abspath(os.path.join(args.build, "src", "sportello"))
    test_api.CTL = os.path.abspath(os.path.join(args.build, "src", "sportelloctl"))
    for tool in ("patroni", "etcd", "haproxy", "psql"):
        if not shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin"):
            sys.exit("failover: needs %s (apt-get install patroni etcd-server haproxy postgresql-15)" % tool)
    folder = tempfile.mkdtemp(prefix="sportello-ha-")
    os.chmod(folder, 0o755)
    parts = []
    try:
        etcd = Etcd(folder)
        parts.append(etcd)
        pgs = [Patroni(folder, "pg1", etcd), Patroni(folder, "pg2", etcd)]
        parts += pgs
        wait(lambda: any(p.is_primary() for p in pgs), "a primary", 120)
        wait(lambda: any(p.is_sync_standby() for p in pgs), "a synchronous standby", 120)
        proxy = HaProxy(folder, pgs)
        parts.append(proxy)
        admin = "postgresql://postgres@127.0.0.1:%d/postgres" % proxy.port
        # haproxy counts a server up until its first checks fail, so the standby may answer at first: retry.
        wait(lambda: psql(admin, "CREATE DATABASE sportello") == [], "the primary through haproxy")
        database = HaDatabase("postgresql://postgres@127.0.0.1:%d/sportello" % proxy.port)
        # The load measures the database, not the counters that stop one address or one code from flooding.
        server = test_api.Server(database=database, courier_run_in_server=0, server_throttle_per_minute=1000000,
                                 server_throttle_burst=100000, limits_address_per_hour=1000000,
                                 limits_address_burst=1000000)
        parts.append(server)
        server.ctl("demo", "seed", "--citizens", "2000")  # people to log in, each with PIN2DEMO
        people = [row[0] for row in database.rows(
            "SELECT c.codice_fiscale FROM citizens c JOIN credentials k ON k.citizen_id = c.id "
            "WHERE k.state = 'active' AND c.email LIKE '%.%.%@example.it'")]
        second = Node(server)
        parts.append(second)

        load = Load(server, [server.client, second.client], people, args.clients)
        time.sleep(args.warmup)
        primary = next(p for p in pgs if p.is_primary())
        killed_at = time.monotonic()
        primary.kill()
        print("failover: killed %s (the primary) with SIGKILL after %.0f s of load" % (primary.name, args.warmup))
        time.sleep(args.after)
        load.stop()
        standby = next(p for p in pgs if p is not primary)
        report(load.events, killed_at, server, database, standby)
    finally:
        for part in reversed(parts):
            try:
                part.stop() if not isinstance(part, test_api.Server) else (part.stop(), part.cleanup())
            except Exception as e:  # keep stopping the others
                print("failover: stopping %s: %s" % (type(part).__name__, e), file=sys.stderr)
        if os.environ.get("SPORTELLO_HA_KEEP"):
            print("failover: kept " + folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def report(events, killed_at, server, database, standby):
    events.sort()
    ok = [t for t, kind, status, _ in events if status in (201, 202)]
    before = [t for t in ok if t <= killed_at]
    after = [t for t in ok if t > killed_at]
    # The longest stretch without a successful answer, from the last one before the kill on.
    stretch = ([before[-1]] if before else [killed_at]) + after
    outage = max((b - a for a, b in zip(stretch, stretch[1:])), default=float("inf")) if after else float("inf")
    errors = collections.Counter(("%s %s %s" % (kind, status, detail or "")).strip()
                                 for _, kind, status, detail in events if status not in (201, 202))
    failed = [t - killed_at for t, _, status, _ in events if status not in (201, 202)]
    acknowledged = {d for _, kind, status, d in events if kind == "request" and status == 202}
    present = {row[0] for row in database.rows("SELECT codice_fiscale FROM citizens")}
    lost_requests = sorted(acknowledged - present)
    # The sessions most at risk are the ones acknowledged just before the kill; and a few of the last ones.
    tokens = [(t, d) for t, kind, status, d in events if kind == "login" and status == 201]
    sample = [d for t, d in tokens if killed_at - 5 <= t <= killed_at][-300:] + [d for _, d in tokens[-100:]]
    lost_sessions = [t for t in sample if server.client.get(API + "/me", token=t).status != 200]
    try:
        verified = server.ctl("audit", "verify")
    except AssertionError as e:  # exit 1: the chain does not hold, and the message says where
        print("failover: " + str(e), file=sys.stderr)
        verified = {"ok": False}
    summary = {
        "requests": len(events), "answered_ok": len(ok), "seconds_without_service": round(outage, 2),
        "errors_seen_by_clients": dict(errors),
        "errors_from_to_seconds_after_kill": [round(min(failed), 2), round(max(failed), 2)] if failed else None,
        "first_success_after_kill": round(after[0] - killed_at, 2) if after else None, "pin_requests_acknowledged": len(acknowledged),
        "acknowledged_pin_requests_lost": len(lost_requests), "sessions_checked": len(sample),
        "acknowledged_sessions_lost": len(lost_sessions), "audit_chain_verifies": bool(verified.get("ok")),
        "new_primary": standby.name if standby.is_primary() else "none",
    }
    print(json.dumps(summary, indent=2))
    if lost_requests or lost_sessions or not verified.get("ok"):
        sys.exit(1)


if __name__ == "__main__":
    main()
