"""The drafter: a Document → a configuration (as data) and the list of what a person must review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from efs.documents.model import Document
from efs.drafting.acts import citations
from efs.drafting.classify import Guess, Precedents, function_of, kind_of
from efs.drafting.outline import Item, items
from efs.drafting.roadmap import measures

ALIAS = re.compile(r"\((?:далее|Далее)(?:\s+соответственно)?\s*[-–—]?\s*(?P<a>[^)]{1,80})\)")
SHORT = re.compile(r"\((?P<a>[А-ЯЁA-Z][А-ЯЁA-Z ]{1,12}(?:\s?«[^»]+»)?)\)\s*[.:]?$")
INDICATOR = re.compile(r"^(Доля|Количество|Число|Удельный|Отношение|Средн|Охват|Численность)")
TARGET = re.compile(
    r"(?P<w>(?:к|в|на)\s+(?P<y>20\d{2})\s+год[уа]?\s*[-–—:]?\s*(?P<c>не менее|не более|до)?\s*"
    r"(?P<v>\d+(?:[.,]\d+)?)\s*(?P<u>%|чел\.?|ед\.?)?)")
#: The goal: «Целью МСНМС является …», «Цель системы – …», not a heading «Цель, задачи и принципы».
GOAL = re.compile(r"^(?:Целью\s|Цель\s+(?!,)\S.{0,80}?(?:\s[-–—]\s|:|является|состоит))", re.I)
TERM = re.compile(r"^(?P<t>.{3,300}?)\s+[-–—]\s+(?P<d>\S.*)$")
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
                 jurisdiction: str) -> None:
        self.doc = document
        self.precedents = precedents
        self.functions = functions
        self.kinds = kinds
        self.jid = jurisdiction
        self.review: list[Review] = []
        self.marks: dict[str, str] = {}
        self.ids: set[str] = set()
        self.items = items(document)

    def flag(self, path: str, item_line: int, section: str, text: str, guess: Guess, what: str) -> None:
        if guess.sure:
            return
        message = f"{what}: выбрано «{guess.value}» ({guess.reason}); проверьте"
        self.review.append(Review(path, item_line, section, text[:200], message, guess.value, guess.alternatives))
        alts = f"; другие варианты: {', '.join(guess.alternatives)}" if guess.alternatives else ""
        self.marks[path] = f"ПРОВЕРИТЬ {what}: {guess.reason}{alts}"

    # Sections ----------------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        doc = self.doc
        system: dict[str, list[dict[str, Any]]] = {"tasks": [], "principles": [], "approaches": [],
                                                   "interaction_subjects": [], "interaction_channels": []}
        goal = None
        subjects: list[dict[str, Any]] = []
        indicators: list[dict[str, Any]] = []
        glossary: list[dict[str, Any]] = []
        mode = None
        mode_depth = 0
        level: str | None = None
        level_depth = 0
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
                if m and not it.label:
                    glossary.append({"term": m.group("t").strip(), "definition": m.group("d").strip(),
                                     "source": _src(doc, section, it.line)})
                elif glossary and not it.label and it.text[:1].islower():
                    glossary[-1]["definition"] += " " + it.text
                elif re.match(r"^(?:комплекс мер|приложение)", low):
                    mode = None
                continue
            if goal is None and GOAL.match(it.text):
                goal = {"text": it.text, "source": _src(doc, it.section or section, it.line)}
                if it.label:
                    goal["number"] = it.label
                continue
            if head_level:
                level = LEVEL_WORDS[(head_level.group(1) or head_level.group(2)).lower()]
                level_depth = it.depth + 1 if it.depth else 1
                mode, subject = "subjects", None
                mode_depth = it.depth
                continue
            opened = self._opens(low, it)
            if opened:
                mode, mode_depth, subject = opened, it.depth, None
                continue
            if mode == "subjects":
                if it.depth == level_depth or (it.depth and not subject and not it.bullet):
                    subject = self._subject(it, level, len(subjects))
                    subjects.append(subject)
                    continue
                if subject is not None and re.match(r"^(?:функции|выполняет функции)", low) and it.text.endswith(":"):
                    alias = ALIAS.search(it.text)
                    if alias and not subject.get("short_name"):
                        subject["short_name"] = alias.group("a").strip()
                    continue
                if subject is not None and (it.bullet or it.text[:1].islower()) and not it.depth:
                    self._function(subject, len(subjects) - 1, it)
                    continue
                if subject is not None and not it.depth:
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
        config["subjects"] = subjects
        config["indicators"] = indicators
        config["agreements"] = self._agreements()
        config["roadmap"] = measures(doc, self)
        config["glossary"] = glossary
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
        alias = ALIAS.search(text)
        name = ALIAS.sub("", text)
        name = re.split(r",\s*(?:выполняющ|осуществляющ)", name)[0]
        name = re.sub(r"\s*(?:выполняет функции)?\s*[:.]?\s*$", "", name).strip()
        short = alias.group("a").strip() if alias else None
        m = SHORT.search(name)
        if not short and m:
            short = m.group("a").strip()
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
        targets = []
        for m in TARGET.finditer(it.text):
            comparator = {"не менее": "at_least", "не более": "at_most", "до": "at_most"}.get(m.group("c") or "",
                                                                                            "equal")
            unit = (m.group("u") or "%").rstrip(".") + ("." if m.group("u") and m.group("u")[0] in "че" else "")
            targets.append({"year": int(m.group("y")), "value": float(m.group("v").replace(",", ".")),
                            "unit": unit if unit != "%." else "%", "comparator": comparator,
                            "as_written": m.group("w").strip(), "source": _src(self.doc, section, it.line)})
        unit = "%" if it.text.lower().startswith("доля") else ("чел." if "работник" in it.text.lower() else "ед.")
        out: dict[str, Any] = {"id": _slug(it.text[:40], self.ids, "indicator"), "number": it.label or None,
                               "text": it.text, "unit": unit}
        if targets:
            out["targets"] = targets
        out["source"] = _src(self.doc, section, it.line)
        self.review.append(Review(f"indicators[{index}].formula", it.line, section, it.text[:200],
                                  "показатель без формулы: выберите формулу каталога (efs catalogue formulas) "
                                  "или запишите её из строительных блоков"))
        return out

    def _acts(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[tuple[str | None, str | None]] = set()
        adopted = self._adopting()
        for p in self.doc.paragraphs():
            for c in citations(p.text):
                key = (re.sub(r"\W", "", c.number or "").lower() or None, c.title if not c.number else None)
                if key in seen or (adopted and c.number and key[0] == adopted):
                    continue
                seen.add(key)
                act: dict[str, Any] = {"id": _slug(f"{c.kind or 'act'} {c.number or c.title or ''}", self.ids,
                                                   "act")}
                for field_ in ("kind", "issuer", "number"):
                    value = getattr(c, field_)
                    if value:
                        act[field_] = value
                if c.date:
                    act["date"] = c.date.isoformat()
                    act["date_as_written"] = c.date_as_written
                if c.title:
                    act["title"] = c.title
                act["as_written"] = c.as_written
                act["source"] = _src(self.doc, "", p.line)
                out.append(act)
        from efs.concept.acts import match_act

        for i, act in enumerate(out):
            known = match_act(act.get("number"), None)
            if known is not None and known.superseded_by:
                self.review.append(Review(f"legal_basis[{i}]", act["source"]["line"], "", act["as_written"][:200],
                                          f"акт {known.label} утратил силу или заменён: {known.note}"))
        return out

    def _adopting(self) -> str | None:
        for p in self.doc.paragraphs():
            if p.line > 60:
                break
            for c in citations(p.text):
                if c.number:
                    return re.sub(r"\W", "", c.number).lower()
        return None

    def _jurisdiction(self) -> dict[str, Any]:
        doc = self.doc
        name = self.jid.replace("_", " ")
        level = "regional"
        adopted: dict[str, Any] | None = None
        for p in doc.paragraphs():
            if p.line > 60:
                break
            low = p.text.lower()
            if "муниципальн" in low and "систем" in low:
                level = "municipal"
            for c in citations(p.text):
                if c.number and adopted is None:
                    adopted = {"kind": "приказ", "number": c.number, "date_as_written": c.date_as_written,
                               "as_written": c.as_written, "source": _src(doc, "шапка", p.line)}
                    if c.date:
                        adopted["date"] = c.date.isoformat()
        out: dict[str, Any] = {"id": self.jid, "name": name, "level": level, "document": doc.name}
        if adopted:
            out["adopted_by"] = adopted
        return out

    def _agreements(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for p in self.doc.paragraphs():
            low = p.text.lower()
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
            m = re.search(r"(тр[её]хсторонн\w+ соглашени\w*|договор\w*[^.;,]*|соглашени\w*[^.;]*)", p.text, re.I)
            title = m.group(1).strip() if m else p.text[:120]
            parties: list[str] = []
            between = re.search(r"между\s+(.+?)(?:,?\s+о\s+взаимодействии|$)", p.text)
            if between:
                parties = [x.strip() for x in re.split(r",\s*|\s+и\s+(?=[а-яА-Я«])", between.group(1)) if x.strip()]
                parties = [re.sub(r"\s*\(далее[^)]*\)", "", x) for x in parties]
            key = kind + "|" + "|".join(sorted(x.lower() for x in parties))
            if key in seen and kind == "tripartite":
                continue
            seen.add(key)
            agreement: dict[str, Any] = {"id": _slug(f"agreement {kind}", self.ids, "agreement"), "kind": kind,
                                         "title": title[:300]}
            if parties:
                agreement["parties"] = parties
            agreement["source"] = _src(self.doc, "", p.line)
            out.append(agreement)
        return out


def draft_document(document: Document, *, precedents: Precedents, functions: set[str], kinds: set[str],
                   jurisdiction: str) -> Draft:
    """Draft a configuration from ``document``.

    Args:
        document: The Положение as read.
        precedents: Encoded bullets and subjects to map by (see :func:`efs.drafting.precedents.collect`).
        functions: Function ids the draft may use (the installed catalogue).
        kinds: Subject kind ids the draft may use.
        jurisdiction: Id for the new jurisdiction.
    """
    drafter = _Drafter(document, precedents, functions, kinds, jurisdiction)
    config = drafter.run()
    return Draft(config, drafter.review, drafter.marks)
