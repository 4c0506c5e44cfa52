#!/usr/bin/python3
"""Prints, as one JSON list, the mails an SMTP sink (smtp_sink.py) kept in DIR, in order of arrival:
[{"seq", "to", "subject", "message_id", "text"}], "text" being the decoded text/plain part. For tests in
languages without a MIME parser of their own (the browser tests). Usage: mailbox.py DIR
"""
import email
import email.policy
import glob
import json
import os
import sys


def main():
    folder = sys.argv[1]
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.eml"))):
        with open(path, "rb") as f:
            mail = email.message_from_bytes(f.read(), policy=email.policy.default)
        part = mail.get_body(preferencelist=("plain",))
        out.append({"seq": int(os.path.basename(path)[:-4]), "to": str(mail["To"]), "subject": str(mail["Subject"]),
                    "message_id": str(mail["Message-ID"]), "text": part.get_content() if part else ""})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
