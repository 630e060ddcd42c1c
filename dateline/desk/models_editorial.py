"""Desk accounts: an editor's role and site limits, and the login throttle (THREATS WEB-2, WEB-3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dateline.network.models import Site


class EditorProfile(models.Model):
    """A desk account. Editors curate and publish; chief editors also manage sources, network and users.

    ``sites`` empty means every site of the network; otherwise the editor may act only on those sites.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor")
    is_chief = models.BooleanField(default=False)
    sites = models.ManyToManyField(Site, blank=True, related_name="+")

    def __str__(self) -> str:
        role = "chief editor" if self.is_chief else "editor"
        return f"{self.user.username} ({role})"


class LoginThrottle(models.Model):
    """Failed logins counted per account and per client address within a window.

    A lock always ends (its length is capped), and a browser that has logged in to the account
    before (device cookie) is not held by the account lock, so an attacker cannot keep an
    editor out for good by failing on purpose.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", "Account"
        ADDRESS = "address", "Client address"

    scope = models.CharField(max_length=10, choices=Scope.choices)
    key = models.CharField(max_length=200)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_throttle_unique")]
