"""Benchmark of ``efs draft``: what it drafts from the four documents, against their hand encodings.

Run::

    .venv/bin/python bench/draft.py                       # the four documents, text and DOCX
    .venv/bin/python bench/draft.py --format txt --jurisdiction megion --misses

For each bundled jurisdiction the document its plugin ships (a text export) and its DOCX version (built
from that text alone by ``tests/documents/seed_docx.py``: Word numbering, the roadmap as a merged-cell table)
are drafted with the precedents of the *other* three configurations only (leave-one-out: a document is never
mapped by its own hand encoding). The draft is compared with ``config/<jurisdiction>.yaml`` kind by kind:

* subjects (by name), function bullets (by text, and the function must be the hand encoding's), indicators
  (by text), targets (indicator targets and roadmap thresholds, by how they are tied to time — kind and
  years — and value), agreements (by kind), roadmap rows (by text), acts of the legal basis and their
  editions (by number; a project by its kind; else by date or words), glossary terms (by term);
* an item matches when its text is the hand encoding's (after the one normalisation, or ≥ 90 % similar)
  and its ``source.line`` is within ±2 of the hand encoding's. A DOCX draft's lines are lines of
  LibreOffice's export of the DOCX; they are mapped back to the text's lines through the ``seed_line_N``
  bookmarks the DOCX carries (paragraphs before the first table are one per text line).
* a roadmap row found is also compared cell by cell (number, direction, group, responsible, co-executors,
  deadline as written, result): the line under the table counts the rows whose every cell is the hand's.

Recall = matched / hand items; precision = matched / drafted items. Bullets whose hand-encoded function is
the plugin's own (not in the core catalogue) cannot be mapped from the core catalogue alone; the line under
the table counts them.

Then ``efs validate`` is run on the draft and on the hand encoding, and the findings on the documents'
own defects (superseded acts, annex dates, misplaced levels, variant spellings, mixed scripts, numbering
gaps, …) are compared by rule code.

Timing: ``efs draft`` of the Амурская область text (read, draft, YAML, load check), best of ``--repeat``,
against reading the file alone (:func:`efs.documents.reading.read`) in the same run. Target ≤ 10 s.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

JURISDICTIONS = ("turochak", "amur", "tyumen", "megion")
KINDS = ("subjects", "functions", "indicators", "targets", "agreements", "roadmap", "acts", "glossary")
WINDOW = 2
SIMILAR = 0.9
#: Rules whose findings are the documents' own defects (seeds README: misplaced levels, variant spellings,
#: numbering gaps, dates that disagree between an order and its annex, superseded acts, …).
DEFECT_RULES = ("EFS102", "EFS103", "EFS104", "EFS105", "EFS106", "EFS107", "EFS110", "EFS111", "EFS120",
                "EFS142", "EFS144", "EFS150", "EFS151", "EFS152", "EFS154", "EFS157", "EFS167")


@dataclass
class Item:
    """One item of a kind: what identifies it, its text, its line, and (bullets) its function."""

    key: str
    text: str
    line: int
    label: str = ""
    extra: str | None = None
    #: Put to the reviewer (the drafter was not sure of its mapping).
    flagged: bool = False


def _norm(text: str) -> str:
    from efs.documents.normalize import normalize

    return re.sub(r"[\s.;:,]+$", "", normalize(text or "").lower().replace("ё", "е"))


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return a == b
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) / len(long_) < SIMILAR:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _line(node: dict[str, Any]) -> int:
    source = node.get("source") or {}
    return int(source.get("line") or 0) if isinstance(source, dict) else 0


def extract(config: dict[str, Any]) -> dict[str, list[Item]]:
    """The items of each kind of a configuration (as plain data)."""
    out: dict[str, list[Item]] = {k: [] for k in KINDS}
    for s in config.get("subjects") or []:
        out["subjects"].append(Item(_norm(s.get("name", "")), s.get("name", ""), _line(s), s.get("id", "")))
        for f in s.get("functions") or []:
            if "function" not in f:
                continue
            out["functions"].append(Item(_norm(f.get("text", "")), f.get("text", ""), _line(f), s.get("id", ""),
                                         f.get("function"), bool(f.get("_flagged"))))
    for ind in config.get("indicators") or []:
        out["indicators"].append(Item(_norm(ind.get("text", "")), ind.get("text", ""), _line(ind), ind.get("id", "")))
        for t in ind.get("targets") or []:
            out["targets"].append(Item(_target_key(t), t.get("as_written", ""), _line(t), ind.get("id", "")))
    for m in config.get("roadmap") or []:
        out["roadmap"].append(Item(_norm(m.get("text", "")), m.get("text", ""), _line(m), m.get("number") or "",
                                   json.dumps(_row_fields(m), ensure_ascii=False)))
        for t in m.get("thresholds") or []:
            out["targets"].append(Item(_target_key(t), t.get("as_written", ""), _line(t), m.get("number") or ""))
    for a in config.get("agreements") or []:
        out["agreements"].append(Item(str(a.get("kind")), a.get("title", ""), _line(a), a.get("id", "")))
    for act in config.get("legal_basis") or []:
        # An edition («в ред. …») is an act cited too: the hand encodings list some as acts of their own.
        for a in [act, *(act.get("editions") or [])]:
            out["acts"].append(Item(_act_key(a), a.get("as_written") or a.get("title") or "", _line(a),
                                    act.get("id", "")))
    for g in config.get("glossary") or []:
        out["glossary"].append(Item(_norm(g.get("term", "")), g.get("term", ""), _line(g)))
    return out


#: The cells of a roadmap row besides its measure, compared for the rows found.
ROW_FIELDS = ("number", "direction", "group", "responsible", "co_executors", "deadline", "result")


def _row_fields(measure: dict[str, Any]) -> dict[str, str]:
    """A roadmap row's other cells, normalised (lists of organisations joined; the deadline as written)."""
    out = {}
    for field in ROW_FIELDS:
        value = measure.get(field)
        if field == "deadline":
            value = (value or {}).get("as_written")
        if isinstance(value, list):
            value = "; ".join(_norm(x if isinstance(x, str) else x.get("as_written", "")) for x in value)
        out[field] = _norm(str(value or "")).rstrip(".")
    return out


