"""Rules on effectiveness indicators: presence, targets, and coverage of the federal indicators."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.labels import federal_name, ref
from efs.conformance.rules import Rule
from efs.model import Comparator, IndicatorDefinition, Level, Scope, Target

FEDERAL_SOURCE = "001_5ac565084bef0351.txt, «Показатели эффективности деятельности Системы»"


@cache
def federal_ids() -> frozenset[str]:
    """Ids of the federal indicators (from :mod:`efs.concept.indicators`)."""
    from efs.concept.indicators import federal_indicators

    return frozenset(i.id for i in federal_indicators())


def _federal(ctx: RuleContext) -> list[IndicatorDefinition]:
    return [ind for key, ind in ctx.registry.indicators.items() if key in federal_ids()]


def own_indicators(ctx: RuleContext) -> list[IndicatorDefinition]:
    """The jurisdiction's indicators: those in the configuration and those its plugins provide."""
    plugins = {p.name for p in ctx.config.plugins}
    provided = [
        ind
        for key, ind in ctx.registry.indicators.items()
        if key not in federal_ids() and ind.provenance is not None and ind.provenance.plugin in plugins
    ]
    return [*ctx.config.indicators, *provided]


def _unit(text: str) -> str:
    return text.strip().rstrip(".").casefold().replace(" ", "")


def _at(i: int) -> tuple[str | int, ...]:
    return ("indicators", i)


def _no_indicators(ctx: RuleContext) -> Iterator[Finding]:
    if not own_indicators(ctx):
        yield ctx.finding(
            ("indicators",),
            "в положении нет ни одного показателя эффективности: результативность системы нечем измерить",
            source=ctx.config.jurisdiction.source,
            item="indicators",
        )


def _without_targets(ctx: RuleContext) -> Iterator[Finding]:
    # A roadmap threshold is a measure's result, not the Положение's target: the report may fall back to it,
    # but the document still sets the indicator none (the finding says where the threshold is).
    thresholds: dict[str, list[str]] = {}
    for m in ctx.config.roadmap:
        for t in m.thresholds:
            thresholds.setdefault(t.indicator, []).append(ref(m))
    for i, ind in enumerate(ctx.config.indicators):
        if ind.targets:
            continue
        near = thresholds.get(ind.id)
        where = (f"нет в положении; в дорожной карте есть только порог мероприятия {', '.join(near)}, его "
                 "отчёт берёт вместо цели" if near else "нет ни в положении, ни в дорожной карте")
        yield ctx.finding(
            _at(i),
            f"у показателя {ref(ind)} нет целевых значений: их {where}",
            source=ind.source,
            item=ind.id,
        )


def _same_scope(target: Target, federal: Target, level: Level) -> bool:
    if federal.scope == target.scope:
        return True
    local = {Level.regional: Scope.each_region, Level.municipal: Scope.each_municipality}.get(level)
    return target.scope == Scope.jurisdiction and federal.scope == local


def _below_federal(ctx: RuleContext) -> Iterator[Finding]:
    level = ctx.config.jurisdiction.level
    federal = {f.id: f for f in _federal(ctx)}
    for i, ind in enumerate(ctx.config.indicators):
        for link in ind.equivalent:
            fed = federal.get(link.id)
            if fed is None:
                continue
            for j, t in enumerate(ind.targets):
                for ft in fed.targets:
                    if (
                        ft.start_year != t.start_year
                        or ft.comparator != t.comparator
                        or _unit(ft.unit) != _unit(t.unit)
                        or (ft.sub_measure is None) != (t.sub_measure is None)
                        or not _same_scope(t, ft, level)
                    ):
                        continue
                    weaker = (
                        t.value < ft.value
                        if t.comparator == Comparator.at_least
                        else (
                            t.value > ft.value if t.comparator == Comparator.at_most else t.value != ft.value
                        )
                    )
                    if weaker:
                        yield ctx.finding(
                            (*_at(i), "targets", j, "value"),
                            f"цель «{t.as_written}» ({t.period_text()}) слабее федеральной "
                            f"«{ft.as_written}» ({federal_name(fed)})",
                            source=t.source or ind.source,
                            item=ind.id,
                        )


