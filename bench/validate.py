"""Benchmark of ``efs validate`` against a bare YAML parse of the same file (the baseline of the same run).

Run::

    .venv/bin/python bench/validate.py                    # 100, 1 000 and 10 000 subjects and a 19 MB file
    .venv/bin/python bench/validate.py --sizes 100,1000   # selected sizes only
    .venv/bin/python bench/validate.py --json out.json

Each configuration is Megion's (``config/megion.yaml``) with schools added: every school has a full
name, a short name, an alias, a function and a roadmap measure that names it as responsible (so that
references are resolved and names compared, as in a regional Положение). The 19 MB configuration
has tens of thousands of them, with long function texts.

For each file, best of ``--repeat`` fresh subprocesses (in each, the registry of plugins built first,
outside the timing; then validate, then the parse):

* **validate** — what ``efs validate FILE --format json`` does after start-up: read, parse, the schema,
  references, every rule, the JSON text (:func:`efs.conformance.validate_paths` and the renderer);
* **parse** — ``yaml.load(text, Loader=CSafeLoader)`` of the same file: the baseline (a file cannot be
  checked faster than it is parsed); target ``validate / parse ≤ 3`` at every size;
* **CLI** — the whole ``python -m efs validate`` command, start-up included (one run), for reference:
  start-up is constant (``bench/cli_latency.py``) and dominates the small files.

The ratio is taken on CPU time (``time.process_time``) of the process, which a machine busy with other
work barely changes; wall-clock times and their ratio are printed beside it. A part of validation does
not grow with the configuration: the whole-document rules analyse the Положение's words (the
morphological dictionary loads once, about 0.1 s of CPU), compare it with the other shipped documents
(EFS260), and every quoted text is looked up in the document. On a small configuration that part
dominates, so the ratio is highest there (figures: docs/safety.md).
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100, 1000, 10000)
BIG_MB = 19
_CITIES = ("Мегион", "Высокий", "Покачи", "Лангепас", "Радужный", "Нягань", "Урай", "Когалым", "Пыть-Ях")


def configuration(subjects: int, *, long_texts: bool = False) -> dict[str, Any]:
    """Megion's configuration with ``subjects`` schools of its own, each named by a roadmap measure."""
    base = yaml.load((ROOT / "config" / "megion.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    template = next(s for s in base["subjects"] if s.get("level") == "institutional" or s["id"] == "cro")
    measure = dict(base["roadmap"][0], text="Участие в мероприятиях муниципальной системы")
    filler = " Обеспечивает научно-методическое сопровождение педагогических работников" * (30 if long_texts else 0)
    for i in range(1, subjects + 1):
        city = _CITIES[i % len(_CITIES)]
        s = copy.deepcopy(template)
        s["id"] = f"school_{i}"
        s["number"] = f"3.{i}"
        s["name"] = f"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № {i}» г. {city}"
        s["short_name"] = f"МБОУ СШ № {i} г. {city}"
        s["aliases"] = [{"text": f"школа № {i} города {city}", "source": {"section": "3", "line": 100 + i}}]
        s["functions"] = s.get("functions", [])[:1]
        for f in s["functions"]:
            f["text"] = f["text"] + filler
        s.pop("coordinates", None)
        base["subjects"].append(s)
        m = copy.deepcopy(measure)
        m["id"] = f"m_school_{i}"
        m["number"] = f"9.{i}."
        m["responsible"] = [s["short_name"]]
        base["roadmap"].append(m)
    return base


def write(path: Path, data: dict[str, Any]) -> Path:
    """Dump ``data`` as YAML (the C dumper: fast, block style)."""
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    return path


_CHILD = """
import datetime as dt, json, sys, time
from pathlib import Path
import yaml
from efs.conformance import validate_paths
from efs.conformance.formats import FORMATS
from efs.registry import Registry
path = Path(sys.argv[1])
registry = Registry.build()
t, c = time.perf_counter(), time.process_time()
results = validate_paths([path], registry=registry, as_of=dt.date(2026, 1, 1), max_bytes=64 * 1024 * 1024)
FORMATS["json"](results, dt.date(2026, 1, 1), registry)
v, vc = time.perf_counter() - t, time.process_time() - c
findings = sum(len(f) for _, _, f in results)
loaded = all(c is not None for _, c, _ in results)
t, c = time.perf_counter(), time.process_time()
yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
p, pc = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"validate": v, "parse": p, "validate_cpu": vc, "parse_cpu": pc, "findings": findings,
                  "loaded": loaded}))
"""


def measure(path: Path, repeat: int) -> dict[str, Any]:
    """Best times of validate and of the parse baseline over ``repeat`` fresh processes, and one CLI run.

    Each repeat is a new process, as each ``efs validate`` is: nothing a previous run cached (the
    morphological dictionary, the analyses of the document's words) makes a repeat faster than a user's run.
    """
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True,
                             cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    result: dict[str, Any] = {**runs[-1], **{k: min(r[k] for r in runs)
                                             for k in ("validate", "parse", "validate_cpu", "parse_cpu")}}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "efs", "validate", str(path), "--format", "json", "--exit-zero",
                    "--max-size", "64"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    result["cli"] = time.perf_counter() - started
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of added subjects")
    ap.add_argument("--big", type=float, default=BIG_MB, help="size of the large file, MB (0: skip)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path]] = []
        for n in [int(x) for x in args.sizes.split(",") if x]:
            cases.append((f"{n} субъектов", write(Path(tmp) / f"s{n}.yaml", configuration(n))))
        if args.big:
            def size(n: int) -> int:
                return len(yaml.dump(configuration(n, long_texts=True), Dumper=yaml.CSafeDumper,
                                     allow_unicode=True, width=1000).encode())

            small, per = size(0), (size(20) - size(0)) / 20
            n = int((args.big * 1024 * 1024 - small) / per)
            cases.append((f"{args.big:g} МБ ({n} субъектов)", write(Path(tmp) / "big.yaml",
                                                                     configuration(n, long_texts=True))))
        for label, path in cases:
            t = measure(path, args.repeat)
            mb = path.stat().st_size / 1024 / 1024
            rows.append({"case": label, "mb": mb, **t, "ratio": t["validate_cpu"] / t["parse_cpu"],
                         "wall_ratio": t["validate"] / t["parse"]})
            print(f"{label}: {mb:.1f} МБ, validate {t['validate_cpu']:.2f} с ЦП ({t['validate']:.2f} с), parse "
                  f"{t['parse_cpu']:.2f} с ЦП ({t['parse']:.2f} с), {rows[-1]['ratio']:.1f}× "
                  f"({rows[-1]['wall_ratio']:.1f}× по часам), CLI {t['cli']:.2f} с, findings {t['findings']}, "
                  f"loaded {t['loaded']}", flush=True)
    print()
    print("| конфигурация | размер | проверка (efs validate без запуска), ЦП | разбор CSafeLoader, ЦП "
          "| проверка / разбор | то же по часам | команда целиком | находок |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['case']} | {r['mb']:.1f} МБ | {r['validate_cpu']:.2f} с | {r['parse_cpu']:.2f} с | "
              f"{r['ratio']:.1f}× | {r['wall_ratio']:.1f}× | {r['cli']:.2f} с | {r['findings']} |".replace(".", ","))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
