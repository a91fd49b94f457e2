"""The shapes the HTTP API answers with, for its OpenAPI description (``/openapi.json``).

They describe the JSON that ``efs … --format json`` prints (``docs/rules.md``, ``docs/indicators.md``,
``docs/report.md``); the API returns that JSON as the CLI makes it, so these models document, they do not
reshape.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from efs.model.base import Source


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class FindingOut(_Open):
    """One finding, as ``efs validate --format json`` prints it."""

    code: str = Field(description="Код правила, например EFS101.")
    slug: str = Field(description="Имя правила.")
    severity: str = Field(description="error, warning или info.")
    message: str = Field(description="Что не так, по-русски.")
    file: str | None = Field(description="Имя файла конфигурации.")
    line: int | None = Field(description="Строка (с 1).")
    column: int | None = Field(description="Столбец (с 1).")
    path: str = Field(description="Путь в конфигурации, например subjects[3].level.")
    item: str | None = Field(description="Элемент, о котором находка.")
    source: Source | None = Field(description="Пункт документа, на который ссылается элемент.")
    suppressed: bool = Field(description="Находка подавлена (suppressions или базовая линия).")
    suppression_reason: str | None = Field(description="Почему подавлена.")


class FileFindingsOut(_Open):
    """The findings of one file."""

    file: str
    jurisdiction: str | None
    loaded: bool = Field(description="Конфигурация загрузилась (иначе находки — ошибки загрузки EFS001–EFS005).")
    findings: list[FindingOut]


class ValidationOut(_Open):
    """``efs validate --format json``."""

    efs_version: str
    as_of: str = Field(description="Дата, на которую проверены сроки (ГГГГ-ММ-ДД).")
    files: list[FileFindingsOut]
    summary: dict[str, int] = Field(description="files, error, warning, info, suppressed.")


class IndicatorsOut(_Open):
    """``efs indicators ID --year Y --format json``: one entry per indicator and territory."""

    synthetic: bool = Field(description="Данные юрисдикции в хранилище синтетические (efs data synth).")
    results: list[dict[str, Any]] = Field(description="Результаты: формат — docs/indicators.md.")
    set_aside: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Сводные отчёты, не использованные при расчёте, с причиной (без их чисел; docs/indicators.md).",
    )


class JurisdictionOut(BaseModel):
    """An installed jurisdiction."""

    id: str
    name: str


class ImportPartOut(_Open):
    """What one file or sheet gave."""

    file: str
    sheet: str | None
    table: str
    imported: int
    updated: int
    unchanged: int
    rejected: int


class RejectionOut(_Open):
    """One rejected row or file: where (file, sheet, row, column) and why."""

    message: str
    file: str | None
    sheet: str | None
    row: int | None
    column: int | None
    text: str = Field(description="Место и причина одной строкой, как их печатает efs data import.")


class SetAsideOut(_Open):
    """An aggregate return the computation does not use (a warning: the import is written)."""

    message: str = Field(description="Место и причина одной строкой, как их печатает efs data import.")
    jurisdiction: str
    year: int
    indicator_id: str
    indicator_text: str
    sub_measure: str | None = Field(description="Часть показателя (null — основной).")
    scope: str = Field(description="organization или municipality.")
    scope_id: str
    scope_name: str
    numerator: float
    denominator: float | None
    reason: str = Field(description="person_rows, municipality_person_rows, finer_returns, no_main_row, "
                                    "unknown_sub_measure, no_formula или unknown_indicator.")
    reason_text: str = Field(description="Причина по-русски: почему не использован и что используется вместо него.")
    file: str | None
    sheet: str | None
    line: int | None
    where: str | None


class ImportOut(_Open):
    """``efs data import [--dry-run]``: new, updated, unchanged and rejected rows per file."""

    dry_run: bool
    committed: bool
    parts: list[ImportPartOut]
    problems: list[RejectionOut]
    message: str
    notes: list[str]
    warnings: list[SetAsideOut] = Field(
        default_factory=list,
        description="Сводные отчёты, не использованные при расчёте (после записи; при пробном прогоне — "
                    "не используемые после записи; не ошибка).",
    )


class DraftOut(_Open):
    """``efs draft``: the draft configuration and what the reviewer must decide."""

    document: str = Field(description="Имя документа.")
    yaml: str = Field(description="Черновик конфигурации (YAML).")
    review: list[dict[str, Any]] = Field(description="Список на проверку: path, line, section, text, message, "
                                                     "chosen, alternatives.")
    lines: list[str] = Field(description="Строки текста документа (строка 1 — первая).")


class ProblemOut(_Open):
    """An error (RFC 9457 problem details), in Russian."""

    type: str = Field(description="urn:efs:problem:<вид>.")
    title: str
    status: int
    detail: str
    instance: str | None = None
