"""THREATS WEB-3: every desk URL × every role × a story on the editor's site and on another site.

The table below names each desk route's method, the role it needs and the object it acts on; a
route added without a row fails ``test_web3_every_desk_route_is_in_the_matrix``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from dateline.desk import urls as desk_urls
from dateline.desk.models import AuditLog, Placement, Story
from dateline.desk.tests.ui import factories

# name: (method, who may use it: public / editor / chief, the object it acts on or None)
ROUTES = {
    "inbox": ("GET", "editor", None),
    "login": ("GET", "public", None),
    "logout": ("POST", "public", None),
    "password_reset": ("GET", "public", None),
    "password_reset_sent": ("GET", "public", None),
    "password_reset_confirm": ("GET", "public", "token"),
    "password_reset_done": ("GET", "public", None),
    "bulk": ("POST", "editor", "story"),
    "placement_accept": ("POST", "editor", "placement"),
    "placement_reject": ("POST", "editor", "placement"),
    "placement_move": ("POST", "editor", "placement"),
    "story": ("GET", "editor", "story"),
    "story_edit": ("POST", "editor", "story"),
    "story_state": ("POST", "editor", "story"),
    "audit": ("GET", "editor", None),
    "sources": ("GET", "editor", None),
    "editors": ("GET", "chief", None),
    "source_toggle": ("POST", "chief", None),
    "asset": ("GET", "public", None),
}
ROLES = ["anonymous", "reader", "mars_editor", "all_sites_editor", "chief"]
SITES = {"marsdaily": "marsdaily/mars-exploration", "moondaily": "moondaily/lunar-exploration"}


def test_web3_every_desk_route_is_in_the_matrix():
    assert {p.name for p in desk_urls.urlpatterns} == set(ROUTES)


def _user(role: str):
    if role == "anonymous":
        return None
    if role == "reader":  # a Django account without a desk profile (e.g. an admin-site user)
        return get_user_model().objects.create_user("reader", password=factories.PASSWORD)
    if role == "mars_editor":
        return factories.editor("mars", sites=["marsdaily"])
    if role == "all_sites_editor":
        return factories.editor("any")
    return factories.editor("chief", chief=True)


def _request(name: str, story: Story, site: str) -> tuple[str, str, dict]:
    method, _, target = ROUTES[name]
    placement = story.placements.get()
    kwargs, data = {}, {}
    if target == "placement":
        kwargs = {"pk": placement.pk}
    elif target == "story" and name != "bulk":
        kwargs = {"pk": story.pk}
    elif target == "token":
        kwargs = {"uidb64": "MQ", "token": "set-password"}
    if name == "story_state":
        kwargs["action"] = "reject"
    if name == "asset":
        kwargs = {"name": "desk.js"}
    if name == "source_toggle":
        kwargs, data = {"slug": "afp-wire"}, {"enabled": "0"}
    if name == "bulk":
        data = {"action": "reject", "story": [story.pk]}
    if name == "placement_move":
        data = {"section": factories.Section.objects.get(site__slug=site).pk}
    if name == "story_edit":
        data = {"revision": story.revision, "headline": "Changed by " + name, "body_html": "<p>x</p>"}
    return method, reverse(f"desk:{name}", kwargs=kwargs), data


def _allowed(role: str, site: str, name: str) -> bool:
    _, need, target = ROUTES[name]
    if need == "public":
        return True
    if role in ("anonymous", "reader"):
        return False
    if need == "chief":
        return role == "chief"
    return role != "mars_editor" or site == "marsdaily" or target is None


@pytest.mark.django_db
@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_web3_role_and_site_limits_hold_on_every_desk_route(network, name, role, site):
    story = factories.story(headline=f"Story placed on {site}", suggestions=((SITES[site], 0.6),))
    user = _user(role)
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    method, url, data = _request(name, story, site)
    before = (Story.objects.get(pk=story.pk).state, list(Placement.objects.values_list("state", flat=True)))

    response = client.post(url, data) if method == "POST" else client.get(url)

    need = ROUTES[name][1]
    if _allowed(role, site, name):
        assert response.status_code < 400, (response.status_code, url)
        if need in ("editor", "chief") and method == "POST":
            assert AuditLog.objects.filter(actor=user).exists()  # the action happened, as this user
        return
    after = (Story.objects.get(pk=story.pk).state, list(Placement.objects.values_list("state", flat=True)))
    assert after == before and not AuditLog.objects.filter(actor__isnull=False).exists()
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/desk/login/?next=")
    else:
        assert response.status_code in (403, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/desk/", "/desk/audit/", "/desk/sources/"])
def test_web3_site_limited_editor_sees_nothing_of_other_sites_in_lists(network, path):
    factories.story(headline="Moon story for moon editors", suggestions=((SITES["moondaily"], 0.6),))
    story = factories.story(headline="Mars story", suggestions=((SITES["marsdaily"], 0.6),))
    client = Client(HTTP_HOST="localhost")
    chief = factories.editor("chief", chief=True)
    client.force_login(chief)
    client.post(f"/desk/story/{story.pk}/reject/")
    client.post(f"/desk/story/{Story.objects.get(headline__startswith='Moon').pk}/reject/")
    client.force_login(factories.editor("mars", sites=["marsdaily"]))

    page = client.get(path, {"state": "rejected"})

    assert page.status_code == 200
    assert "Moon story for moon editors" not in page.text


@pytest.mark.django_db
def test_web3_site_limited_editor_cannot_move_a_story_into_another_sites_section(network):
    story = factories.story(headline="Mars story", suggestions=((SITES["marsdaily"], 0.6),))
    client = Client(HTTP_HOST="localhost")
    client.force_login(factories.editor("mars", sites=["marsdaily"]))
    moon = factories.Section.objects.get(site__slug="moondaily")

    client.post(f"/desk/placement/{story.placements.get().pk}/move/", {"section": moon.pk})

    assert not story.placements.filter(section=moon).exists()
    assert story.placements.get().state == Placement.State.SUGGESTED


@pytest.mark.django_db
def test_web3_site_limited_editor_cannot_edit_a_story_also_placed_on_another_site(network):
    story = factories.story(headline="Shared story", suggestions=((SITES["marsdaily"], 0.6),
                                                                  (SITES["moondaily"], 0.5)))
    client = Client(HTTP_HOST="localhost")
    client.force_login(factories.editor("mars", sites=["marsdaily"]))

    assert client.get(f"/desk/story/{story.pk}/").status_code == 200
    response = client.post(f"/desk/story/{story.pk}/edit/", {"revision": 1, "headline": "Hijacked"})

    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).headline == "Shared story"
    # Its own site's placement it may still decide.
    mars = story.placements.get(site__slug="marsdaily")
    assert client.post(f"/desk/placement/{mars.pk}/accept/").status_code == 302
    moon = story.placements.get(site__slug="moondaily")
    assert client.post(f"/desk/placement/{moon.pk}/accept/").status_code == 403
    assert story.placements.get(site__slug="moondaily").state == Placement.State.SUGGESTED
