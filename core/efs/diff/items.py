"""A configuration as comparable items: every element of the Положение with its identity, kind and wording.

Each :class:`Item` says what must agree for two versions of it to be the same element (``key``: its id
or a natural key such as a target's year; ``kind``: what must agree for a match by wording) and what its
wording is (``text``). Where things are listed inside another element (a subject's function bullets, an
indicator's targets, a measure's thresholds), the item knows its ``parent``.

Nothing here compares: :mod:`efs.diff.matching` pairs items, :mod:`efs.diff.changes` types the differences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from efs.diff.words import normalize
from efs.model import Configuration

#: Lists of ``system`` and of ``monitoring`` whose items are verbatim text (a text may move between them).
SYSTEM_LISTS = {
    "tasks": "задача",
    "principles": "принцип",
    "approaches": "методологический подход",
    "directions": "направление деятельности",
    "interaction_subjects": "предмет взаимодействия",
    "interaction_channels": "канал взаимодействия",
    "notes": "пункт",
}
MONITORING_LISTS = {"methods": "метод мониторинга", "sources": "источник данных мониторинга",
                    "outputs": "результат мониторинга", "notes": "пункт о мониторинге"}


@dataclass(eq=False, slots=True)
class Item:
    """One comparable element of a configuration.

    Attributes:
        type: What it is (``subject``, ``bullet``, ``act``, ``measure``, ``target``…).
        section: The section of :data:`efs.diff.model.SECTIONS` it belongs to.
        obj: The model object.
        path: Its path in the configuration (``("subjects", 3)``).
        key: Its id, or a natural key (a target's year and part, a glossary term); ``None`` if it has none.
        key_is_id: Whether ``key`` is an identifier the configuration gives (else a natural key).
        kind: What must agree for a match by wording (a subject's kind, a text's list…).
        text: The wording compared for a match and shown in the сравнительная таблица.
        label: How a reader names the item, in Russian.
        parent: The item it is listed in (a bullet's subject, a target's indicator).
        group: The list it stands in, where an element can move between lists.
    """

    type: str
    section: str
    obj: Any
    path: tuple[str | int, ...]
    key: str | None
    key_is_id: bool
    kind: str
    text: str
    label: str
    parent: Item | None = None
    group: str | None = None

    @property
    def id(self) -> str | None:
        """The configuration's identifier of the item, if it has one."""
        return self.key if self.key_is_id else None


def short(text: str | None, limit: int = 70) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _numbered(prefix: str, number: str | None, name: str) -> str:
    num = f" {number.strip().rstrip('.')}" if number and number.strip() else ""
    return f"{prefix}{num} «{short(name, 60)}»"


def subject_name(subject: Any) -> str:
    """The name a reader knows the subject by (its short name when the document gives one)."""
    return str(subject.short_name or subject.name)


def _act_text(act: Any) -> str:
    return str(act.title or act.as_written or act.number or act.kind or "")


def _act_label(act: Any, what: str = "акт") -> str:
    parts = [act.kind or what]
    if act.number:
        parts.append(f"№ {act.number}")
    if act.date_as_written or act.date:
        parts.append(f"от {act.date_as_written or act.date.strftime('%d.%m.%Y')}")
    head = " ".join(parts)
    return f"{head} «{short(act.title, 50)}»" if act.title else head


def target_key(target: Any, indicator: str | None = None) -> tuple[str, str]:
    """``(kind, key)`` of a target or threshold: its indicator (a threshold's, or ``indicator`` when given),
    part and territory; and those with its year."""
    part = normalize(getattr(target, "sub_measure", None))
    scope = str(getattr(target, "scope", "") or "")
    indicator = indicator if indicator is not None else str(getattr(target, "indicator", "") or "")
    kind = f"{indicator}|{part}|{scope}"
    year = getattr(target, "year", None)
    if year is None:  # a yearly, standing or open-ended target is anchored at its first year
        year = getattr(target, "first_year", None)
    return kind, f"{kind}|{year if year is not None else '-'}"


def target_label(target: Any) -> str:
    """«цель на 2024 год (часть …)», «цель на 2023–2024 годы», «цель с 2025 года»."""
    year = getattr(target, "year", None)
    first, last = getattr(target, "first_year", None), getattr(target, "last_year", None)
    if year is not None:
        text = f"цель на {year} год"
    elif first is not None and last is not None:
        text = f"цель на {first}–{last} годы"
    elif first is not None:
        text = f"цель с {first} года"
    else:
        text = "цель"
    part = getattr(target, "sub_measure", None)
    return f"{text} ({short(part, 40)})" if part else text


def flatten(config: Configuration) -> dict[str, list[Item]]:
    """Every comparable element of ``config``, by type, in document order."""
    out: dict[str, list[Item]] = {}
    for item in _items(config):
        out.setdefault(item.type, []).append(item)
    return out


def _items(config: Configuration) -> Iterator[Item]:
    j = config.jurisdiction
    yield Item("header", "jurisdiction", j, ("jurisdiction",), "jurisdiction", True, "header", j.name,
               "юрисдикция и система")
    if j.adopted_by is not None:
        yield Item("adopted_by", "jurisdiction", j.adopted_by, ("jurisdiction", "adopted_by"), "adopted_by", False,
                   "adopted_by", _act_text(j.adopted_by), "акт об утверждении положения")
    for i, annex in enumerate(j.annexes):
        yield Item("annex", "jurisdiction", annex, ("jurisdiction", "annexes", i), annex.id, annex.id is not None,
                   "annex", _act_text(annex), _act_label(annex, "приложение"))
    for i, act in enumerate(config.legal_basis):
        yield Item("act", "legal_basis", act, ("legal_basis", i), act.id, True, "act", _act_text(act),
                   _act_label(act))
    s = config.system
    if s.goal is not None:
        yield Item("goal", "system", s.goal, ("system", "goal"), "goal", False, "goal", s.goal.text, "цель системы")
    for name, what in SYSTEM_LISTS.items():
        for i, t in enumerate(getattr(s, name)):
            yield Item("text", "system", t, ("system", name, i), t.id, t.id is not None, "system", t.text,
                       _numbered(what, t.number, t.text), group=name)
    for i, subject in enumerate(config.subjects):
        parent = Item("subject", "subjects", subject, ("subjects", i), subject.id, True, subject.kind, subject.name,
                      _numbered("субъект", subject.number, subject_name(subject)))
        yield parent
        for k, bullet in enumerate(subject.functions):
            yield Item("bullet", "functions", bullet, ("subjects", i, "functions", k), None, False, "bullet",
                       bullet.text, f"функция «{subject_name(subject)}»: «{short(bullet.text, 60)}»", parent=parent)
        for k, note in enumerate(subject.notes):
            yield Item("subject_note", "subjects", note, ("subjects", i, "notes", k), note.id, note.id is not None,
                       "subject_note", note.text, f"сведения о субъекте «{subject_name(subject)}»", parent=parent)
    for i, actor in enumerate(config.actors):
        yield Item("actor", "actors", actor, ("actors", i), actor.id, True, "actor", actor.name,
                   f"орган «{short(actor.short_name or actor.name, 60)}»")
    for i, fn in enumerate(config.functions):
        yield Item("function", "catalogue", fn, ("functions", i), fn.id, True, "function", fn.name,
                   f"функция «{short(fn.name, 60)}»")
    for i, ind in enumerate(config.indicators):
        parent = Item("indicator", "indicators", ind, ("indicators", i), ind.id, True, "indicator", ind.text,
                      _numbered("показатель", ind.number, ind.text))
        yield parent
        for k, target in enumerate(ind.targets):
            kind, key = target_key(target)
            yield Item("target", "indicators", target, ("indicators", i, "targets", k), key, False, kind,
                       target.as_written, f"{parent.label}: {target_label(target)}", parent=parent)
    for i, ag in enumerate(config.agreements):
        yield Item("agreement", "agreements", ag, ("agreements", i), ag.id, True, ag.kind.value,
                   f"{ag.title} {ag.subject_matter or ''}".strip(), f"соглашение «{short(ag.title, 60)}»")
    for i, m in enumerate(config.roadmap):
        parent = Item("measure", "roadmap", m, ("roadmap", i), m.id, True, "measure", m.text,
                      _numbered("мероприятие", m.number, m.text))
        yield parent
        for k, t in enumerate(m.thresholds):
            kind, key = target_key(t)
            yield Item("threshold", "roadmap", t, ("roadmap", i, "thresholds", k), key, False, kind, t.as_written,
                       f"{parent.label}: порог показателя {t.indicator}, {target_label(t)}", parent=parent)
    mon = config.monitoring
    if mon is not None:
        yield Item("monitoring", "monitoring", mon, ("monitoring",), "monitoring", False, "monitoring",
                   mon.frequency or "", "порядок мониторинга")
        for name, what in MONITORING_LISTS.items():
            for i, t in enumerate(getattr(mon, name)):
                yield Item("monitoring_text", "monitoring", t, ("monitoring", name, i), t.id, t.id is not None,
                           "monitoring", t.text, _numbered(what, t.number, t.text), group=name)
    for i, term in enumerate(config.glossary):
        yield Item("term", "glossary", term, ("glossary", i), normalize(term.term), False, "term",
                   f"{term.term} — {term.definition}", f"термин «{short(term.term, 60)}»")
    for i, plugin in enumerate(config.plugins):
        yield Item("plugin", "service", plugin, ("plugins", i), plugin.name, True, "plugin", plugin.name,
                   f"плагин {plugin.name}")
    for i, sup in enumerate(config.suppressions):
        key = f"{sup.rule}|{','.join(sorted(sup.items))}"
        yield Item("suppression", "service", sup, ("suppressions", i), key, False, "suppression", sup.reason,
                   f"подавление правила {sup.rule}" + (f" для {', '.join(sup.items)}" if sup.items else ""))
