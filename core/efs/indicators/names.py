"""Subjects named in a formula, resolved to the names the monitoring data records.

The store records who ran a diagnostic (``diagnostics.provider``) and who developed a programme
(``programmes.developer``) as text. A formula may name them through the configuration instead of
spelling every name out:

* ``provider_subject: [cnppm]`` / ``developer_subject: [institute]`` /
  ``diagnostic_provider_subject: [cnppm]`` — these subjects or actors of the configuration;
* ``developed_by_system: true`` — any subject of the system.

Each subject stands for its id, name, short name and other spellings (as written and normalised:
quotes unified, whitespace collapsed), together with those of the subjects it hosts (``host``) or
whose whole it is (``part_of``): diagnostics «в ЦНППМ» are those run by the centre or one of its
branches. The plan resolves the names once per configuration (:func:`resolve_spec`), so the SQL
compiler and every reference computation see only plain lists of names (``provider``, ``developer``,
``diagnostic_provider``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from efs.indicators.blocks import SUBJECT_PARAMS
from efs.indicators.spec import Condition, CountSpec, FormulaSpec, SubMeasure


class UnknownSubject(ValueError):
    """A ``…_subject`` parameter names an id that is neither a subject nor an actor of the configuration."""

    def __init__(self, ident: str, known: list[str]) -> None:
        super().__init__(ident)
        self.ident = ident
        self.known = known


def _spellings(item: Any) -> list[str]:
    from efs.documents.normalize import normalize

    names = [item.id, *item.names()]
    return list(dict.fromkeys([*names, *(normalize(n) for n in names)]))


def subject_names(config: Any, idents: Iterable[str]) -> list[str]:
    """Every name the data may record for these subjects or actors of ``config`` (and their parts).

    Raises:
        UnknownSubject: An id is neither a subject nor an actor of the configuration.
    """
    items = {s.id: s for s in config.subjects} | {a.id: a for a in config.actors}
    out: list[str] = []
    for ident in idents:
        item = items.get(ident)
        if item is None:
            raise UnknownSubject(ident, sorted(items))
        out += _spellings(item)
        for s in config.subjects:
            parent_ids = {ref.id for ref in (s.host, s.part_of) if ref is not None}
            if ident in parent_ids:
                out += _spellings(s)
    return list(dict.fromkeys(out))


def system_names(config: Any) -> list[str]:
    """Every name of every subject of the system (actors excluded)."""
    return list(dict.fromkeys(n for s in config.subjects for n in _spellings(s)))


def _resolve_params(params: dict[str, Any], config: Any) -> dict[str, Any]:
    if not any(key in params for key in SUBJECT_PARAMS):
        return params
    out = {k: v for k, v in params.items() if k not in SUBJECT_PARAMS}
    for key, target in SUBJECT_PARAMS.items():
        if key not in params:
            continue
        names = system_names(config) if key == "developed_by_system" else subject_names(config, params[key])
        out[target] = tuple(dict.fromkeys([*out.get(target, ()), *names]))
    return out


def _resolve_condition(cond: Condition, config: Any) -> Condition:
    return Condition(
        cond.block,
        _resolve_params(dict(cond.params), config),
        tuple(_resolve_condition(c, config) for c in cond.children),
    )


def _resolve_side(side: CountSpec, config: Any) -> CountSpec:
    return dataclasses.replace(side, where=tuple(_resolve_condition(c, config) for c in side.where))


def resolve_spec(spec: FormulaSpec, config: Any) -> FormulaSpec:
    """``spec`` with every subject parameter replaced by the names the data records.

    Raises:
        UnknownSubject: A subject parameter names an id the configuration does not define.
    """
    return dataclasses.replace(
        spec,
        base=_resolve_side(spec.base, config),
        numerator=tuple(_resolve_condition(c, config) for c in spec.numerator),
        denominator=_resolve_side(spec.denominator, config) if spec.denominator is not None else None,
        sub_measures=tuple(
            SubMeasure(
                s.id,
                s.label,
                tuple(_resolve_condition(c, config) for c in s.numerator),
                tuple(_resolve_condition(c, config) for c in s.where),
            )
            for s in spec.sub_measures
        ),
    )
