"""Catalogue items that plugins contribute: subject kinds, functions, indicator definitions."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

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


class TargetKind(Vocabulary):
    """Как цель привязана ко времени — как её пишет документ."""

    by_year = "by_year"
    in_year = "in_year"
    yearly = "yearly"
    standing = "standing"
    open_ended = "open_ended"

    __labels__ = {
        "by_year": "«к 2024 году»: достичь к году year и держать, пока её не сменит более поздняя цель",
        "in_year": "«в 2022 году»: только в году year",
        "yearly": "«ежегодно», «в год»: каждый год с first_year по last_year",
        "standing": "«постоянно»: в любой год с first_year по last_year",
        "open_ended": "«далее»: каждый год начиная с first_year",
    }


class Target(EfsModel):
    """Целевое значение показателя — с тем, как документ привязывает его ко времени.

    * ``by_year`` («к 2024 году – не менее 30%») — ``year``: цель действует с этого года, пока её не
      сменит более поздняя цель того же происхождения;
    * ``in_year`` («в 2022 году - не менее 50%») — ``year``: только в этом году;
    * ``yearly`` («ежегодно не менее 10%», «минимальное значение, в год») и ``standing`` («постоянно …
      не более 250») — ``first_year`` и, если документ его даёт, ``last_year``: в каждый год периода;
    * ``open_ended`` («далее – 10%» после «в 2020 году – 5%») — ``first_year``: с этого года без конца.
    """

    model_config = ConfigDict(json_schema_extra=lambda schema: _target_period_schema(schema))

    kind: TargetKind = Field(
        TargetKind.by_year,
        description="by_year («к 2024 году»), in_year («в 2022 году»), yearly («ежегодно», «в год»), standing "
        "(«постоянно») или open_ended («далее»).",
    )
    year: int | None = Field(
        None, ge=2000, le=2100, description="by_year и in_year: год, к которому (в котором) цель достигается."
    )
    first_year: int | None = Field(
        None, ge=2000, le=2100, description="yearly, standing, open_ended: первый год, с которого цель действует."
    )
    last_year: int | None = Field(
        None,
        ge=2000,
        le=2100,
        description="yearly и standing: последний год, если документ его даёт (пусто — без конца).",
    )
    value: float = Field(description="Целевое значение числом.")
    unit: str = Field(description="Единица: «%», «чел.», «ед.» и т. п.")
    comparator: Comparator = Field(Comparator.at_least, description="at_least, at_most или equal.")
    sub_measure: str | None = Field(
        None,
        description="Часть показателя, к которой относится цель: id или название подпоказателя формулы "
        "(например, «справившихся с диагностикой на 70% и более»).",
    )
    scope: Scope = Field(Scope.jurisdiction, description="Территория, к которой относится цель.")
    as_written: str = Field(description="Цель дословно, как в документе.")
    source: Source | None = Field(None, description="Где цель записана.")

    @model_validator(mode="after")
    def _period(self) -> Target:
        if self.kind in (TargetKind.by_year, TargetKind.in_year):
            if self.year is None:
                raise ValueError(f"у цели вида {self.kind.value} нужен year (к какому или в каком году она)")
            if self.first_year is not None or self.last_year is not None:
                raise ValueError(f"у цели вида {self.kind.value} год задаётся полем year, не first_year/last_year")
            return self
        if self.year is not None:
            raise ValueError(f"у цели вида {self.kind.value} период задают first_year и last_year, не year")
        if self.first_year is None:
            raise ValueError(f"у цели вида {self.kind.value} нужен first_year (с какого года она действует)")
        if self.kind == TargetKind.open_ended and self.last_year is not None:
            raise ValueError("у цели вида open_ended («далее») нет последнего года; для срока — yearly")
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"last_year {self.last_year} раньше first_year {self.first_year}")
        return self

    @property
    def start_year(self) -> int:
        """First report year the target applies to."""
        return self.year if self.year is not None else self.first_year  # type: ignore[return-value]

    @property
    def end_year(self) -> int | None:
        """Last report year the target applies to (``None`` — no end; ``by_year`` ends only when superseded)."""
        if self.kind == TargetKind.in_year:
            return self.year
        if self.kind in (TargetKind.yearly, TargetKind.standing):
            return self.last_year
        return None

    def applies_in(self, year: int) -> bool:
        """Whether the target's period covers the report year ``year`` (before any superseding)."""
        end = self.end_year
        return self.start_year <= year and (end is None or year <= end)

    def period_text(self) -> str:
        """The period in Russian: «к 2024 г.», «в 2022 г.», «ежегодно, 2023–2024 гг.», «с 2021 г. и далее»."""
        if self.kind == TargetKind.by_year:
            return f"к {self.year} г."
        if self.kind == TargetKind.in_year:
            return f"в {self.year} г."
        if self.kind == TargetKind.open_ended:
            return f"с {self.first_year} г. и далее"
        word = "ежегодно" if self.kind == TargetKind.yearly else "постоянно"
        if self.last_year is None:
            return f"{word} с {self.first_year} г."
        if self.last_year == self.first_year:
            return f"{word} в {self.first_year} г."
        return f"{word}, {self.first_year}–{self.last_year} гг."


def _target_period_schema(schema: dict[str, Any]) -> None:
    """The period fields each kind needs, for the editor schema (what :meth:`Target._period` checks)."""
    periodic = {"properties": {"kind": {"enum": ["yearly", "standing", "open_ended"]}}, "required": ["kind"]}
    dated = {
        "anyOf": [
            {"not": {"required": ["kind"]}},
            {"properties": {"kind": {"enum": ["by_year", "in_year"]}}, "required": ["kind"]},
        ]
    }
    schema["allOf"] = [
        {
            "if": periodic,
            "then": {
                "required": ["first_year"],
                "properties": {"year": {"type": "null"}, "first_year": {"type": "integer"}},
            },
        },
        {
            "if": dated,
            "then": {
                "required": ["year"],
                "properties": {
                    "year": {"type": "integer"},
                    "first_year": {"type": "null"},
                    "last_year": {"type": "null"},
                },
            },
        },
        {
            "if": {"properties": {"kind": {"const": "open_ended"}}, "required": ["kind"]},
            "then": {"properties": {"last_year": {"type": "null"}}},
        },
    ]


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
