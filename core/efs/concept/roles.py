"""Roles the federal concept gives each level of a system, and which levels a jurisdiction must have.

A role is filled by a subject whose kind lists the role in ``SubjectKind.fills_roles``; a
plugin's kind fills a federal role the same way (Тюмень's ``cnppm_branch`` fills ``cnppm``).
"""

from __future__ import annotations

from dataclasses import dataclass

from efs.model import Level, Source

CONCEPT = (
    "Концепция ЕФС (распоряжение Минпросвещения России от 16.12.2020 № Р-174 в ред. от 15.12.2022 № Р-303)"
)


@dataclass(frozen=True, slots=True)
class Role:
    """A role the concept requires at a level.

    Attributes:
        id: Identifier a kind names in ``fills_roles``.
        name: Russian name.
        level: The level at which a system must have a subject in this role.
        required: Whether a system without it falls short of the concept.
        source: Where the concept (or the documents repeating it) sets the role.
    """

    id: str
    name: str
    level: Level
    required: bool
    source: Source


def _src(section: str) -> Source:
    return Source(document=CONCEPT, section=section)


ROLES: tuple[Role, ...] = (
    Role(
        "regional_authority",
        "региональный орган исполнительной власти в сфере образования",
        Level.regional,
        True,
        _src("структура ЕФС: региональный уровень"),
    ),
    Role(
        "cnppm",
        "ЦНППМ (или его филиалы), координирующий региональную систему",
        Level.regional,
        True,
        _src("структура ЕФС: региональный уровень"),
    ),
    Role(
        "methodical_active",
        "региональный методический актив",
        Level.regional,
        True,
        _src("структура ЕФС: региональный уровень"),
    ),
    Role(
        "regional_coordinator",
        "региональный оператор (координатор) системы",
        Level.regional,
        False,
        _src("структура ЕФС: региональный уровень"),
    ),
    Role(
        "municipal_authority",
        "муниципальный орган управления образованием",
        Level.municipal,
        True,
        _src("структура ЕФС: муниципальный уровень"),
    ),
    Role(
        "municipal_methodical_service",
        "муниципальная методическая служба",
        Level.municipal,
        True,
        _src("структура ЕФС: муниципальный уровень"),
    ),
    Role(
        "municipal_methodical_association",
        "муниципальные методические объединения",
        Level.municipal,
        True,
        _src("структура ЕФС: муниципальный уровень"),
    ),
    Role(
        "school_methodical_council",
        "методический совет образовательной организации",
        Level.institutional,
        True,
        _src("структура ЕФС: институциональный уровень"),
    ),
    Role(
        "school_methodical_association",
        "методические объединения образовательной организации",
        Level.institutional,
        True,
        _src("структура ЕФС: институциональный уровень"),
    ),
    Role(
        "federal_coordinator",
        "федеральный оператор (координатор) ЕФС",
        Level.federal,
        False,
        _src("структура ЕФС: федеральный уровень"),
    ),
)

ROLES_BY_ID: dict[str, Role] = {r.id: r for r in ROLES}

#: The levels a system of a regional or municipal jurisdiction must describe.
JURISDICTION_LEVELS: dict[Level, tuple[Level, ...]] = {
    Level.regional: (Level.regional, Level.municipal, Level.institutional),
    Level.municipal: (Level.municipal, Level.institutional),
}


def required_roles(level: Level) -> list[Role]:
    """The roles a system must fill at ``level``."""
    return [r for r in ROLES if r.level == level and r.required]
