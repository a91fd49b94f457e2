"""The editor schema accepts exactly what ``efs validate`` loads, checked by a real JSON Schema validator.

Two oracles, independent of each other: the loader (pydantic model + reference checks) and
``jsonschema`` running the generated schema. Every configuration we have — bundled, skeletons, test
fixtures — and a few thousand single-point mutations of them must get the same verdict from both,
except where JSON Schema cannot express the check; those exceptions are listed here one by one
(``CROSS_REFERENCES``), each with its reason, and nothing else may differ.
"""

from __future__ import annotations

import copy
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from efs.errors import ConfigurationError, PluginError, Problem
from efs.loading import build_configuration
from efs.yamlsafe import YamlDocument, parse_yaml
from tests.conformance.conftest import base_config, overlay

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SAMPLE = TESTS / "sample_plugin"

Path_ = tuple[str | int, ...]

# --- what JSON Schema cannot check, and why -------------------------------------------------------
# Generic paths (list indexes as "*") of loader problems (EFS003) the schema is allowed to accept:
CROSS_REFERENCES: dict[tuple[str, ...], str] = {
    # Uniqueness of one property among list items: JSON Schema's uniqueItems compares whole items.
    **{(section, "*", "id"): "id unique in its namespace" for section in
       ("subjects", "actors", "indicators", "roadmap", "agreements", "legal_basis", "functions")},
    # A reference written as an id must name a subject or actor defined in the same file.
    ("subjects", "*", "host"): "reference to a subject of the file",
    ("subjects", "*", "part_of"): "reference to a subject of the file",
    ("agreements", "*", "parties", "*"): "reference to a subject of the file",
    ("roadmap", "*", "responsible", "*"): "reference to a subject of the file",
    ("roadmap", "*", "co_executors", "*"): "reference to a subject of the file",
    ("monitoring", "responsible", "*"): "reference to a subject of the file",
    # Function and indicator ids: the registry's, or defined in the same file (functions:, indicators:).
    ("subjects", "*", "functions", "*", "function"): "function of the registry or of the file",
    ("subjects", "*", "functions", "*", "also", "*"): "function of the registry or of the file",
    ("indicators", "*", "functions", "*", "id"): "function of the registry or of the file",
    ("roadmap", "*", "functions", "*", "id"): "function of the registry or of the file",
    ("indicators", "*", "equivalent", "*", "id"): "indicator of the registry or of the file",
    ("roadmap", "*", "indicators", "*", "id"): "indicator of the registry or of the file",
    ("roadmap", "*", "thresholds", "*", "indicator"): "indicator of the registry or of the file",
}


def generic(path: Path_) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else str(p) for p in path)


# --- the two verdicts -------------------------------------------------------------------------------


def loader_problems(data: Any, registry: Any) -> list[Problem]:
    """Problems the loader finds in parsed data (empty: it loads). A missing plugin is one problem."""
    try:
        build_configuration(YamlDocument(copy.deepcopy(data), {}, None), registry=registry)
    except ConfigurationError as exc:
        return list(exc.problems)
    except PluginError as exc:
        return [Problem(exc.message, code="EFS004")]
    return []


def structural(problems: list[Problem]) -> list[Problem]:
    """The problems a schema must also see: all but the listed cross-reference checks."""
    return [p for p in problems if not (p.code == "EFS003" and generic(p.location.path) in CROSS_REFERENCES)]


def schema_errors(validator: Any, data: Any, *, first: bool = False) -> list[Any]:
    errors = validator.iter_errors(data)
    if first:  # a single-point change: every error is on the way to it, one is enough to compare
        return list(itertools.islice(errors, 1))
    return sorted(errors, key=lambda e: list(map(str, e.absolute_path)))


