"""Parse every real-world corpus file and check it against what the corpus provides; print pass rates.

    python -m bench.corpus_report [-v] [FOLDER…]

Per folder (rss, atom, jsonfeed, newsml-g2, nitf, ninjs, html): every input file must either parse or be
refused with a ``FormatError`` code (``parse_failed`` means a parser bug and is a crash). Where the corpus
carries expectations they are checked too:

- feedparser ``EXPECTATIONS.json``: each ``Expect`` expression is evaluated against a feedparser-shaped
  view of Dateline's items (title, link, id, author, summary/description, tags, feed title/link/language).
  Expressions about feedparser internals (``bozo`` flags alone, ``encoding``, ``version``, ``href``,
  fields Dateline does not keep) are "not applicable"; a ``bozo``-only expectation passes when Dateline
  refuses the file or flags it ``feed_malformed``;
- rss-parser ``expected-output/*.json`` and gofeed ``*_expected.json``: item count, titles and links;
- ninjs: each file is validated against the IPTC schema of its generation (1.6, 2.2, 3.1) read in place;
  a schema-valid text item must parse with the same headline;
- html: readability ``expected-metadata.json`` (title, byline, date) and ``expected.html`` (text recall),
  trafilatura ``evaldata.json`` (title, author, date, ``with``/``without`` snippets) and the extraction
  benchmark's ``ground-truth.json`` (token F1 of the article body ≥ 0.8).
"""

from __future__ import annotations

import functools
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dateline.ingest import formats
from dateline.ingest.formats import FormatError, ParsedDocument

FOLDERS = ["rss", "atom", "jsonfeed", "newsml-g2", "nitf", "ninjs", "html"]
NOT_INPUTS = {"EXPECTATIONS.json", "ground-truth.json", "evaldata.json", "expected-metadata.json", "expected.html"}


def corpus_root() -> Path | None:
    here = Path(__file__).resolve().parent
    for folder in here.parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return None


def inputs(root: Path, folder: str) -> list[Path]:
    out = []
    for path in sorted((root / folder).rglob("*")):
        if not path.is_file() or path.name in NOT_INPUTS or path.name.startswith("LICENSE"):
            continue
        if "schema" in path.parts or "expected-output" in path.parts or path.name.endswith("_expected.json"):
            continue
        if path.suffix in {".xsd", ".md", ".txt"} or path.name == "extension-schema.json":
            continue
        out.append(path)
    return out


@dataclass
class Outcome:
    path: Path
    seconds: float
    document: ParsedDocument | None = None
    code: str = ""
    message: str = ""
    checks: dict[str, str] = field(default_factory=dict)  # check name → pass | fail | n/a

    @property
    def crashed(self) -> bool:
        return self.code in {"parse_failed", "crash"}


@functools.cache
def parse_file(path: Path) -> Outcome:
    """Parse one corpus file (memoised: the tests and the report share one pass over the corpus).

    Time is CPU time of this process: on a shared machine wall time measures the neighbours too.
    """
    started = time.process_time()
    raw = path.read_bytes()
    content_type = _header_content_type(path, raw)
    try:
        document = formats.parse(raw, content_type=content_type)
        return Outcome(path, time.process_time() - started, document=document)
    except FormatError as error:
        return Outcome(path, time.process_time() - started, code=error.code, message=error.message)
    except Exception as error:  # noqa: BLE001 - the report must list crashes, not stop at the first
        return Outcome(path, time.process_time() - started, code="crash", message=repr(error))


_HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]+?)\s*(?:-->|\n)", re.I)


def _header_content_type(path: Path, raw: bytes) -> str | None:
    """feedparser's ``http_*`` files say in a comment which Content-Type header they arrive with."""
    if "feedparser" not in path.parts:
        return None
    match = _HEADER.search(raw[:2000].replace(b"\x00", b""))
    return match.group(1).decode("ascii", "replace") if match else None


# ---------------------------------------------------------------- feedparser expectations


class _View(dict):
    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


_INTERNAL = re.compile(r"\b(bozo|bozo_exception|encoding|version|href|headers|namespaces|status|feedparser)\b")


def feedparser_view(document: ParsedDocument) -> dict:
    entries = []
    for item in document.items:
        entry = _View(title=item.headline, link=item.link, id=item.guid, author=item.byline,
                      summary=item.body_html or item.summary, description=item.body_html or item.summary,
                      content=[_View(value=item.body_html, type="text/html")],
                      tags=[_View(term=t, label=t) for t in item.subjects + item.keywords])
        if item.published:
            entry["published_parsed"] = item.published.timetuple()
        if item.updated:
            entry["updated_parsed"] = item.updated.timetuple()
        entries.append(entry)
    feed = _View(title=document.title, link=document.link)
    if document.language:
        feed["language"] = document.language
    return {"feed": feed, "entries": entries}


