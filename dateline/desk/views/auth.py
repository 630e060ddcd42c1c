"""Log in and out of the desk, with throttling (THREATS WEB-2) and safe ``next`` redirects (WEB-5)."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from dateline.desk import accounts
from dateline.desk.forms import LoginForm
from dateline.desk.permissions import is_editor, private
from dateline.desk.views.common import safe_next


def _render(request: HttpRequest, form: LoginForm, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "desk/login.html", {"form": form, "error": error, "next": safe_next(request)},
                  status=status)


@require_http_methods(["GET", "POST"])
@csrf_protect
@private
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if request.user.is_authenticated and is_editor(request.user):
            return HttpResponseRedirect(safe_next(request))
        return _render(request, LoginForm())
    form = LoginForm(request.POST)
    if not form.is_valid():
        return _render(request, form, "Enter your user name and password.", 400)
    username = form.cleaned_data["username"]
    address = accounts.client_address(request)
    trusted = accounts.device_trusted(request, username)
    wait = accounts.locked_for(username=username, address=address, trusted_device=trusted)
    if wait is not None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        return _render(request, LoginForm(initial={"username": username}),
                       f"Too many failed attempts. Try again in {minutes} minute{'s' if minutes > 1 else ''}, "
                       "or ask a chief editor to unlock the account.", 429)
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if user is None or not is_editor(user):
        accounts.login_failed(username=username, address=address)
        # The same words for a wrong password and an unknown or non-desk account: no user enumeration.
        return _render(request, LoginForm(initial={"username": username}),
                       "That user name and password do not match a desk account.", 401)
    accounts.login_succeeded(username=username)
    login(request, user)
    response = HttpResponseRedirect(safe_next(request))
    response.set_cookie(accounts.DEVICE_COOKIE, accounts.device_token(username),
                        max_age=accounts.DEVICE_MAX_AGE, path=reverse("desk:login"), httponly=True,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response


@require_POST
@csrf_protect
@private
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("desk:login"))
