"""What efs cannot know — financing, contacts, forms of study — as a section to fill in, or supplied as data.

The fields are fixed (:data:`FIELDS`), so a file that fills them is checked like any other input: an
unknown field, a number that is not a number, a field given twice is an error with its file, line and
column (sheet and row for XLSX), and nothing is written. Accepted files:

* YAML — ``financing: {total: 1250.5}`` or ``financing.total: 1250.5``;
* CSV or XLSX — two columns, ``поле`` (the code or the title of the field) and ``значение``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.errors import DataError, InputError, Location, Problem
from efs.passport.tables import column, table

if TYPE_CHECKING:
    from efs.model import Configuration


@dataclass(frozen=True)
class Field:
    """A field to fill: its code, group, title and kind (``number`` in тыс. руб. or ``text``)."""

    id: str
    group: str
    title: str
    kind: str = "text"


FIELDS: tuple[Field, ...] = (
    Field("financing.total", "Финансовое обеспечение", "Объём финансирования системы в году, тыс. руб.", "number"),
    Field("financing.regional", "Финансовое обеспечение", "в том числе из бюджета субъекта РФ, тыс. руб.", "number"),
    Field("financing.federal", "Финансовое обеспечение", "в том числе из федерального бюджета, тыс. руб.", "number"),
    Field("financing.municipal", "Финансовое обеспечение", "в том числе из местных бюджетов, тыс. руб.", "number"),
    Field("financing.other", "Финансовое обеспечение", "в том числе из внебюджетных источников, тыс. руб.", "number"),
    Field("financing.acts", "Финансовое обеспечение", "Акты о финансовом обеспечении (вид, дата, номер)"),
    Field("programmes.forms", "Программы ДПО",
          "Формы обучения по программам (очная, очно-заочная, с применением ДОТ): сколько программ каждой"),
    Field("contacts.authority", "Контакты", "Ответственный в органе управления образованием (ФИО, должность)"),
    Field("contacts.cnppm", "Контакты", "Руководитель ЦНППМ или ответственный за сведения (ФИО, должность)"),
    Field("contacts.phone", "Контакты", "Телефон"),
    Field("contacts.email", "Контакты", "Электронная почта"),
    Field("contacts.site", "Контакты", "Страница системы на сайте"),
)
BY_ID = {f.id: f for f in FIELDS}
BY_TITLE = {f.title.casefold(): f for f in FIELDS}
PARTS = ("financing.regional", "financing.federal", "financing.municipal", "financing.other")
#: Headers of the two columns of a CSV/XLSX file (any of the spellings).
FIELD_HEADERS = ("поле", "field", "код", "сведение")
VALUE_HEADERS = ("значение", "value")
TO_FILL = "заполнить"


@dataclass
class Filled:
    """Values supplied for :data:`FIELDS`, and the file they came from."""

    values: dict[str, Any] = field(default_factory=dict)
    file: str | None = None


def _field(key: str, where: Location, problems: list[Problem]) -> Field | None:
    from efs.yamlsafe import did_you_mean

    found = BY_ID.get(key.strip()) or BY_TITLE.get(key.strip().casefold())
    if found is None:
        problems.append(Problem(f"неизвестное поле «{key}»{did_you_mean(key, BY_ID)}; известны: {', '.join(BY_ID)}",
                                where))
    return found


def _value(f: Field, raw: Any, where: Location, problems: list[Problem]) -> Any:
    from efs.data.readers import parse_float

    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if f.kind == "number":
        try:
            number = parse_float(raw)
        except ValueError as exc:
            problems.append(Problem(f"поле {f.id} ({f.title}): {exc}", where))
            return None
        if number < 0:
            problems.append(Problem(f"поле {f.id} ({f.title}): сумма не может быть отрицательной ({raw})", where))
            return None
        return number
    if isinstance(raw, dict | list):
        problems.append(Problem(f"поле {f.id} ({f.title}): ожидается текст, а не список или словарь", where))
        return None
    return str(raw).strip()


def _flatten(data: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    if isinstance(data, dict) and not (prefix and ".".join(map(str, prefix)) in BY_ID):
        return [pair for k, v in data.items() for pair in _flatten(v, (*prefix, k))]
    return [(prefix, data)]


def read_fill(path: Path | str) -> Filled:
    """Read the values of the fields to fill from a YAML, CSV or XLSX file.

    Raises:
        InputError: The file does not exist or its kind is unknown.
        DataError: Unknown fields, values that are not numbers where numbers are due, repeated fields —
            every problem, located.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"файл со сведениями для заполнения не найден: {name}")
    suffix = p.suffix.lower()
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    seen: dict[str, Location] = {}

    def put(key: str, raw: Any, where: Location) -> None:
        f = _field(key, where, problems)
        if f is None:
            return
        if f.id in seen:
            problems.append(Problem(f"поле {f.id} указано второй раз (первый раз: {seen[f.id]})", where))
            return
        seen[f.id] = where
        value = _value(f, raw, where, problems)
        if value is not None:
            values[f.id] = value

    if suffix in (".yaml", ".yml"):
        from efs.errors import ConfigurationError
        from efs.yamlsafe import parse_yaml, read_text

        try:
            doc = parse_yaml(read_text(p, display=name), name)
        except ConfigurationError as exc:
            raise DataError(f"файл со сведениями для заполнения не читается: {exc}") from None
        if doc.data is None:
            return Filled({}, name)
        if not isinstance(doc.data, dict):
            raise DataError("ожидается словарь «поле: значение»", location=Location(name, 1, 1))
        for key_path, raw in _flatten(doc.data):
            loc = doc.location(key_path)
            put(".".join(map(str, key_path)), raw, Location(name, loc.line, loc.column))
    elif suffix in (".csv", ".xlsx"):
        from efs.data.readers import open_sheets

        for sheet in open_sheets(p):
            header = [h.strip().casefold() for h in sheet.header]
            fcol = next((i for i, h in enumerate(header) if h in FIELD_HEADERS), None)
            vcol = next((i for i, h in enumerate(header) if h in VALUE_HEADERS), None)
            if fcol is None or vcol is None:
                raise DataError(f"нужны столбцы «поле» и «значение»; в заголовке: {', '.join(sheet.header)}",
                                location=sheet.location(sheet.header_row))
            for row, cells in sheet.rows:
                key = cells[fcol] if fcol < len(cells) else None
                if key is None or not str(key).strip():
                    continue
                put(str(key), cells[vcol] if vcol < len(cells) else None, sheet.location(row, fcol + 1))
    else:
        raise InputError(f"файл со сведениями для заполнения {name}: ожидается .yaml, .yml, .csv или .xlsx")
    if problems:
        raise DataError(f"в файле {name} ошибки ({len(problems)}), паспорт не записан:", problems)
    return Filled(values, name)


