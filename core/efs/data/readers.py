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

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from efs.errors import DataError, Location
from efs.neutral import has_invisible, invisible, reveal, unneutralise

#: XLSX bounds: total uncompressed size of all members, and the largest compression ratio of a big member.
MAX_XLSX_UNCOMPRESSED = 2 * 1024**3
MAX_XLSX_RATIO = 200
_RATIO_FLOOR = 1024**2  # small members may compress well (shared strings of empty cells)

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


@dataclass
class Sheet:
    """One table of a data file: a CSV file or one XLSX sheet.

    Attributes:
        file: File name as the user gave it.
        name: Sheet name (``None`` for CSV).
        header: Column headers as written (stripped).
        header_row: 1-based row number of the header.
        rows: Iterator of ``(row_number, cells)``; cells are strings (CSV) or openpyxl values (XLSX).
    """

    file: str
    name: str | None
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[Any]]]
    size_hint: int = 0

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        """A :class:`Location` inside this sheet."""
        return Location(file=self.file, line=row, column=column, sheet=self.name)


def sniff_kind(path: Path) -> str:
    """``xlsx`` or ``csv`` by content (not by name); raise :class:`DataError` for anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise DataError(f"файл не найден: {path}") from None
    except IsADirectoryError:
        raise DataError(f"это каталог, а не файл: {path}") from None
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
    """Open a CSV or XLSX file as a list of :class:`Sheet` (one for CSV, one per non-empty sheet of XLSX)."""
    p = Path(path)
    kind = sniff_kind(p)
    if kind == "xlsx":
        return read_xlsx(p)
    return [read_csv(p, encoding=encoding)]


# ----------------------------------------------------------------------------------------------- CSV


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


def read_csv(path: Path, *, encoding: str | None = None) -> Sheet:
    """Open a CSV file; rows are streamed (the file is read once, lazily)."""
    name = str(path)
    size = path.stat().st_size
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    if encoding is None:
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
        first = fh_text.readline()
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


def _csv_rows(fh: io.TextIOWrapper, delimiter: str, name: str, encoding: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
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
                raise DataError(
                    f"файл обрывается или испорчен внутри кавычек ({exc}); проверьте, что он выгружен целиком",
                    location=Location(file=name, line=reader.line_num + 1),
                ) from None
            line = reader.line_num + 1  # the header line was read before the reader started
            if not "".join(cells).strip():
                continue
            yield line, cells
    finally:
        fh.close()


# ---------------------------------------------------------------------------------------------- XLSX


def check_zip(path: Path, *, max_total: int | None = None, max_ratio: int | None = None) -> None:
    """Refuse an XLSX whose zip directory promises too much data (a zip bomb) or that is cut short."""
    max_total = MAX_XLSX_UNCOMPRESSED if max_total is None else max_total
    max_ratio = MAX_XLSX_RATIO if max_ratio is None else max_ratio
    loc = Location(file=str(path))
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


def read_xlsx(path: Path) -> list[Sheet]:
    """Open every non-empty sheet of an XLSX book in read-only streaming mode."""
    check_zip(path)
    import openpyxl

    name = str(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged book
        raise DataError(
            f"файл XLSX не открывается: {type(exc).__name__}: {exc}", location=Location(file=name)
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


def checked_text(value: Any) -> str | None:
    """:func:`clean_text`, refusing invisible characters (:class:`ValueError` with a Russian reason).

    Bidi overrides, zero-width characters and control characters are refused rather than removed:
    two ids that differ only by a zero-width space look identical, and silently removing the character
    could merge rows the file keeps apart. The message names the character and its position.
    """
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
        raise ValueError(f"ожидается целое число, а не «{value}»") from None
    if not number.is_integer():
        raise ValueError(f"ожидается целое число, а не «{value}»")
    return int(number)


def parse_float(value: Any) -> float:
    """A number with a decimal comma or point, spaces as thousands separators, an optional ``%``."""
    if isinstance(value, bool):
        raise ValueError("ожидается число, а не логическое значение")
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).rstrip("%").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"ожидается число, а не «{value}»") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"ожидается конечное число, а не «{value}»")
    return number


def parse_date(value: Any) -> dt.date:
    """A date: ``31.12.2024``, ``2024-12-31`` or an Excel date cell."""
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
        raise ValueError(f"такой даты нет: «{text}»") from None
    raise ValueError(f"ожидается дата в виде ДД.ММ.ГГГГ, а не «{text}»")


def parse_bool(value: Any) -> bool:
    """``да``/``нет`` (and ``1``/``0``, ``true``/``false``, ``+``/``-``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"ожидается «да» или «нет», а не «{value}»")
