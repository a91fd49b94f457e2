"""The skeleton written by ``efs new config``."""

from __future__ import annotations

import json
import re

_TEMPLATE = """\
# yaml-language-server: $schema=configuration.schema.json
# Схема для редактора (подсказки и проверка на лету): efs schema пишет configuration.schema.json.
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
legal_basis:
  - id: concept
    kind: распоряжение
    issuer: Министерство просвещения Российской Федерации
    number: Р-174
    date: 2020-12-16
    date_as_written: 16.12.2020
    title: Об утверждении Концепции создания единой федеральной системы научно-методического сопровождения педагогических работников и управленческих кадров
    source: {{section: "1", line: 1}}
indicators:
  - id: young_teachers_supported
    number: "1"
    text: Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и сопровождения в первые 3 года работы
    numerator: молодые педагоги, участвующие в формах поддержки и сопровождения
    denominator: педагоги до 35 лет в первые 3 года работы
    unit: "%"
    targets:
      - {{year: 2026, value: 70, unit: "%", comparator: at_least, as_written: не менее 70%, source: {{line: 1}}}}
    formula: young_teachers_supported_share
    functions: [{{id: young_teachers_support, rationale: показатель считает поддержку молодых педагогов}}]
    equivalent: [{{id: federal_4, rationale: "тот же показатель, что федеральный № 4"}}]
    source: {{section: "5", line: 1}}
monitoring:
  frequency: не реже одного раза в год
  times_per_year: 1
  responsible: [authority]
  source: {{section: "6", line: 1}}
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
        name=json.dumps(name, ensure_ascii=False),  # a YAML scalar whatever the name: «Район: тест», «2024»
        level=level,
        authority="Министерство образования" if regional else "Управление образования",
        authority_kind="regional_authority" if regional else "municipal_authority",
    )
