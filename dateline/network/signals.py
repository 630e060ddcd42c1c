"""Signals the network stage sends after commit; only ``dateline.pipeline`` connects them."""

from django.dispatch import Signal

# ``network load`` changed the configuration (names, hosts, sections, ads, privacy policy version…):
# every page may show it. No kwargs.
network_changed = Signal()
