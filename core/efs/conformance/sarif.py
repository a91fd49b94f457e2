"""SARIF 2.1.0 output for code-scanning tools (GitHub code scanning first).

Locations are repository-relative, percent-encoded URI references resolved against
``%SRCROOT%`` (``run.originalUriBaseIds``), whatever the working directory and whether a
jurisdiction was named by id or by path: GitHub matches alerts to files by the path from the
repository root. The source root is :func:`source_root`. A file outside it (a
configuration installed with a plugin's wheel) keeps an absolute ``file://`` URI, which code
scanning leaves as it is. Run outside any repository, efs takes the repository of the first file.

What GitHub's upload checks (docs "SARIF support for code scanning") is tested in
``tests/conformance/test_sarif.py``; the OASIS schema is checked there too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from efs._version import __version__
from efs.conformance.findings import Finding, Severity

if TYPE_CHECKING:
    from efs.registry import Registry

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: GitHub's limit on the rule texts it shows (``shortDescription``, ``fullDescription``).
TEXT_LIMIT = 1024
_ROOT_DESCRIPTION = "Корень репозитория: от него отсчитываются пути результатов"
_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def source_root(cwd: Path | None = None, files: Iterable[str] = ()) -> Path:
    """The directory SARIF and GitHub annotations are relative to: ``GITHUB_WORKSPACE`` (set by GitHub
    Actions), else the git repository around the working directory, else the one around the first of
    ``files`` that is in a repository, else the working directory."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and Path(workspace).is_dir():
        return Path(workspace).resolve()
    here = (cwd or Path.cwd()).resolve()
    for start in (here, *(Path(f).resolve().parent for f in files)):
        found = _repository_of(start)
        if found is not None:
            return found
    return here


def _repository_of(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():  # a directory, or a file in worktrees and submodules
            return candidate
    return None


def repository_path(file: str, root: Path) -> str | None:
    """``file`` as a POSIX path relative to ``root`` (symlinks resolved), or None when outside it."""
    try:
        return Path(file).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def artifact_location(file: str, root: Path) -> dict[str, str]:
    """A SARIF ``artifactLocation``: relative to ``%SRCROOT%`` when inside the root, else absolute."""
    relative = repository_path(file, root)
    if relative is None:
        return {"uri": Path(file).resolve().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(path: Path) -> str:
    uri = path.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _clip(text: str, limit: int = TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rules(registry: Registry | None, used: set[str]) -> list[Any]:
    rules = list(registry.rules.values()) if registry is not None else []
    return [r for r in rules if r.code in used or not used]


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    help_text = rule.recommendation or rule.title
    markdown = f"**{rule.title}**\n\n{rule.rationale}\n\n**Как исправить.** {help_text}"
    if rule.example:
        markdown += f"\n\nПример, на котором правило срабатывает:\n\n```yaml\n{rule.example.rstrip()}\n```"
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": _clip(rule.title)},
        "fullDescription": {"text": _clip(rule.rationale or rule.title)},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"plugin": rule.plugin, "tags": ["efs", rule.plugin]},
    }


class _Fingerprints:
    """``primaryLocationLineHash``, the one fingerprint GitHub reads: stable across edits of the file
    (built from the file, the rule and the item, not from the line), numbered when it repeats."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, uri: str, f: Finding) -> str:
        identity = f"{uri}\n{f.code}\n{f.item if f.item is not None else f.message}"
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]
        self.seen[digest] = self.seen.get(digest, 0) + 1
        return f"{digest}:{self.seen[digest]}"


def _result(
    f: Finding, path: str, index: dict[str, int], root: Path, fingerprint: _Fingerprints, registry: Registry | None
) -> dict[str, Any]:
    loc = f.location
    artifact = artifact_location(loc.file or path, root)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": loc.line or 1, "startColumn": loc.column or 1},
                },
                "logicalLocations": [{"fullyQualifiedName": loc.dotted_path or "<корень>"}],
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": fingerprint(artifact["uri"], f),
            "efsItem/v1": f"{f.code}:{f.item if f.item is not None else f.message}",
        },
        "properties": {"slug": f.slug, "item": f.item},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.source is not None and f.source.document:
        result["relatedLocations"] = [_document_location(f, loc.file or path, root, registry)]
    if f.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": f.suppression_reason or ""}]
    return result


def _document_location(f: Finding, config_file: str, root: Path, registry: Registry | None) -> dict[str, Any]:
    """Where the finding's source sits in the document: a file location when the document is at hand
    (beside the configuration, or shipped by a plugin: :func:`efs.documents.find`), else the citation
    alone (a path we cannot vouch for would mislead)."""
    from efs.documents import cited, find

    assert f.source is not None and f.source.document
    shown = cited(f.source, registry=registry, near=config_file)
    related: dict[str, Any] = {"id": 1, "message": {"text": f"документ: {shown}"}}
    document = find(f.source.document, registry=registry, near=config_file)
    if document is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(str(document), root)}
        if f.source.line:
            physical["region"] = {"startLine": f.source.line}
        related["physicalLocation"] = physical
    return related


def render_sarif(
    results: list[tuple[str, Any, list[Finding]]],
    as_of: dt.date,
    registry: Registry | None = None,
    *,
    root: Path | None = None,
) -> str:
    """One SARIF run: the rules that produced findings, every finding as a located result.

    Args:
        results: ``(path, configuration or None, findings)`` per file, as :func:`efs.conformance.validate_paths`
            returns them.
        as_of: The date deadlines were checked against.
        registry: The registry whose rules describe the findings.
        root: The source root (:func:`source_root` by default).
    """
    root = (root or source_root(files=[path for path, _, _ in results])).resolve()
    used = {f.code for _, _, findings in results for f in findings}
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in _rules(registry, used):
        index[rule.code] = len(descriptors)
        descriptors.append(_rule_descriptor(rule))
    fingerprint = _Fingerprints()
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "efs",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {"uri": _directory_uri(root), "description": {"text": _ROOT_DESCRIPTION}}
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "workingDirectory": {"uri": _directory_uri(Path.cwd().resolve())},
                        "properties": {"asOf": as_of.isoformat()},
                    }
                ],
                "results": [
                    _result(f, path, index, root, fingerprint, registry)
                    for path, _, findings in results
                    for f in findings
                ],
                "columnKind": "unicodeCodePoints",
                "properties": {"asOf": as_of.isoformat()},
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
