"""Sources checked against the document: every ``source.line`` exists, every verbatim text is found there.

When the document a configuration encodes is at hand (beside the configuration file, or shipped by a
plugin: :mod:`efs.documents`), each text the configuration quotes from it is looked for within ±2 lines
of the line its ``source`` gives, after the one normalisation (:mod:`efs.documents.normalize`). A miss
names the line where the text actually starts, if it is anywhere in the document.

Which texts are verbatim is said once, in :data:`VERBATIM`, per model type; the walk carries each item's
nearest ``source`` down to the texts inside it (a deadline is checked against its measure's line).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.documents.normalize import WINDOW
from efs.model import (
    ActCitation,
    Actor,
    Agreement,
    Alias,
    Configuration,
    Deadline,
    GlossaryTerm,
    IndicatorDefinition,
    Measure,
    Monitoring,
    Reference,
    Source,
    Subject,
    SubjectFunction,
    Target,
    TextItem,
)

Path = tuple[str | int, ...]

#: The fields of each model that quote the document word for word, at their source's line (a subclass
#: uses the entry of its nearest class). A :class:`Reference` written as text is a quotation too.
VERBATIM: dict[type[BaseModel], tuple[str, ...]] = {
    ActCitation: ("title", "as_written", "date_as_written"),
    TextItem: ("text",),
    Subject: ("name", "short_name"),
    Alias: ("text",),
    SubjectFunction: ("text",),
    Actor: ("name", "short_name"),
    IndicatorDefinition: ("text",),
    Target: ("as_written",),
    Agreement: ("title", "subject_matter", "date_as_written"),
    Measure: ("text", "result"),
    Deadline: ("as_written",),
    Monitoring: ("frequency",),
    GlossaryTerm: ("term", "definition"),
}

#: Quotations of a heading the item stands under: found when the heading starts anywhere above the
#: item's line (or within ±2 lines of it).
HEADINGS: dict[type[BaseModel], tuple[str, ...]] = {
    Measure: ("direction", "group"),
}

#: Fields that hold no quotation of the document: the configuration's own catalogue, its plugins and
#: suppressions.
_NOT_QUOTED: dict[type[BaseModel], tuple[str, ...]] = {
    Configuration: ("functions", "suppressions", "plugins"),
}


@dataclass(frozen=True, slots=True)
class Quotation:
    """One verbatim text of a configuration and the source it is checked against.

    Attributes:
        path: Where the text is in the configuration.
        text: The text as encoded.
        source: The nearest enclosing ``source`` (``None`` when no enclosing item has one).
        source_path: Where that ``source`` is in the configuration.
        item: Id of the nearest enclosing item.
        heading: A heading the item stands under (found anywhere above the source's line).
    """

    path: Path
    text: str
    source: Source | None
    source_path: Path | None
    item: str | None
    heading: bool = False


def _fields(node: BaseModel, table: dict[type[BaseModel], tuple[str, ...]]) -> tuple[str, ...]:
    for cls in type(node).__mro__:
        if cls in table:
            return table[cls]
    return ()


def quotations(config: Configuration) -> Iterator[Quotation]:
    """Every verbatim text of ``config``, in file order, with the nearest enclosing source and item id."""
    yield from _walk(config, (), None, None, None)


def sources(node: Any, path: Path = ()) -> Iterator[tuple[Path, Source]]:
    """Every ``source`` inside ``node``, with the path of the item that carries it."""
    if isinstance(node, list):
        for i, value in enumerate(node):
            yield from sources(value, (*path, i))
    elif isinstance(node, BaseModel) and not isinstance(node, Source):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, Source):
                yield path, value
            elif name != "provenance" and isinstance(value, BaseModel | list):
                yield from sources(value, (*path, name))


def _walk(
    node: Any, path: Path, source: Source | None, source_path: Path | None, item: str | None
) -> Iterator[Quotation]:
    if isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i), source, source_path, item)
        return
    if not isinstance(node, BaseModel) or isinstance(node, Source):
        return
    own = getattr(node, "source", None)
    if isinstance(own, Source):
        source, source_path = own, path
    node_id = getattr(node, "id", None)
    if isinstance(node_id, str) and not isinstance(node, Reference):
        item = node_id
    if isinstance(node, Reference):
        if not node.written_as_id:
            yield Quotation(path, node.as_written, source, source_path, item)
        return
    for table, heading in ((VERBATIM, False), (HEADINGS, True)):
        for name in _fields(node, table):
            value = getattr(node, name, None)
            if isinstance(value, str) and value.strip():
                yield Quotation((*path, name), value, source, source_path, item, heading)
    skip = _NOT_QUOTED.get(type(node), ())
    for name in type(node).model_fields:
        if name in skip or name in ("source", "provenance"):
            continue
        value = getattr(node, name)
        if isinstance(value, BaseModel | list):
            yield from _walk(value, (*path, name), source, source_path, item)


# --- the checks ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Miss:
    quotation: Quotation
    found_at: tuple[int, ...] = ()


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quotations(ctx: RuleContext) -> list[Quotation]:
    """The configuration's quotations, walked once per run."""
    if "quotations" not in ctx.shared:
        ctx.shared["quotations"] = list(quotations(ctx.config))
    found: list[Quotation] = ctx.shared["quotations"]
    return found


def _misses(ctx: RuleContext) -> list[_Miss]:
    """Texts not found at their source line (computed once per run, shared by the rules)."""
    if "source-misses" in ctx.shared:
        found: list[_Miss] = ctx.shared["source-misses"]
        return found
    from efs.documents import index

    out: list[_Miss] = []
    for q in _quotations(ctx):
        src = q.source
        if src is None or src.document is None or src.line is None:
            continue
        document, _ = ctx.load_document(src.document)
        if document is None or src.line > len(document.lines):
            continue  # not at hand (EFS023), or the line is outside it (EFS020)
        idx = index(document)
        if q.heading:
            above = idx.lines_of(q.text, limit=1)
            if not above or above[0] > src.line + WINDOW:
                out.append(_Miss(q, tuple(above)))
        elif not idx.found(q.text, src.line) and not _in_row(document, idx, q.text, src.line):
            out.append(_Miss(q, tuple(idx.lines_of(q.text))))
    ctx.shared["source-misses"] = out
    return out


def _in_row(document: Any, idx: Any, text: str, line: int) -> bool:
    """Whether ``text`` starts in the table row of a DOCX, ODT or HTML document that ``line`` stands in (such a
    table is printed cell by cell, so a row's cells are lines apart; a text export keeps a row on one line)."""
    if document.format == "txt":
        return False
    row = document.row_lines(line)
    return row is not None and any(row[0] <= n <= row[1] for n in idx.lines_of(text, limit=50))


def _line_outside(ctx: RuleContext) -> Iterator[Finding]:
    from efs.conformance.walk import enclosing

    for path, src in sources(ctx.config):
        if src.line is None or src.document is None:
            continue
        document, _ = ctx.load_document(src.document)
        if document is None or src.line <= len(document.lines):
            continue
        yield ctx.finding(
            (*path, "source", "line"),
            f"строка {src.line} за пределами документа {src.document}: в нём строк {len(document.lines)}",
            source=src,
            item=enclosing(ctx.config, path)[0],
        )


def _text_not_at_line(ctx: RuleContext) -> Iterator[Finding]:
    for miss in _misses(ctx):
        q, src = miss.quotation, miss.quotation.source
        assert src is not None
        if miss.found_at:
            lines = ", ".join(str(n) for n in miss.found_at)
            where = f"текст начинается на строке {lines}" if len(miss.found_at) == 1 else (
                f"текст начинается на строках {lines}")
        else:
            where = "такого текста в документе нет (после нормализации пробелов, кавычек и разметки)"
        at = f"выше строки {src.line}" if q.heading else f"у строки {src.line}"
        yield ctx.finding(
            q.path,
            f"«{_short(q.text)}» не найден {at} документа {src.document} (±{WINDOW}): {where}",
            source=src,
            item=q.item,
            found_at=list(miss.found_at),
        )


def _without_line(ctx: RuleContext) -> Iterator[Finding]:
    seen: set[Path | None] = set()
    for q in _quotations(ctx):
        src = q.source
        if (src is not None and src.line is not None) or q.source_path in seen:
            continue
        seen.add(q.source_path)
        document = src.document if src is not None else ctx.config.jurisdiction.document
        if ctx.load_document(document or "")[0] is None:
            continue
        what = "нет source.line" if src is not None else "нет source"
        yield ctx.finding(
            (*q.source_path, "source") if q.source_path is not None else q.path,
            f"у «{_short(q.text)}» {what}: сверить текст с документом {document} не с чем",
            source=src,
            item=q.item,
        )


def _document_not_at_hand(ctx: RuleContext) -> Iterator[Finding]:
    names: dict[str, Path] = {}
    for path, src in sources(ctx.config):
        if src.document and src.document not in names:
            names[src.document] = (*path, "source", "document")
    main = ctx.config.jurisdiction.document
    names.setdefault(main, ("jurisdiction", "document"))
    for name, path in names.items():
        document, why = ctx.load_document(name)
        if document is not None:
            continue
        at = ("jurisdiction", "document") if name == main else path
        if why == "not-found":
            yield ctx.finding(
                at,
                f"документ {name} не найден ни рядом с конфигурацией, ни среди документов плагинов: "
                "источники и дословные тексты не сверены",
                item=name,
            )
        else:
            yield ctx.finding(at, f"{why}: источники не сверены", item=name, severity=Severity.warning)


E, W, INFO = Severity.error, Severity.warning, Severity.info
_WHY = (
    "Каждый закодированный пункт несёт ссылку на документ (source): по ней методист и проверяющий "
    "возвращаются к тексту положения. "
)

RULES: list[Rule] = [
    Rule(
        "EFS020",
        "source-line-outside-document",
        E,
        "Строка источника за пределами документа",
        _WHY + "Строка, которой в документе нет, ведёт в никуда.",
        "Укажите строку документа, на которой начинается пункт (нумерация строк файла документа с 1).",
        _line_outside,
        "subjects:\n  - name: Управление образования\n    source: {line: 600}   # в документе 10 строк\n",
    ),
    Rule(
        "EFS021",
        "verbatim-not-at-source",
        E,
        "Дословный текст не найден у строки источника",
        _WHY + f"Текст, перенесённый «дословно», должен начинаться в пределах ±{WINDOW} строк от строки "
        "источника после единой нормализации (разметка убрана, кавычки и пробелы унифицированы); иначе "
        "он искажён при переносе или ссылка указывает не туда.",
        "Перенесите текст из документа без правок или исправьте строку источника: в сообщении — строка, "
        "на которой текст начинается на самом деле.",
        _text_not_at_line,
        "subjects:\n  - name: Управление образованием   # в документе: «Управление образования»\n"
        "    source: {line: 12}\n",
    ),
    Rule(
        "EFS022",
        "source-without-line",
        INFO,
        "У дословного текста нет строки источника",
        _WHY + "Без строки текст нельзя сверить с документом.",
        "Добавьте source.line — строку документа, на которой начинается текст.",
        _without_line,
        "subjects:\n  - name: Управление образования\n    source: {section: '3.1'}\n",
    ),
    Rule(
        "EFS023",
        "document-not-at-hand",
        INFO,
        "Документ, который кодирует конфигурация, не найден",
        "Источники сверяются с документом, когда он под рукой: рядом с файлом конфигурации (под именем из "
        "jurisdiction.document) или в пакете плагина (хук efs_documents).",
        "Положите документ рядом с конфигурацией под именем из jurisdiction.document (текст в UTF-8) или "
        "поставьте его с плагином.",
        _document_not_at_hand,
        "jurisdiction:\n  document: polozhenie.txt   # такого файла рядом нет\n",
    ),
]
