"""Shared building blocks of the domain model: base class, sources, links, provenance."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
ID_RE = re.compile(ID_PATTERN)
ID_MESSAGE = "нужны строчные латинские буквы, цифры и «_», начиная с буквы"

Identifier = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(
        description="Идентификатор: латиница в нижнем регистре, цифры и «_», начинается с буквы.",
        json_schema_extra={"patternErrorMessage": f"Не годится как идентификатор: {ID_MESSAGE}."},
    ),
]

#: JSON Schema keyword that marks a value naming an item of a plugin catalogue (see :func:`catalogue`).
CATALOGUE_KEY = "x-efs-catalogue"


def catalogue(name: str) -> Any:
    """``Field`` metadata: the value names an item of the registry's catalogue ``name``.

    ``name`` is one of ``kinds``, ``functions``, ``indicators``, ``formulas``, ``plugins``, ``rules``, or
    ``formula_blocks`` for a mapping written in the building blocks of formulas.
    The loader checks such values against the registry (:mod:`efs.references`); the editor schema
    (:mod:`efs.schema`) offers the catalogue's items, with their Russian names, for completion. On a
    field that holds models (``list[Link]``), the catalogue applies to each model's ``id``.
    """
    return Field(json_schema_extra={CATALOGUE_KEY: name})


KindId = Annotated[Identifier, catalogue("kinds")]
FunctionId = Annotated[Identifier, catalogue("functions")]
IndicatorId = Annotated[Identifier, catalogue("indicators")]


def _whole_number(value: Any) -> Any:
    # YAML's data model is JSON's: 5.0 and 5 are the same number (JSON Schema calls both "integer").
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: An integer field: ``5`` and ``5.0`` are accepted, ``"5"``, ``true`` and ``5.5`` are not.
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


def _not_a_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_allowed", "ожидается число, а указано логическое значение")
    return value


#: ``format_version: true`` must not pass for ``1`` (Python's ``True == 1``).
NotBool = BeforeValidator(_not_a_bool)


class EfsModel(BaseModel):
    """Base of every efs model: unknown keys are errors, values are checked on assignment, numbers are finite."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, frozen=False, defer_build=True, allow_inf_nan=False
    )


class ShorthandModel(EfsModel):
    """A model that YAML may also write as a plain string, which fills the field ``__shorthand__``.

    ``parties: [amiro]`` means ``parties: [{as_written: amiro}]``. The string form is declared here
    once, for the loader (a ``before`` validator) and for the editor schema (the model's JSON Schema
    becomes "the shorthand field's schema, or the object").
    """

    __shorthand__: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {cls.__shorthand__: data}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        obj = handler.resolve_ref_schema(schema)
        short = dict(obj["properties"][cls.__shorthand__])
        return {"anyOf": [short, schema]}


class Vocabulary(StrEnum):
    """A closed list of values in the model; every value has a Russian label.

    Subclasses set ``__labels__`` (value → label). The label is what a user reads for the value in
    messages and reports, and what the editor schema shows next to each value (``efs schema``).
    """

    __labels__: ClassVar[dict[str, str]] = {}

    @property
    def label(self) -> str:
        """Russian name of the value."""
        return type(self).__labels__[str(self)]


class Level(Vocabulary):
    """Уровень системы научно-методического сопровождения."""

    federal = "federal"
    regional = "regional"
    municipal = "municipal"
    institutional = "institutional"

    __labels__ = {
        "federal": "федеральный",
        "regional": "региональный",
        "municipal": "муниципальный",
        "institutional": "институциональный",
    }


class Source(EfsModel):
    """Где в документе находится элемент: файл, раздел, строка."""

    document: str | None = Field(
        None,
        description="Имя файла документа (например, 002_6414ad974cc0e1d7.txt); "
        "по умолчанию — jurisdiction.document.",
    )
    section: str | None = Field(None, description="Раздел или пункт документа, как он обозначен в тексте.")
    line: WholeNumber | None = Field(None, ge=1, description="Номер строки в файле документа (с 1).")

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

    model_config = ConfigDict(
        json_schema_extra={
            # The same rule as _has_ground, for the editor schema.
            "anyOf": [
                {"required": ["source"], "properties": {"source": {"type": "object"}}},
                {"required": ["rationale"], "properties": {"rationale": {"type": "string", "minLength": 1}}},
            ],
            "errorMessage": "Связь должна иметь source (где её устанавливает документ) или rationale.",
        }
    )

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


class Comparator(Vocabulary):
    """Как значение сравнивается с целевым."""

    at_least = "at_least"
    at_most = "at_most"
    equal = "equal"

    __labels__ = {"at_least": "не менее", "at_most": "не более", "equal": "ровно"}

    @property
    def symbol(self) -> str:
        """Mathematical sign of the comparator."""
        return {"at_least": "≥", "at_most": "≤", "equal": "="}[self.value]