def _federal_not_covered(ctx: RuleContext) -> Iterator[Finding]:
    own = own_indicators(ctx)
    if not own:
        return
    covered = {link.id for ind in own for link in ind.equivalent} | {ind.id for ind in own}
    # A federal indicator the document takes in altered form is covered, wrongly: EFS250 reports that.
    from efs.conformance.rules_adopted import adopted

    covered |= {a.federal.id for a in adopted(ctx)}
    for fed in _federal(ctx):
        if fed.id not in covered:
            yield ctx.finding(
                ("indicators",),
                f"федеральный показатель {fed.number} «{_short(fed.text)}» не покрыт "
                "ни одним показателем положения (ни один не объявлен равнозначным ему)",
                source=fed.source,
                item=fed.id,
            )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unit_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.config.indicators):
        for j, t in enumerate(ind.targets):
            if _unit(t.unit) != _unit(ind.unit):
                yield ctx.finding(
                    (*_at(i), "targets", j, "unit"),
                    f"цель в «{t.unit}», а показатель {ref(ind)} измеряется в «{ind.unit}»",
                    source=t.source or ind.source,
                    item=ind.id,
                )


def _duplicate_target(ctx: RuleContext) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.config.indicators):
        seen: dict[tuple[object, ...], Target] = {}
        for j, t in enumerate(ind.targets):
            key = (t.kind, t.start_year, t.end_year, t.sub_measure, t.scope, t.comparator)
            if key in seen and seen[key].value != t.value:
                yield ctx.finding(
                    (*_at(i), "targets", j),
                    f"две разные цели ({t.period_text()}): «{seen[key].as_written}» и «{t.as_written}»",
                    source=t.source or ind.source,
                    item=ind.id,
                )
            seen.setdefault(key, t)


def _share_range(ctx: RuleContext) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.config.indicators):
        for j, t in enumerate(ind.targets):
            if _unit(t.unit) == "%" and not 0 <= t.value <= 100:
                yield ctx.finding(
                    (*_at(i), "targets", j, "value"),
                    f"доля {t.value:g}% вне пределов 0–100%",
                    source=t.source or ind.source,
                    item=ind.id,
                )


def _target_before_adoption(ctx: RuleContext) -> Iterator[Finding]:
    adopted = ctx.adoption_date
    if adopted is None:
        return
    for i, ind in enumerate(ctx.config.indicators):
        for j, t in enumerate(ind.targets):
            last = t.year if t.year is not None else t.end_year
            if last is not None and last < adopted.year:
                yield ctx.finding(
                    (*_at(i), "targets", j, "year" if t.year is not None else "last_year"),
                    f"цель на {last} год поставлена документом "
                    f"от {adopted.strftime('%d.%m.%Y')}: год уже прошёл",
                    source=t.source or ind.source,
                    item=ind.id,
                )


def python_formula_problem(target: str) -> str | None:
    """Why a Python formula's ``module:function`` cannot be called (in Russian), or ``None`` when it can.

    The module is imported: a formula module should import SQLAlchemy inside its functions, so that
    ``efs validate`` stays light (docs/plugins.md).
    """
    import difflib
    import importlib

    module_name, _, attr = target.partition(":")
    if not module_name or not attr:
        return f"«{target}» — не «модуль:функция»"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        missing = exc.name or module_name
        if module_name == missing or module_name.startswith(f"{missing}."):
            return f"функция Python «{target}» не найдена: нет модуля «{missing}»"
        return f"модуль «{module_name}» не импортируется: нет модуля «{missing}», который он импортирует"
    except Exception as exc:  # the plugin's own code failed while importing
        return f"модуль «{module_name}» не импортируется: {type(exc).__name__}: {exc}"
    func = getattr(module, attr, None)
    if func is None:
        names = [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n))]
        close = difflib.get_close_matches(attr, names, n=1, cutoff=0.6)
        hint = f" (возможно, имелось в виду «{close[0]}»)" if close else ""
        return f"функция Python «{target}» не найдена: в модуле «{module_name}» нет «{attr}»{hint}"
    if not callable(func):
        return f"«{target}» — не функция"
    return None


