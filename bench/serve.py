"""Benchmark of ``efs serve``: start-up, and the validate endpoint against ``efs validate`` of the same file.

Run::

    .venv/bin/python bench/serve.py                    # every bundled configuration, 30 requests, 5 CLI runs
    .venv/bin/python bench/serve.py --requests 50 --cli-runs 10 --json out.json

Measured in one run, on this machine, only over the loopback interface:

* **start-up** — from launching ``python -m efs serve --port 0`` to the first answered ``GET /`` (median of
  ``--starts``); the baseline is ``python -m efs --version`` (the interpreter and the CLI's import) in the
  same run. Aim: ≤ 2 s.
* **validate** — ``POST /api/validate`` with the configuration's text, ``--requests`` times per bundled
  configuration after one warm-up request: median and p95 of the wall time the client sees; the baseline is
  the whole ``python -m efs validate FILE --format json`` command (``--cli-runs`` times), what a user of the
  CLI waits for the same findings. Aim: p95 ≤ 300 ms and ≤ the CLI's median (the server pays no start-up).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = sorted((ROOT / "config").glob("*.yaml"))


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def start_server() -> tuple[subprocess.Popen[str], str, float]:
    """Start ``efs serve`` on a free loopback port; the process, its address and the seconds until ``/`` answered."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "efs", "serve", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        proc.kill()
        raise SystemExit(f"efs serve did not start: {line!r}")
    address = match.group(0)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(address, timeout=10) as r:
                r.read()
            return proc, address, time.perf_counter() - began
        except OSError:
            time.sleep(0.01)
    proc.kill()
    raise SystemExit("efs serve did not answer within 60 s")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def timed_cli(*args: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "efs", *args], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - began


def post(address: str, body: bytes, name: str) -> float:
    request = urllib.request.Request(f"{address}api/validate?name={name}", data=body,
                                     headers={"content-type": "application/yaml"}, method="POST")
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            r.read()
    except urllib.error.HTTPError as exc:  # 422: a configuration that does not load is an answer too
        exc.read()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="requests per configuration (after a warm-up)")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs of efs validate per configuration")
    parser.add_argument("--starts", type=int, default=3, help="server start-ups to time")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = parser.parse_args()

    out: dict[str, Any] = {"startup": {}, "validate": {}}
    version = [timed_cli("--version") for _ in range(args.starts)]
    starts = []
    for _ in range(args.starts):
        proc, _, seconds = start_server()
        starts.append(seconds)
        stop(proc)
    out["startup"] = {"serve_s": statistics.median(starts), "cli_version_s": statistics.median(version)}
    print(f"start-up: efs serve {out['startup']['serve_s']:.2f} s (median of {args.starts}); "
          f"baseline efs --version {out['startup']['cli_version_s']:.2f} s")

    proc, address, _ = start_server()
    try:
        print(f"{'configuration':<16}{'API median':>12}{'API p95':>10}{'CLI median':>12}{'CLI p95':>10}{'p95/CLI':>9}")
        for path in CONFIGS:
            body = path.read_bytes()
            post(address, body, path.name)  # warm-up: the shipped document read and cached once, as in use
            api = [post(address, body, path.name) for _ in range(args.requests)]
            cli = [timed_cli("validate", "--format", "json", "--exit-zero", str(path)) for _ in range(args.cli_runs)]
            row = {"api_median_s": statistics.median(api), "api_p95_s": p95(api),
                   "cli_median_s": statistics.median(cli), "cli_p95_s": p95(cli)}
            row["p95_over_cli_median"] = row["api_p95_s"] / row["cli_median_s"]
            out["validate"][path.stem] = row
            print(f"{path.stem:<16}{row['api_median_s'] * 1000:>10.0f}ms{row['api_p95_s'] * 1000:>8.0f}ms"
                  f"{row['cli_median_s'] * 1000:>10.0f}ms{row['cli_p95_s'] * 1000:>8.0f}ms"
                  f"{row['p95_over_cli_median']:>9.2f}")
    finally:
        stop(proc)
    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
