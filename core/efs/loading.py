"""Configuration loading: file or dict → :class:`~efs.model.Configuration`, every error located.

Three passes, each reporting all of its problems at once:

1. :mod:`efs.yamlsafe` reads the file (encoding, size, syntax, tags, duplicate keys, bombs);
2. the pydantic schema (unknown keys with a did-you-mean, types, required fields);
3. :mod:`efs.references` (duplicate ids, ids that match nothing, plugins, text references).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from efs.errors import ConfigurationError, InputError, Location, Problem
from efs.model import Configuration, Source
from efs.yamlsafe import DEFAULT_MAX_BYTES, YamlDocument, decode_text, did_you_mean, parse_yaml, read_text

if TYPE_CHECKING:
    from efs.registry import Registry

YAML_SUFFIXES = (".yaml", ".yml")


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> YamlDocument:
    """Read and parse a YAML file safely (see :func:`efs.yamlsafe.parse_yaml`)."""
    name = display or str(path)
    if not path.exists():
        raise InputError(f"файл не найден: {name}")
    if path.is_dir():
        raise InputError(f"{name} — это каталог, а ожидается файл конфигурации")
    try:
        text = read_text(path, max_bytes=max_bytes, display=name)
    except OSError as exc:
        raise InputError(f"не удалось прочитать {name}: {exc.strerror or exc}") from exc
    return parse_yaml(text, name)


def build_configuration(doc: YamlDocument, *, registry: Registry | None = None) -> Configuration:
    """Validate plain data against the schema and the catalogue; return the configuration.

    Raises:
        ConfigurationError: With every schema or reference problem, located.
    """
    early = list(doc.problems)
    if not isinstance(doc.data, dict):
        what = "список" if isinstance(doc.data, list) else "одиночное значение"
        raise ConfigurationError(
            [Problem(f"в корне файла {what}, а ожидается отображение (format_version:, jurisdiction:, …)",
                     doc.location(()), code="EFS002"), *early],
            doc.file,
        )
    try:
        config = Configuration.model_validate_json(_as_json(doc), strict=True)
    except ValidationError as exc:
        raise ConfigurationError(_merge(early, schema_problems(exc, doc)), doc.file) from None
    config._file = doc.file
    config._locations = doc.locations
    _fill_document(config, config.jurisdiction.document)
    from efs.references import check_references

    problems = _merge(early, check_references(config, registry))
    if problems:
        raise ConfigurationError(problems, doc.file)
    return config


def _as_json(doc: YamlDocument) -> bytes:
    """The data as JSON, which the model validates strictly: the data model of YAML and of the schema.

    Validating JSON in pydantic's strict mode accepts what JSON Schema accepts (``efs schema``):
    ``"5"`` is not a number, ``true`` is not ``1``, a date is a ``ГГГГ-ММ-ДД`` string — where
    validating Python objects would quietly convert them. Dates and enum members of data built in
    Python are written as JSON writes them.

    Raises:
        ConfigurationError: A string holds a lone surrogate (``"\\ud800"``), which is not text.
    """
    text = json.dumps(doc.data, ensure_ascii=False, default=_json_default)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        path = _surrogate_path(doc.data, ())
        message = ("строка содержит недопустимый символ: одиночный суррогат UTF-16 (escape-последовательность "
                   "вида \\ud800 без пары); уберите его")
        location = doc.location(path or ())
        if doc.file is None:
            message = f"{location.dotted_path or '<корень>'}: {message}"
        raise ConfigurationError([Problem(message, location, code="EFS002")], doc.file) from None


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"значение типа {type(value).__name__} не может быть данными конфигурации")


def _surrogate_path(node: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    if isinstance(node, str):
        return path if any("\ud800" <= ch <= "\udfff" for ch in node) else None
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        for part in (key, value) if isinstance(node, dict) else (value,):
            found = _surrogate_path(part, (*path, key))
            if found is not None:
                return found
    return None


def _merge(*groups: list[Problem]) -> list[Problem]:
    merged = [p for g in groups for p in g]
    merged.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return merged


def load_configuration(
    source: str | Path | dict[str, Any],
    *,
    registry: Registry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Configuration:
    """Load a configuration from a YAML file or from a dict, checked against the plugins' catalogue.

    Args:
        source: A path to a YAML file, or plain data of the same shape.
        registry: An :class:`efs.registry.Registry`; a fresh one from the installed plugins by default.
        max_bytes: Refuse files larger than this.

    Raises:
        ConfigurationError: The configuration has errors (each located: file:line:column or path).
        InputError: The file does not exist or cannot be read.
        PluginError: A plugin the configuration needs is not installed, or a plugin failed.
    """
    if isinstance(source, dict):
        doc = YamlDocument(source, {}, None)
    else:
        doc = read_document(Path(source), max_bytes=max_bytes, display=str(source))
    return build_configuration(doc, registry=registry)


def collect_paths(targets: list[str], registry: Registry | None) -> list[Path]:
    """Expand command-line targets (files, directories, jurisdiction ids) into configuration files.

    Raises:
        InputError: A target is neither an existing path nor a known jurisdiction id.
    """
    out: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
            if not files:
                raise InputError(f"в каталоге {target} нет файлов .yaml")
            out.extend(files)
        elif path.exists():
            out.append(path)
        elif registry is not None and target in registry.jurisdictions:
            out.append(Path(registry.jurisdictions[target].config_path))
        else:
            known = sorted(registry.jurisdictions) if registry is not None else []
            hint = did_you_mean(target, known)
            listing = f"; известные юрисдикции: {', '.join(known)}" if known else ""
            raise InputError(f"нет такого файла или юрисдикции: {target}{hint}{listing}")
    return out


_CONFIGURATION_MARK = re.compile(
    r"^(format_version|jurisdiction)[ \t]*:|yaml-language-server:.*configuration\.schema\.json", re.MULTILINE
)


def looks_like_configuration(path: Path) -> bool:
    """Whether a YAML file is meant as an efs configuration (for hooks that see every YAML file).

    A configuration has a top-level ``format_version:`` or ``jurisdiction:`` key, or the editor-schema
    modeline; a CI workflow, a compose file or a Helm chart has none. The test is on the text, so a
    configuration with a syntax error is still recognised (and then reported by the loader). A file
    that cannot be read counts as a configuration: the loader says what is wrong with it.
    """
    try:
        raw = path.read_bytes()[:65536]
    except OSError:
        return True
    encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    text = raw.decode(encoding, "replace").lstrip("\ufeff")
    return bool(_CONFIGURATION_MARK.search(text))


def load_one(
    target: str | Path,
    registry: Registry | None = None,
    *,
    max_bytes: int | None = None,
    text: str | bytes | None = None,
) -> Configuration:
    """The one configuration ``target`` names: a YAML file, a jurisdiction id, or the name of ``text``.

    The one loader every command goes through (see :class:`efs.workspace.Workspace`).

    Args:
        target: A path (a :class:`~pathlib.Path` is read as it is), a command-line target (a path or a
            jurisdiction id) or, with ``text``, the name its locations carry.
        registry: The catalogue; a fresh one from the installed plugins by default.
        max_bytes: Refuse files (and texts) larger than this (:data:`efs.yamlsafe.DEFAULT_MAX_BYTES`).
        text: The configuration itself (an upload, an editor's buffer); nothing is read from disk.

    Raises:
        InputError: The target is unknown, or is a directory of several configurations.
        ConfigurationError: The configuration does not load (every problem located).
        PluginError: A plugin the configuration needs is not installed, or a plugin failed.
    """
    limit = max_bytes or DEFAULT_MAX_BYTES
    if text is not None:
        name = str(target)
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        if len(raw) > limit:
            raise ConfigurationError([Problem(f"больше {limit} байт (предел размера конфигурации)",
                                              Location(name, 1, 1), code="EFS001")], name)
        doc = parse_yaml(decode_text(raw, name), name)
        return build_configuration(doc, registry=registry)
    if isinstance(target, Path):
        return load_configuration(target, registry=registry, max_bytes=limit)
    paths = collect_paths([target], registry)
    if len(paths) != 1:
        raise InputError(f"нужна одна конфигурация, а {target} даёт {len(paths)}")
    return load_configuration(paths[0], registry=registry, max_bytes=limit)


# --- schema errors in Russian -------------------------------------------------------------

_TYPE_NAMES = {dict: "отображение", list: "список", str: "строка", int: "целое число", float: "число",
               bool: "логическое значение", type(None): "пустое значение"}


_NUMERIC = re.compile(r"^\s*[-+]?[0-9]+([.,][0-9]+)?\s*$")
_NUMBER_TYPES = {"int_type": "целое число", "int_parsing": "целое число", "float_type": "число",
                 "float_parsing": "число"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def schema_problems(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    """Translate pydantic errors into located Russian problems (one per error, deduplicated)."""
    problems: list[Problem] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for err in exc.errors(include_url=False):
        path, leaf_missing = _data_path(doc.data, err["loc"], err["type"])
        message = _message(err, path, leaf_missing)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        loc_path = path[:-1] if err["type"] == "missing" else path
        location = doc.location(loc_path)
        location = Location(location.file, location.line, location.column, path)
        if doc.file is None:
            message = f"{location.dotted_path or '<корень>'}: {message}"
        problems.append(Problem(message, location, code="EFS002"))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def _data_path(data: Any, loc: tuple[Any, ...], etype: str) -> tuple[tuple[str | int, ...], bool]:
    """Keep the parts of pydantic's ``loc`` that exist in the data (drop union-member tags)."""
    out: list[str | int] = []
    cur = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(cur, dict) and part not in cur:
            # validated as JSON: a YAML key true, 1 or null reaches pydantic as "true", "1", "null"
            part = next((k for k in cur if not isinstance(k, str) and json.dumps({k: 0})[1:-4] == f'"{part}"'), part)
        in_dict = isinstance(cur, dict) and part in cur
        in_list = isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur)
        if in_dict or in_list:
            out.append(part)
            cur = cur[part]
        elif last and etype == "missing" and isinstance(cur, dict):
            out.append(part)
            return tuple(out), True
    return tuple(out), False


