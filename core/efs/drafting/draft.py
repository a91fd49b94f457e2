"""The drafter: a Document → a configuration (as data) and the list of what a person must review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from efs.concept.acts import normalize_number
from efs.documents.model import Document
from efs.drafting.acts import DATE, Citation, citations, parse_date
from efs.drafting.classify import Guess, Precedents, function_of, kind_of
from efs.drafting.outline import Item, items
from efs.drafting.roadmap import measures

ALIAS = re.compile(r"\((?:далее|Далее)(?:\s+соответственно)?\s*[-–—]?\s*(?P<a>[^)]{1,80})\)")
#: A list of a subject's parts by place: «ЦНППМ г. Тюмени, ЦНППМ г. Ишима, ЦНППМ г. Тобольска».
BRANCH = re.compile(r"[А-ЯЁ]{2,}[А-ЯЁа-яё-]*\s+(?:г\.|города|района|филиал)\s*[А-ЯЁ][а-яё-]+")
BRANCHES = re.compile(rf"^(?:{BRANCH.pattern}\s*,\s*(?:и\s+)?)+{BRANCH.pattern}")
#: «Муниципальная методическая служба, далее - ММС.»: the short name without brackets.
LOOSE_ALIAS = re.compile(r",\s*далее\s*[-–—]\s*(?P<a>[^,;:()]{1,40}?)\.?\s*$", re.I)
SHORT = re.compile(r"\((?P<a>[А-ЯЁA-Z][А-ЯЁA-Z ]{1,12}(?:\s?«[^»]+»)?)\)\s*[.:]?$")
INDICATOR = re.compile(r"^(Доля|Количество|Число|Удельный|Отношение|Средн|Охват|Численность)")
TARGET = re.compile(
    r"(?P<w>(?:к|в|на)\s+(?P<y>20\d{2})\s+год[уа]?\s*[-–—:]?\s*(?P<c>не менее|не более|до)?\s*"
    r"(?P<v>\d+(?:[.,]\d+)?)\s*(?P<u>%|чел\.?|ед\.?)?)")
#: «в том числе <what> (» just before a target: the target is of that part of what the indicator counts.
SUB_MEASURE = re.compile(r"в том числе\s+(?P<s>[^()]+?)\s*\(\s*$")
#: «, в том числе не менее 2 в каждом субъекте Российской Федерации» right after a target.
EACH = re.compile(r",?\s*в том числе\s+(?P<w>(?P<c>не менее|не более)?\s*(?P<v>\d+(?:[.,]\d+)?)\s*(?P<u>%)?"
                  r"\s+в каждом\s+(?P<where>[а-яё]+)[^);,.]*)")
EACH_SCOPE = (("субъект", "each_region"), ("регион", "each_region"), ("муниципал", "each_municipality"),
              ("организац", "each_organization"), ("образовательн", "each_organization"))
#: The goal: «Целью МСНМС является …», «Цель системы – …», not a heading «Цель, задачи и принципы».
GOAL = re.compile(r"^(?:Целью\s|Цель\s+(?!,)\S.{0,80}?(?:\s[-–—]\s|:|является|состоит))", re.I)
TERM = re.compile(r"^(?P<t>.{3,300}?)(?:\s+|(?<=\)))[-–—]\s+(?P<d>\S.*)$")
LEVEL_WORDS = {"регионального": "regional", "муниципального": "municipal", "институционального": "institutional"}
LEVEL_HEAD = re.compile(r"(?:компонент\w*|субъекты)\s+(регионального|муниципального|институционального)"
                        r"(?:\s*\([^)]*\))?\s+уровня|(регионального|муниципального|институционального)"
                        r"(?:\s*\([^)]*\))?\s+уровня\s+\S+\s+представля", re.I)


@dataclass(slots=True)
class Review:
    """One mapping a person must confirm."""

    path: str
    line: int
    section: str
    text: str
    message: str
    chosen: str | None = None
    alternatives: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "section": self.section, "text": self.text,
                "message": self.message, "chosen": self.chosen, "alternatives": self.alternatives}


@dataclass
class Draft:
    """A drafted configuration (plain data in the configuration format) and its review list."""

    config: dict[str, Any]
    review: list[Review]
    #: YAML paths of items to mark in the written file (path → message).
    marks: dict[str, str] = field(default_factory=dict)


_PREDICATE = re.compile(r"\b(?:является|являются|представляет|представляют|включает|включают)\b", re.I)


def _names_subject(text: str) -> bool:
    """Whether a numbered item under the subjects' heading names a subject rather than says something
    about them («3.4.3. Данный перечень субъектов … является достаточным»)."""
    return not (_PREDICATE.search(text) and len(text.split()) > 12 and "далее" not in text.lower())


#: A threshold in a roadmap result: «не менее 40 % до 2024», «ежегодно не менее 10%», «не более 250», «100 % …».
THRESHOLD = re.compile(
    r"(?P<w>(?:ежегодно\s+)?(?:(?P<c>не менее|не более)\s*)?(?P<v>\d+(?:[.,]\d+)?)\s*(?P<u>%)?"
    r"(?:\s*(?:до\s+(?:декабря\s+)?(?P<y>20\d{2})(?:\s*года)?|ежегодно|[А-ЯЁ]{3,}(?:\s+и\s+[А-ЯЁ]{3,})?|"
    r"образовательных организаций)(?![\w]))?)(?![\d\w])", re.I)
#: A direction of the system's work: «Направление № 1. «Управление системой …».».
DIRECTION_ITEM = re.compile(r"^(?P<n>Направление\s*№?\s*\d+)\.?\s*(?=«)")
#: How often monitoring is done, as written, and the times a year each wording means.
FREQUENCY = re.compile(r"(?:не реже|не чаще)\s+\S+\s+раз\w*\s+в\s+(?:год|полугодие|квартал|месяц)|ежегодно|"
                       r"ежеквартально|ежемесячно|\S+\s+раз\w*\s+в\s+(?:год|полугодие|квартал)", re.I)
TIMES_A_YEAR = ((r"одного раза в год|ежегодно|раз в год", 1), (r"двух раз в год|полугодие", 2),
                (r"квартал", 4), (r"месяц", 12))
#: Abbreviations a roadmap writes where an indicator spells the words out.
_EXPANDED = {"ФРДПП": "Федеральный реестр ДПП", "ФР ДПП": "Федеральный реестр ДПП",
             "ИОМ": "индивидуальные образовательные маршруты", "РМА": "регионального методического актива"}
ABBREVIATIONS = re.compile(r"\b(?:ФР\s?ДПП|ИОМ|РМА)\b")
#: An edition known by its date alone: «(с изменениями и дополнениями от 19.07.2018)».
EDITION_DATE = re.compile(r"\((?:в\s+ред\.?|с\s+изменениями(?:\s+и\s+дополнениями)?)\s+от\s+(?P<d>[^()№]{6,20}?)\)")
_EDITION_OPEN = re.compile(r"\(\s*(?:в\s+ред|с\s+изменени)", re.I)


def _in_edition(text: str, start: int) -> bool:
    """Whether the citation at ``start`` stands inside «(в ред. …)» or «(с изменениями, внесенными …)»."""
    opened = text.rfind("(", 0, start)
    return opened >= 0 and text.find(")", opened, start) < 0 and bool(_EDITION_OPEN.match(text, opened))


def _citation(c: Citation, document: Document, section: str, line: int, *, edition: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("kind", "issuer", "number"):
        value = getattr(c, name)
        if value:
            out[name] = value
    if c.date:
        out["date"] = c.date.isoformat()
    if c.date_as_written:
        out["date_as_written"] = c.date_as_written
    if c.title and not edition:
        out["title"] = c.title
    out["as_written"] = c.as_written
    out["source"] = _src(document, section, line)
    return out


def _is_section(it: Item) -> bool:
    """Whether an item's label numbers a section («1.5.», «3.2.1.»), not an item of a list («1)», «•»)."""
    return bool(it.label) and not it.bullet and bool(it.depth) and not it.label.endswith(")")


