"""Formulas written from building blocks: parsing and validation with located errors.

A formula is a mapping (in a configuration, an indicator's ``formula:``; in a plugin, a
:class:`efs.model.formula.Formula` with ``blocks``). Three shapes::

    # share: the part of a population that satisfies the numerator conditions
    population: young_teachers
    where: [...]                   # optional: narrows the population (denominator)
    numerator: [participated]      # conditions on top of the population
    sub_measures:                  # optional parts with their own numerator, same denominator
      - {id: mentoring, label: "…", numerator: [{participated: {forms: [mentoring]}}]}
      # …or a part of the population with its own denominator (the teachers among teachers and managers)
      - {id: teachers, label: "…", where: [pedagogical], numerator: [...]}

    # count: how many rows of the population satisfy ``where``
    population: management_teams
    where: [trained]

    # ratio: two independent counts, value = numerator / denominator × factor
    numerator: {population: teachers}
    denominator: {population: staff, where: [methodical_active]}

Common keys: ``factor`` (default 100 for a share, 1 otherwise), ``window`` (years the event
conditions look back, default 1 — only the report year), ``since`` (a cumulative count: the event
conditions look back to 1 January of this year; not with ``window``), ``measure`` (``count`` or
``participants``). A condition is a block name (``trained``), a mapping of one block name to its
parameters (``{took_diagnostic: {kind: functional_literacy, min_result: 70}}``) or to a single
value (``{age_below: 35}``, ``{manager: false}``), or a combinator ``{not: …}``, ``{any: […]}``,
``{all: […]}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from efs.errors import Location, Problem
from efs.indicators.blocks import COMBINATORS, CONDITIONS, ENTITIES, MEASURES, POPULATIONS

PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class Condition:
    """A parsed condition: a block with parameters, or a combinator with children."""

    block: str
    params: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[Condition, ...] = ()

    def describe(self) -> str:
        """The condition written back in formula syntax (for ``--explain`` and docs)."""
        from efs.indicators.blocks import describe_params

        if self.block == "not":
            return f"не ({self.children[0].describe()})"
        if self.block in ("any", "all"):
            joiner = " или " if self.block == "any" else " и "
            return "(" + joiner.join(c.describe() for c in self.children) + ")"
        return f"{self.block}({describe_params(dict(self.params))})" if self.params else self.block

    def blocks(self) -> set[str]:
        """Every block name used, combinators excluded."""
        if self.block in COMBINATORS:
            return set().union(*(c.blocks() for c in self.children)) if self.children else set()
        return {self.block}

    def table_reads(self) -> list[str]:
        """Store tables the condition reads: its block's and those of the parameters given."""
        if self.block in COMBINATORS:
            return [t for c in self.children for t in c.table_reads()]
        block = CONDITIONS[self.block]
        out = list(block.tables)
        for key in self.params:
            param = block.params.get(key)
            if param is not None:
                out.extend(param.tables)
        return out


@dataclass(frozen=True)
class CountSpec:
    """What one side of a formula counts: a population, conditions, a measure."""

    population: str
    where: tuple[Condition, ...] = ()
    measure: str = "count"

    @property
    def entities(self) -> tuple[str, ...]:
        """Entities the population counts."""
        return POPULATIONS[self.population].entities


