"""The desk in Chromium: log in, accept and see the article live, edit with a correction, reject,
clear the inbox from the keyboard, and an editor limited to one site who cannot act on another."""

from __future__ import annotations

import pytest

from dateline.desk.models import Placement, Story
from dateline.desk.tests.browser.conftest import log_in
from dateline.desk.tests.ui import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _site(port: int, site: str, path: str = "/") -> str:
    return f"http://{site}.localhost:{port}{path}"


def test_log_in_accept_a_suggestion_and_see_the_article_on_its_site(network, page, desk, port):
    factories.editor("chief", chief=True)
    factories.story(headline="Perseverance cores a new rock sample", info_value=0.8)

    log_in(page, desk, "chief")
    page.get_by_role("button", name="Accept: OrbitalMars › ").click()

    page.get_by_text("Published “Perseverance cores a new rock sample”").wait_for()
    assert page.get_by_text("Nothing waiting").is_visible()
    page.goto(_site(port, "marsdaily", "/mars-exploration/"))
    page.get_by_role("link", name="Perseverance cores a new rock sample").first.click()
    assert page.locator("h1").inner_text() == "Perseverance cores a new rock sample"


def test_edit_with_a_correction_changes_the_live_article(network, page, desk, port):
    factories.editor("chief", chief=True)
    story = factories.story(headline="Launch set for Tuesday")
    log_in(page, desk, "chief")
    page.get_by_role("button", name="Accept: OrbitalMars › ").click()
    page.get_by_text("Nothing waiting").wait_for()

    page.goto(f"{desk}story/{story.pk}/")
    page.get_by_label("Headline").fill("Launch set for Wednesday")
    page.get_by_label("Correction note").fill("An earlier version gave the wrong launch day.")
    page.get_by_role("button", name="Save", exact=True).click()

    page.get_by_text("Saved.").wait_for()
    assert page.locator("h1").inner_text() == "Launch set for Wednesday"
    assert "Correction: An earlier version gave the wrong launch day." in page.locator(".correction").inner_text()
    page.goto(_site(port, "marsdaily", "/mars-exploration/"))
    page.get_by_role("link", name="Launch set for Wednesday").first.click()
    assert page.locator("h1").inner_text() == "Launch set for Wednesday"


def test_a_stale_save_in_a_second_tab_is_refused_with_a_clear_message(network, page, desk):
    factories.editor("chief", chief=True)
    story = factories.story(headline="Two editors")
    log_in(page, desk, "chief")
    other = page.context.new_page()
    page.goto(f"{desk}story/{story.pk}/")
    other.goto(f"{desk}story/{story.pk}/")

    page.get_by_label("Headline").fill("First save wins")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    other.get_by_label("Headline").fill("Second save")
    other.get_by_role("button", name="Save", exact=True).click()

    assert "Someone else saved this story" in other.get_by_role("alert").first.inner_text()
    assert other.get_by_label("Headline").input_value() == "Second save"
    story.refresh_from_db()
    assert story.headline == "First save wins"


def test_reject_removes_the_story_from_the_inbox(network, page, desk):
    factories.editor("chief", chief=True)
    story = factories.story(headline="Not for us")
    log_in(page, desk, "chief")

    page.get_by_role("button", name="Reject").click()

    page.get_by_text("Nothing waiting").wait_for()
    story.refresh_from_db()
    assert story.state == Story.State.REJECTED


def test_work_the_inbox_from_the_keyboard(network, page, desk, port):
    factories.editor("chief", chief=True)
    first = factories.story(headline="Most valuable", info_value=0.9)
    second = factories.story(headline="Second story", info_value=0.6)
    third = factories.story(headline="Third story", info_value=0.3)
    fourth = factories.story(headline="Least valuable", info_value=0.1)
    log_in(page, desk, "chief")
    rows = page.locator(".stories > .story")
    assert rows.first.evaluate("el => el === document.activeElement")  # the first story has focus

    page.keyboard.press("j")
    assert "Second story" in page.locator(".story.current h2").inner_text()
    page.keyboard.press("k")
    assert "Most valuable" in page.locator(".story.current h2").inner_text()
    page.keyboard.press("a")                       # accept the top suggestion of "Most valuable"
    page.get_by_text("Published “Most valuable”").wait_for()
    page.keyboard.press("j")                       # on "Third story"
    page.keyboard.press("r")                       # reject it
    page.get_by_role("link", name="Second story").wait_for()
    page.wait_for_function("document.querySelectorAll('.stories > .story').length === 2")
    page.keyboard.press("k")
    page.keyboard.press("x")                       # select "Second story" for a bulk action
    assert page.locator(f"#pick-{second.pk}").is_checked()
    page.keyboard.press("s")                       # change section: the select gets focus
    assert page.evaluate("document.activeElement.name") == "section"
    page.keyboard.press("Escape")
    assert "Second story" in page.evaluate("document.activeElement.innerText")
    page.locator(f"#story-{fourth.pk}").focus()
    page.keyboard.press("s")
    page.keyboard.press("ArrowDown")               # the next section in the list
    page.keyboard.press("Enter")                   # moves "Least valuable" there and publishes it
    page.get_by_text("Published “Least valuable”").wait_for()
    fourth.refresh_from_db()
    assert fourth.state == Story.State.PUBLISHED
    assert fourth.placements.get(state=Placement.State.ACCEPTED).section.slug != "mars-exploration"
    page.locator(f"#story-{second.pk}").focus()
    page.keyboard.press("o")                       # open
    page.wait_for_url(f"{desk}story/{second.pk}/")
    page.go_back()
    page.keyboard.press("?")
    assert not page.locator("#keys").evaluate("el => el.open")

    for story in (first, second, third, fourth):
        story.refresh_from_db()
    assert first.state == Story.State.PUBLISHED and third.state == Story.State.REJECTED
    page.goto(_site(port, "marsdaily", "/mars-exploration/"))
    assert page.get_by_role("link", name="Most valuable").count() >= 1


