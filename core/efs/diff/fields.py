"""What changed inside one paired item: a function per item type, each returning typed changes.

Every function receives the old and the new item and a :class:`Sides` (names and the renaming of ids
between the versions) and says what differs in the Положение's terms: a subject moved to another level,
a measure's deadline moved, a target's value changed. What is not a change of the document is not
reported: where an item stands in the file, the lines of its source, its id (ids are the
configuration's, not the document's), the rationale of a link, the order of a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from efs.diff.items import Item, short, subject_name, target_label
from efs.diff.model import Change, Match
from efs.diff.words import normalize, same_wording, word_diff
from efs.model import Configuration
from efs.report.text import LEVEL_LABELS

if TYPE_CHECKING:
    from efs.registry import Registry


@dataclass(slots=True)
class Sides:
    """The two configurations and how ids of one version map to the other.

    Attributes:
        old: The old configuration.
        new: The new configuration.
        registry: The catalogue (names of kinds and functions).
        renamed: ``(type, old id) → new id`` of every pair whose ids differ (subjects and actors share
            the type ``party``: references may name either).
    """

    old: Configuration
    new: Configuration
    registry: Registry
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)

    def translate(self, type_: str, old_id: str) -> str:
        """The new id of an old item of ``type_`` (``indicator``, ``function``…): renamed, or the same."""
        return self.renamed.get((type_, old_id), old_id)

    def party(self, old_id: str | None) -> str | None:
        """The new id of the subject or actor an old reference resolved to."""
        if old_id is None:
            return None
        return self.renamed.get(("party", old_id), old_id)

    def names(self, config: Configuration) -> dict[str, str]:
        """Id → reader's name of every subject and actor of ``config``."""
        out = {a.id: str(a.short_name or a.name) for a in config.actors}
        out.update({s.id: subject_name(s) for s in config.subjects})
        return out

    def kind_name(self, kind: str | None) -> str:
        """Russian name of a subject kind."""
        if not kind:
            return "—"
        k = self.registry.kinds.get(kind)
        return f"{k.name} ({kind})" if k is not None else kind

    def function_name(self, fid: str) -> str:
        """Russian name of a function of the catalogue or of either configuration."""
        for fn in (*self.new.functions, *self.old.functions):
            if fn.id == fid:
                return f"«{fn.name}» ({fid})"
        known = self.registry.functions.get(fid)
        return f"«{known.name}» ({fid})" if known is not None else fid


@dataclass(slots=True)
class Pair:
    """A paired item and the factory of its changes."""

    old: Item
    new: Item
    match: Match
    sides: Sides

    def change(self, type_: str, *, old: str | None, new: str | None, detail: str = "", field: str | None = None,
               words: bool = False, refs: list[str] | None = None) -> Change:
        """A change of this pair: of its attribute ``field``, or of the whole item when ``None``
        (``words``: attach the word-level diff of ``old`` and ``new``)."""
        return Change(
            type=type_,
            field=field,
            section=self.new.section,
            item=self.new.label,
            old=old,
            new=new,
            detail=detail,
            words=word_diff(old, new) if words else None,
            old_id=self.old.id,
            new_id=self.new.id,
            old_path=self.old.path,
            new_path=self.new.path,
            match=self.match,
            refs=refs if refs is not None else refs_of(self.new),
        )

    def reworded(self, old: str | None, new: str | None, what: str, field: str) -> Iterator[Change]:
        """A rewording of the attribute ``field``, if its wording differs (not only in quotes, case or spacing)."""
        if not same_wording(old, new):
            yield self.change("reworded", old=old, new=new, detail=f"изменена формулировка: {what}", field=field,
                              words=True)


