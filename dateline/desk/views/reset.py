"""Password reset for desk accounts. The link in the email is built from the Network record and the
configured public scheme and port, never from the request's Host header (THREATS WEB-6)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from dateline.desk.models_editorial import EditorProfile
from dateline.desk.permissions import private
from dateline.network.selectors import network_get


def network_domain() -> str:
    """``host[:port]`` of the network index as configured, e.g. ``localhost:8000``."""
    network = network_get()
    host = network.host if network else "localhost"
    port = settings.DATELINE_PUBLIC_PORT
    return f"{host}:{port}" if port and port not in (80, 443) else host


class DeskPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        # Only desk accounts: this form must not become a way to mail arbitrary users of the install.
        desk_users = EditorProfile.objects.values("user_id")
        return (u for u in super().get_users(email) if desk_users.filter(user_id=u.pk).exists())

    def save(self, **kwargs):
        kwargs.update(domain_override=network_domain(), use_https=settings.DATELINE_PUBLIC_SCHEME == "https")
        return super().save(**kwargs)


@method_decorator(private, name="dispatch")
class ResetRequest(auth_views.PasswordResetView):
    form_class = DeskPasswordResetForm
    template_name = "desk/reset_request.html"
    email_template_name = "desk/reset_email.txt"
    subject_template_name = "desk/reset_subject.txt"
    success_url = reverse_lazy("desk:password_reset_sent")


@method_decorator(private, name="dispatch")
class ResetSent(auth_views.PasswordResetDoneView):
    template_name = "desk/reset_sent.html"


@method_decorator(private, name="dispatch")
class ResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "desk/reset_confirm.html"
    success_url = reverse_lazy("desk:password_reset_done")


@method_decorator(private, name="dispatch")
class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = "desk/reset_done.html"
