"""Start-up checks of the ingest stage (Django system checks)."""

from __future__ import annotations

import sys

from django.core.checks import Error, register

# ipaddress.is_global / is_private were wrong for several IPv4/IPv6 ranges before 3.12.4 (CVE-2024-4032);
# the egress guard relies on them (THREATS SSRF-2).
MIN_PYTHON = (3, 12, 4)


@register()
def python_version_check(app_configs=None, **kwargs) -> list[Error]:
    if sys.version_info[:3] < MIN_PYTHON:
        return [Error(
            f"Python {'.'.join(map(str, sys.version_info[:3]))} is too old for the egress guard",
            hint="Use Python 3.12.4 or newer: earlier ipaddress versions misclassify private ranges (CVE-2024-4032).",
            id="dateline.ingest.E001",
        )]
    return []
