"""Finding a configuration's verbatim texts in its source document.

One documented normalisation is applied to both sides:

1. markup removed: HTML tags (``<p>``, ``<ol …>``) and the converter's bookmark anchors
   (``[bookmark: bookmark8]``);
2. whitespace collapsed, line breaks included, and quote characters unified;
3. for tab-separated tables, the text of a cell continued on following lines of the same column is
   joined, so that a table cell broken over several lines reads as one (a continuation line that
   leaves out up to ``MAX_SHIFT`` leading empty cells, or whose first line does, is read shifted
   into place).

A text is *found* when, after normalisation, it occurs starting on a line within ±2 of the line
its ``source`` gives (``WINDOW``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from efs.model import (
    Actor,
    Agreement,
    Configuration,
    IndicatorDefinition,
    Jurisdiction,
    LegalAct,
    Measure,
    Monitoring,
    Source,
    Subject,
    TextItem,
)

WINDOW = 2
CONTINUATION_LINES = 40
MAX_SHIFT = 3
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_TAG = re.compile(r"<[^>]+>|\[bookmark: [^\]]*\]")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({c: '"' for c in "«»“”„\"'‘’"})


def normalize(text: str) -> str:
    """The one normalisation: markup removed, quotes unified, whitespace collapsed."""
    return _SPACE.sub(" ", _TAG.sub(" ", text).translate(_QUOTES)).strip()


@dataclass
class Seed:
    """A seed document prepared for searching."""

    lines: list[str]

    @cached_property
    def flat(self) -> tuple[str, list[int]]:
        """The whole document normalised as one string, and the offset at which each line starts."""
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        for line in self.lines:
            starts.append(pos)
            piece = normalize(line)
            if piece:
                parts.append(piece)
                pos += len(piece) + 1
        return " ".join(parts), starts

    def line_of(self, offset: int) -> int:
        """1-based line on which a flat offset lies."""
        _, starts = self.flat
        return bisect.bisect_right(starts, offset)

    def found_linear(self, needle: str, line: int) -> bool:
        flat, _ = self.flat
        start = 0
        while True:
            i = flat.find(needle, start)
            if i < 0:
                return False
            if abs(self.line_of(i) - line) <= WINDOW:
                return True
            start = i + 1

    def found_in_columns(self, needle: str, line: int) -> bool:
        for s in range(max(1, line - WINDOW), min(len(self.lines), line + WINDOW) + 1):
            block = self.lines[s - 1 : s + CONTINUATION_LINES]
            if "\t" not in block[0]:
                continue
            first = block[0].split("\t")
            # The first line or a continuation line of a table row may leave out some of its leading
            # empty cells: read the following lines shifted by up to MAX_SHIFT cells either way.
            for shift in sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=abs):
                rest = [_shifted(x.split("\t"), shift) for x in block[1:]]
                for col, cell in enumerate(first):
                    head = normalize(cell)
                    if not head:
                        continue
                    pieces = [head] + [normalize(r[col]) for r in rest if col < len(r) and normalize(r[col])]
                    i = " ".join(pieces).find(needle)
                    if 0 <= i < len(head):
                        return True
        return False

    def found(self, text: str, line: int) -> bool:
        """Whether ``text`` occurs starting within ±WINDOW lines of ``line``."""
        needle = normalize(text)
        return self.found_linear(needle, line) or self.found_in_columns(needle, line)


def _shifted(cells: list[str], shift: int) -> list[str]:
    return [""] * shift + cells if shift >= 0 else cells[-shift:]


def load_seed(name: str) -> Seed:
    """Read a seed file by name."""
    return Seed((SEEDS / name).read_text(encoding="utf-8").split("\n"))


def _text_item(path: str, item: TextItem) -> Iterator[tuple[str, str, Source | None]]:
    yield path, item.text, item.source


def verbatim_texts(config: Configuration) -> Iterator[tuple[str, str, Source | None]]:
    """Every verbatim text of a configuration: (where in the config, text, source to check it against)."""
    j: Jurisdiction = config.jurisdiction
    for label, act in [("jurisdiction.adopted_by", j.adopted_by), *(
            (f"jurisdiction.annexes[{i}]", a) for i, a in enumerate(j.annexes))]:
        if act is None:
            continue
        for field in ("title", "as_written", "date_as_written"):
            value = getattr(act, field)
            if value:
                yield f"{label}.{field}", value, act.source
    for i, act_ in enumerate(config.legal_basis):
        la: LegalAct = act_
        for field in ("title", "as_written"):
            value = getattr(la, field)
            if value:
                yield f"legal_basis[{i}].{field}", value, la.source
    system = config.system
    if system.goal is not None:
        yield from _text_item("system.goal", system.goal)
    for field in ("tasks", "principles", "approaches", "directions", "interaction_subjects",
                  "interaction_channels", "notes"):
        for i, item in enumerate(getattr(system, field)):
            yield from _text_item(f"system.{field}[{i}]", item)
    for i, s_ in enumerate(config.subjects):
        s: Subject = s_
        yield f"subjects[{i}].name", s.name, s.source
        if s.short_name:
            yield f"subjects[{i}].short_name", s.short_name, s.source
        for k, alias in enumerate(s.aliases):
            yield f"subjects[{i}].aliases[{k}]", alias.text, alias.source or s.source
        for k, f in enumerate(s.functions):
            yield f"subjects[{i}].functions[{k}]", f.text, f.source
        for k, note in enumerate(s.notes):
            yield from _text_item(f"subjects[{i}].notes[{k}]", note)
    for i, a_ in enumerate(config.actors):
        a: Actor = a_
        yield f"actors[{i}].name", a.name, a.source
        for k, alias in enumerate(a.aliases):
            yield f"actors[{i}].aliases[{k}]", alias.text, alias.source or a.source
    for i, ind_ in enumerate(config.indicators):
        ind: IndicatorDefinition = ind_
        yield f"indicators[{i}].text", ind.text, ind.source
        for k, t in enumerate(ind.targets):
            yield f"indicators[{i}].targets[{k}]", t.as_written, t.source or ind.source
    for i, ag_ in enumerate(config.agreements):
        ag: Agreement = ag_
        yield f"agreements[{i}].title", ag.title, ag.source
        for k, ref in enumerate(ag.parties):
            if not ref.written_as_id:
                yield f"agreements[{i}].parties[{k}]", ref.as_written, ag.source
    for i, m_ in enumerate(config.roadmap):
        m: Measure = m_
        yield f"roadmap[{i}].text", m.text, m.source
        if m.result:
            yield f"roadmap[{i}].result", m.result, m.source
        if m.deadline is not None:
            yield f"roadmap[{i}].deadline", m.deadline.as_written, m.source
        for field in ("responsible", "co_executors"):
            for k, ref in enumerate(getattr(m, field)):
                if not ref.written_as_id:
                    yield f"roadmap[{i}].{field}[{k}]", ref.as_written, m.source
        for k, t in enumerate(m.thresholds):
            yield f"roadmap[{i}].thresholds[{k}]", t.as_written, t.source or m.source
    mon: Monitoring | None = config.monitoring
    if mon is not None:
        if mon.frequency:
            yield "monitoring.frequency", mon.frequency, mon.source
        for field in ("methods", "sources", "outputs", "notes"):
            for i, item in enumerate(getattr(mon, field)):
                yield from _text_item(f"monitoring.{field}[{i}]", item)
    for i, g in enumerate(config.glossary):
        yield f"glossary[{i}].term", g.term, g.source
        yield f"glossary[{i}].definition", g.definition, g.source


def misses(config: Configuration) -> list[str]:
    """Every verbatim text not found near its source line, as readable lines."""
    seeds: dict[str, Seed] = {}
    out: list[str] = []
    for where, text, source in verbatim_texts(config):
        if source is None or source.line is None or source.document is None:
            out.append(f"{where}: нет source.line для «{text[:60]}»")
            continue
        if source.document not in seeds:
            seeds[source.document] = load_seed(source.document)
        if not seeds[source.document].found(text, source.line):
            out.append(f"{where}: «{text[:80]}» не найден около строки {source.line} ({source.document})")
    return out


