#!/usr/bin/python3
"""A real SMTP server for BioBridge's mail tests (Debian's python3-aiosmtpd).

Listens on 127.0.0.1 at PORT (0: a free port), prints "PORT <n>" once it
listens, and writes each mail it accepts to DIR as <n>.json: the envelope,
the raw message, and what Python's email package (a real MIME parser) reads
in it: decoded headers, the text and HTML parts, and calendar parts.
Recipients whose local part starts with "refuse" are refused with 550.

    smtp_sink.py DIR [PORT]
"""
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("refuse"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {"text": None, "html": None, "calendar": [], "attachments": []}
        for part in message.walk():
            if part.is_multipart():
                continue
            kind = part.get_content_type()
            disposition = part.get_content_disposition()
            if disposition == "attachment":
                parts["attachments"].append({"filename": part.get_filename(), "content_type": kind,
                                             "content": part.get_content() if part.get_content_maintype() == "text"
                                             else part.get_payload(decode=True).decode("utf-8")})
            elif kind == "text/plain":
                parts["text"] = part.get_content()
            elif kind == "text/html":
                parts["html"] = part.get_content()
            elif kind == "text/calendar":
                parts["calendar"].append({"method": part.get_param("method"), "content": part.get_content()})
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {name.lower(): str(value) for name, value in message.items()},
            "raw": raw.decode("utf-8", "replace"),
            **parts,
        }
        path = os.path.join(self.directory, f"{self.count:04d}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(path + ".tmp", path)  # whole files only
        return "250 Message accepted for delivery"


async def main():
    directory = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    os.makedirs(directory, exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = Sink(directory)
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.biobridge.test"), "127.0.0.1", port)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
