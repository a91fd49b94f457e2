"""What the web workspace asks of efs: the one place where the server calls the library.

Every operation the pages and the API offer is a function here, taking bytes and ids from a request and
returning what the CLI computes for the same input (the same findings, results, report and import summary),
so the CLI stays the reference and the server adds no logic of its own. Nothing from a request is used as a
path: a jurisdiction is looked up by id among the installed plugins, an upload is written under a name the
server makes in a private temporary directory (deleted afterwards), and a configuration received as text is
checked with the documents the plugins ship only (:func:`efs.documents.shipped.shipped_only`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.errors import DataError, EfsError, InputError, Location

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.data.importing import ImportResult
    from efs.model import Configuration
    from efs.registry import Registry

Results = list[tuple[str, Any, list["Finding"]]]

#: Formats of a validation's findings, as ``efs validate --format`` names them, with their media types.
VALIDATION_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/json", ".json"),
    "sarif": ("application/sarif+json", ".sarif"),
    "junit": ("application/xml", ".xml"),
    "text": ("text/plain; charset=utf-8", ".txt"),
    "github": ("text/plain; charset=utf-8", ".txt"),
}
#: Formats of the report, as ``efs report --format`` names them, with their media types.
REPORT_FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", ".html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "md": ("text/markdown; charset=utf-8", ".md"),
    "json": ("application/json", ".json"),
}
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


@dataclass
class Service:
    """The catalogue and the store the server works on, built once when it starts.

    Attributes:
        registry: The catalogue of the installed plugins.
        db: The store's URL or path (``None``: ``$EFS_DB``, else ``efs.sqlite`` in the current directory).
        writable: Whether imports may write to the store (``efs serve --writable``).
    """

    registry: Registry
    db: str | None = None
    writable: bool = False
    _configs: dict[str, Configuration] = field(default_factory=dict)

    @classmethod
    def start(cls, db: str | None = None, *, writable: bool = False) -> Service:
        """Build the catalogue from the installed plugins."""
        from efs.registry import Registry

        return cls(Registry.build(), db, writable)

    # --- jurisdictions -------------------------------------------------------------------------------

    def jurisdictions(self) -> list[tuple[str, str]]:
        """``(id, Russian name)`` of every installed jurisdiction, by id."""
        return sorted((j.id, j.name) for j in self.registry.jurisdictions.values())

    def configuration(self, jurisdiction: str) -> Configuration:
        """The configuration an installed plugin ships for ``jurisdiction`` (loaded once).

        Raises:
            InputError: No installed plugin serves that id (with the ids that exist).
        """
        if jurisdiction not in self.registry.jurisdictions:
            from efs.yamlsafe import did_you_mean

            known = sorted(self.registry.jurisdictions)
            raise NotFound(f"нет юрисдикции «{jurisdiction}»{did_you_mean(jurisdiction, known)}; "
                             f"известные: {', '.join(known)}")
        if jurisdiction not in self._configs:
            from efs.loading import load_configuration

            path = self.registry.jurisdictions[jurisdiction].config_path
            self._configs[jurisdiction] = load_configuration(path, registry=self.registry)
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
    ) -> Results:
        """Check a configuration received as bytes (or text), as ``efs validate`` checks a file of that name.

        Load errors become findings (EFS001–EFS005) exactly as for a file; the document the configuration
        encodes is looked for among the shipped documents only.

        Raises:
            InputError: A selector names no rule.
        """
        from efs.conformance import validate
        from efs.conformance.engine import cut_findings
        from efs.conformance.findings import load_findings
        from efs.documents.shipped import shipped_only
        from efs.errors import ConfigurationError, Location, PluginError, Problem
        from efs.loading import build_configuration
        from efs.yamlsafe import decode_text, parse_yaml

        day = as_of or dt.date.today()
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with shipped_only():
            try:
                config = build_configuration(parse_yaml(decode_text(raw, name), name), registry=self.registry)
            except ConfigurationError as exc:
                return [(name, None, cut_findings(load_findings(exc.problems), Location(name, 1, 1)))]
            except PluginError as exc:
                return [(name, None, load_findings([Problem(exc.message, Location(name, 1, 1), "EFS004")]))]
            found = validate(config, registry=self.registry, as_of=day, select=select or (), ignore=ignore or ())
        return [(name, config, found)]

    def render_findings(self, results: Results, fmt: str, as_of: dt.date) -> str:
        """The findings in one of ``efs validate``'s formats (``json``, ``sarif``, ``junit``, ``text``, ``github``)."""
        from efs.conformance.formats import FORMATS
        from efs.documents.shipped import shipped_only

        with shipped_only():
            return FORMATS[fmt](results, as_of, self.registry)

    def findings_xlsx(self, results: Results, as_of: dt.date) -> bytes:
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
        for _, _, findings in results:
            for f in findings:
                row += 1
                data = finding_to_dict(f)
                data["severity"] = labels.get(data["severity"], data["severity"])
                data["source"] = str(f.source) if f.source is not None else None
                data["suppressed"] = "да" if f.suppressed else "нет"
                for c, (key, _) in enumerate(columns, 1):
                    xlsx_cell(sheet, row, c, data[key])
        xlsx_cell(sheet, row + 2, 1, f"Проверено на {as_of.isoformat()}")
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

    @contextmanager
    def store(self, *, write: bool = False) -> Iterator[Any]:
        """The store, open for one request (never created: a missing one is a Russian error)."""
        from efs.data.store import open_store

        with open_store(self.db, create=False) as store:
            yield store

    def indicators(
        self, jurisdiction: str, year: int, *, by: str = "jurisdiction", show_small: bool = False,
        min_denominator: int | None = None,
    ) -> dict[str, Any]:
        """``efs indicators ID --year Y --by … --format json``: ``{"synthetic": …, "results": [...]}``."""
        from efs.indicators import MIN_DENOMINATOR
        from efs.indicators.engine import compute, is_synthetic
        from efs.indicators.plan import plan_indicators

        config = self.configuration(jurisdiction)
        plan_indicators(config, self.registry)
        with self.store() as store:
            results = compute(config, store, year=year, by=by, registry=self.registry, show_small=show_small,
                              min_denominator=min_denominator or MIN_DENOMINATOR)
            synthetic = is_synthetic(store, config.jurisdiction.id)
        from efs.indicators.output import to_json

        data: dict[str, Any] = json.loads(to_json(results, synthetic=synthetic))
        return data

    def report(
        self, jurisdiction: str, year: int, fmt: str, *, as_of: dt.date | None = None,
        min_denominator: int | None = None,
    ) -> bytes:
        """``efs report ID --year Y --format FMT``: the file's bytes."""
        from efs.indicators import MIN_DENOMINATOR
        from efs.report import build_report, render_text

        config = self.configuration(jurisdiction)
        with self.store() as store:
            data = build_report(config, store, year=year, as_of=as_of, registry=self.registry,
                                min_denominator=min_denominator or MIN_DENOMINATOR)
        if fmt != "xlsx":
            return render_text(data, fmt).encode("utf-8")
        from efs.report.xlsx import write_xlsx

        with private_directory() as tmp:
            target = tmp / "report.xlsx"
            write_xlsx(data, target)
            return target.read_bytes()

    # --- monitoring data -----------------------------------------------------------------------------

    def import_files(self, files: list[tuple[str, bytes]], *, dry_run: bool) -> ImportSummary:
        """``efs data import FILES [--dry-run]`` on uploaded files: all rows or none.

        Rejections come back in :attr:`ImportSummary.problems` (nothing written), as the CLI prints them.

        Raises:
            InputError: A file is neither CSV nor XLSX, or the store is read-only and this is no dry run.
        """
        from efs.data.importing import import_files
        from efs.indicators.kinds import indicator_kinds

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
            with self.store(write=not dry_run) as store:
                try:
                    result = import_files(store, paths, dry_run=dry_run, announce=notes.append,
                                          verify_manifest=False, indicator_kinds=indicator_kinds)
                except DataError as exc:
                    return ImportSummary.rejected(exc, tmp, dry_run)
            return ImportSummary.of(result, tmp, dry_run, notes)

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
        from efs.drafting.draft import draft_document
        from efs.drafting.output import to_yaml
        from efs.drafting.precedents import installed
        from efs.model.base import ID_MESSAGE, ID_PATTERN

        name = display_name(filename, "положение.txt")
        if not name.lower().endswith(DOCUMENT_SUFFIXES):
            raise InputError(f"{name}: черновик строится по документу DOCX, ODT, HTML или TXT")
        if jurisdiction and not re.match(ID_PATTERN, jurisdiction):
            raise InputError(f"идентификатор «{jurisdiction}» не годится: {ID_MESSAGE}")
        with private_directory() as tmp:
            path = tmp / name
            path.write_bytes(data)
            if data.startswith(b"PK\x03\x04"):
                check_package(path, name)
            try:
                document = read(path, name)
            except DocumentError as exc:
                raise InputError(exc.message) from None
        precedents, functions, kinds = installed()
        result = draft_document(document, precedents=precedents, functions=functions, kinds=kinds,
                                jurisdiction=jurisdiction or None)
        return {
            "document": name,
            "yaml": to_yaml(result),
            "review": [r.as_dict() for r in result.review],
            "lines": list(document.lines),
        }


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
    """

    dry_run: bool
    committed: bool
    parts: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    message: str
    notes: list[str]

    @classmethod
    def of(cls, result: ImportResult, tmp: Path, dry_run: bool, notes: list[str]) -> ImportSummary:
        parts = [{"file": _strip(p.file, tmp), "sheet": p.sheet, "table": p.table, "imported": p.imported,
                  "updated": p.updated, "unchanged": p.unchanged, "rejected": p.rejected} for p in result.parts]
        verb = "проверено (пробный прогон, ничего не записано)" if dry_run else "загружено"
        message = (f"Итого {verb}: новых {result.total('imported')}, обновлено {result.total('updated')}, "
                   f"без изменений {result.total('unchanged')}, отклонено {result.total('rejected')}")
        return cls(dry_run, result.committed, parts, [], message,
                   [_strip(n, tmp) for n in [*notes, *result.notes]])

    @classmethod
    def rejected(cls, exc: DataError, tmp: Path, dry_run: bool) -> ImportSummary:
        problems = []
        from efs.errors import Problem

        for p in exc.problems or [Problem(exc.message, exc.location or Location())]:
            loc = p.location
            problems.append({
                "message": _strip(p.message, tmp),
                "file": _strip(loc.file, tmp) if loc is not None and loc.file else None,
                "sheet": loc.sheet if loc is not None else None,
                "row": loc.line if loc is not None else None,
                "column": loc.column if loc is not None else None,
                "text": _strip(str(p), tmp),
            })
        return cls(dry_run, False, [], problems, _strip(exc.message, tmp), [])

    def to_dict(self) -> dict[str, Any]:
        """The JSON the API returns."""
        return {"dry_run": self.dry_run, "committed": self.committed, "parts": self.parts,
                "problems": self.problems, "message": self.message, "notes": self.notes}


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


__all__ = ["REPORT_FORMATS", "VALIDATION_FORMATS", "EfsError", "ImportSummary", "NotFound", "ReadOnly", "Service",
           "display_name"]
