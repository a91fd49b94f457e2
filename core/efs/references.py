"""Reference checks: unique ids, ids that must exist, plugins, and exact text resolution.

A reference written as an id must name something; otherwise it is a load error with a
did-you-mean. A reference written as document text resolves only by *exact* match after
:func:`normalize` to an id, name, short name or alias; otherwise it stays unresolved for the
conformance rules to report. Nothing here resolves by similarity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from efs.errors import PluginError, Problem
from efs.model import Actor, Configuration, Link, Reference, Subject
from efs.yamlsafe import did_you_mean

if TYPE_CHECKING:
    from efs.registry import Registry

_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟\"'‘’‚‛"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Collapse whitespace and unify quote characters; nothing else (case and letters stay)."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def reference_sites(config: Configuration) -> Iterator[tuple[tuple[str | int, ...], Reference]]:
    """Every reference in the configuration with its path."""
    for i, s in enumerate(config.subjects):
        if s.host is not None:
            yield ("subjects", i, "host"), s.host
        if s.part_of is not None:
            yield ("subjects", i, "part_of"), s.part_of
    for i, a in enumerate(config.agreements):
        for j, r in enumerate(a.parties):
            yield ("agreements", i, "parties", j), r
    for i, m in enumerate(config.roadmap):
        for j, r in enumerate(m.responsible):
            yield ("roadmap", i, "responsible", j), r
        for j, r in enumerate(m.co_executors):
            yield ("roadmap", i, "co_executors", j), r
    if config.monitoring is not None:
        for j, r in enumerate(config.monitoring.responsible):
            yield ("monitoring", "responsible", j), r


def name_index(config: Configuration) -> dict[str, set[str]]:
    """Normalized id, name, short name and alias → ids of the subjects and actors bearing it."""
    index: dict[str, set[str]] = {}
    items: list[Subject | Actor] = [*config.subjects, *config.actors]
    for item in items:
        for name in (item.id, *item.names()):
            index.setdefault(normalize(name), set()).add(item.id)
    return index


def check_references(config: Configuration, registry: Registry | None = None) -> list[Problem]:
    """Check ids and references; resolve text references in place. Returns the problems found.

    Raises:
        PluginError: A plugin the configuration needs is not installed.
    """
    from efs.registry import Registry

    registry = Registry.of(registry)
    _check_plugins(config, registry)
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        loc = config.location_of(path)
        if config.file is None:
            message = f"{loc.dotted_path}: {message}"
        problems.append(Problem(message, loc, code="EFS003"))

    # Unique ids per namespace (subjects and actors share one: references resolve among both).
    namespaces: list[tuple[str, Iterable[tuple[str, Any]]]] = [
        ("субъектов и органов", [("subjects", s) for s in config.subjects] + [("actors", a) for a in config.actors]),
        ("показателей", [("indicators", x) for x in config.indicators]),
        ("мероприятий", [("roadmap", x) for x in config.roadmap]),
        ("соглашений", [("agreements", x) for x in config.agreements]),
        ("актов", [("legal_basis", x) for x in config.legal_basis]),
        ("функций", [("functions", x) for x in config.functions]),
    ]
    for label, items in namespaces:
        first: dict[str, tuple[str | int, ...]] = {}
        path: tuple[str | int, ...]
        counters: dict[str, int] = {}
        for section, item in items:
            idx = counters.get(section, 0)
            counters[section] = idx + 1
            path = (section, idx, "id")
            if item.id in first:
                prev = config.location_of(first[item.id])
                problem(path, f"идентификатор «{item.id}» уже занят среди {label} (строка {prev.line})")
            else:
                first[item.id] = path

    kinds = set(registry.kinds)
    functions = set(registry.functions) | {f.id for f in config.functions}
    indicators = set(registry.indicators) | {i.id for i in config.indicators}
    for i, s in enumerate(config.subjects):
        if s.kind not in kinds:
            problem(("subjects", i, "kind"), f"неизвестный вид субъекта «{s.kind}»{did_you_mean(s.kind, kinds)}")
        for j, f in enumerate(s.functions):
            if f.function not in functions:
                problem(("subjects", i, "functions", j, "function"),
                        f"неизвестная функция «{f.function}»{did_you_mean(f.function, functions)}")
            for k, extra in enumerate(f.also):
                if extra not in functions:
                    problem(("subjects", i, "functions", j, "also", k),
                            f"неизвестная функция «{extra}»{did_you_mean(extra, functions)}")
    for i, a in enumerate(config.actors):
        if a.kind is not None and a.kind not in kinds:
            problem(("actors", i, "kind"), f"неизвестный вид субъекта «{a.kind}»{did_you_mean(a.kind, kinds)}")

    def links(path: tuple[str | int, ...], items: list[Link], known: set[str], what: str) -> None:
        for j, link in enumerate(items):
            if link.id not in known:
                problem((*path, j, "id"), f"неизвестн{what} «{link.id}»{did_you_mean(link.id, known)}")

    for i, ind in enumerate(config.indicators):
        links(("indicators", i, "functions"), ind.functions, functions, "ая функция")
        links(("indicators", i, "equivalent"), ind.equivalent, indicators, "ый показатель")
    for i, m in enumerate(config.roadmap):
        links(("roadmap", i, "indicators"), m.indicators, indicators, "ый показатель")
        links(("roadmap", i, "functions"), m.functions, functions, "ая функция")
        for j, t in enumerate(m.thresholds):
            if t.indicator not in indicators:
                problem(("roadmap", i, "thresholds", j, "indicator"),
                        f"неизвестный показатель «{t.indicator}»{did_you_mean(t.indicator, indicators)}")

    ids = {s.id for s in config.subjects} | {a.id for a in config.actors}
    index = name_index(config)
    for path, ref in reference_sites(config):
        if ref.written_as_id:
            if ref.as_written in ids:
                ref.id = ref.as_written
            else:
                problem(path, f"нет субъекта или органа с идентификатором «{ref.as_written}»"
                              f"{did_you_mean(ref.as_written, ids)}")
        else:
            matches = index.get(normalize(ref.as_written), set())
            ref.id = next(iter(matches)) if len(matches) == 1 else None
    return problems


def _check_plugins(config: Configuration, registry: Registry) -> None:
    loaded = {name for name, plugin in registry.pm.list_name_plugin() if plugin is not None}
    missing = [p for p in config.plugins if p.name not in loaded]
    if missing:
        parts = []
        for p in missing:
            broken = registry.broken_plugin(p.name) if hasattr(registry, "broken_plugin") else None
            if broken is not None:
                parts.append(f"«{p.name}» установлен (дистрибутив {broken.distribution} {broken.version}), "
                             f"но не работает: {broken.error}; исправьте или переустановите дистрибутив")
                continue
            dist = p.distribution or "efs-nms"
            parts.append(f"«{p.name}» (установите дистрибутив {dist}: pip install {dist})")
        hint = ""
        import os

        if os.environ.get("EFS_PLUGINS") is not None:
            hint = f"; загрузку ограничивает EFS_PLUGINS={os.environ['EFS_PLUGINS']}"
        where = config.file or "конфигурация"
        raise PluginError(f"{where}: нужны плагины, которые не загружены: {', '.join(parts)}{hint}")
