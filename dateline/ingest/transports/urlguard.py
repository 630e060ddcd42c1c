"""The URL and address rules of the egress guard live in ``dateline.core.urlguard`` (pure, stdlib only),
so that the network loader can refuse a source URL when it is configured and the fetcher before every hop
apply the same rules (THREATS SSRF-1)."""

from dateline.core.urlguard import (
    DENY_NETWORKS,
    MAX_URL_LENGTH,
    PUBLIC_MESSAGE,
    EgressError,
    EgressRefused,
    FetchFailed,
    IPAddress,
    Target,
    address_refusal,
    allowed_private,
    check_url,
    normalise_allow,
)

__all__ = [
    "DENY_NETWORKS", "MAX_URL_LENGTH", "PUBLIC_MESSAGE", "EgressError", "EgressRefused", "FetchFailed", "IPAddress", "Target",
    "address_refusal", "allowed_private", "check_url", "normalise_allow",
]
