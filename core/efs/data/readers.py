"""Reading tabular data files as Russian users write them: CSV and XLSX, nothing assumed.

* CSV: ``;``, ``,`` or tab detected from the header line; UTF-8 with or without BOM. A file in
  Windows-1251 is detected and refused with a message naming ``--encoding cp1251``, which then reads it.
* XLSX: openpyxl in read-only streaming mode, after the zip directory has been checked against
  zip bombs (total uncompressed size and compression ratio).
* Cell values: decimal comma (``12,5``), ``dd.mm.yyyy`` dates, ``да``/``нет`` — see the ``parse_*``
  functions, which raise :class:`ValueError` with a Russian reason.

Every function here raises :class:`efs.errors.DataError` with a clear reason for a file that cannot be
read at all (a renamed PDF, a file cut short, a zip bomb); row-level problems are left to the importer.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from efs.errors import DataError, InputError, Location
from efs.neutral import has_invisible, invisible, reveal, unneutralise
from efs.safeio import ReadLimitError, is_regular, os_reason, spool

#: XLSX bounds: total uncompressed size of all members, and the largest compression ratio of a big member.
MAX_XLSX_UNCOMPRESSED = 2 * 1024**3
MAX_XLSX_RATIO = 200
_RATIO_FLOOR = 1024**2  # small members may compress well (shared strings of empty cells)
#: The most read from a pipe, ``/dev/stdin`` or a FIFO (regular files are read as they are, streamed).
MAX_STREAM_BYTES = 1024**3

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF-документ"),
    (b"\xd0\xcf\x11\xe0", "файл старого формата Excel/Word (XLS/DOC) — сохраните его как XLSX или CSV"),
    (b"\x89PNG", "изображение PNG"),
    (b"\xff\xd8\xff", "изображение JPEG"),
    (b"Rar!", "архив RAR"),
    (b"\x1f\x8b", "архив gzip"),
    (b"{\\rtf", "документ RTF"),
]
_CYRILLIC_CP1251 = set(range(0xC0, 0x100)) | {0xA8, 0xB8}
#: The longest line of a CSV file: no row of a data table comes near it; a file without newlines stops here.
MAX_LINE = 4 * 1024 * 1024


@dataclass
class Sheet:
    """One table of a data file: a CSV file or one XLSX sheet.

    Attributes:
        file: File name as the user gave it.
        name: Sheet name (``None`` for CSV).
        header: Column headers as written (stripped).
        header_row: 1-based row number of the header.
        rows: Iterator of ``(row_number, cells)``; cells are strings (CSV) or openpyxl values (XLSX).
        size_hint: Bytes (CSV) or rows (XLSX), for progress bars.
        hidden: The XLSX sheet is hidden (or very hidden) in the book.
    """

    file: str
    name: str | None
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[Any]]]
    size_hint: int = 0
    hidden: bool = False

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        """A :class:`Location` inside this sheet."""
        return Location(file=self.file, line=row, column=column, sheet=self.name)


def sniff_kind(path: Path, *, display: str | None = None) -> str:
    """``xlsx`` or ``csv`` by content (not by name); raise :class:`DataError` for anything else."""
    shown = display or str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise InputError(f"файл не найден: {shown}") from None
    except IsADirectoryError:
        raise InputError(f"это каталог, а не файл: {shown}") from None
    except OSError as exc:
        raise InputError(f"не удалось прочитать {shown}: {os_reason(exc)}") from None
    path = Path(shown) if display else path  # names in messages are the user's
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DataError(
                f"{path.name}: это {what}, а не таблица CSV или XLSX; выгрузите данные в шаблон "
                "(efs data template) и загрузите его",
                location=Location(file=str(path)),
            )
    if not head:
        raise DataError(f"{path.name}: файл пуст", location=Location(file=str(path)))
    return "csv"


def open_sheets(path: str | Path, *, encoding: str | None = None) -> list[Sheet]:
    """Open a CSV or XLSX file as a list of :class:`Sheet` (one for CSV, one per non-empty sheet of XLSX).

    A pipe, ``/dev/stdin`` or a FIFO is first copied to a temporary file with a size cap
    (:data:`MAX_STREAM_BYTES`) and an idle timeout; ``/dev/zero`` and other binary streams are refused
    at their first bytes.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"файл не найден: {p}")
    if is_regular(p) or p.is_dir():
        return _open_sheets(p, str(p), encoding)
    try:
        with spool(p, MAX_STREAM_BYTES, inspect=lambda head: _refuse_binary(head, str(p))) as tmp:
            return _open_sheets(tmp, str(p), encoding)
    except ReadLimitError as exc:
        raise DataError(str(exc), location=Location(file=str(p))) from None
    except OSError as exc:
        raise InputError(f"не удалось прочитать {p}: {os_reason(exc)}") from None


