"""Benchmark of the passport: time to build and write one region's passport against its annual report.

Run::

    .venv/bin/python bench/passport.py                  # Амурская область, 2000 staff, 2 years, SQLite
    .venv/bin/python bench/passport.py --staff 20000 --jurisdiction tyumen

In a fresh SQLite store the jurisdiction's synthetic data is written once; then, best of ``--repeat`` runs
in the same process:

* baseline — ``build_report`` plus its HTML (what ``efs report -o r.html`` does after loading);
* passport — ``build_passport`` plus its HTML, and the same with XLSX;
* the ratios passport / report and the sizes of the files.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.report import best  # noqa: E402  (the same best-of-N timing as the report's bench)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdiction", default="amur")
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from efs.data.store import open_store
    from efs.data.synth import resolve_configuration
    from efs.passport import build_passport, write_passport
    from efs.registry import Registry
    from efs.report import build_report, write_report
    from efs.synthesis import synthesize

    registry = Registry.build()
    config = resolve_configuration(args.jurisdiction)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = open_store(out / "bench.sqlite")
        synthesize(store, config, staff=args.staff, year=args.year, years=args.years)
        report = best(lambda: write_report(build_report(config, store, year=args.year, registry=registry),
                                           out / "r.html"), args.repeat)
        html = best(lambda: write_passport(build_passport(config, store, year=args.year, registry=registry),
                                           out / "p.html"), args.repeat)
        xlsx = best(lambda: write_passport(build_passport(config, store, year=args.year, registry=registry),
                                           out / "p.xlsx"), args.repeat)
        store.close()
        sizes = {name: (out / name).stat().st_size for name in ("r.html", "p.html", "p.xlsx")}
    result = {
        "jurisdiction": args.jurisdiction,
        "staff": args.staff,
        "years": args.years,
        "report_html_s": round(report, 3),
        "passport_html_s": round(html, 3),
        "passport_xlsx_s": round(xlsx, 3),
        "ratio_passport_to_report": round(html / report, 2),
        "report_html_bytes": sizes["r.html"],
        "passport_html_bytes": sizes["p.html"],
        "passport_xlsx_bytes": sizes["p.xlsx"],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
