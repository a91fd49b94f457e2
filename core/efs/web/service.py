"""What the web workspace asks of efs: the one place where the server calls the library.

Every operation the pages and the API offer is a method here over :class:`efs.workspace.Workspace` — the
object the CLI calls too — taking bytes and ids from a request and returning what the CLI computes for the
same input (the same findings, results, report and import summary), so the CLI stays the reference and the
server adds no logic of its own. Nothing from a request is used as a
path: a jurisdiction is looked up by id among the installed plugins, an upload is written under a name the
server makes in a private temporary directory (deleted afterwards), and a configuration received as text is
checked with the documents the plugins ship only (:func:`efs.documents.shipped.shipped_only`).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.errors import DataError, EfsError, InputError

if TYPE_CHECKING:
    from efs.formats import OutputFormat
    from efs.model import Configuration
    from efs.registry import Registry
    from efs.workspace import ImportSummary as Imported
    from efs.workspace import Validation, Workspace

SCOPES = ("jurisdiction", "municipality", "organization")
#: Suffixes of the files the import accepts and of the documents a draft reads.
DATA_SUFFIXES = (".csv", ".xlsx")
DOCUMENT_SUFFIXES = (".docx", ".odt", ".html", ".htm", ".txt")
#: Uncompressed size of a DOCX/ODT upload at most, and the largest compression ratio of a big part.
MAX_DOCUMENT_UNCOMPRESSED = 200 * 1024**2
MAX_DOCUMENT_RATIO = 200

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def display_name(filename: str | None, default: str) -> str:
    """The name an upload is shown by: the last part of what the browser sent, stripped of anything else.

    ``../../etc/passwd`` becomes ``passwd``; control characters, separators and quotes are dropped. The
    name is only ever shown in messages; files are written under names the server makes.
    """
    raw = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", raw).strip(" ._")[:120]
    return name or default


class Service:
    """The server's :class:`efs.workspace.Workspace`, and what a request may ask of it.

    Args:
        workspace: The workspace (its catalogue built once; its store opened on first use).
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._configs: dict[str, Configuration] = {}
        self._lock = threading.Lock()

    @classmethod
    def start(cls, db: str | None = None, *, writable: bool = False) -> Service:
        """A workspace on the store ``db`` with the installed plugins' catalogue, built now (not on a request)."""
        from efs.workspace import Workspace

        workspace = Workspace(db, writable=writable)
        workspace.registry  # noqa: B018 — the catalogue is built at start-up, before the first request
        return cls(workspace)

    @property
    def registry(self) -> Registry:
        return self.workspace.registry

    @property
    def writable(self) -> bool:
        return self.workspace.writable

    def formats(self, kind: str) -> list[OutputFormat]:
        """The registered formats of ``kind`` (``validation``, ``report``…): the CLI's choices, the web's links."""
        return self.workspace.formats(kind)

    def output_format(self, kind: str, name: str) -> OutputFormat:
        """The format ``name`` of ``kind``.

        Raises:
            InputError: Unknown format (the known ones listed).
        """
        return self.workspace.output_format(kind, name)

    def _store(self) -> Any:
        """The workspace's store, opened once under a lock (requests run in several threads)."""
        with self._lock:
            return self.workspace.store

    # --- jurisdictions -------------------------------------------------------------------------------

    def jurisdictions(self) -> list[tuple[str, str]]:
        """``(id, Russian name)`` of every installed jurisdiction, by id."""
        return sorted((j.id, j.name) for j in self.registry.jurisdictions.values())

    def configuration(self, jurisdiction: str) -> Configuration:
        """The configuration an installed plugin ships for ``jurisdiction`` (loaded once; never a path).

        Raises:
            NotFound: No installed plugin serves that id (with the ids that exist).
        """
        if jurisdiction not in self.registry.jurisdictions:
            from efs.yamlsafe import did_you_mean

            known = sorted(self.registry.jurisdictions)
            raise NotFound(f"нет юрисдикции «{jurisdiction}»{did_you_mean(jurisdiction, known)}; "
                           f"известные: {', '.join(known)}")
        if jurisdiction not in self._configs:
            self._configs[jurisdiction] = self.workspace.load(self.registry.jurisdictions[jurisdiction].config_path)
        return self._configs[jurisdiction]

    def configuration_text(self, jurisdiction: str) -> str:
        """The YAML text of an installed jurisdiction's configuration."""
        self.configuration(jurisdiction)
        return Path(self.registry.jurisdictions[jurisdiction].config_path).read_text(encoding="utf-8")

    def coverage(self, jurisdiction: str) -> dict[str, Any]:
        """The «function × subject» matrix, as ``efs coverage --format json`` prints it."""
        from efs.conformance.coverage import coverage_matrix

        return coverage_matrix(self.configuration(jurisdiction), self.registry)

    # --- validation ----------------------------------------------------------------------------------

    def validate_text(
        self,
        data: bytes | str,
        name: str = "configuration.yaml",
        *,
        as_of: dt.date | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
    ) -> Validation:
        """Check a configuration received as bytes (or text), as ``efs validate`` checks a file of that name.

        Load errors become findings (EFS001–EFS005) exactly as for a file; the document the configuration
        encodes is looked for among the shipped documents only.

        Raises:
            InputError: A selector names no rule.
        """
        from efs.documents.shipped import shipped_only

        with shipped_only():
            return self.workspace.validate_text(data, name, as_of=as_of, select=select or (), ignore=ignore or ())

    def render_findings(self, validation: Validation, fmt: str) -> str | bytes:
        """The findings in a registered validation format (``json``, ``sarif``, ``junit``, ``text``, ``github``…)."""
        from efs.documents.shipped import shipped_only

        with shipped_only():
            return self.workspace.render("validation", fmt, validation)

    def findings_xlsx(self, validation: Validation) -> bytes:
        """The findings as one XLSX sheet: the JSON format's fields as columns, one row per finding.

        Every text cell passes :func:`efs.neutral.xlsx_cell` (a message starting with ``=`` stays text).
        """
        import io

        import openpyxl

        from efs.conformance.formats import finding_to_dict
        from efs.neutral import xlsx_cell

        columns = [("file", "Файл"), ("line", "Строка"), ("column", "Столбец"), ("severity", "Уровень"),
                   ("code", "Код"), ("slug", "Правило"), ("message", "Сообщение"), ("path", "Путь"),
                   ("item", "Элемент"), ("source", "Пункт документа"), ("suppressed", "Подавлена")]
        labels = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Находки"
        for c, (_, title) in enumerate(columns, 1):
            xlsx_cell(sheet, 1, c, title)
        row = 1
        for f in validation.findings:
            row += 1
            data = finding_to_dict(f)
            data["severity"] = labels.get(data["severity"], data["severity"])
            data["source"] = str(f.source) if f.source is not None else None
            data["suppressed"] = "да" if f.suppressed else "нет"
            for c, (key, _) in enumerate(columns, 1):
                xlsx_cell(sheet, row, c, data[key])
        xlsx_cell(sheet, row + 2, 1, f"Проверено на {validation.as_of.isoformat()}")
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def rule(self, code: str) -> dict[str, Any] | None:
        """The rule with this code or slug, as ``efs rule CODE --format json`` prints it."""
        from efs.conformance.docs import rule_to_dict

        for r in self.registry.rules.values():
            if code in (r.code, r.slug):
                return rule_to_dict(r)
        return None

    # --- the store -----------------------------------------------------------------------------------

    def indicators(
        self, jurisdiction: str, year: int, *, by: str = "jurisdiction", show_small: bool = False,
        min_denominator: int | None = None,
    ) -> dict[str, Any]:
        """``efs indicators ID --year Y --by … --format json``: ``{"synthetic": …, "results": [...]}``."""
        config = self.configuration(jurisdiction)
        self._store()
        run = self.workspace.indicators(config, year, by, show_small=show_small, min_denominator=min_denominator)
        return run.as_dict()

    def explain(self, jurisdiction: str, indicator: str, year: int, by: str = "jurisdiction") -> str:
        """``efs indicators ID --year Y --explain IND``: definition, formula, SQL, data and values."""
        config = self.configuration(jurisdiction)
        self._store()
        return self.workspace.explain(config, indicator, year, by).text

    def report(
        self, jurisdiction: str, year: int, fmt: str, *, as_of: dt.date | None = None,
        min_denominator: int | None = None,
    ) -> bytes:
        """``efs report ID --year Y --format FMT``: the file's bytes (any registered report format)."""
        self.output_format("report", fmt)  # an unknown format is refused before any work
        config = self.configuration(jurisdiction)
        self._store()
        return self.workspace.report(config, year, fmt, as_of=as_of, min_denominator=min_denominator)

    # --- monitoring data -----------------------------------------------------------------------------

    def import_files(self, files: list[tuple[str, bytes]], *, dry_run: bool) -> ImportSummary:
        """``efs data import FILES [--dry-run]`` on uploaded files: all rows or none.

        Rejections come back in :attr:`ImportSummary.problems` (nothing written), as the CLI prints them.

        Raises:
            ReadOnly: The store is read-only and this is no dry run.
            InputError: A file is neither CSV nor XLSX.
            DataError: A file cannot be read at all (its table not recognised, a zip bomb…).
        """
        if not dry_run and not self.writable:
            raise ReadOnly("хранилище открыто только для чтения: загрузка возможна лишь с проверкой (пробный "
                           "прогон); чтобы загружать, запустите efs serve --writable")
        names = [display_name(n, f"файл{i + 1}") for i, (n, _) in enumerate(files)]
        for name in names:
            if not name.lower().endswith(DATA_SUFFIXES):
                raise InputError(f"{name}: загружаются только файлы CSV и XLSX")
        with private_directory() as tmp:
            paths = []
            for i, (name, (_, data)) in enumerate(zip(names, files, strict=True)):
                folder = tmp / str(i)  # one folder per file: two uploads of one name never collide
                folder.mkdir()
                path = folder / name
                path.write_bytes(data)
                paths.append(path)
            notes: list[str] = []
            self._store()
            try:
                done = self.workspace.import_files(paths, dry_run, verify_manifest=False, announce=notes.append)
            except DataError as exc:  # a file that cannot be read at all: its rejection, with the file named
                from efs.data.importing import ImportResult
                from efs.errors import Location, Problem
                from efs.workspace import ImportSummary as Imported

                problem = Problem(exc.message, exc.location or Location(), code="EFS005")
                done = Imported(ImportResult(), dry_run, [problem], "файл не прочитан — ничего не загружено")
            except EfsError as exc:
                raise type(exc)(_strip(exc.message, tmp)) from None
            return ImportSummary.of(done, tmp, notes)

    def template(self) -> bytes:
        """The XLSX book ``efs data template --format xlsx`` writes."""
        from efs.data.templates import write_templates

        with private_directory() as tmp:
            (path,) = write_templates(tmp, fmt="xlsx")
            return path.read_bytes()

    # --- drafting ------------------------------------------------------------------------------------

    def draft(self, filename: str | None, data: bytes, *, jurisdiction: str | None = None) -> dict[str, Any]:
        """``efs draft FILE``: the draft configuration (YAML), the review list and the document's lines.

        Raises:
            InputError: The upload is not a document efs reads, or a DOCX/ODT that unpacks to too much.
        """
        from efs.documents.model import DocumentError
        from efs.documents.reading import read

        name = display_name(filename, "положение.txt")
        if not name.lower().endswith(DOCUMENT_SUFFIXES):
            raise InputError(f"{name}: черновик строится по документу DOCX, ODT, HTML или TXT")
        with private_directory() as tmp:
            path = tmp / name
            path.write_bytes(data)
            if data.startswith(b"PK\x03\x04"):
                check_package(path, name)
            try:
                lines = list(read(path, name).lines)
                result = self.workspace.draft(path, jurisdiction=jurisdiction or None)
            except DocumentError as exc:
                raise InputError(_strip(exc.message, tmp)) from None
        return {"document": name, "yaml": result.yaml, "review": result.review_dict()["review"], "lines": lines}


