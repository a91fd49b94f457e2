"""The manifest of an export: every file's table, rows, size and SHA-256, verified by import.

``efs data export`` writes ``efs-manifest.json`` beside the CSV files (last, all or nothing). ``efs data
import`` looks for it beside each file it is given: a file the manifest lists must have the size and
checksum recorded, so an export cut short by a failed copy or download is refused instead of being
imported as valid partial data. Files the manifest does not list (your own CSV in the same directory)
are imported as usual; ``--ignore-manifest`` imports a listed file you changed on purpose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from efs.data.tables import specs
from efs.errors import DataError, Location, Problem

MANIFEST = "efs-manifest.json"
VERSION = 1


def sha256(path: Path) -> str:
    """SHA-256 of a file's content."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_manifest(
    out_dir: Path, files: Iterable[tuple[str, Path, int]], *, jurisdiction: str | None, synthetic: Iterable[str] = ()
) -> Path:
    """Record ``(table, path, rows)`` of each written file in ``out_dir/efs-manifest.json``; return its path.

    Entries of other files already listed there are kept. ``synthetic``: jurisdictions whose data came from
    ``efs data synth`` — import marks them synthetic again, so a report never presents them as real.
    """
    from efs._version import __version__
    from efs.safeio import write_text_atomic

    path = out_dir / MANIFEST
    entries: dict[str, Any] = {}
    marked = set(synthetic)
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            entries = dict(old.get("files", {})) if isinstance(old, dict) else {}
            marked |= set(old.get("synthetic", [])) if isinstance(old, dict) else set()
        except (ValueError, OSError, TypeError):
            entries = {}
    for table, file, rows in files:
        entries[file.name] = {"table": table, "rows": rows, "bytes": file.stat().st_size, "sha256": sha256(file)}
    doc = {
        "efs_manifest": VERSION,
        "efs_version": __version__,
        "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "jurisdiction": jurisdiction,
        "synthetic": sorted(marked),
        "files": dict(sorted(entries.items())),
    }
    write_text_atomic(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return path


def _read(manifest: Path) -> dict[str, Any]:
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(
            f"манифест выгрузки повреждён ({exc.__class__.__name__}): выгрузите данные заново "
            "или загрузите файлы с --ignore-manifest",
            location=Location(file=str(manifest)),
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        raise DataError("это не манифест выгрузки efs (нет списка files)", location=Location(file=str(manifest)))
    return doc


def verify(paths: Iterable[Path]) -> list[Problem]:
    """Problems of the files that a manifest beside them lists with another size or checksum."""
    problems: list[Problem] = []
    cache: dict[Path, dict[str, Any]] = {}
    for path in paths:
        manifest = path.parent / MANIFEST
        if not manifest.is_file():
            continue
        if manifest not in cache:
            cache[manifest] = _read(manifest)
        entry = cache[manifest]["files"].get(path.name)
        if not isinstance(entry, dict):
            continue
        size = path.stat().st_size
        expected = entry.get("bytes")
        if size == expected and sha256(path) == entry.get("sha256"):
            continue
        shorter = isinstance(expected, int) and size < expected
        why = (f"файл короче, чем при выгрузке: {size} байт вместо {expected} — он обрезан (недокопирован или "
               "недокачан)") if shorter else (f"файл не совпадает с выгруженным (контрольная сумма SHA-256 другая; "
                                              f"{size} байт, при выгрузке {expected}) — он изменён или повреждён")
        table = str(entry.get("table"))
        shown = specs()[table].sheet if table in specs() else table
        problems.append(Problem(
            f"{why}; по манифесту {MANIFEST} в нём строк таблицы «{shown}»: {entry.get('rows')}. "
            "Выгрузите данные заново; если вы правили файл намеренно, загрузите его с --ignore-manifest",
            Location(file=str(path)),
        ))
    return problems


def synthetic_jurisdictions(path: Path) -> frozenset[str]:
    """Jurisdictions the manifest beside ``path`` marks synthetic, when it lists ``path`` (else none)."""
    manifest = path.parent / MANIFEST
    if not manifest.is_file():
        return frozenset()
    try:
        doc = _read(manifest)
    except DataError:
        return frozenset()
    if path.name not in doc["files"]:
        return frozenset()
    marked = doc.get("synthetic", [])
    return frozenset(str(j) for j in marked) if isinstance(marked, list) else frozenset()