def refs_of(item: Item) -> list[str]:
    """What an item's change concerns, for the impact analysis (``indicator:…``, ``function:…``, …)."""
    obj = item.obj
    if item.type == "indicator":
        return [f"indicator:{obj.id}"]
    if item.type == "target":
        return [f"indicator:{item.parent.obj.id}"] if item.parent is not None else []
    if item.type == "threshold":
        return [f"indicator:{obj.indicator}", f"measure:{item.parent.obj.id}" if item.parent else ""]
    if item.type == "bullet":
        return [f"function:{f}" for f in obj.ids()]
    if item.type == "subject":
        return [f"subject:{obj.id}", *(f"function:{f}" for b in obj.functions for f in b.ids())]
    if item.type == "measure":
        return [f"measure:{obj.id}", *(f"indicator:{link.id}" for link in obj.indicators),
                *(f"function:{link.id}" for link in obj.functions)]
    if item.type in ("act", "annex") and obj.id:
        return [f"act:{obj.id}"]
    if item.id:
        return [f"{item.type}:{item.id}"]
    return []


def _number(text: str | None) -> str:
    return normalize(text).rstrip(".").strip()


def renumbered(p: Pair) -> Iterator[Change]:
    """The item's number as the document prints it changed."""
    old, new = getattr(p.old.obj, "number", None), getattr(p.new.obj, "number", None)
    if _number(old) != _number(new):
        yield p.change("renumbered", field="number", old=old or "без номера", new=new or "без номера",
                       detail=f"номер: {old or 'без номера'} → {new or 'без номера'}")


def _level(value: Any) -> str:
    return LEVEL_LABELS.get(value.value if value is not None else None, str(value))


def _ref_set(refs: list[Any], translate: Callable[[str | None], str | None]) -> dict[str, str]:
    """Reference key → as written: a resolved reference by its (new) id, another by its normalised text."""
    return {(f"id:{translate(r.id)}" if r.id else f"text:{normalize(r.as_written)}"): r.as_written for r in refs}


def references(p: Pair, old_refs: list[Any], new_refs: list[Any]) -> tuple[list[str], list[str]]:
    """The references added and removed between two lists (subjects and actors followed through renames)."""
    old_set = _ref_set(old_refs, p.sides.party)
    new_set = _ref_set(new_refs, lambda x: x)
    old_names, new_names = p.sides.names(p.sides.old), p.sides.names(p.sides.new)
    added = [new_names.get(k[3:], v) if k.startswith("id:") else v for k, v in new_set.items() if k not in old_set]
    removed = []
    for k, v in old_set.items():
        if k in new_set:
            continue
        old_id = next((r.id for r in old_refs if r.id and p.sides.party(r.id) == k[3:]), None)
        removed.append(old_names.get(old_id, v) if old_id else v)
    return added, removed


def _listing(refs: list[Any], names: dict[str, str]) -> str:
    return "; ".join(names.get(r.id, r.as_written) if r.id else r.as_written for r in refs) or "—"


def _set_change(label: str, added: list[str], removed: list[str]) -> str:
    parts = []
    if added:
        parts.append("добавлены: " + "; ".join(added))
    if removed:
        parts.append("исключены: " + "; ".join(removed))
    return f"{label} — " + "; ".join(parts)


def _links(p: Pair, name: str, what: str, namer: Callable[[str], str], prefix: str) -> Iterator[Change]:
    old_ids = [p.sides.translate(prefix, link.id) for link in getattr(p.old.obj, name)]
    new_ids = [link.id for link in getattr(p.new.obj, name)]
    added = [i for i in new_ids if i not in old_ids]
    removed = [i for i in old_ids if i not in new_ids]
    if added or removed:
        yield p.change("changed", field=name, old="; ".join(map(namer, old_ids)) or "—",
                       new="; ".join(map(namer, new_ids)) or "—",
                       detail=_set_change(what, [namer(i) for i in added], [namer(i) for i in removed]),
                       refs=[*refs_of(p.new), *(f"{prefix}:{i}" for i in added + removed)])


# --------------------------------------------------------------------------------------------- acts

_EDITION = re.compile(r"\(?\s*в\s+ред(?:\.|акции)[^)]*\)?", re.IGNORECASE)


