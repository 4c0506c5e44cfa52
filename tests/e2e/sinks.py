"""The courier's far ends for end-to-end tests: the SMTP sink and the HTTP (SMS gateway) sink of
tests/support, started as real processes on free loopback ports, and readers that decode what arrived.
Python standard library, plus aiosmtpd in the sink process (Debian's /usr/bin/python3 has it)."""
import email
import email.policy
import glob
import json
import os
import re
import subprocess
import tempfile
import time

SUPPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"


class Sink:
    """One sink process; `folder` holds what it received."""

    def __init__(self, script, *args, port=0):
        self.tmp = tempfile.TemporaryDirectory(prefix="sportello-sink-")
        self.folder = self.tmp.name
        self.script, self.args = script, args
        self.port = port
        self.proc = None
        self.start()

    def start(self, *extra):
        """Starts (again, on the same port and folder), with `extra` arguments for this run."""
        self.proc = subprocess.Popen([PYTHON, os.path.join(SUPPORT, self.script), "--dir", self.folder,
                                      "--port", str(self.port), *self.args, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening "):
            raise RuntimeError("%s did not start" % self.script)
        self.port = int(line.split()[1])

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()

    def cleanup(self):
        self.stop()
        self.tmp.cleanup()


class SmtpSink(Sink):
    def __init__(self, *args, port=0):
        super().__init__("smtp_sink.py", *args, port=port)

    @property
    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def mails(self):
        """Every message received, parsed, in order of arrival (duplicates included)."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.folder, "*.eml"))):
            with open(path, "rb") as f:
                out.append(email.message_from_bytes(f.read(), policy=email.policy.default))
        return out


class SmsSink(Sink):
    def __init__(self, *args, port=0):
        super().__init__("http_sink.py", *args, port=port)

    @property
    def url(self):
        return "http://127.0.0.1:%d/sms" % self.port

    def requests(self):
        out = []
        for path in sorted(glob.glob(os.path.join(self.folder, "[0-9]*.json"))):
            with open(path, encoding="utf-8") as f:
                out.append(json.load(f))
        return out


def plain_text(mail):
    return mail.get_body(preferencelist=("plain",)).get_content()


def html_text(mail):
    body = mail.get_body(preferencelist=("html",))
    return body.get_content() if body else ""


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


PIN_HALF = r"[A-HJKMNP-Z2-9]{8}"


def secret_from_mail(template, text):
    if template == "recovery_link":
        token = re.search(r"token=(\S+)", text).group(1)
        code = re.search(r"(?:codice|code): (\S+)", text).group(1)
        return token + " " + code
    return re.search(r"(?:PIN è|PIN is): (%s)\b" % PIN_HALF, text).group(1)


def secret_from_sms(text):
    return re.search(r": (%s)\b" % PIN_HALF, text).group(1)


def secret_from_letter(text, label):
    after = text.split(label, 1)[1]
    return re.search(r"\b(%s)\b" % PIN_HALF, after).group(1)


def wait_for(predicate, timeout=20.0, what="a condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.1)
