"""``efs indicators --explain ID``: how one indicator is defined, computed and from what data."""

from __future__ import annotations

from typing import Any

from efs.indicators.blocks import CONDITIONS, POPULATIONS
from efs.indicators.plan import IndicatorPlan
from efs.indicators.results import SOURCE_LABELS, STATUS_LABELS, IndicatorResult
from efs.indicators.sql import FormulaContext


def render_sql(query: Any, dialect: Any) -> str:
    """The query as SQL text for ``dialect``, with its parameters written in."""
    try:
        return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    except Exception:  # a type without a literal renderer: show the parameters separately
        compiled = query.compile(dialect=dialect)
        return f"{compiled}\n-- параметры: {compiled.params}"


def explain(plan: IndicatorPlan, ctx: FormulaContext, dialect: Any, results: list[IndicatorResult]) -> str:
    """A Russian explanation of one indicator for the report year, with its SQL and per-scope numbers."""
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
            *(c for s in f.spec.sub_measures for c in s.numerator),
            *(f.spec.denominator.where if f.spec.denominator else ()),
        ):
            used |= cond.blocks()
        for name in sorted(used):
            lines.append(f"  условие {name}: {CONDITIONS[name].text}")
    if f.reading:
        lines.append(f"Выбранное прочтение: {f.reading}")
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
    lines.append("Числитель и знаменатель по территориям:")
    for r in results:
        label = r.scope_name + (f" [{r.sub_measure}]" if r.sub_measure else "")
        num = "—" if r.numerator is None else f"{r.numerator:g}"
        den = "—" if r.denominator is None else f"{r.denominator:g}"
        val = "—" if r.value is None else f"{r.value:.1f} {r.unit}"
        lines.append(
            f"  {label}: {num} / {den} → {val}; {STATUS_LABELS[r.status]}; {SOURCE_LABELS[r.data_source]}"
        )
        for t in r.targets:
            mark = {True: "да", False: "нет", None: "—"}[t.met]
            lines.append(f"      цель {t.label}: достигнута — {mark}")
    return "\n".join(lines)
