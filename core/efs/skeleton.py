"""The skeleton written by ``efs new config``: a configuration that validates with no error and no warning.

It is built from the catalogue, so that it always asks for what the concept requires at the jurisdiction's
levels: a subject in each required role, each required function carried by a subject of its level, the
concept cited in its current edition, one indicator for each federal indicator with the federal formula,
and monitoring once a year. Every text is a placeholder in angle brackets for the document's own words.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from efs.model import Level

if TYPE_CHECKING:
    from efs.registry import Registry

ADOPTED = "2025-01-01"
#: The name of the body that adopts the Положение, at each jurisdiction level (what most documents call it).
AUTHORITY = {Level.municipal: "Управление образования", Level.regional: "Министерство образования"}
TARGET_YEAR = 2026


def _q(text: str) -> str:
    """A YAML scalar, whatever the text (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _kind_for(role_id: str, registry: Registry) -> str:
    """The core's kind that fills a role (the kind named like the role when there is one)."""
    from efs.plugins import DEFAULT_PLUGINS

    kinds = [k for k in registry.kinds.values() if role_id in k.fills_roles]
    core = [k for k in kinds if k.provenance is None or k.provenance.plugin in DEFAULT_PLUGINS] or kinds
    return next((k.id for k in core if k.id == role_id), core[0].id)


def skeleton(name: str, level: str = "municipal", registry: Registry | None = None) -> str:
    """A configuration of a jurisdiction called ``name`` at ``level`` that ``efs validate`` passes cleanly.

    Args:
        name: The jurisdiction's name (any text).
        level: ``municipal`` or ``regional``.
        registry: The catalogue (built from the installed plugins when ``None``).
    """
    from efs.concept.roles import JURISDICTION_LEVELS, required_roles
    from efs.registry import Registry

    registry = Registry.of(registry)
    ident = re.sub(r"[^a-z0-9_]", "_", name.lower()).strip("_") or "jurisdiction"
    if not ident[0].isalpha():
        ident = "j_" + ident
    own = Level(level)
    out = [
        "# yaml-language-server: $schema=configuration.schema.json",
        "# Схема для редактора (подсказки и проверка на лету): efs schema пишет configuration.schema.json.",
        "# Конфигурация положения о системе научно-методического сопровождения. Формат: docs/format.md;",
        "# пошаговое руководство: docs/configuration.md; идентификаторы каталога: efs catalogue.",
        "# Тексты в <угловых скобках> замените словами документа, строки source — строками документа.",
        "format_version: 1",
        "jurisdiction:",
        f"  id: {ident}",
        f"  name: {_q(name)}",
        f"  level: {level}",
        "  document: положение.txt          # файл документа рядом с конфигурацией: с ним сверяются все source",
        "  document_kind: regulation       # полное положение; часть: annex, indicator_table, roadmap, concept",
        "  adopted_by:",
        "    kind: приказ",
        f"    issuer: {_q('<орган, издавший приказ>')}",
        '    number: "1"',
        f"    date: {ADOPTED}",
        "    date_as_written: 01.01.2025",
        "    source: {line: 1}",
        "  source: {line: 1}",
        "plugins: []",
        "legal_basis:",
        "  - id: concept",
        "    kind: распоряжение",
        "    issuer: Министерство просвещения Российской Федерации",
        "    number: Р-174",
        "    date: 2020-12-16",
        "    date_as_written: 16.12.2020",
        "    title: Об утверждении Концепции создания единой федеральной системы научно-методического "
        "сопровождения педагогических работников и управленческих кадров",
        "    editions:",
        "      - {kind: распоряжение, number: Р-303, date: 2022-12-15, date_as_written: 15.12.2022}",
        "    source: {section: \"1\", line: 1}",
        "subjects:",
    ]
    functions = [f for f in registry.functions.values() if f.required_at]
    first_subject: str | None = None
    for lv in JURISDICTION_LEVELS[own]:
        roles = [r for r in required_roles(lv) if r.required]
        required = [f for f in functions if lv in f.required_at]
        out.append(f"  # уровень «{lv.label}»: субъекты в обязательных ролях, обязательные функции уровня")
        for k, role in enumerate(roles):
            authority = role.id == f"{own.value}_authority"  # the body that adopts the Положение
            sid = "authority" if authority else role.id
            first_subject = first_subject or sid
            name_line = AUTHORITY[own] if authority else _q("<" + role.name + ">")
            # The level's required functions, dealt out to its subjects; a subject left without one shares the first.
            mine = [f for j, f in enumerate(required) if j % len(roles) == k]
            if not mine and required:
                mine = [required[0]]
            out += [
                f"  - id: {sid}",
                f"    name: {name_line}",
                f"    kind: {_kind_for(role.id, registry)}",
                f"    level: {lv.value}",
                "    functions:" if mine else "    functions: []",
            ]
            for f in mine:
                out += [
                    f"      - function: {f.id}",
                    f"        text: {_q('<' + f.name + '>')}",
                    "        source: {line: 1}",
                ]
            out.append("    source: {line: 1}")
    out.append("indicators:")
    federal = sorted((i for i in registry.indicators.values() if i.id.startswith("federal_")), key=lambda i: i.id)
    for n, ind in enumerate(federal, start=1):
        targets = [t for t in ind.targets if t.sub_measure is None]
        value = max(t.value for t in targets) if targets else None
        out += [
            f"  - id: indicator_{n}",
            f'    number: "{n}"',
            f"    text: {_q('<' + ind.text + '>')}",
            f"    unit: {_q(ind.unit)}",
        ]
        if value is not None:
            shown = f"{value:g}"
            out += [
                "    targets:",
                f"      - {{year: {TARGET_YEAR}, value: {shown}, unit: {_q(ind.unit)}, comparator: at_least, "
                f"as_written: {_q('<не менее ' + shown + ' ' + ind.unit + '>')}, source: {{line: 1}}}}",
            ]
        if isinstance(ind.formula, str):
            out.append(f"    formula: {ind.formula}")
        out += [
            f"    equivalent: [{{id: {ind.id}, rationale: {_q('<почему показатель равнозначен федеральному>')}}}]",
            "    source: {line: 1}",
        ]
    out += [
        "monitoring:",
        "  frequency: не реже одного раза в год",
        "  times_per_year: 1",
        f"  responsible: [{first_subject}]",
        f"  methods: [{{text: {_q('<методы сбора и анализа данных>')}, source: {{line: 1}}}}]",
        f"  outputs: [{{text: {_q('<итог: аналитическая справка, управленческие решения>')}, source: {{line: 1}}}}]",
        "  source: {line: 1}",
        "roadmap: []",
    ]
    return "\n".join(out) + "\n"
