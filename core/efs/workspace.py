"""The application layer: one object that every front end calls — the CLI, the pytest plugin, ``efs demo``,
``efs serve``.

A :class:`Workspace` holds the catalogue (a typed :class:`~efs.registry.Registry`, built once) and, opened
on first use, the monitoring store. Its methods do what a command does — resolve the target, load, plan,
compute — and return typed results; the front end only chooses a format and prints (or sends) it. The JSON
that ``--format json`` prints is the result's :meth:`as_dict` (``Validation``, ``IndicatorRun``,
``ImportSummary``) or the data the result carries (``ReportRun.data``, ``Comparison.as_dict()``), so the
web API returns exactly the CLI's shapes::

    from efs.workspace import Workspace

    with Workspace("monitoring.sqlite") as ws:               # read-only unless writable=True
        ws.resolve("amur")                                   # Resolved(target, path, jurisdiction)
        v = ws.validate_path("config/amur.yaml")              # Validation; v.as_dict() == --format json
        v = ws.validate_text(yaml_text, "upload.yaml")        # the same for an upload, nothing on disk
        run = ws.indicators("amur", 2025, "municipality")     # IndicatorRun (by: the territory of results)
        text = ws.explain("amur", "ind_1", 2025)              # Explanation: definition, SQL, data
        data = ws.report("amur", 2025, "xlsx")                # bytes of the справка in a registered format
        summary = ws.import_files([...], dry_run=True)        # ImportSummary (rejections listed, nothing written)
        draft = ws.draft(Path("положение.docx"))              # DraftResult: configuration YAML + review list
        cmp = ws.diff("old.yaml", "new.yaml")                 # Comparison (efs.diff)
        ws.formats("validation")                              # [OutputFormat …]: the --format choices

Targets are what the command line accepts: a path of a YAML file or the id of an installed jurisdiction;
the methods that compute also take a loaded :class:`~efs.model.Configuration`.
User errors raise :class:`efs.errors.EfsError` subclasses with Russian messages (the CLI prints them; the
web answers 4xx); a configuration's own errors are findings of the :class:`Validation`, not exceptions.
Writing needs ``writable=True``: a read-only workspace never creates a store or writes a row.

A workspace may serve several threads at once (a web server's workers): the catalogue and the store are
made once, under a lock, and the methods keep nothing between calls. Nothing heavy is imported until a
method needs it: ``import efs.workspace`` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.conformance.suppression import Baseline
    from efs.data.export import Exported
    from efs.data.importing import ImportResult
    from efs.data.store import Store
    from efs.data.synth import SynthSummary
    from efs.diff.comparison import Comparison
    from efs.drafting.draft import Draft
    from efs.errors import Location, Problem
    from efs.formats import OutputFormat
    from efs.indicators.analytics import AnalyticsSummary
    from efs.indicators.overlap import SetAside
    from efs.indicators.results import IndicatorResult
    from efs.model import Configuration
    from efs.progress import Progress
    from efs.registry import JurisdictionInfo, Registry

#: One checked file: its name, the configuration (``None`` when it did not load) and its findings.
FileResult = tuple[str, "Configuration | None", "list[Finding]"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a target names.

    Attributes:
        target: As given (a path or a jurisdiction id).
        path: The configuration file.
        jurisdiction: The installed jurisdiction when the target was its id, else ``None``.
    """

    target: str
    path: Path
    jurisdiction: JurisdictionInfo | None = None


