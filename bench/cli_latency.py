"""CLI latency as ratios against a baseline measured in the same run.

* start-up: ``efs validate`` on a minimal configuration vs
  ``python -c "import yaml, pydantic, pluggy, click"`` (aim ≤ 1.5);
* full: ``efs validate config/`` vs those imports plus a ``CSafeLoader`` load of the same files
  (aim ≤ 2.0);
* the top of ``python -X importtime -c "import efs"``.

Run: ``.venv/bin/python bench/cli_latency.py [--repeat N]``. Prints a table and JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """\
format_version: 1
jurisdiction: {id: x, name: Образцовый район, level: municipal, document: d.txt}
subjects:
  - id: uo
    name: Управление образования
    kind: municipal_authority
    level: municipal
    functions: [{function: coordination, text: координирует, source: {line: 1}}]
"""
IMPORTS = "import yaml, pydantic, pluggy, click"


def timed(argv: list[str], repeat: int) -> float:
    """Median wall time of running ``argv`` ``repeat`` times (after one warm-up)."""
    subprocess.run(argv, capture_output=True, cwd=ROOT)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def importtime_top(n: int = 12) -> list[tuple[int, str]]:
    """The slowest cumulative imports of ``import efs`` (microseconds, module)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import efs"], capture_output=True,
                         text=True, cwd=ROOT).stderr
    rows = []
    for line in out.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, _self, cumulative, name = [p.strip() for p in line.split("|", 3)[0:1][0].split(":")[0:1]] + [
            p.strip() for p in line.split("|")]
        rows.append((int(cumulative), name))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.yaml"
        minimal.write_text(MINIMAL, encoding="utf-8")
        configs = sorted(str(p) for p in (ROOT / "config").glob("*.yaml"))
        base_start = timed([py, "-c", IMPORTS], args.repeat)
        efs_start = timed([py, "-m", "efs", "validate", str(minimal)], args.repeat)
        load = (f"{IMPORTS}\nfor p in {configs!r}:\n"
                "    yaml.load(open(p, encoding='utf-8'), Loader=yaml.CSafeLoader)")
        base_full = timed([py, "-c", load], args.repeat)
        efs_full = timed([py, "-m", "efs", "validate", "--exit-zero", "config/"], args.repeat)
    result = {
        "startup": {"baseline_s": round(base_start, 4), "efs_s": round(efs_start, 4),
                    "ratio": round(efs_start / base_start, 2), "aim": 1.5},
        "full": {"baseline_s": round(base_full, 4), "efs_s": round(efs_full, 4),
                 "ratio": round(efs_full / base_full, 2), "aim": 2.0},
        "importtime_top_us": importtime_top(),
    }
    print(f"start-up: efs validate {efs_start*1000:.0f} ms / imports {base_start*1000:.0f} ms = "
          f"{result['startup']['ratio']} (aim ≤ 1.5)")
    print(f"full:     efs validate config/ {efs_full*1000:.0f} ms / imports+CSafeLoader {base_full*1000:.0f} ms "
          f"= {result['full']['ratio']} (aim ≤ 2.0)")
    print("import efs, slowest cumulative imports (µs):")
    for us, name in result["importtime_top_us"]:
        print(f"  {us:>8}  {name}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
