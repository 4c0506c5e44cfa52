#!/usr/bin/python3
"""A test SMTP server that keeps what it is given.

Listens on 127.0.0.1 (a given port, or a free one), prints exactly one line `listening <port>` when ready,
and stores every accepted message as DIR/<6-digit seq>.eml, the raw bytes as received (written under a
temporary name, then renamed, so a reader never sees half a file), plus one JSON line per message in
DIR/index.jsonl: {"seq", "mail_from", "rcpt_tos", "message_id", "peer"} (peer = client "host:port", so a
test can tell whether several messages came on one connection). --reject-all answers 550 to every RCPT;
--fail-first N answers 451 to the first N DATA commands. --auth USER:PASSWORD requires that login (AUTH
PLAIN or LOGIN, allowed without TLS: this is a test) before MAIL, answering 530 without it and 535 to a wrong
one. Exits cleanly on SIGTERM or SIGINT.
Debian: python3-aiosmtpd.
"""
import argparse
import asyncio
import email.parser
import email.policy
import json
import logging
import os
import signal
import socket
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class KeepingHandler:
    def __init__(self, folder, reject_all, fail_first):
        self.folder = folder
        self.reject_all = reject_all
        self.failures_left = fail_first
        self.seq = 0
        self.index = open(os.path.join(folder, "index.jsonl"), "a", encoding="utf-8")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_all:
            return "550 5.1.1 Recipient refused by the test sink"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.failures_left > 0:
            self.failures_left -= 1
            return "451 4.3.0 Temporary failure made by the test sink"
        self.seq += 1
        raw = envelope.original_content or envelope.content
        self.store(self.seq, raw)
        self.record(self.seq, envelope, raw, session.peer)
        return "250 2.0.0 Message accepted"

    def store(self, seq, raw):
        final = os.path.join(self.folder, "%06d.eml" % seq)
        temporary = os.path.join(self.folder, ".%06d.eml.part" % seq)
        with open(temporary, "wb") as out:
            out.write(raw)
        os.rename(temporary, final)

    def record(self, seq, envelope, raw, peer):
        headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
        line = {
            "seq": seq,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "message_id": (headers.get("Message-ID") or "").strip(),
            "peer": "%s:%s" % (peer[0], peer[1]) if isinstance(peer, tuple) else str(peer),
        }
        self.index.write(json.dumps(line) + "\n")
        self.index.flush()


def authenticator_for(credentials):
    login, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        matches = (isinstance(auth_data, LoginPassword) and auth_data.login == login.encode()
                   and auth_data.password == password.encode())
        return AuthResult(success=matches, handled=False)  # handled=False: aiosmtpd answers 535

    return authenticate


def session_factory(handler, credentials):
    options = dict(hostname="sink.test", data_size_limit=None, decode_data=False, enable_SMTPUTF8=True)
    if credentials is not None:
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        options.update(auth_required=True, auth_require_tls=False, authenticator=authenticator_for(credentials))
    return lambda: SMTP(handler, **options)


def listening_socket(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


async def serve(args):
    handler = KeepingHandler(args.dir, args.reject_all, args.fail_first)
    sock = listening_socket(args.port)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    server = await loop.create_server(session_factory(handler, args.auth), sock=sock)
    print("listening %d" % sock.getsockname()[1], flush=True)
    await stop.wait()
    server.close()  # clients may still hold connections: do not wait for them
    handler.index.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reject-all", action="store_true")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    args = parser.parse_args()
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
