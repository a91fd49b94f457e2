"""Rule documentation rendered from the rules' own metadata (``docs/rules.md``, ``efs rule CODE``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from efs.conformance.rules import Rule

HEADER = """# Правила проверки (`efs validate`)

<!-- Файл создан командой `efs rules --core --format markdown -o docs/rules.md` из метаданных правил;
не правьте вручную: тест tests/conformance/test_docs.py проверяет, что он актуален. -->

Каждое правило — код (не переиспользуется), имя (принимается везде, где код), уровень
(ошибка, предупреждение, сведение), обоснование со ссылкой на концепцию или документ,
рекомендация и пример. Коды `EFS001`–`EFS011` сообщает сам движок (загрузка, подавления).

Выбор правил: `--select`/`--ignore` принимают коды (`EFS120`), префиксы (`EFS1`) и имена
(`kind-level-mismatch`). Подавление в конфигурации:

```yaml
suppressions:
  - rule: deadline-passed        # код или имя
    items: [m_1_4_3]             # id элементов; пусто — все находки правила
    reason: срок перенесён письмом от 01.06.2023   # обязательно
```

Подавленные находки остаются в выводе с пометкой (JSON `suppressed: true`, SARIF
`suppressions[].kind = inSource`) и не влияют на код выхода; подавление, которое ничего
не подавляет, — находка `EFS010`. Базовая линия: `efs validate --write-baseline base.json`, затем
`efs validate --baseline base.json` — ключ находки: юрисдикция, код правила, id элемента.

## Уровни: что ошибка, а что предупреждение

Уровень находки соответствует вреду дефекта; `efs validate` завершается с кодом 1, если есть хотя бы одна
неподавленная ошибка.

- **Ошибка** — документ юридически или практически неверен: его нельзя исполнить или проверить так, как он
  написан. Нет обязательного органа (`EFS121`), уровни системы противоречат друг другу или виду субъекта
  (`EFS210`, `EFS120`), положение опирается на заменённую концепцию или не называет действующую (`EFS102`,
  `EFS105`), даты и номера приказа, приложений и ссылок расходятся (`EFS110`, `EFS111`, `EFS220`), акт
  датирован позже положения или исчерпан до него (`EFS107`, `EFS223`), показатель нельзя вычислить
  (`EFS168`, `EFS232`, доля вне 0–100 % — `EFS166`), цель ниже федеральной (`EFS162`), показателей нет
  (`EFS160`), мониторинг реже раза в год (`EFS181`), невидимые символы (`EFS145`).
- **Предупреждение** — документ исполним, но небрежен или неполон так, что исполнение или проверка
  затруднены: разные написания и сокращения, пропуски нумерации, неполный порядок мониторинга, показатель
  без цели, срок истёк у акта, на который положение опирается, федеральный показатель в изменённом виде.
- **Сведение** — не дефект текста: состояние на дату проверки (`EFS103`, `EFS153`), совпадение с образцом
  (`EFS260`), термин глоссария без употребления (`EFS240`), неприменимые правила (`EFS012`).

Грамматика, орфография и пунктуация вне области проверки: правила ищут то, что меняет смысл положения
(кто, что, когда, по какому акту, как считается), а не ошибки языка (кроме смешения алфавитов в словах,
`EFS144`, которое ломает поиск).

## Формат JSON

`{"efs_version", "as_of", "files": [{"file", "jurisdiction", "loaded", "findings": [{"code", "slug",
"severity", "message", "file", "line", "column", "path", "item", "source": {"document", "section",
"line"}, "suppressed", "suppression_reason", "extra"?}]}], "summary": {"files", "error", "warning", "info",
"suppressed"}}`. `extra` — необязательные подробности находки (например, `nearest` — id ближайшего
по написанию субъекта для `unresolved-reference`).
"""


def rule_markdown(rule: Rule) -> str:
    """One rule as a Markdown section."""
    parts = [
        f"### {rule.code} `{rule.slug}`",
        "",
        f"**{rule.title}** — {rule.severity.label}; плагин: {rule.plugin}.",
        "",
        f"*Почему это важно.* {rule.rationale}",
        "",
        f"*Что сделать.* {rule.recommendation}",
    ]
    if rule.example:
        parts += ["", "*Пример.*", "", "```yaml", rule.example.rstrip("\n"), "```"]
    return "\n".join(parts)


def markdown(rules: Iterable[Rule]) -> str:
    """The whole rules reference."""
    ordered = sorted(rules, key=lambda r: r.code)
    table = ["| код | имя | уровень | правило |", "|---|---|---|---|"]
    table += [
        f"| [{r.code}](#{r.code.lower()}-{r.slug}) | `{r.slug}` | {r.severity.label} | {r.title} |"
        for r in ordered
    ]
    body = "\n\n".join(rule_markdown(r) for r in ordered)
    return f"{HEADER}\n## Список\n\n" + "\n".join(table) + f"\n\n## Правила\n\n{body}\n"


def core_rules() -> list[Rule]:
    """The core's rules (what ``docs/rules.md`` documents; plugins document their own)."""
    from efs.conformance.core_rules import RULES

    return list(RULES)


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """A rule's metadata as JSON (``efs rules --format json``)."""
    prov = rule.provenance
    return {
        "code": rule.code,
        "slug": rule.slug,
        "severity": rule.severity.value,
        "title": rule.title,
        "rationale": rule.rationale,
        "recommendation": rule.recommendation,
        "example": rule.example,
        "plugin": rule.plugin,
        "distribution": prov.distribution if prov is not None else None,
    }
