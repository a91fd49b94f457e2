"""``efs demo``: the whole pipeline on the bundled configurations, from validation to reports, in seconds."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import click

#: How many errors of a jurisdiction the demo prints (the rest are counted, never dropped silently).
ERRORS_SHOWN = 3
LOAD_ERRORS_SHOWN = 5


def _say(text: str) -> None:
    click.echo(text, err=True)


def _seconds(value: float) -> str:
    """Seconds with one decimal and the Russian decimal comma: «4,3»."""
    return f"{value:.1f}".replace(".", ",")


def _say_cut(total: int, shown: int, command: str) -> None:
    """Say how many of ``total`` items a list printed with ``shown`` leaves out, and where to see them all."""
    if total > shown:
        _say(f"    … не показано ещё: {total - shown} из {total} (все — {command})")


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("efs-demo"),
    show_default=True,
    help="Каталог для хранилища и отчётов (создаётся; прежнее хранилище демонстрации заменяется).",
)
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help="Год данных и отчётов (по умолчанию — прошлый год).",
)
@click.option(
    "--staff",
    type=click.IntRange(10, 2000),
    default=2000,
    show_default=True,
    help="Сколько работников синтезировать на юрисдикцию (не более 2000).",
)
@click.option(
    "--years",
    type=click.IntRange(1, 5),
    default=1,
    show_default=True,
    help="Сколько лет данных синтезировать (для графиков по годам — больше одного).",
)
@click.option("--seed", type=click.IntRange(0, 2**31 - 1), default=0, show_default=True,
              help="Зерно синтеза: то же зерно — те же данные.")
def demo(out_dir: Path, year: int | None, staff: int, years: int, seed: int) -> int:
    """Главная работа целиком на поставляемых конфигурациях: проверка, данные, показатели, отчёты.

    Для каждой юрисдикции: проверить положение (находки показываются, но не останавливают работу),
    синтезировать данные мониторинга за год во встроенное хранилище SQLite, рассчитать показатели и
    записать аналитическую справку во всех форматах (HTML, XLSX, Markdown, JSON). Данные синтетические,
    и отчёты помечены «СИНТЕТИЧЕСКИЕ ДАННЫЕ».
    """
    from efs.cli.options import workspace
    from efs.cli.progress import progress_bar
    from efs.errors import InputError
    from efs.formats import write
    from efs.report import default_as_of
    from efs.report.words import count

    started = time.perf_counter()
    year = year or dt.date.today().year - 1
    as_of = default_as_of(year)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"не удалось создать каталог {out_dir}: {exc.strerror or exc}") from exc
    db = out_dir / "efs-demo.sqlite"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    ws = workspace(str(db), writable=True)
    jurisdictions = sorted(ws.registry.jurisdictions.values(), key=lambda j: j.id)
    formats = ws.formats("report")
    total = len(jurisdictions)
    _say(f"efs demo: {count(total, 'юрисдикция')}, год {year}, до {count(staff, 'работник', 'gent')} на "
         f"юрисдикцию; каталог {out_dir}")
    written: list[tuple[str, list[Path]]] = []
    failed: list[str] = []
    with ws:
        for n, info in enumerate(jurisdictions, 1):
            head = f"[{n}/{total}] {info.name} ({info.id})"
            t0 = time.perf_counter()
            config, load_errors = ws.load_checked(info.config_path)
            if config is None:
                _say(f"{head}: конфигурация не загружается — пропущена:")
                for f in load_errors[:LOAD_ERRORS_SHOWN]:
                    _say(f"    {f.location}: {f.code} {f.message}")
                _say_cut(len(load_errors), LOAD_ERRORS_SHOWN, f"efs validate {info.id}")
                failed.append(info.id)
                continue
            findings = ws.check(config, as_of=as_of)
            _say(f"{head}: проверка — {_counts(findings)}")
            errors = [f for f in findings if f.severity.value == "error" and not f.suppressed]
            for f in errors[:ERRORS_SHOWN]:
                _say(f"    {f.code} {f.message}")
            _say_cut(len(errors), ERRORS_SHOWN, f"efs validate {info.id}")
            with progress_bar() as progress:
                summary = ws.synthesize(config, staff=staff, year=year, years=years, seed=seed, progress=progress)
            span = (f"год {summary.years[0]}" if len(summary.years) == 1
                    else f"годы {summary.years[0]}–{summary.years[-1]}")
            _say(f"{head}: синтетические данные — {count(staff, 'работник')}, {span}, "
                 f"{_seconds(summary.seconds)} с")
            report = ws.build_report(config, year, as_of=as_of).data
            paths = [write(fmt, report, out_dir / f"{info.id}-{year}{fmt.suffix}") for fmt in formats]
            ind = report["summary"]["indicators"]
            _say(f"{head}: показатели — достигнуто {ind['met']}, не достигнуто {ind['not_met']}, без цели "
                 f"{ind['no_target']}; рекомендаций {report['summary']['recommendations']}; отчёты за "
                 f"{_seconds(time.perf_counter() - t0)} с")
            written.append((info.name, paths))
    click.echo(f"Готово за {_seconds(time.perf_counter() - started)} с. Хранилище: {db}")
    for name, paths in written:
        click.echo(f"{name}:")
        for p in paths:
            click.echo(f"  {p}")
    if written:
        first = written[0][1][0].resolve()
        click.echo(f"Откройте в браузере: {first.as_uri()}")
    if failed:
        _say(f"Не загрузились конфигурации: {', '.join(failed)} (см. сообщения выше).")
        return 1
    return 0


def _counts(findings: list[Any]) -> str:
    active = [f for f in findings if not f.suppressed]
    by = {s: sum(1 for f in active if f.severity.value == s) for s in ("error", "warning", "info")}
    return (f"ошибок {by['error']}, предупреждений {by['warning']}, сведений {by['info']}, "
            f"подавлено {len(findings) - len(active)} (работу не останавливают)")
