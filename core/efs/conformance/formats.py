"""Output formats of ``efs validate``: text, JSON, JUnit XML, SARIF 2.1.0 and GitHub annotations.

Every format prints the ``--as-of`` date and keeps suppressed findings, marked with their reason.
The JSON shape is documented in ``docs/rules.md`` and stable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from efs._version import __version__
from efs.conformance.findings import Finding, Severity

if TYPE_CHECKING:
    from efs.registry import Registry

Results = list[tuple[str, Any, list[Finding]]]
Renderer = Callable[[Results, dt.date, Any], str]


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
    out = {
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
    if f.extra:
        out["extra"] = f.extra
    return out


def validation_dict(results: Results, as_of: dt.date) -> dict[str, Any]:
    """The JSON document of ``efs validate``: efs version, as-of date, files with findings, summary."""
    return {
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


def render_json(results: Results, as_of: dt.date, registry: Registry | None = None) -> str:
    """JSON document: efs version, as-of date, files with findings, summary (:func:`validation_dict`)."""
    return json.dumps(validation_dict(results, as_of), ensure_ascii=False, indent=2)


def _where(f: Finding, path: str) -> str:
    loc = f.location
    return ":".join(str(x) for x in (loc.file or path, loc.line, loc.column) if x is not None)


def summary_line(results: Results, as_of: dt.date) -> str:
    """One Russian line: files, counts by severity, suppressed, and the as-of date."""
    c = summary(results)
    return (
        f"Проверено файлов: {c['files']}; ошибок: {c['error']}, предупреждений: {c['warning']}, "
        f"сведений: {c['info']}, подавлено: {c['suppressed']}; на дату {as_of.strftime('%d.%m.%Y')}"
    )


def render_text(results: Results, as_of: dt.date, registry: Registry | None = None) -> str:
    """Plain text: findings grouped by file and sorted by line, then a summary line.

    Each finding shows the id of its element (``[элемент: municipal:mentoring]``): the id a suppression's
    ``items`` names.
    """
    from efs.documents.shipped import cited

    lines: list[str] = []
    for path, _config, findings in results:
        for f in sorted(findings, key=Finding.sort_key):
            mark = " [подавлено: " + (f.suppression_reason or "") + "]" if f.suppressed else ""
            src = f" (документ: {cited(f.source, registry=registry, near=path)})" if f.source is not None else ""
            item = f" [элемент: {f.item}]" if f.item else ""
            lines.append(f"{_where(f, path)}: {f.code} [{f.severity.label}] {f.message}{src}{item}{mark}")
    lines.append(summary_line(results, as_of))
    return "\n".join(lines)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


_GH_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def render_github(results: Results, as_of: dt.date, registry: Registry | None = None) -> str:
    """GitHub workflow commands (``::error file=…,line=…::message``), one per finding, then a summary.

    ``file=`` is relative to the repository root, as GitHub needs to annotate the file (the same root
    as SARIF: :func:`efs.conformance.sarif.source_root`).
    """
    from efs.conformance.sarif import repository_path, source_root
    from efs.documents.shipped import cited

    root = source_root(files=[path for path, _, _ in results])
    lines: list[str] = []
    for path, _config, findings in results:
        for f in sorted(findings, key=Finding.sort_key):
            loc = f.location
            level = "notice" if f.suppressed else _GH_LEVEL[f.severity]
            file = repository_path(loc.file or path, root) or loc.file or path
            props = [
                f"file={_gh_escape(file, True)}",
                f"line={loc.line or 1}",
                f"col={loc.column or 1}",
                f"title={_gh_escape(f'{f.code} {f.slug}', True)}",
            ]
            src = cited(f.source, registry=registry, near=path) if f.source is not None else None
            text = f.message + (f" (документ: {src})" if src is not None else "")
            if f.suppressed:
                text += f" [подавлено: {f.suppression_reason or ''}]"
            lines.append(f"::{level} {','.join(props)}::{_gh_escape(text)}")
    lines.append(f"::notice title=efs::{_gh_escape(summary_line(results, as_of))}")
    return "\n".join(lines)


def _sarif(results: Results, as_of: dt.date, registry: Registry | None = None) -> str:
    from efs.conformance.sarif import render_sarif

    return render_sarif(results, as_of, registry)


def _junit(results: Results, as_of: dt.date, registry: Registry | None = None) -> str:
    from efs.conformance.junit import render_junit

    return render_junit(results, as_of, registry)


FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "junit": _junit,
    "sarif": _sarif,
    "github": render_github,
}


def exit_code(results: Results, *, strict: bool = False) -> int:
    """1 when an unsuppressed error (or, with ``strict``, warning) remains; else 0."""
    counted = {Severity.error, Severity.warning} if strict else {Severity.error}
    for _, _, findings in results:
        if any(f.severity in counted and not f.suppressed for f in findings):
            return 1
    return 0