def describe(problems: list[Problem], errors: list[Any]) -> str:
    lines = [f"  загрузчик: {p.code} {p.location.dotted_path}: {p.message}" for p in problems]
    lines += [f"  схема: {'.'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors]
    return "\n".join(lines)


def assert_same_verdict(validator: Any, data: Any, registry: Any, what: str, *, first: bool = False) -> None:
    problems = loader_problems(data, registry)
    unclassified = [p for p in problems if p.code == "EFS003" and generic(p.location.path) not in CROSS_REFERENCES
                    and generic(p.location.path)[-1:] != ("kind",)]
    assert not unclassified, (f"{what}: новая проверка ссылок, которую тест не знает — решите, может ли её "
                              f"выразить схема:\n{describe(unclassified, [])}")
    errors = schema_errors(validator, data, first=first)
    must = structural(problems)
    assert bool(must) == bool(errors), f"{what}: загрузчик и схема расходятся\n{describe(problems, errors)}"
    for p in must:
        where = p.location.path
        near = [e for e in errors if _related(tuple(e.absolute_path), where)]
        assert near or p.code == "EFS004" or not where, (
            f"{what}: схема не видит ошибку там, где её видит загрузчик\n{describe([p], errors)}")


def _related(a: Path_, b: Path_) -> bool:
    n = min(len(a), len(b))
    return tuple(a[:n]) == tuple(b[:n])


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_registry():
    """The installed plugins and the tests' sample plugin (a plugin installed by a third party)."""
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry

    if str(SAMPLE) not in sys.path:
        sys.path.insert(0, str(SAMPLE))
    import efs_sample.plugin

    pm = get_plugin_manager()
    pm.register(efs_sample.plugin, name="sample")
    return Registry.build(pm)


@pytest.fixture(scope="module")
def schema(full_registry):
    from efs.schema import json_schema

    return json_schema(full_registry)


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def read(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path)).data