def _editions(act: Any) -> list[str]:
    """The editions the citation names: each amending act by its number and date (or its words), and
    the «в ред. …» clauses of the citation itself — never where they are written."""
    from efs.concept.acts import normalize_number

    found = [normalize(m.group()) for m in _EDITION.finditer(act.as_written or "")]
    for e in getattr(act, "editions", None) or []:
        if e.number or e.date:
            found.append(f"{normalize_number(e.number or '')}|{e.date}")
        else:
            found.append(normalize(e.as_written))
    return found


def _act_words(act: Any) -> str:
    return str(act.as_written or act.title or "")


def acts(p: Pair) -> Iterator[Change]:
    """An act of the legal basis, the adopting act or an annex: replaced, amended, reworded."""
    from efs.concept.acts import normalize_number

    a, b = p.old.obj, p.new.obj
    same_act = (normalize_number(a.number or "") == normalize_number(b.number or "") and a.date == b.date)
    if not same_act:
        yield p.change("act_replaced", old=_act_words(a) or p.old.label, new=_act_words(b) or p.new.label,
                       detail=f"вместо: {p.old.label} — {p.new.label}")
        return
    if getattr(b, "superseded_by", None) != getattr(a, "superseded_by", None):
        if getattr(b, "superseded_by", None):
            yield p.change("act_replaced", field="superseded_by", old=_act_words(a), new=_act_words(b),
                           detail=f"положение указывает, что акт заменён: {b.superseded_by}")
        else:
            yield p.change("changed", field="superseded_by", old=f"заменён: {a.superseded_by}", new="замена не указана",
                           detail="снято указание на замену акта")
    if _editions(a) != _editions(b):
        yield p.change("act_amended", field="as_written", old=_act_words(a), new=_act_words(b), words=True,
                       detail="акт цитируется в новой редакции (с изменениями)")
        return
    yield from p.reworded(a.title, b.title, "название акта", "title")
    if same_wording(a.title, b.title):
        yield from p.reworded(a.as_written, b.as_written, "ссылка на акт", "as_written")
    for name, what in (("kind", "вид акта"), ("issuer", "кем издан")):
        if not same_wording(getattr(a, name), getattr(b, name)):
            yield p.change("changed", field=name, old=getattr(a, name), new=getattr(b, name),
                           detail=f"{what}: {getattr(a, name) or '—'} → {getattr(b, name) or '—'}")


# ---------------------------------------------------------------------------------------- the rest


def header(p: Pair) -> Iterator[Change]:
    """The jurisdiction: its name, level, region and the name of its system."""
    a, b = p.old.obj, p.new.obj
    yield from p.reworded(a.name, b.name, "название юрисдикции", "name")
    yield from p.reworded(a.system_name, b.system_name, "название системы", "system_name")
    yield from p.reworded(a.region, b.region, "субъект Российской Федерации", "region")
    if a.level != b.level:
        yield p.change("changed", field="level", old=_level(a.level), new=_level(b.level),
                       detail=f"уровень юрисдикции: {_level(a.level)} → {_level(b.level)}")


def text(p: Pair) -> Iterator[Change]:
    """A verbatim item (task, principle, direction, note): number, list and wording."""
    from efs.diff.items import MONITORING_LISTS, SYSTEM_LISTS

    yield from renumbered(p)
    if p.old.group != p.new.group:
        names = {**SYSTEM_LISTS, **MONITORING_LISTS}
        yield p.change("moved", old=p.old.obj.text, new=p.new.obj.text,
                       detail=f"перенесено: «{names.get(p.old.group or '', p.old.group)}» → "
                       f"«{names.get(p.new.group or '', p.new.group)}»")
    yield from p.reworded(p.old.obj.text, p.new.obj.text, "текст пункта", "text")


