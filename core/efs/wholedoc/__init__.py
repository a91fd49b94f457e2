"""The document read as a whole: words with their lines and dictionary forms, the bodies it names, the
abbreviations it introduces and uses, the acts it cites.

The whole-document rules (``EFS2xx`` and the document-reading parts of ``EFS142``/``EFS144``) read a
Положение through these modules rather than through the items a configuration encodes, so that what an
encoding left out or tidied is still seen:

* :mod:`efs.wholedoc.text` — :class:`~efs.wholedoc.text.Text`: the words of every line (markup removed)
  with their dictionary forms (:func:`efs.morphology.lemma`), the quotes they stand in and the
  punctuation before them;
* :mod:`efs.wholedoc.names` — every mention of a subject or actor of the configuration, in any case and
  spelling the configuration knows, and the spellings of one body that differ;
* :mod:`efs.wholedoc.abbreviations` — where each abbreviation is introduced («(далее – ЦНППМ)»), for
  which words, and where it is used;
* :mod:`efs.documents.citations` — the acts a text cites (kind, issuer, date, number, title).

The functions below build each of these once per run and document (``RuleContext.shared``) and say where
a line of the document is in the configuration (:func:`anchor`), so that every finding is located in both.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.conformance.engine import RuleContext
    from efs.model import Source
    from efs.wholedoc.abbreviations import Abbreviations
    from efs.wholedoc.names import Mention, NameIndex
    from efs.wholedoc.text import Text

__all__ = ["abbreviations_of", "anchor", "mentions_of", "names_of", "source_at", "text_of"]

Path = tuple[str | int, ...]


def _once(ctx: RuleContext, key: str, build: Any) -> Any:
    if key not in ctx.shared:
        ctx.shared[key] = build()
    return ctx.shared[key]


def text_of(ctx: RuleContext) -> Text | None:
    """The configuration's document as :class:`~efs.wholedoc.text.Text`, or ``None`` when it is not at hand."""

    def build() -> Text | None:
        document = ctx.document
        if document is None:
            return None
        from efs.wholedoc.text import Text

        return Text(document.lines, document.name)

    found: Text | None = _once(ctx, "wholedoc:text", build)
    return found


def abbreviations_of(ctx: RuleContext) -> Abbreviations | None:
    """The document's abbreviations (:func:`efs.wholedoc.abbreviations.read`), or ``None`` without a document."""
    text = text_of(ctx)
    if text is None:
        return None
    from efs.wholedoc.abbreviations import read

    found: Abbreviations = _once(ctx, "wholedoc:abbreviations", lambda: read(text))
    return found


def names_of(ctx: RuleContext) -> NameIndex:
    """Every spelling of every subject and actor of the configuration."""
    from efs.wholedoc.names import NameIndex

    found: NameIndex = _once(ctx, "wholedoc:names", lambda: NameIndex(ctx.config))
    return found


def mentions_of(ctx: RuleContext) -> list[Mention]:
    """Where the document names a subject or actor (empty without a document)."""
    text = text_of(ctx)
    if text is None:
        return []
    from efs.wholedoc.names import mentions

    found: list[Mention] = _once(ctx, "wholedoc:mentions", lambda: mentions(text, names_of(ctx)))
    return found


def _anchors(ctx: RuleContext) -> tuple[list[int], list[tuple[Path, str | None, Source]]]:
    """Lines where configuration items start, sorted, with the item's path, id and source."""

    def build() -> tuple[list[int], list[tuple[Path, str | None, Source]]]:
        from efs.conformance.rules_sources import sources
        from efs.conformance.walk import enclosing

        main = ctx.config.jurisdiction.document
        rows: dict[int, tuple[Path, str | None, Source]] = {}
        for path, src in sources(ctx.config):
            if src.line is None or (src.document or main) != main or path == ("jurisdiction",):
                continue
            if src.line not in rows or len(path) < len(rows[src.line][0]):
                rows[src.line] = (path, enclosing(ctx.config, path)[0], src)
        lines = sorted(rows)
        return lines, [rows[n] for n in lines]

    found: tuple[list[int], list[tuple[Path, str | None, Source]]] = _once(ctx, "wholedoc:anchors", build)
    return found


def anchor(ctx: RuleContext, line: int, *, within: int = 3) -> tuple[Path, str | None]:
    """The configuration item that encodes a line of the document: the item whose source is that line, else
    the nearest one starting at most ``within`` lines above it; else the document's key
    (``jurisdiction.document``). Returns its path and id."""
    lines, rows = _anchors(ctx)
    i = bisect.bisect_right(lines, line) - 1
    if i >= 0 and line - lines[i] <= within:
        path, item, _ = rows[i]
        return path, item
    return ("jurisdiction", "document"), None


def source_at(ctx: RuleContext, line: int) -> Source:
    """A source pointing at a line of the configuration's document (its section when an item starts there)."""
    from efs.model import Source

    lines, rows = _anchors(ctx)
    i = bisect.bisect_right(lines, line) - 1
    section = rows[i][2].section if i >= 0 and lines[i] == line else None
    return Source(document=ctx.config.jurisdiction.document, section=section, line=line)
