"""Catalogue items that plugins contribute: subject kinds, functions, indicator definitions."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from efs.model.base import (
    Comparator,
    EfsModel,
    Identifier,
    IndicatorId,
    Level,
    Link,
    Provenance,
    Source,
    Vocabulary,
    WholeNumber,
    catalogue,
)

#: The name of a formula of the core or of a plugin (``efs_formulas``).
FormulaName = Annotated[str, catalogue("formulas")]
#: A formula written from building blocks (``docs/indicators.md``); checked by a rule, not at load.
FormulaBlocks = Annotated[dict[str, Any], catalogue("formula_blocks")]


class SubjectKind(EfsModel):
    """Вид субъекта (орган управления, ЦНППМ, нетворкинг-площадка…)."""

    id: Identifier = Field(description="Идентификатор вида, например cnppm_branch.")
    name: str = Field(description="Название вида по-русски.")
    levels: list[Level] = Field(
        default_factory=list, description="Уровни, на которых может стоять субъект этого вида."
    )
    fills_roles: list[Identifier] = Field(
        default_factory=list,
        description="Роли федеральной концепции, которые может исполнять субъект этого вида.",
    )
    description: str | None = Field(None, description="Пояснение.")
    overrides: str | None = Field(
        None, description="Имя плагина, чьё определение с тем же id это определение заменяет."
    )
    provenance: Provenance | None = Field(None, description="Плагин, определивший вид (заполняет efs).")


class Function(EfsModel):
    """Функция из каталога: что делает субъект системы."""

    id: Identifier = Field(description="Идентификатор функции, например diagnostics.")
    name: str = Field(description="Название функции по-русски.")
    description: str | None = Field(None, description="Что входит в функцию.")
    required_at: list[Level] = Field(
        default_factory=list,
        description="Уровни, на которых функцию по федеральной концепции должен выполнять хотя бы один субъект.",
    )
    source: Source | None = Field(None, description="Где функция определена.")
    overrides: str | None = Field(
        None, description="Имя плагина, чьё определение с тем же id это определение заменяет."
    )
    provenance: Provenance | None = Field(None, description="Плагин, определивший функцию (заполняет efs).")


class Scope(Vocabulary):
    """К какой территории относится целевое значение."""

    jurisdiction = "jurisdiction"
    country = "country"
    each_region = "each_region"
    each_municipality = "each_municipality"
    each_organization = "each_organization"

    __labels__ = {
        "jurisdiction": "юрисдикция в целом",
        "country": "страна в целом",
        "each_region": "каждый регион",
        "each_municipality": "каждый муниципалитет",
        "each_organization": "каждая организация",
    }


class Target(EfsModel):
    """Целевое значение показателя на год."""

    year: WholeNumber = Field(ge=2000, le=2100, description="Год, к которому должно быть достигнуто значение.")
    value: float = Field(description="Целевое значение числом.")
    unit: str = Field(description="Единица: «%», «чел.», «ед.» и т. п.")
    comparator: Comparator = Field(Comparator.at_least, description="at_least, at_most или equal.")
    sub_measure: str | None = Field(
        None, description="Часть показателя, к которой относится цель (например, «справившиеся на 70% и более»)."
    )
    scope: Scope = Field(Scope.jurisdiction, description="Территория, к которой относится цель.")
    as_written: str = Field(description="Цель дословно, как в документе.")
    source: Source | None = Field(None, description="Где цель записана.")


class Threshold(Target):
    """Пороговое значение показателя, записанное в дорожной карте."""

    indicator: IndicatorId = Field(description="Показатель, к которому относится порог.")


class IndicatorDefinition(EfsModel):
    """Показатель эффективности: что считается, в чём, с какими целями и по какой формуле."""

    id: Identifier = Field(description="Идентификатор показателя.")
    number: str | None = Field(None, description="Номер показателя, как в документе.")
    text: str = Field(description="Полный текст показателя дословно.")
    numerator: str | None = Field(None, description="Что считается в числителе (словами).")
    denominator: str | None = Field(None, description="Что считается в знаменателе (словами), если это доля.")
    unit: str = Field(description="Единица измерения: «%», «ед.», «чел.»…")
    targets: list[Target] = Field(default_factory=list, description="Целевые значения по годам.")
    formula: FormulaName | FormulaBlocks | None = Field(
        None, description="Идентификатор формулы или формула из строительных блоков."
    )
    functions: Annotated[list[Link], catalogue("functions")] = Field(
        default_factory=list, description="Функции, работу которых измеряет показатель."
    )
    equivalent: Annotated[list[Link], catalogue("indicators")] = Field(
        default_factory=list, description="Федеральные показатели, которым этот показатель равнозначен."
    )
    source: Source | None = Field(None, description="Где показатель определён.")
    overrides: str | None = Field(
        None, description="Имя плагина, чьё определение с тем же id это определение заменяет."
    )
    provenance: Provenance | None = Field(None, description="Плагин, определивший показатель (заполняет efs).")