def _aliases(obj: Any) -> dict[str, str]:
    """Other spellings of the name, by their normalised text; a spelling with just the words of the name
    or of the short name (punctuation aside) is the name itself, not another spelling."""
    from efs.diff.words import words

    own = {tuple(words(obj.name)), tuple(words(getattr(obj, "short_name", None)))}
    return {normalize(a.text): a.text for a in obj.aliases if tuple(words(a.text)) not in own}


def subject(p: Pair) -> Iterator[Change]:
    """A subject: number, names, kind, level, host organisation and parent subject."""
    a, b = p.old.obj, p.new.obj
    yield from renumbered(p)
    yield from p.reworded(a.name, b.name, "полное название", "name")
    yield from p.reworded(a.short_name, b.short_name, "сокращение", "short_name")
    if a.kind != b.kind:
        yield p.change("changed", field="kind", old=p.sides.kind_name(a.kind), new=p.sides.kind_name(b.kind),
                       detail=f"вид субъекта: {p.sides.kind_name(a.kind)} → {p.sides.kind_name(b.kind)}")
    if a.level != b.level:
        yield p.change("moved", field="level", old=f"{subject_name(a)}: {_level(a.level)} уровень",
                       new=f"{subject_name(b)}: {_level(b.level)} уровень",
                       detail=f"перенесён на другой уровень: {_level(a.level)} → {_level(b.level)}")
    for name, what in (("host", "структурное подразделение организации"), ("part_of", "часть (филиал) субъекта")):
        old_ref, new_ref = getattr(a, name), getattr(b, name)
        added, removed = references(p, [old_ref] if old_ref else [], [new_ref] if new_ref else [])
        if added or removed:
            old_names, new_names = p.sides.names(p.sides.old), p.sides.names(p.sides.new)
            before = _listing([old_ref], old_names) if old_ref else "—"
            after = _listing([new_ref], new_names) if new_ref else "—"
            yield p.change("moved", field=name, old=before, new=after, detail=f"{what}: {before} → {after}")
    yield from _spellings(p)


def _spellings(p: Pair) -> Iterator[Change]:
    old, new = _aliases(p.old.obj), _aliases(p.new.obj)
    added = [v for k, v in new.items() if k not in old]
    removed = [v for k, v in old.items() if k not in new]
    if added or removed:
        yield p.change("changed", field="aliases", old="; ".join(old.values()) or "—",
                       new="; ".join(new.values()) or "—",
                       detail=_set_change("другие написания названия", [f"«{x}»" for x in added],
                                          [f"«{x}»" for x in removed]))


def bullet(p: Pair) -> Iterator[Change]:
    """A subject's function bullet: moved to another subject, reworded, mapped to another function."""
    a, b = p.old.obj, p.new.obj
    old_owner = p.old.parent.obj if p.old.parent else None
    new_owner = p.new.parent.obj if p.new.parent else None
    if old_owner is not None and new_owner is not None and p.sides.party(old_owner.id) != new_owner.id:
        yield p.change("moved", old=f"{subject_name(old_owner)}: {a.text}", new=f"{subject_name(new_owner)}: {b.text}",
                       detail=f"функция передана другому субъекту: «{subject_name(old_owner)}» → "
                       f"«{subject_name(new_owner)}»",
                       refs=[*refs_of(p.old), *refs_of(p.new)])
    yield from p.reworded(a.text, b.text, "пункт функций", "text")
    if {p.sides.translate("function", f) for f in a.ids()} != set(b.ids()):
        before = "; ".join(map(p.sides.function_name, a.ids()))
        after = "; ".join(map(p.sides.function_name, b.ids()))
        yield p.change("changed", field="function", old=before, new=after,
                       detail=f"функция каталога: {before} → {after}",
                       refs=[*refs_of(p.old), *refs_of(p.new)])


