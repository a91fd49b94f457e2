"""Which indicators a configuration has, and the formula of each, resolved and validated."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import ValidationError

from efs.errors import ConfigurationError, Location, Problem
from efs.indicators.names import UnknownSubject, resolve_spec
from efs.indicators.spec import FormulaSpec, SpecErrors, parse_formula, split_inline
from efs.indicators.sql import CustomQuery, FormulaContext, compile_formula
from efs.indicators.targets import candidate_targets
from efs.model import Configuration, IndicatorDefinition, Target
from efs.model.formula import Formula

if TYPE_CHECKING:
    from efs.registry import Registry

CORE_INDICATOR_PLUGIN = "efs.concept.default_plugin"


@dataclass
class Alternative:
    """Another reading of an indicator's words, with the formula that computes it."""

    reading: str
    formula: ResolvedFormula


@dataclass
class ResolvedFormula:
    """A formula ready to be run: from blocks (``spec``) or Python (``python``).

    ``spec`` is what is compiled: subjects named through the configuration are resolved to the names
    the data records (:mod:`efs.indicators.names`); ``written`` is the formula as written (docs,
    ``--explain``). ``alternatives`` are the other readings the words allow.
    """

    id: str | None
    name: str | None
    reading: str | None
    spec: FormulaSpec | None = None
    python: Callable[[FormulaContext], CustomQuery] | None = None
    python_path: str | None = None
    written: FormulaSpec | None = None
    alternatives: list[Alternative] = field(default_factory=list)

    def build(self, ctx: FormulaContext) -> tuple[sa.Select[Any], str, float, tuple[tuple[str, str], ...]]:
        """The query for ``ctx`` with the formula's kind, factor and sub-measures."""
        if self.spec is not None:
            ctx = self.context(ctx)
            subs = tuple((s.id, s.label) for s in self.spec.sub_measures)
            return compile_formula(self.spec, ctx), self.spec.kind, self.spec.factor, subs
        assert self.python is not None
        custom = self.python(ctx)
        return custom.query, custom.kind, custom.factor, tuple(custom.sub_measures)

    def context(self, ctx: FormulaContext) -> FormulaContext:
        """``ctx`` with the block formula's own window for its year."""
        assert self.spec is not None
        return dataclasses.replace(ctx, window=self.spec.window_for(ctx.year))

    def tables(self, ctx: FormulaContext | None = None) -> list[str]:
        """Store tables the formula reads."""
        if self.spec is not None:
            return self.spec.tables()
        if ctx is not None and self.python is not None:
            return list(self.python(ctx).tables)
        return []

    def describe(self) -> str:
        """The formula in words (building blocks), for docs and ``--explain``."""
        spec = self.written or self.spec
        if spec is None:
            return f"функция Python {self.python_path}"
        return describe_spec(spec)


def describe_spec(spec: FormulaSpec) -> str:
    """A one-paragraph description of a block formula."""

    def side(cs: Any) -> str:
        text = cs.population
        if cs.where:
            text += " где " + " и ".join(c.describe() for c in cs.where)
        if cs.measure != "count":
            text += f" (мера: {cs.measure})"
        return text

    window = f"; окно {spec.window} г." if spec.window != 1 else ""
    if spec.since is not None:
        window = f"; накопленным итогом с {spec.since} г."
    if spec.kind == "count":
        return f"количество: {side(spec.base)}{window}"
    if spec.kind == "ratio":
        assert spec.denominator is not None
        return f"отношение: [{side(spec.base)}] / [{side(spec.denominator)}] × {spec.factor:g}{window}"
    num = " и ".join(c.describe() for c in spec.numerator)
    text = f"доля: из [{side(spec.base)}] те, кто {num}; × {spec.factor:g}{window}"
    for sm in spec.sub_measures:
        text += f"; в т. ч. «{sm.label}»: " + " и ".join(c.describe() for c in sm.numerator)
        if sm.where:
            text += " среди тех, кто " + " и ".join(c.describe() for c in sm.where)
    return text


@dataclass
class IndicatorPlan:
    """One indicator to compute for a configuration."""

    indicator: IndicatorDefinition
    federal: bool
    formula: ResolvedFormula | None
    candidates: list[tuple[Target, str]] = field(default_factory=list)
    problem: str | None = None
    #: The indicator whose aggregate returns this plan counts, when not its own id: a reading of an indicator
    #: (``efs indicators --explain``) counts the returns filed under the indicator, as they were filed.
    returns_of: str | None = None


def resolve_blocks(
    blocks: Any,
    config: Configuration | None,
    *,
    id: str | None = None,
    name: str | None = None,
    reading: str | None = None,
) -> ResolvedFormula:
    """A building-block formula parsed and, given a configuration, with its subjects resolved.

    Raises:
        SpecErrors: The blocks are invalid.
        UnknownSubject: A subject parameter names an id the configuration does not define.
    """
    written = parse_formula(blocks)
    spec = resolve_spec(written, config) if config is not None else written
    return ResolvedFormula(id, name, reading, spec=spec, written=written)


def _inline_parts(data: Any) -> tuple[Any, str | None, list[Any]]:
    """An inline formula's blocks, its ``reading`` and its ``alternatives`` (keys beside the blocks)."""
    from efs.model.formula import AlternativeReading

    blocks, reading, alts = split_inline(data)
    return blocks, reading, [AlternativeReading.model_validate(a) for a in alts]


