"""``efs indicators --explain ID``: how one indicator is defined, computed and from what data."""

from __future__ import annotations

import dataclasses
from typing import Any

from efs.indicators.blocks import CONDITIONS, POPULATIONS
from efs.indicators.plan import IndicatorPlan
from efs.indicators.reading import reading_lines
from efs.indicators.results import SOURCE_LABELS, STATUS_LABELS, IndicatorResult
from efs.indicators.sql import FormulaContext, fusible

#: Under the SQL of a formula PostgreSQL counts with other staff formulas (:func:`efs.indicators.sql.compile_fused`).
FUSED_NOTE = (
    "PostgreSQL считает этот показатель вместе с другими показателями по работникам одним просмотром "
    "таблицы работников (те же строки, те же условия, те же числа; запрос выше — тот же расчёт отдельно)."
)


def render_sql(query: Any, dialect: Any) -> str:
    """The query as SQL text for ``dialect``, with its parameters written in."""
    try:
        return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    except Exception:  # a type without a literal renderer: show the parameters separately
        compiled = query.compile(dialect=dialect)
        return f"{compiled}\n-- параметры: {compiled.params}"


def explain(
    plan: IndicatorPlan,
    ctx: FormulaContext,
    dialect: Any,
    results: list[IndicatorResult],
    readings: list[tuple[str, list[IndicatorResult]]] | None = None,
) -> str:
    """A Russian explanation of one indicator for the report year, with its SQL and per-scope numbers.

    ``readings`` — (label, results) of the chosen reading and each alternative (:func:`reading_plans`),
    printed side by side at the end.
    """
    ind = plan.indicator
    lines = [
        f"Показатель {ind.id}"
        + (f" (№ {ind.number})" if ind.number else "")
        + (" — федеральный" if plan.federal else ""),
        ind.text,
        "",
    ]
    if ind.source is not None:
        lines.append(f"Источник: {ind.source}")
    if ind.numerator:
        lines.append(f"Числитель (по документу): {ind.numerator}")
    if ind.denominator:
        lines.append(f"Знаменатель (по документу): {ind.denominator}")
    lines.append(f"Единица: {ind.unit}")
    if plan.formula is None:
        lines += ["", f"Формулы нет: {plan.problem or 'не задана'}."]
        return "\n".join(lines)
    f = plan.formula
    lines += ["", f"Формула: {f.id or 'задана в конфигурации'}" + (f" — {f.name}" if f.name else "")]
    lines.append(f"Строительные блоки: {f.describe()}")
    if f.spec is not None:
        pops = {f.spec.base.population} | ({f.spec.denominator.population} if f.spec.denominator else set())
        for pop in sorted(pops):
            lines.append(f"  совокупность {pop}: {POPULATIONS[pop].text}")
        used = set()
        for cond in (
            *f.spec.base.where,
            *f.spec.numerator,
            *(c for s in f.spec.sub_measures for c in (*s.where, *s.numerator)),
            *(f.spec.denominator.where if f.spec.denominator else ()),
        ):
            used |= cond.blocks()
        for name in sorted(used):
            lines.append(f"  условие {name}: {CONDITIONS[name].text}")
    reading = reading_lines(f)
    if reading:
        lines.append("Прочтение:")
        lines += [f"  {label}: {text}" for label, text in reading]
    lines.append(f"Таблицы: {', '.join(f.tables(ctx)) or '—'}")
    sources = {r.data_source for r in results if r.sub_measure is None}
    lines.append(
        "Данные: " + "; ".join(sorted(SOURCE_LABELS[s] for s in sources)) if sources else "Данные: —"
    )
    query = f.build(ctx)[0]
    lines += [
        "",
        f"SQL ({dialect.name}, год {ctx.year}; одна строка на муниципалитет и организацию):",
        render_sql(query, dialect),
        "",
    ]
    if f.spec is not None and fusible(f.spec, f.context(ctx)):
        lines += [FUSED_NOTE, ""]
    lines.append("Числитель и знаменатель по территориям:")
    for r in results:
        label = r.scope_name + (f" — в том числе {_part(r)}" if r.sub_measure else "")
        num, den, val = _numbers(r)
        lines.append(
            f"  {label}: {num} / {den} → {val}; {STATUS_LABELS[r.status]}; {SOURCE_LABELS[r.data_source]}"
        )
        for t in r.targets:
            mark = {True: "да", False: "нет", None: "—"}[t.met]
            lines.append(f"      цель {t.label}: достигнута — {mark}")
        if r.scope == "jurisdiction":
            for s in r.skipped_targets:
                lines.append(f"      не проверена: {s.label} — {s.reason}")
            if not r.targets and r.target_note and not r.skipped_targets:
                lines.append(f"      {r.target_note}")
    if readings:
        lines += ["", *readings_comparison(readings)]
    return "\n".join(lines)


def _part(r: IndicatorResult) -> str:
    """The sub-measure's words, as :attr:`IndicatorResult.indicator_text` ends with them (its id if not)."""
    return r.indicator_text.partition(" — в том числе ")[2] or str(r.sub_measure)


def _numbers(r: IndicatorResult) -> tuple[str, str, str]:
    """Numerator, denominator and value in Russian (decimal comma), ``—`` where there is none."""
    from efs.report.text import num, with_unit

    return num(r.numerator), num(r.denominator), with_unit(r.value, r.unit)


def reading_plans(plan: IndicatorPlan) -> list[tuple[str, IndicatorPlan]]:
    """The chosen reading and each alternative as plans of their own (for :func:`readings_comparison`).

    Each gets an id of its own (``<id>__reading_<k>``) and counts the aggregate returns filed under the
    indicator as they were filed (a return cannot be recomputed in another reading): a unit that filed a
    return has the same value in every reading, and the chosen reading is the indicator itself. Were a
    reading to count person rows only, the indicator minus its reading would publish the returns' sum and,
    through it, the return of a hidden unit.
    """
    if plan.formula is None or not plan.formula.alternatives or plan.returns_of is not None:
        return []  # a reading has no readings of its own
    ind = plan.indicator
    out = []
    chosen = dataclasses.replace(
        plan, indicator=ind.model_copy(update={"id": f"{ind.id}__reading_1"}), returns_of=ind.id
    )
    out.append(("1 (выбранное)", chosen))
    for k, alt in enumerate(plan.formula.alternatives, 2):
        other = dataclasses.replace(
            plan,
            indicator=ind.model_copy(update={"id": f"{ind.id}__reading_{k}"}),
            formula=alt.formula,
            returns_of=ind.id,
        )
        out.append((str(k), other))
    return out


def readings_comparison(readings: list[tuple[str, list[IndicatorResult]]]) -> list[str]:
    """Lines comparing the values of an indicator's readings, scope by scope."""
    lines = [
        "Значения в разных прочтениях (персональные данные пересчитаны в каждом прочтении; сводные отчёты "
        "сданы в выбранном и входят в каждое как сданы — их не пересчитать):"
    ]
    for label, results in readings:
        lines.append(f"  прочтение {label}:")
        for r in results:
            if r.sub_measure is not None:
                continue
            num, den, val = _numbers(r)
            lines.append(f"    {r.scope_name}: {num} / {den} → {val}; {STATUS_LABELS[r.status]}")
    return lines
