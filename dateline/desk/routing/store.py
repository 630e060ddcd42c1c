"""Routing against the live network: the stored model, its training data, and the combined score.

A section's confidence for a story is the highest of
  * the zero-shot keyword score (section keywords and title; works before any training), and
  * the learned model's confidence for that section (TF-IDF + LinearSVC, ``routing.model``),
then editors' RE2 rules (``RoutingRule``) force a section in (at least its review threshold) or out.

The model is trained from the imported archive (``RoutingExample``, ``dateline route train``) plus
every editor decision (accepted placements with ``decided_by`` set; the router's own automatic
acceptances are not fed back). It lives in ``<data dir>/routing/router.pkl`` with ``router.json``
beside it (when and on how much it was trained). It is retrained by the worker's schedule every
``RETRAIN_EVERY`` when there is new data, and as soon as ``RETRAIN_AFTER`` new decisions arrived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

from dateline.core import clock
from dateline.desk.models import Placement, RoutingExample, RoutingRule, Story
from dateline.desk.routing import model as routing_model
from dateline.desk.routing import rules as routing_rules
from dateline.desk.routing.keywords import SectionProfile, keyword_scores
from dateline.network.models import Section

RETRAIN_AFTER = 50
RETRAIN_EVERY = timedelta(hours=24)
MODEL_TOP = 5
MAX_TEXT = 4000  # characters of body used for routing: the lead paragraphs decide the topic

_cache: tuple[Path, int, routing_model.RoutingModel] | None = None


def reset_cache() -> None:
    global _cache
    _cache = None


def model_dir() -> Path:
    return Path(settings.DATA_DIR) / "routing"


def model_path() -> Path:
    return model_dir() / "router.pkl"


def label(section: Section) -> str:
    return f"{section.site.slug}/{section.slug}"


def story_text(story: Story) -> str:
    return f"{story.headline}\n{story.summary}\n{story.body_text[:MAX_TEXT]}"


def current_model() -> routing_model.RoutingModel | None:
    """The stored model, reloaded when another process replaced the file."""
    global _cache
    path = model_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    if _cache is None or _cache[0] != path or _cache[1] != mtime:
        _cache = (path, mtime, routing_model.load(path))
    return _cache[2]


def read_meta() -> dict:
    try:
        return json.loads((model_dir() / "router.json").read_text())
    except (FileNotFoundError, ValueError):
        return {}


def training_data() -> tuple[list[str], list[str]]:
    sections = {s.pk: label(s) for s in Section.objects.select_related("site")}
    texts, labels = [], []
    for headline, text, section_id in RoutingExample.objects.values_list("headline", "text", "section_id") \
            .iterator(chunk_size=5000):
        texts.append(f"{headline}\n{text[:MAX_TEXT]}")
        labels.append(sections[section_id])
    decided = (Placement.objects.filter(state=Placement.State.ACCEPTED, decided_by__isnull=False)
               .select_related("story").order_by("pk"))
    for placement in decided.iterator(chunk_size=2000):
        texts.append(story_text(placement.story))
        labels.append(sections[placement.section_id])
    return texts, labels


def decisions_count() -> int:
    return Placement.objects.filter(decided_by__isnull=False).count()


def retrain() -> dict:
    """Train on the archive plus editor decisions and store the model; {} when there is too little data."""
    texts, labels = training_data()
    meta = {"trained_at": clock.now().isoformat(), "records": len(texts), "labels": len(set(labels)),
            "decisions": decisions_count(), "examples": RoutingExample.objects.count()}
    model_dir().mkdir(parents=True, exist_ok=True)
    if len(set(labels)) >= 2:
        routing_model.save(routing_model.train(texts, labels), model_path())
    # Written even when there was too little to learn, so the schedule waits for new data before trying again.
    (model_dir() / "router.json").write_text(json.dumps(meta | {"model": len(set(labels)) >= 2}, indent=2))
    return meta if meta["labels"] >= 2 else {}


def retrain_due(*, now: datetime) -> bool:
    meta = read_meta()
    decisions = decisions_count()
    if not meta:
        return decisions > 0 or RoutingExample.objects.exists()
    new_decisions = decisions - int(meta.get("decisions", 0))
    if new_decisions >= RETRAIN_AFTER:
        return True
    trained_at = datetime.fromisoformat(meta["trained_at"])
    changed = new_decisions > 0 or RoutingExample.objects.count() != meta.get("examples")
    return changed and now - trained_at >= RETRAIN_EVERY


@dataclass(frozen=True)
class SectionScore:
    section: Section
    confidence: float
    terms: tuple[str, ...]


def _profiles(sections: dict[int, Section]) -> list[SectionProfile]:
    return [SectionProfile(s.pk, s.site_id, (*s.keywords, s.title)) for s in sections.values()]


def score(*, headline: str, text: str) -> list[SectionScore]:
    """Every section worth considering, best first, with the terms that weighed most."""
    sections = {s.pk: s for s in Section.objects.select_related("site")}
    by_label = {label(s): s for s in sections.values()}
    best: dict[int, tuple[float, tuple[str, ...]]] = {}
    full = f"{headline}\n{text}"
    for kw in keyword_scores(full, _profiles(sections), headline=headline):
        best[kw.key] = (kw.confidence, kw.terms)
    model = current_model()
    if model is not None:
        for prediction in model.predict(full, top=MODEL_TOP, minimum=0.05):
            section = by_label.get(prediction.label)
            if section and prediction.confidence > best.get(section.pk, (0.0, ()))[0]:
                best[section.pk] = (prediction.confidence, prediction.terms)
    rules = [routing_rules.Rule(r.section_id, r.pattern, r.effect == RoutingRule.Effect.INCLUDE)
             for r in RoutingRule.objects.filter(enabled=True)]
    include, exclude = routing_rules.matching(rules, full)
    for section_id in include:
        if section_id in sections:
            floor = sections[section_id].review_threshold
            confidence, terms = best.get(section_id, (0.0, ()))
            best[section_id] = (max(confidence, floor), ("rule", *terms))
    out = [SectionScore(sections[k], round(c, 4), t) for k, (c, t) in best.items() if k not in exclude]
    return sorted(out, key=lambda s: (-s.confidence, s.section.pk))


def section_lookup() -> dict[str, Section]:
    """Archive labels → sections: ``site/section``, or a section slug or title unique in the network."""
    lookup: dict[str, Section] = {}
    ambiguous: set[str] = set()
    for section in Section.objects.select_related("site"):
        lookup[label(section).lower()] = section
        for name in (section.slug.lower(), section.title.lower()):
            if name in lookup and lookup[name].pk != section.pk:
                ambiguous.add(name)
            lookup.setdefault(name, section)
    return {k: v for k, v in lookup.items() if k not in ambiguous}