@dataclass(slots=True)
class Validation:
    """The findings of one or more configurations, checked on one date.

    Attributes:
        as_of: The date deadlines were checked against.
        results: ``(file, configuration or None, findings)`` per file, findings sorted by position.
        registry: The catalogue the rules came from (formats name the rules from it).
    """

    as_of: dt.date
    results: list[FileResult]
    registry: Registry

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every file."""
        return [f for _, _, found in self.results for f in found]

    def summary(self) -> dict[str, int]:
        """Counts: files, active errors, warnings and infos, suppressed findings."""
        from efs.conformance.formats import summary

        return summary(self.results)

    def exit_code(self, *, strict: bool = False) -> int:
        """1 when an unsuppressed error (with ``strict``, also a warning) remains; else 0."""
        from efs.conformance.formats import exit_code

        return exit_code(self.results, strict=strict)

    def as_dict(self) -> dict[str, Any]:
        """The document ``efs validate --format json`` prints (``docs/rules.md``)."""
        from efs.conformance.formats import validation_dict

        return validation_dict(self.results, self.as_of)


@dataclass(slots=True)
class IndicatorRun:
    """Every indicator of a configuration computed for one year and territory.

    Attributes:
        config: The configuration.
        year: The report year.
        by: The territory of the results: ``jurisdiction``, ``municipality`` or ``organization``.
        results: One result per indicator (and sub-measure) per territory.
        synthetic: The jurisdiction's data in the store was synthesised (``efs data synth``).
        labels: Indicator id → its name as the documents give it («показатель № 3», «федеральный
            показатель № 1»; :class:`efs.report.names.Namer`), for the outputs people read.
        set_aside: The aggregate returns of the year the computation did not use, with the reason (its
            by-product: :func:`efs.indicators.compute`, ``set_aside``).
    """

    config: Configuration
    year: int
    by: str
    results: list[IndicatorResult]
    synthetic: bool
    labels: dict[str, str] = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The document ``efs indicators --format json`` prints."""
        from efs.indicators.output import document

        return document(self.results, synthetic=self.synthetic, labels=self.labels, set_aside=self.set_aside)

    def set_aside_note(self) -> str | None:
        """The Russian line saying that returns were set aside, how many by reason and where to see them (``None``
        when none was; :func:`efs.indicators.overlap.computation_note`)."""
        from efs.indicators.overlap import computation_note

        return computation_note(self.set_aside)


@dataclass(frozen=True, slots=True)
class Explanation:
    """``efs indicators --explain``: one indicator's definition, formula, SQL and data, as text."""

    indicator_id: str
    text: str


@dataclass(slots=True)
class ReportRun:
    """The annual справка of a jurisdiction, built (render it with :meth:`Workspace.render`).

    Attributes:
        config: The configuration.
        data: The report's data: the JSON format (``docs/report.md``).
    """

    config: Configuration
    data: dict[str, Any]

    @property
    def synthetic(self) -> bool:
        """The report was computed from synthesised data."""
        return bool(self.data["synthetic"])


@dataclass(slots=True)
class ImportSummary:
    """What an import did (or, as a dry run, would do).

    Attributes:
        result: Per file (or sheet) counts: new, updated, unchanged, rejected.
        dry_run: Nothing was written.
        problems: The rejected rows (file, sheet, row, column and a Russian reason); when there are any,
            nothing was written either.
        message: The Russian sentence that sums the rejection up (empty when nothing was rejected).
        set_aside: The aggregate returns of the jurisdictions imported to that the computation does not use
            (:func:`efs.indicators.overlap.set_aside_returns`) after the import — for a dry run, would not use
            once the files are written: warnings, not errors.
    """

    result: ImportResult
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    set_aside: list[SetAside] = field(default_factory=list)

    def where(self, item: SetAside) -> Location | None:
        """The file, sheet and row of a set-aside return, when this import loaded it."""
        return self.result.returns_at.get(item.key)

    def warning_lines(self, first: int = 10) -> list[str]:
        """The Russian warning about the returns set aside, (:func:`efs.indicators.overlap.summary_lines`)."""
        from efs.indicators.overlap import summary_lines

        places = {i.key: str(loc) for i in self.set_aside if (loc := self.where(i)) is not None}
        return summary_lines(self.set_aside, first=first, where=places, dry_run=self.dry_run)

    @property
    def ok(self) -> bool:
        """No row was rejected."""
        return not self.problems

    def total(self, what: str) -> int:
        """Sum of one counter (``imported``, ``updated``, ``unchanged``, ``rejected``) over the files."""
        return self.result.total(what)

    def as_dict(self) -> dict[str, Any]:
        """Counts per file and in total, notes and rejections, as plain data."""
        from dataclasses import asdict

        return {
            "dry_run": self.dry_run,
            "committed": self.result.committed,
            "parts": [asdict(p) for p in self.result.parts],
            "total": {k: self.total(k) for k in ("imported", "updated", "unchanged", "rejected")},
            "notes": list(self.result.notes),
            "message": self.message,
            "warnings": [self._warning(i) for i in self.set_aside],
            "rejected": [
                {"message": p.message, "code": p.code, "file": p.location.file, "line": p.location.line,
                 "column": p.location.column, "where": str(p.location)}
                for p in self.problems
            ],
        }

    def _warning(self, item: SetAside) -> dict[str, Any]:
        loc = self.where(item)
        where = str(loc) if loc is not None else None
        return {"message": f"{where}: {item.text()}" if where else item.text(), **item.as_dict(),
                "file": loc.file if loc else None, "sheet": loc.sheet if loc else None,
                "line": loc.line if loc else None, "where": where}


