"""Safe, exact YAML reading: bounded, located, with every problem in Russian.

The document is read from libyaml's event stream (no Python objects are ever constructed
from tags), so that:

* only plain data comes out — ``!!python/...`` and any other unknown tag is an error;
* every node's line and column is kept (``locations``), keyed by its path from the root;
* duplicate keys, alias bombs ("billion laughs"), deep nesting and huge files fail fast
  with a located message instead of exhausting memory.
"""

from __future__ import annotations

import codecs
import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from efs.errors import ConfigurationError, Location, Problem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000
#: A file that is not an alias bomb has at least this many bytes per node: larger files may have more nodes.
BYTES_PER_NODE = 8
#: Integers longer than this are refused (Python refuses above 4 300 digits; no configuration needs 100).
MAX_INT_DIGITS = 100

PathT = tuple[str | int, ...]
Locations = dict[PathT, tuple[int, int]]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = Resolver()
_constructor = SafeConstructor()


@dataclass(slots=True)
class YamlDocument:
    """Plain data read from a YAML file, with the position of every node."""

    data: Any
    locations: Locations = field(default_factory=dict)
    file: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def location(self, path: Iterable[str | int]) -> Location:
        """Location of ``path`` or of its nearest enclosing node (1:1 when nothing encloses it)."""
        full = tuple(path)
        probe = full
        while probe not in self.locations and probe:
            probe = probe[:-1]
        if self.file is None:
            return Location(None, None, None, full)
        line, col = self.locations.get(probe, (1, 1))
        return Location(self.file, line, col, full)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (возможно, имелось в виду «x»)`` for the nearest candidate, or an empty string."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (возможно, имелось в виду «{match[0]}»)" if match else ""


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a configuration file as UTF-8 text, refusing anything that is not.

    Raises:
        ConfigurationError: The file is too large (or a pipe gives more, or nothing for too long), binary,
            empty or not UTF-8 (with the likely encoding and how to convert it).
    """
    from efs.safeio import ReadLimitError, read_bounded

    name = display or str(path)
    try:  # bounded whatever the file is: a pipe, /dev/stdin, /dev/zero, a FIFO nobody writes to
        raw = read_bounded(path, max_bytes)
    except ReadLimitError as exc:
        raise _fail(f"{exc} (предел размера задаётся параметром --max-size, в МБ)", name, code="EFS001") from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str | None) -> str:
    """The bytes of a configuration (a file's, an upload's) as UTF-8 text, refusing anything that is not.

    Raises:
        ConfigurationError: Binary, empty or not UTF-8 (with the likely encoding and how to convert it).
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(
            "файл в кодировке UTF-16; сохраните его в UTF-8 (например, iconv -f UTF-16 -t UTF-8)",
            name,
            code="EFS001",
        )
    if b"\x00" in raw[:65536]:
        raise _fail("файл двоичный (содержит нулевые байты), это не YAML", name, code="EFS001")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigurationError(
            [Problem(_encoding_hint(raw), Location(name, line, column), code="EFS001")], name
        ) from exc
    if not text.strip():
        raise _fail("файл пуст: ожидается конфигурация YAML (см. efs new config)", name, code="EFS001")
    return text


