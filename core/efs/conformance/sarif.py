"""SARIF 2.1.0 output for code-scanning tools (validated against the OASIS schema in the tests)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from efs._version import __version__
from efs.conformance.findings import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _rules(registry: Any, used: set[str]) -> list[Any]:
    rules = list(registry.rules.values()) if registry is not None else []
    known = {r.code for r in rules}
    out = [r for r in rules if r.code in used or not used]
    return out + [None for code in sorted(used - known)]


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.recommendation},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"plugin": rule.plugin},
    }


def _result(f: Finding, path: str, index: dict[str, int]) -> dict[str, Any]:
    loc = f.location
    region = {"startLine": loc.line or 1, "startColumn": loc.column or 1}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": loc.file or path}, "region": region},
                "logicalLocations": [{"fullyQualifiedName": loc.dotted_path or "<корень>"}],
            }
        ],
        "partialFingerprints": {"efsItem/v1": f"{f.code}:{f.item if f.item is not None else f.message}"},
        "properties": {"slug": f.slug, "item": f.item},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.source is not None and f.source.document:
        related: dict[str, Any] = {
            "id": 1,
            "physicalLocation": {"artifactLocation": {"uri": f.source.document}},
            "message": {"text": f"документ: {f.source}"},
        }
        if f.source.line:
            related["physicalLocation"]["region"] = {"startLine": f.source.line}
        result["relatedLocations"] = [related]
    if f.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": f.suppression_reason or ""}]
    return result


def render_sarif(results: list[tuple[str, Any, list[Finding]]], as_of: dt.date, registry: Any = None) -> str:
    """One SARIF run: the rules that produced findings, every finding as a located result."""
    used = {f.code for _, _, findings in results for f in findings}
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in _rules(registry, used):
        if rule is not None:
            index[rule.code] = len(descriptors)
            descriptors.append(_rule_descriptor(rule))
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "efs",
                        "version": __version__,
                                "rules": descriptors,
                    }
                },
                "invocations": [{"executionSuccessful": True, "properties": {"asOf": as_of.isoformat()}}],
                "results": [_result(f, path, index) for path, _, findings in results for f in findings],
                "properties": {"asOf": as_of.isoformat()},
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
