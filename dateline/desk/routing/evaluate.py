"""Offline evaluation of the router against a plain TF-IDF + LinearSVC baseline (pure).

Used by ``dateline route evaluate``: accuracy, macro-F1 and per-label precision/recall for
Dateline's model and, trained and tested on the same records in the same run, the baseline
(``TfidfVectorizer()`` with scikit-learn defaults + ``LinearSVC()`` with defaults).
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.svm import LinearSVC

from dateline.desk.routing import model as routing_model

DEFAULT_TEXT_FIELDS = ("headline", "body", "description", "short_description", "summary")


def load_jsonl(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc.msg}") from None
            if isinstance(value, dict):
                records.append(value)
    return records


def to_xy(records: list[dict], *, text_fields: tuple[str, ...], label_field: str) -> tuple[list[str], list[str]]:
    """Texts (the given fields joined by newlines) and labels; records without a label are skipped."""
    texts, labels = [], []
    for record in records:
        label = record.get(label_field)
        if not isinstance(label, str) or not label.strip():
            continue
        parts = [record.get(f) for f in text_fields]
        texts.append("\n".join(p for p in parts if isinstance(p, str) and p))
        labels.append(label.strip())
    return texts, labels


def relabel(labels: list[str], mapping: dict[str, str]) -> list[str]:
    """Map labels (e.g. 29 HuffPost categories onto a network's few sections); ``*`` maps the rest."""
    return [mapping.get(label, mapping.get("*", label)) for label in labels]


def split(records: list[dict], *, holdout: int, seed: int) -> tuple[list[dict], list[dict]]:
    """A fixed shuffled split: the first ``holdout`` records (after shuffling with ``seed``) are the test set."""
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    test = [records[i] for i in order[:holdout]]
    train = [records[i] for i in order[holdout:]]
    return train, test


def metrics(truth: list[str], predicted: list[str]) -> dict:
    labels = sorted(set(truth) | set(predicted))
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    return {
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro",
                                         zero_division=0)), 4),
        "per_label": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(s[i])} for i, lab in enumerate(labels)},
    }


def evaluate(train: tuple[list[str], list[str]], test: tuple[list[str], list[str]], *,
             baseline: bool = True) -> dict:
    result: dict = {"train_records": len(train[0]), "test_records": len(test[0])}
    started = time.perf_counter()
    ours = routing_model.train(*train)
    predicted = [str(ours.clf.classes_[i]) for i in ours.margins(test[0]).argmax(axis=1)]
    result["dateline"] = metrics(test[1], predicted) | {"seconds": round(time.perf_counter() - started, 2)}
    if baseline:
        started = time.perf_counter()
        vec = TfidfVectorizer()
        clf = LinearSVC().fit(vec.fit_transform(train[0]), train[1])
        predicted = [str(x) for x in clf.predict(vec.transform(test[0]))]
        result["baseline"] = metrics(test[1], predicted) | {"seconds": round(time.perf_counter() - started, 2)}
    return result
