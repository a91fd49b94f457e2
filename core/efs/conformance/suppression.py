"""Justified suppressions written in a configuration, and baselines written by ``--write-baseline``.

Suppressed findings are never dropped: they stay in every output, marked with the reason, and do
not count toward the exit code. A suppression that suppresses nothing is reported (``EFS010``),
and one that names no rule is an error (``EFS011``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.errors import InputError
from efs.model import Configuration

UNUSED_SUPPRESSION = ("EFS010", "unused-suppression")
UNKNOWN_SUPPRESSION = ("EFS011", "unknown-suppressed-rule")
BASELINE_VERSION = 1


def apply_suppressions(
    config: Configuration, findings: list[Finding], ran: Iterable[Rule], every: Iterable[Rule]
) -> list[Finding]:
    """Mark findings covered by ``config.suppressions``; report unused and unknown suppressions."""
    ran_codes = {r.code for r in ran}
    every = list(every)
    out = list(findings)
    for i, sup in enumerate(config.suppressions):
        named = [r for r in every if sup.rule in (r.code, r.slug)]
        if not named:
            from efs.yamlsafe import did_you_mean

            hint = did_you_mean(sup.rule, [r.code for r in every] + [r.slug for r in every])
            out.append(
                Finding(
                    *UNKNOWN_SUPPRESSION,
                    Severity.error,
                    f"подавление называет неизвестное правило «{sup.rule}»{hint}",
                    config.location_of(("suppressions", i, "rule")),
                    item=sup.rule,
                )
            )
            continue
        rule = named[0]
        if rule.code not in ran_codes:
            continue  # not run (--select/--ignore): whether it is used cannot be known
        used_items: set[str | None] = set()
        for f in findings:
            if f.code == rule.code and (not sup.items or f.item in sup.items):
                f.suppressed = True
                f.suppression_reason = sup.reason
                used_items.add(f.item)
        found_items = sorted({f.item for f in findings if f.code == rule.code and f.item is not None})
        if not used_items:
            hint = _items_hint(sup.items[0], found_items) if sup.items else ""
            out.append(
                Finding(
                    *UNUSED_SUPPRESSION,
                    Severity.warning,
                    f"подавление правила {rule.code} ({rule.slug}) ничего не подавляет{hint}",
                    config.location_of(("suppressions", i)),
                    item=rule.code,
                )
            )
        for j, item in enumerate(sup.items):
            if used_items and item not in used_items:
                out.append(
                    Finding(
                        *UNUSED_SUPPRESSION,
                        Severity.warning,
                        f"подавление правила {rule.code} для «{item}» ничего не подавляет"
                        f"{_items_hint(item, found_items)}",
                        config.location_of(("suppressions", i, "items", j)),
                        item=item,
                    )
                )
    return out


def _items_hint(item: str, found: list[str]) -> str:
    """«; может быть, «…»?» with the nearest element the rule did find, or the list of them when short."""
    from efs.yamlsafe import did_you_mean

    hint = did_you_mean(item, found)
    if hint:
        return hint
    if not found:
        return " (правило ничего не нашло)"
    shown = ", ".join(found[:5]) + (" …" if len(found) > 5 else "")
    return f"; правило нашло: {shown}"


def _key(config: Configuration | None, f: Finding) -> tuple[str, str, str]:
    owner = config.jurisdiction.id if config is not None else (f.location.file or "")
    return (owner, f.code, f.item if f.item is not None else f.message)


@dataclass(slots=True)
class Baseline:
    """Findings accepted as they are, keyed on jurisdiction, rule and item id (never on line numbers)."""

    path: str
    keys: set[tuple[str, str, str]] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """Read a baseline file written by :meth:`write`.

        Raises:
            InputError: The file is missing or is not a baseline.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["findings"]
            keys = {(e["jurisdiction"], e["code"], e["item"]) for e in entries}
        except FileNotFoundError:
            raise InputError(f"файл базовой линии не найден: {path}") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}: это не файл базовой линии efs (ожидается JSON из "
                f"efs validate --write-baseline): {exc}"
            ) from None
        return cls(str(path), keys)

    @staticmethod
    def write(path: Path, results: list[tuple[str, Any, list[Finding]]]) -> int:
        """Write every unsuppressed finding of ``results`` as a baseline; return how many."""
        entries = sorted(
            {_key(config, f) for _, config, findings in results for f in findings if not f.suppressed}
        )
        doc = {
            "efs_baseline": BASELINE_VERSION,
            "findings": [{"jurisdiction": j, "code": c, "item": i} for j, c, i in entries],
        }
        from efs.safeio import write_text_atomic

        write_text_atomic(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return len(entries)

    def apply(self, config: Configuration | None, findings: list[Finding]) -> None:
        """Mark findings listed in the baseline as suppressed."""
        for f in findings:
            if not f.suppressed and _key(config, f) in self.keys:
                f.suppressed = True
                f.suppression_reason = f"в базовой линии {self.path}"