def resolve_named(formula: Formula, config: Configuration | None = None) -> ResolvedFormula:
    """A registered formula ready to run (subjects resolved against ``config`` when given).

    Raises:
        SpecErrors: Its building blocks (or those of an alternative reading) are invalid.
        UnknownSubject: A subject parameter names an id the configuration does not define.
        ImportError, AttributeError: Its Python function cannot be found.
    """
    if formula.blocks is not None:
        out = resolve_blocks(formula.blocks, config, id=formula.id, name=formula.name, reading=formula.reading)
        out.alternatives = _alternatives(formula.alternatives, config, formula.id)
        return out
    assert formula.python is not None
    module, _, attr = formula.python.partition(":")
    func = getattr(importlib.import_module(module), attr)
    return ResolvedFormula(formula.id, formula.name, formula.reading, python=func, python_path=formula.python)


def _alternatives(alts: list[Any], config: Configuration | None, owner: str | None) -> list[Alternative]:
    out = []
    for k, alt in enumerate(alts, 1):
        name = f"{owner or 'формула'}, прочтение {k + 1}"
        out.append(Alternative(alt.reading, resolve_blocks(alt.blocks, config, name=name, reading=alt.reading)))
    return out


def plan_indicators(config: Configuration, registry: Registry) -> list[IndicatorPlan]:
    """The configuration's indicators followed by the federal ones, each with its resolved formula.

    Raises:
        ConfigurationError: An inline formula is invalid or names an unknown formula id (every
            problem of every indicator, located in the configuration file).
    """
    problems: list[Problem] = []
    plans: list[IndicatorPlan] = []
    own_ids = {ind.id for ind in config.indicators}
    plugin_names = {p.name for p in config.plugins}
    for i, ind in enumerate(config.indicators):
        plans.append(_plan(ind, False, config, registry, ("indicators", i, "formula"), problems))
    for ind_id, ind in registry.indicators.items():
        if ind_id in own_ids:
            continue
        plugin = ind.provenance.plugin if ind.provenance else None
        if plugin == CORE_INDICATOR_PLUGIN:
            plans.append(_plan(ind, True, config, registry, None, problems))
        elif plugin in plugin_names:
            plans.append(_plan(ind, False, config, registry, None, problems))
    if problems:
        raise ConfigurationError(problems, file=config.file)
    return plans


def _plan(
    ind: IndicatorDefinition,
    federal: bool,
    config: Configuration,
    registry: Registry,
    path: tuple[str | int, ...] | None,
    problems: list[Problem],
) -> IndicatorPlan:
    equivalents = [registry.indicators[link.id] for link in ind.equivalent if link.id in registry.indicators]
    thresholds = [th for m in config.roadmap for th in m.thresholds if th.indicator == ind.id]
    plan = IndicatorPlan(
        ind,
        federal,
        None,
        candidate_targets(ind, federal=federal, equivalents=equivalents, thresholds=thresholds),
    )
    where = config.location_of(path) if path is not None else Location(path=("indicators", ind.id))
    if ind.formula is None:
        plan.problem = "у показателя нет формулы"
        return plan
    if isinstance(ind.formula, dict):
        try:
            blocks, reading, alts = _inline_parts(ind.formula)
            plan.formula = resolve_blocks(blocks, config, reading=reading)
            plan.formula.alternatives = _alternatives(alts, config, ind.id)
        except SpecErrors as exc:
            problems.extend(exc.located(config if path is not None else None, path or ()))
        except UnknownSubject as exc:
            problems.append(_unknown_subject(ind.id, exc, where))
        except ValidationError as exc:
            message = f"показатель {ind.id}: alternatives: {exc.errors()[0]['msg']}"
            problems.append(Problem(message, where, code="EFS301"))
        return plan
    named = registry.formulas.get(ind.formula)
    if named is None:
        known = ", ".join(sorted(registry.formulas)) or "нет"
        problems.append(
            Problem(
                f"показатель {ind.id}: неизвестная формула «{ind.formula}»; известны: {known}",
                where,
                code="EFS302",
            )
        )
        return plan
    try:
        plan.formula = resolve_named(named, config)
    except UnknownSubject as exc:
        problems.append(_unknown_subject(ind.id, exc, where))
    except SpecErrors as exc:
        prov = named.provenance.plugin if named.provenance else "?"
        for message, p in exc.problems:
            problems.append(
                Problem(
                    f"формула «{named.id}» плагина {prov}: {'.'.join(map(str, p))}: {message}",
                    where,
                    code="EFS301",
                )
            )
    except (ImportError, AttributeError) as exc:
        problems.append(
            Problem(f"формула «{named.id}»: функция {named.python} не найдена: {exc}", where, code="EFS302")
        )
    return plan


def _unknown_subject(indicator: str, exc: UnknownSubject, where: Location) -> Problem:
    from efs.yamlsafe import did_you_mean

    return Problem(
        f"показатель {indicator}: формула называет субъект «{exc.ident}», которого нет в конфигурации"
        f"{did_you_mean(exc.ident, exc.known)}; субъекты и органы: {', '.join(exc.known) or 'нет'}",
        where,
        code="EFS302",
    )
