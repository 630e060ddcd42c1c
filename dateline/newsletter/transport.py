"""How digest bytes leave: Django's SMTP backend (connection kept open) or any other mailer.

SMTP answers are mapped to one outcome per message (RFC 5321 section 4.2.1): 2xx accepted,
4xx temporary (retry later), 5xx permanent (bounce). A dropped or stalled connection is a
temporary failure for the message in flight, and the connection is opened afresh.
"""

from __future__ import annotations

import email
import email.policy
import smtplib
from dataclasses import dataclass

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

# 5xx answers that say the mailbox itself is bad: the address is suppressed (NL-5). Others
# (552 too big, 554 content refused) bounce this message only.
HARD_BOUNCE_CODES = frozenset({550, 551, 553})


@dataclass(frozen=True)
class Outcome:
    ok: bool
    code: int | None = None
    error: str = ""

    @property
    def temporary(self) -> bool:
        return not self.ok and (self.code is None or 400 <= self.code < 500)

    @property
    def hard_bounce(self) -> bool:
        return self.code in HARD_BOUNCE_CODES


class RawEmailMessage(EmailMessage):
    """Pre-rendered bytes for mailers that take EmailMessage objects (files, locmem, console)."""

    def __init__(self, data: bytes, sender: str, recipient: str) -> None:
        super().__init__(from_email=sender, to=[recipient])
        self.raw = data

    def message(self, *, policy=email.policy.default):
        return email.message_from_bytes(self.raw, policy=policy)


class Transport:
    def __init__(self, alias: str = "default") -> None:
        self.backend = mailers[alias]
        self.smtp = isinstance(self.backend, SmtpBackend)

    def send(self, *, sender: str, recipient: str, data: bytes) -> Outcome:
        if not self.smtp:
            self.backend.send_messages([RawEmailMessage(data, sender, recipient)])
            return Outcome(ok=True, code=250)
        try:
            self.backend.open()
            self.backend.connection.sendmail(sender, [recipient], data)
            return Outcome(ok=True, code=250)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            outcome = Outcome(ok=False, code=code, error=_text(text))
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, 421 …
            outcome = Outcome(ok=False, code=exc.smtp_code, error=_text(exc.smtp_error))
        except (smtplib.SMTPException, OSError) as exc:  # dropped connection, timeout, refused
            self.reset()
            return Outcome(ok=False, code=None, error=f"{type(exc).__name__}: {exc}"[:300])
        # smtplib already sent RSET after a refusal, or closed the socket after a 421 (the
        # server is closing the channel, RFC 5321 section 3.8): then open afresh next time.
        if outcome.code == 421:
            self.reset()
        return outcome

    def reset(self) -> None:
        connection, self.backend.connection = getattr(self.backend, "connection", None), None
        if connection is not None:
            try:
                connection.close()
            except OSError:
                pass

    def close(self) -> None:
        if self.smtp:
            try:
                self.backend.close()
            except (smtplib.SMTPException, OSError):
                self.reset()


def _text(value: bytes | str) -> str:
    return (value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))[:300]
