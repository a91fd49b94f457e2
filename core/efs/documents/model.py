"""The document as read: its text lines (and, from the readers of ``efs draft``, its blocks).

A :class:`Document` is what every reader produces, whatever the format. Its :attr:`Document.lines`
are the lines that ``source.line`` counts (line 1 is ``lines[0]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from efs.errors import EfsError, Location


class DocumentError(EfsError):
    """A document cannot be read: not a DOCX/ODT/HTML/TXT, damaged, or in an unknown encoding."""

    exit_code = 2


@dataclass(slots=True)
class Document:
    """A document as read: its blocks in order and its text lines.

    Attributes:
        name: The name sources cite (``source.document``, ``jurisdiction.document``).
        format: ``docx``, ``odt``, ``txt`` or ``html``.
        blocks: Paragraphs and tables in document order (empty for a plain text read line by line).
        lines: The text, one entry per line (``lines[0]`` is line 1).
    """

    name: str
    format: str
    blocks: list[Any] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole text, lines joined by ``\\n``."""
        return "\n".join(self.lines)

    def location(self, line: int) -> Location:
        """A :class:`~efs.errors.Location` in the document."""
        return Location(self.name, line, None)
