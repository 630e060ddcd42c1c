"""Signals publish sends after commit; only ``dateline.pipeline`` connects them."""

from django.dispatch import Signal

# Articles of a story went live, changed or were withdrawn: kwargs ``story`` and ``articles``.
articles_changed = Signal()