def _row_differences(hand: Item, drafted: Item) -> list[str]:
    """The fields of a roadmap row in which the draft differs from the hand encoding."""
    h, d = json.loads(hand.extra or "{}"), json.loads(drafted.extra or "{}")
    return [f for f in ROW_FIELDS if not _similar(h.get(f, ""), d.get(f, ""))]


def _target_key(t: dict[str, Any]) -> str:
    """A target by how it is tied to time (kind, years) and its value."""
    when = f"{t.get('kind') or 'by_year'}:{t.get('year') or ''}:{t.get('first_year') or ''}:{t.get('last_year') or ''}"
    return f"{when}|{float(t.get('value', 0)):g}"


def _act_key(act: dict[str, Any]) -> str:
    """An act by its number; a project by its kind; else by its date, or its words."""
    from efs.concept.acts import normalize_number

    if act.get("number"):
        return normalize_number(str(act["number"]))
    kind = str(act.get("kind") or "").lower()
    if "проект" in kind:
        return kind
    if act.get("date"):
        return str(act["date"])
    return _norm(act.get("title") or act.get("as_written") or "")


def _matches(kind: str, hand: Item, drafted: Item) -> bool:
    if abs(hand.line - drafted.line) > WINDOW:
        return False
    if kind in ("targets", "agreements", "acts"):
        return hand.key == drafted.key
    return _similar(hand.key, drafted.key)


@dataclass
class Score:
    hand: int = 0
    drafted: int = 0
    matched: int = 0
    #: Bullets only: found (by text and line) whatever function was chosen.
    found: int = 0
    #: Roadmap rows only: matched with every other cell the hand encoding's too (:data:`ROW_FIELDS`).
    cells: int = 0
    #: Bullets only: drafted bullets put to the reviewer; found bullets whose function is wrong, and of those
    #: the ones put to the reviewer (a wrong function not flagged is a silent error).
    flagged: int = 0
    wrong: int = 0
    wrong_flagged: int = 0

    def add(self, other: Score) -> None:
        self.hand += other.hand
        self.drafted += other.drafted
        self.matched += other.matched
        self.found += other.found
        self.cells += other.cells
        self.flagged += other.flagged
        self.wrong += other.wrong
        self.wrong_flagged += other.wrong_flagged

    @property
    def recall(self) -> float | None:
        return self.matched / self.hand if self.hand else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.drafted if self.drafted else None