def _formula_problems(ctx: RuleContext) -> Iterator[Finding]:
    import difflib

    from efs.indicators.names import UnknownSubject, resolve_spec
    from efs.indicators.spec import SpecErrors, parse_formula, split_inline

    for i, ind in enumerate(ctx.config.indicators):
        at = (*_at(i), "formula")
        blocks: Any = ind.formula
        alternatives: list[Any] = []
        where = ""
        if isinstance(ind.formula, str):
            named = ctx.registry.formulas.get(ind.formula)
            if named is None:
                close = difflib.get_close_matches(ind.formula, list(ctx.registry.formulas), n=1, cutoff=0.6)
                hint = f"; возможно, имелась в виду «{close[0]}»" if close else ""
                nearest: dict[str, Any] = {"nearest": close[0]} if close else {}
                yield ctx.finding(
                    at,
                    f"показатель {ref(ind)}: формулы «{ind.formula}» нет ни в ядре, "
                    f"ни в подключённых плагинах{hint}",
                    source=ind.source,
                    item=ind.id,
                    **nearest,
                )
                continue
            if named.python is not None:
                problem = python_formula_problem(named.python)
                if problem:
                    yield ctx.finding(
                        at,
                        f"показатель {ref(ind)}: формула «{named.id}» плагина "
                        f"«{named.provenance.plugin if named.provenance else '?'}»: {problem}",
                        source=ind.source,
                        item=ind.id,
                    )
            blocks = named.blocks
            alternatives = [alt.blocks for alt in named.alternatives]
            where = f"формула «{named.id}»: "
            at = _at(i)
        else:
            blocks, _, raw = split_inline(blocks)
            alternatives = [a.get("blocks") if isinstance(a, dict) else a for a in raw]
        for k, body in enumerate([blocks, *alternatives]):
            if not isinstance(body, dict):
                continue
            prefix = where + (f"другое прочтение {k + 1}: " if k else "")
            try:
                resolve_spec(parse_formula(body), ctx.config)
            except SpecErrors as exc:
                for message, sub in exc.problems:
                    yield ctx.finding(
                        (*at, *sub) if not where and not k else at,
                        f"показатель {ref(ind)}: {prefix}{'.'.join(map(str, sub)) + ': ' if sub else ''}"
                        f"{message}",
                        source=ind.source,
                        item=ind.id,
                    )
            except UnknownSubject as exc:
                yield ctx.finding(
                    at,
                    f"показатель {ref(ind)}: {prefix}формула называет субъект «{exc.ident}», "
                    f"которого нет в конфигурации; субъекты и органы: {', '.join(exc.known) or 'нет'}",
                    source=ind.source,
                    item=ind.id,
                )


def _without_formula(ctx: RuleContext) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.config.indicators):
        if ind.formula is None:
            yield ctx.finding(
                _at(i),
                f"у показателя {ref(ind)} нет формулы: efs indicators не сможет его посчитать",
                source=ind.source,
                item=ind.id,
            )


W, E, INFO = Severity.warning, Severity.error, Severity.info

