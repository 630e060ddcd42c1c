"""Routing: zero-shot keywords, a learned TF-IDF + LinearSVC model, editors' RE2 rules (ROUTE-1)."""

from __future__ import annotations

import io
import json
import time

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dateline.core import clock
from dateline.desk import services
from dateline.desk.models import Placement, RoutingExample, RoutingRule, Story
from dateline.desk.routing import model as routing_model
from dateline.desk.routing import rules
from dateline.desk.routing import store as routing_store
from dateline.network.models import Section

TOPICS = {
    "marsdaily/mars-exploration": "rover crater martian dust sample drill jezero regolith dune",
    "spaceindustry/launchers": "rocket booster liftoff pad engine stage fairing countdown",
    "spacewar/superpowers": "summit sanctions kremlin alliance treaty deterrence diplomat",
}


def archive(n_per_topic: int = 30) -> list[dict]:
    rng = np.random.default_rng(3)
    records = []
    for label, words in TOPICS.items():
        vocab = words.split()
        for i in range(n_per_topic):
            body = " ".join(rng.choice(vocab, size=12)) + f" report {i}"
            records.append({"headline": " ".join(rng.choice(vocab, size=4)), "body": body, "section": label})
    return records


def test_the_fast_one_document_vector_equals_scikit_learns():
    texts = [f"{r['headline']}\n{r['body']}" for r in archive()]
    model = routing_model.train(texts, [r["section"] for r in archive()])
    x = model.vec.transform(["the rover drilled a martian dune near the pad"]).tocsr()
    idx, values = model.vector("the rover drilled a martian dune near the pad")
    dense = np.zeros(x.shape[1])
    dense[idx] = values
    assert np.allclose(dense, x.toarray()[0], atol=1e-6)


def test_every_section_gets_its_own_confidence_and_explanation_terms():
    records = archive()
    model = routing_model.train([f"{r['headline']}\n{r['body']}" for r in records], [r["section"] for r in records])
    top = model.predict("Rover drills into martian crater dust", top=3)
    assert top[0].label == "marsdaily/mars-exploration" and top[0].confidence > 0.5
    assert set(top[0].terms) & {"rover", "drills", "martian", "crater", "dust"}
    assert top[-1].confidence < 0.5  # independent scores, not a distribution forced to sum to 1


@pytest.mark.django_db
def test_route_train_imports_an_archive_and_new_stories_route_by_it(network, wire, tmp_path):
    path = tmp_path / "archive.jsonl"
    lines = [json.dumps(r) for r in archive()] + [json.dumps({"headline": "x", "section": "no/such"}), "", "[1]"]
    path.write_text("\n".join(lines))
    out = io.StringIO()
    call_command("route", "train", str(path), stdout=out)
    assert "imported 90 records, skipped 1" in out.getvalue() and "'no/such'" in out.getvalue()
    assert routing_store.model_path().exists() and RoutingExample.objects.count() == 90
    story = services.story_from_item(item=wire("afp-wire", "r", "Regolith and dune study",
                                               "The drill sampled regolith at a dune in the crater."))
    placement = Placement.objects.get(story=story, section__slug="mars-exploration")
    assert set(placement.explanation) & {"regolith", "dune", "drill", "crater"}


@pytest.mark.django_db
def test_route_evaluate_reports_both_models_as_json(tmp_path):
    train, test = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    records = archive(40)
    train.write_text("\n".join(json.dumps(r) for r in records[::2]))
    test.write_text("\n".join(json.dumps(r) for r in records[1::2]))
    out = io.StringIO()
    call_command("route", "evaluate", "--train", str(train), "--test", str(test), "--json", stdout=out)
    run = json.loads(out.getvalue())["runs"][0]
    for name in ("dateline", "baseline"):
        assert set(run[name]) >= {"accuracy", "macro_f1", "per_label"}
        assert run[name]["accuracy"] > 0.8
    assert set(run["dateline"]["per_label"]) == set(TOPICS)


