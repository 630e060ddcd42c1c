"""Signals the desk sends after commit; only ``dateline.pipeline`` connects them."""

from django.dispatch import Signal

# A story's public state changed (published, updated, killed, unpublished): kwarg ``story``.
story_changed = Signal()
