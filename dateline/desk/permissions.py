"""Who may do what on the desk, checked server-side on every view and action (THREATS WEB-3).

Roles: an *editor* curates and publishes, on every site or only on the sites of their profile;
a *chief editor* also manages sources, network configuration and users, on every site.
Pure questions about a user; views turn a "no" into 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from dateline.desk.models import Placement, Story
from dateline.desk.models_editorial import EditorProfile


def profile_of(user) -> EditorProfile | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_desk_profile", False)
    if cached is False:
        cached = EditorProfile.objects.filter(user=user).prefetch_related("sites").first()
        user._desk_profile = cached
    return cached


def is_editor(user) -> bool:
    return profile_of(user) is not None


def is_chief(user) -> bool:
    profile = profile_of(user)
    return bool(profile and profile.is_chief)


def site_ids(user) -> set[int] | None:
    """The sites the user may act on; ``None`` means all of them (chief editors, unrestricted editors)."""
    profile = profile_of(user)
    if profile is None:
        return set()
    if profile.is_chief:
        return None
    ids = {s.pk for s in profile.sites.all()}
    return ids or None


def may_act_on_site(user, site_id: int) -> bool:
    allowed = site_ids(user)
    return allowed is None or site_id in allowed


def may_view_story(user, story: Story) -> bool:
    """Visible when one of its placements (any state) is on the user's sites."""
    allowed = site_ids(user)
    if allowed is None:
        return True
    return Placement.objects.filter(story=story, site_id__in=allowed).exists()


def may_edit_story(user, story: Story) -> bool:
    """Copy edits, kill, unpublish and schedule change the story on every site it is placed on, so a
    site-limited editor may make them only when all its live or pending placements are on their sites."""
    allowed = site_ids(user)
    if allowed is None:
        return True
    sites = set(Placement.objects.filter(story=story).exclude(state=Placement.State.REJECTED)
                .values_list("site_id", flat=True))
    return bool(sites) and sites <= allowed


def may_decide(user, placements: Iterable[Placement]) -> bool:
    return all(may_act_on_site(user, p.site_id) for p in placements)


def _private(response: HttpResponse) -> HttpResponse:
    # Editorial pages are per user: never stored by a shared cache or the browser (THREATS WEB-9).
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def desk_view(*, chief: bool = False) -> Callable:
    """Require a logged-in editor (and a chief editor when ``chief``); mark the response private."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return _private(redirect_to_login(request.get_full_path()))
            if not is_editor(request.user) or (chief and not is_chief(request.user)):
                raise PermissionDenied("This desk page needs another role.")
            request.desk_chief = is_chief(request.user)  # type: ignore[attr-defined]  (menu only)
            return _private(view(request, *args, **kwargs))

        wrapper.desk_chief_only = chief  # type: ignore[attr-defined]
        return wrapper

    return decorate


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the desk pages anyone may open (login, logout): still never cached (WEB-9)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return _private(view(request, *args, **kwargs))

    return wrapper