def _refuse_binary(head: bytes, name: str) -> None:
    if head.startswith(b"PK") or utf16_encoding(head) is not None:
        return
    if b"\x00" in head:
        raise DataError("поток двоичный (в нём нулевые байты): это не таблица CSV или XLSX",
                        location=Location(file=name))


def _open_sheets(p: Path, name: str, encoding: str | None) -> list[Sheet]:
    kind = sniff_kind(p, display=name)
    if kind == "xlsx":
        return read_xlsx(p, display=name)
    return [read_csv(p, encoding=encoding, display=name)]


# ----------------------------------------------------------------------------------------------- CSV


def utf16_encoding(sample: bytes) -> str | None:
    """``utf-16`` (``-le``/``-be``) when ``sample`` is UTF-16 text — Excel's «Unicode text» — else ``None``.

    With a byte order mark the answer is certain; without one, text whose every other byte is zero
    (Latin, digits, separators) is taken as UTF-16 of that byte order.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[: 4096 - 4096 % 2]
    if len(head) < 4:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def detect_encoding(sample: bytes, *, at_eof: bool) -> str:
    """Return ``utf-8-sig`` when ``sample`` is UTF-8; raise :class:`DataError` naming the encoding otherwise.

    Args:
        sample: The first bytes of the file.
        at_eof: Whether ``sample`` is the whole file (then a broken last character means it is cut short).
    """
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            if not at_eof:  # the sample ended inside a character: fine
                return "utf-8-sig"
            raise DataError(
                "файл обрывается посередине символа: он обрезан (недокачан или повреждён); выгрузите его заново"
            ) from None
        bad = sample[exc.start : exc.start + 40]
        if sum(b in _CYRILLIC_CP1251 for b in bad) >= 1 and _looks_cp1251(sample):
            raise DataError(
                "файл в кодировке Windows-1251, а не UTF-8; сохраните его в UTF-8 или "
                "повторите с параметром --encoding cp1251"
            ) from None
        raise DataError(
            f"файл не в кодировке UTF-8 (байт {exc.start + 1}); укажите кодировку параметром "
            "--encoding (например, --encoding cp1251)"
        ) from None


def _looks_cp1251(sample: bytes) -> bool:
    text = sample.decode("cp1251", errors="replace")
    letters = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    return letters > 0 and "\ufffd" not in text


def detect_delimiter(line: str) -> str:
    """``;``, ``,`` or tab: whichever occurs most often outside quotes in the header line."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read_csv(path: Path, *, encoding: str | None = None, display: str | None = None) -> Sheet:
    """Open a CSV file; rows are streamed (the file is read once, lazily)."""
    name = display or str(path)
    size = path.stat().st_size
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    unicode = utf16_encoding(sample)
    if unicode is not None:  # Excel's «Unicode text»: the byte order mark decides, whatever --encoding says
        encoding = unicode
    elif b"\x00" in sample:
        raise DataError(
            "файл двоичный (в нём нулевые байты): это не таблица CSV; сохраните данные как CSV (UTF-8) или XLSX",
            location=Location(file=name),
        )
    elif encoding is None:
        try:
            encoding = detect_encoding(sample, at_eof=len(sample) >= size)
        except DataError as exc:
            raise DataError(exc.message, location=Location(file=name)) from None
    else:
        encoding = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "windows-1251": "cp1251"}.get(encoding.lower(), encoding)
        try:
            "".encode(encoding)
        except LookupError:
            raise DataError(f"неизвестная кодировка: {encoding}", location=Location(file=name)) from None
    fh_text = path.open("r", encoding=encoding, newline="")
    try:
        first = fh_text.readline(MAX_LINE)
        if len(first) >= MAX_LINE and not first.endswith(("\n", "\r")):
            fh_text.close()
            raise DataError(
                f"строка заголовка длиннее {MAX_LINE:,} символов: это не таблица CSV".replace(",", " "),
                location=Location(file=name, line=1),
            )
    except UnicodeDecodeError:
        fh_text.close()
        raise DataError(
            "строка заголовка не читается в кодировке " + encoding, location=Location(file=name, line=1)
        ) from None
    if not first.strip():
        fh_text.close()
        raise DataError("в файле нет строки заголовка", location=Location(file=name, line=1))
    delimiter = detect_delimiter(first)
    header = [h.strip() for h in next(csv.reader([first], delimiter=delimiter))]
    return Sheet(
        file=name,
        name=None,
        header=header,
        header_row=1,
        rows=_csv_rows(fh_text, delimiter, name, encoding),
        size_hint=size,
    )


