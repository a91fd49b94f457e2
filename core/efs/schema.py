"""JSON Schema of the configuration format, for editors (yaml-language-server) and other validators.

The schema is generated from the pydantic model the loader validates against
(:class:`efs.model.Configuration`) and from the registry of installed plugins, so that it accepts
what ``efs validate`` loads and refuses what it refuses for a structural reason. Three things are
written once, in the model, and read here: the string shorthands (:class:`~efs.model.base.ShorthandModel`),
the values that name a catalogue item (:func:`~efs.model.base.catalogue`) and the Russian labels of
closed vocabularies (:class:`~efs.model.base.Vocabulary`).

JSON Schema cannot say everything the loader checks; there the schema accepts and ``efs validate``
reports (docs/format.md, «Схема для редактора»):

* ids unique within their namespace (JSON Schema compares whole array items, not one property);
* a reference written as an id must name a subject or actor of the same file;
* a function or indicator id must exist in the registry *or be defined in the same file*: the
  schema offers the registry's items for completion and accepts any identifier;
* everything about the YAML text itself (syntax, duplicate keys, tags, anchors, encoding, size),
  which precedes the data a schema describes; editors report syntax and duplicate keys themselves.

Kinds of subjects and plugin names are closed sets (the file cannot add to them): there the schema
lists exactly the registry's values. The dialect is draft-07, the newest that yaml-language-server
supports; ``markdownDescription``, ``enumDescriptions``, ``markdownEnumDescriptions``,
``patternErrorMessage`` and ``errorMessage`` are the VS Code extensions that editors read.
"""

from __future__ import annotations

import copy
import json
import re
from typing import TYPE_CHECKING, Any

from pydantic.json_schema import GenerateJsonSchema

from efs.model import Configuration
from efs.model.base import CATALOGUE_KEY, Vocabulary

if TYPE_CHECKING:
    from efs.registry import Registry

#: The one file name of the schema: ``efs schema`` writes it, the skeleton's modeline and the
#: bundled configurations (``docs/configuration.schema.json``) refer to it.
SCHEMA_FILE = "configuration.schema.json"
SCHEMA_ID = "https://efs.invalid/schema/configuration-1.json"
DIALECT = "http://json-schema.org/draft-07/schema#"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: Catalogues the file cannot extend: the schema lists exactly the registry's values.
CLOSED_CATALOGUES = frozenset({"kinds", "plugins"})
#: Catalogues offered for completion only: the file may define its own functions and indicators;
#: an unknown formula or rule is a conformance finding, not a load error.
OPEN_CATALOGUES = frozenset({"functions", "indicators", "formulas", "rules"})

_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf")
_SCHEMA_SINGLES = ("items", "additionalProperties", "not", "if", "then", "else")


class _Generator(GenerateJsonSchema):
    """pydantic's generator with dates as JSON Schema writes them and Russian labels on enums."""

    def date_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN,
                "patternErrorMessage": "Дата в формате ГГГГ-ММ-ДД."}

    def enum_schema(self, schema: Any) -> dict[str, Any]:
        out = super().enum_schema(schema)
        cls = schema["cls"]
        if issubclass(cls, Vocabulary):
            _describe_values(out, [cls(v) for v in out["enum"]])
        return out

    def literal_schema(self, schema: Any) -> dict[str, Any]:
        out = super().literal_schema(schema)
        members = schema["expected"]
        if members and all(isinstance(m, Vocabulary) for m in members):
            out.pop("const", None)
            out["enum"] = [m.value for m in members]
            _describe_values(out, members)
        return out

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _describe_values(out: dict[str, Any], members: list[Vocabulary]) -> None:
    out["enumDescriptions"] = [m.label for m in members]
    out["markdownEnumDescriptions"] = [f"**{m.label}**" for m in members]


