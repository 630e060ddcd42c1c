"""Signals ingest sends after commit. Only ``dateline.pipeline`` connects them to later stages."""

from django.dispatch import Signal

# Sent once per stored WireItem that is new or a newer version: kwargs ``item`` and ``created``.
wire_item_stored = Signal()
