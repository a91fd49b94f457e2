"""Template traces: text a Положение repeats from another document of the corpus (``EFS260``, information)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.wholedoc import anchor, source_at, text_of


def _span(first: int, last: int) -> str:
    return f"строка {first}" if first == last else f"строки {first}–{last}"


def _traces(ctx: RuleContext) -> Iterator[Finding]:
    from efs.wholedoc.traces import passages

    text = text_of(ctx)
    if text is None:
        return
    own = ctx.config.jurisdiction.document
    shipped = getattr(ctx.registry, "documents", {})
    corpus: dict[str, Sequence[str]] = {}
    for name in sorted(shipped):
        document, _ = ctx.load_document(name) if name != own else (ctx.document, None)
        if document is not None:
            corpus[name] = document.lines
    for p in passages(own, text.lines, corpus):
        info = shipped.get(p.other)
        whose = f"«{info.title}»" if info is not None and info.title else "документа"
        at, item = anchor(ctx, p.first)
        yield ctx.finding(
            at,
            f"{_span(p.first, p.last).capitalize()} {'повторяет' if p.first == p.last else 'повторяют'} текст "
            f"{whose} ({p.other}, {_span(p.other_first, p.other_last)}): общих слов — {p.shared}; проверьте, что "
            "перенесённый текст подходит этому документу (названия, уровни, сокращения)",
            source=source_at(ctx, p.first),
            item=item,
            other_document=p.other,
            other_lines=[p.other_first, p.other_last],
            span=[p.first, p.last],
        )


RULES: list[Rule] = [
    Rule(
        "EFS260",
        "template-trace",
        Severity.info,
        "Текст повторяет другой документ корпуса",
        "Региональные и муниципальные положения пишут по образцу друг друга; перенесённый текст приносит с "
        "собой чужие названия, уровни и сокращения (в Мегионе «Преимуществом … Системы» взято из описания "
        "муниципального уровня концепции вместе с несуществующим в документе сокращением «Система»). Находка — "
        "сведение, не ошибка: совпадение с образцом допустимо, но каждое такое место стоит перечитать. "
        "Общие формулы концепции (фразы, которые повторяют все документы корпуса) и реквизиты актов "
        "совпадением не считаются.",
        "Перечитайте указанные строки рядом со строками другого документа: замените чужие названия и уровни, "
        "введите сокращения, уберите то, чего в вашей системе нет.",
        _traces,
        "# в документе — абзац, слово в слово взятый из положения другого муниципалитета\n",
    ),
]
