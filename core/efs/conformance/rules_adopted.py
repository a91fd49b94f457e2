"""Federal indicators the document adopts in altered form (``EFS250``).

The concept gives four effectiveness indicators (:mod:`efs.concept.indicators`, from
``001_5ac565084bef0351.txt``). A Положение usually takes them over; when it changes them — a share where
the concept counts («Доля управленческих команд» for «Количество управленческих команд»), a narrower
scope («… диагностики профессиональных дефицитов в ЦНППМ», «на муниципальном уровне»), a target of its
own inside the wording — its figures no longer add up with the federal ones, though they read alike.

An indicator of the document *takes* a federal indicator when it says it does (``equivalent``) or when, of
all the document's indicators, it shares the most words with it (in dictionary form, at least
:data:`SHARED` of the federal wording's words). Each federal indicator is paired with one indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.labels import ref
from efs.conformance.rules import Rule

#: Least share of the federal wording's words an indicator must repeat to be taken for it.
SHARED = 0.6
_TARGET = re.compile(r"\([^)]*\d{4}[^)]*\)")
_WORD = re.compile(r"[^\W\d_]+")
#: Words that carry no meaning of an indicator's own (prepositions, conjunctions, «в том числе»).
_STOP = frozenset(["в", "во", "и", "или", "а", "на", "по", "с", "со", "к", "о", "об", "от", "до", "для", "при",
                   "из", "за", "под", "у", "же", "не", "том", "числе"])
_MEASURES = {"доля": "доля", "количество": "количество", "число": "количество", "численность": "количество",
             "процент": "доля"}


@dataclass(slots=True)
class Adopted:
    """A federal indicator and the document's indicator that takes it."""

    federal: Any
    index: int
    indicator: Any
    changes: list[str]


def _words(text: str) -> list[str]:
    return list(_written(text))


def _written(text: str) -> dict[str, str]:
    """Dictionary form → the word as written (its first occurrence), content words in order."""
    from efs.morphology import lemma
    from efs.wholedoc.text import is_abbreviation

    out: dict[str, str] = {}
    for w in _WORD.findall(_TARGET.sub(" ", text)):
        if w.lower() not in _STOP:
            out.setdefault(w if is_abbreviation(w) else lemma(w), w)
    return out


def _same_target(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return re.sub(r"\s+", "", re.sub(r"[‐‑‒–—―−-]", "-", t))

    return norm(a) == norm(b)


def _measure(words: list[str]) -> str | None:
    return _MEASURES.get(words[0]) if words else None


def adopted(ctx: RuleContext) -> list[Adopted]:
    """Each federal indicator the configuration's indicators take, with what they change (read once per run)."""
    if "wholedoc:adopted" in ctx.shared:
        found: list[Adopted] = ctx.shared["wholedoc:adopted"]
        return found
    if ctx.document is None:
        return []
    from efs.concept.indicators import federal_indicators

    out: list[Adopted] = []
    mine = [(i, ind, _words(ind.text)) for i, ind in enumerate(ctx.config.indicators)]
    for fed in federal_indicators():
        theirs = _words(fed.text)
        if not theirs:
            continue
        linked = [(i, ind, w) for i, ind, w in mine if any(link.id == fed.id for link in ind.equivalent)]
        scored = sorted(((len(set(theirs) & set(w)) / len(set(theirs)), i, ind, w) for i, ind, w in mine),
                        key=lambda x: (-x[0], x[1]))
        if linked:
            i, ind, words = linked[0]
        elif scored and scored[0][0] >= SHARED:
            _, i, ind, words = scored[0]
        else:
            continue
        changes = []
        a, b = _measure(theirs), _measure(words)
        if a and b and a != b:
            changes.append(f"«{_written(ind.text)[words[0]]}» вместо «{_written(fed.text)[theirs[0]]}»")
        added = [w for w in dict.fromkeys(words) if w not in set(theirs) and len(w) > 2]
        dropped = [w for w in dict.fromkeys(theirs) if w not in set(words) and len(w) > 2]
        if _measure(words):
            added = [w for w in added if w != words[0]]
            dropped = [w for w in dropped if w != theirs[0]]
        if added:
            said = _written(ind.text)
            changes.append("добавлено: " + ", ".join(f"«{said[w]}»" for w in added))
        if dropped:
            said = _written(fed.text)
            changes.append("опущено: " + ", ".join(f"«{said[w]}»" for w in dropped))
        own_targets = [t for t in _TARGET.findall(ind.text)
                       if not any(_same_target(t, f) for f in _TARGET.findall(fed.text))]
        if own_targets:
            changes.append("в формулировке свои цели: " + "; ".join(own_targets))
        if changes:
            out.append(Adopted(fed, i, ind, changes))
    ctx.shared["wholedoc:adopted"] = out
    return out


def _altered(ctx: RuleContext) -> Iterator[Finding]:
    # The indicators' wording is the document's (EFS020 checks it against the text): without the document at
    # hand the rule says nothing, as the other whole-document rules (and the morphology is not loaded).
    if ctx.document is None:
        return
    for a in adopted(ctx):
        where = f"{a.federal.source.document}, строка {a.federal.source.line}" if a.federal.source else "концепция"
        yield ctx.finding(
            ("indicators", a.index),
            f"показатель {ref(a.indicator)} берёт федеральный показатель {a.federal.number} "
            f"«{_TARGET.sub('', a.federal.text).strip(' .')}» ({where}) в изменённом виде: {'; '.join(a.changes)} — "
            "его значения нельзя сложить с федеральными и сравнить с федеральной целью",
            source=a.indicator.source,
            item=a.indicator.id,
            federal=a.federal.id,
            changes=a.changes,
        )


RULES: list[Rule] = [
    Rule(
        "EFS250",
        "federal-indicator-altered",
        Severity.warning,
        "Федеральный показатель принят в изменённом виде",
        "Концепция ЕФС задаёт показатели эффективности с целями по годам (федеральные показатели 1–4; "
        "001_5ac565084bef0351.txt, строки 34–40): регионы и муниципалитеты отчитываются по ним, и значения "
        "складываются в федеральные. Показатель, который берёт федеральный, но меняет меру (доля вместо "
        "количества управленческих команд), сужает охват («диагностика … в ЦНППМ», «на муниципальном уровне») "
        "или вписывает свою цель, читается как федеральный, а считается иначе.",
        "Возьмите формулировку концепции дословно; своё уточнение сделайте отдельным показателем.",
        _altered,
        "indicators:\n  - {text: Доля управленческих команд образовательных организаций, повысивших свою "
        "квалификацию, unit: '%'}\n",
        requires=("indicators",),
    ),
]