def test_clear_the_inbox_with_one_key_per_story(network, page, desk):
    factories.editor("chief", chief=True)
    stories = [factories.story(headline=f"Story {n}", info_value=1 - n / 10) for n in range(5)]
    log_in(page, desk, "chief")

    for n in range(5):
        page.locator(".stories > .story.current").wait_for()
        page.keyboard.press("a")
        page.get_by_text(f"Published “Story {n}”").wait_for()

    assert page.get_by_text("Nothing waiting").is_visible()
    assert set(Story.objects.filter(pk__in=[s.pk for s in stories]).values_list("state", flat=True)) == {
        Story.State.PUBLISHED}


def test_an_editor_limited_to_one_site_cannot_act_on_another(network, page, desk):
    factories.editor("mars", sites=["marsdaily"])
    factories.story(headline="Mars story", suggestions=(("marsdaily/mars-exploration", 0.6),))
    moon = factories.story(headline="Moon story", suggestions=(("moondaily/lunar-exploration", 0.6),))
    log_in(page, desk, "mars")

    assert page.get_by_role("link", name="Mars story").is_visible()
    assert page.get_by_role("link", name="Moon story").count() == 0
    assert page.goto(f"{desk}story/{moon.pk}/").status == 404
    page.goto(desk)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    placement = moon.placements.get()
    refused = page.request.post(f"{desk}placement/{placement.pk}/accept/", form={"csrfmiddlewaretoken": token})
    assert refused.status in (403, 404)  # another site's story is as invisible as a missing one
    assert Placement.objects.get(pk=placement.pk).state == Placement.State.SUGGESTED


def test_controls_are_labelled_reachable_by_keyboard_and_focus_is_visible(network, page, desk):
    factories.editor("chief", chief=True)
    story = factories.story(headline="Accessible story", others=("Another agency's version of it",))
    log_in(page, desk, "chief")
    unlabelled = """() => [...document.querySelectorAll('input, select, textarea, button')]
        .filter(el => el.type !== 'hidden')
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !(el.tagName === 'BUTTON' && el.innerText.trim()))
        .map(el => el.outerHTML)"""
    for url in (desk, f"{desk}story/{story.pk}/", f"{desk}audit/", f"{desk}sources/"):
        page.goto(url)
        assert page.evaluate(unlabelled) == [], url

    page.goto(desk)
    page.locator(".skip").focus()
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last control
        seen.add(page.evaluate("document.activeElement.textContent.trim() || document.activeElement.name"))
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", page.evaluate("document.activeElement.outerHTML")
    assert {"Filter", "Apply", "Accessible story"} <= seen


def test_screenshots_of_the_inbox_and_the_story_view(network, page, desk, screenshot_dir):
    factories.editor("chief", chief=True)
    factories.story(headline="Rover finds layered rocks at the delta front", info_value=0.91,
                    body="The rover reached the delta front on Monday and found finely layered rocks, "
                         "mission scientists said.",
                    suggestions=(("marsdaily/mars-exploration", 0.82), ("astrobiology/life-beyond-earth", 0.41)))
    story = factories.story(
        headline="Europe's lunar lander passes its critical design review", info_value=0.74,
        body="The lander passed its critical design review in Noordwijk on Thursday, the agency said, "
             "clearing the way for assembly of the flight model.",
        suggestions=(("moondaily/lunar-exploration", 0.67), ("spaceindustry/launchers", 0.38)),
        others=("The lander passed its final design review in Noordwijk on Thursday, officials said, "
                "clearing the way to build the flight model.",))
    factories.story(headline="Navy tests a new satellite link for ships at sea", info_value=0.52,
                    suggestions=(("spacewar/military-space", 0.58),))
    factories.story(headline="Startup raises funds for a small launcher", info_value=0.33,
                    suggestions=(("spaceindustry/launchers", 0.49),))
    log_in(page, desk, "chief")
    page.keyboard.press("j")
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot_dir / "desk-inbox.png"))
    page.goto(f"{desk}story/{story.pk}/")
    page.set_viewport_size({"width": 1280, "height": 1240})
    page.screenshot(path=str(screenshot_dir / "desk-story.png"))
    assert (screenshot_dir / "desk-inbox.png").stat().st_size > 10_000
