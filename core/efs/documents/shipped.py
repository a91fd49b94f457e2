"""The documents plugins ship, and the document of a configuration.

A plugin ships the document its configuration encodes (hook ``efs_documents``): the file lives in
the plugin's package, named after what it is (``efs_amur/documents/amur.txt``), and is known by the
name the configuration's sources cite (``jurisdiction.document``, ``source.document``, for example
``002_6414ad974cc0e1d7.txt``). A configuration's document is looked for, by that name:

1. beside the configuration file (a document the user keeps with their own configuration);
2. among the documents shipped by the installed plugins.

The file is read by :func:`efs.documents.reading.read` (DOCX, ODT, HTML or TXT, told by its content), and
cached per file (path, size, modification time): the rules of one run read a document once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from efs.documents.model import Document, DocumentError
from efs.documents.normalize import TextIndex
from efs.documents.reading import read

if TYPE_CHECKING:
    from efs.model import Configuration, Provenance, Source
    from efs.registry import Registry

__all__ = ["DocumentInfo", "cited", "find", "for_configuration", "index", "load", "shipped_only"]

_CACHE_SIZE = 16

#: Whether a document is looked for beside the configuration file (off inside :func:`shipped_only`).
_BESIDE: ContextVar[bool] = ContextVar("efs_documents_beside", default=True)


@contextmanager
def shipped_only() -> Iterator[None]:
    """Within the block, documents are looked for only among those the installed plugins ship.

    A configuration received over the network names a file (``configuration.yaml``) that is not on this
    machine, and its ``jurisdiction.document`` is the sender's text: the server (``efs serve``) checks it
    inside this block, so no name from a request is ever looked up on the server's file system.
    """
    token = _BESIDE.set(False)
    try:
        yield
    finally:
        _BESIDE.reset(token)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document a plugin ships.

    Attributes:
        name: The name sources cite (``jurisdiction.document``, ``source.document``).
        path: Where the file is installed (inside the plugin's package).
        title: What the document is, in Russian (the act, its date and number).
        jurisdiction: Id of the jurisdiction whose document it is, if any.
        provenance: The plugin that ships it (filled by efs).
    """

    name: str
    path: Path
    title: str
    jurisdiction: str | None = None
    provenance: Provenance | None = None


def find(name: str, *, registry: Registry | None = None, near: str | Path | None = None) -> Path | None:
    """The file of the document that sources call ``name``, or ``None`` when it is not at hand.

    Args:
        name: The name sources cite.
        registry: The catalogue (:class:`efs.registry.Registry`) whose plugins' documents are searched.
        near: A configuration file: a file called ``name`` in its directory comes first (only a plain file
            name is looked for there: a name with a directory in it is never followed out of that directory).
    """
    if near is not None and _BESIDE.get() and _plain(name):
        beside = Path(near).parent / name
        if beside.is_file():
            return beside
    shipped = getattr(registry, "documents", {}).get(name) if registry is not None else None
    if shipped is not None and Path(shipped.path).is_file():
        return Path(shipped.path)
    return None


def cited(source: Source, *, registry: Registry | None = None, near: str | Path | None = None) -> str:
    """A source as a reader can open it: ``path:line`` of the document's file, then its section.

    The path is the file at hand (see :func:`find`), relative to the working directory when it lies inside
    it, so that a terminal or an editor opens the document on the line; the name sources cite (a seed's
    hash name such as ``002_6414ad974cc0e1d7.txt``) is shown only when the file is not at hand.

    >>> from efs.model import Source
    >>> cited(Source(document="нет_такого.txt", section="1.5", line=64))
    'нет_такого.txt, §1.5, строка 64'
    """
    path = find(source.document, registry=registry, near=near) if source.document else None
    if path is None:
        return str(source)
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    where = f"{shown}:{source.line}" if source.line else shown
    return f"{where}, §{source.section}" if source.section else where


def _plain(name: str) -> bool:
    """Whether ``name`` is a bare file name (no directory part, not ``.`` or ``..``, not absolute)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and ":" not in name


def load(name: str, *, registry: Registry | None = None, near: str | Path | None = None) -> Document | None:
    """The document that sources call ``name`` (see :func:`find`), read; ``None`` when it is not at hand.

    Raises:
        DocumentError: The file is there but cannot be read.
    """
    path = find(name, registry=registry, near=near)
    return _read(path, name) if path is not None else None


def for_configuration(config: Configuration, registry: Registry | None = None) -> Document | None:
    """The document a configuration encodes (``jurisdiction.document``), or ``None`` when it is not at hand.

    Args:
        config: A loaded configuration (its file, if any, is where a document beside it is looked for).
        registry: The catalogue whose plugins' shipped documents are searched; built from the installed
            plugins when ``None``.

    Raises:
        DocumentError: The file is there but cannot be read.
    """
    from efs.registry import Registry

    registry = Registry.of(registry)
    return load(config.jurisdiction.document, registry=registry, near=config.file)


def index(document: Document) -> TextIndex:
    """The document's lines prepared for finding normalised texts (built once per document read)."""
    for doc, idx in _cache.values():
        if doc is document:
            return idx
    return TextIndex(document.lines)


_cache: dict[tuple[str, int, int, str], tuple[Document, TextIndex]] = {}


def _read(path: Path, name: str) -> Document:
    try:
        stat = path.stat()
    except OSError as exc:
        raise DocumentError(f"документ {name} не читается ({path}): {exc.strerror or exc}") from exc
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, name)
    if key in _cache:
        return _cache[key][0]
    document = read(path, name)
    if len(_cache) >= _CACHE_SIZE:
        _cache.pop(next(iter(_cache)))
    _cache[key] = (document, TextIndex(document.lines))
    return document
