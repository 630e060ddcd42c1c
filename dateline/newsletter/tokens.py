"""Signed tokens carried by newsletter links (THREATS NL-3, NL-4).

No token contains the address: they carry the subscriber's opaque key. Confirmation tokens
expire after 48 hours and are single use (the nonce must still be the subscriber's current
one) and bound to the lists they confirm. Management and unsubscribe tokens never expire,
because the links in old digests must keep working (RFC 8058 section 3.1 asks that the
one-click URI keeps working for as long as mail carrying it may be read).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_MAX_AGE = 48 * 3600
_CONFIRM_SALT = "dateline.newsletter.confirm"
_MANAGE_SALT = "dateline.newsletter.manage"
_UNSUBSCRIBE_SALT = "dateline.newsletter.unsubscribe"
_FORM_SALT = "dateline.newsletter.form-time"


@dataclass(frozen=True)
class ConfirmClaim:
    key: str
    newsletter_ids: tuple[int, ...]
    nonce: str


def confirm_token(*, key: str, newsletter_ids: list[int], nonce: str) -> str:
    return signing.dumps({"k": key, "l": sorted(newsletter_ids), "n": nonce}, salt=_CONFIRM_SALT, compress=True)


def confirm_read(token: str) -> ConfirmClaim | None:
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return ConfirmClaim(key=str(data["k"]), newsletter_ids=tuple(int(i) for i in data["l"]), nonce=str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def manage_signer() -> signing.Signer:
    return signing.Signer(salt=_MANAGE_SALT)


def unsubscribe_signer() -> signing.Signer:
    return signing.Signer(salt=_UNSUBSCRIBE_SALT)


def manage_token(*, key: str, signer: signing.Signer | None = None) -> str:
    """``signer``: one from ``manage_signer()`` reused across a send (building one costs more than signing)."""
    return (signer or manage_signer()).sign(key)


def manage_read(token: str) -> str | None:
    try:
        return manage_signer().unsign(token)
    except signing.BadSignature:
        return None


def unsubscribe_token(*, key: str, newsletter_id: int, signer: signing.Signer | None = None) -> str:
    """Opaque HMAC token for one subscriber and one list (the RFC 8058 one-click URI)."""
    return (signer or unsubscribe_signer()).sign(f"{key}.{newsletter_id}")


def unsubscribe_read(token: str) -> tuple[str, int] | None:
    try:
        value = unsubscribe_signer().unsign(token)
        key, _, newsletter_id = value.rpartition(".")
        return key, int(newsletter_id)
    except (signing.BadSignature, ValueError):
        return None


def form_stamp(now_ts: float) -> str:
    """The subscribe page's time trap: when the form was rendered, signed."""
    return signing.dumps(round(now_ts, 1), salt=_FORM_SALT)


def form_age(stamp: str, now_ts: float) -> float | None:
    try:
        return now_ts - float(signing.loads(stamp, salt=_FORM_SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def email_hash(email: str) -> str:
    """Keyed hash of a normalised address: suppressions and rate limits without keeping the address."""
    return hmac.new(settings.SECRET_KEY.encode(), b"dateline.newsletter.email:" + email.encode(),
                    hashlib.sha256).hexdigest()