def _encoding_hint(raw: bytes) -> str:
    try:
        sample = raw.decode("cp1251")
    except UnicodeDecodeError:
        sample = ""
    cyr = sum(1 for ch in sample if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    if sample and cyr >= max(3, len([c for c in sample if ord(c) > 127]) * 0.6):
        return (
            "файл не в UTF-8: похоже, это Windows-1251; пересохраните его в UTF-8 "
            "(iconv -f cp1251 -t utf-8 ФАЙЛ > НОВЫЙ или «Сохранить как… → UTF-8» в редакторе)"
        )
    return "файл не в кодировке UTF-8 и не похож на текст; сохраните его как YAML в UTF-8"


def _fail(message: str, file: str | None, *, code: str = "EFS001") -> ConfigurationError:
    return ConfigurationError([Problem(message, Location(file, 1, 1), code=code)], file)




def _line_at(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""


def _syntax_message(exc: yaml.YAMLError, line: str = "") -> str:
    problem = str(getattr(exc, "problem", "") or exc)
    if "\t" in line[: len(line) - len(line.lstrip())] or ("cannot start any token" in problem and "\t" in line):
        return "синтаксическая ошибка YAML: символ табуляции недопустим в YAML: отступы — только пробелами"
    from efs.messages import yaml_problem

    russian = yaml_problem(problem) or yaml_problem(str(getattr(exc, "context", "") or ""))
    if russian is not None:
        return f"синтаксическая ошибка YAML: {russian}"
    # A message no table knows yet: a Russian sentence, the original kept for reference.
    return f"синтаксическая ошибка YAML: разборщик не смог прочитать файл в этом месте (исходное сообщение: {problem})"


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_mark", "keys", "path", "size")

    def __init__(self, container: Any, path: PathT, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: Any = _NOKEY
        self.key_mark: tuple[int, int] = (1, 1)
        self.keys: dict[Any, tuple[int, int]] = {}
        self.size = 1


_NOKEY = object()


def parse_yaml(text: str, file: str | None = None) -> YamlDocument:
    """Parse one YAML document into plain data and locations.

    Raises:
        ConfigurationError: Syntax errors, unknown tags, duplicate keys, alias bombs, deep
            nesting, several documents — every problem that can be found, located.
    """
    problems: list[Problem] = []
    limit = max(MAX_NODES, len(text) // BYTES_PER_NODE)
    locations: Locations = {}
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    expanded = 0
    fatal = False

    def where(mark: Any) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1)

    def fail(message: str, mark: Any, code: str = "EFS001", *, stop: bool = True) -> None:
        nonlocal fatal
        fatal = fatal or stop
        line, col = where(mark)
        problems.append(Problem(message, Location(file, line, col), code=code))

    def place(value: Any, size: int, mark: Any, new: int | None = None) -> bool:
        """Attach a finished value (of ``size`` nodes, ``new`` of them not counted yet) to its parent.

        Returns False when the document must stop. A container's children were counted as they came,
        so only the container itself is new; an alias brings its whole anchored value again.
        """
        nonlocal root, have_root, expanded
        expanded += size if new is None else new
        if expanded > limit:
            fail(
                f"документ раскрывается более чем в {limit:,} узлов (слишком много ссылок на якоря — "
                "«миллиард смешков»?); загрузка остановлена".replace(",", " "),
                mark,
            )
            return False
        if not stack:
            root, have_root = value, True
            return True
        top = stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
            top.size += size
            return True
        if top.key is _NOKEY:
            if isinstance(value, (dict, list)):
                fail("ключ отображения должен быть простым значением (строкой или числом)", mark)
                top.key = None
                return True
            if value == "<<":
                fail("ключи слияния «<<» не поддерживаются: запишите значения явно", mark)
            top.key = value
            top.key_mark = where(mark)
            if value in top.keys:
                first = top.keys[value]
                fail(f"ключ «{value}» повторяется (впервые в строке {first[0]}, столбце {first[1]})", mark,
                     stop=False)
            else:
                top.keys[value] = top.key_mark
                locations[(*top.path, _path_key(value))] = top.key_mark
            return True
        key = top.key
        top.key = _NOKEY
        if key is not None and key not in top.container:
            top.container[key] = value
        top.size += size
        return True

    def child_path() -> PathT:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, _path_key(top.key))

    def is_key_position() -> bool:
        return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NOKEY

    try:
        event: Any
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail("в файле несколько документов YAML («---»), а нужен один", event.start_mark)
                    break
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            tag = getattr(event, "tag", None)
            if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
                fail(
                    f"тег «{tag}» недопустим: конфигурация — только данные (строки, числа, списки, "
                    "отображения); теги вроде !!python/… не исполняются",
                    event.start_mark,
                    stop=False,
                )
                if kind is yaml.ScalarEvent:
                    if not place(None, 1, event.start_mark):
                        break
                    continue
            if kind is yaml.ScalarEvent:
                try:
                    value = _scalar(event)
                except ValueError as exc:  # an integer of thousands of digits, .nan, .inf, 1e999
                    fail(str(exc), event.start_mark, stop=False)
                    value = event.value  # kept as text: the load fails on the problem above in any case
                path = None if is_key_position() else child_path()
                if path is not None and not (stack and isinstance(stack[-1].container, dict)):
                    locations[path] = where(event.start_mark)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                if not place(value, 1, event.start_mark):
                    break
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                if is_key_position():
                    fail("ключ отображения должен быть простым значением (строкой или числом)", event.start_mark)
                path = child_path()
                if not (stack and isinstance(stack[-1].container, dict)):
                    locations[path] = where(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    fail(f"слишком глубокая вложенность: более {MAX_DEPTH} уровней", event.start_mark)
                    break
                container: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append(_Frame(container, path, event.anchor))
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
                if not place(frame.container, frame.size, event.start_mark, new=1):
                    break
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    fail(f"ссылка на неопределённый якорь «{event.anchor}»", event.start_mark)
                    break
                value, size = anchors[event.anchor]
                if not place(value, size, event.start_mark):
                    break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            fail(_syntax_message(exc, _line_at(text, mark.line)), mark)
        else:
            fatal = True
            problems.append(Problem(_syntax_message(exc), Location(file, 1, 1), code="EFS001"))
    except yaml.YAMLError as exc:
        fatal = True
        problems.append(Problem(_syntax_message(exc), Location(file, 1, 1), code="EFS001"))
    except RecursionError:
        fatal = True
        problems.append(Problem("слишком глубокая вложенность", Location(file, 1, 1), code="EFS001"))

    if (fatal or not have_root) and problems:
        raise ConfigurationError(problems, file)
    if not have_root or root is None:
        raise _fail("файл пуст: ожидается конфигурация YAML (см. efs new config)", file)
    # Duplicate keys and unknown tags do not stop the schema check: report everything in one run.
    return YamlDocument(root, locations, file, problems)


def _path_key(key: Any) -> str | int:
    return key if isinstance(key, (str, int)) else str(key)


def _scalar(event: Any) -> Any:
    tag = event.tag
    value = event.value
    if tag in (None, "!"):
        if not event.implicit[0]:
            return value  # quoted or block scalar: a string
        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == f"{_STD}str" or tag == f"{_STD}timestamp":
        return value
    node = yaml.ScalarNode(tag, value)
    if tag == f"{_STD}null":
        return None
    if tag == f"{_STD}bool":
        return _constructor.construct_yaml_bool(node)
    if tag == f"{_STD}int":
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_INT_DIGITS:
            raise ValueError(
                f"целое число из {digits} цифр: такие числа (больше {MAX_INT_DIGITS} цифр) не читаются; "
                "проверьте значение или возьмите его в кавычки, если это текст"
            )
        return _constructor.construct_yaml_int(node)
    if tag == f"{_STD}float":
        number = _constructor.construct_yaml_float(node)
        if not math.isfinite(number):
            what = "не число (.nan)" if math.isnan(number) else "бесконечность (.inf или число больше 1e308)"
            raise ValueError(
                f"значение «{value}» — {what}: нужно конечное число (бесконечность и «не число» не записываются "
                "в JSON и не сравниваются с целями)"
            )
        return number
    return value
