"""Walk a configuration: the item and source enclosing a path, and every text with its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from efs.model import Configuration, Reference, Source

Path = tuple[str | int, ...]


def enclosing(config: Configuration, path: Path) -> tuple[str | None, Source | None]:
    """Id and source of the innermost item with an id (or a source) that encloses ``path``."""
    node: Any = config
    item: str | None = None
    source: Source | None = None
    for part in path:
        try:
            node = node[part] if isinstance(part, int) else getattr(node, part)
        except (IndexError, AttributeError, TypeError):
            break
        if isinstance(node, BaseModel):
            node_id = getattr(node, "id", None)
            if isinstance(node_id, str) and not isinstance(node, Reference):
                item = node_id
            node_source = getattr(node, "source", None)
            if isinstance(node_source, Source):
                source = node_source
    if item is None and path and path[0] == "monitoring":
        item = "monitoring"
    return item, source


def texts(node: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string value inside ``node`` with its path (sources and ids excluded)."""
    if isinstance(node, Source):
        return
    if isinstance(node, Reference):
        yield path, node.as_written
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name in ("id", "provenance"):
                continue
            yield from texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, (*path, i))
    elif isinstance(node, str):
        yield path, node
