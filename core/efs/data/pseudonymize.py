"""``efs data pseudonymize``: СНИЛС or personnel numbers → stable keyed-hash ids before import.

The id is ``HMAC-SHA256(key, normalised value)`` in hex, shortened to 32 characters (128 bits): the same
person gets the same id in every file hashed with the same key, and without the key the id cannot be
turned back into the СНИЛС (a plain hash of an 11-digit number could be brute-forced in minutes).
Keep the key file outside the store and away from the data; whoever holds it can re-identify people.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from efs.data import readers
from efs.errors import DataError, InputError, Location, Problem
from efs.neutral import csv_writer
from efs.safeio import open_atomic

ID_LENGTH = 32
MIN_KEY_BYTES = 16
#: Headers recognised as the column to pseudonymise when none is named.
DEFAULT_COLUMNS = ("снилс", "табельный номер", "работник (id)", "staff_id", "выпускник (id)", "id")
_SNILS_RE = re.compile(r"^\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2}$")


def create_key(path: Path) -> None:
    """Write a new random 32-byte key (hex) to ``path``; refuse to overwrite an existing file."""
    try:  # created readable by the owner only, never overwritten
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(f"файл ключа уже существует, не перезаписываю: {path}") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")


def load_key(path: Path) -> bytes:
    """Read a key file (any bytes; surrounding whitespace ignored); at least 16 bytes."""
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        raise InputError(
            f"файл ключа не найден: {path}; создайте его: efs data pseudonymize --create-key --key-file {path}"
        ) from None
    if len(key) < MIN_KEY_BYTES:
        raise InputError(f"ключ в {path} короче {MIN_KEY_BYTES} байт: такой ключ можно подобрать")
    return key


def normalise(value: str) -> str:
    """The value hashed: a СНИЛС as its 11 digits, anything else stripped and upper-cased."""
    text = value.strip()
    if _SNILS_RE.match(text):
        return re.sub(r"\D", "", text)
    return text.upper()


def snils_valid(digits: str) -> bool:
    """Whether an 11-digit СНИЛС has a correct check number (numbers up to 001-001-998 are not checked)."""
    number, check = digits[:9], int(digits[9:])
    if int(number) <= 1001998:
        return True
    total = sum(int(d) * (9 - i) for i, d in enumerate(number))
    expected = total % 101
    return (0 if expected == 100 else expected) == check


def pseudonym(key: bytes, value: str) -> str:
    """The stable id of ``value`` under ``key``."""
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()[:ID_LENGTH]


def pseudonymize_file(
    source: Path,
    target: Path,
    key: bytes,
    *,
    columns: Iterable[str] = (),
    encoding: str | None = None,
    check_snils: bool = True,
) -> int:
    """Copy the first table of ``source`` to ``target`` (CSV for Excel: UTF-8 BOM, ``;``) with ids hashed.

    Args:
        source: CSV or XLSX file.
        target: CSV file to write (must differ from ``source``).
        key: The secret key.
        columns: Headers of the columns to hash (default: the first of «СНИЛС», «Табельный номер»…).
        encoding: Encoding of a CSV source.
        check_snils: Reject СНИЛС values with a wrong check number.

    Returns:
        Number of rows written.

    Raises:
        DataError: No such column, or values that are not valid (all of them reported); nothing is written.
    """
    if source.resolve() == target.resolve():
        raise InputError("результат нельзя записать поверх исходного файла: укажите другой -o")
    sheet = readers.open_sheets(source, encoding=encoding)[0]
    lower = [h.lower() for h in sheet.header]
    wanted = [c.lower() for c in columns] or [next((c for c in DEFAULT_COLUMNS if c in lower), "")]
    idx = []
    for w in wanted:
        if w not in lower:
            raise DataError(
                f"нет столбца «{w or 'СНИЛС'}»; есть: " + ", ".join(sheet.header) + "; укажите --column",
                location=sheet.location(sheet.header_row),
            )
        idx.append(lower.index(w))
    problems: list[Problem] = []
    out_rows: list[list[str]] = []
    snils_columns = {i for i in idx if "снилс" in lower[i]}
    for line, cells in sheet.rows:
        row = ["" if (v := readers.clean_text(c)) is None else v for c in cells]
        row += [""] * (len(sheet.header) - len(row))
        for i in idx:
            value = row[i]
            where = Location(str(source), line, i + 1, sheet=sheet.name)
            try:
                readers.excel_error(cells[i] if i < len(cells) else None)
            except ValueError as exc:
                problems.append(Problem(f"«{sheet.header[i]}»: {exc}", where))
                continue
            if not value:
                problems.append(
                    Problem(
                        f"«{sheet.header[i]}»: пустое значение",
                        Location(str(source), line, i + 1, sheet=sheet.name),
                    )
                )
                continue
            digits = re.sub(r"\D", "", value)
            if i in snils_columns and not _SNILS_RE.match(value):
                problems.append(
                    Problem(
                        f"«{sheet.header[i]}»: «{value[:40]}» — не СНИЛС (нужны 11 цифр: 123-456-789 01); "
                        "если в столбце табельные номера, назовите его «Табельный номер»",
                        where,
                    )
                )
                continue
            if check_snils and _SNILS_RE.match(value) and not snils_valid(digits):
                problems.append(
                    Problem(
                        f"«{sheet.header[i]}»: неверное контрольное число СНИЛС",
                        Location(str(source), line, i + 1, sheet=sheet.name),
                    )
                )
                continue
            row[i] = pseudonym(key, value)
        out_rows.append(row)
    if problems:
        raise DataError(f"ошибок: {len(problems)} — файл не записан", problems)
    with open_atomic(target, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv_writer(fh, delimiter=";")
        writer.writerow(sheet.header)
        writer.writerows(out_rows)
    return len(out_rows)