def compare(kind: str, hand: list[Item], drafted: list[Item]) -> tuple[Score, list[Item], list[Item]]:
    """Score one kind; also the hand items missed and the drafted items that match nothing."""
    free = list(range(len(drafted)))
    matched = found = cells = wrong = wrong_flagged = 0
    missed: list[Item] = []
    for h in hand:
        j = next((j for j in free if _matches(kind, h, drafted[j])), None)
        if j is None:
            missed.append(h)
            continue
        free.remove(j)
        found += 1
        if kind == "roadmap":
            differ = _row_differences(h, drafted[j])
            if differ:
                missed.append(Item(h.key, h.text, h.line, h.label, "поля ≠ черновик: " + ", ".join(differ)))
            else:
                cells += 1
        if kind != "functions" or drafted[j].extra == h.extra:
            matched += 1
        else:
            wrong += 1
            wrong_flagged += drafted[j].flagged
            missed.append(Item(h.key, h.text, h.line, h.label, f"{h.extra} ≠ черновик {drafted[j].extra}"))
    extra = [drafted[j] for j in free]
    # A bullet found with the wrong function is drafted but not matched: it counts against precision too.
    flagged = sum(d.flagged for d in drafted)
    return Score(len(hand), len(drafted), matched, found, cells, flagged, wrong, wrong_flagged), missed, extra


def line_map(document: Any) -> Callable[[int], int]:
    """Line of a DOCX draft → line of the text it was built from (``seed_line_N`` bookmarks)."""
    if document.format == "txt":
        return lambda n: n
    from efs.documents.model import Table

    known: dict[int, int] = {}
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    for p in cell.paragraphs:
                        mark = next((b for b in p.bookmarks if b.startswith("seed_line_")), None)
                        if mark:
                            known[p.line] = int(mark.rsplit("_", 1)[1])
        else:
            known[block.line] = block.line
    ordered = sorted(known)

    def to_text(n: int) -> int:
        import bisect

        i = bisect.bisect_right(ordered, n) - 1
        return known[ordered[i]] if i >= 0 else n

    return to_text


def _mark_flagged(config: dict[str, Any], paths: set[str]) -> None:
    """Mark the bullets the review list puts to the reviewer (``_flagged``)."""
    for i, subject in enumerate(config.get("subjects") or []):
        for k, bullet in enumerate(subject.get("functions") or []):
            if f"subjects[{i}].functions[{k}]" in paths:
                bullet["_flagged"] = True


def _remap(node: Any, to_text: Callable[[int], int]) -> None:
    if isinstance(node, dict):
        src = node.get("source")
        if isinstance(src, dict) and isinstance(src.get("line"), int):
            src["line"] = to_text(src["line"])
        for v in node.values():
            _remap(v, to_text)
    elif isinstance(node, list):
        for v in node:
            _remap(v, to_text)


def _documents(jurisdiction: str, fmt: str, tmp: Path) -> Path:
    from tests.documents.seed_docx import build, seed_path

    return seed_path(jurisdiction) if fmt == "txt" else build(jurisdiction, tmp)


def draft_one(path: Path, name: str, jurisdiction: str) -> tuple[Any, Any]:
    """Read and draft a document with the other jurisdictions' precedents; (document, draft)."""
    from efs.documents.reading import read
    from efs.drafting.draft import draft_document
    from efs.drafting.precedents import installed

    document = read(path, name=name)
    precedents, functions, kinds = installed(exclude=jurisdiction)
    result = draft_document(document, precedents=precedents, functions=functions, kinds=kinds,
                            jurisdiction=jurisdiction)
    return document, result


def defects(config_path: Path) -> Counter[str]:
    """Unsuppressed findings of ``efs validate`` on the documents' own defects, by rule code."""
    import datetime as dt

    from efs.conformance.engine import load_checked, validate
    from efs.registry import Registry

    registry = Registry.build()
    config, errors = load_checked(config_path, registry=registry)
    if config is None:
        return Counter(f.code for f in errors)
    found = validate(config, registry=registry, as_of=dt.date(2025, 1, 1))
    return Counter(f.code for f in found if f.code in DEFECT_RULES and not f.suppressed)


