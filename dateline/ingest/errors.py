"""The ingest parse error, outside the ``formats`` package so ``xmlsafe`` can raise it without a cycle."""

from __future__ import annotations


class FormatError(Exception):
    """The document cannot be parsed. ``code`` is a stable reason for quarantine."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