@dataclass(frozen=True)
class SubMeasure:
    """A part of a share with its own numerator (e.g. «справившихся на 70% и более»).

    ``where`` (optional) narrows the denominator for this part (the share of the teachers alone among
    the teachers and managers of the main measure): the part's numerator is then the rows satisfying
    ``where`` and ``numerator``, its denominator those satisfying ``where``. Without ``where`` the part
    shares the main measure's denominator.
    """

    id: str
    label: str
    numerator: tuple[Condition, ...]
    where: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class FormulaSpec:
    """A validated formula.

    Attributes:
        kind: ``share``, ``count`` or ``ratio``.
        base: share — the denominator population; count — the population and the counted
            conditions (``where``); ratio — the numerator.
        numerator: share only — conditions added to ``base`` for the numerator.
        denominator: ratio only — the denominator count.
        factor: Multiplier of numerator / denominator (100 for percentages).
        window: Years the event conditions look back (1 — the report year only).
        sub_measures: share only — parts with their own numerators.
        since: A cumulative count: the event conditions look back to 1 January of this year
            (``window`` is then ``year − since + 1``, at least 1). ``None`` — ``window`` applies.
    """

    kind: str
    base: CountSpec
    numerator: tuple[Condition, ...] = ()
    denominator: CountSpec | None = None
    factor: float = 1.0
    window: int = 1
    sub_measures: tuple[SubMeasure, ...] = ()
    since: int | None = None

    def window_for(self, year: int) -> int:
        """Years the event conditions look back in the report year ``year``."""
        if self.since is not None:
            return max(1, year - self.since + 1)
        return self.window

    def tables(self) -> list[str]:
        """Store tables the formula reads."""
        out: list[str] = []
        specs = [self.base] + ([self.denominator] if self.denominator else [])
        conds = list(self.numerator) + [c for s in self.sub_measures for c in (*s.where, *s.numerator)]
        for spec in specs:
            for entity in spec.entities:
                out.extend(ENTITIES[entity][1])
            conds.extend(spec.where)
        for cond in conds:
            for table in cond.table_reads():
                if table == "graduate_diagnostics" and "graduates" not in self.all_entities():
                    continue
                if table == "diagnostics" and "staff" not in self.all_entities():
                    continue
                out.append(table)
        return list(dict.fromkeys(out))

    def all_entities(self) -> set[str]:
        """Entities counted on either side."""
        ents = set(self.base.entities)
        if self.denominator:
            ents |= set(self.denominator.entities)
        return ents


class SpecErrors(Exception):
    """Problems found while parsing a formula (paths relative to the formula's own path)."""

    def __init__(self, problems: list[tuple[str, PathT]]) -> None:
        super().__init__("; ".join(m for m, _ in problems))
        self.problems = problems

    def located(self, config: Any | None, base: PathT) -> list[Problem]:
        """The problems as :class:`efs.errors.Problem` located in ``config`` under ``base``."""
        out = []
        for message, path in self.problems:
            full = base + path
            loc = config.location_of(full) if config is not None else Location(path=full)
            out.append(Problem(message, loc, code="EFS301"))
        return out


_TOP_KEYS = {
    "population", "where", "numerator", "denominator", "factor", "window", "since", "measure", "sub_measures"
}
_SIDE_KEYS = {"population", "where", "measure"}


#: Keys beside the blocks of a formula written inline in a configuration: the chosen reading in words and
#: the other readings (``[{reading, blocks}]``), as on a plugin's :class:`efs.model.formula.Formula`.
READING_KEYS = ("reading", "alternatives")


def split_inline(data: Any) -> tuple[Any, Any, list[Any]]:
    """An inline formula's blocks, its ``reading`` and its raw ``alternatives``."""
    if not isinstance(data, Mapping):
        return data, None, []
    alts = data.get("alternatives") or []
    return (
        {k: v for k, v in data.items() if k not in READING_KEYS},
        data.get("reading"),
        list(alts) if isinstance(alts, Sequence) and not isinstance(alts, str) else [alts],
    )


def parse_formula(data: Any) -> FormulaSpec:
    """Parse and validate a formula mapping.

    Raises:
        SpecErrors: Every problem found, each with the path of the offending key.
    """
    errs: list[tuple[str, PathT]] = []
    spec = _Parser(errs).formula(data)
    if errs or spec is None:
        raise SpecErrors(errs or [("формула не разобрана", ())])
    return spec