def _bounded_lines(fh: io.TextIOWrapper, name: str) -> Iterator[str]:
    """Physical lines of ``fh``, each at most :data:`MAX_LINE` characters (a file without newlines is refused)."""
    number = 1
    while True:
        line = fh.readline(MAX_LINE)
        if not line:
            return
        number += 1
        if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
            raise DataError(
                f"строка длиннее {MAX_LINE:,} символов: это не таблица CSV (или файл повреждён)".replace(",", " "),
                location=Location(file=name, line=number),
            )
        yield line


_CSV_ERRORS = [
    ("field larger than field limit", "ячейка длиннее 131 072 символов — это не данные таблицы"),
    ("unexpected end of data", "файл обрывается внутри кавычек: он обрезан или кавычка не закрыта"),
    ("new-line character seen in unquoted field", "перевод строки внутри ячейки без кавычек"),
    ("expected after", "после закрывающей кавычки ожидался разделитель"),
]


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    for needle, russian in _CSV_ERRORS:
        if needle in text:
            return f"{russian}; проверьте, что файл выгружен целиком"
    return f"файл испорчен внутри кавычек (сообщение модуля csv: {text}); проверьте, что он выгружен целиком"


def _csv_rows(fh: io.TextIOWrapper, delimiter: str, name: str, encoding: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(_bounded_lines(fh, name), delimiter=delimiter, strict=True)
    line = 1
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                last = exc.start >= len(exc.object) - 3 and exc.reason == "unexpected end of data"
                why = (
                    "файл обрывается посередине символа: он обрезан (недокачан или повреждён)"
                    if last
                    else f"текст не читается в кодировке {encoding}; если файл в Windows-1251, "
                    "повторите с параметром --encoding cp1251"
                )
                raise DataError(why, location=Location(file=name, line=reader.line_num + 2)) from None
            except csv.Error as exc:
                raise DataError(_csv_error(exc), location=Location(file=name, line=reader.line_num + 1)) from None
            line = reader.line_num + 1  # the header line was read before the reader started
            if not "".join(cells).strip():
                continue
            yield line, cells
    finally:
        fh.close()


# ---------------------------------------------------------------------------------------------- XLSX


def check_zip(
    path: Path, *, max_total: int | None = None, max_ratio: int | None = None, display: str | None = None
) -> None:
    """Refuse an XLSX whose zip directory promises too much data (a zip bomb) or that is cut short."""
    max_total = MAX_XLSX_UNCOMPRESSED if max_total is None else max_total
    max_ratio = MAX_XLSX_RATIO if max_ratio is None else max_ratio
    loc = Location(file=display or str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise DataError(
            "файл XLSX повреждён или обрезан (не читается оглавление архива); выгрузите его заново",
            location=loc,
        ) from None
    total = sum(i.file_size for i in infos)
    if total > max_total:
        raise DataError(
            f"файл XLSX распаковывается в {total / 1024**2:.0f} МБ, больше допустимых "
            f"{max_total / 1024**2:.0f} МБ: это похоже на zip-бомбу; файл не открыт",
            location=loc,
        )
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise DataError(
                f"часть {info.filename} файла XLSX сжата в {info.file_size // max(info.compress_size, 1)} "
                f"раз (допустимо {max_ratio}): это похоже на zip-бомбу; файл не открыт",
                location=loc,
            )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise DataError("это ZIP-архив, но не книга Excel (XLSX)", location=loc)


def read_xlsx(path: Path, *, display: str | None = None) -> list[Sheet]:
    """Open every non-empty sheet of an XLSX book in read-only streaming mode."""
    check_zip(path, display=display)
    import openpyxl

    name = display or str(path)
    try:
        with warnings.catch_warnings():  # openpyxl's English warnings (data validation, styles) are not for users
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged book
        raise DataError(
            f"файл XLSX не открывается — он повреждён или это не книга Excel (сообщение openpyxl: "
            f"{type(exc).__name__}: {exc})",
            location=Location(file=name),
        ) from None
    sheets: list[Sheet] = []
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        header_row = 0
        header: list[str] | None = None
        try:
            for header_row, values in enumerate(rows, start=1):  # noqa: B007
                if any(v not in (None, "") for v in values):
                    header = ["" if v is None else str(v).strip() for v in values]
                    while header and not header[-1]:
                        header.pop()
                    break
        except Exception as exc:
            raise DataError(
                f"лист не читается: {type(exc).__name__}: {exc}", location=Location(file=name, sheet=ws.title)
            ) from None
        if header is None:
            continue
        max_row = ws.max_row or 0
        sheets.append(
            Sheet(
                file=name,
                name=ws.title,
                header=header,
                header_row=header_row,
                rows=_xlsx_rows(rows, header_row, name, ws.title),
                size_hint=max_row,
                hidden=getattr(ws, "sheet_state", "visible") != "visible",
            )
        )
    if not sheets:
        raise DataError("в книге нет ни одного непустого листа", location=Location(file=name))
    return sheets


def _xlsx_rows(
    rows: Iterator[tuple[Any, ...]], header_row: int, name: str, sheet: str
) -> Iterator[tuple[int, list[Any]]]:
    number = header_row
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise DataError(
                f"лист обрывается или повреждён после строки {number}: {type(exc).__name__}: {exc}",
                location=Location(file=name, sheet=sheet, line=number + 1),
            ) from None
        number += 1
        if any(v not in (None, "") for v in values):
            yield number, list(values)


# ------------------------------------------------------------------------------------------- values

_DATE_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_TRUE = {"да", "1", "true", "истина", "yes", "y", "+", "д", "x", "х", "v", "✓"}
_FALSE = {"нет", "0", "false", "ложь", "no", "n", "-", "н", "—"}


def clean_text(value: Any) -> str | None:
    """A cell as stripped text (``None`` for an empty cell); undoes the ``'`` export puts before ``=+-@``.

    The inverse of :func:`efs.neutral.neutralise`, so that an exported value imports back unchanged.
    """
    if value is None:
        return None
    if type(value) is str:  # the common case first (CSV cells)
        text = value.strip()
        if not text:
            return None
        return unneutralise(text) if text[0] == "'" else text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date().isoformat()
    text = str(value).strip()
    if not text:
        return None
    return unneutralise(text)


#: Excel's error values, as stored in XLSX and as Excel (English or Russian) writes them to CSV.
EXCEL_ERRORS: dict[str, str] = {
    "#NULL!": "пустое пересечение диапазонов",
    "#DIV/0!": "деление на ноль",
    "#VALUE!": "значение не того типа",
    "#REF!": "ссылка на удалённую ячейку",
    "#NAME?": "неизвестное имя или функция",
    "#NUM!": "недопустимое число",
    "#N/A": "значение не найдено",
    "#GETTING_DATA": "данные ещё загружаются",
    "#SPILL!": "результату формулы не хватило места",
    "#CALC!": "ошибка вычисления",
    "#FIELD!": "нет такого поля",
    "#BLOCKED!": "доступ к данным заблокирован",
    "#CONNECT!": "нет связи с источником данных",
    "#BUSY!": "значение ещё вычисляется",
    "#UNKNOWN!": "неизвестный тип данных",
    "#PYTHON!": "ошибка Python в Excel",
    "#ПУСТО!": "пустое пересечение диапазонов",
    "#ДЕЛ/0!": "деление на ноль",
    "#ЗНАЧ!": "значение не того типа",
    "#ССЫЛКА!": "ссылка на удалённую ячейку",
    "#ИМЯ?": "неизвестное имя или функция",
    "#ЧИСЛО!": "недопустимое число",
    "#Н/Д": "значение не найдено",
}


def excel_error(value: Any) -> None:
    """Raise :class:`ValueError` when ``value`` is an Excel error (``#REF!``, ``#N/A``…): it is never data."""
    if type(value) is str and value[:1] in ("#", " ") and value.strip().upper() in EXCEL_ERRORS:
        code = value.strip().upper()
        raise ValueError(
            f"в ячейке ошибка Excel «{code}» ({EXCEL_ERRORS[code]}): исправьте формулу или значение в исходной "
            "книге — ошибка не загружается ни как текст, ни как пустое значение"
        )


def _shown(value: Any) -> str:
    """A cell value as quoted in a message: at most 40 characters."""
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def checked_text(value: Any) -> str | None:
    """:func:`clean_text`, refusing invisible characters (:class:`ValueError` with a Russian reason).

    Bidi overrides, zero-width characters and control characters are refused rather than removed:
    two ids that differ only by a zero-width space look identical, and silently removing the character
    could merge rows the file keeps apart. The message names the character and its position.
    """
    excel_error(value)
    text = clean_text(value)
    if text is not None and has_invisible(text):
        found = invisible(text)
        what = "; ".join(f"{name} в позиции {pos + 1}" for pos, name in found[:3])
        more = f" и ещё {len(found) - 3}" if len(found) > 3 else ""
        raise ValueError(
            f"невидимый или управляющий символ: {what}{more} («{reveal(text)[:60]}»); такие символы делают "
            "одинаковые на вид значения разными — удалите их"
        )
    return text


def parse_int(value: Any) -> int:
    """An integer: ``1 234``, ``1234``, ``1234,0``; :class:`ValueError` with a Russian reason otherwise."""
    if type(value) is str and value.isdigit():  # the common case first
        return int(value)
    excel_error(value)
    if isinstance(value, bool):
        raise ValueError("ожидается целое число, а не логическое значение")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"ожидается целое число, а не {value}")
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = parse_float(text)
    except ValueError:
        raise ValueError(f"ожидается целое число, а не «{_shown(value)}»") from None
    if not number.is_integer():
        raise ValueError(f"ожидается целое число, а не «{_shown(value)}»")
    return int(number)


def parse_float(value: Any) -> float:
    """A number with a decimal comma or point, spaces as thousands separators, an optional ``%``."""
    excel_error(value)
    if isinstance(value, bool):
        raise ValueError("ожидается число, а не логическое значение")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(f"число из {len(str(value))} цифр слишком велико") from None
        if not math.isfinite(number):
            raise ValueError(f"ожидается конечное число, а не «{_shown(value)}»")
        return number
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).rstrip("%").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"ожидается число, а не «{_shown(value)}»") from None
    except OverflowError:
        number = float("inf")
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"ожидается конечное число, а не «{_shown(value)}»")
    return number


def parse_date(value: Any) -> dt.date:
    """A date: ``31.12.2024``, ``2024-12-31`` or an Excel date cell."""
    excel_error(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _DATE_RE.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO_RE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"такой даты нет: «{_shown(text)}»") from None
    raise ValueError(f"ожидается дата в виде ДД.ММ.ГГГГ, а не «{_shown(text)}»")


def parse_bool(value: Any) -> bool:
    """``да``/``нет`` (and ``1``/``0``, ``true``/``false``, ``+``/``-``)."""
    excel_error(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"ожидается «да» или «нет», а не «{_shown(value)}»")
