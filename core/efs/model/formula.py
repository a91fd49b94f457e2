"""A named indicator formula as plugins register it through the ``efs_formulas`` hook.

This model is deliberately light (no database imports): the registry collects formulas even for
``efs validate``. The engine that compiles formulas to SQL lives in :mod:`efs.indicators`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from efs.model.base import EfsModel, Identifier, Provenance, Source


class AlternativeReading(EfsModel):
    """Другое прочтение формулировки показателя — словами и формулой.

    Где слова документа допускают два понимания, формула считает выбранное (``reading``), а
    ``efs indicators --explain`` показывает и это прочтение с его значением, чтобы методист видел выбор.
    """

    reading: str = Field(description="Прочтение словами: чем оно отличается от выбранного и на что опирается.")
    blocks: dict[str, Any] = Field(description="Формула в этом прочтении (строительные блоки).")


class Formula(EfsModel):
    """Формула показателя: из строительных блоков (``blocks``) или функция Python (``python``).

    ``blocks`` has exactly the shape of an indicator's ``formula:`` mapping in a configuration
    (see ``docs/indicators.md``). ``python`` names ``"module:function"``; the function receives an
    :class:`efs.indicators.FormulaContext` and returns a SQLAlchemy ``Select`` with the columns
    ``municipality_id, organization_id, numerator, denominator, base`` (one row per group).
    """

    id: Identifier = Field(description="Идентификатор формулы (на него ссылается formula показателя).")
    name: str = Field(description="Что считает формула, по-русски.")
    blocks: dict[str, Any] | None = Field(None, description="Формула из строительных блоков.")
    python: str | None = Field(None, description="Функция Python «модуль:имя», строящая запрос.")
    reading: str | None = Field(None, description="Выбранное прочтение формулировки документа, со ссылкой.")
    alternatives: list[AlternativeReading] = Field(
        default_factory=list,
        description="Другие прочтения, которые слова документа допускают (их значения показывает --explain).",
    )
    source: Source | None = Field(None, description="Где определён показатель, который считает формула.")
    overrides: str | None = Field(
        None, description="Имя плагина, чьё определение с тем же id это определение заменяет."
    )
    provenance: Provenance | None = Field(None, description="Плагин, определивший формулу (заполняет efs).")

    @model_validator(mode="after")
    def _one_body(self) -> Formula:
        if (self.blocks is None) == (self.python is None):
            raise ValueError("у формулы должно быть ровно одно из полей blocks и python")
        return self
