"""The configuration's field reference in Markdown, generated from the models' own descriptions."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from efs.model import Configuration


def models_in_order(root: type[BaseModel] = Configuration) -> list[type[BaseModel]]:
    """Every model reachable from ``root``, breadth first, each once."""
    seen: list[type[BaseModel]] = []
    queue: list[type[BaseModel]] = [root]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for field in model.model_fields.values():
            queue.extend(m for m in _models(field.annotation) if m not in seen)
    return seen


def _models(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for arg in typing.get_args(tp) for m in _models(arg)]


def type_label(tp: Any) -> str:
    """A short readable type: ``list[Subject]``, ``Level | null``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_label(a) for a in typing.get_args(tp))
    if origin is list:
        return f"list[{type_label(typing.get_args(tp)[0])}]"
    if origin is dict:
        return "mapping"
    if origin is typing.Literal:
        return " | ".join(str(getattr(a, "value", a)) for a in typing.get_args(tp))
    if typing.get_origin(tp) is typing.Annotated:
        return type_label(typing.get_args(tp)[0])
    if tp is type(None):
        return "null"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return f"{tp.__name__} ({', '.join(str(m.value) for m in tp)})"
    return getattr(tp, "__name__", str(tp))


def undocumented_fields() -> list[str]:
    """``Model.field`` for every field without a Russian description."""
    return [f"{m.__name__}.{name}" for m in models_in_order() for name, f in m.model_fields.items()
            if not f.description]


def markdown() -> str:
    """The whole field reference."""
    out = [
        "# Справочник полей конфигурации",
        "",
        "Сгенерировано из описаний моделей (`efs schema --format markdown`); не править вручную.",
        "",
    ]
    for model in models_in_order():
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        out += [f"## {model.__name__}", "", doc, "", "| поле | тип | обязательное | описание |",
                "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            required = "да" if field.is_required() else "нет"
            desc = (field.description or "").replace("|", "\\|")
            kind = type_label(field.annotation).replace("|", "\\|")
            out.append(f"| `{name}` | {kind} | {required} | {desc} |")
        out.append("")
    return "\n".join(out)