def _message(err: Any, path: tuple[str | int, ...], missing: bool) -> str:
    etype: str = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    field_name = path[-1] if path else ""
    if etype == "missing":
        return f"не хватает обязательного поля «{field_name}»"
    if etype == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        hint = did_you_mean(str(field_name), allowed)
        listing = f"; допустимые ключи: {', '.join(allowed)}" if allowed and not hint else ""
        return f"неизвестный ключ «{field_name}»{hint}{listing}"
    if etype in _NUMBER_TYPES and isinstance(value, (str, bool)):
        # Read strictly, as JSON and the editor schema do: "12" is text and true is not 1.
        what = _NUMBER_TYPES[etype]
        if isinstance(value, bool):
            return f"ожидается {what}, а указано логическое значение {str(value).lower()}"
        hint = " (число пишется без кавычек)" if _NUMERIC.match(value) else ""
        return f"ожидается {what}, а указана строка «{value}»{hint}"
    if etype == "bool_not_allowed":
        return f"ожидается число, а указано логическое значение {str(value).lower()}"
    if etype in ("string_type", "str_type"):
        return f"ожидается строка, а указано: {_type_name(value)}"
    if etype in ("int_type", "int_parsing", "int_from_float"):
        return f"ожидается целое число, а указано «{value}»"
    if etype in ("float_type", "float_parsing"):
        return f"ожидается число, а указано «{value}»"
    if etype in ("bool_type", "bool_parsing"):
        return f"ожидается true или false, а указано «{value}»"
    if etype.startswith("date") or etype.startswith("datetime"):
        return f"ожидается дата в формате ГГГГ-ММ-ДД, а указано «{value}»"
    if etype in ("enum", "literal_error"):
        from efs.messages import expected_values

        options = expected_values(str(ctx.get("expected", "")))
        plain = [o.split(" (")[0] for o in options]  # «regional (региональный)» → regional
        return f"недопустимое значение «{value}»{did_you_mean(str(value), plain)}; допустимо: {', '.join(options)}"
    if etype == "string_pattern_mismatch":
        return (f"«{value}» не годится как идентификатор: нужны строчные латинские буквы, цифры и «_», "
                "начиная с буквы")
    if etype == "string_too_short":
        return "значение не может быть пустым"
    if etype == "string_too_long":
        return f"значение слишком длинное (не более {ctx.get('max_length')} символов)"
    if etype == "list_type":
        return f"ожидается список, а указано: {_type_name(value)}"
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        return f"ожидается отображение (ключ: значение), а указано: {_type_name(value)}"
    if etype in ("greater_than_equal", "greater_than"):
        return f"значение должно быть не меньше {ctx.get('ge', ctx.get('gt'))}"
    if etype in ("less_than_equal", "less_than"):
        return f"значение должно быть не больше {ctx.get('le', ctx.get('lt'))}"
    if etype == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    if etype == "union_tag_invalid" or etype.startswith("union"):
        return f"недопустимое значение: {_type_name(value)}"
    from efs.messages import pydantic_message

    return pydantic_message(err)


def _allowed_keys(path: tuple[str | int, ...]) -> list[str]:
    """Field names of the model that sits at ``path`` in a configuration."""
    current: Any = Configuration
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Strip ``X | None`` to ``X``; keep lists and models as they are."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        models = [a for a in options if typing.get_origin(a) is list or
                  (isinstance(a, type) and issubclass(a, BaseModel))]
        return models[0] if models else options[0]
    return tp


def _fill_document(node: Any, document: str) -> None:
    """Set ``source.document`` to the configuration's document wherever it is left out."""
    if isinstance(node, Source):
        if node.document is None:
            node.document = document
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _fill_document(getattr(node, name), document)
    elif isinstance(node, list):
        for item in node:
            _fill_document(item, document)
