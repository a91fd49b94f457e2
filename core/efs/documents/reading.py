"""Reading any supported document: the format is told by the file's content, not only by its name."""

from __future__ import annotations

from pathlib import Path

from efs.documents.model import Document, DocumentError

#: What ``read`` accepts, for messages.
FORMATS = "DOCX, ODT, HTML или TXT"


def sniff(data: bytes, suffix: str) -> str:
    """``docx``, ``odt``, ``html`` or ``txt`` from the first bytes (and the suffix for zip packages)."""
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096] or suffix == ".docx":
            return "docx"
        if b"opendocument.text" in data[:200] or suffix == ".odt":
            return "odt"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:8192].lower() \
            or suffix in (".html", ".htm"):
        return "html"
    return "txt"


def read(path: str | Path, name: str | None = None) -> Document:
    """Read a Положение from ``path`` as a :class:`~efs.documents.model.Document`.

    Raises:
        DocumentError: the file is missing, unreadable, or of a format efs does not read (DOC, PDF).
    """
    p = Path(path)
    label = name or p.name
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"{label}: файл не найден") from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"{label}: это каталог, а нужен файл документа ({FORMATS})") from exc
    except OSError as exc:
        raise DocumentError(f"{label}: не удалось прочитать файл ({exc.strerror or exc})") from exc
    kind = sniff(data, p.suffix.lower())
    if kind == "docx":
        from efs.documents.docx import read_docx

        return read_docx(p, label)
    if kind == "odt":
        from efs.documents.odt import read_odt

        return read_odt(p, label)
    if kind == "html":
        from efs.documents.html import read_html

        return read_html(p, label, data)
    if kind == "txt":
        from efs.documents.text import read_text

        return read_text(p, label, data)
    hints = {"doc": "это документ Word старого формата (DOC): сохраните его как DOCX",
             "pdf": "это PDF: efs читает документы в их исходном виде — DOCX, ODT, HTML или TXT",
             "zip": "это zip-архив, но не DOCX и не ODT"}
    raise DocumentError(f"{label}: {hints[kind]}")