def corpus(registry: Any) -> Iterator[tuple[str, Any]]:
    """Every configuration we have, as parsed data: bundled, skeletons, fixtures (rule cases composed)."""
    from efs.skeleton import skeleton

    for path in sorted((ROOT / "config").glob("*.yaml")):
        yield path.name, read(path)
    for level in ("municipal", "regional"):
        for name in ("moy_rayon", "Мой район", "2024 год", "Образцовая область: «тест»"):
            yield f"заготовка {level} {name}", parse_yaml(skeleton(name, level), None).data
    base = base_config(registry)
    yield "база тестов правил", base
    for path in sorted(TESTS.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or "bad" in path.parts or "hostile" in path.parts:
            continue  # tests/data/bad: YAML that does not parse (test_yaml_level_fixtures_are_not_schema_matters);
            # tests/data/hostile: files made to break efs (NaN, 5 000-digit integers…), checked by test_hostile.py
        data = read(path)
        if isinstance(data, dict) and ("triggers" in data or "clean" in data):
            for part in ("triggers", "clean"):
                if isinstance(data.get(part), dict):
                    yield f"{path.relative_to(ROOT)} {part}", overlay(base, data[part])
        else:
            yield str(path.relative_to(ROOT)), data


# --- the corpus ----------------------------------------------------------------------------------


def test_every_configuration_we_have_gets_the_loaders_verdict_from_the_schema(validator, full_registry):
    names = []
    for name, data in corpus(full_registry):
        names.append(name)
        assert_same_verdict(validator, data, full_registry, name)
    assert {"amur.yaml", "megion.yaml", "turochak.yaml", "tyumen.yaml"} <= set(names)
    assert any("sample.yaml" in n for n in names) and sum("EFS1" in n for n in names) >= 40


def test_bundled_configurations_have_no_schema_error_at_all(validator):
    """The finding of issue 18: 220, 16, 7 and 12 false errors, references written as text among them."""
    for path in sorted((ROOT / "config").glob("*.yaml")):
        errors = schema_errors(validator, read(path))
        assert not errors, f"{path.name}: {describe([], errors[:5])}"


def test_yaml_level_fixtures_are_not_schema_matters(validator, full_registry):
    """tests/data/bad: what is wrong with the YAML text (EFS001) precedes the data a schema describes;
    what of the data survives (a tag dropped, the first of two duplicate keys) gets the same verdict."""
    bad = sorted((TESTS / "data" / "bad").glob("*.yaml"))
    assert len(bad) >= 5
    for path in bad:
        try:
            doc = parse_yaml(path.read_bytes().decode("utf-8", "replace"), path.name)
        except ConfigurationError as err:
            assert {p.code for p in err.problems} == {"EFS001"}, path.name
            continue
        assert {p.code for p in doc.problems} <= {"EFS001"}, path.name
        assert_same_verdict(validator, doc.data, full_registry, path.name)


# --- mutations: both directions, field by field --------------------------------------------------

#: For each kind of node, one value of each kind a slip produces in its place: null, a boolean, whole,
#: integral-float, fractional, zero and negative numbers, strings that are and are not identifiers, dates or
#: enum values, lists and mappings of each shape (``{"as_written": …}`` is a reference's long form).
_ANY: list[Any] = [None, True, 7, "x", [], {}]
PROBES: dict[type, list[Any]] = {
    dict: [*_ANY, {"as_written": "x"}],
    list: [*_ANY, ["x"], [{}], [7]],
    str: [*_ANY, 2.5, "", "Не идентификатор", "2024-02-30", "regional", {"as_written": "x"}],
    int: [*_ANY, 5.0, 2.5, 0, -1, "7"],
    float: [*_ANY, 5.0, 2.5, 0, -1, "7"],
    bool: [None, False, 1, "true", "x", [], {}],
    type(None): [*_ANY, 2.5, "", "2024-02-30", "regional", ["x"], [{}], {"as_written": "x"}],
}


def _nodes(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _nodes(value, (*path, i))


def _get(data: Any, path: Path_) -> Any:
    for p in path:
        data = data[p]
    return data


def focused(data: Any, path: Path_) -> tuple[Any, Path_]:
    """The document cut down around ``path``: on the way to it, list items other than the one on the way
    are dropped; away from it, every list is emptied. JSON Schema has no constraint across nodes, and
    the schema no ``minItems``: the cut is valid wherever the whole was, and a change at ``path`` meets
    the same constraints (its own and its ancestors'), at a fraction of the size."""

    def away(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: away(v) for k, v in node.items()}
        return [] if isinstance(node, list) else node

    def along(node: Any, rest: Path_) -> tuple[Any, Path_]:
        if not rest:
            return copy.deepcopy(node), ()
        head, tail = rest[0], rest[1:]
        if isinstance(node, list):
            item, sub = along(node[head], tail)
            return [item], (0, *sub)
        out, sub = {}, ()
        for key, value in node.items():
            if key == head:
                out[key], sub = along(value, tail)
            else:
                out[key] = away(value)
        return out, (head, *sub)

    return along(data, path)


def schema_place(path: Path_) -> tuple[str, ...]:
    """Where in the model a node sits: the model and field holding it (``("Source", "line")``), ``*`` for a
    list item. Two nodes at the same place meet the same constraints (the format has no recursion)."""
    from efs.model import Configuration

    model: Any = Configuration
    place: tuple[str, ...] = ("Configuration",)
    for part in path:
        if isinstance(part, int):
            place = (*place, "*")
        elif isinstance(model, type) and part in getattr(model, "model_fields", {}):
            place = (model.__name__, part)
            model = _model_of(model.model_fields[part].annotation)
        else:
            return (*place, "…")  # inside a free-form mapping (formula blocks): any data, one place
    return place


def mutations(data: Any, seen: set[tuple[str, ...]]) -> Iterator[tuple[str, Any]]:
    """Single-point changes at the first node of every place in the model not in ``seen`` (updated): the
    node replaced by each probe, each of its keys removed, an unknown key added."""
    for path in _nodes(data):
        place = schema_place(path)
        if place in seen:
            continue
        seen.add(place)
        doc, at = focused(data, path)
        current = _get(doc, at)
        name = ".".join(map(str, path)) or "<корень>"
        for probe in PROBES[type(current)]:
            if not (type(probe) is type(current) and probe == current):
                yield f"{name} = {probe!r}", _replace(doc, at, probe)
        if isinstance(current, dict):
            for key in current:
                yield f"{name}.{key} удалён", _replace(doc, at, {k: v for k, v in current.items() if k != key})
            yield f"{name} + неизвестный ключ", _replace(doc, at, {**current, "zz_unknown": 1})


def _replace(doc: Any, at: Path_, value: Any) -> Any:
    if not at:
        return value
    out = copy.deepcopy(doc)
    _get(out, at[:-1])[at[-1]] = value
    return out


def mutation_bases(registry: Any) -> dict[str, Any]:
    return {
        **{p.name: read(p) for p in sorted((ROOT / "config").glob("*.yaml"))},
        "sample.yaml": read(SAMPLE / "efs_sample" / "config" / "sample.yaml"),
        "every_field.yaml": read(TESTS / "data" / "schema" / "every_field.yaml"),
        "база тестов правил": base_config(registry),
    }


def test_each_single_change_to_a_real_configuration_gets_the_same_verdict(validator, full_registry):
    """Both directions: a change the loader refuses for a structural reason, the schema refuses; a change
    it accepts (or refuses only for a listed cross-reference), the schema accepts."""
    count = 0
    seen: set[tuple[str, ...]] = set()
    for name, base in mutation_bases(full_registry).items():
        assert not structural(loader_problems(base, full_registry)), name
        for what, data in mutations(base, seen):
            assert_same_verdict(validator, data, full_registry, f"{name}: {what}", first=True)
            count += 1
    assert count > 1500, count


def test_the_mutations_reach_every_field_of_every_model(full_registry):
    """The mutation test is only as good as its reach: every field of every model of the format is probed."""
    from efs.fieldref import models_in_order
    from efs.model import Configuration

    reached: set[tuple[str, str]] = set()
    for base in mutation_bases(full_registry).values():
        for path in _nodes(base):
            model: Any = Configuration
            for part in path:
                if isinstance(part, str) and isinstance(model, type) and part in getattr(model, "model_fields", {}):
                    reached.add((model.__name__, part))
                    model = _model_of(model.model_fields[part].annotation)
    every = {(m.__name__, name) for m in models_in_order() for name in m.model_fields}
    assert not every - reached, f"добавьте поле в tests/data/schema/every_field.yaml: {sorted(every - reached)}"


def _model_of(annotation: Any) -> Any:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


# --- what the schema offers an editor -----------------------------------------------------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _enum_at(schema: dict[str, Any], definition: str, field: str) -> dict[str, Any]:
    node = schema["definitions"][definition]["properties"][field]
    for candidate in _walk(node):
        if "enum" in candidate:
            return candidate
        if "$ref" in candidate:
            return _enum_at_ref(schema, candidate["$ref"])
    raise AssertionError(f"{definition}.{field}: нет перечня значений")


def _enum_at_ref(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    return schema["definitions"][ref.rsplit("/", 1)[-1]]


def test_completion_offers_kinds_functions_levels_and_formulas_of_every_plugin(schema, full_registry):
    kinds = _enum_at(schema, "Subject", "kind")
    assert kinds["enum"] == sorted(full_registry.kinds)
    assert "sample_hub" in kinds["enum"] and "networking_site" in kinds["enum"]  # a third party's and megion's
    functions = _enum_at(schema, "SubjectFunction", "function")
    assert set(functions["enum"]) == set(full_registry.functions)
    formulas = [n for n in _walk(schema["definitions"]["IndicatorDefinition"]["properties"]["formula"]) if "enum" in n]
    assert set(formulas[0]["enum"]) == set(full_registry.formulas)
    levels = _enum_at(schema, "Subject", "level")
    assert levels["enum"] == ["federal", "regional", "municipal", "institutional"]
    for node in _walk(schema):
        if "enum" in node and node.get("type") == "string":
            assert len(node["enumDescriptions"]) == len(node["enum"]) == len(node["markdownEnumDescriptions"])
            for text in node["enumDescriptions"]:
                assert not text.isascii(), f"{node['enum']}: описание значения не по-русски: {text!r}"
    assert kinds["enumDescriptions"][kinds["enum"].index("sample_hub")] == "опорный методический центр"
    # formulas written in building blocks: populations and conditions offered (and nothing refused)
    from efs.indicators.blocks import CONDITIONS, POPULATIONS

    blocks = schema["definitions"]["FormulaBlocks"]["properties"]
    [populations] = [n for n in _walk(blocks["population"]) if "enum" in n]
    assert set(populations["enum"]) == set(POPULATIONS)
    [bare] = [n for n in schema["definitions"]["FormulaCondition"]["anyOf"] if "enum" in n]
    assert set(bare["enum"]) == set(CONDITIONS)


def test_every_description_an_editor_shows_is_russian_and_has_a_markdown_twin(schema):
    described = 0
    for node in _walk(schema):
        if isinstance(node.get("description"), str):
            described += 1
            assert not node["description"].isascii(), node["description"]
            assert "markdownDescription" in node
        assert not (isinstance(node.get("title"), str) and node["title"].isascii()), node["title"]
    assert described > 150


def test_draft07_for_yaml_language_server_and_no_dangling_reference(schema):
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    refs = {n["$ref"] for n in _walk(schema) if "$ref" in n}
    assert refs and all(r.startswith("#/definitions/") for r in refs)
    assert {r.rsplit("/", 1)[-1] for r in refs} == set(schema["definitions"])  # none dangling, none unused
    # draft-07 ignores keywords next to $ref: each $ref stands alone
    assert all(len(n) == 1 for n in _walk(schema) if "$ref" in n)
    # every keyword is draft-07's or an editor extension (pydantic once wrote "ge" for "minimum")
    known = set(jsonschema.Draft7Validator.META_SCHEMA["properties"]) | {
        "markdownDescription", "enumDescriptions", "markdownEnumDescriptions", "patternErrorMessage", "errorMessage"}
    containers = {"properties", "definitions"}

    def keywords(node: Any, inside: str = "") -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if inside not in containers:
                    yield key
                yield from keywords(value, key if inside not in containers else "")
        elif isinstance(node, list):
            for value in node:
                yield from keywords(value, "list")

    assert set(keywords(schema)) <= known, sorted(set(keywords(schema)) - known)


def test_the_schema_refuses_the_slips_an_editor_must_underline(validator):
    data = read(ROOT / "config" / "tyumen.yaml")
    slips = {
        ("subjects", 0, "kind"): "no_such_kind",
        ("subjects", 0, "level"): "regionl",
        ("jurisdiction", "adopted_by"): {"date": "16.12.2020"},
        ("format_version",): True,
        ("subjects", 0, "source", "line"): "12",
        ("plugins",): ["no_such_plugin"],
    }
    for path, value in slips.items():
        assert schema_errors(validator, _replace(data, path, value)), path


def test_efs_schema_writes_the_one_file_name_that_every_modeline_names(tmp_path, monkeypatch):
    from efs.cli import main
    from efs.schema import SCHEMA_FILE
    from efs.skeleton import skeleton

    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(["schema"])
    assert done.value.code == 0
    written = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert written["$schema"].startswith("http://json-schema.org/")
    assert skeleton("x").splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    for path in sorted((ROOT / "config").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../docs/{SCHEMA_FILE}", path.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "efs schema" in readme and "schema.json" not in readme.replace(SCHEMA_FILE, "")
    for doc in (ROOT / "docs").glob("*.md"):
        text = doc.read_text(encoding="utf-8").replace(SCHEMA_FILE, "")
        assert "schema.json" not in text.replace("sarif-schema", ""), doc.name