def check_feedparser(outcome: Outcome, expectation: dict) -> str:
    expect = expectation.get("Expect", "").strip()
    rest = re.sub(r"^(not\s+)?bozo\s+and\s+", "", expect)
    if expect == "bozo":
        if outcome.document is None or "feed_malformed" in outcome.document.warnings:
            return "pass"
        return "fail"
    if outcome.code == "xml_entities_forbidden":
        return "n/a"  # refused by policy (XML-1/XML-2), feedparser would expand them
    if _INTERNAL.search(rest) or rest in {"", "1", "not bozo"}:
        return "n/a"
    if outcome.document is None:
        return "fail"
    try:
        result = eval(rest, {"__builtins__": {"len": len, "ord": ord, "isinstance": isinstance, "str": str,
                                              "tuple": tuple, "list": list, "dict": dict, "int": int}},
                      feedparser_view(outcome.document))
    except (KeyError, AttributeError, IndexError, NameError, TypeError):
        return "n/a"  # a field Dateline does not keep
    return "pass" if result else "fail"


# ---------------------------------------------------------------- other expectations


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def check_items(outcome: Outcome, expected_items: list[dict], title_key: str = "title") -> str:
    if outcome.document is None:
        return "fail"
    items = outcome.document.items
    if len(items) != len(expected_items):
        return "fail"
    for ours, theirs in zip(items, expected_items, strict=True):
        if theirs.get(title_key) and _norm(ours.headline) != _norm(_strip_tags(theirs[title_key])):
            return "fail"
        link = theirs.get("link") or theirs.get("url")
        if link and ours.link != link.strip():
            return "fail"
    return "pass"


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def token_f1(ours: str, theirs: str) -> float:
    a, b = Counter(_tokens(ours)), Counter(_tokens(theirs))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def token_recall(ours: str, theirs: str) -> float:
    a, b = Counter(_tokens(ours)), Counter(_tokens(theirs))
    return sum((a & b).values()) / max(1, sum(b.values()))


def _title_matches(ours: str, theirs: str) -> bool:
    a, b = _norm(ours), _norm(theirs)
    return bool(a) and (a == b or a.startswith(b) or b.startswith(a) or a in b or b in a)


def _same_day(ours, theirs: str) -> bool:
    return ours is not None and str(theirs)[:10] == ours.date().isoformat()


def html_checks(root: Path, outcome: Outcome, truth: dict) -> None:
    item = outcome.document.items[0] if outcome.document and outcome.document.items else None
    path = outcome.path
    if "readability" in path.parts:
        folder = path.parent
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected_text = re.sub(r"<[^>]+>", " ", (folder / "expected.html").read_text(encoding="utf-8"))
        outcome.checks["title"] = "pass" if item and _title_matches(item.headline, meta.get("title") or "") else "fail"
        if meta.get("byline"):
            ok = item and item.byline and (_norm(item.byline) in _norm(meta["byline"]) or _norm(meta["byline"]) in _norm(item.byline))
            outcome.checks["byline"] = "pass" if ok else "fail"
        if meta.get("publishedTime"):
            outcome.checks["date"] = "pass" if item and _same_day(item.published, meta["publishedTime"]) else "fail"
        outcome.checks["text_recall_0.8"] = "pass" if item and token_recall(item.body_text, expected_text) >= 0.8 else "fail"
    elif "trafilatura-eval" in path.parts:
        record = truth.get(path.name)
        if record is None:
            return
        if record.get("title"):
            outcome.checks["title"] = "pass" if item and _title_matches(item.headline, record["title"]) else "fail"
        if record.get("author"):
            ok = item and item.byline and (_norm(item.byline) in _norm(record["author"]) or _norm(record["author"]) in _norm(item.byline))
            outcome.checks["author"] = "pass" if ok else "fail"
        if record.get("date"):
            outcome.checks["date"] = "pass" if item and _same_day(item.published, record["date"]) else "fail"
        text = _norm(item.body_text) if item else ""
        outcome.checks["with"] = "pass" if all(_norm(s) in text for s in record.get("with", [])) else "fail"
        outcome.checks["without"] = "pass" if not any(_norm(s) in text for s in record.get("without", [])) else "fail"
    elif "article-extraction-benchmark" in path.parts:
        key = path.name.split(".")[0]
        record = truth.get(key)
        if record is not None:
            f1 = token_f1(item.body_text, record.get("articleBody", "")) if item else 0.0
            outcome.checks["body_f1_0.8"] = "pass" if f1 >= 0.8 else "fail"


def ninjs_check(root: Path, outcome: Outcome, schemas: dict[str, dict]) -> None:
    from dateline.ingest.formats.jsonsafe import offline_validator

    generation = next((g for g in ("1.4", "2.1", "3.0") if g in outcome.path.parts), None)
    if generation is None:
        return
    schema = schemas[{"1.4": "1.6", "2.1": "2.2", "3.0": "3.1"}[generation]]
    try:
        data = json.loads(outcome.path.read_text(encoding="utf-8"))
    except ValueError:
        outcome.checks["schema"] = "n/a"
        return
    objects = data if isinstance(data, list) else [data]
    validator = offline_validator(schema)
    valid = all(validator.is_valid(o) for o in objects)
    outcome.checks["iptc_schema_valid"] = "pass" if valid else "fail"
    if not valid:
        return
    text_types = {"text", "composite", None}
    if any(o.get("type") in text_types and not o.get("eventDetails") for o in objects if isinstance(o, dict)):
        if outcome.document is None:
            outcome.checks["parses"] = "fail"
            return
        first = objects[0]
        headline = first.get("headline") or next((h.get("value") for h in first.get("headlines", [])
                                                   if h.get("role", "main") == "main"), "")
        outcome.checks["parses"] = "pass" if _norm(outcome.document.items[0].headline) == _norm(headline) else "fail"
    else:
        outcome.checks["parses"] = "pass" if outcome.code == "unsupported_item_class" else "fail"


