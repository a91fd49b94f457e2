"""Human names for everything the справка mentions: documents, sources, indicators, measures, free text.

The people who sign a справка know the Положение by its title and its own numbering, not by the file
name a configuration cites (``002_6414ad974cc0e1d7.txt``) or the ids of its items (``federal_1``,
``coordination``). :class:`Namer` is the one place that turns the latter into the former; every medium
of the report uses it, and :meth:`Namer.humanize` cleans the free text other parts of efs write
(finding messages, target labels) of ids and file names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.model import Configuration
    from efs.registry import Registry

#: A document section that is a number (``2.3.3.``) is a пункт; a ``«Раздел», 2.3.3.`` is both.
_NUMBERED = re.compile(r"\d+(?:\.\d+)*\.?")
_NAMED = re.compile(r"(?i)(?:пп?\.|пункт|подпункт|раздел|подраздел|глава|приложение|таблица)\s")
_TITLED_NUMBER = re.compile(r"(?P<title>.+?),\s*(?P<number>\d+(?:\.\d+)*)\.?")


def _point(number: str) -> str:
    return f"п. {number.rstrip('.')}"


class Namer:
    """Names of one configuration's items, documents and catalogue entries, as a reader knows them."""

    def __init__(self, config: Configuration, registry: Registry) -> None:
        self.config = config
        jur = config.jurisdiction
        self.own_document = jur.document
        docs = getattr(registry, "documents", {}) or {}
        self.titles: dict[str, str] = {name: info.title for name, info in docs.items()}
        federal = [name for name, info in docs.items() if getattr(info, "jurisdiction", None) is None]
        self.short: dict[str, str] = dict.fromkeys(federal, "концепция ЕФС")
        self.short[jur.document] = "Положение"
        act = jur.adopted_by
        if jur.document not in self.titles and act is not None:  # «Приказ от 12.05.2023 № 464 «О …» (издатель)»
            head = " ".join(p for p in ((act.kind or "акт").capitalize(),
                                        act.date_as_written and f"от {act.date_as_written}",
                                        act.number and f"№ {act.number}", act.title and f"«{act.title}»") if p)
            self.titles[jur.document] = head + (f" ({act.issuer})" if act.issuer else "")
        self.indicators: dict[str, str] = {}
        for ind in registry.indicators.values():
            number = f" № {ind.number.rstrip('.')}" if ind.number else ""
            self.indicators[ind.id] = f"федеральный показатель{number}"
        for ind in config.indicators:
            self.indicators[ind.id] = (f"показатель № {ind.number.rstrip('.')}" if ind.number
                                       else f"показатель «{_short(ind.text)}»")
        self.measures = {m.id: self.measure(m.number, m.text) for m in config.roadmap}
        names: dict[str, str] = {}
        names.update({k.id: k.name for k in registry.kinds.values()})
        names.update({f.id: f.name for f in registry.functions.values()})
        names.update({f.id: f.name for f in config.functions})
        names.update({a.id: a.short_name or a.name for a in config.actors})
        names.update({s.id: s.short_name or s.name for s in config.subjects})
        names.update({f.id: f.name for f in getattr(registry, "formulas", {}).values() if getattr(f, "name", None)})
        names.update(self.indicators)
        names.update(self.measures)
        names.update({a.id: f"соглашение «{a.title}»" for a in config.agreements if a.title})
        self.names = {k: v for k, v in names.items() if k and v and k != v}
        ids = sorted(self.names, key=len, reverse=True)
        self._ids = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])") if ids else None
        files = sorted({*self.titles, *self.short}, key=len, reverse=True)
        self._files = re.compile("|".join(map(re.escape, files))) if files else None

    # -- documents and sources ---------------------------------------------------------------------

    @property
    def document_title(self) -> str:
        """The Положение's own title (the act that adopted it), never its file name."""
        return self.titles.get(self.own_document) or "Положение"

    def document(self, name: str | None) -> str:
        """A short name of a cited document: «Положение», «концепция ЕФС», else its title."""
        if not name:
            return "Положение"
        return self.short.get(name) or self.titles.get(name) or "документ"

    def source(self, source: Any) -> str:
        """«Положение, п. 2.3.3» / «Положение, раздел «Комплекс мер», п. 2.3.3»; ``""`` for none.

        The line number of the text file a configuration is checked against means nothing to a reader
        of the Word document and is left out.
        """
        if source is None:
            return ""
        document = source.get("document") if isinstance(source, dict) else getattr(source, "document", None)
        return ", ".join(p for p in (self.document(document), self.section(source)) if p)

    @staticmethod
    def section(source: Any) -> str:
        """The section part of a source in the document's own numbering: «п. 2.3.3», «раздел «…», п. 1»."""
        if source is None:
            return ""
        section = source.get("section") if isinstance(source, dict) else getattr(source, "section", None)
        section = (section or "").strip()
        if not section:
            return ""
        if _NUMBERED.fullmatch(section):
            return _point(section)
        if _NAMED.match(section):
            return section
        m = _TITLED_NUMBER.fullmatch(section)
        if m:
            return f"раздел «{m['title']}», {_point(m['number'])}"
        return f"«{section}»"

    # -- items ---------------------------------------------------------------------------------------

    def indicator(self, indicator_id: str) -> str:
        """«показатель № 3» / «федеральный показатель № 1»."""
        return self.indicators.get(indicator_id, "показатель")

    @staticmethod
    def measure(number: str | None, text: str) -> str:
        """«мероприятие 2.3.3» / «мероприятие «Обеспечение тьюторского сопровождения…»»."""
        return f"мероприятие {number.rstrip('.')}" if number else f"мероприятие «{_short(text, 60)}»"

    # -- free text -----------------------------------------------------------------------------------

    def humanize(self, text: str | None) -> str:
        """Free text without ids and file names: ``«имя» (id)`` loses the id, a bare id becomes its name."""
        if not text:
            return ""
        if self._files is not None:
            text = self._files.sub(lambda m: self.document(m.group()), text)
        if self._ids is None:
            return text
        text = re.sub(r"(«[^»]*»)\s*\((" + self._ids.pattern[len(r"(?<![\w.-])("):-len(r")(?![\w-])")] + r")\)",
                      r"\1", text)
        return self._ids.sub(lambda m: self.names[m.group()], text)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