RULES: list[Rule] = [
    Rule(
        "EFS160",
        "no-indicators",
        E,
        "В положении нет показателей эффективности",
        f"Федеральные показатели эффективности системы ({FEDERAL_SOURCE}) — доли педагогов, прошедших "
        "диагностику, освоивших программы реестра, молодых педагогов с сопровождением; без показателей "
        "мониторинг эффективности невозможен.",
        "Добавьте раздел показателей, покрывающий федеральные (federal_1…federal_4), с целями по годам.",
        _no_indicators,
        "indicators: []\n",
        requires=("indicators",),
    ),
    Rule(
        "EFS161",
        "indicator-without-targets",
        W,
        "У показателя нет целевых значений",
        f"Федеральные показатели заданы с целями по годам ({FEDERAL_SOURCE}); показатель без цели нельзя "
        "признать достигнутым или недостигнутым.",
        "Укажите целевые значения по годам (targets).",
        _without_targets,
        "indicators:\n  - {id: i1, targets: [], ...}\n",
    ),
    Rule(
        "EFS162",
        "target-below-federal",
        E,
        "Цель слабее федеральной на тот же год",
        f"Показатель, объявленный равнозначным федеральному, не может ставить цель ниже федеральной "
        f"({FEDERAL_SOURCE}: например, к 2024 году не менее 70% молодых педагогов с сопровождением).",
        "Поднимите цель до федеральной или снимите объявление равнозначности.",
        _below_federal,
        "indicators:\n  - equivalent: [{id: federal_4, ...}]\n    targets: [{year: 2024, value: 50, "
        "unit: '%', ...}]\n",
    ),
    Rule(
        "EFS163",
        "federal-indicator-not-covered",
        W,
        "Федеральный показатель не покрыт",
        "Показатели юрисдикции должны покрывать федеральные "
        f"({FEDERAL_SOURCE}) — прямо или через объявленную "
        "равнозначность (equivalent). Федеральный показатель, который положение взяло в изменённом виде "
        "(доля вместо количества, суженный охват), здесь покрытым считается: об изменении говорит EFS250.",
        "Добавьте показатель или свяжите существующий с федеральным через equivalent.",
        _federal_not_covered,
        "indicators:\n  - {id: own, equivalent: [], ...}\n",
        requires=("indicators",),
    ),
    Rule(
        "EFS164",
        "target-unit-mismatch",
        W,
        "Единица цели не совпадает с единицей показателя",
        "Цель в других единицах (штуки вместо процентов) нельзя сравнить со значением показателя.",
        "Приведите единицы к одной.",
        _unit_mismatch,
        "indicators:\n  - unit: '%'\n    targets: [{unit: чел., ...}]\n",
    ),
    Rule(
        "EFS165",
        "duplicate-target",
        W,
        "Две разные цели на один год",
        "Две цели для одного года, части показателя и территории противоречат друг другу.",
        "Оставьте одну цель или различите их (sub_measure, scope).",
        _duplicate_target,
        "indicators:\n  - targets: [{year: 2024, value: 30, ...}, {year: 2024, value: 40, ...}]\n",
    ),
    Rule(
        "EFS166",
        "share-out-of-range",
        E,
        "Доля вне пределов 0–100%",
        "Доля не может быть отрицательной или больше 100%.",
        "Исправьте значение или единицу.",
        _share_range,
        "indicators:\n  - targets: [{value: 120, unit: '%', ...}]\n",
    ),
    Rule(
        "EFS167",
        "target-year-before-adoption",
        W,
        "Цель на год, прошедший до принятия положения",
        "Цель на уже прошедший год невыполнима и не управляет работой системы.",
        "Поставьте цели на годы действия положения.",
        _target_before_adoption,
        "jurisdiction: {adopted_by: {date: 2023-05-12}}\nindicators:\n  - targets: [{year: 2022, ...}]\n",
    ),
    Rule(
        "EFS168",
        "invalid-formula",
        E,
        "Формулу показателя нельзя посчитать",
        "Показатели считаются по формулам из строительных блоков (популяции, условия, числитель, "
        "знаменатель) или по формулам ядра и плагинов; формула с неизвестным блоком, неизвестным "
        "идентификатором или функцией Python, которой нет («модуль:функция» с опечаткой), не даст значения при "
        "мониторинге (docs/indicators.md, docs/plugins.md).",
        "Исправьте блок по списку строительных блоков (efs catalogue blocks) или укажите id формулы ядра или "
        "плагина (efs catalogue formulas); у формулы на Python — путь «модуль:функция», как в плагине.",
        _formula_problems,
        "indicators:\n  - id: i1\n    formula: {population: teachers, numerator: [no_such_block]}\n",
    ),
    Rule(
        "EFS169",
        "indicator-without-formula",
        W,
        "У показателя нет формулы",
        "Мониторинг проводится не реже раза в год (концепция); показатель без формулы нельзя посчитать "
        "по данным мониторинга.",
        "Задайте formula: id формулы ядра или плагина, или формулу из строительных блоков.",
        _without_formula,
        "indicators:\n  - {id: i1, formula: null, ...}\n",
    ),
]
