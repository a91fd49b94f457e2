"""Real edits of the bundled configurations, each with the change it must produce, and how to read a change.

An edit is applied to the configuration's plain data (as ``yaml.safe_load`` gives it) and states the
signature of the one change ``efs diff`` must report for it: ``(type, section, id)``, where ``id`` is the
id of the top-level item the change lies in (the subject of a function bullet, the indicator of a target,
the measure of a threshold). :func:`signature` reads that from a reported change by its path in the
configurations alone, never from the text efs prints — the oracle does not share the code under test.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import CONFIG_DIR

Signature = tuple[str, str, str]


@functools.cache
def _parsed(name: str) -> dict[str, Any]:
    try:
        loader: Any = yaml.CSafeLoader
    except AttributeError:  # PyYAML without libyaml
        loader = yaml.SafeLoader
    return yaml.load((CONFIG_DIR / f"{name}.yaml").read_text(encoding="utf-8"), Loader=loader)


def data_of(name: str) -> dict[str, Any]:
    """The bundled configuration ``name`` as plain data (a fresh copy: edit it freely)."""
    return copy.deepcopy(_parsed(name))


def by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    """The item of ``items`` with this id (fails loudly when the configuration no longer has it)."""
    for item in items:
        if item.get("id") == item_id:
            return item
    raise AssertionError(f"нет элемента {item_id}: правка устарела, поправьте тест")


@dataclass(frozen=True)
class Edit:
    """One planted change: what it does to the data and the change it must produce."""

    name: str
    apply: Callable[[dict[str, Any]], None]
    expected: Signature


_SECTION_OF_PATH = {"legal_basis": "legal_basis", "system": "system", "actors": "actors", "functions": "catalogue",
                    "indicators": "indicators", "agreements": "agreements", "roadmap": "roadmap",
                    "monitoring": "monitoring", "glossary": "glossary", "jurisdiction": "jurisdiction"}


def _top_id(config: Any, path: tuple[Any, ...]) -> str:
    head = path[0]
    if head in ("system", "monitoring", "jurisdiction"):
        return str(path[1]) if len(path) > 1 and isinstance(path[1], str) else head
    items = getattr(config, "functions" if head == "functions" else head)
    return str(items[path[1]].id)


def signature(change: Any, old: Any, new: Any) -> Signature:
    """``(type, section, id)`` of a reported change, read from its paths in the two configurations."""
    if change.new_path is not None:
        path, config = change.new_path, new
    else:
        path, config = change.old_path, old
    top = _top_id(config, path)
    if path[0] == "subjects":
        section = "functions" if len(path) > 2 and path[2] == "functions" else "subjects"
    else:
        section = _SECTION_OF_PATH[str(path[0])]
    return change.type, section, top


def edited(name: str, edits: list[Edit]) -> dict[str, Any]:
    """The data of configuration ``name`` with every edit applied (to a copy)."""
    data = copy.deepcopy(data_of(name))
    for e in edits:
        e.apply(data)
    return data


def write(data: dict[str, Any], path: Path) -> Path:
    """The data as a YAML file as another tool would write it: keys sorted, nothing in the original's order."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return path


def reorder(data: Any) -> Any:
    """Every list in the data reversed, recursively (the order of the document's items is not a change)."""
    if isinstance(data, dict):
        return {k: reorder(v) for k, v in reversed(list(data.items()))}
    if isinstance(data, list):
        return [reorder(v) for v in reversed(data)]
    return data
