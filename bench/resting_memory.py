#!/usr/bin/env python3
"""What sportello's resident memory is made of at rest (issue 16), stage by stage.

Starts `sportello serve` on a fresh SQLite file with the demo data, on a free loopback port, and reads its VmRSS
(/proc/PID/status) after each stage:
  started        listening: the code, the place registry, the pages' templates and texts, SQLite
  pages          the portal's home and login pages and every asset they link, fetched once each
  one login      one right PIN: what a login leaves (Argon2id's working memory is mapped for each hash and
                 unmapped after it, decision 0022)
  logins         logins on every hashing thread at once (as many at a time as the machine has cores)
  /me x 2,000    the read cache and the answers' buffers
Then the resident memory by mapping at the start and at the end: the program, each shared library, and the
anonymous memory (heap, stacks, buffers).

Usage: bench/resting_memory.py [--build build]
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from peer_servers import rss_kib, sportello_env, start_sportello

CF, PIN = "RSSMRA85T10H501O", "PIN2DEMO"  # Mario, of the demo data


def by_mapping(pid):
    """Resident KiB by what is mapped: the program, each shared library, the heap (anonymous memory)."""
    totals, name = {}, None
    with open("/proc/%d/smaps" % pid) as smaps:
        for line in smaps:
            fields = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                name = os.path.basename(fields[5]) if len(fields) > 5 else "anonymous (heap, stacks, buffers)"
                if name == "[heap]":
                    name = "anonymous (heap, stacks, buffers)"
            elif fields[0] == "Rss:":
                totals[name] = totals.get(name, 0) + int(fields[1])
    return totals


def get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as reply:
        return reply.read()


def login(base, who=CF):
    request = urllib.request.Request(base + "/api/v1/sessions", method="POST",
                                     data=json.dumps({"codice_fiscale": who, "pin": PIN}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.load(reply)["token"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sportello-memory-")
    env = sportello_env(work)
    ctl = os.path.join(args.build, "src", "sportelloctl")
    subprocess.run([ctl, "demo", "seed"], env=env, check=True, stdout=subprocess.DEVNULL)
    # Parallel logins of one person are refused once the lockout's reserved attempts pass its allowance: the
    # concurrent logins are of different people (seeded with the demo PIN).
    subprocess.run([ctl, "demo", "seed", "--citizens", "200"], env=env, check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(os.path.join(work, "sportello.db")) as db:
        people = [code for (code,) in db.execute(
            "SELECT codice_fiscale FROM citizens WHERE email LIKE '%.%.%@example.it' LIMIT 64")]
    process, port = start_sportello(args.build, work, env)
    base = "http://127.0.0.1:%d" % port
    pid = process.pid
    stages = [("started", rss_kib([pid]))]
    at_start = by_mapping(pid)

    assets = set()
    for page in ("/", "/accedi"):
        html = get(base + page).decode()
        assets.update(re.findall(r'(?:href|src)="(/(?:static|assets)/[^"#]+)', html))
        for asset in sorted(assets):
            get(base + asset, {"Accept-Encoding": "gzip"})
    stages.append(("pages (%d assets)" % len(assets), rss_kib([pid])))

    login(base)
    stages.append(("one login", rss_kib([pid])))
    cores = os.cpu_count() or 2
    with ThreadPoolExecutor(cores) as pool:
        token = list(pool.map(lambda who: login(base, who), people[:4 * cores]))[0]
    stages.append(("logins, %d at a time" % cores, rss_kib([pid])))

    for _ in range(2000):
        get(base + "/api/v1/me", {"Authorization": "Bearer " + token})
    stages.append(("/me x 2,000", rss_kib([pid])))

    print("| stage | VmRSS MiB | added MiB |\n|---|---|---|")
    previous = 0
    for name, kib in stages:
        print("| %s | %.1f | %s |" % (name, kib / 1024, "%+.1f" % ((kib - previous) / 1024) if previous else "-"))
        previous = kib
    at_end = by_mapping(pid)
    print("\n| mapping | resident at start MiB | at the end MiB |\n|---|---|---|")
    named = sorted(at_end, key=lambda n: -at_end[n])
    for name in named[:8]:
        print("| %s | %.1f | %.1f |" % (name, at_start.get(name, 0) / 1024, at_end[name] / 1024))
    rest = named[8:]
    print("| %d other libraries and files | %.1f | %.1f |" % (len(rest), sum(at_start.get(n, 0) for n in rest) / 1024,
                                                              sum(at_end[n] for n in rest) / 1024))
    process.terminate()
    process.wait(60)


if __name__ == "__main__":
    main()
