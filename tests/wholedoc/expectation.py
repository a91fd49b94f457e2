"""The per-document expectations (``tests/wholedoc/expected/*.yaml``) against what ``efs validate`` reports.

An expectation is written from reading the document, apart from the validator: each entry names the family,
the rule that should report it, the document line it is about and why. A finding *matches* an entry when
the rule is the same and the finding's document line (``source.line``; for a passage, any of its lines) is
the entry's line or one of its ``lines``; each entry matches at most one finding and each finding at most
one entry. Findings of rules that belong to no family (:mod:`efs.wholedoc.families`) are not counted.

Recall of a family = matched entries / entries; precision = matched findings / findings of the family.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).parent / "expected"


@dataclass
class Score:
    """Matched, expected and reported counts of one family (or of everything)."""

    matched: int = 0
    expected: int = 0
    reported: int = 0
    missed: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.reported if self.reported else 1.0


def expectations() -> dict[str, dict[str, Any]]:
    """Jurisdiction id → its expectation file, read."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.yaml"))}


def findings_of(expectation: dict[str, Any], registry: Any) -> list[Any]:
    """What ``efs validate`` reports on the expectation's configuration, on its date."""
    from efs.conformance import validate
    from efs.loading import load_configuration

    config = load_configuration(ROOT / expectation["configuration"], registry=registry)
    as_of = expectation["as_of"]
    as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
    return validate(config, registry=registry, as_of=as_of)


def _lines_of(finding: Any) -> set[int]:
    """The document lines a finding is about: its source line, and the whole passage when it reports one
    (``extra["span"]``: first and last line, as ``EFS260`` does)."""
    span = finding.extra.get("span") if finding.extra else None
    found = {finding.source.line}
    if isinstance(span, list) and len(span) == 2:
        found |= set(range(span[0], span[1] + 1))
    return found


def compare(expectation: dict[str, Any], findings: list[Any]) -> dict[str, Score]:
    """Scores by family (and ``"all"``) of ``findings`` against one expectation."""
    from efs.wholedoc.families import FAMILIES, family_of

    scores = {family: Score() for family in FAMILIES}
    pool = [f for f in findings if family_of(f.code) and not f.suppressed]
    used: set[int] = set()
    for entry in expectation["findings"]:
        score = scores[entry["family"]]
        score.expected += 1
        lines = {entry["line"], *entry.get("lines", [])}
        hit = next((k for k, f in enumerate(pool) if k not in used and f.code == entry["code"]
                    and f.source is not None and lines & _lines_of(f)), None)
        if hit is None:
            score.missed.append(f"{entry['code']} строка {entry['line']}: {entry['reason']}")
        else:
            used.add(hit)
            score.matched += 1
    for k, f in enumerate(pool):
        score = scores[family_of(f.code) or ""]
        score.reported += 1
        if k not in used:
            line = f.source.line if f.source is not None else None
            score.unexpected.append(f"{f.code} строка {line}: {f.message}")
    total = Score()
    for s in scores.values():
        total.matched += s.matched
        total.expected += s.expected
        total.reported += s.reported
    scores["all"] = total
    return scores
