#!/usr/bin/python3
"""A test HTTP server that keeps every POST it is given.

Listens on 127.0.0.1 (a given port, or a free one), prints exactly one line `listening <port>` when ready,
and stores each POST as DIR/<6-digit seq>.json = {"path", "headers": {lower-case name: value}, "body": parsed
JSON or the raw text} (written under a temporary name, then renamed). Answers --status (default 202) with a
small JSON body; with --fail-first N the first N requests get 503 instead (and are stored all the same).
Keeps connections alive (HTTP/1.1). Exits cleanly on SIGTERM or SIGINT. Standard library only.
"""
import argparse
import http.server
import json
import os
import signal
import threading


class Recorder:
    def __init__(self, folder, status, fail_first):
        self.folder = folder
        self.status = status
        self.failures_left = fail_first
        self.seq = 0
        self.lock = threading.Lock()

    def next(self):
        """The request's sequence number and the status to answer it with."""
        with self.lock:
            self.seq += 1
            if self.failures_left > 0:
                self.failures_left -= 1
                return self.seq, 503
            return self.seq, self.status

    def store(self, seq, record):
        final = os.path.join(self.folder, "%06d.json" % seq)
        temporary = os.path.join(self.folder, ".%06d.json.part" % seq)
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(temporary, final)


def parsed(raw):
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def handler_for(recorder):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            seq, status = recorder.next()
            headers = {name.lower(): value for name, value in self.headers.items()}
            recorder.store(seq, {"path": self.path, "headers": headers, "body": parsed(raw)})
            answer = json.dumps({"id": "sink-%06d" % seq, "status": status}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--status", type=int, default=202)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    recorder = Recorder(args.dir, args.status, args.fail_first)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(recorder))
    server.daemon_threads = True
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    print("listening %d" % server.server_address[1], flush=True)
    while not stop.wait(0.1):
        pass
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
