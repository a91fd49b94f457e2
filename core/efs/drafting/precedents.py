"""Precedents: what the installed jurisdictions' configurations already map, bullet by bullet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from efs.drafting.classify import Precedents

if TYPE_CHECKING:
    from efs.registry import Registry


def collect(configurations: Iterable[object], functions: set[str], kinds: set[str]) -> Precedents:
    """Bullets (text → function) and subject names (→ kind) of encoded configurations, catalogue ids only."""
    out = Precedents()
    for config in configurations:
        for subject in getattr(config, "subjects", []):
            if subject.kind in kinds:
                out.add_name(subject.name, subject.kind)
            for f in subject.functions:
                if f.function in functions:
                    out.add_bullet(f.text, f.function, [a for a in f.also if a in functions])
    return out


def installed(exclude: str | None = None, *, registry: Registry | None = None) -> tuple[Precedents, set[str], set[str]]:
    """Precedents from the bundled and installed jurisdictions (``exclude``: a jurisdiction id to leave out;
    ``registry``: the installed plugins' by default), with the core catalogue's function and kind ids."""
    from efs.concept.catalogue import functions as core_functions
    from efs.concept.catalogue import subject_kinds
    from efs.loading import load_configuration

    functions = {f.id for f in core_functions()}
    kinds = {k.id for k in subject_kinds()}
    from efs.registry import Registry

    registry = Registry.of(registry)
    configs = []
    for jurisdiction in registry.jurisdictions.values():
        if jurisdiction.id == exclude:
            continue
        try:
            configs.append(load_configuration(jurisdiction.config_path, registry=registry))
        except Exception:
            continue
    return collect(configs, functions, kinds), functions, kinds