def fill_section(config: Configuration, filled: Filled | None, *, recipient: str) -> dict[str, Any]:
    """The section: every field with its value, or «заполнить» where none was supplied."""
    values = filled.values if filled is not None else {}
    rows = [[f.group, f.title, values.get(f.id, TO_FILL) if f.kind == "text" else values.get(f.id), f.id]
            for f in FIELDS]
    notes = ["Этих сведений в конфигурации и хранилище нет: их вписывают вручную или передают файлом "
             "(efs passport … --fill сведения.yaml; поля и форма файла — docs/passport.md)."]
    if filled is not None and filled.file:
        notes.append(f"Заполнено из файла {Path(filled.file).name}: {len(values)} из {len(FIELDS)} полей.")
    missing = [f.title for f in FIELDS if f.id not in values]
    if missing:
        notes.append(f"Не заполнено полей: {len(missing)}.")
    total = values.get("financing.total")
    parts = sum(values.get(p, 0) for p in PARTS)
    if total is not None and parts > total + 1e-9:
        notes.append(f"Сумма источников ({parts:g} тыс. руб.) больше общего объёма ({total:g} тыс. руб.): проверьте.")
    return {
        "from": "не из efs: вписывается вручную или файлом --fill",
        "notes": notes,
        "complete": not missing,
        "tables": [table("fields", f"Сведения, которых нет в efs (получатель паспорта: {recipient})",
                         [column("group", "Раздел"), column("field", "Сведение"), column("value", "Значение", "number"),
                          column("id", "Код поля", "code")], rows)],
    }