# ---------------------------------------------------------------- the report


def run(root: Path, folders: list[str]) -> dict[str, list[Outcome]]:
    results: dict[str, list[Outcome]] = {}
    expectations: dict[str, dict] = {}
    for feed_folder in ("rss", "atom"):
        path = root / feed_folder / "feedparser" / "EXPECTATIONS.json"
        if path.exists():
            expectations.update(json.loads(path.read_text(encoding="utf-8")))
    schemas = {v: json.loads((root / "ninjs" / "schema" / f"ninjs-schema_{v}.json").read_text(encoding="utf-8"))
               for v in ("1.6", "2.2", "3.1") if (root / "ninjs" / "schema" / f"ninjs-schema_{v}.json").exists()}
    html_truth: dict = {}
    if "html" in folders:
        evaldata = json.loads((root / "html/trafilatura-eval/evaldata.json").read_text(encoding="utf-8"))
        html_truth.update({record["file"]: record for record in evaldata.values()})
        html_truth.update(json.loads((root / "html/article-extraction-benchmark/ground-truth.json").read_text(encoding="utf-8")))
    for folder in folders:
        outcomes = []
        for path in inputs(root, folder):
            outcome = parse_file(path)
            relative = str(path.relative_to(root))
            if relative in expectations:
                outcome.checks["feedparser_expect"] = check_feedparser(outcome, expectations[relative])
            expected = path.parent / "expected-output" / (path.stem + ".json")
            if expected.exists():
                data = json.loads(expected.read_bytes().decode("utf-8", "replace"))
                outcome.checks["rss_parser_expected"] = check_items(outcome, data.get("feed", {}).get("items", []))
            gofeed = path.with_name(path.stem + "_expected.json")
            if gofeed.exists():
                data = json.loads(gofeed.read_text(encoding="utf-8"))
                outcome.checks["gofeed_expected"] = check_items(outcome, data.get("items", []))
            if folder == "html":
                html_checks(root, outcome, html_truth)
            if folder == "ninjs" and schemas:
                ninjs_check(root, outcome, schemas)
            outcomes.append(outcome)
        results[folder] = outcomes
    return results


def summarise(results: dict[str, list[Outcome]], verbose: bool = False) -> dict:
    summary = {}
    for folder, outcomes in results.items():
        codes = Counter(o.code or "parsed" for o in outcomes)
        checks: dict[str, Counter] = defaultdict(Counter)
        for outcome in outcomes:
            for name, status in outcome.checks.items():
                checks[name][status] += 1
        crashed = sum(o.crashed for o in outcomes)
        slowest = max((o.seconds for o in outcomes), default=0.0)
        summary[folder] = {
            "files": len(outcomes), "parsed": codes["parsed"], "refused": len(outcomes) - codes["parsed"] - crashed,
            "crashed": crashed, "no_crash_rate": (len(outcomes) - crashed) / max(1, len(outcomes)),
            "codes": dict(codes), "slowest_s": round(slowest, 3),
            "checks": {n: {**dict(c), "rate": c["pass"] / max(1, c["pass"] + c["fail"])} for n, c in checks.items()},
        }
        line = (f"{folder:10s} files {len(outcomes):3d}  parsed {codes['parsed']:3d}  refused "
                f"{summary[folder]['refused']:3d}  crashed {crashed}  slowest {slowest:.2f}s")
        print(line)
        refusals = {k: v for k, v in codes.items() if k != "parsed"}
        if refusals:
            print(f"           refusal codes: {refusals}")
        for name, counts in sorted(checks.items()):
            applicable = counts["pass"] + counts["fail"]
            print(f"           {name:22s} {counts['pass']:3d}/{applicable:<3d} pass = "
                  f"{counts['pass'] / max(1, applicable):6.1%}   (n/a {counts['n/a']})")
        if verbose:
            for outcome in outcomes:
                failed = [n for n, s in outcome.checks.items() if s == "fail"]
                if failed or outcome.crashed:
                    print(f"             {outcome.path.name}: {outcome.code or 'parsed'} fails {failed} {outcome.message[:100]}")
    return summary


def main(argv: list[str]) -> int:
    root = corpus_root()
    if root is None:
        print("corpus not found (../shared/corpus beside the checkout)")
        return 1
    folders = [a for a in argv if not a.startswith("-")] or FOLDERS
    summary = summarise(run(root, folders), verbose="-v" in argv)
    return 1 if any(s["crashed"] for s in summary.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


__all__ = ["inputs", "parse_file", "run", "summarise"]
