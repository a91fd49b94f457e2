"""The document as a sequence of items: printed label, text, line, the section it stands in.

Readers give Word's automatic labels; a text export or a portal page has them typed into the text. Both
end up here as one :class:`Item` per paragraph (a paragraph broken over several lines of a text export
joined back), so that the drafter reads one kind of thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from efs.documents.model import Document, Paragraph, Table

#: A typed label: «1.», «3.2.1.», «1.2.1.Разработка», «1)»; not a date («12.05.2023»).
LABEL = re.compile(r"^(?P<num>[1-9]\d?(?:\.(?:[1-9]\d?|0))*)(?P<end>[.)])(?=\s|\[|[А-ЯЁA-Z«\"(]|$)\s*")
BULLET = re.compile(r"^\s*(?P<mark>[·•\-–—▪◦o])\s*(?=\S)")
MARKUP = re.compile(r"\[bookmark: [^\]]*\]|</?(?:p|ol|li|ul|br)(?:\s[^>]*)?/?>|^\*\*|\*\*$")
_ENDS_SENTENCE = (".", ";", ":", "!", "?")


def clean(text: str) -> str:
    """Text without the export's markup (bookmark anchors, stray HTML tags) and outer whitespace."""
    return re.sub(r"[ \t]+", " ", MARKUP.sub("", text)).strip()


@dataclass(slots=True)
class Item:
    """One paragraph of the document, ready for the drafter.

    Attributes:
        label: The printed label («3.2.1.», «1)») or ``""``.
        numbers: The label's numbers (``(3, 2, 1)``), empty without a label.
        bullet: Whether the paragraph is a list bullet (typed «-», «·» or a Word bullet).
        text: The text without label, bullet and markup, continuation lines joined.
        line: The line where the paragraph starts.
        end_line: The last line the paragraph takes.
        heading: Outline level of a heading paragraph.
    """

    label: str
    numbers: tuple[int, ...]
    bullet: bool
    text: str
    line: int
    end_line: int
    heading: int | None = None

    @property
    def depth(self) -> int:
        """How many numbers the label has (0 without a label)."""
        return len(self.numbers)

    @property
    def section(self) -> str:
        """The label without its final dot, as a section number («3.2.1»)."""
        return self.label.rstrip(".") if self.label else ""


def split_label(text: str) -> tuple[str, tuple[int, ...], bool, str]:
    """Label, its numbers, whether it is a bullet, and the rest of a paragraph's typed text."""
    body = MARKUP.sub("", text).lstrip()
    m = LABEL.match(body)
    if m:
        numbers = tuple(int(x) for x in m.group("num").split(".") if x)
        return m.group("num") + m.group("end"), numbers, False, body[m.end():]
    b = BULLET.match(body)
    if b and not (b.group("mark") == "o" and not body[1:2].isspace()):
        return b.group("mark"), (), True, body[b.end():]
    return "", (), False, body


def _from_paragraph(p: Paragraph) -> Item:
    if p.label:
        numbers: tuple[int, ...] = ()
        if not p.bullet:
            m = LABEL.match(p.label + " ")
            numbers = tuple(int(x) for x in m.group("num").split(".") if x) if m else ()
        return Item(p.label, numbers, p.bullet, clean(p.text), p.line, p.line + p.text.count("\n"), p.heading)
    label, numbers, bullet, rest = split_label(p.text)
    return Item(label, numbers, bullet, clean(rest), p.line, p.line + p.text.count("\n"), p.heading)


def _continues(prev: Item, nxt: Item) -> bool:
    # A paragraph of a text export broken at a line end: the next line starts small, unlabelled, and the
    # previous one did not end its sentence.
    if nxt.label or not nxt.text or not prev.text:
        return False
    if prev.text.endswith(_ENDS_SENTENCE):
        return False
    first = nxt.text[0]
    # An opening quote or bracket continues a long sentence, not a heading («Термины и понятия» followed by
    # the term «Горизонтальное обучение» – …).
    return first.islower() or (first in "«(\"" and len(prev.text) > 120)


def _pieces(p: Paragraph) -> list[Paragraph]:
    """A paragraph broken by line breaks (``<br>`` of a portal page, Shift+Enter in Word) as one paragraph per
    line: «Функции:<br>- организует …<br>- осуществляет …» is a heading and its bullets. The first line keeps
    the paragraph's label."""
    if "\n" not in p.text:
        return [p]
    out = []
    for k, text in enumerate(p.text.split("\n")):
        out.append(Paragraph(text=text, label=p.label if k == 0 else "", level=p.level, bullet=p.bullet and k == 0,
                             heading=p.heading if k == 0 else None, style=p.style, line=p.line + k))
    return out


def items(document: Document) -> list[Item]:
    """The paragraphs outside tables, in order, as items (a paragraph broken over lines joined back: a text
    export breaks them at the page width, a Word file where its author pressed Enter mid-sentence)."""
    out: list[Item] = []
    for block in document.blocks:
        if isinstance(block, Table):
            continue
        for piece in _pieces(block):
            item = _from_paragraph(piece)
            if not item.text and not item.label:
                continue
            if out and _continues(out[-1], item):
                prev = out[-1]
                prev.text = f"{prev.text} {item.text}"
                prev.end_line = item.end_line
                continue
            out.append(item)
    return out