def json_schema(registry: Registry | None = None) -> dict[str, Any]:
    """The configuration's JSON Schema (draft-07), with the catalogues of ``registry``.

    Args:
        registry: An :class:`efs.registry.Registry`; a fresh one from the installed plugins by default.
    """
    from efs.registry import Registry

    registry = Registry.of(registry)
    raw = Configuration.model_json_schema(mode="validation", schema_generator=_Generator,
                                          ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    catalogues = _Catalogues(registry)
    root: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        **raw,
        "title": "Конфигурация положения о системе научно-методического сопровождения (efs)",
        "definitions": definitions,
    }
    _Rewriter(definitions, catalogues).node(root)
    _drop_unused(root)
    return root


def _drop_unused(root: dict[str, Any]) -> None:
    """Remove definitions nothing refers to (``Link``, once specialised per catalogue)."""
    definitions = root["definitions"]
    reached: set[str] = set()
    pending = [{k: v for k, v in root.items() if k != "definitions"}]
    while pending:
        text = json.dumps(pending.pop())
        for name in re.findall(r'"#/definitions/([^"]+)"', text):
            if name not in reached:
                reached.add(name)
                pending.append(definitions[name])
    for name in set(definitions) - reached:
        del definitions[name]


def json_schema_text(registry: Registry | None = None) -> str:
    """The schema as stable, pretty JSON."""
    return json.dumps(json_schema(registry), ensure_ascii=False, indent=2, sort_keys=True)


