"""Mutation test of the whole-document rules: seeded mistakes in copies of the bundled configurations and
documents, and whether ``efs validate`` catches each.

Run::

    .venv/bin/python bench/mutation.py               # the score, by family and operator
    .venv/bin/python bench/mutation.py --details     # every mutant and what it was expected to raise
    .venv/bin/python bench/mutation.py --json out.json

Each mutant is a copy of one of the four bundled configurations (``config/*.yaml``) and of its document,
written to a temporary directory (the document beside the configuration, so that it is the one read), with
one mistake a drafter could make: a Latin letter in a Russian word, an abbreviation never introduced, a
structure section of the wrong level, a lost enumeration item, a reference to an annex that is not there, an
act's date changed in one of its citations, a programme whose period has ended, an indicator without targets,
a share without its base, a deadline nobody can check, a repeated measure, a glossary term the text never
uses, a federal indicator taken in altered form, a passage copied from another document… Document mutations
change a line in place (line numbers stay, so the encoding's sources still point where they did).

A mutant is *caught* when a rule the operator names reports a finding on the mutant that it does not report
on the unmutated copy (the same run; findings compared by code and message). A crash (an exception out of
``validate``) is counted and reported.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import re
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 23)
JURISDICTIONS = ("amur", "megion", "turochak", "tyumen")

Data = dict[str, Any]


@dataclass
class Mutant:
    """One seeded mistake: what it does, where, and the rules that should report it."""

    family: str
    operator: str
    jurisdiction: str
    where: str
    expect: tuple[str, ...]
    config: Data
    lines: list[str]
    caught: bool | None = None
    crashed: str | None = None
    by: list[str] = field(default_factory=list)


# --- operators: each yields (where, config, lines) variants of one jurisdiction ---------------------------------

_HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x"}


def _words_lines(lines: list[str]) -> list[int]:
    return [n for n, line in enumerate(lines) if len(re.findall(r"[а-яё]{6,}", line)) >= 3]


def homoglyph(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for n in rnd.sample(_words_lines(lines), 4):
        words = [m for m in re.finditer(r"[а-яё]{6,}", lines[n]) if any(c in _HOMOGLYPHS for c in m.group())]
        m = rnd.choice(words)
        k = next(i for i, c in enumerate(m.group()) if c in _HOMOGLYPHS)
        word = m.group()[:k] + _HOMOGLYPHS[m.group()[k]] + m.group()[k + 1:]
        new = list(lines)
        new[n] = lines[n][:m.start()] + word + lines[n][m.end():]
        out.append((f"строка {n + 1}: «{m.group()}» → латинская «{_HOMOGLYPHS[m.group()[k]]}»", config, new))
    return out


def undefined_abbreviation(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for n, abbr in zip(rnd.sample(_words_lines(lines), 3), ("ЦОПМК", "РЦМСО", "МОЦРП"), strict=False):
        new = list(lines)
        new[n] = lines[n].rstrip() + f" Сведения направляются в {abbr}."
        out.append((f"строка {n + 1}: «{abbr}» без расшифровки", config, new))
    return out


def structure_level(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    """A structure section headed with a level the system does not have («федерального уровня»)."""
    out = []
    for n, line in enumerate(lines):
        m = re.search(r"(Структурн\w+ компонент\w* )(муниципального|регионального|институционального)", line)
        if m:
            new = list(lines)
            new[n] = line[:m.start(2)] + "федерального" + line[m.end(2):]
            out.append((f"строка {n + 1}: раздел структуры «{m.group(2)}» → «федерального»", config, new))
    return out[:3]


def enumeration_gap(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for n in rnd.sample(_words_lines(lines), 2):
        new = list(lines)
        new[n] = lines[n].rstrip() + " Формы работы: 1) семинары, 2) вебинары, 4) конференции."
        out.append((f"строка {n + 1}: перечисление 1), 2), 4)", config, new))
    return out


def annex_reference(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    n = rnd.choice(_words_lines(lines))
    new = list(lines)
    new[n] = lines[n].rstrip() + " Формы отчётов указаны в приложении № 7 к настоящему положению."
    return [(f"строка {n + 1}: ссылка на приложение № 7", config, new)]


def system_heading(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    other = "РСНМС" if config["jurisdiction"]["level"] == "municipal" else "МСНМС"
    for n, line in enumerate(lines):
        m = re.match(r"^(\s*\d+\.\d+\.\s+Структурн\w+ компонент\w* \w+ уровня )(\S+)", line)
        if m:
            new = list(lines)
            new[n] = m.group(1) + other + line[m.end():]
            return [(f"строка {n + 1}: заголовок называет систему «{other}»", config, new)]
    return []


def citation_date(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    """An act cited twice gets another date in one of its citations; else one citation is duplicated with
    another date on another line."""
    out = []
    for n, line in enumerate(lines):
        m = re.search(r"от (\d{2})\.(\d{2})\.(20\d{2}) ?№ ?([0-9А-Яа-я-]+)", line)
        if m:
            new = list(lines)
            target = rnd.choice([k for k in _words_lines(lines) if k != n])
            day = "28" if m.group(1) != "28" else "27"
            new[target] = lines[target].rstrip() + (f" (в соответствии с актом от {day}.{m.group(2)}.{m.group(3)} "
                                                    f"№ {m.group(4)})")
            out.append((f"строка {target + 1}: акт № {m.group(4)} с другой датой, чем на строке {n + 1}", config,
                        new))
            if len(out) == 2:
                break
    return out


def ended_programme(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for n, (years, code) in zip(rnd.sample(_words_lines(lines), 2),
                                (("2016-2018", "EFS223"), ("2021-2025", "EFS222")), strict=False):
        new = list(lines)
        new[n] = lines[n].rstrip() + f" Реализуются мероприятия муниципальной программы «Развитие образования на " \
                                     f"{years} годы»."
        out.append((f"строка {n + 1}: программа «на {years} годы» ({code})", config, new))
    return out


def superseded_concept(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    data = copy.deepcopy(config)
    for act in data.get("legal_basis") or []:
        if str(act.get("number", "")).replace(" ", "") in ("Р-174", "Р-174"):
            act["number"], act["date"] = "Р-76", "2020-08-06"
            return [("legal_basis: Р-174 → Р-76 от 06.08.2020", data, lines)]
    data.setdefault("legal_basis", []).append(
        {"id": "mutant_r76", "kind": "распоряжение", "number": "Р-76", "date": "2020-08-06",
         "as_written": "распоряжение Минпросвещения России от 06.08.2020 № Р-76"})
    return [("legal_basis: добавлено Р-76 от 06.08.2020", data, lines)]


def annex_date(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    data = copy.deepcopy(config)
    adopted = (data["jurisdiction"].get("adopted_by") or {}).get("date")
    if not adopted:
        return []
    day = dt.date.fromisoformat(str(adopted)) + dt.timedelta(days=3)
    data["jurisdiction"].setdefault("annexes", []).append(
        {"id": "mutant_annex", "kind": "приложение", "date": day.isoformat(), "as_written": f"от {day:%d.%m.%Y}"})
    return [(f"приложение от {day:%d.%m.%Y} к приказу от {adopted}", data, lines)]


def _indicators(config: Data) -> list[tuple[int, Data]]:
    return list(enumerate(config.get("indicators") or []))


def drop_targets(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for i, ind in _indicators(config):
        if ind.get("targets"):
            data = copy.deepcopy(config)
            data["indicators"][i]["targets"] = []
            out.append((f"показатель {ind.get('number')}: цели удалены", data, lines))
    return out[:3]


def share_without_base(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    data = copy.deepcopy(config)
    data.setdefault("indicators", []).append(
        {"id": "mutant_share", "number": "99", "text": "Доля педагогических работников, принявших участие в "
         "профессиональных конкурсах", "unit": "%",
         "targets": [{"year": 2024, "value": 20, "unit": "%", "as_written": "к 2024 году – не менее 20%"}]})
    return [("показатель-доля без базы", data, lines)]


def vague_deadline(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    roadmap = config.get("roadmap") or []
    for k in rnd.sample(range(len(roadmap)), min(3, len(roadmap))):
        data = copy.deepcopy(config)
        data["roadmap"][k]["deadline"] = {"as_written": "по мере необходимости", "kind": "unspecified"}
        out.append((f"мероприятие {roadmap[k].get('number')}: срок «по мере необходимости»", data, lines))
    return out


def repeated_measure(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    roadmap = config.get("roadmap") or []
    candidates = [k for k, m in enumerate(roadmap) if len(str(m.get("text", "")).split()) >= 6]
    out = []
    for k in rnd.sample(candidates, min(2, len(candidates))):
        data = copy.deepcopy(config)
        twin = copy.deepcopy(roadmap[k])
        twin["id"] = f"{twin['id']}_twin"
        twin["number"] = f"{twin.get('number') or ''}9."
        twin.pop("source", None)
        data["roadmap"].append(twin)
        out.append((f"мероприятие {roadmap[k].get('number')} повторено", data, lines))
    return out


def unused_term(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    data = copy.deepcopy(config)
    data.setdefault("glossary", []).append(
        {"term": "Квантовая педагогика", "definition": "подход, которого текст положения не касается."})
    return [("глоссарий: термин «Квантовая педагогика», в тексте нет", data, lines)]


def broken_definition(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    out = []
    for i, term in enumerate(config.get("glossary") or []):
        data = copy.deepcopy(config)
        words = str(term["definition"]).rstrip(" .;").split()
        data["glossary"][i]["definition"] = " ".join(words[: max(2, len(words) // 2)]).rstrip(",") + ","
        out.append((f"глоссарий: определение «{term['term']}» оборвано", data, lines))
    return out[:2]


def altered_federal(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    """An indicator that takes a federal one is narrowed to the jurisdiction's own organisations; without one,
    federal indicator 3 is taken as a share."""
    out = []
    for i, ind in _indicators(config):
        if any(str(e.get("id", "")).startswith("federal_") for e in ind.get("equivalent") or []):
            data = copy.deepcopy(config)
            text = str(ind["text"]).rstrip(" .")
            data["indicators"][i]["text"] = f"{text} в подведомственных учреждениях по результатам аттестации"
            out.append((f"показатель {ind.get('number')}: федеральный показатель сужен", data, lines))
    if out:
        return out[:2]
    data = copy.deepcopy(config)
    data.setdefault("indicators", []).append(
        {"id": "mutant_federal", "number": "98", "text": "Доля управленческих команд муниципальных "
         "образовательных организаций, повысивших свою квалификацию в ЦНППМ", "unit": "%",
         "targets": [{"year": 2024, "value": 50, "unit": "%", "as_written": "к 2024 году – не менее 50%"}]})
    return [("федеральный показатель 3 — доля вместо количества", data, lines)]


def copied_passage(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    from efs.documents import load
    from efs.registry import Registry

    registry = Registry.build()
    own = config["jurisdiction"]["document"]
    out = []
    others = [name for name in sorted(registry.documents) if name != own]
    for name in rnd.sample(others, 2):
        other = load(name, registry=registry).lines
        long = [line for line in other if len(line.split()) >= 30]
        passage = rnd.choice(long)
        n = rnd.choice(_words_lines(lines))
        new = list(lines)
        new[n] = lines[n].rstrip() + " " + passage.strip()
        out.append((f"строка {n + 1}: абзац из {name}", config, new))
    return out


def no_responsible(config: Data, lines: list[str], rnd: random.Random) -> list[tuple[str, Data, list[str]]]:
    mon = config.get("monitoring") or {}
    if not mon.get("responsible"):
        return []
    data = copy.deepcopy(config)
    data["monitoring"]["responsible"] = []
    return [("мониторинг без ответственного", data, lines)]


OPERATORS: list[tuple[str, str, tuple[str, ...], Callable[..., list[tuple[str, Data, list[str]]]]]] = [
    ("names", "homoglyph", ("EFS144",), homoglyph),
    ("names", "undefined_abbreviation", ("EFS200",), undefined_abbreviation),
    ("consistency", "structure_level", ("EFS210",), structure_level),
    ("consistency", "system_heading", ("EFS211",), system_heading),
    ("consistency", "annex_reference", ("EFS212",), annex_reference),
    ("consistency", "enumeration_gap", ("EFS213",), enumeration_gap),
    ("legal", "citation_date", ("EFS220",), citation_date),
    ("legal", "ended_programme", ("EFS222", "EFS223"), ended_programme),
    ("legal", "superseded_concept", ("EFS102",), superseded_concept),
    ("legal", "annex_date", ("EFS110",), annex_date),
    ("complete", "drop_targets", ("EFS161",), drop_targets),
    ("complete", "share_without_base", ("EFS232",), share_without_base),
    ("complete", "vague_deadline", ("EFS230",), vague_deadline),
    ("complete", "repeated_measure", ("EFS233",), repeated_measure),
    ("complete", "no_responsible", ("EFS231",), no_responsible),
    ("glossary", "unused_term", ("EFS240",), unused_term),
    ("glossary", "broken_definition", ("EFS241",), broken_definition),
    ("concept", "altered_federal", ("EFS250",), altered_federal),
    ("traces", "copied_passage", ("EFS260",), copied_passage),
]


def mutants(seed: int) -> list[Mutant]:
    """Every mutant of every bundled configuration (deterministic for a seed)."""
    from efs.documents import load
    from efs.registry import Registry

    registry = Registry.build()
    out = []
    for jurisdiction in JURISDICTIONS:
        config = yaml.safe_load((ROOT / "config" / f"{jurisdiction}.yaml").read_text(encoding="utf-8"))
        document = load(config["jurisdiction"]["document"], registry=registry)
        assert document is not None
        for family, name, expect, operator in OPERATORS:
            rnd = random.Random(f"{seed}:{jurisdiction}:{name}")
            for where, data, lines in operator(config, list(document.lines), rnd):
                out.append(Mutant(family, name, jurisdiction, where, expect, data, lines))
    return out


def _run(config: Data, lines: list[str], registry: Any, folder: Path) -> Counter[tuple[str, str]]:
    from efs.conformance import validate
    from efs.loading import load_configuration

    (folder / config["jurisdiction"]["document"]).write_text("\n".join(lines), encoding="utf-8")
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = validate(load_configuration(path, registry=registry), registry=registry, as_of=AS_OF)
    return Counter((f.code, f.message) for f in found if not f.suppressed)


def main() -> int:
    from efs.documents import load
    from efs.registry import Registry

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    registry = Registry.build()
    every = mutants(args.seed)
    baselines: dict[str, Counter[tuple[str, str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for jurisdiction in JURISDICTIONS:
            config = yaml.safe_load((ROOT / "config" / f"{jurisdiction}.yaml").read_text(encoding="utf-8"))
            document = load(config["jurisdiction"]["document"], registry=registry)
            assert document is not None
            baselines[jurisdiction] = _run(config, list(document.lines), registry, folder)
        for m in every:
            try:
                counts = _run(m.config, m.lines, registry, folder)
            except Exception:  # a crash is what the test looks for: counted, never hidden
                m.crashed = traceback.format_exc(limit=3)
                m.caught = False
                continue
            base = baselines[m.jurisdiction]
            m.by = [code for code in m.expect
                    if any(c == code and n > base[(c, msg)] for (c, msg), n in counts.items())]
            m.caught = bool(m.by)
    by_family: dict[str, list[Mutant]] = {}
    for m in every:
        by_family.setdefault(m.family, []).append(m)
    print(f"{'семейство':<14}{'мутантов':>10}{'поймано':>10}{'доля':>8}")
    for family, ms in by_family.items():
        caught = sum(bool(m.caught) for m in ms)
        print(f"{family:<14}{len(ms):>10}{caught:>10}{caught / len(ms):>8.0%}")
    caught = sum(bool(m.caught) for m in every)
    crashed = sum(m.crashed is not None for m in every)
    print(f"{'всего':<14}{len(every):>10}{caught:>10}{caught / len(every):>8.0%}   падений: {crashed}")
    if args.details:
        for m in every:
            mark = "поймано" if m.caught else ("ПАДЕНИЕ" if m.crashed else "ПРОПУЩЕНО")
            print(f"{mark:<10} {m.jurisdiction:<9} {m.operator:<22} {'/'.join(m.expect):<15} {m.where}")
            if m.crashed:
                print(m.crashed)
    if args.json:
        args.json.write_text(json.dumps({
            "mutants": len(every), "caught": caught, "crashed": crashed, "score": caught / len(every),
            "by_family": {f: [len(ms), sum(bool(m.caught) for m in ms)] for f, ms in by_family.items()},
            "missed": [{"jurisdiction": m.jurisdiction, "operator": m.operator, "where": m.where}
                       for m in every if not m.caught],
        }, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if crashed == 0 else 1


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