def test_route_evaluate_on_the_huffpost_file(corpus):
    path = corpus / "topics" / "huffpost-news-category" / "News_Category_Dataset_v3.first10000.jsonl"
    out = io.StringIO()
    call_command("route", "evaluate", "--train", str(path), "--holdout", "1000", "--sizes", "500",
                 "--text-fields", "headline,short_description", "--label-field", "category", "--json", stdout=out)
    run = json.loads(out.getvalue())["runs"][0]
    assert run["train_records"] == 500 and run["test_records"] == 1000
    assert run["dateline"]["accuracy"] > 0.4 and run["baseline"]["accuracy"] > 0.4


def test_route1_a_catastrophic_pattern_runs_in_linear_time():
    rule = rules.Rule(section=1, pattern=r"(a+)+$", include=True)
    headline = "a" * 100_000 + "!"
    started = time.perf_counter()
    assert rules.matching([rule], headline) == (set(), set())
    assert time.perf_counter() - started < 0.1


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?=launch)", r"((a{100}){100}){100}", "x" * 600])
def test_route1_backtracking_features_and_huge_patterns_are_refused(pattern):
    with pytest.raises(rules.RuleError):
        rules.validate(pattern)


@pytest.mark.django_db
def test_route1_editor_rules_force_a_section_in_or_out(network, wire):
    moon = Section.objects.get(slug="lunar-exploration")
    mars = Section.objects.get(slug="mars-exploration")
    RoutingRule.objects.create(section=moon, pattern=r"\bselene\b")
    RoutingRule.objects.create(section=mars, pattern=r"dust\s+devil", effect=RoutingRule.Effect.EXCLUDE)
    RoutingRule.objects.create(section=mars, pattern=r"(a)\1")  # invalid: never matches, never raises
    story = services.story_from_item(item=wire("afp-wire", "rule", "Selene camera sees a dust devil on Mars",
                                               "The rover on Mars filmed a dust devil crossing Jezero crater."))
    sections = set(Placement.objects.filter(story=story).values_list("section__slug", flat=True))
    assert "lunar-exploration" in sections and "mars-exploration" not in sections
    assert Placement.objects.get(story=story, section=moon).explanation[0] == "rule"


@pytest.mark.django_db
def test_editor_decisions_train_the_model_after_enough_of_them(network, wire, monkeypatch):
    monkeypatch.setattr(routing_store, "RETRAIN_AFTER", 4)
    editor = get_user_model().objects.create_user("ed")
    assert services.router_retrain_due() == {}  # nothing to learn from yet
    texts = {"mars-exploration": ["Rover drills martian rock", "Orbiter maps dust storm over Tharsis"],
             "launchers": ["Rocket booster lands on pad", "Engine test fire ahead of maiden flight"]}
    for slug, pair in texts.items():
        for i, text in enumerate(pair):
            story = services.story_from_item(item=wire("afp-wire", f"{slug}{i}", text, text))
            section = Section.objects.get(slug=slug)
            Placement.objects.update_or_create(story=story, section=section, defaults={
                "site": section.site, "confidence": 0.5, "state": Placement.State.ACCEPTED,
                "decided_by": editor, "decided_at": clock.now()})
    meta = services.router_retrain_due()
    assert meta["decisions"] >= 4 and meta["labels"] == 2 and routing_store.model_path().exists()
    assert services.router_retrain_due() == {}  # not again until new decisions or the schedule


@pytest.mark.django_db
def test_rerouting_never_changes_an_editors_decision(network, wire):
    story = services.story_from_item(item=wire("afp-wire", "d", "Rover crosses Jezero crater on Mars",
                                               "The Mars rover Perseverance crossed the martian crater floor."))
    editor = get_user_model().objects.create_user("ed")
    placement = Placement.objects.filter(story=story).first()
    Placement.objects.filter(pk=placement.pk).update(state=Placement.State.REJECTED, decided_by=editor)
    services.story_route(story=Story.objects.get(pk=story.pk))
    placement.refresh_from_db()
    assert placement.state == Placement.State.REJECTED and placement.decided_by == editor


def test_a_label_map_folds_labels_and_star_maps_the_rest():
    from dateline.desk.routing.evaluate import relabel

    assert relabel(["POLITICS", "CRIME", "WEDDINGS"], {"POLITICS": "news", "CRIME": "news", "*": "lifestyle"}) \
        == ["news", "news", "lifestyle"]