class _Catalogues:
    """The registry's items as (value, label, Markdown) for each catalogue name."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def entries(self, name: str) -> list[tuple[str, str, str]]:
        reg = self.registry
        out: list[tuple[str, str, str]] = []
        if name == "kinds":
            for k in reg.kinds.values():
                levels = ", ".join(lv.label for lv in k.levels)
                extra = f"\n\nУровни: {levels}." if levels else ""
                out.append((k.id, k.name, f"**{k.name}**{extra}{_plugin_note(k)}"))
        elif name == "functions":
            for f in reg.functions.values():
                about = f"\n\n{f.description}" if f.description else ""
                out.append((f.id, f.name, f"**{f.name}**{about}{_plugin_note(f)}"))
        elif name == "indicators":
            for i in reg.indicators.values():
                label = f"№ {i.number}. {i.text}" if i.number else i.text
                out.append((i.id, label, f"**{label}** ({i.unit}){_plugin_note(i)}"))
        elif name == "formulas":
            for fm in reg.formulas.values():
                reading = f"\n\nПрочтение: {fm.reading}" if fm.reading else ""
                out.append((fm.id, fm.name, f"**{fm.name}**{reading}{_plugin_note(fm)}"))
        elif name == "rules":
            for r in reg.rules.values():
                out.append((r.code, f"{r.slug}: {r.title}", f"**{r.code}** `{r.slug}`: {r.title}"))
                out.append((r.slug, f"{r.code}: {r.title}", f"`{r.slug}` (**{r.code}**): {r.title}"))
        elif name == "plugins":
            from efs.plugins import distribution_of

            for plugin_name, plugin in reg.pm.list_name_plugin():
                if plugin is None:
                    continue
                dist, _version, default = distribution_of(reg.pm, plugin_name)
                served = sorted(j.name for j in reg.jurisdictions.values()
                                if j.provenance is not None and j.provenance.plugin == plugin_name)
                label = "встроенный плагин efs" if default else f"дистрибутив {dist}"
                if served:
                    label += f"; юрисдикции: {', '.join(served)}"
                out.append((plugin_name, label, label))
        else:
            raise ValueError(f"unknown catalogue {name!r}")
        return sorted(out)


def formula_definitions() -> dict[str, Any]:
    """Completion and hover for formulas written in building blocks — and no constraint at all.

    The loader accepts any mapping as ``formula:``; rule EFS168 (``invalid-formula``) checks it. So
    every key offers its values (populations, conditions and their parameters, measures) through
    ``anyOf`` with an empty schema: an editor lists them, nothing is refused that the loader accepts.
    """
    from efs.indicators.blocks import COMBINATORS, CONDITIONS, MEASURES, POPULATIONS

    def offered(values: dict[str, str], description: str) -> dict[str, Any]:
        names = sorted(values)
        return {
            "description": description,
            "anyOf": [{"enum": names, "enumDescriptions": [values[n] for n in names],
                       "markdownEnumDescriptions": [values[n] for n in names]}, {}],
        }

    condition_ref = {"$ref": "#/definitions/FormulaCondition"}
    conditions = {"description": "Условия: имя блока или {блок: параметры}; все должны выполняться.",
                  "anyOf": [{"type": "array", "items": condition_ref}, {}]}
    blocks: dict[str, Any] = {}
    for block in CONDITIONS.values():
        params = {
            name: {"description": param.text if not param.text.isascii() else f"{param.text} в «{block.text}»",
                   **({"anyOf": [{"enum": list(param.choices)}, {}]} if param.choices else {})}
            for name, param in block.params.items()
        }
        blocks[block.id] = {"description": block.text, "anyOf": [{"type": "object", "properties": params}, {}]}
    blocks["not"] = {"description": "не выполняется условие", **condition_ref}
    for combinator, text in (("any", "выполняется хотя бы одно из условий"), ("all", "выполняются все условия")):
        blocks[combinator] = {"description": text, "anyOf": [{"type": "array", "items": condition_ref}, {}]}
    bare = {c.id: c.text for c in CONDITIONS.values()}
    side = {
        "population": offered({p.id: p.text for p in POPULATIONS.values()}, "Совокупность, которую считают."),
        "where": conditions,
        "measure": offered({m: text for m, (text, _) in MEASURES.items()},
                           "Что суммируется: число строк или участников."),
    }
    top = {
        **side,
        "numerator": {"description": "Доля: условия числителя; отношение: отдельный счёт {population, where}.",
                      "anyOf": [{"type": "array", "items": condition_ref},
                                {"type": "object", "properties": side}, {}]},
        "denominator": {"description": "Отношение: счёт знаменателя {population, where}.",
                        "anyOf": [{"type": "object", "properties": side}, {}]},
        "factor": {"description": "Множитель значения: 100 для доли, 1 иначе."},
        "window": {"description": "Сколько лет до года отчёта включительно смотрят условия о событиях "
                                  "(1 — только год)."},
        "sub_measures": {"description": "Части показателя со своим числителем и общим знаменателем: "
                                        "[{id, label, numerator: [...]}]."},
        "since": {"description": "Накопленный итог: условия о событиях смотрят с 1 января этого года по год "
                                 "отчёта (не вместе с window)."},
        "reading": {"description": "Выбранное прочтение слов документа, словами (с цитатой)."},
        "alternatives": {"description": "Другие прочтения, которые слова допускают: [{reading, blocks}]; "
                                        "их значения показывает efs indicators --explain."},
    }
    assert not set(COMBINATORS) - set(blocks)
    return {
        "FormulaBlocks": {
            "type": "object",
            "description": "Формула из строительных блоков (docs/indicators.md); её проверяет правило "
                           "EFS168 invalid-formula, а не загрузка.",
            "properties": top,
        },
        "FormulaCondition": {
            "description": "Условие: имя блока, {блок: параметры} или {not|any|all: …}.",
            "anyOf": [
                {"type": "string", "enum": sorted(bare), "enumDescriptions": [bare[n] for n in sorted(bare)],
                 "markdownEnumDescriptions": [bare[n] for n in sorted(bare)]},
                {"type": "object", "properties": blocks},
                {},
            ],
        },
    }


def _plugin_note(item: Any) -> str:
    prov = getattr(item, "provenance", None)
    return f"\n\nПлагин: `{prov.plugin}`." if prov is not None else ""


_RST_CODE = re.compile(r"``([^`]+)``")


class _Rewriter:
    """One pass over the schema: catalogues, draft-07 ``$ref``, no English titles, Markdown twins."""

    def __init__(self, definitions: dict[str, Any], catalogues: _Catalogues) -> None:
        self.definitions = definitions
        self.catalogues = catalogues

    def node(self, schema: Any) -> None:
        if not isinstance(schema, dict):
            return
        if CATALOGUE_KEY in schema:
            self.apply_catalogue(schema, schema.pop(CATALOGUE_KEY))
        for theirs, ours in _PYDANTIC_CONSTRAINTS.items():
            if theirs in schema:  # pydantic leaves ``ge`` as is on an Annotated type with a validator
                schema[ours] = schema.pop(theirs)
        if _is_english(schema):
            schema.pop("title")  # pydantic's field and class names: the description says it in Russian
        if "description" in schema and isinstance(schema["description"], str):
            schema["description"] = _RST_CODE.sub(r"«\1»", schema["description"]).strip()
            schema.setdefault("markdownDescription", _RST_CODE.sub(r"`\1`", schema["description"]))
        if "$ref" in schema and len(schema) > 1:
            schema["allOf"] = [{"$ref": schema.pop("$ref")}]
        for key in ("properties", "definitions"):
            for child in list((schema.get(key) or {}).values()):
                self.node(child)
        for key in _SCHEMA_LISTS:
            for child in schema.get(key, []):
                self.node(child)
        for key in _SCHEMA_SINGLES:
            self.node(schema.get(key))

    def apply_catalogue(self, schema: dict[str, Any], name: str) -> None:
        """Bind the catalogue ``name`` to the value ``schema`` describes (or to its items' ids)."""
        if name == "formula_blocks":
            for key, definition in formula_definitions().items():
                if key not in self.definitions:
                    self.definitions[key] = definition
                    self.node(definition)
            description = {k: schema[k] for k in ("description",) if k in schema}
            schema.clear()
            schema.update({"allOf": [{"$ref": "#/definitions/FormulaBlocks"}], **description})
        elif "anyOf" in schema:
            for branch in schema["anyOf"]:
                if branch.get("type") != "null":
                    self.apply_catalogue(branch, name)
        elif schema.get("type") == "array":
            self.apply_catalogue(schema["items"], name)
        elif "$ref" in schema:
            model = schema["$ref"].rsplit("/", 1)[-1]
            specialised = f"{model}_{name}"
            if specialised not in self.definitions:
                clone = copy.deepcopy(self.definitions[model])
                clone["properties"]["id"][CATALOGUE_KEY] = name
                self.definitions[specialised] = clone
                self.node(clone)
            schema["$ref"] = f"#/definitions/{specialised}"
        elif schema.get("type") == "string":
            self.render(schema, name)
        else:
            raise ValueError(f"catalogue {name!r} on a schema that is not a string: {schema}")

    def render(self, schema: dict[str, Any], name: str) -> None:
        entries = self.catalogues.entries(name)
        values = {
            "enum": [value for value, _, _ in entries],
            "enumDescriptions": [label for _, label, _ in entries],
            "markdownEnumDescriptions": [md for _, _, md in entries],
        }
        if name in CLOSED_CATALOGUES:
            for key in ("pattern", "patternErrorMessage", "maxLength"):
                schema.pop(key, None)
            schema.update(values)
            schema["errorMessage"] = _CLOSED_MESSAGES[name]
        elif name in OPEN_CATALOGUES:
            free = {k: v for k, v in schema.items() if k not in ("description", "markdownDescription", "default")}
            for key in list(free):
                schema.pop(key)
            schema["anyOf"] = [{"type": "string", **values}, free]
        else:
            raise ValueError(f"unknown catalogue {name!r}")


_PYDANTIC_CONSTRAINTS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum",
                         "min_length": "minLength", "max_length": "maxLength"}

_CLOSED_MESSAGES = {
    "kinds": "Неизвестный вид субъекта: выберите из списка (виды ядра и установленных плагинов; efs catalogue).",
    "plugins": "Плагин не установлен: выберите из списка установленных (efs plugins).",
}


def _is_english(schema: dict[str, Any]) -> bool:
    title = schema.get("title")
    return isinstance(title, str) and title.isascii()
