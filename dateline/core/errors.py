"""Errors shared by every stage. Each carries a stable reason code for quarantine and logs."""

from __future__ import annotations


class DatelineError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


class ConfigError(DatelineError):
    """A configuration file is invalid; the message names the file, key and problem."""

    code = "config_invalid"

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {key}: {problem}")
