"""Documents: a Положение as adopted, the one text normalisation, and the documents plugins ship.

The API other parts of efs (source checks, drafting, whole-document rules) use::

    from efs import documents

    doc = documents.for_configuration(config, registry)   # Document | None (not at hand)
    if doc is not None:
        idx = documents.index(doc)                        # TextIndex over doc.lines
        idx.found(text, line)                             # starts within ±2 lines, normalised
        idx.lines_of(text)                                # where it starts anywhere

* :func:`~efs.documents.reading.read` — a Положение from a file (DOCX, ODT, HTML or TXT, told by its
  content) with Word's numbering labels, tables with merged cells, and lines as LibreOffice's text export
  prints them;
* :class:`~efs.documents.model.Document` — ``name`` (the name sources cite), ``format``, ``blocks``
  (:class:`~efs.documents.model.Paragraph` and :class:`~efs.documents.model.Table`), ``lines``
  (``lines[0]`` is line 1: what ``source.line`` counts);
* :func:`efs.documents.normalize.normalize` — the one normalisation (markup, quotes, whitespace);
  import it from its module (``from efs.documents.normalize import normalize``): the module has its name;
* :class:`~efs.documents.normalize.TextIndex` — finding a normalised text near a line, table columns
  included;
* :func:`~efs.documents.shipped.for_configuration`, :func:`~efs.documents.shipped.load`,
  :func:`~efs.documents.shipped.find` — the document of a configuration (beside its file, else shipped
  by a plugin through the ``efs_documents`` hook, :class:`~efs.documents.shipped.DocumentInfo`).

Nothing here is imported by ``import efs``; attributes load lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.documents.model import Document, DocumentError
    from efs.documents.normalize import WINDOW, TextIndex
    from efs.documents.reading import read
    from efs.documents.shipped import DocumentInfo, cited, find, for_configuration, index, load

__all__ = [
    "WINDOW",
    "Document",
    "DocumentError",
    "DocumentInfo",
    "TextIndex",
    "cited",
    "find",
    "for_configuration",
    "index",
    "load",
    "read",
]

_LAZY = {
    "Document": "efs.documents.model",
    "DocumentError": "efs.documents.model",
    "WINDOW": "efs.documents.normalize",
    "TextIndex": "efs.documents.normalize",
    "DocumentInfo": "efs.documents.shipped",
    "cited": "efs.documents.shipped",
    "find": "efs.documents.shipped",
    "for_configuration": "efs.documents.shipped",
    "index": "efs.documents.shipped",
    "load": "efs.documents.shipped",
    "read": "efs.documents.reading",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'efs.documents' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