class ReadOnly(InputError):
    """A write was asked of a server that was not started with a writable store."""


class NotFound(InputError):
    """What the request names does not exist (an unknown jurisdiction or rule)."""


@dataclass
class ImportSummary:
    """What an import (or its dry run) did, in the words ``efs data import`` prints.

    Attributes:
        dry_run: Nothing was written.
        committed: The rows were written.
        parts: ``{"file", "sheet", "table", "imported", "updated", "unchanged", "rejected"}`` per file or sheet.
        problems: Every rejection: ``{"message", "file", "sheet", "row", "column", "text"}``.
        message: The summary line (or why nothing was imported).
        notes: Which table each file was read as, sheets skipped.
        warnings: The aggregate returns the computation sets aside after the import (a dry run's: would set aside
            once written; :func:`efs.indicators.overlap.set_aside_returns`): each as
            ``ImportSummary.as_dict()["warnings"]`` of :class:`efs.workspace.ImportSummary` gives it (``message``,
            unit, indicator, year, reason, file, sheet, line).
    """

    dry_run: bool
    committed: bool
    parts: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    message: str
    notes: list[str]
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, done: Imported, tmp: Path, notes: list[str]) -> ImportSummary:
        """The summary of the workspace's import, with the private directory's paths taken out."""
        result = done.result
        parts = [{"file": _strip(p.file, tmp), "sheet": p.sheet, "table": p.table, "imported": p.imported,
                  "updated": p.updated, "unchanged": p.unchanged, "rejected": p.rejected} for p in result.parts]
        problems = [{"message": _strip(p.message, tmp), "file": _strip(p.location.file, tmp) or None,
                     "sheet": p.location.sheet, "row": p.location.line, "column": p.location.column,
                     "text": _strip(str(p), tmp)} for p in done.problems]
        if problems:
            message = _strip(done.message, tmp)
        else:
            verb = "проверено (пробный прогон, ничего не записано)" if done.dry_run else "загружено"
            message = (f"Итого {verb}: новых {done.total('imported')}, обновлено {done.total('updated')}, "
                       f"без изменений {done.total('unchanged')}, отклонено {done.total('rejected')}")
        warnings = [{k: _strip(v, tmp) if k in ("message", "file", "where") and isinstance(v, str) else v
                     for k, v in w.items()} for w in done.as_dict()["warnings"]]
        return cls(done.dry_run, result.committed, parts, problems, message,
                   [_strip(n, tmp) for n in [*notes, *result.notes]], warnings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON the API returns."""
        return {"dry_run": self.dry_run, "committed": self.committed, "parts": self.parts,
                "problems": self.problems, "message": self.message, "notes": self.notes,
                "warnings": self.warnings}


def _strip(text: str | None, tmp: Path) -> str:
    """``text`` without the private directory's path (``/tmp/efs-…/0/x.csv`` → ``x.csv``)."""
    if text is None:
        return ""
    return re.sub(re.escape(str(tmp)) + r"/\d+/", "", text).replace(str(tmp) + "/", "")


@contextmanager
def private_directory() -> Iterator[Path]:
    """A temporary directory only this process can read (mode 0700), removed with everything in it."""
    path = Path(tempfile.mkdtemp(prefix="efs-serve-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def check_package(path: Path, name: str) -> None:
    """Refuse a DOCX/ODT whose zip directory promises too much (a zip bomb) before a part is read.

    Raises:
        InputError: Too large unpacked, too highly compressed, or not a zip archive at all.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise InputError(f"{name}: архив документа повреждён или обрезан; сохраните документ заново") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCUMENT_UNCOMPRESSED:
        raise InputError(f"{name}: документ распаковывается в {total / 1024**2:.0f} МБ, больше допустимых "
                         f"{MAX_DOCUMENT_UNCOMPRESSED // 1024**2} МБ: это похоже на zip-бомбу; документ не открыт")
    for info in infos:
        if info.file_size > 1024**2 and info.file_size > MAX_DOCUMENT_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name}: часть {info.filename} сжата в {info.file_size // max(info.compress_size, 1)} "
                             f"раз (допустимо {MAX_DOCUMENT_RATIO}): это похоже на zip-бомбу; документ не открыт")


__all__ = ["ImportSummary", "NotFound", "ReadOnly", "Service", "display_name"]
