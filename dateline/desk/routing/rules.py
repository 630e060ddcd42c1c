"""Editor-defined routing rules: patterns in RE2 syntax (pure).

ROUTE-1: an editor's pattern must not be able to hang the desk with catastrophic backtracking
(``(a+)+$`` against a long headline). RE2 matches in time linear in the input and refuses
backreferences and lookaround, which are exactly the features that need backtracking (OWASP ASVS
1.3.12 asks for a non-backtracking engine or a time limit; RE2 is the former). Patterns are compiled
with a memory cap so a huge repetition count is refused instead of building an enormous automaton.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re2

MAX_PATTERN = 500
# RE2 refuses programs larger than this (bytes of automaton), e.g. ``a{1000}{1000}``.
MAX_MEM = 8 << 20


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    section: int
    pattern: str
    include: bool  # False: exclude the section


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str):
    if len(pattern) > MAX_PATTERN:
        raise RuleError(f"pattern longer than {MAX_PATTERN} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = MAX_MEM
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise RuleError(f"not a valid RE2 pattern: {exc}") from None


def validate(pattern: str) -> None:
    """Raise ``RuleError`` for a pattern an editor must fix (used by forms and the admin)."""
    compile_pattern(pattern)


def matching(rules: list[Rule], text: str) -> tuple[set[int], set[int]]:
    """(sections to include, sections to exclude) whose rule matches ``text``; bad patterns never match."""
    include, exclude = set(), set()
    for rule in rules:
        try:
            hit = compile_pattern(rule.pattern).search(text) is not None
        except RuleError:
            continue
        if hit:
            (include if rule.include else exclude).add(rule.section)
    return include, exclude
