"""The skeleton written by ``efs new config``."""

from __future__ import annotations

import re

_TEMPLATE = """\
# yaml-language-server: $schema=efs-schema.json
# Схема для редактора: efs schema -o efs-schema.json
# Конфигурация положения о системе научно-методического сопровождения.
# Формат: docs/format.md; пошаговое руководство: docs/configuration.md.
format_version: 1
jurisdiction:
  id: {id}
  name: {name}
  level: {level}
  document: положение.txt          # файл исходного документа: на него ссылаются все source
  adopted_by:
    kind: приказ
    issuer: Управление образования
    number: "1"
    date: 2025-01-01
    date_as_written: 01.01.2025
plugins: []
subjects:
  - id: authority
    number: "3.1"
    name: {authority}
    kind: {authority_kind}
    level: {level}
    functions:
      - function: coordination
        text: координация деятельности субъектов системы
        source: {{section: "3.1", line: 1}}
    source: {{section: "3.1", line: 1}}
indicators: []
roadmap: []
"""


def skeleton(name: str, level: str = "municipal") -> str:
    """A configuration that validates, with the given jurisdiction name and level."""
    ident = re.sub(r"[^a-z0-9_]", "_", name.lower()).strip("_") or "jurisdiction"
    if not ident[0].isalpha():
        ident = "j_" + ident
    regional = level == "regional"
    return _TEMPLATE.format(
        id=ident,
        name=name,
        level=level,
        authority="Министерство образования" if regional else "Управление образования",
        authority_kind="regional_authority" if regional else "municipal_authority",
    )
