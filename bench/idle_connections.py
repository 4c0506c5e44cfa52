#!/usr/bin/env python3
"""Opens N idle keep-alive connections to the server, checks that logins are still served meanwhile, and
reports the server's peak resident memory (VmHWM) read from /proc. Usage:
idle_connections.py PID PORT N CF PIN"""
import http.client
import json
import socket
import sys
import time


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    pid, port, count, cf, pin = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    before = rss_kib(pid, "VmRSS")
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        # One request each so the server holds a kept-alive connection with its buffers.
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sockets.append(s)
    for s in sockets:
        s.recv(4096)
    time.sleep(1)
    logins_ok = 0
    started = time.time()
    for _ in range(10):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("POST", "/api/v1/sessions", json.dumps({"codice_fiscale": cf, "pin": pin}),
                  {"Content-Type": "application/json"})
        logins_ok += c.getresponse().status == 201
        c.close()
    elapsed = time.time() - started
    print(f"idle connections open: {len(sockets)}")
    print(f"logins served meanwhile: {logins_ok}/10 in {elapsed:.2f} s")
    print(f"server RSS before: {before / 1024:.1f} MiB, now: {rss_kib(pid, 'VmRSS') / 1024:.1f} MiB, "
          f"peak: {rss_kib(pid, 'VmHWM') / 1024:.1f} MiB")
    for s in sockets:
        s.close()


if __name__ == "__main__":
    main()
