"""An indicator's reading spelled out: population, period, condition, provider, sub-measures, alternatives.

``docs/indicators.md`` and ``efs indicators --explain`` print the same lines, derived from the formula
itself (so they cannot drift from what is computed) plus the ``reading`` its author wrote.
"""

from __future__ import annotations

from typing import Any

from efs.indicators.blocks import CONDITIONS, POPULATIONS, describe_params
from efs.indicators.spec import Condition, CountSpec, FormulaSpec

#: Parameters saying who ran a diagnostic or developed a programme.
_WHO = ("provider", "provider_subject", "developer", "developer_subject", "developed_by_system",
        "diagnostic_provider", "diagnostic_provider_subject")


def condition_words(cond: Condition) -> str:
    """A condition in Russian, with its parameters as written in the formula."""
    if cond.block == "not":
        return f"не ({condition_words(cond.children[0])})"
    if cond.block in ("any", "all"):
        joiner = " или " if cond.block == "any" else " и "
        return "(" + joiner.join(condition_words(c) for c in cond.children) + ")"
    text = CONDITIONS[cond.block].text
    params = {k: v for k, v in cond.params.items() if k != "value"}
    if cond.params.get("value") is False:
        text = "не " + text
    return f"{text} [{describe_params(params)}]" if params else text


def _side(side: CountSpec) -> str:
    text = POPULATIONS[side.population].text
    if side.where:
        text += "; из них те, кто (что) " + " и ".join(condition_words(c) for c in side.where)
    if side.measure == "participants":
        text += "; мера — сумма участников"
    return text


def _conditions(spec: FormulaSpec) -> list[Condition]:
    sides = [spec.base, *([spec.denominator] if spec.denominator else [])]
    return [
        *(c for side in sides for c in side.where),
        *spec.numerator,
        *(c for s in spec.sub_measures for c in (*s.where, *s.numerator)),
    ]


def _who(written: FormulaSpec, resolved: FormulaSpec | None) -> list[str]:
    """Who ran / developed, as written; subjects followed by the names they stand for in the data."""
    found: list[str] = []

    def walk(cond: Condition, res: Condition | None) -> None:
        for k, child in enumerate(cond.children):
            walk(child, res.children[k] if res is not None and k < len(res.children) else None)
        params = {k: v for k, v in cond.params.items() if k in _WHO}
        if not params:
            return
        text = f"{cond.block}: {describe_params(params)}"
        names = {k: v for k, v in (res.params.items() if res is not None else ()) if k in _WHO and k not in params}
        if names:
            text += " (в данных — " + "; ".join(", ".join(f"«{n}»" for n in v) for v in names.values()) + ")"
        found.append(text)

    res_conds = _conditions(resolved) if resolved is not None else []
    for k, cond in enumerate(_conditions(written)):
        walk(cond, res_conds[k] if k < len(res_conds) else None)
    return list(dict.fromkeys(found))


def period_words(spec: FormulaSpec) -> tuple[str, str]:
    """(period, «годовой» or «накопленный») of a formula."""
    if spec.since is not None:
        return (
            f"с 1 января {spec.since} г. по 31 декабря года отчёта (для лет раньше {spec.since} — год отчёта)",
            f"накопленный итог с {spec.since} г.",
        )
    if spec.window > 1:
        return f"{spec.window} лет по год отчёта включительно", f"за {spec.window} лет"
    return "год отчёта (с 1 января по 31 декабря)", "годовой"


def reading_lines(formula: Any) -> list[tuple[str, str]]:
    """(label, text) lines of a resolved formula's reading; empty for a Python formula."""
    spec: FormulaSpec | None = formula.written or formula.spec
    if spec is None:
        return [("Выбранное прочтение", formula.reading)] if formula.reading else []
    period, kind = period_words(spec)
    out: list[tuple[str, str]] = []
    if spec.kind == "ratio":
        assert spec.denominator is not None
        out += [("Числитель", _side(spec.base)), ("Знаменатель", _side(spec.denominator))]
    elif spec.kind == "count":
        out.append(("Что считается", _side(spec.base)))
    else:
        out.append(("Совокупность (знаменатель)", _side(spec.base)))
        out.append(("Условие (числитель)", " и ".join(condition_words(c) for c in spec.numerator)))
    out.append(("Период", period))
    who = _who(spec, formula.spec if formula.spec is not spec else None)
    out.append(("Кто проводил / разработчик", "; ".join(who) if who else "не ограничивается"))
    if spec.sub_measures:
        subs = "; ".join(
            f"«{s.label}» ({s.id}): "
            + " и ".join(condition_words(c) for c in s.numerator)
            + (
                " — знаменатель: те из совокупности, кто (что) " + " и ".join(condition_words(c) for c in s.where)
                if s.where
                else " — из того же знаменателя"
            )
            for s in spec.sub_measures
        )
    else:
        subs = "нет"
    out.append(("Подпоказатели", subs))
    out.append(("Годовой или накопленный", kind))
    if formula.reading:
        out.append(("Выбранное прочтение", formula.reading))
    for k, alt in enumerate(formula.alternatives, 2):
        out.append((f"Другое прочтение {k}", f"{alt.reading} Формула: {alt.formula.describe()}"))
    return out