@dataclass(slots=True)
class DraftResult:
    """A Положение drafted into a configuration to review.

    Attributes:
        draft: The drafted data and its review list.
        yaml: The configuration as written (items to check marked «ПРОВЕРИТЬ»).
    """

    draft: Draft
    yaml: str

    def review_text(self) -> str:
        """The review list for a terminal."""
        from efs.drafting.output import review_text

        return review_text(self.draft)

    def review_dict(self) -> dict[str, Any]:
        """The review list as ``efs draft --review-json`` writes it."""
        import json

        from efs.drafting.output import review_json

        data: dict[str, Any] = json.loads(review_json(self.draft))
        return data


class Workspace:
    """The catalogue and the store, and every operation of efs on them.

    Args:
        db_url: The monitoring store: a SQLAlchemy URL or a SQLite path; ``None`` — ``$EFS_DB`` or
            ``efs.sqlite`` (see :func:`efs.data.store.open_store`). Opened on first use.
        writable: May write to the store (imports, synthesis). Read-only by default.
        registry: The catalogue; built from the installed plugins on first use by default.
        create: Create the store when it is missing or empty (default: when ``writable``).
    """

    def __init__(
        self,
        db_url: str | None = None,
        *,
        writable: bool = False,
        registry: Registry | None = None,
        create: bool | None = None,
    ) -> None:
        self.db_url = db_url
        self.writable = writable
        self.create = writable if create is None else create and writable
        self._registry = registry
        self._store: Store | None = None
        self._lock = threading.Lock()

    # --- the catalogue and the store -------------------------------------------------------

    @property
    def registry(self) -> Registry:
        """The catalogue of every installed plugin (built once, on first use)."""
        with self._lock:
            if self._registry is None:
                from efs.registry import Registry

                self._registry = Registry.build()
            return self._registry

    @property
    def store(self) -> Store:
        """The monitoring store, opened on first use (created only when the workspace is writable and ``create``).

        Raises:
            StoreError: The store cannot be opened (missing file of a read-only workspace, bad URL, …).
        """
        with self._lock:
            if self._store is None:
                from efs.data.store import open_store

                self._store = open_store(self.db_url, create=self.create)
            return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def formats(self, kind: str) -> list[OutputFormat]:
        """The registered output formats of ``kind`` (``validation``, ``indicators``, ``report``, ``diff``)."""
        return self.registry.formats_of(kind)

    def output_format(self, kind: str, name: str) -> OutputFormat:
        """The format ``name`` of ``kind``.

        Raises:
            InputError: No such format (the message lists the known ones).
        """
        found = self.registry.formats.get(f"{kind}:{name}")
        if found is None:
            from efs.errors import InputError

            known = ", ".join(f.name for f in self.formats(kind))
            raise InputError(f"неизвестный формат «{name}»; известны: {known}")
        return found

    def render(self, kind: str, name: str, result: Any) -> str | bytes:
        """``result`` (of ``kind``) in the format ``name``: text, or bytes for a binary format."""
        return self.output_format(kind, name).render(result)

    # --- configurations --------------------------------------------------------------------

    def resolve(self, target: str | Path) -> Resolved:
        """The configuration file ``target`` names: a YAML path or an installed jurisdiction's id.

        Raises:
            InputError: Neither an existing file nor a known jurisdiction (with a did-you-mean), or a
                directory.
        """
        from efs.errors import InputError
        from efs.loading import collect_paths

        text = str(target)
        info = None if Path(text).exists() else self.registry.jurisdictions.get(text)
        paths = collect_paths([text], self.registry)
        if len(paths) != 1:
            raise InputError(f"нужна одна конфигурация, а {text} даёт {len(paths)}")
        return Resolved(text, paths[0], info)

    def paths(self, targets: Iterable[str | Path]) -> list[Path]:
        """Configuration files of several targets (files, directories, jurisdiction ids), in order."""
        from efs.loading import collect_paths

        return collect_paths([str(t) for t in targets], self.registry)

    def load(self, target: str | Path, *, max_bytes: int | None = None) -> Configuration:
        """The configuration ``target`` names (:func:`efs.loading.load_one`).

        Raises:
            InputError: Unknown target. ConfigurationError: The configuration has errors (located).
            PluginError: A plugin it needs is missing or failed.
        """
        from efs.loading import load_one

        return load_one(target if isinstance(target, Path) else str(target), self.registry, max_bytes=max_bytes)

    def _config(self, target: str | Path | Configuration) -> Configuration:
        from efs.model import Configuration

        return target if isinstance(target, Configuration) else self.load(target)

    def load_checked(
        self, target: str | Path, *, max_bytes: int | None = None, text: str | bytes | None = None
    ) -> tuple[Configuration | None, list[Finding]]:
        """The configuration, or ``None`` and why it does not load as findings (EFS001–EFS005)."""
        from efs.conformance.engine import load_checked

        return load_checked(target, registry=self.registry, max_bytes=max_bytes, text=text)

    # --- validation ------------------------------------------------------------------------

    def check(
        self,
        config: Configuration,
        *,
        as_of: dt.date | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        baseline: Baseline | None = None,
    ) -> list[Finding]:
        """Run the rules on a loaded configuration (:func:`efs.conformance.validate`)."""
        from efs.conformance import validate

        return validate(config, registry=self.registry, as_of=as_of, select=select, ignore=ignore, baseline=baseline)

    def validate(
        self,
        targets: Iterable[str | Path],
        *,
        as_of: dt.date | None = None,
        max_bytes: int | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        baseline: Baseline | None = None,
        only: Callable[[Path], bool] | None = None,
    ) -> Validation:
        """Check configurations: files, directories of them, jurisdiction ids (``efs validate``).

        Args:
            targets: What to check.
            as_of: The date deadlines are checked against (today by default).
            max_bytes: Refuse larger files (a finding, EFS001).
            select: Codes, prefixes or slugs of the rules to run (all when empty).
            ignore: Rules not to run.
            baseline: Findings it lists are marked suppressed.
            only: Keep the files this accepts (``--only-configurations``).

        Raises:
            InputError: A target is unknown, or a selector names no rule.
        """
        paths = self.paths(targets)
        if only is not None:
            paths = [p for p in paths if only(p)]
        return self._validate([(p, None) for p in paths], as_of=as_of, max_bytes=max_bytes, select=select,
                              ignore=ignore, baseline=baseline)

    def validate_path(self, path: str | Path, *, as_of: dt.date | None = None) -> Validation:
        """Check one configuration file or jurisdiction (``efs validate PATH``)."""
        return self.validate([path], as_of=as_of)

    def validate_text(
        self,
        text: str | bytes,
        name: str,
        *,
        as_of: dt.date | None = None,
        max_bytes: int | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> Validation:
        """Check a configuration given as text or bytes (an upload, an editor's buffer); ``name`` is the
        file name its findings are located in. Nothing is read from or written to disk."""
        return self._validate([(Path(name), text)], as_of=as_of, max_bytes=max_bytes, select=select,
                              ignore=ignore, baseline=None)

    def _validate(
        self,
        sources: list[tuple[Path, str | bytes | None]],
        *,
        as_of: dt.date | None,
        max_bytes: int | None,
        select: Sequence[str],
        ignore: Sequence[str],
        baseline: Baseline | None,
    ) -> Validation:
        from efs.conformance import validate_paths

        day = as_of or dt.date.today()
        texts = {path: text for path, text in sources if text is not None}
        results = validate_paths([path for path, _ in sources], registry=self.registry, as_of=day,
                                 max_bytes=max_bytes, select=select, ignore=ignore, baseline=baseline, texts=texts)
        return Validation(day, results, self.registry)

    # --- indicators and reports ------------------------------------------------------------

    def indicators(
        self,
        target: str | Path | Configuration,
        year: int,
        by: str = "jurisdiction",
        *,
        show_small: bool = False,
        min_denominator: int | None = None,
    ) -> IndicatorRun:
        """Every indicator of the configuration for ``year`` from the store (``efs indicators``).

        Args:
            target: The configuration (path or jurisdiction id).
            year: The report year.
            by: The territory of the results: ``jurisdiction``, ``municipality`` or ``organization``.
            show_small: Show results whose denominator is below ``min_denominator``.
            min_denominator: Smallest denominator shown (:data:`efs.indicators.MIN_DENOMINATOR` by default).

        Raises:
            ConfigurationError: The configuration or one of its formulas is wrong (found before the store
                is opened). StoreError: The store cannot be read.
        """
        from efs.indicators import MIN_DENOMINATOR
        from efs.indicators.engine import compute, is_synthetic
        from efs.indicators.plan import plan_indicators

        config = self._config(target)
        plans = plan_indicators(config, self.registry)  # formula errors first, located, before the store
        set_aside: list[SetAside] = []
        results = compute(config, self.store, year=year, by=by, registry=self.registry, show_small=show_small,
                          min_denominator=min_denominator or MIN_DENOMINATOR, plans=plans, set_aside=set_aside)
        from efs.report.names import Namer

        return IndicatorRun(config, year, by, results, is_synthetic(self.store, config.jurisdiction.id),
                            Namer(config, self.registry).indicators, set_aside)

    def explain(
        self,
        target: str | Path | Configuration,
        indicator_id: str,
        year: int,
        by: str = "jurisdiction",
        *,
        show_small: bool = False,
        min_denominator: int | None = None,
    ) -> Explanation:
        """One indicator's definition, formula, SQL, data and values (``efs indicators --explain``).

        Raises:
            InputError: The configuration has no such indicator (with a did-you-mean).
        """
        from efs.errors import InputError
        from efs.indicators import MIN_DENOMINATOR
        from efs.indicators.engine import compute
        from efs.indicators.explain import explain, reading_plans
        from efs.indicators.plan import plan_indicators
        from efs.indicators.sql import FormulaContext

        config = self._config(target)
        plans = {p.indicator.id: p for p in plan_indicators(config, self.registry)}
        if indicator_id not in plans:
            from efs.yamlsafe import did_you_mean

            raise InputError(f"нет показателя {indicator_id}{did_you_mean(indicator_id, sorted(plans))}; "
                             f"есть: {', '.join(plans)}")
        store = self.store
        scopes = ("jurisdiction", by if by != "jurisdiction" else "municipality")
        kwargs: dict[str, Any] = {"year": year, "registry": self.registry, "show_small": show_small,
                                  "min_denominator": min_denominator or MIN_DENOMINATOR}

        plan = plans[indicator_id]
        alternatives = reading_plans(plan)
        # Computed with every other indicator, so the indicator and each reading hide what their population
        # hides in every output (a reading counting the same people as an indicator is one table with it).
        every = [*plans.values(), *(alt for _, alt in alternatives)]
        results = compute(config, store, by=scopes, plans=every, **kwargs)
        shown = [r for r in results if r.indicator_id == indicator_id]
        readings = [(label, [r for r in results if r.indicator_id == alt.indicator.id]) for label, alt in alternatives]
        ctx = FormulaContext(config.jurisdiction.id, year, dialect=store.dialect)
        return Explanation(indicator_id, explain(plan, ctx, store.engine.dialect, shown, readings))

    def build_report(
        self,
        target: str | Path | Configuration,
        year: int,
        *,
        as_of: dt.date | None = None,
        min_denominator: int | None = None,
    ) -> ReportRun:
        """The annual справка's data (``efs report``): render it with :meth:`render` or :meth:`report`."""
        from efs.indicators import MIN_DENOMINATOR
        from efs.report import build_report

        config = self._config(target)
        data = build_report(config, self.store, year=year, as_of=as_of, registry=self.registry,
                            min_denominator=min_denominator or MIN_DENOMINATOR)
        return ReportRun(config, data)

    def report(
        self,
        target: str | Path | Configuration,
        year: int,
        fmt: str,
        *,
        as_of: dt.date | None = None,
        min_denominator: int | None = None,
    ) -> bytes:
        """The справка in the registered report format ``fmt`` (``html``, ``xlsx``, ``md``, ``json``, a
        plugin's), as the bytes of the file ``efs report`` writes."""
        chosen = self.output_format("report", fmt)
        built = self.build_report(target, year, as_of=as_of, min_denominator=min_denominator)
        out = chosen.render(built.data)
        return out if isinstance(out, bytes) else out.encode("utf-8")

    # --- data, drafts and comparisons -------------------------------------------------------

    def export(
        self,
        out_dir: str | Path,
        *,
        jurisdiction: str | None = None,
        tables: Iterable[str] = (),
        include_person_rows: bool = False,
        warn: Callable[[str], None] | None = None,
    ) -> list[Exported]:
        """Write the store's tables as CSV for Excel (``efs data export``).

        Without ``include_person_rows`` the export is for publication: it writes no aggregate return of a
        cell the indicators hide (:mod:`efs.indicators.disclosure`), and none of a jurisdiction whose
        configuration is not installed (which cells are hidden cannot be known; ``warn`` is told).

        Raises:
            InputError: A person-level table without ``include_person_rows``, or an unknown table.
        """
        from efs.data.export import export_tables
        from efs.errors import EfsError
        from efs.indicators.engine import suppressed_cells

        configs: dict[str, Configuration | None] = {}
        hidden: dict[tuple[str, int], set[tuple[str, str, str]]] = {}

        def withhold(jur: str, indicator: str, year: int, scope: str, scope_id: str) -> bool:
            if jur not in configs:
                try:
                    configs[jur] = self.load(jur)
                except EfsError:
                    configs[jur] = None
                    if warn is not None:
                        warn(f"сводные данные юрисдикции {jur} не выгружены: её конфигурация не установлена, "
                             "и нельзя определить, какие значения скрыты")
            config = configs[jur]
            if config is None:
                return True
            if (jur, year) not in hidden:
                hidden[jur, year] = suppressed_cells(config, self.store, year=year, registry=self.registry)
            return (indicator, scope, scope_id) in hidden[jur, year]

        return export_tables(self.store, Path(out_dir), jurisdiction=jurisdiction, tables=tables,
                             include_person_rows=include_person_rows,
                             withhold=None if include_person_rows else withhold)

    def import_files(
        self,
        paths: Sequence[str | Path],
        dry_run: bool,
        *,
        jurisdiction: str | None = None,
        table: str | None = None,
        encoding: str | None = None,
        verify_manifest: bool = True,
        progress: Progress | None = None,
        announce: Callable[[str], None] | None = None,
    ) -> ImportSummary:
        """Import CSV/XLSX returns, all or nothing (``efs data import``); every row checked.

        Rejected rows are listed in the summary (and nothing is written); a file that cannot be read at
        all raises.

        Raises:
            InputError: A real import on a read-only workspace.
            DataError: A file cannot be read or its table recognised.
        """
        from efs.data.importing import ImportResult, import_files
        from efs.errors import DataError
        from efs.indicators.kinds import indicator_kinds

        if not dry_run:
            self._writing("загрузка данных невозможна (проверить файлы можно пробной загрузкой)")
        try:
            result = import_files(self.store, [Path(p) for p in paths], jurisdiction=jurisdiction, table=table,
                                  encoding=encoding, dry_run=dry_run, progress=progress, announce=announce,
                                  verify_manifest=verify_manifest,
                                  indicator_kinds=lambda ids: indicator_kinds(ids, self.registry))
        except DataError as exc:
            if not exc.problems:
                raise
            return ImportSummary(ImportResult(), dry_run, list(exc.problems), exc.message)
        return ImportSummary(result, dry_run, set_aside=self._set_aside(result))

    def _set_aside(self, result: ImportResult) -> list[SetAside]:
        """The returns set aside in the jurisdictions an import wrote to (a dry run: would write to, the returns of
        its files checked as if written); a note for one whose configuration is not installed (then nothing tells
        which returns the computation would use), and for a dry run that would change more than returns (the
        person-level rows it would write are not in the store yet, so the check waits for the real import)."""
        from efs.errors import EfsError
        from efs.indicators.overlap import set_aside_returns

        pending = [] if result.committed else result.returns
        changing = sorted({p.table for p in result.parts if p.table != "aggregate_returns" and p.imported + p.updated})
        out: list[SetAside] = []
        for jur in sorted(result.jurisdictions):
            if not result.committed and changing:
                if self._holds_returns(jur) or any(r["jurisdiction_id"] == jur for r in pending):
                    result.notes.append(
                        f"сводные отчёты юрисдикции {jur} при пробной загрузке не сверены с персональными данными: "
                        f"загрузка меняет и другие таблицы ({', '.join(changing)}), а расчёт читает их из "
                        "хранилища — сверка будет после записи")
                continue
            try:
                config = self.load(jur)
            except EfsError:
                result.notes.append(f"сводные отчёты юрисдикции {jur} не сверены с персональными данными: её "
                                    "конфигурация не установлена")
                continue
            try:
                out += set_aside_returns(config, self.store, registry=self.registry, pending=pending)
            except EfsError as exc:  # the rows are written: say why they were not checked, do not fail
                result.notes.append(f"сводные отчёты юрисдикции {jur} не сверены с персональными данными: {exc}")
        return out

    def _holds_returns(self, jurisdiction: str) -> bool:
        """Whether the store holds any aggregate return of the jurisdiction."""
        import sqlalchemy as sa

        from efs.data import schema as S

        a = S.aggregate_returns
        with self.store.engine.connect() as conn:
            found = conn.execute(sa.select(a.c.year).where(a.c.jurisdiction_id == jurisdiction).limit(1)).first()
        return found is not None

    def synthesize(
        self,
        target: str | Path | Configuration,
        *,
        staff: int,
        year: int,
        years: int = 1,
        seed: int = 0,
        progress: Progress | None = None,
    ) -> SynthSummary:
        """Replace the jurisdiction's data with synthetic data (``efs data synth``; :func:`efs.synthesize`).

        Raises:
            InputError: The workspace is read-only.
        """
        from efs.synthesis import synthesize

        self._writing("синтез данных невозможен")
        return synthesize(self.store, self._config(target), staff=staff, year=year, years=years, seed=seed,
                          progress=progress, registry=self.registry)

    def build_analytics(
        self, target: str | Path | Configuration, years: Iterable[int], *, progress: Progress | None = None
    ) -> AnalyticsSummary:
        """Build the analytics tables of the jurisdiction for ``years`` (``efs data analytics``).

        Raises:
            InputError: The workspace is read-only.
        """
        from efs.indicators.analytics import build

        self._writing("построение аналитических таблиц невозможно")
        return build(self.store, self._config(target), years=years, registry=self.registry, progress=progress)

    def _writing(self, what: str) -> None:
        if not self.writable:
            from efs.errors import InputError

            raise InputError(f"хранилище открыто только для чтения: {what}")

    def draft(self, path: str | Path, *, jurisdiction: str | None = None) -> DraftResult:
        """A configuration drafted from a Положение (DOCX, ODT, TXT, HTML), checked to load (``efs draft``).

        Raises:
            InputError: The document cannot be read, or ``jurisdiction`` is not an id.
        """
        import re

        from efs.documents.reading import read
        from efs.drafting.draft import draft_document
        from efs.drafting.output import to_yaml
        from efs.drafting.precedents import installed
        from efs.errors import InputError
        from efs.model.base import ID_MESSAGE, ID_PATTERN

        if jurisdiction is not None and not re.match(ID_PATTERN, jurisdiction):
            raise InputError(f"--id «{jurisdiction}» не годится как идентификатор: {ID_MESSAGE}")
        document = read(Path(path))
        precedents, functions, kinds = installed(registry=self.registry)
        result = draft_document(document, precedents=precedents, functions=functions, kinds=kinds,
                                jurisdiction=jurisdiction)
        return DraftResult(result, to_yaml(result))

    def diff(
        self,
        old: str | Path | Configuration,
        new: str | Path | Configuration,
        *,
        as_of: dt.date | None = None,
        with_store: bool = False,
        year: int | None = None,
        min_denominator: int | None = None,
    ) -> Comparison:
        """The сравнительная таблица of two versions and what the change does (``efs diff``).

        Args:
            old: The previous version (path or jurisdiction id).
            new: The new version.
            as_of: The date both are checked on (today by default).
            with_store: Compute the indicators' values and verdicts of both versions from the store.
            year: The year of those values (the last year with data by default).
            min_denominator: Smallest denominator shown.

        Raises:
            InputError: A version does not load (its errors listed).
        """
        from efs.diff import compare
        from efs.errors import ConfigurationError, InputError
        from efs.indicators import MIN_DENOMINATOR

        versions = []
        for target, what in ((old, "прежней"), (new, "новой")):
            try:
                versions.append(self._config(target))
            except ConfigurationError as exc:
                raise InputError(f"сравнить не удалось: в {what} редакции ({target}) ошибки:\n{exc}") from exc
        return compare(versions[0], versions[1], registry=self.registry, as_of=as_of,
                       store=self.store if with_store else None, year=year,
                       min_denominator=min_denominator or MIN_DENOMINATOR, old_name=_name(old), new_name=_name(new))


def _name(target: str | Path | Configuration) -> str | None:
    """How a comparison names a version given as ``target`` (a loaded configuration: its own default)."""
    return str(target) if isinstance(target, (str, Path)) else None
