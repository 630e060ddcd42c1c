"""Accuracy of the dateline and byline parser on the project's own case tables.

    python -m bench.dateline_accuracy [-v]

Reads ``dateline/ingest/tests/fixtures/datelines/{datelines,bylines}.tsv`` and prints the share of cases
whose every expected field (text, city, region, country, agency, date, remaining body) matches.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dateline.ingest.datelines import parse_byline, parse_dateline

FIXTURES = Path(__file__).resolve().parent.parent / "dateline" / "ingest" / "tests" / "fixtures" / "datelines"
REFERENCE = datetime(2024, 7, 5, 12, tzinfo=UTC)


@dataclass
class Case:
    kind: str
    input: str
    expected: dict
    got: dict

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def dateline_cases() -> list[Case]:
    cases = []
    fields = ["text", "city", "region", "country", "agency", "date", "rest"]
    for row in _rows("datelines.tsv"):
        source = row[0]
        found = parse_dateline(source, reference=REFERENCE)
        if row[1:] == ["-"]:
            expected: dict = {"match": False}
            got: dict = {"match": found is not None}
        else:
            expected = dict(zip(fields, (row[1:] + [""] * 7)[:7], strict=True))
            got = {"match": found is not None}
            expected["match"] = True
            if found is not None:
                got |= {"text": found.text, "city": found.city, "region": found.region, "country": found.country,
                        "agency": found.agency, "date": found.date.date().isoformat() if found.date else "",
                        "rest": source[found.end:].strip()}
        cases.append(Case("dateline", source, expected, got))
    return cases


def byline_cases() -> list[Case]:
    cases = []
    for row in _rows("bylines.tsv"):
        source, byline, agency = (row + ["", ""])[:3]
        found = parse_byline(source)
        if byline == "-":
            expected, got = {"match": False}, {"match": found is not None}
        else:
            expected = {"match": True, "byline": byline, "agency": agency}
            got = {"match": found is not None}
            if found is not None:
                got |= {"byline": found.text, "agency": found.agency}
        cases.append(Case("byline", source, expected, got))
    return cases


def evaluate(verbose: bool = False) -> dict:
    report = {}
    for kind, cases in (("dateline", dateline_cases()), ("byline", byline_cases())):
        passed = sum(case.ok for case in cases)
        report[kind] = {"cases": len(cases), "passed": passed, "accuracy": passed / len(cases)}
        for case in cases:
            if verbose and not case.ok:
                print(f"  MISS {kind}: {case.input!r}\n    expected {case.expected}\n    got      {case.got}")
    total = sum(r["cases"] for r in report.values())
    passed = sum(r["passed"] for r in report.values())
    report["all"] = {"cases": total, "passed": passed, "accuracy": passed / total}
    for kind, figures in report.items():
        print(f"{kind:9s} {figures['passed']:4d}/{figures['cases']:<4d} = {figures['accuracy']:.1%}")
    return report


if __name__ == "__main__":
    evaluate(verbose="-v" in sys.argv)
