"""Benchmark of the data pipeline: import throughput against a bare read, and synthesis time.

Run::

    .venv/bin/python bench/data_pipeline.py                 # 100 000 staff rows, SQLite
    .venv/bin/python bench/data_pipeline.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/data_pipeline.py --full          # also synthesise 1.7 million staff

For CSV and XLSX files of N staff rows it reports: the bare read (csv.reader / openpyxl read-only
iteration, no conversion), the import into an empty store (recognition, conversion, validation of every
row, reference checks, upsert in one transaction), rows per second and the ratio import / bare read;
then the re-import of the same file (every row unchanged). Synthesis: wall time for 100 000 staff
(and 1 700 000 with ``--full``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "Работник (id)",
    "Код организации",
    "Должность",
    "Управленческий работник",
    "Год рождения",
    "Год начала педагогической работы",
]
N_ORG = 200


def write_files(tmp: Path, n: int, xlsx_rows: int) -> tuple[list[Path], Path, Path]:
    """The base files (jurisdiction, municipality, organizations) and a staff CSV and XLSX."""
    base = tmp / "base.csv"
    (tmp / "j.csv").write_text("Код юрисдикции;Название юрисдикции;Уровень\nbench;Стенд;regional\n", encoding="utf-8")
    (tmp / "m.csv").write_text("Код муниципалитета;Название муниципалитета\nm1;Первый\n", encoding="utf-8")
    with base.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Код организации", "Код муниципалитета", "Название организации", "Вид организации"])
        w.writerows([f"o{i}", "m1", f"Школа № {i}", "school"] for i in range(N_ORG))
    rows = [
        [f"s{i:08d}", f"o{i % N_ORG}", "учитель", "нет" if i % 17 else "да", 1950 + i % 30, 1995 + i % 28]
        for i in range(n)
    ]
    staff_csv = tmp / "staff.csv"
    with staff_csv.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(HEADER)
        w.writerows(rows)
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Работники")
    ws.append(HEADER)
    for r in rows[:xlsx_rows]:
        ws.append(r)
    staff_xlsx = tmp / "staff.xlsx"
    wb.save(staff_xlsx)
    return [tmp / "j.csv", tmp / "m.csv", base], staff_csv, staff_xlsx


def bare_read(path: Path) -> tuple[int, float]:
    """Rows and seconds to read the file with no conversion at all."""
    t = time.perf_counter()
    n = 0
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for _ in csv.reader(fh, delimiter=";"):
                n += 1
    else:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in wb.worksheets[0].iter_rows(values_only=True):
            n += 1
        wb.close()
    return n - 1, time.perf_counter() - t


def bench_import(url: str, schema: str | None, base: list[Path], path: Path) -> dict[str, float]:
    """Import ``path`` into a fresh store, then again; bare read alongside."""
    from efs.data.importing import import_files
    from efs.data.store import open_store

    with open_store(url, schema=schema) as st:
        import_files(st, base)
        rows, read_s = bare_read(path)
        t = time.perf_counter()
        import_files(st, [path], dry_run=True)  # read, convert, validate, classify: everything but the write
        check_s = time.perf_counter() - t
        t = time.perf_counter()
        first = import_files(st, [path])
        import_s = time.perf_counter() - t
        t = time.perf_counter()
        again = import_files(st, [path])
        reimport_s = time.perf_counter() - t
    assert first.total("imported") == rows and again.total("unchanged") == rows
    return {
        "rows": rows,
        "bare_read_s": read_s,
        "import_s": import_s,
        "rows_per_s": rows / import_s,
        "ratio_to_bare_read": import_s / read_s,
        "check_s": check_s,
        "ratio_check_to_bare_read": check_s / read_s,
        "reimport_s": reimport_s,
    }


def bench_synth(url: str, schema: str | None, staff: int) -> float:
    """Seconds to synthesise ``staff`` people (one year) for Amur."""
    from efs.data.store import open_store
    from efs.data.synth import resolve_configuration
    from efs.synthesis import synthesize

    cfg = resolve_configuration("amur")
    with open_store(url, schema=schema) as st:
        return synthesize(st, cfg, staff=staff, year=2024, seed=1).seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (a temporary schema is used and dropped)")
    parser.add_argument("--full", action="store_true", help="also synthesise 1.7 million staff")
    parser.add_argument("--no-synth", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base, staff_csv, staff_xlsx = write_files(tmp, args.rows, args.xlsx_rows)
        targets: list[tuple[str, str, str | None]] = [("sqlite", str(tmp / "bench.sqlite"), None)]
        if args.pg:
            targets.append(("postgresql", args.pg, f"efs_bench_{uuid.uuid4().hex[:8]}"))
        for name, url, schema in targets:
            try:
                for kind, path in (("csv", staff_csv), ("xlsx", staff_xlsx)):
                    db = url if schema else str(tmp / f"{kind}.sqlite")
                    sch = f"{schema}_{kind}" if schema else None
                    res = bench_import(db, sch, base, path)
                    out[f"import_{kind}_{name}"] = res
                    print(
                        f"{name:10} import {kind:4} {res['rows']:>9} rows: {res['import_s']:.2f} s "
                        f"({res['rows_per_s']:,.0f} rows/s), bare read {res['bare_read_s']:.2f} s, "
                        f"ratio {res['ratio_to_bare_read']:.2f}×; re-import {res['reimport_s']:.2f} s"
                    )
                if not args.no_synth:
                    for staff in [100_000] + ([1_700_000] if args.full else []):
                        db = url if schema else str(tmp / f"synth{staff}.sqlite")
                        secs = bench_synth(db, f"{schema}_synth" if schema else None, staff)
                        out[f"synth_{staff}_{name}"] = secs
                        print(f"{name:10} synth {staff:>9} staff: {secs:.1f} s")
            finally:
                if schema:
                    import sqlalchemy as sa

                    from efs.data.store import resolve_url

                    eng = sa.create_engine(resolve_url(url))
                    with eng.begin() as conn:
                        for suffix in ("csv", "xlsx", "synth"):
                            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}_{suffix}" CASCADE'))
                    eng.dispose()
    print(json.dumps(out, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
