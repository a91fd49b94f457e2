"""Shared building blocks of the domain model: base class, sources, links, provenance."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
ID_RE = re.compile(ID_PATTERN)

Identifier = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Идентификатор: латиница в нижнем регистре, цифры и «_», начинается с буквы."),
]


class EfsModel(BaseModel):
    """Base of every efs model: unknown keys are errors, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False, defer_build=True)


class Level(StrEnum):
    """Уровень системы научно-методического сопровождения."""

    federal = "federal"
    regional = "regional"
    municipal = "municipal"
    institutional = "institutional"

    @property
    def label(self) -> str:
        """Russian name of the level."""
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.federal: "федеральный",
    Level.regional: "региональный",
    Level.municipal: "муниципальный",
    Level.institutional: "институциональный",
}


class Source(EfsModel):
    """Где в документе находится элемент: файл, раздел, строка."""

    document: str | None = Field(
        None,
        description="Имя файла документа (например, 002_6414ad974cc0e1d7.txt); "
        "по умолчанию — jurisdiction.document.",
    )
    section: str | None = Field(None, description="Раздел или пункт документа, как он обозначен в тексте.")
    line: int | None = Field(None, ge=1, description="Номер строки в файле документа (с 1).")

    def __str__(self) -> str:
        parts = [self.document or "?"]
        if self.section:
            parts.append(f"§{self.section}")
        if self.line:
            parts.append(f"строка {self.line}")
        return ", ".join(parts)


class Provenance(EfsModel):
    """Какой плагин определил элемент каталога."""

    plugin: str = Field(description="Имя плагина (имя точки входа efs.plugins или встроенного плагина).")
    distribution: str = Field(description="Дистрибутив, который нужно установить, чтобы получить плагин.")
    version: str = Field(description="Версия дистрибутива.")


class Link(EfsModel):
    """Связь с элементом каталога (функцией, показателем) с обоснованием."""

    id: Identifier = Field(description="Идентификатор связанного элемента.")
    source: Source | None = Field(None, description="Где документ устанавливает эту связь.")
    rationale: str | None = Field(
        None, description="Краткое обоснование, если документ связь лишь подразумевает."
    )

    @model_validator(mode="after")
    def _has_ground(self) -> Link:
        if self.source is None and not self.rationale:
            raise ValueError("связь должна иметь source (где её устанавливает документ) или rationale")
        return self


class TextItem(EfsModel):
    """Пункт документа, перенесённый дословно: задача, принцип, направление, канал и т. п."""

    id: Identifier | None = Field(None, description="Необязательный идентификатор пункта.")
    number: str | None = Field(None, description="Номер пункта, как он написан в документе.")
    text: str = Field(description="Текст пункта дословно.")
    source: Source | None = Field(None, description="Где пункт находится в документе.")


class Comparator(StrEnum):
    """Как значение сравнивается с целевым."""

    at_least = "at_least"
    at_most = "at_most"
    equal = "equal"

    @property
    def symbol(self) -> str:
        """Mathematical sign of the comparator."""
        return {"at_least": "≥", "at_most": "≤", "equal": "="}[self.value]
