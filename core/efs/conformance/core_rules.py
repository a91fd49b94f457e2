"""The core's rules: the codes the engine reports itself, then the concept's rules by area."""

from __future__ import annotations

from efs.conformance import (
    rules_acts,
    rules_adopted,
    rules_citations,
    rules_complete,
    rules_consistency,
    rules_entities,
    rules_glossary,
    rules_indicators,
    rules_names,
    rules_roadmap,
    rules_sources,
    rules_structure,
    rules_system,
    rules_traces,
)
from efs.conformance.findings import Severity
from efs.conformance.rules import Rule

E, W = Severity.error, Severity.warning
_LOAD = "Проверка начинается с загрузки; ошибка загрузки — тоже находка, в том же формате, что и остальные."

ENGINE_RULES: list[Rule] = [
    Rule(
        "EFS001",
        "yaml-syntax",
        E,
        "Синтаксис YAML, кодировка или размер файла",
        _LOAD,
        "Исправьте место, указанное в сообщении (строка:столбец).",
        example="subjects: [\n",
    ),
    Rule(
        "EFS002",
        "schema",
        E,
        "Файл не соответствует формату конфигурации",
        _LOAD,
        "Исправьте ключ или значение; допустимые ключи — в docs/fields.md.",
        example="subjcts: []\n",
    ),
    Rule(
        "EFS003",
        "unknown-reference",
        E,
        "Идентификатор не найден или занят дважды",
        _LOAD,
        "Исправьте идентификатор (в сообщении — ближайший существующий).",
        example="roadmap:\n  - responsible: [amiro_typo]\n",
    ),
    Rule(
        "EFS004",
        "plugin-missing",
        E,
        "Нужный плагин не установлен или завершился ошибкой",
        _LOAD,
        "Установите дистрибутив, названный в сообщении.",
        example="plugins: [nowhere]\n",
    ),
    Rule(
        "EFS005",
        "unreadable-file",
        E,
        "Файл не удалось прочитать",
        _LOAD,
        "Проверьте путь и права доступа.",
        example="# файл без права чтения: chmod 000 config/x.yaml\n",
    ),
    Rule(
        "EFS010",
        "unused-suppression",
        W,
        "Подавление ничего не подавляет",
        "Подавление, которое ничего не подавляет, скрыло бы будущую находку без причины.",
        "Удалите подавление или уточните его items.",
        example="suppressions:\n  - {rule: EFS160, reason: ...}   # а показатели есть\n",
    ),
    Rule(
        "EFS011",
        "unknown-suppressed-rule",
        E,
        "Подавление называет неизвестное правило",
        "Подавление опечатанного правила ничего не подавляет и вводит в заблуждение.",
        "Исправьте код или имя правила (efs rules).",
        example="suppressions:\n  - {rule: EFS999, reason: ...}\n",
    ),
    Rule(
        "EFS012",
        "rules-not-applicable",
        Severity.info,
        "Правила о полном положении не применялись к части документа",
        "Таблица показателей, дорожная карта или приложение — часть положения: в ней по природе нет правовой "
        "основы, структуры системы или порядка мониторинга, и сообщать об их отсутствии было бы ложной тревогой.",
        "Ничего делать не нужно; если документ — полное положение, укажите jurisdiction.document_kind: regulation.",
        example="jurisdiction:\n  document_kind: indicator_table\n",
    ),
    Rule(
        "EFS013",
        "findings-cut",
        Severity.info,
        "Находок одного правила слишком много: показаны первые 500",
        "Файл, в котором одно правило срабатывает десятки тысяч раз (например, якорь YAML со списком "
        "несуществующих ответственных, подставленный в сотни мероприятий), дал бы сотни мегабайт вывода. "
        "Показываются первые 500 находок правила в файле; эта находка называет, сколько не показано.",
        "Исправьте показанные находки и проверьте снова; или исключите правило (--ignore).",
        example="roadmap:\n  - {id: m1, responsible: &r [А, Б, ...]}\n  - {id: m2, responsible: *r}   # × 1000\n",
    ),
]

RULES: list[Rule] = [
    *ENGINE_RULES,
    *rules_sources.RULES,
    *rules_acts.RULES,
    *rules_citations.RULES,
    *rules_consistency.RULES,
    *rules_structure.RULES,
    *rules_names.RULES,
    *rules_entities.RULES,
    *rules_roadmap.RULES,
    *rules_indicators.RULES,
    *rules_complete.RULES,
    *rules_adopted.RULES,
    *rules_system.RULES,
    *rules_glossary.RULES,
    *rules_traces.RULES,
]