def _pct(x: float | None) -> str:
    return f"{'—':>5}" if x is None else f"{100 * x:5.1f}"


def _timing(repeat: int) -> dict[str, float]:
    import subprocess

    from click.testing import CliRunner
    from tests.documents.seed_docx import seed_path

    from efs.cli import cli
    from efs.documents.reading import read

    path = seed_path("amur")

    def best(fn: Callable[[], Any]) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "amur.yaml"
        runner = CliRunner()

        def draft() -> None:
            result = runner.invoke(cli, ["draft", str(path), "-o", str(out), "--force"])
            if result.exit_code != 0:
                raise SystemExit(f"efs draft завершилась с кодом {result.exit_code}: {result.output}")

        def process() -> None:
            subprocess.run([sys.executable, "-m", "efs", "draft", str(path), "-o", str(out), "--force"],
                           check=True, capture_output=True)

        read_s = best(lambda: read(path))
        draft_s = best(draft)
        process_s = best(process)
    return {"read_s": round(read_s, 4), "draft_s": round(draft_s, 3), "ratio": round(draft_s / read_s, 1),
            "process_s": round(process_s, 3)}


def run(jurisdictions: list[str], formats: list[str], misses: bool) -> dict[str, Any]:
    import yaml

    from efs.drafting.output import to_yaml

    totals = {fmt: {k: Score() for k in KINDS} for fmt in formats}
    rows: list[dict[str, Any]] = []
    defect_rows: list[dict[str, Any]] = []
    from efs.concept.catalogue import functions as core_functions

    core = {f.id for f in core_functions()}
    own: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for jurisdiction in jurisdictions:
            hand_path = ROOT / "config" / f"{jurisdiction}.yaml"
            hand_config = yaml.safe_load(hand_path.read_text(encoding="utf-8"))
            hand = extract(hand_config)
            name = hand_config["jurisdiction"]["document"]
            hand_defects = defects(hand_path)
            own.update(b.extra for b in hand["functions"] if b.extra not in core)
            for fmt in formats:
                document, result = draft_one(_documents(jurisdiction, fmt, tmp), name, jurisdiction)
                draft_path = tmp / f"{jurisdiction}-{fmt}.yaml"
                draft_path.write_text(to_yaml(result), encoding="utf-8")
                config = json.loads(json.dumps(result.config, default=str))
                _mark_flagged(config, {r.path for r in result.review})
                _remap(config, line_map(document))
                drafted = extract(config)
                for kind in KINDS:
                    score, missed, extra = compare(kind, hand[kind], drafted[kind])
                    totals[fmt][kind].add(score)
                    rows.append({"jurisdiction": jurisdiction, "format": fmt, "kind": kind, "hand": score.hand,
                                 "drafted": score.drafted, "matched": score.matched, "found": score.found,
                                 "cells": score.cells, "flagged": score.flagged, "wrong": score.wrong,
                                 "wrong_flagged": score.wrong_flagged})
                    if misses and (missed or extra):
                        print(f"\n## {jurisdiction} {fmt} {kind}: пропущено {len(missed)}, лишних {len(extra)}")
                        for m in missed:
                            why = f" [{m.extra}]" if m.extra and "≠" in m.extra else ""
                            print(f"  {'≈' if kind == 'roadmap' and m.extra and '≠' in m.extra else '−'} "
                                  f"{m.line}: {m.text[:110]}{why}")
                        for e in extra:
                            print(f"  + {e.line}: {e.text[:110]}")
                draft_defects = defects(draft_path)
                codes = sorted(set(hand_defects) | set(draft_defects))
                defect_rows.append({"jurisdiction": jurisdiction, "format": fmt,
                                    "hand": dict(sorted(hand_defects.items())),
                                    "draft": dict(sorted(draft_defects.items())),
                                    "same": [c for c in codes if c in hand_defects and c in draft_defects],
                                    "missed": [c for c in codes if c in hand_defects and c not in draft_defects],
                                    "extra": [c for c in codes if c not in hand_defects and c in draft_defects]})
    return {"rows": rows, "totals": totals, "defects": defect_rows, "plugin_functions": dict(own)}