def _document_kind(config: dict[str, Any]) -> str:
    """What the document is, by what it holds: a roadmap alone, an indicator table alone, or a Положение."""
    if config["subjects"]:
        return "regulation"
    if config["roadmap"] and not config["indicators"]:
        return "roadmap"
    if config["indicators"] and not config["roadmap"]:
        return "indicator_table"
    return "annex"


def _src(document: Document, section: str, line: int) -> dict[str, Any]:
    return {"document": document.name, "section": section or "—", "line": line}


def _slug(text: str, used: set[str], prefix: str) -> str:
    from efs.drafting.translit import slug

    base = slug(text) or prefix
    base = base if base[0].isalpha() else f"{prefix}_{base}"
    candidate, k = base, 2
    while candidate in used:
        candidate = f"{base}_{k}"
        k += 1
    used.add(candidate)
    return candidate


class _Drafter:
    def __init__(self, document: Document, precedents: Precedents, functions: set[str], kinds: set[str],
                 jurisdiction: str | None) -> None:
        self.doc = document
        self.precedents = precedents
        self.functions = functions
        self.kinds = kinds
        self.jid = jurisdiction
        self.review: list[Review] = []
        self.marks: dict[str, str] = {}
        self.ids: set[str] = set()
        self.items = items(document)
        self.basis = self._basis_lines()

    def flag(self, path: str, item_line: int, section: str, text: str, guess: Guess, what: str) -> None:
        """Put an unsure mapping to the reviewer: in the review list and as a mark in the YAML."""
        if guess.sure:
            return
        message = f"{what}: выбрано «{guess.value}» ({guess.reason}); проверьте"
        self.review.append(Review(path, item_line, section, text[:200], message, guess.value, guess.alternatives))
        alts = f"; другие варианты: {', '.join(guess.alternatives)}" if guess.alternatives else ""
        self.marks[path] = f"ПРОВЕРИТЬ {what}: {guess.reason}{alts}"

    def ask(self, path: str, line: int, section: str, text: str, message: str) -> None:
        """Put a question that is not a choice between catalogue ids to the reviewer (list and YAML mark)."""
        self.review.append(Review(path, line, section, text[:200], message))
        self.marks[path] = f"ПРОВЕРИТЬ: {message}"

    # Sections ----------------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        doc = self.doc
        system: dict[str, list[dict[str, Any]]] = {"tasks": [], "principles": [], "approaches": [], "directions": [],
                                                   "interaction_subjects": [], "interaction_channels": []}
        goal = None
        subjects: list[dict[str, Any]] = []
        indicators: list[dict[str, Any]] = []
        glossary: list[dict[str, Any]] = []
        mode = None
        mode_depth = 0
        level: str | None = None
        level_depth = 0
        #: The section the subjects' lists stand in («3.»): a label outside it ends them.
        root: tuple[int, ...] = ()
        subject: dict[str, Any] | None = None
        section = ""
        for it in self.items:
            low = it.text.lower()
            if it.label and not it.bullet:
                section = it.section
            head_level = LEVEL_HEAD.search(it.text)
            # Leaving a list: a label at or above the depth of the heading that opened it.
            if it.depth and mode and it.depth <= mode_depth and mode not in ("subjects", "glossary"):
                mode = None
            if mode == "subjects" and root and it.depth and not it.bullet and it.numbers[:1] != root \
                    and not head_level:
                mode, subject = None, None  # the next section («4.» after the subjects of «3.»)
            if mode == "subjects" and it.depth and level_depth and it.depth < level_depth and not head_level:
                if it.depth == level_depth - 1 and level_depth > 1:
                    level = None  # a subject beside the levels' lists («3.5.» after «3.4.»)
                    level_depth = it.depth
                else:
                    mode, subject = None, None
            if not it.label and re.match(r"^(?:основные\s+)?(?:понятия|термины)", low) and len(it.text) < 120:
                mode, subject = "glossary", None
                section = it.text.rstrip(":. ")
                continue
            if mode == "glossary":
                m = TERM.match(it.text)
                if re.match(r"^\W*(?:комплекс мер|приложение)", low):
                    mode = None  # the roadmap or another annex follows the glossary
                elif m and not it.label:
                    glossary.append({"term": m.group("t").strip(), "definition": m.group("d").strip(),
                                     "source": _src(doc, section, it.line)})
                elif glossary and not it.label and it.text[:1].islower():
                    glossary[-1]["definition"] += " " + it.text
                continue
            if goal is None and GOAL.match(it.text):
                goal = {"text": it.text, "source": _src(doc, it.section or section, it.line)}
                if it.label:
                    goal["number"] = it.label
                continue
            if head_level:
                level = LEVEL_WORDS[(head_level.group(1) or head_level.group(2)).lower()]
                level_depth = it.depth + 1 if it.depth else 1
                root = root or (it.numbers[:1] if it.depth else ())
                mode, subject = "subjects", None
                mode_depth = it.depth
                continue
            direction = DIRECTION_ITEM.match(it.text)
            if direction and not it.depth:
                system["directions"].append({"number": direction.group("n"), "text": it.text[direction.end():].strip(),
                                             "source": _src(doc, section, it.line)})
                continue
            opened = self._opens(low, it)
            if opened:
                mode, mode_depth, subject = opened, it.depth, None
                continue
            if mode == "subjects":
                if (it.depth == level_depth or (it.depth and not subject and not it.bullet)) \
                        and _names_subject(it.text):
                    subject = self._subject(it, level, len(subjects))
                    subjects.append(subject)
                    continue
                if subject is not None and re.match(r"^(?:функции|выполняет функции)", low) and it.text.endswith(":"):
                    alias = ALIAS.search(it.text)
                    if alias and not subject.get("short_name"):
                        # Near the name it is the subject's short name; further down, a spelling with its own line.
                        if it.line - subject["source"]["line"] <= 2:
                            subject["short_name"] = alias.group("a").strip()
                        else:
                            subject.setdefault("aliases", []).append(
                                {"text": alias.group("a").strip(), "source": _src(doc, subject["number"] or "",
                                                                                  it.line)})
                    continue
                if subject is not None and (it.bullet or it.text[:1].islower()) and not it.depth:
                    self._function(subject, subjects.index(subject), it)
                    continue
                if subject is not None and not it.depth and (branches := BRANCHES.match(it.text)):
                    # «ЦНППМ г. Тюмени, ЦНППМ г. Ишима, ЦНППМ г. Тобольска, выступают …»: parts of the subject.
                    for m in BRANCH.finditer(branches.group(0)):
                        part = {"id": _slug(m.group(0), self.ids, "subject"), "name": m.group(0),
                                "kind": subject["kind"], "level": subject["level"], "part_of": subject["id"],
                                "functions": [], "source": _src(doc, subject["number"] or "", it.line)}
                        subjects.append(part)
                        self.flag(f"subjects[{len(subjects) - 1}].kind", it.line, subject["number"] or "",
                                  m.group(0), Guess(subject["kind"], 0.5, "часть субъекта, вид — как у него",
                                                    ["organization"], sure=False), "вид филиала")
                if subject is not None and (not it.depth or not _names_subject(it.text)):
                    subject.setdefault("notes", []).append({"text": it.text, "source": _src(doc, subject["number"]
                                                                                           or "", it.line)})
                    continue
                continue
            if mode in system and not it.depth:
                system[mode].append({"text": it.text, "source": _src(doc, section, it.line)})
                continue
            if mode in system and it.depth == mode_depth + 1:
                system[mode].append({"number": it.label, "text": it.text, "source": _src(doc, section, it.line)})
                continue
            if mode == "indicators" and INDICATOR.match(it.text):
                indicators.append(self._indicator(it, section, len(indicators)))
                continue
        config: dict[str, Any] = {"format_version": 1, "jurisdiction": self._jurisdiction(), "plugins": []}
        config["legal_basis"] = self._acts()
        sysout: dict[str, Any] = {}
        if goal:
            sysout["goal"] = goal
        for key, values in system.items():
            if values:
                sysout[key] = values
        config["system"] = sysout
        from efs.drafting.aliases import collect

        collect(subjects, self._texts(), doc.lines,
                lambda section, line: _src(doc, section or self._section_at(line) or "—", line))
        config["subjects"] = subjects
        self.subjects = subjects
        config["indicators"] = indicators
        self.indicators = indicators
        config["agreements"] = self._agreements()
        monitoring = self._monitoring(subjects)
        if monitoring:
            config["monitoring"] = monitoring
        config["roadmap"] = measures(doc, self)
        config["glossary"] = glossary
        kind = _document_kind(config)
        if kind != "regulation":
            # A partial document: the rules that need a full Положение do not run on it (and say so).
            config["jurisdiction"]["document_kind"] = kind
            self.ask("jurisdiction.document_kind", 1, "", doc.name,
                     f"в документе нет субъектов системы: он размечен как «{kind}»; если это полное положение, "
                     "уберите document_kind")
        return config

    def _opens(self, low: str, it: Item) -> str | None:
        if "нормативн" in low and "основ" in low and len(low) < 200:
            return "acts"
        if re.match(r"^задачи\b", low) and len(low) < 100:
            return "tasks"
        if re.match(r"^принцип", low) and len(low) < 200:
            return "principles"
        if "методологической основой" in low:
            return "approaches"
        if "предметом взаимодействия" in low:
            return "interaction_subjects"
        if "каналы взаимодействия" in low:
            return "interaction_channels"
        if "показател" in low and it.text.endswith(":") and len(low) < 200:
            return "indicators"
        if low.startswith("показатели") and len(low) < 30:
            return "indicators"
        return None

    # Items -----------------------------------------------------------------------------------------
    def _subject(self, it: Item, level: str | None, index: int) -> dict[str, Any]:
        text = it.text
        alias = ALIAS.search(text) or LOOSE_ALIAS.search(text)
        name = LOOSE_ALIAS.sub("", ALIAS.sub("", text))
        name = re.split(r",\s*(?:выполняющ|осуществляющ)", name)[0]
        name = re.sub(r"\s*(?:выполняет функции)?\s*[:.]?\s*$", "", name).strip()
        short = alias.group("a").strip().rstrip(".") if alias else None
        m = SHORT.search(name)
        if not short and m:
            short = m.group("a").strip()
            name = name[: m.start()].rstrip()
        guess = kind_of(name, level, self.kinds, self.precedents)
        sid = _slug(short or name, self.ids, "subject")
        out: dict[str, Any] = {"id": sid, "number": it.section or None, "name": name}
        if short:
            out["short_name"] = short
        out.update({"kind": guess.value, "level": level, "functions": [],
                    "source": _src(self.doc, it.section, it.line)})
        self.flag(f"subjects[{index}].kind", it.line, it.section, name, guess, "вид субъекта")
        return out

    def _function(self, subject: dict[str, Any], index: int, it: Item) -> None:
        guess = function_of(it.text, self.precedents, self.functions)
        k = len(subject["functions"])
        subject["functions"].append({"function": guess.value, "text": it.text,
                                     "source": _src(self.doc, subject.get("number") or "", it.line)})
        self.flag(f"subjects[{index}].functions[{k}]", it.line, subject.get("number") or "", it.text, guess,
                  "функция пункта")

    def _indicator(self, it: Item, section: str, index: int) -> dict[str, Any]:
        unit = "%" if it.text.lower().startswith("доля") else ("чел." if "работник" in it.text.lower() else "ед.")
        targets = []
        end = 0
        for m in TARGET.finditer(it.text):
            comparator = {"не менее": "at_least", "не более": "at_most", "до": "at_most"}.get(m.group("c") or "",
                                                                                            "equal")
            # A value written without its unit is in the indicator's unit («Количество …: к 2022 году – не менее 200»).
            written = m.group("u")
            target_unit = (written.rstrip(".") + ("." if written[0] in "че" else "")) if written else unit
            # «в 2022 году» holds in that year only; «к 2024 году» from that year on (the default kind).
            period = {"kind": "in_year"} if m.group("w").lower().startswith("в ") else {}
            target: dict[str, Any] = {**period, "year": int(m.group("y")),
                                      "value": float(m.group("v").replace(",", ".")), "unit": target_unit,
                                      "comparator": comparator, "as_written": m.group("w").strip()}
            # «…, в том числе справившихся с диагностикой на 70% и более (к 2024 году – не менее 15%)»: the
            # target of a part of what the indicator counts.
            part = SUB_MEASURE.search(it.text[end:m.start()])
            if part:
                target["sub_measure"] = part.group("s")
            target["source"] = _src(self.doc, section, it.line)
            targets.append(target)
            end = m.end()
            # «к 2022 году – не менее 200, в том числе не менее 2 в каждом субъекте Российской Федерации»: a
            # target for each region (municipality, organisation) in the same year.
            each = EACH.match(it.text, m.end())
            if each:
                where = each.group("where").lower()
                scope = next((v for k, v in EACH_SCOPE if where.startswith(k)), None)
                if scope:
                    targets.append({**period, "year": int(m.group("y")),
                                    "value": float(each.group("v").replace(",", ".")),
                                    "unit": "%" if each.group("u") else unit,
                                    "comparator": {"не менее": "at_least", "не более": "at_most"}.get(
                                        each.group("c") or "", "equal"),
                                    "scope": scope, "as_written": each.group("w"),
                                    "source": _src(self.doc, section, it.line)})
                    end = each.end()
        out: dict[str, Any] = {"id": _slug(it.text[:40], self.ids, "indicator"), "number": it.label or None,
                               "text": it.text, "unit": unit}
        if targets:
            out["targets"] = targets
        federal = self._federal(it.text, unit)
        if federal is not None:
            share, fed = federal
            out["equivalent"] = [{"id": fed.id, "rationale": f"слова показателя совпадают со словами федерального "
                                                            f"показателя на {round(100 * share)} %"}]
            self.flag(f"indicators[{index}].equivalent", it.line, section, it.text,
                      Guess(fed.id, share, "по сходству с текстом федерального показателя", ["не равнозначен"],
                            sure=False), "равнозначный федеральный показатель")
        out["source"] = _src(self.doc, section, it.line)
        self.ask(f"indicators[{index}].formula", it.line, section, it.text,
                 "показатель без формулы: выберите формулу каталога (efs catalogue formulas) или запишите её из "
                 "строительных блоков")
        return out

    def _basis_lines(self) -> tuple[int, int]:
        """First and last line of the legal basis section («Нормативная правовая основа …»), or (0, -1)."""
        for i, it in enumerate(self.items):
            low = it.text.lower()
            if not ("нормативн" in low and "основ" in low and len(low) < 200):
                continue
            end = self.items[-1].end_line
            for nxt in self.items[i + 1:]:
                if nxt.label and not nxt.bullet and not nxt.label.endswith(")") and \
                        (not it.depth or nxt.depth <= it.depth):
                    end = nxt.line - 1
                    break
            return it.line, end
        return 0, -1

    def known_names(self) -> list[str]:
        """Every spelling of every drafted subject, longest first (for cutting a cell into names)."""
        names = {n for s in getattr(self, "subjects", []) for n in
                 [s["name"], s.get("short_name"), *(a["text"] for a in s.get("aliases", []))] if n}
        return sorted(names, key=lambda n: -len(n.split()))

    def _monitoring(self, subjects: list[dict[str, Any]]) -> dict[str, Any] | None:
        """How the system is monitored: how often (as written, and times a year), the methods and data sources
        listed under «Методы сбора информации …», what comes of it, and the subjects whose functions say they
        monitor the system's effectiveness."""
        out: dict[str, Any] = {}
        source: dict[str, Any] | None = None
        for i, it in enumerate(self.items):
            low = it.text.lower()
            if "frequency" not in out and "мониторинг" in low and (m := FREQUENCY.search(it.text)):
                out["frequency"] = m.group(0)
                times = next((n for pattern, n in TIMES_A_YEAR if re.search(pattern, m.group(0), re.I)), None)
                if times:
                    out["times_per_year"] = times
                source = _src(self.doc, it.section or self._section_at(it.line), it.line)
                after = it.text[m.end():]
                result = re.search(r"По результатам мониторинг\w*[^.]*\.", after)
                if result:
                    out.setdefault("outputs", []).append({"text": result.group(0), "source": source})
            if re.match(r"^(?:методы|способы) сбора", low):
                section = it.section or self._section_at(it.line)
                for nxt in self.items[i + 1:]:
                    if nxt.depth or (not nxt.bullet and not nxt.text[:1].islower()):
                        break
                    key = "sources" if nxt.text.lower().startswith("данные") else "methods"
                    out.setdefault(key, []).append({"text": nxt.text, "source": _src(self.doc, section, nxt.line)})
        # By id: the subjects are inferred from their functions, not quoted from a sentence about monitoring.
        responsible = [s["id"] for s in subjects
                       if any(f["function"] == "monitoring" and re.search(r"мониторинг\w* эффективности", f["text"],
                                                                          re.I) for f in s["functions"])]
        if responsible:
            out["responsible"] = responsible
        if not out:
            return None
        out["source"] = source or next((x["source"] for key in ("sources", "methods") for x in out.get(key, [])),
                                       None)
        if out["source"] is None:
            del out["source"]
        return out

    def _texts(self) -> list[tuple[str, int, int, str]]:
        """Every paragraph's text with its first and last line and section: items (broken lines of a text
        export joined), then the paragraphs of table cells."""
        out = [(it.text, it.line, it.end_line, it.section if _is_section(it) else self._section_at(it.line))
               for it in self.items]
        for table in self.doc.tables():
            for row in table.rows:
                for cell in row:
                    for p in cell.paragraphs:
                        if p.text.strip():
                            out.append((p.text, p.line, p.line + p.text.count("\n"), "дорожная карта"))
        return out

    def _section_at(self, line: int) -> str:
        """The printed number of the section a line stands in."""
        section = ""
        for it in self.items:
            if it.line > line:
                break
            if _is_section(it):
                section = it.section
        return section

    def _line_in(self, fragment: str, first: int, last: int) -> int:
        """The line (of ``first``…``last``) on which ``fragment`` starts."""
        probe = re.sub(r"\s+", " ", fragment).strip()[:25]
        for n in range(first, last + 1):
            if probe and probe[:12] in re.sub(r"\s+", " ", self.doc.lines[n - 1]):
                return n
        return first

    def thresholds(self, result: str, line: int, section: str, deadline: str, path: str) -> list[dict[str, Any]]:
        """Thresholds a roadmap row's result states («… (не менее 40 % до 2024)»), each tied to the indicator
        whose words the sentence around it shares; a value no indicator matches is not a threshold."""
        out: list[dict[str, Any]] = []
        for m in THRESHOLD.finditer(result):
            if not (m.group("c") or m.group("u")):
                continue
            clause = result[max(result.rfind(".", 0, m.start()), result.rfind(";", 0, m.start()), 0):m.start()]
            ranked = self._indicators_for(clause, share=bool(m.group("u")))
            if not ranked or ranked[0][0] < 0.3:
                continue
            indicator = ranked[0][1]
            guess = Guess(indicator["id"], ranked[0][0], "по словам результата, общим с текстом показателя",
                          [i["id"] for _, i in ranked[1:4]] or ["не порог показателя"], sure=ranked[0][0] >= 0.5)
            self.flag(f"{path}.thresholds[{len(out)}]", line, section, result, guess, "показатель порога")
            comparator = {"не менее": "at_least", "не более": "at_most"}.get((m.group("c") or "").lower(), "equal")
            period = self._period(m.group("w"), m.group("y"), deadline)
            if period is None:
                continue
            unit = "%" if m.group("u") else ("чел." if re.search(r"работник|педагог|человек", clause, re.I) else "ед.")
            out.append({"indicator": indicator["id"], **period,
                        "value": float(m.group("v").replace(",", ".")), "unit": unit, "comparator": comparator,
                        "as_written": m.group("w").strip(), "source": _src(self.doc, section, line)})
        return out

    def _period(self, written: str, year: str | None, deadline: str) -> dict[str, Any] | None:
        """How a roadmap threshold is tied to time, as written: «ежегодно» every year from the adoption to the
        year the roadmap runs to; «до декабря 2024 года» in that year; «до 2024» (or no year) by that year; a row
        done «постоянно» standing over the roadmap's years."""
        horizon = self._horizon() or (re.findall(r"20\d{2}", deadline) or [None])[-1]
        adopted = (self.header.adopted_by or {}).get("date")
        first = int(adopted[:4]) if adopted else None
        low, due = written.lower(), deadline.lower()
        if "ежегодно" in low and horizon:
            return {"kind": "yearly", "first_year": first or int(horizon), "last_year": int(horizon)}
        if year and "декабр" in low:
            return {"kind": "in_year", "year": int(year)}
        if year:
            return {"year": int(year)}
        if re.search(r"постоянн", due) and horizon:
            return {"kind": "standing", "first_year": first or int(horizon), "last_year": int(horizon)}
        return {"year": int(horizon)} if horizon else None

    def _indicators_for(self, clause: str, *, share: bool) -> list[tuple[float, dict[str, Any]]]:
        """The drafted indicators a result's clause may speak of, best first, with the share of each one's words
        the clause has: shares for a percentage, counts otherwise."""
        from efs.drafting.classify import stems

        words = set(stems(ABBREVIATIONS.sub(lambda m: _EXPANDED[m.group(0).upper()], clause)))
        scored = []
        for ind in getattr(self, "indicators", []):
            if (ind["unit"] == "%") != share:
                continue
            theirs = set(stems(ind["text"])) - {"доля", "количе", "число"}
            if theirs:
                scored.append((len(words & theirs) / len(theirs), ind))
        scored.sort(key=lambda x: -x[0])
        return scored

    def _horizon(self) -> str | None:
        """The year a roadmap runs to («… на период до 2024 года»)."""
        if not hasattr(self, "_horizon_year"):
            m = re.search(r"(?:комплекс мер|дорожн\w+ карт\w*)[^\n]{0,300}?до\s+(20\d{2})\s+год", self.doc.text, re.I)
            self._horizon_year = m.group(1) if m else None
        return self._horizon_year

    def _federal(self, text: str, unit: str) -> tuple[float, Any] | None:
        """The federal indicator whose words (before its targets) the indicator repeats, if nearly all of them."""
        from efs.concept.indicators import federal_indicators
        from efs.drafting.classify import stems

        ours = set(stems(text))
        best: tuple[float, Any] | None = None
        for fed in federal_indicators():
            if fed.unit != unit:
                continue
            theirs = set(stems(fed.text.split("(")[0]))
            share = len(ours & theirs) / len(theirs) if theirs else 0.0
            if share >= 0.8 and (best is None or share > best[0]):
                best = (share, fed)
        return best

    def _acts(self) -> list[dict[str, Any]]:
        """The acts cited: those of the legal basis section first, then any other act cited with a number and a
        date (roadmap, text); an amending act «в ред. …», «с изменениями …» is an edition of the act it
        follows; national and federal projects only where the legal basis names them."""
        adopted = self._adopting()
        basis = self.basis
        texts = self._texts()
        in_basis = [t for t in texts if basis[0] <= t[1] <= basis[1]]
        elsewhere = [t for t in texts if not basis[0] <= t[1] <= basis[1]]
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for text, first, last, section in in_basis + elsewhere:
            if re.match(r"^\s*Приложение\b", text):
                continue  # an annex's heading names the adopting order: the annex is drafted with the jurisdiction
            main: dict[str, Any] | None = None
            for c in citations(text):
                if c.kind in ("национальный проект", "федеральный проект") and not basis[0] <= first <= basis[1]:
                    continue
                key = normalize_number(c.number) if c.number else f"{c.kind}|{(c.title or c.as_written).lower()}"
                line = self._line_in(c.as_written, first, last)
                if _in_edition(text, c.start) and main is not None:
                    main.setdefault("editions", []).append(_citation(c, self.doc, section, line, edition=True))
                    seen.add(key)
                    continue
                if key in seen or (c.number and normalize_number(c.number) in adopted):
                    continue
                seen.add(key)
                act = {"id": _slug(f"{c.kind or 'act'} {c.number or c.title or ''}", self.ids, "act"),
                       **_citation(c, self.doc, section, line)}
                out.append(act)
                main = act
            for m in EDITION_DATE.finditer(text):
                # «(с изменениями и дополнениями от 19.07.2018)»: an edition known by its date alone.
                if main is None or any(e.get("date_as_written") == m.group("d") for e in main.get("editions", [])):
                    continue
                date = parse_date(next(DATE.finditer(m.group("d"))))
                edition: dict[str, Any] = {"date_as_written": m.group("d"), "as_written": m.group(0).strip("()"),
                                           "source": _src(self.doc, section, self._line_in(m.group(0), first, last))}
                if date:
                    edition["date"] = date.isoformat()
                main.setdefault("editions", []).append(edition)
        self._known(out)
        return out

    def _known(self, acts: list[dict[str, Any]]) -> None:
        """Match the drafted acts to the acts efs knows (the concept Р-174 and its amendment Р-303, the superseded
        Р-76, …): a known act takes its id; a date that is not the known act's, a superseded act, and an amended
        act cited without its amendment are put to the reviewer."""
        from efs.concept.acts import ACTS, match_act

        cited = {normalize_number(n) for a in acts for n in [a.get("number"), *(e.get("number") for e in
                                                                              a.get("editions", []))] if n}
        for i, act in enumerate(acts):
            known = match_act(act.get("number"), None)
            if known is None:
                continue
            path, line, section = f"legal_basis[{i}]", act["source"]["line"], act["source"]["section"]
            if known.id not in self.ids:
                self.ids.discard(act["id"])
                act["id"] = known.id
                self.ids.add(known.id)
            if act.get("date") and act["date"] != known.date.isoformat():
                self.ask(path, line, section, act["as_written"],
                         f"дата «{act.get('date_as_written')}» не совпадает с датой известного акта {known.label}")
            if known.superseded_by:
                adopted = (self.header.adopted_by or {}).get("date")
                after = bool(adopted and known.superseded_on and known.superseded_on.isoformat() > adopted)
                when = "после принятия положения" if after else "до принятия положения" if adopted else ""
                self.ask(path, line, section, act["as_written"],
                         f"акт {known.label} утратил силу или заменён {when}: {known.note}".replace("  ", " "))
            missing = [a for a in ACTS if a.id in known.amended_by and normalize_number(a.number) not in cited]
            if missing:
                self.ask(path, line, section, act["as_written"],
                         f"акт {known.label} изменён ({', '.join(a.label for a in missing)}), а редакция в документе "
                         "не названа; проверьте, на какую редакцию ссылается положение")

    def _adopting(self) -> set[str]:
        """Numbers of the adopting act and of the annexes' references to it (not acts of the legal basis)."""
        head = self.header
        cited = [head.adopted_by] if head.adopted_by else []
        return {normalize_number(a["number"]) for a in [*cited, *head.annexes] if a.get("number")}

    def _jurisdiction(self) -> dict[str, Any]:
        from efs.drafting.header import read_header
        from efs.drafting.translit import identifier

        doc = self.doc
        head = read_header(self.items, doc.lines, lambda section, line: _src(doc, section, line))
        self.header = head
        name = head.name or (self.jid or Path(doc.name).stem).replace("_", " ")
        jid = self.jid or identifier(name, "jurisdiction")
        out: dict[str, Any] = {"id": jid, "name": name, "level": head.level}
        if head.region:
            out["region"] = head.region
        out["document"] = doc.name
        if head.system_name:
            out["system_name"] = head.system_name
        if head.adopted_by:
            out["adopted_by"] = head.adopted_by
        if head.annexes:
            out["annexes"] = head.annexes
        what = "название юрисдикции" if head.name else "название юрисдикции не найдено"
        guess = Guess(name, 0.5, "по тексту документа (именительный падеж восстановлен по окончаниям)",
                      [head.region] if head.region else [f"уровень: {head.level}"], sure=False)
        self.flag("jurisdiction.name", head.name_line or 1, "", name, guess, what)
        return out

    def _agreements(self) -> list[dict[str, Any]]:
        """Agreements and contracts the text names, with their parties («между A, B и C», «соглашения A, B с
        C») and subject («о взаимодействии …»); a later mention of a kind already drafted («в рамках
        трехстороннего соглашения») is the same agreement."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, int]] = set()
        for text, line, _last, section in self._texts():
            low = text.lower()
            kind = None
            if re.search(r"тр[её]хсторонн\w+ соглашени", low):
                kind = "tripartite"
            elif re.search(r"договор\w* о сетевом", low):
                kind = "network"
            elif re.search(r"договор\w* о сотрудничеств|соглашени\w* с взаимными|соглашени\w* [^.;]{0,40}с субъект",
                           low):
                kind = "cooperation"
            if kind is None:
                continue
            m = re.search(r"(тр[её]хсторонн\w+ соглашени\w*|договор\w*[^.;,]*|соглашени\w*[^.;]*)", text, re.I)
            title = m.group(1).strip() if m else text[:120]
            word = re.match(r"\S+(?:\s+соглашени\w*)?", text[m.start():]) if m else None
            parties = _parties(text, m.start() + word.end() if m and word else 0)
            same = any(a["kind"] == kind and (not parties or sorted(p.lower() for p in a.get("parties", [])) ==
                                              sorted(p.lower() for p in parties)) for a in out)
            if (kind, line) in seen or same:
                continue
            seen.add((kind, line))
            agreement: dict[str, Any] = {"id": _slug(f"agreement {kind}", self.ids, "agreement"), "kind": kind,
                                         "title": title[:300]}
            if parties:
                agreement["parties"] = parties
            about = re.search(r"\b(о взаимодействии[^.;]*)", text[m.start() if m else 0:])
            if about:
                agreement["subject_matter"] = about.group(1).strip()
            agreement["source"] = _src(self.doc, section, line)
            out.append(agreement)
        return out


_STRONG_INSTRUMENTAL = re.compile(r"(?:ом|ем|ами|ями|ыми|ими|ией|ью|ым|им)$")


def _starts_party(piece: str) -> bool:
    """Whether a piece of a list of parties begins a new party: an abbreviation, or a word in the instrumental
    case among its first two («муниципальными органами …», «МКУ «…»», «организацией»), not a relative
    clause («на базе которой …») or the rest of a name («молодежной политики …»)."""
    words = re.findall(r"[А-ЯЁа-яёA-Za-z-]+", piece)[:2]
    if not words:
        return False
    if re.fullmatch(r"[А-ЯЁ]{2,}", words[0]):
        return True
    return any(_STRONG_INSTRUMENTAL.search(w.lower()) for w in words)


def _parties(text: str, after: int) -> list[str]:
    """Parties as written: «между A, B и C, о …» or «соглашения A, B с C о …»."""
    stop = r"(?:,?\s+о(?:\s|$)|,?\s+регулир|[.;]|$)"
    between = re.search(rf"между\s+(.+?){stop}", text)
    if between:
        pieces = re.split(r",\s*|\s+и\s+", between.group(1))
    else:
        pair = re.match(rf"\s+(.+?)\s+с\s+(.+?){stop}", text[after:])
        if not pair:
            return []
        pieces = [*re.split(r",\s*", pair.group(1)), pair.group(2)]
    names: list[str] = []
    for piece in pieces:
        piece = re.sub(r"^и\s+", "", piece)
        if names and piece.startswith("в том числе"):
            names[-1] = f"{names[-1]}, {piece}"
            continue
        if names and not _starts_party(piece):
            joiner = " и " if re.search(re.escape(names[-1]) + r"\s+и\s+" + re.escape(piece), text) else ", "
            names[-1] = f"{names[-1]}{joiner}{piece}"
        else:
            names.append(piece)
    out = [re.sub(r"\s*\(далее[^)]*\)", "", x).strip(" ,") for x in names]
    return [x for x in out if x and len(x) < 200]


def draft_document(document: Document, *, precedents: Precedents, functions: set[str], kinds: set[str],
                   jurisdiction: str | None = None) -> Draft:
    """Draft a configuration from ``document``.

    Args:
        document: The Положение as read.
        precedents: Encoded bullets and subjects to map by (see :func:`efs.drafting.precedents.collect`).
        functions: Function ids the draft may use (the installed catalogue).
        kinds: Subject kind ids the draft may use.
        jurisdiction: Id for the new jurisdiction (by default made from the name the document gives it).
    """
    drafter = _Drafter(document, precedents, functions, kinds, jurisdiction)
    config = drafter.run()
    return Draft(config, drafter.review, drafter.marks)
