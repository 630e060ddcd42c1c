"""SSRF-5: one egress module. No other production module can open an outbound connection."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.checks.registry import registry

import dateline
from dateline.ingest import checks

ROOT = Path(dateline.__file__).parent
EGRESS = ROOT / "ingest" / "transports" / "egress.py"
FORBIDDEN_MODULES = {"requests", "httpx", "urllib3", "urllib.request", "http.client", "aiohttp", "pycurl",
                     "ftplib", "telnetlib", "xmlrpc.client"}
FORBIDDEN_NAMES = {"create_connection", "urlopen", "urlretrieve"}


def production_modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.relative_to(ROOT).parts)


def egress_paths(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if _forbidden(node.module) or (node.module in {"socket", "urllib"}
                                           and any(a.name in FORBIDDEN_NAMES | {"request"} for a in node.names)):
                found.append(node.module)
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
            found.append(node.attr)
        elif isinstance(node, ast.Attribute) and node.attr == "socket" and getattr(node.value, "id", "") == "socket":
            found.append("socket.socket")
    return found


def _forbidden(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in FORBIDDEN_MODULES)


def test_ssrf5_only_the_egress_module_opens_connections():
    offenders = {str(p.relative_to(ROOT)): hits for p in production_modules() if p != EGRESS
                 for hits in [egress_paths(p)] if hits}
    assert offenders == {}


def test_ssrf5_the_architecture_test_sees_the_egress_module():
    # Guard against a vacuous pass: the scanner must flag what egress itself uses.
    assert {"http.client", "create_connection"} <= set(egress_paths(EGRESS))


@pytest.mark.parametrize(("version", "errors"), [((3, 12, 3), 1), ((3, 12, 4), 0), ((3, 13, 0), 0)])
def test_ssrf2_python_version_asserted_at_start_up(monkeypatch, version, errors):
    monkeypatch.setattr(checks.sys, "version_info", (*version, "final", 0))
    assert len(checks.python_version_check()) == errors


def test_ssrf2_python_version_check_is_registered():
    assert checks.python_version_check in registry.get_checks()
