"""Measure near-duplicate precision and recall on a labelled set of pairs.

    python -m dateline.desk.dedup_eval [PAIRS.jsonl] [--sweep] [--json]

Each line holds ``a`` and ``b`` (``headline``, ``body``) and ``label``: ``same`` (one event, two
rewrites), ``update`` (a later, longer version) or ``different`` (different events sharing words).
``same`` and ``update`` pairs must cluster; ``different`` pairs must not. The default set is
``dateline/desk/tests/data/dedup_pairs.jsonl``, written for the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from dateline.desk import dedup

DEFAULT_PAIRS = Path(__file__).resolve().parent / "tests" / "data" / "dedup_pairs.jsonl"
POSITIVE = {"same", "update"}


def load_pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pair_scores(pairs: list[dict]) -> list[tuple[float, bool, str]]:
    """(estimated Jaccard through the LSH index, is a true pair, note) per pair."""
    out = []
    for pair in pairs:
        index = dedup.ClusterIndex(threshold=0.0)
        sig_a = dedup.signature(f"{pair['a']['headline']}\n{pair['a']['body']}")
        sig_b = dedup.signature(f"{pair['b']['headline']}\n{pair['b']['body']}")
        index.add(key=1, story=1, sig=sig_a, at=datetime.now(UTC))
        # A pair the LSH banding never proposes scores 0: that is what the pipeline would see.
        matches = index.query(sig_b)
        out.append((matches[0].similarity if matches else 0.0, pair["label"] in POSITIVE, pair.get("note", "")))
    return out


def measure(scores: list[tuple[float, bool, str]], threshold: float) -> dict:
    tp = sum(1 for s, pos, _ in scores if pos and s >= threshold)
    fp = sum(1 for s, pos, _ in scores if not pos and s >= threshold)
    fn = sum(1 for s, pos, _ in scores if pos and s < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"threshold": threshold, "pairs": len(scores), "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 4), "recall": round(recall, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dateline.desk.dedup_eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--sweep", action="store_true", help="also print precision/recall per threshold")
    parser.add_argument("--verbose", action="store_true", help="print every pair's similarity")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    scores = pair_scores(load_pairs(args.pairs))
    result = measure(scores, dedup.SAME_STORY)
    result["shingle"], result["num_perm"] = dedup.SHINGLE, dedup.NUM_PERM
    if args.sweep:
        result["sweep"] = [measure(scores, t / 100) for t in range(5, 100, 5)]
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.verbose:
        for score, positive, note in sorted(scores):
            print(f"  {score:5.3f}  {'same' if positive else 'diff'}  {note}")
    print(f"pairs {result['pairs']}  threshold {result['threshold']}  word {dedup.SHINGLE}-shingles, "
          f"{dedup.NUM_PERM} permutations")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    for row in result.get("sweep", []):
        print(f"  threshold {row['threshold']:.2f}: precision {row['precision']:.3f} recall {row['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
