"""Desk throughput: stories/s through near-duplicate detection + routing against a large archive.

Dateline's path per new story is what ``desk.services`` runs in memory: the MinHash signature of its
text (``dedup.signature``), an LSH query of the recent-story index with exact re-scoring of the
candidates, insertion into the index, and the routing model's top sections with explanation terms
(``routing.model``). The archive is ``ARCHIVE`` generated stories (100,000; smoke: 3,000) of a
synthetic newswire: topic vocabularies per section, shared function words, and event-specific names
and figures; a tenth of the new stories are rewrites of archive stories (they must be found).

Peer, in the same run: datasketch's own recipe (``MinHash`` with its default SHA-1 hashing fed the
same content words through ``update_batch``, ``MinHashLSH.query`` then ``insert``) for the same new
stories against the same archive, with no routing. Goal: ≥ 2,000 stories/s and p95 ≤ 5 ms per story.
Wall-clock figures on a shared machine include time the process waited for a core, so CPU time per
story is printed too.
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from datetime import UTC, datetime

from datasketch import MinHash, MinHashLSH

from dateline.desk import dedup
from dateline.desk.routing import model as routing_model

SECTIONS = ["launchers", "satellites", "mars", "moon", "defence", "station", "planets", "climate"]
SYLLABLES = "ka zo ri vel tan mor ex qu ina lo pre sta vik dor ul sen tra bel no ar".split()
FUNCTION = ("the a of to in on and said was were has have for with by at from as it its this that after "
            "is be will would could more than about").split()


class Wire:
    """A synthetic newswire: a Zipf-distributed general vocabulary, a vocabulary per section, and
    event-specific names and figures, so that stories on one topic share words as real ones do."""

    def __init__(self, rng: random.Random, vocabulary: int = 30_000, per_topic: int = 400) -> None:
        self.rng = rng
        self.general = [self._word() for _ in range(vocabulary)]
        # Zipf over content words (function words are drawn separately and dropped by the stop list).
        self.cum_weights = list(itertools.accumulate(1.0 / (rank + 100) for rank in range(vocabulary)))
        self.topics = {name: [self._word() for _ in range(per_topic)] for name in SECTIONS}

    def _word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))

    def story(self, topic: str) -> str:
        rng = self.rng
        names = [self._word().capitalize() for _ in range(5)] + [str(rng.randint(2, 9999)) for _ in range(3)]
        general = rng.choices(self.general, cum_weights=self.cum_weights, k=110)
        words = []
        for i in range(110):
            roll = rng.random()
            words.append(rng.choice(self.topics[topic]) if roll < 0.25 else rng.choice(names) if roll < 0.4
                         else rng.choice(FUNCTION) if roll < 0.7 else general[i])
        return " ".join(words[:10]) + "\n" + " ".join(words[10:])

    def rewrite(self, text: str) -> str:
        """Another agency's version of a story: a fifth of the words changed."""
        return " ".join(self.rng.choice(FUNCTION) if self.rng.random() < 0.2 else w for w in text.split())


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 20 else max(values)


def _peer_minhash(text: str) -> MinHash:
    m = MinHash(num_perm=dedup.NUM_PERM)
    m.update_batch([w.encode() for w in {w for w in dedup.words(text) if w not in dedup.STOP_WORDS}])
    return m


def run(smoke: bool) -> dict:
    rng = random.Random(7)
    archive_size, new_count, train_size = (3_000, 500, 1_000) if smoke else (100_000, 5_000, 8_000)
    wire = Wire(rng)
    archive = [(t, wire.story(t)) for t in (rng.choice(SECTIONS) for _ in range(archive_size))]
    fresh = []
    for i in range(new_count):
        if i % 10 == 0:
            fresh.append(("dup", wire.rewrite(archive[rng.randrange(archive_size)][1])))
        else:
            fresh.append(("new", wire.story(rng.choice(SECTIONS))))

    started = time.perf_counter()
    model = routing_model.train([t for _, t in archive[:train_size]], [lab for lab, _ in archive[:train_size]])
    train_s = time.perf_counter() - started

    started = time.perf_counter()
    index = dedup.ClusterIndex()
    now = datetime.now(UTC)
    for key, (_, text) in enumerate(archive):
        index.add(key=key, story=key, sig=dedup.signature(text), at=now)
    build_s = time.perf_counter() - started

    latencies, found = [], 0
    cpu_started = time.process_time()
    started = time.perf_counter()
    for offset, (kind, text) in enumerate(fresh):
        t0 = time.perf_counter()
        sig = dedup.signature(text)
        matches = index.query(sig)
        index.add(key=archive_size + offset, story=matches[0].story if matches else archive_size + offset,
                  sig=sig, at=now)
        model.predict(text, top=3)
        latencies.append(time.perf_counter() - t0)
        found += kind == "dup" and bool(matches)
    ours_s = time.perf_counter() - started
    ours_cpu = time.process_time() - cpu_started

    lsh = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    started = time.perf_counter()
    for key, (_, text) in enumerate(archive):
        lsh.insert(key, _peer_minhash(text), check_duplication=False)
    peer_build_s = time.perf_counter() - started
    peer_lat = []
    cpu_started = time.process_time()
    started = time.perf_counter()
    for offset, (_, text) in enumerate(fresh):
        t0 = time.perf_counter()
        m = _peer_minhash(text)
        lsh.query(m)
        lsh.insert(archive_size + offset, m, check_duplication=False)
        peer_lat.append(time.perf_counter() - t0)
    peer_s = time.perf_counter() - started
    peer_cpu = time.process_time() - cpu_started

    dups = sum(1 for kind, _ in fresh if kind == "dup")
    result = {
        "archive": archive_size, "new_stories": new_count, "router_train_records": train_size,
        "router_train_s": round(train_s, 2), "index_build_s": round(build_s, 2),
        "stories_per_s": round(new_count / ours_s, 1), "p50_ms": round(statistics.median(latencies) * 1000, 3),
        "p95_ms": round(_p95(latencies) * 1000, 3), "rewrites_found": f"{found}/{dups}",
        "cpu_ms_per_story": round(ours_cpu / new_count * 1000, 3),
        "peer_cpu_ms_per_doc": round(peer_cpu / new_count * 1000, 3),
        "peer_docs_per_s": round(new_count / peer_s, 1), "peer_p95_ms": round(_p95(peer_lat) * 1000, 3),
        "peer_index_build_s": round(peer_build_s, 2),
    }
    result["ratio_vs_peer"] = round(result["stories_per_s"] / result["peer_docs_per_s"], 2)
    print(f"   archive {archive_size:,} stories; {new_count:,} new (a tenth are rewrites of archive stories)")
    print(f"   dateline dedup+routing: {result['stories_per_s']:,} stories/s, p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms, CPU {result['cpu_ms_per_story']} ms/story; "
          f"rewrites found {result['rewrites_found']}")
    print(f"   datasketch MinHash+LSH only (peer): {result['peer_docs_per_s']:,} docs/s, "
          f"p95 {result['peer_p95_ms']} ms, CPU {result['peer_cpu_ms_per_doc']} ms/doc; "
          f"ratio {result['ratio_vs_peer']}x")
    print(f"   set-up: router trained on {train_size:,} in {result['router_train_s']} s; index built in "
          f"{result['index_build_s']} s (peer {result['peer_index_build_s']} s)")
    return result
