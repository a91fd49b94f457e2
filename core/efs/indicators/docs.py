"""Generate ``docs/indicators.md`` (every indicator, its formula and reading) and ``docs/store.md``.

Run ``python -m efs.indicators.docs`` to rewrite both; a test fails when the committed files are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.indicators.blocks import CONDITIONS, ENTITIES, MEASURES, POPULATIONS
from efs.indicators.plan import IndicatorPlan, plan_indicators
from efs.indicators.reading import reading_lines
from efs.indicators.results import STATUS_LABELS
from efs.indicators.targets import Measures, label, sub_measure_of

if TYPE_CHECKING:
    from efs.registry import Registry

DOCS = Path(__file__).resolve().parents[3] / "docs"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def blocks_markdown() -> str:
    """The building-block reference."""
    out = [
        "## Строительные блоки",
        "",
        "Формула считает строки одной *сущности* года отчёта. Три формы (подробно — `efs.indicators.spec`):",
        "",
        "* **доля** — `population`, необязательный `where` (сужает знаменатель), `numerator` (условия "
        "числителя), `sub_measures` (части с собственным числителем), `factor` (100);",
        "* **количество** — `population` и `where` (что считается), без `numerator`;",
        "* **отношение** — `numerator: {population, where}` и `denominator: {population, where}`, `factor` (1).",
        "",
        "Общие ключи: `window` (сколько лет назад смотрят условия-события, 1 — только год отчёта), "
        "`measure` (`count` или `participants`). Доли по территории — сумма числителей на сумму "
        "знаменателей организаций (не среднее долей); знаменатель 0 — «нет данных»; значение со знаменателем "
        "меньше 5 скрывается, а с ним — те значения, из которых его можно вычислить "
        "([защита малых групп](disclosure.md)). Статусы: "
        + ", ".join(f"`{k}` — {v}" for k, v in STATUS_LABELS.items()) + ".",
        "",
        "### Совокупности",
        "",
        "| совокупность | сущность | что это |",
        "|---|---|---|",
    ]
    for p in POPULATIONS.values():
        out.append(f"| `{p.id}` | {', '.join(p.entities)} | {_cell(p.text)} |")
    out += [
        "",
        "### Условия",
        "",
        "| условие | к чему применимо | что проверяет | параметры | таблицы |",
        "|---|---|---|---|---|",
    ]
    for c in CONDITIONS.values():
        params = "; ".join(
            f"`{k}` ({p.type}) — {p.text}" + (f": {', '.join(p.choices)}" if p.choices else "")
            for k, p in c.params.items()
        ) or ("`true`/`false`" if c.shorthand == "true" else "—")
        out.append(
            f"| `{c.id}` | {', '.join(c.entities)} | {_cell(c.text)} | {_cell(params)} | {', '.join(c.tables) or '—'} |"
        )
    out += ["", "Комбинаторы: `not: условие`, `any: [условия]`, `all: [условия]`.", "", "### Меры", ""]
    out += [f"* `{k}` — {v[0]}" for k, v in MEASURES.items()]
    out += ["", "### Сущности и таблицы", ""]
    out += [f"* `{k}` — {v[0]}: {', '.join(v[1])}" for k, v in ENTITIES.items()]
    return "\n".join(out)


def _plan_rows(plans: list[IndicatorPlan]) -> list[str]:
    out = []
    for plan in plans:
        ind, f = plan.indicator, plan.formula
        title = f"#### `{ind.id}`" + (f" (№ {ind.number})" if ind.number else "")
        out += [title, "", f"> {ind.text}", ""]
        if ind.source is not None:
            out.append(f"* Источник (дословно, строка документа): {ind.source}")
        out.append(f"* Единица: {ind.unit}")
        if f is None:
            out += [f"* **Формулы нет**: {plan.problem}", ""]
            continue
        out.append(f"* Формула: `{f.id}`" if f.id else "* Формула: задана в конфигурации")
        out.append(f"* Блоки: {f.describe()}")
        out.append(f"* Таблицы: {', '.join(f.tables()) or '—'}")
        out.append("* Прочтение:")
        out += [f"  * {label}: {_cell(text)}" for label, text in reading_lines(f)]
        if plan.candidates:
            out.append("* Цели (как написаны; период; источник):")
            subs = tuple((s.id, s.label) for s in f.spec.sub_measures) if f.spec is not None else ()
            for t, origin in plan.candidates:
                unchecked = t.sub_measure is not None and sub_measure_of(t, Measures(subs)) is None
                note = " — **не проверяется**: в формуле нет такого подпоказателя" if unchecked else ""
                out.append(f"  * {_cell(label(t, origin))}{note}")
        else:
            out.append("* Цели: не заданы ни положением, ни равнозначным федеральным показателем, ни дорожной картой")
        out.append("")
    return out


def indicators_markdown(registry: Registry, configs: dict[str, Any]) -> str:
    """The whole ``docs/indicators.md``."""
    out = [
        "# Показатели и их формулы",
        "",
        "Файл создаётся командой `python -m efs.indicators.docs`; не правьте его вручную.",
        "",
        "Каждый показатель федеральной концепции и каждой поставляемой конфигурации: его формулировка "
        "дословно (со строкой документа), формула из строительных блоков, таблицы хранилища, которые она "
        "читает, и прочтение формулировки — совокупность, период, условие, кто проводил (разработчик), "
        "подпоказатели, годовой или накопленный, выбранное прочтение словами. Где слова допускают другое "
        "понимание, оно приведено с его формулой; `efs indicators --explain ID` показывает его значение рядом "
        "с выбранным.",
        "",
        blocks_markdown(),
        "",
        "## Показатели",
        "",
    ]
    federal_done = False
    for name in sorted(configs):
        plans = plan_indicators(configs[name], registry)
        if not federal_done:
            out += ["### Федеральные показатели", "", *_plan_rows([p for p in plans if p.federal])]
            federal_done = True
        own = [p for p in plans if not p.federal]
        out += [f"### {configs[name].jurisdiction.name} (`{name}`)", ""]
        out += (
            _plan_rows(own)
            if own
            else ["В положении нет собственных показателей; считаются федеральные.", ""]
        )
    return "\n".join(out).rstrip() + "\n"


def store_markdown() -> str:
    """The whole ``docs/store.md``: design notes and every table with its columns."""
    from efs.data import schema as S

    out = [
        "# Хранилище данных мониторинга",
        "",
        "Файл создаётся командой `python -m efs.indicators.docs`; не правьте его вручную.",
        "",
        (S.__doc__ or "").split("\n\n", 1)[1].strip(),
        "",
        "Хранилище — файл SQLite (по умолчанию `efs.sqlite`, или путь в `--db` / `EFS_DB`) или база "
        "PostgreSQL по URL (`postgresql+psycopg://…`). Схема версионируется Alembic: `efs db init`, "
        "`efs db upgrade`, `efs db status`; миграции поставляются в пакете (`efs/data/migrations`).",
        "",
        "## Таблицы",
        "",
    ]
    for table in S.metadata.sorted_tables:
        out += [
            f"### `{table.name}`",
            "",
            table.comment or "",
            "",
            f"Первичный ключ: ({', '.join(c.name for c in table.primary_key.columns)})",
            "",
            "| столбец | тип | обязателен | описание |",
            "|---|---|---|---|",
        ]
        for col in table.columns:
            out.append(
                f"| `{col.name}` | {col.type} | {'да' if not col.nullable else 'нет'} | {_cell(col.comment or '')} |"
            )
        idx = [
            f"`{i.name}` ({', '.join(c.name for c in i.columns)})"
            for i in sorted(table.indexes, key=lambda i: i.name or "")
        ]
        if idx:
            out += ["", "Индексы: " + "; ".join(idx)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def bundled_configurations(registry: Registry) -> dict[str, Any]:
    """The configurations shipped with the installed plugins, by jurisdiction id."""
    from efs.loading import load_configuration

    return {
        jid: load_configuration(info.config_path, registry=registry)
        for jid, info in sorted(registry.jurisdictions.items())
    }


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``docs/indicators.md`` and ``docs/store.md``."""
    from efs.workspace import Workspace

    registry = Workspace().registry
    (DOCS / "indicators.md").write_text(
        indicators_markdown(registry, bundled_configurations(registry)), encoding="utf-8"
    )
    (DOCS / "store.md").write_text(store_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
