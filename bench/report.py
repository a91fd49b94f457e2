"""Benchmark of the annual report: time to build one region's HTML report against computing its indicators.

Run::

    .venv/bin/python bench/report.py                  # Амурская область, 2000 staff, 3 years, SQLite
    .venv/bin/python bench/report.py --staff 20000 --jurisdiction megion

In a fresh SQLite store the jurisdiction's synthetic data is written once; then, best of ``--repeat`` runs:

* baseline — ``efs.indicators.compute(config, store, year=Y)`` at jurisdiction scope (what
  ``efs indicators`` does);
* report — ``build_report`` (validation, indicators with history and drill-down, roadmap, coverage,
  recommendations) plus rendering the HTML, in the same process;
* the ratio report / baseline and the size of the HTML file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdiction", default="amur")
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from efs.data.store import open_store
    from efs.data.synth import resolve_configuration
    from efs.indicators import compute
    from efs.registry import Registry
    from efs.report import build_report
    from efs.report.html import render_html
    from efs.synthesis import synthesize

    registry = Registry.build()
    config = resolve_configuration(args.jurisdiction)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite")
        synth = synthesize(store, config, staff=args.staff, year=args.year, years=args.years)
        baseline = best(lambda: compute(config, store, year=args.year, registry=registry), args.repeat)
        html: list[str] = []

        def report() -> None:
            html.append(render_html(build_report(config, store, year=args.year, registry=registry)))

        full = best(report, args.repeat)
        store.close()
    result = {
        "jurisdiction": args.jurisdiction,
        "staff": args.staff,
        "years": args.years,
        "synthesis_s": round(synth.seconds, 3),
        "indicators_s": round(baseline, 4),
        "html_report_s": round(full, 4),
        "ratio_report_to_indicators": round(full / baseline, 2),
        "html_bytes": len(html[-1].encode("utf-8")),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
