"""Related content: text similarity weighted by recency, computed at publish time (pure; no ORM).

TF-IDF cosine between the new story and the recent stories of the whole network, times a recency
weight ``0.5 ** (|age| / half_life)`` (age counted from the story's own time), so that among equally
similar stories the closer one in time wins. The result is stored in ``RelatedArticle`` by the
service; pages only read it.

Term counts come from scikit-learn's HashingVectorizer, which needs no fitted vocabulary, so each
candidate is tokenised once and its row kept in a :class:`TermCache`; a publish then costs one
tokenisation plus sparse arithmetic over the cached rows, instead of re-reading every candidate's text.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

HALF_LIFE_DAYS = 30.0
MIN_SIMILARITY = 0.05  # below this, two news stories share only boilerplate words
_VECTORIZER = HashingVectorizer(n_features=2**20, alternate_sign=False, norm=None, stop_words="english",
                                strip_accents="unicode", dtype=np.float32)


@dataclass(frozen=True)
class Doc:
    key: int
    text: str
    published_at: datetime


def recency_weight(published_at: datetime, now: datetime, half_life_days: float = HALF_LIFE_DAYS) -> float:
    age_days = abs((now - published_at).total_seconds()) / 86400.0
    return 0.5 ** (age_days / half_life_days)


def term_counts(texts: list[str]) -> sparse.csr_matrix:
    return _VECTORIZER.transform(texts).tocsr()


class TermCache:
    """Term-count rows by (key, version), least recently used dropped beyond ``size``.

    Rows are kept as bare (indices, counts) arrays so that stacking thousands of them is one
    concatenation, not thousands of sparse-matrix objects.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._rows: OrderedDict[int, tuple[Hashable, np.ndarray, np.ndarray]] = OrderedDict()

    def missing(self, versions: dict[int, Hashable]) -> list[int]:
        return [k for k, v in versions.items() if k not in self._rows or self._rows[k][0] != v]

    def put(self, keys: list[int], versions: dict[int, Hashable], texts: list[str]) -> None:
        if not keys:
            return
        counts = term_counts(texts)
        for i, key in enumerate(keys):
            start, end = counts.indptr[i], counts.indptr[i + 1]
            self._rows[key] = (versions[key], counts.indices[start:end].copy(), counts.data[start:end].copy())
            self._rows.move_to_end(key)
        while len(self._rows) > self.size:
            self._rows.popitem(last=False)

    def matrix(self, keys: list[int]) -> sparse.csr_matrix:
        """The rows of ``keys`` stacked in order (every key must be present)."""
        indices, data, indptr = [], [], [0]
        for key in keys:
            _, idx, values = self._rows[key]
            indices.append(idx)
            data.append(values)
            indptr.append(indptr[-1] + len(idx))
        return sparse.csr_matrix(
            (np.concatenate(data) if data else np.zeros(0, np.float32),
             np.concatenate(indices) if indices else np.zeros(0, np.int32), np.asarray(indptr)),
            shape=(len(keys), _VECTORIZER.n_features))


def _row_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    sums = np.zeros(len(indptr) - 1)
    nonempty = indptr[:-1] < indptr[1:]
    if values.size:
        sums[nonempty] = np.add.reduceat(values, indptr[:-1][nonempty])
    return sums


def _cosines(target: sparse.csr_matrix, candidates: sparse.csr_matrix) -> np.ndarray:
    """Cosine of sublinear-tf × smooth-idf vectors (scikit-learn's TfidfTransformer defaults).

    Flat numpy over the stacked rows' arrays: a few passes over the non-zeros, no sparse products.
    """
    matrix = sparse.vstack([target, candidates], format="csr", dtype=np.float64)
    data, indices, indptr = matrix.data, matrix.indices, matrix.indptr
    n_docs = matrix.shape[0]
    df = np.bincount(indices, minlength=matrix.shape[1])
    weights = (1.0 + np.log(data)) * (np.log((1.0 + n_docs) / (1.0 + df[indices])) + 1.0)
    norms = np.sqrt(_row_sums(weights * weights, indptr))
    norms[norms == 0] = 1.0
    weights /= np.repeat(norms, np.diff(indptr))
    query = np.zeros(matrix.shape[1])
    query[indices[: indptr[1]]] = weights[: indptr[1]]
    return _row_sums(weights * query[indices], indptr)[1:]


def rank_rows(target: sparse.csr_matrix, keys: list[int], rows: sparse.csr_matrix,
              published: list[datetime], *, now: datetime, limit: int = 6,
              min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, float]]:
    """``(key, score)`` of the most related candidate rows, best first."""
    if not keys or target.nnz == 0:
        return []
    similarities = _cosines(target, rows)
    scored = [(key, float(sim) * recency_weight(at, now))
              for key, sim, at in zip(keys, similarities, published, strict=True) if sim >= min_similarity]
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[:limit]


def rank_related(target: Doc, candidates: list[Doc], *, now: datetime, limit: int = 6,
                 min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, float]]:
    """``(key, score)`` of the most related candidates, best first; the target itself never appears."""
    others = [c for c in candidates if c.key != target.key]
    if not others:
        return []
    counts = term_counts([target.text, *(c.text for c in others)])
    return rank_rows(counts[0], [c.key for c in others], counts[1:],
                     [c.published_at for c in others], now=now, limit=limit, min_similarity=min_similarity)
