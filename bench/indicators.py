"""Benchmark of the indicator engine at country scale, against pandas over the same data.

Run::

    .venv/bin/python bench/indicators.py --sizes 10000,100000,1000000 \\
        --pg postgresql+psycopg://postgres@127.0.0.1:5432/test [--jurisdiction amur] [--json out.json]
    .venv/bin/python bench/indicators.py --quick      # 10 000 and 100 000 staff, SQLite only
    .venv/bin/python bench/indicators.py --sizes 100000,1000000 --pg URL --cache ~/.cache/efs-bench

``--cache DIR`` keeps each synthesised store (a SQLite file in ``DIR``, a PostgreSQL schema named after
it) and reuses it in later runs: synthesising 1 000 000 staff takes minutes on a small machine. A
store is reused only when the synthesis code, the schema and the arguments are the same (their
SHA-256 names it); a reused store's analytics tables are cleared before the live computation, so
"live" always reads the person tables.

Needs the ``bench`` extra (``pip install -e '.[bench]'``: pandas). For each size, each in its
own subprocess (so peak memory is per phase group):

* **store** (SQLite file, PostgreSQL schema): synthesise the jurisdiction (time; or reuse it, see
  ``--cache``); compute every
  indicator by jurisdiction and by municipality live from the person tables; build the analytics
  tables (``efs.indicators.analytics.build``, time); compute again (reads the analytics); peak RSS;
  and where the live time goes: each distinct formula query run alone, one at a time (best wall and
  CPU seconds, the indicators it serves; ``queries`` in the JSON, printed slowest first);
* **frames**: read the same tables into pandas frames; compute the same numbers with plain
  vectorised pandas (``bench/pandas_baseline.py``, the configuration's spellings of the ЦНППМ and
  of the subjects of the system handed to it);
* the numbers of every backend are checked against pandas (numerator and denominator of every
  indicator, sub-measure and scope);
* import throughput (once per run): a CSV and an XLSX staff file imported into an empty store,
  rows/s and the ratio to a bare read of the same file (``bench/data_pipeline.py``).

Covered indicators: all 17 of ``amur`` (13 own, 4 federal; 15 distinct formulas).
Every PostgreSQL session of a computation runs with ``statement_timeout`` (300 s; the synthesis, one
long COPY per table, without it) in its own schema, dropped at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
YEAR = 2024
SCOPES = ("jurisdiction", "municipality")


def store_fingerprint(jurisdiction: str, size: int) -> str:
    """Names a synthesised store: the synthesis code, the DDL of tables and indexes, the configuration, arguments."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import sqlite

    import efs
    from efs.data import schema

    core = Path(efs.__file__).resolve().parent
    h = hashlib.sha256(f"{jurisdiction}|{size}|{YEAR}|seed=1".encode())
    for table in schema.metadata.sorted_tables:
        h.update(str(sa.schema.CreateTable(table).compile(dialect=sqlite.dialect())).encode())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            h.update(str(sa.schema.CreateIndex(index).compile(dialect=sqlite.dialect())).encode())
    synthesis = [core / "synthesis.py", *(core / "data" / n for n in ("synth.py", "synth_parts.py", "vocabulary.py"))]
    for path in [*synthesis, *sorted((ROOT / "config").rglob("*"))]:
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def rss_mb() -> float:
    """Peak resident memory of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def with_timeout(url: str, seconds: int = 300) -> str:
    """The PostgreSQL URL with a server-side statement timeout for every session."""
    return url + ("&" if "?" in url else "?") + f"options=-c%20statement_timeout%3D{seconds * 1000}"


def best(fn: Any, repeat: int) -> tuple[Any, float, float]:
    """``fn()`` run ``repeat`` times: the last value, the best wall time and the best CPU time of this process.

    The CPU time counts every thread of the process: all of the work for pandas and for SQLite (which
    runs inside it), none of PostgreSQL's (its server does the work). On a machine shared with other
    jobs it moves far less than the wall time.
    """
    times, cpu, value = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        value = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return value, min(times), min(cpu)


def numbers(results: list[Any]) -> dict[str, list[float | None]]:
    """``indicator|sub|scope`` → [numerator, denominator] of every result that has numbers."""
    return {
        f"{r.indicator_id}|{r.sub_measure or ''}|{r.scope_id}": [r.numerator, r.denominator]
        for r in results
        if r.numerator is not None
    }


# ------------------------------------------------------------------------------------------ workers


def worker_store(args: argparse.Namespace) -> dict[str, Any]:
    """Synthesise, compute live, build analytics, compute again; one backend, one size."""
    from efs.data.store import open_store
    from efs.data.synth import resolve_configuration
    from efs.indicators import analytics, compute
    from efs.registry import Registry
    from efs.synthesis import synthesize

    out: dict[str, Any] = {"rss_mb": {}}
    registry = Registry.build()
    cfg = resolve_configuration(args.jurisdiction)
    repeat = 3 if args.size <= 100_000 else 1
    if not args.reuse:
        # PostgreSQL: synthesis writes each table with one COPY, checked against its foreign keys: at a
        # million staff on a busy machine one takes minutes, so only the computation has the timeout
        with open_store(args.db, schema=args.schema) as st:
            summary = synthesize(st, cfg, staff=args.size, year=YEAR, seed=1)
        out["synth_s"], out["rows"] = summary.seconds, summary.rows
    with open_store(with_timeout(args.db) if args.schema else args.db, schema=args.schema) as st:
        if args.reuse:
            from efs.data.derived import invalidate

            with st.engine.begin() as conn:  # live means live: nothing of an earlier run's analytics
                invalidate(conn, [cfg.jurisdiction.id])
            out["synth_s"] = None
        out["rss_mb"]["synth"] = rss_mb()

        def run() -> dict[str, list[Any]]:
            res: dict[str, list[Any]] = {}
            for by in SCOPES:
                res.update(numbers(compute(cfg, st, year=YEAR, by=by, registry=registry, show_small=True)))
            return res

        live, out["live_s"], out["live_cpu_s"] = best(run, repeat)
        out["rss_mb"]["live"] = rss_mb()
        out["queries"] = query_times(st, cfg, registry, repeat)
        if args.no_analytics:
            out.update(analytics_build_s=None, analytics_s=None, live_equals_analytics=True, numbers=live)
            return out
        built = analytics.build(st, cfg, years=[YEAR], registry=registry)
        out["analytics_build_s"] = built.seconds
        out["analytics_rows"] = built.rows
        fast, out["analytics_s"], _ = best(run, 5)
        out["rss_mb"]["analytics"] = rss_mb()
        out["live_equals_analytics"] = live == fast
        out["numbers"] = fast
    return out


def query_times(st: Any, cfg: Any, registry: Any, repeat: int) -> list[dict[str, Any]]:
    """Each query of the live computation (a formula alone, or PostgreSQL's fused staff formulas) run
    alone, one at a time: best wall and CPU seconds and the indicators it serves, slowest first. (The
    live computation runs them in parallel, twice — once per scope —, so these do not add up to its time.)"""
    from efs.indicators.plan import plan_indicators
    from efs.indicators.runner import compile_plans, plan_jobs, tune
    from efs.indicators.sql import FormulaContext

    plans = plan_indicators(cfg, registry)
    ctx = FormulaContext(cfg.jurisdiction.id, YEAR, dialect=st.dialect)
    with st.engine.connect() as conn:
        tune(conn)
        compiled = compile_plans(plans, ctx, conn.dialect)
        serves: dict[str, list[str]] = {}
        for plan, c in zip(plans, compiled, strict=True):
            if c is not None:
                serves.setdefault(c.key, []).append(plan.indicator.id)
        out = []
        for keys, job in plan_jobs(st, compiled):
            _, wall, cpu = best(lambda job=job: job(conn), repeat)
            indicators = [i for key in keys for i in serves[key]]
            out.append({"indicators": indicators, "s": round(wall, 4), "cpu_s": round(cpu, 4)})
    return sorted(out, key=lambda q: -q["s"])


def worker_frames(args: argparse.Namespace) -> dict[str, Any]:
    """Read the SQLite store's tables into frames; pandas computes the same numbers."""
    sys.path.insert(0, str(BENCH))
    import pandas_baseline as pdb

    out: dict[str, Any] = {"rss_mb": {}}
    names = json.loads(Path(args.names).read_text())
    t = time.perf_counter()
    frames = pdb.load_frames(args.db, args.jurisdiction)
    out["read_frames_s"] = time.perf_counter() - t
    out["rss_mb"]["frames"] = rss_mb()
    repeat = 3 if args.size <= 100_000 else 2

    def run_pandas() -> dict[str, Any]:
        res: dict[str, Any] = {}
        for by in SCOPES:
            res.update(pdb.compute(frames, YEAR, by, args.jurisdiction, names))
        return res

    pres, out["pandas_s"], out["pandas_cpu_s"] = best(run_pandas, repeat)
    out["rss_mb"]["pandas"] = rss_mb()
    key = "{}|{}|{}".format
    out["pandas_numbers"] = {key(i, s or "", sc): [n, d] for (i, s, sc), (n, d) in pres.items()}
    return out


def configuration_names(jurisdiction: str) -> dict[str, list[str]]:
    """The spellings the configuration resolves for the ЦНППМ (provider) and the system's subjects (developer)."""
    from efs.data.synth import resolve_configuration
    from efs.indicators.plan import plan_indicators
    from efs.registry import Registry

    out: dict[str, list[str]] = {}
    for plan in plan_indicators(resolve_configuration(jurisdiction), Registry.build()):
        spec = plan.formula.spec if plan.formula is not None else None
        if spec is None:
            continue
        for cond in (*spec.base.where, *spec.numerator):
            for key in ("provider", "developer"):
                if key in cond.params and key not in out:
                    out[key] = list(cond.params[key])
    return out


def worker_import(args: argparse.Namespace) -> dict[str, Any]:
    """Import throughput (CSV and XLSX) into SQLite and, with --pg, PostgreSQL."""
    sys.path.insert(0, str(BENCH))
    import data_pipeline as dp

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base, staff_csv, staff_xlsx = dp.write_files(tmp, args.size, args.xlsx_rows)
        targets: list[tuple[str, str, str | None]] = [("sqlite", "", None)]
        if args.pg:
            targets.append(("postgresql", with_timeout(args.pg), f"bench_imp_{uuid.uuid4().hex[:8]}"))
        for name, url, schema in targets:
            for kind, path in (("csv", staff_csv), ("xlsx", staff_xlsx)):
                db = url if schema else str(tmp / f"{kind}.sqlite")
                sch = f"{schema}_{kind}" if schema else None
                try:
                    out[f"{name}_{kind}"] = dp.bench_import(db, sch, base, path)
                finally:
                    if sch:
                        drop_schema(url, sch)
    return out


def drop_schema(url: str, schema: str) -> None:
    """Drop a PostgreSQL schema of this benchmark."""
    import sqlalchemy as sa

    from efs.data.store import resolve_url

    eng = sa.create_engine(resolve_url(url))
    with eng.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    eng.dispose()


def pg_schema_ready(url: str, schema: str) -> bool:
    """The cached PostgreSQL schema exists and its synthesis finished (its marker table is there)."""
    import sqlalchemy as sa

    from efs.data.store import resolve_url

    eng = sa.create_engine(resolve_url(url))
    try:
        with eng.connect() as conn:
            return bool(
                conn.execute(
                    sa.text("SELECT 1 FROM information_schema.tables WHERE table_schema = :s AND table_name = :t"),
                    {"s": schema, "t": CACHE_MARK},
                ).first()
            )
    finally:
        eng.dispose()


def pg_mark_ready(url: str, schema: str) -> None:
    """Mark a cached PostgreSQL schema complete (after its synthesis succeeded)."""
    import sqlalchemy as sa

    from efs.data.store import resolve_url

    eng = sa.create_engine(resolve_url(url))
    with eng.begin() as conn:
        conn.execute(sa.text(f'CREATE TABLE IF NOT EXISTS "{schema}"."{CACHE_MARK}" (done integer)'))
    eng.dispose()


#: The table whose presence says a cached PostgreSQL schema was synthesised to the end.
CACHE_MARK = "bench_cache_complete"


def spawn(kind: str, **kw: Any) -> dict[str, Any]:
    """Run a worker in a fresh interpreter; its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result = Path(fh.name)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--out", str(result)]
    for k, v in kw.items():
        if v is True:
            cmd.append(f"--{k.replace('_', '-')}")
        elif v is not None and v is not False:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    try:
        done = subprocess.run(cmd, check=False)
        if done.returncode != 0:
            return {"error": f"worker {kind} exited with {done.returncode}"}
        data: dict[str, Any] = json.loads(result.read_text())
        return data
    finally:
        result.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------ report


def compare(reference: dict[str, list[Any]], other: dict[str, list[Any]]) -> str:
    """``ok`` when both have the same keys and numbers, else a short description of the first difference."""
    if set(reference) != set(other):
        only = sorted(set(reference) ^ set(other))
        return f"keys differ ({len(only)}: {only[:3]})"
    for k, (n, d) in reference.items():
        n2, d2 = other[k]
        if abs(n - n2) > 1e-6 or (d is None) != (d2 is None) or (d is not None and abs(d - d2) > 1e-6):
            return f"{k}: {n}/{d} vs {n2}/{d2}"
    return "ok"


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain text table."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(str(c).rjust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


HEADER = [
    "staff",
    "backend",
    "synth s",
    "live s",
    "build s",
    "engine s",
    "pandas s",
    "live/pd",
    "CPU s live/pd",
    "CPU live/pd",
    "engine/pd",
    "(build+eng)/pd",
    "peak MB store/frames",
    "numbers",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--quick", action="store_true", help="10 000 and 100 000 staff only")
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (own schema per run, dropped afterwards)")
    parser.add_argument("--jurisdiction", default="amur")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument(
        "--no-analytics", action="store_true", help="live computation only (no analytics build, no reads of it)"
    )
    parser.add_argument("--json", default=None, help="write every measurement to this file")
    parser.add_argument("--cache", default=None, help="keep synthesised stores here and reuse them (see above)")
    # worker mode (internal)
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--schema", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--names", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    if args.worker:
        fn = {"store": worker_store, "frames": worker_frames, "import": worker_import}[args.worker]
        Path(args.out).write_text(json.dumps(fn(args), default=float))
        return 0

    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    run_started = time.perf_counter()
    report: dict[str, Any] = {"sizes": {}, "cpu_count": os.cpu_count()}
    rows_out: list[list[str]] = []
    if args.cache:
        Path(args.cache).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        names = Path(d) / "names.json"
        names.write_text(json.dumps(configuration_names(args.jurisdiction), ensure_ascii=False))
        for size in sizes:
            entry: dict[str, Any] = {}
            tag = store_fingerprint(args.jurisdiction, size)
            db = str(Path(args.cache or d) / f"bench-{args.jurisdiction}-{size}-{tag}.sqlite")
            reuse = args.cache is not None and Path(db).exists()
            print(f"== {size} staff: SQLite" + (f" (reused {db})" if reuse else ""), flush=True)
            if not reuse:
                Path(db).unlink(missing_ok=True)
                Path(db + ".part").unlink(missing_ok=True)
            # a store being synthesised is named .part until it is complete, so a killed run is not reused
            work = db if reuse else db + ".part"
            entry["sqlite"] = spawn(
                "store", db=work, size=size, jurisdiction=args.jurisdiction, reuse=reuse, no_analytics=args.no_analytics
            )
            if not reuse and "error" not in entry["sqlite"]:
                Path(work).rename(db)
            print(f"== {size} staff: pandas", flush=True)
            entry["frames"] = spawn("frames", db=db, jurisdiction=args.jurisdiction, names=names, size=size)
            if args.pg:
                schema = f"bench_{tag}_{size}" if args.cache else f"bench_ind_{uuid.uuid4().hex[:8]}"
                pg_reuse = args.cache is not None and pg_schema_ready(args.pg, schema)
                if args.cache and not pg_reuse:
                    drop_schema(args.pg, schema)
                print(f"== {size} staff: PostgreSQL ({schema}{', reused' if pg_reuse else ''})", flush=True)
                try:
                    entry["postgresql"] = spawn(
                        "store",
                        db=args.pg,  # the worker adds the timeout to the computation's sessions
                        schema=schema,
                        size=size,
                        jurisdiction=args.jurisdiction,
                        reuse=pg_reuse,
                        no_analytics=args.no_analytics,
                    )
                    if args.cache and not pg_reuse and "error" not in entry["postgresql"]:
                        pg_mark_ready(args.pg, schema)
                finally:
                    if not args.cache:
                        drop_schema(args.pg, schema)
                # pandas again, next to the PostgreSQL run: each backend is compared with the best pandas
                # time of the run, measured at most one phase away from it
                print(f"== {size} staff: pandas again", flush=True)
                again = spawn("frames", db=db, jurisdiction=args.jurisdiction, names=names, size=size)
                if "error" not in again and "error" not in entry["frames"]:
                    entry["frames_again"] = {k: again[k] for k in ("pandas_s", "pandas_cpu_s")}
                    for k in ("pandas_s", "pandas_cpu_s"):
                        entry["frames"][k] = min(entry["frames"][k], again[k])
            if not args.cache:
                Path(db).unlink(missing_ok=True)
            fr = entry["frames"]
            report["sizes"][str(size)] = entry
            if "error" in fr:
                print(fr["error"], flush=True)
                continue
            ref = fr.pop("pandas_numbers")
            entry["check"] = {}
            pandas_s, pandas_cpu = fr["pandas_s"], fr["pandas_cpu_s"]
            for backend in ("sqlite", "postgresql"):
                e = entry.get(backend)
                if not e or "error" in e:
                    if e:
                        print(backend, e["error"], flush=True)
                    continue
                entry["check"][backend] = compare(ref, e.pop("numbers"))
                e["ratio_live_to_pandas"] = e["live_s"] / pandas_s
                in_process = backend == "sqlite"  # PostgreSQL's CPU is spent in its server, not here
                e["ratio_live_cpu_to_pandas"] = e["live_cpu_s"] / pandas_cpu if in_process else None
                built = e["analytics_s"] is not None
                e["ratio_to_pandas"] = e["analytics_s"] / pandas_s if built else None
                end_to_end = (e["analytics_build_s"] + e["analytics_s"]) if built else None
                e["ratio_end_to_end_to_pandas"] = end_to_end / pandas_s if end_to_end is not None else None
                rows_out.append(
                    [
                        f"{size:,}",
                        backend,
                        "reused" if e["synth_s"] is None else f"{e['synth_s']:.1f}",
                        f"{e['live_s']:.3f}",
                        f"{e['analytics_build_s']:.2f}" if built else "-",
                        f"{e['analytics_s']:.3f}" if built else "-",
                        f"{pandas_s:.3f}",
                        f"{e['ratio_live_to_pandas']:.2f}",
                        f"{e['live_cpu_s']:.2f}/{pandas_cpu:.2f}" if in_process else "-",
                        f"{e['ratio_live_cpu_to_pandas']:.2f}" if in_process else "-",
                        f"{e['ratio_to_pandas']:.2f}" if built else "-",
                        f"{e['ratio_end_to_end_to_pandas']:.2f}" if built else "-",
                        f"{max(e['rss_mb'].values()):.0f}/{max(fr['rss_mb'].values()):.0f}",
                        entry["check"][backend] + ("" if e["live_equals_analytics"] else " (live≠analytics!)"),
                    ]
                )
            print(json.dumps(entry["check"]), flush=True)
            for backend in ("sqlite", "postgresql"):
                qs = (entry.get(backend) or {}).get("queries")
                if qs:
                    total = sum(q["s"] for q in qs)
                    print(f"{backend}: formula queries one at a time, {total:.2f} s in all (wall s, CPU s here):")
                    for q in qs:
                        print(f"  {q['s']:7.3f} {q['cpu_s']:7.3f}  {', '.join(q['indicators'])}", flush=True)
            print(table(rows_out[-2:], HEADER), flush=True)
            if args.json:
                Path(args.json).write_text(json.dumps(report, indent=1, default=float))
    header = HEADER
    print()
    print("All indicators of", args.jurisdiction, "by jurisdiction + by municipality, year", YEAR)
    print(table(rows_out, header))
    if not args.no_import:
        print(f"== import {args.import_rows} CSV rows, {args.xlsx_rows} XLSX rows", flush=True)
        imp = spawn("import", size=args.import_rows, xlsx_rows=args.xlsx_rows, pg=args.pg)
        report["import"] = imp
        irows = [
            [
                k.split("_")[0],
                k.split("_")[1],
                f"{v['rows']:,}",
                f"{v['bare_read_s']:.2f}",
                f"{v['import_s']:.2f}",
                f"{v['rows_per_s']:,.0f}",
                f"{v['ratio_to_bare_read']:.2f}",
                f"{v['check_s']:.2f}",
                f"{v['ratio_check_to_bare_read']:.2f}",
            ]
            for k, v in imp.items()
        ]
        head = ["backend", "file", "rows", "bare read s", "import s", "rows/s", "import/read", "dry-run s", "dry/read"]
        print(table(irows, head))
    report["run_s"] = time.perf_counter() - run_started
    print(f"run: {report['run_s']:.0f} s", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
