"""Output formats of ``efs validate``: text and JSON (documented in docs/format.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from efs._version import __version__
from efs.conformance.findings import Finding, Severity

Results = list[tuple[str, Any, list[Finding]]]


def summary(results: Results) -> dict[str, int]:
    """Counts of active findings by severity, plus suppressed ones and files."""
    counts = {"files": len(results), "error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for _, _, findings in results:
        for f in findings:
            if f.suppressed:
                counts["suppressed"] += 1
            else:
                counts[f.severity.value] += 1
    return counts


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """The stable JSON shape of one finding."""
    loc = f.location
    return {
        "code": f.code,
        "slug": f.slug,
        "severity": f.severity.value,
        "message": f.message,
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "path": loc.dotted_path,
        "item": f.item,
        "source": f.source.model_dump(mode="json") if f.source is not None else None,
        "suppressed": f.suppressed,
        "suppression_reason": f.suppression_reason,
    }


def render_json(results: Results, as_of: dt.date) -> str:
    """JSON document: efs version, as-of date, files with findings, summary."""
    doc = {
        "efs_version": __version__,
        "as_of": as_of.isoformat(),
        "files": [
            {
                "file": path,
                "jurisdiction": config.jurisdiction.id if config is not None else None,
                "loaded": config is not None,
                "findings": [finding_to_dict(f) for f in findings],
            }
            for path, config, findings in results
        ],
        "summary": summary(results),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def render_text(results: Results, as_of: dt.date) -> str:
    """Plain text: findings grouped by file and sorted by line, then a summary line."""
    lines: list[str] = []
    for path, _config, findings in results:
        for f in sorted(findings, key=Finding.sort_key):
            loc = f.location
            where = ":".join(str(x) for x in (loc.file or path, loc.line, loc.column) if x is not None)
            mark = " [подавлено: " + (f.suppression_reason or "") + "]" if f.suppressed else ""
            src = f" (документ: {f.source})" if f.source is not None else ""
            lines.append(f"{where}: {f.code} [{f.severity.label}] {f.message}{src}{mark}")
    c = summary(results)
    lines.append(
        f"Проверено файлов: {c['files']}; ошибок: {c['error']}, предупреждений: {c['warning']}, "
        f"сведений: {c['info']}, подавлено: {c['suppressed']}; на дату {as_of.strftime('%d.%m.%Y')}"
    )
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Results, dt.date], str]] = {"text": render_text, "json": render_json}


def exit_code(results: Results, *, strict: bool = False) -> int:
    """1 when an unsuppressed error (or, with ``strict``, warning) remains; else 0."""
    counted = {Severity.error, Severity.warning} if strict else {Severity.error}
    for _, _, findings in results:
        if any(f.severity in counted and not f.suppressed for f in findings):
            return 1
    return 0
