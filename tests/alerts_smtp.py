"""A real SMTP server (aiosmtpd) on a free loopback port, for the email-alert tests and benchmark."""

import email
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping every message it accepts (parsed), or answering ``fail_with``
    (e.g. "451 4.3.0 Try again later") to DATA while that is set."""

    def __init__(self, keep=True):
        self.keep = keep
        self.messages = []
        self.count = 0
        self.fail_with = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.fail_with:
            return self.fail_with
        with self.lock:
            self.count += 1
            if self.keep:
                message = email.message_from_bytes(envelope.content, policy=policy.default)
                message.envelope_to = list(envelope.rcpt_tos)
                self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.count = 0
            self.fail_with = None


class SMTPServer:
    def __init__(self, keep=True):
        self.inbox = Inbox(keep)
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
