"""Near-duplicate detection (pure): normalisation, signatures, the calibrated threshold, the lead order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dateline.desk import dedup, dedup_eval

NOW = datetime(2024, 7, 3, 12, 0, tzinfo=UTC)


def test_shingles_ignore_case_accents_punctuation_and_stop_words():
    assert dedup.shingles("The Rover, at Jézéro!") == dedup.shingles("rover jezero")


def test_a_signature_survives_the_database_round_trip():
    sig = dedup.signature("Perseverance drills a core from the rim of Jezero crater")
    back = dedup.signature_from_bytes(dedup.signature_bytes(sig))
    assert back.size == sig.size and dedup.similarity(sig, back) == 1.0


def test_containment_scores_a_longer_update_as_the_same_story():
    short = dedup.signature("Starliner launch scrubbed minutes before liftoff at Cape Canaveral")
    longer = dedup.signature("Starliner launch scrubbed minutes before liftoff at Cape Canaveral; a ground "
                             "computer halted the countdown, engineers will replace the faulty unit")
    assert dedup.jaccard(short, longer) < dedup.SAME_STORY <= dedup.similarity(short, longer)


def test_empty_text_matches_nothing():
    index = dedup.ClusterIndex()
    index.add(key=1, story=1, sig=dedup.signature(""), at=NOW)
    assert index.query(dedup.signature("")) == [] and len(index) == 0


def test_the_index_returns_one_match_per_story_best_first_and_evicts_old_items():
    index = dedup.ClusterIndex()
    text = "Falcon 9 launches Starlink satellites from Cape Canaveral booster lands droneship Atlantic"
    index.add(key=1, story=10, sig=dedup.signature(text), at=NOW - timedelta(days=8))
    index.add(key=2, story=20, sig=dedup.signature(text + " fourteenth flight"), at=NOW)
    index.add(key=3, story=20, sig=dedup.signature(text + " record"), at=NOW)
    matches = index.query(dedup.signature(text))
    assert [m.story for m in matches] == [10, 20]
    assert index.evict(before=NOW - timedelta(days=7)) == 1
    assert [m.story for m in index.query(dedup.signature(text))] == [20]
    index.add(key=4, story=30, sig=dedup.signature("Something else entirely about sanctions"), at=NOW)
    assert len(index) == 3  # the evicted row was reused


def test_calibrated_threshold_meets_its_documented_precision_and_recall():
    """The figures in the dedup docstring and README (python -m dateline.desk.dedup_eval)."""
    scores = dedup_eval.pair_scores(dedup_eval.load_pairs(dedup_eval.DEFAULT_PAIRS))
    result = dedup_eval.measure(scores, dedup.SAME_STORY)
    assert result["pairs"] == 33
    assert result["precision"] >= 0.9 and result["recall"] >= 0.8


def _candidate(priority, words=200, byline=True, dateline=True, images=False, hours=0):
    return dedup.Candidate(priority, words, byline, dateline, images, NOW + timedelta(hours=hours))


def test_lead_order_is_agency_priority_then_completeness_then_freshness():
    afp, upi = _candidate(90, words=60), _candidate(80, words=400, images=True)
    assert dedup.lead_key(afp) > dedup.lead_key(upi)
    fuller, thinner = _candidate(90, words=400), _candidate(90, words=60, hours=1)
    assert dedup.lead_key(fuller) > dedup.lead_key(thinner)
    later = _candidate(90, hours=1)
    assert dedup.lead_key(later) > dedup.lead_key(_candidate(90))


def test_dup2_an_untrusted_source_ranks_below_every_agency():
    assert dedup.lead_key(_candidate(None, words=999, images=True)) < dedup.lead_key(_candidate(0, words=5))


def test_a_reused_key_replaces_its_old_entry():
    index = dedup.ClusterIndex()
    old = dedup.signature("Falcon 9 launches Starlink satellites from Cape Canaveral booster lands droneship")
    index.add(key=1, story=10, sig=old, at=NOW - timedelta(hours=1))
    assert index.remove(1) and not index.remove(1)
    new = dedup.signature("Kremlin summit sanctions alliance deterrence talks in Geneva")
    index.add(key=1, story=20, sig=new, at=NOW)
    assert index.query(old) == [] and [m.story for m in index.query(new)] == [20]
    assert index.evict(before=NOW - timedelta(minutes=30)) == 0 and len(index) == 1