def actor(p: Pair) -> Iterator[Change]:
    """An organisation outside the system: names, role, kind, level."""
    a, b = p.old.obj, p.new.obj
    yield from p.reworded(a.name, b.name, "название", "name")
    yield from p.reworded(a.short_name, b.short_name, "сокращение", "short_name")
    yield from p.reworded(a.role, b.role, "роль", "role")
    if a.kind != b.kind:
        yield p.change("changed", field="kind", old=p.sides.kind_name(a.kind), new=p.sides.kind_name(b.kind),
                       detail=f"вид: {p.sides.kind_name(a.kind)} → {p.sides.kind_name(b.kind)}")
    if a.level != b.level:
        yield p.change("moved", field="level", old=_level(a.level), new=_level(b.level),
                       detail=f"уровень: {_level(a.level)} → {_level(b.level)}")
    yield from _spellings(p)


def function(p: Pair) -> Iterator[Change]:
    """A function the configuration adds to the catalogue: name, description, levels where it is required."""
    a, b = p.old.obj, p.new.obj
    yield from p.reworded(a.name, b.name, "название функции", "name")
    yield from p.reworded(a.description, b.description, "описание функции", "description")
    if set(a.required_at) != set(b.required_at):
        before = ", ".join(_level(x) for x in a.required_at) or "—"
        after = ", ".join(_level(x) for x in b.required_at) or "—"
        yield p.change("changed", field="required_at", old=before, new=after,
                       detail=f"обязательна на уровнях: {before} → {after}",
                       refs=[f"function:{b.id}"])


def _formula_text(formula: Any) -> str:
    if formula is None:
        return "не задана"
    if isinstance(formula, str):
        return formula
    import json

    return json.dumps(formula, ensure_ascii=False, sort_keys=True)


def indicator(p: Pair) -> Iterator[Change]:
    """An indicator: number, wording, what is counted, unit, formula, links."""
    a, b = p.old.obj, p.new.obj
    yield from renumbered(p)
    yield from p.reworded(a.text, b.text, "текст показателя", "text")
    yield from p.reworded(a.numerator, b.numerator, "что считается в числителе", "numerator")
    yield from p.reworded(a.denominator, b.denominator, "что считается в знаменателе", "denominator")
    if normalize(a.unit) != normalize(b.unit):
        yield p.change("changed", field="unit", old=a.unit, new=b.unit,
                       detail=f"единица измерения: {a.unit} → {b.unit}")
    if _formula_text(a.formula) != _formula_text(b.formula):
        yield p.change("formula_changed", field="formula", old=_formula_text(a.formula), new=_formula_text(b.formula),
                       detail="изменена формула расчёта показателя")
    yield from _links(p, "functions", "функции, которые измеряет показатель", p.sides.function_name, "function")
    yield from _links(p, "equivalent", "равнозначные федеральные показатели", str, "indicator")


#: Russian names of the fields of a target (fields the model gains later are named by their key).
TARGET_FIELDS = {
    "kind": "как цель привязана ко времени",
    "year": "год",
    "first_year": "с года",
    "last_year": "по год",
    "value": "значение",
    "unit": "единица",
    "comparator": "сравнение",
    "sub_measure": "часть показателя",
    "scope": "территория",
    "indicator": "показатель",
}
_TARGET_IGNORED = {"as_written", "source"}


def _target_fields(target: Any) -> dict[str, Any]:
    data = target.model_dump(mode="json", exclude=_TARGET_IGNORED)
    return {k: v for k, v in data.items() if v not in (None, [], {})}


#: How a target is tied to time, in a word (the model's labels explain; these name).
TARGET_KINDS = {"by_year": "к году", "in_year": "в году", "yearly": "ежегодно", "standing": "постоянно",
                "open_ended": "далее, без конца"}