def _print(result: dict[str, Any], formats: list[str]) -> None:
    print("\nПолнота (R) и точность (P), %, по четырём документам; строка source в пределах ±2")
    head = f"{'вид':<12}" + "".join(f" | {fmt:>4}: {'руч.':>5} {'черн.':>5} {'R':>5} {'P':>5}" for fmt in formats)
    print(head)
    print("-" * len(head))
    for kind in KINDS:
        line = f"{kind:<12}"
        for fmt in formats:
            s = result["totals"][fmt][kind]
            line += f" | {'':>4}  {s.hand:>5} {s.drafted:>5} {_pct(s.recall)} {_pct(s.precision)}"
        print(line)
    bullets = {fmt: result["totals"][fmt]["functions"] for fmt in formats}
    print("functions: найдено пунктов (с любой функцией) — "
          + ", ".join(f"{fmt} {b.found}/{b.hand}" for fmt, b in bullets.items()))
    for fmt, b in bullets.items():
        print(f"functions ({fmt}): к проверке помечено {b.flagged} из {b.drafted}; с неверной функцией {b.wrong}, "
              f"из них в списке проверки {b.wrong_flagged}, без пометки {b.wrong - b.wrong_flagged}")
    own = result["plugin_functions"]
    if own:
        print(f"functions: из них с функцией плагина, которой нет в каталоге ядра, {sum(own.values())} ("
              + ", ".join(f"{f} ×{n}" for f, n in sorted(own.items())) + ")")
    rows = {fmt: result["totals"][fmt]["roadmap"] for fmt in formats}
    print("roadmap: строк, совпавших и во всех остальных ячейках (" + ", ".join(ROW_FIELDS) + ") — "
          + ", ".join(f"{fmt} {r.cells}/{r.hand}" for fmt, r in rows.items()))
    print("\nПо документам (R/P, %):")
    by: dict[tuple[str, str], dict[str, str]] = {}
    for r in result["rows"]:
        s = Score(r["hand"], r["drafted"], r["matched"])
        by.setdefault((r["jurisdiction"], r["format"]), {})[r["kind"]] = \
            f"{_pct(s.recall).strip()}/{_pct(s.precision).strip()}"
    print(f"{'':<16}" + "".join(f"{k[:10]:>12}" for k in KINDS))
    for (j, fmt), cells in by.items():
        print(f"{j + ' ' + fmt:<16}" + "".join(f"{cells[k]:>12}" for k in KINDS))
    print("\nНаходки efs validate о дефектах самих документов (код: ручная / черновик):")
    for d in result["defects"]:
        codes = sorted(set(d["hand"]) | set(d["draft"]))
        cells = ", ".join(f"{c}: {d['hand'].get(c, 0)}/{d['draft'].get(c, 0)}" for c in codes)
        print(f"  {d['jurisdiction']:<9} {d['format']:<4} совпадают {len(d['same'])} из {len(d['hand'])} — {cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--jurisdiction", action="append", choices=JURISDICTIONS)
    parser.add_argument("--format", action="append", choices=("txt", "docx"))
    parser.add_argument("--misses", action="store_true", help="Перечислить пропущенные и лишние пункты.")
    parser.add_argument("--repeat", type=int, default=3, help="Повторов замера времени (0 — не замерять).")
    parser.add_argument("--json", action="store_true", help="Итог в JSON.")
    args = parser.parse_args(argv)
    jurisdictions = args.jurisdiction or list(JURISDICTIONS)
    formats = args.format or ["txt", "docx"]
    result = run(jurisdictions, formats, args.misses)
    timing = _timing(args.repeat) if args.repeat else None
    if args.json:
        out = {"totals": {fmt: {k: {"hand": s.hand, "drafted": s.drafted, "matched": s.matched,
                                    "recall": s.recall, "precision": s.precision}
                                for k, s in kinds.items()} for fmt, kinds in result["totals"].items()},
               "rows": result["rows"], "defects": result["defects"], "plugin_functions": result["plugin_functions"],
               "timing": timing}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    _print(result, formats)
    if timing:
        print(f"\nВремя (Амурская область, текст, лучшее из {args.repeat}): чтение файла {timing['read_s']} с; "
              f"efs draft {timing['draft_s']} с (×{timing['ratio']} к чтению), отдельным процессом "
              f"{timing['process_s']} с; цель ≤ 10 с")
    return 0


if __name__ == "__main__":
    sys.exit(main())
