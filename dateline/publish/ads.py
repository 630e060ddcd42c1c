"""Ad slots per site (``Site.ads`` from the network TOML): the network's snippet only after ads consent.

Configuration, per slot: ``sidebar = "https://ads.example/tag.js"`` or
``[sites.ads.sidebar] script = "https://…/tag.js"  house = "Advertise here"  house_url = "/privacy/"``.
Without consent the slot shows the house ad, which loads nothing from elsewhere (THREATS GDPR-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_HOUSE = "Subscribe free to our daily newsletters"


@dataclass(frozen=True)
class AdSlot:
    name: str
    script: str  # the ad network's script URL, empty for a house ad
    house: str
    house_url: str


def _script_url(value: object) -> str:
    url = str(value or "")
    parts = urlsplit(url)
    return url if parts.scheme in ("https", "http") and parts.hostname else ""


def slots(config: dict, *, ads_allowed: bool) -> list[AdSlot]:
    result = []
    for name, value in sorted((config or {}).items()):
        spec = value if isinstance(value, dict) else {"script": value}
        script = _script_url(spec.get("script")) if ads_allowed else ""
        result.append(AdSlot(name=str(name), script=script, house=str(spec.get("house") or DEFAULT_HOUSE),
                             house_url=str(spec.get("house_url") or "#newsletter")))
    return result


def origins(ad_slots: list[AdSlot]) -> list[str]:
    """Origins the page needs in its CSP because consented ad scripts load from them."""
    found = []
    for slot in ad_slots:
        if slot.script:
            parts = urlsplit(slot.script)
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in found:
                found.append(origin)
    return found


def csp_with(base: dict, extra_origins: list[str]) -> dict:
    """The site's CSP plus the ad origins for scripts, frames, images and connections."""
    policy = {k: list(v) for k, v in base.items()}
    for directive in ("script-src", "frame-src", "img-src", "connect-src"):
        policy[directive] = [*policy.get(directive, ["'self'"]), *extra_origins]
    return policy
