"""Dateline: wire-to-web publishing for networks of topical news sites."""

__version__ = "0.1.0"
