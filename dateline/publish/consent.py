"""Reader consent (THREATS GDPR-1…6): what the reader chose, kept in one signed, strictly necessary cookie.

Nothing non-essential runs before a choice; a choice is made only by an explicit POST (the consent
view is the one code path that sets the cookie, GDPR-2); a new privacy policy version asks again
(GDPR-5). The cookie holds a pseudonymous id that links the reader's choice to its ConsentRecord.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from dateline.network.selectors import network_get

COOKIE = "dl_consent"
_SALT = "dateline.publish.consent"
# Purposes a reader can grant, each off until ticked (no pre-ticked boxes: CJEU C-673/17 Planet49).
PURPOSES: dict[str, str] = {
    "ads": "Advertising: the ad network's script and its cookies in the ad slots",
    "analytics": "Audience measurement: anonymous statistics about which pages are read",
}
# How long a choice lasts before asking again: six months, the CNIL's recommendation for consent choices.
MAX_AGE_SECONDS = getattr(settings, "DATELINE_CONSENT_MAX_AGE", 183 * 24 * 3600)


@dataclass(frozen=True)
class Choice:
    version: str
    purposes: frozenset[str]
    pid: str

    def allows(self, purpose: str) -> bool:
        return purpose in self.purposes


def new_pid() -> str:
    return secrets.token_hex(16)


def read(request: HttpRequest) -> Choice | None:
    """The reader's choice for the current policy version, or None (then the banner asks)."""
    cached = getattr(request, "_dateline_consent", False)
    if cached is not False:
        return cached
    choice = decode(request.COOKIES.get(COOKIE, ""))
    if choice is not None and choice.version != policy_version():
        choice = None  # the policy changed since the reader chose: ask again (GDPR-5)
    request._dateline_consent = choice  # type: ignore[attr-defined]
    return choice


def decode(raw: str) -> Choice | None:
    """The choice a cookie value carries if its signature holds and it is younger than MAX_AGE_SECONDS.

    No database: the caller compares the version with ``policy_version()``.
    """
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_SALT, max_age=MAX_AGE_SECONDS)
        return Choice(version=str(data["v"]), purposes=frozenset(p for p in data["p"] if p in PURPOSES),
                      pid=str(data["id"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def expires_at(raw: str) -> float:
    """When a cookie value that ``decode`` accepted stops being valid (its signing time + MAX_AGE_SECONDS)."""
    # signing.dumps makes "payload:timestamp:signature", the timestamp in base 62 seconds.
    return signing.b62_decode(raw.rsplit(":", 2)[1]) + MAX_AGE_SECONDS


def policy_version() -> str:
    network = network_get()
    return network.privacy_policy_version if network else "1"


def variant(request: HttpRequest) -> str:
    """What about the page depends on consent: the banner (no choice) or the granted purposes."""
    choice = read(request)
    if choice is None:
        return "ask"
    return "+".join(sorted(choice.purposes)) or "none"


def write(response: HttpResponse, choice: Choice) -> None:
    value = signing.dumps({"v": choice.version, "p": sorted(choice.purposes), "id": choice.pid}, salt=_SALT)
    response.set_cookie(COOKIE, value, max_age=MAX_AGE_SECONDS, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE, path="/")