def _show(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if name == "kind":
        return TARGET_KINDS.get(str(value), str(value))
    if name == "comparator":
        from efs.model import Comparator

        try:
            return Comparator(value).label
        except ValueError:
            return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def target_fields_changed(old: Any, new: Any, sides: Sides | None = None) -> list[str]:
    """``«год: 2023 → 2024»`` for every field of a target that differs (its wording aside); a threshold's
    indicator is followed through a renaming of ids (``sides``)."""
    a, b = _target_fields(old), _target_fields(new)
    if sides is not None and "indicator" in a:
        a["indicator"] = sides.translate("indicator", a["indicator"])
    out = []
    for name in [*a, *(k for k in b if k not in a)]:
        if a.get(name) != b.get(name):
            out.append(f"{TARGET_FIELDS.get(name, name)}: {_show(name, a.get(name))} → {_show(name, b.get(name))}")
    return out


def target(p: Pair) -> Iterator[Change]:
    """A target or a roadmap threshold: its year, value, comparator, unit, part, territory."""
    a, b = p.old.obj, p.new.obj
    changed = target_fields_changed(a, b, p.sides)
    if changed:
        yield p.change("target_changed", old=a.as_written, new=b.as_written,
                       detail=f"{target_label(b)}: " + "; ".join(changed))
    elif not same_wording(a.as_written, b.as_written):
        yield p.change("reworded", field="as_written", old=a.as_written, new=b.as_written, words=True,
                       detail="изменена формулировка цели (значение то же)")


def agreement(p: Pair) -> Iterator[Change]:
    """An agreement: title, parties, subject matter, kind, number and date."""
    from efs.model import AgreementKind

    a, b = p.old.obj, p.new.obj
    yield from p.reworded(a.title, b.title, "название соглашения", "title")
    yield from p.reworded(a.subject_matter, b.subject_matter, "предмет соглашения", "subject_matter")
    if a.kind != b.kind:
        yield p.change("changed", field="kind", old=AgreementKind(a.kind).label, new=AgreementKind(b.kind).label,
                       detail=f"вид соглашения: {AgreementKind(a.kind).label} → {AgreementKind(b.kind).label}")
    added, removed = references(p, a.parties, b.parties)
    if added or removed:
        yield p.change("changed", field="parties", old=_listing(a.parties, p.sides.names(p.sides.old)),
                       new=_listing(b.parties, p.sides.names(p.sides.new)),
                       detail=_set_change("стороны", added, removed))
    if (normalize(a.number), a.date, normalize(a.date_as_written)) != (normalize(b.number), b.date,
                                                                       normalize(b.date_as_written)):
        before = " ".join(x for x in (a.number and f"№ {a.number}", a.date_as_written) if x) or "—"
        after = " ".join(x for x in (b.number and f"№ {b.number}", b.date_as_written) if x) or "—"
        yield p.change("changed", field="number", old=before, new=after,
                       detail=f"реквизиты соглашения: {before} → {after}")


def _deadline_fields(deadline: Any) -> dict[str, Any] | None:
    if deadline is None:
        return None
    data = deadline.model_dump(mode="json", exclude={"as_written"})
    data["on"] = sorted(data.get("on") or [])  # dates within the period: a set, in any order
    return data


def measure(p: Pair) -> Iterator[Change]:
    """A roadmap measure: number, place, wording, responsible, deadline, result, links, completion."""
    a, b = p.old.obj, p.new.obj
    yield from renumbered(p)
    if not (same_wording(a.direction, b.direction) and same_wording(a.group, b.group)):
        before = " / ".join(x for x in (a.direction, a.group) if x) or "—"
        after = " / ".join(x for x in (b.direction, b.group) if x) or "—"
        yield p.change("moved", field="direction", old=before, new=after,
                       detail="перенесено в другой раздел дорожной карты")
    yield from p.reworded(a.text, b.text, "наименование мероприятия", "text")
    for name, what in (("responsible", "ответственные"), ("co_executors", "соисполнители")):
        added, removed = references(p, getattr(a, name), getattr(b, name))
        if added or removed:
            yield p.change("responsible_changed", field=name,
                           old=_listing(getattr(a, name), p.sides.names(p.sides.old)),
                           new=_listing(getattr(b, name), p.sides.names(p.sides.new)),
                           detail=_set_change(what, added, removed))
    da, db = a.deadline, b.deadline
    if _deadline_fields(da) != _deadline_fields(db):
        before, after = (da.as_written if da else "срок не указан"), (db.as_written if db else "срок не указан")
        yield p.change("deadline_moved", field="deadline", old=before, new=after,
                       detail=f"срок: «{before}» → «{after}»")
    elif da is not None and db is not None:
        yield from p.reworded(da.as_written, db.as_written, "срок (дата та же)", "deadline")
    yield from p.reworded(a.result, b.result, "ожидаемый результат", "result")
    yield from _links(p, "indicators", "показатели, которым служит мероприятие", str, "indicator")
    yield from _links(p, "functions", "функции, которым служит мероприятие", p.sides.function_name, "function")
    if a.done != b.done:
        before = a.done.strftime("%d.%m.%Y") if a.done else "не отмечено"
        after = b.done.strftime("%d.%m.%Y") if b.done else "не отмечено"
        yield p.change("changed", field="done", old=before, new=after, detail=f"исполнение: {before} → {after}")


def monitoring(p: Pair) -> Iterator[Change]:
    """The monitoring routine: how often and by whom."""
    a, b = p.old.obj, p.new.obj
    if not same_wording(a.frequency, b.frequency) or a.times_per_year != b.times_per_year:
        yield p.change("changed", field="frequency", old=a.frequency, new=b.frequency,
                       detail=f"периодичность: {a.frequency or '—'} → {b.frequency or '—'}")
    added, removed = references(p, a.responsible, b.responsible)
    if added or removed:
        yield p.change("responsible_changed", field="responsible",
                       old=_listing(a.responsible, p.sides.names(p.sides.old)),
                       new=_listing(b.responsible, p.sides.names(p.sides.new)),
                       detail=_set_change("кто проводит мониторинг", added, removed))


def term(p: Pair) -> Iterator[Change]:
    """A glossary term: the term's spelling and its definition."""
    a, b = p.old.obj, p.new.obj
    yield from p.reworded(a.term, b.term, "термин", "term")
    yield from p.reworded(a.definition, b.definition, "определение термина", "definition")


def suppression(p: Pair) -> Iterator[Change]:
    """A suppressed rule: its reason."""
    yield from p.reworded(p.old.obj.reason, p.new.obj.reason, "причина подавления", "reason")


def nothing(p: Pair) -> Iterator[Change]:
    """Items whose identity is all there is to them (a plugin)."""
    return iter(())


COMPARE: dict[str, Callable[[Pair], Iterator[Change]]] = {
    "header": header,
    "adopted_by": acts,
    "annex": acts,
    "act": acts,
    "goal": text,
    "text": text,
    "subject": subject,
    "bullet": bullet,
    "subject_note": text,
    "actor": actor,
    "function": function,
    "indicator": indicator,
    "target": target,
    "agreement": agreement,
    "measure": measure,
    "threshold": target,
    "monitoring": monitoring,
    "monitoring_text": text,
    "term": term,
    "plugin": nothing,
    "suppression": suppression,
}


def describe(item: Item) -> str:
    """The wording of an item as the сравнительная таблица shows it when it is added or removed."""
    obj = item.obj
    if item.type == "subject":
        kind = f" ({_level(obj.level)} уровень)" if obj.level is not None else ""
        return f"{obj.number + ' ' if obj.number else ''}{obj.name}{kind}"
    if item.type in ("act", "annex", "adopted_by"):
        return _act_words(obj) or item.label
    if item.type == "measure":
        due = f"; срок: {obj.deadline.as_written}" if obj.deadline else ""
        return f"{obj.number + ' ' if obj.number else ''}{obj.text}{due}"
    if item.type == "indicator":
        return f"{obj.number + ' ' if obj.number else ''}{obj.text}"
    if item.type in ("target", "threshold"):
        return str(obj.as_written)
    return item.text or item.label


def short_item(item: Item) -> str:
    """A short wording of the item (for details)."""
    return short(describe(item), 80)