class _Parser:
    def __init__(self, errs: list[tuple[str, PathT]]) -> None:
        self.errs = errs

    def err(self, message: str, path: PathT) -> None:
        self.errs.append((message, path))

    def formula(self, data: Any) -> FormulaSpec | None:
        if not isinstance(data, Mapping):
            self.err("формула из блоков должна быть словарём (population, numerator, …)", ())
            return None
        for key in data:
            if key not in _TOP_KEYS:
                self.err(
                    f"неизвестный ключ формулы «{key}»; допустимы: {', '.join(sorted(_TOP_KEYS))}", (key,)
                )
        window = self._int(data.get("window", 1), ("window",), "window")
        since = None
        if "since" in data:
            since = self._year(data["since"], ("since",))
            if "window" in data:
                self.err("since (накопленный итог с года) и window (окно лет) не задаются вместе", ("since",))
        num = data.get("numerator")
        if isinstance(num, Mapping):  # ratio
            if "population" in data or "where" in data:
                self.err(
                    "в формуле-отношении population и where задаются внутри numerator и denominator",
                    ("population",) if "population" in data else ("where",),
                )
            if "denominator" not in data:
                self.err("в формуле-отношении нужен denominator", ("numerator",))
                return None
            if "sub_measures" in data:
                self.err("sub_measures допустимы только в доле", ("sub_measures",))
            base = self.side(num, ("numerator",))
            den = self.side(data["denominator"], ("denominator",))
            factor = self._number(data.get("factor", 1), ("factor",))
            if base is None or den is None:
                return None
            return FormulaSpec("ratio", base, (), den, factor, window, since=since)
        if "denominator" in data:
            self.err(
                "denominator допустим только в формуле-отношении (numerator — словарь)", ("denominator",)
            )
        if "population" not in data:
            self.err("не указана population (совокупность): " + ", ".join(POPULATIONS), ())
            return None
        base = self.side({k: data[k] for k in _SIDE_KEYS if k in data}, ())
        if base is None:
            return None
        if num is None:
            if "sub_measures" in data:
                self.err("sub_measures допустимы только в доле (нужен numerator)", ("sub_measures",))
            factor = self._number(data.get("factor", 1), ("factor",))
            return FormulaSpec("count", base, (), None, factor, window, since=since)
        numerator = self.conditions(num, ("numerator",), base.entities)
        subs = self.sub_measures(data.get("sub_measures", []), base.entities)
        factor = self._number(data.get("factor", 100), ("factor",))
        return FormulaSpec("share", base, numerator, None, factor, window, subs, since)

    def side(self, data: Any, path: PathT) -> CountSpec | None:
        if not isinstance(data, Mapping):
            self.err("ожидается словарь с population и where", path)
            return None
        for key in data:
            if key not in _SIDE_KEYS:
                self.err(f"неизвестный ключ «{key}»; допустимы: population, where, measure", (*path, key))
        pop = data.get("population")
        if pop not in POPULATIONS:
            self.err(
                f"неизвестная совокупность «{pop}»; допустимы: {', '.join(POPULATIONS)}",
                (*path, "population"),
            )
            return None
        measure = data.get("measure", "count")
        if measure not in MEASURES:
            self.err(f"неизвестная мера «{measure}»; допустимы: {', '.join(MEASURES)}", (*path, "measure"))
        elif MEASURES[measure][1] and not set(MEASURES[measure][1]) >= set(POPULATIONS[pop].entities):
            self.err(
                f"мера «{measure}» применима только к {', '.join(MEASURES[measure][1])}", (*path, "measure")
            )
        entities = POPULATIONS[pop].entities
        where = self.conditions(data.get("where", []), (*path, "where"), entities)
        return CountSpec(pop, where, measure)

    def sub_measures(self, data: Any, entities: tuple[str, ...]) -> tuple[SubMeasure, ...]:
        if not isinstance(data, Sequence) or isinstance(data, str):
            self.err("sub_measures — список подпоказателей {id, label, numerator}", ("sub_measures",))
            return ()
        out = []
        seen = set()
        for i, item in enumerate(data):
            path: PathT = ("sub_measures", i)
            if not isinstance(item, Mapping) or not {"id", "label", "numerator"} <= set(item):
                self.err("подпоказатель — словарь с id, label, numerator и необязательным where", path)
                continue
            extra = set(item) - {"id", "label", "numerator", "where"}
            for key in sorted(extra):
                self.err(f"неизвестный ключ подпоказателя «{key}»", (*path, key))
            sid = item["id"]
            if not isinstance(sid, str) or not sid or sid in seen:
                self.err("id подпоказателя — непустая строка, не повторяется", (*path, "id"))
            seen.add(sid)
            out.append(
                SubMeasure(
                    str(sid),
                    str(item["label"]),
                    self.conditions(item["numerator"], (*path, "numerator"), entities),
                    self.conditions(item.get("where", []), (*path, "where"), entities),
                )
            )
        return tuple(out)

    def conditions(self, data: Any, path: PathT, entities: tuple[str, ...]) -> tuple[Condition, ...]:
        if isinstance(data, str | Mapping):
            data = [data]
        if not isinstance(data, Sequence):
            self.err("ожидается список условий", path)
            return ()
        out = []
        for i, item in enumerate(data):
            cond = self.condition(item, (*path, i), entities)
            if cond is not None:
                out.append(cond)
        return tuple(out)

    def condition(self, item: Any, path: PathT, entities: tuple[str, ...]) -> Condition | None:
        if isinstance(item, str):
            name, value, vpath = item, None, path
        elif isinstance(item, Mapping) and len(item) == 1:
            name, value = next(iter(item.items()))
            vpath = (*path, name)
        else:
            self.err("условие — имя блока или словарь из одного ключа {блок: параметры}", path)
            return None
        if name == "not":
            child = self.condition(value, vpath, entities)
            return Condition("not", {}, (child,)) if child else None
        if name in ("any", "all"):
            return Condition(name, {}, self.conditions(value or [], vpath, entities))
        block = CONDITIONS.get(name)
        if block is None:
            self.err(
                f"неизвестное условие «{name}»; допустимы: {', '.join([*CONDITIONS, *COMBINATORS])}", path
            )
            return None
        bad = [e for e in entities if e not in block.entities]
        if bad:
            self.err(
                f"условие «{name}» неприменимо к совокупности ({', '.join(bad)}); применимо к: "
                f"{', '.join(block.entities)}",
                path,
            )
            return None
        if value is None:
            params: dict[str, Any] = {"value": True} if block.shorthand == "true" else {}
        elif isinstance(value, Mapping):
            params = dict(value)
        elif block.shorthand == "true":
            if not isinstance(value, bool):
                self.err(f"для «{name}» ожидается true или false", vpath)
                return None
            params = {"value": value}
        elif block.shorthand:
            params = {block.shorthand: value}
        else:
            self.err(f"параметры условия «{name}» задаются словарём", vpath)
            return None
        if block.shorthand == "true":
            return Condition(name, params)
        checked: dict[str, Any] = {}
        for key, val in params.items():
            param = block.params.get(key)
            if param is None:
                allowed = ", ".join(block.params) or "нет"
                self.err(f"у условия «{name}» нет параметра «{key}»; допустимы: {allowed}", (*vpath, key))
                continue
            fixed = self._param(val, param.type, param.choices, (*vpath, key))
            if fixed is not None:
                checked[key] = fixed
        if checked.get("developed_by_system") is False:
            self.err(
                "developed_by_system: допускается только true (обратное условие — через not)",
                (*vpath, "developed_by_system"),
            )
        if (
            block.shorthand
            and block.shorthand not in checked
            and block.params[block.shorthand].type == "number"
        ):
            self.err(f"у условия «{name}» нужен параметр {block.shorthand}", vpath)
        return Condition(name, checked)

    def _param(self, val: Any, kind: str, choices: tuple[str, ...], path: PathT) -> Any:
        if kind == "bool":
            if not isinstance(val, bool):
                self.err("ожидается true или false", path)
                return None
            return val
        if kind == "number":
            return self._number(val, path)
        values = [val] if isinstance(val, str) else val
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            self.err("ожидается строка или непустой список строк", path)
            return None
        unknown = [v for v in values if choices and v not in choices]
        if unknown:
            self.err(f"недопустимое значение {', '.join(unknown)}; допустимы: {', '.join(choices)}", path)
            return None
        return values[0] if kind == "str" else tuple(values)

    def _number(self, val: Any, path: PathT) -> float:
        if isinstance(val, bool) or not isinstance(val, int | float):
            self.err("ожидается число", path)
            return 1.0
        return float(val)

    def _year(self, val: Any, path: PathT) -> int | None:
        if isinstance(val, bool) or not isinstance(val, int) or not 2000 <= val <= 2100:
            self.err("since: ожидается год от 2000 до 2100", path)
            return None
        return int(val)

    def _int(self, val: Any, path: PathT, what: str) -> int:
        if isinstance(val, bool) or not isinstance(val, int) or not 1 <= val <= 50:
            self.err(f"{what}: ожидается целое число лет от 1 до 50", path)
            return 1
        return int(val)
