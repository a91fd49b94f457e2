"""Mapping text to the catalogue: a subject's kind from its name, a bullet's function from its words.

Two sources, in this order: *precedents* — the bullets and subjects already encoded by hand in the
configurations efs has (Положения copy one another's wording, so a bullet seen before is mapped as it
was then) — and *keywords* of each catalogue function for wording never seen. Words are compared by
their stems (the first letters of a word: Russian endings change with case, the stem does not).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

STEM = 6
_WORD = re.compile(r"[а-яёa-z0-9]+", re.I)
_STOP = {"и", "в", "на", "по", "с", "для", "о", "об", "к", "от", "том", "числе", "их", "а", "также", "или",
         "при", "до", "из", "за", "что", "это", "не"}


def stems(text: str) -> list[str]:
    """Stems of the words of ``text`` (lower case, first six letters), stop words left out."""
    return [w[:STEM] for w in (x.lower().replace("ё", "е") for x in _WORD.findall(text)) if w not in _STOP]


#: Keywords (stems or stem prefixes) of the catalogue functions, for wording no precedent has.
FUNCTION_KEYWORDS: dict[str, tuple[str, ...]] = {
    "diagnostics": ("диагно", "дефици", "выявле"),
    "individual_routes": ("маршру", "иом"),
    "federal_registry": ("реестр",),
    "post_course_support": ("посткур", "перено", "фасили"),
    "mentoring": ("настав",),
    "young_teachers_support": ("молоды", "35"),
    "internships": ("стажир",),
    "methodical_support": ("консул", "помощь", "поддер", "адресн"),
    "experience_dissemination": ("опыт", "практи", "тиражи", "обобща", "обобще", "трансл", "горизо"),
    "professional_communities": ("сообще", "объеди", "ассоци", "мотива"),
    "methodical_active": ("актив", "тьютор", "методис"),
    "management_training": ("управл", "команд"),
    "monitoring": ("монито",),
    "analytics": ("анализ", "рекоме"),
    "information_support": ("информ", "знаком", "сайт"),
    "innovation": ("иннова", "новых", "нового", "внедре", "апроби"),
    "research": ("исслед", "научны"),
    "competitions": ("конкур",),
    "school_support": ("низким", "неблаг"),
    "psychological_support": ("психол", "выгора"),
    "digital_environment": ("цифров", "экосис"),
    "quality_assessment": ("оценки", "качест"),
    "resource_provision": ("матери", "финанс", "услови"),
    "dpo_passport": ("паспор",),
    "expertise": ("экспер",),
    "assigned_by_founder": ("учреди",),
    "coordination": ("коорди", "взаимо", "соглаш"),
    "governance": ("утверж", "стратег", "нормат"),
    "professional_development": ("квалиф", "обучен", "образо", "меропр", "семина"),
    "programme_development": ("програ", "разраб"),
}


@dataclass(slots=True)
class Guess:
    """A mapping and how sure the drafter is of it."""

    value: str
    score: float
    reason: str
    alternatives: list[str] = field(default_factory=list)
    sure: bool = True


@dataclass
class Precedents:
    """Bullets and subject names already encoded, with the function or kind chosen for each."""

    bullets: list[tuple[Counter[str], str, list[str]]] = field(default_factory=list)
    names: list[tuple[Counter[str], str]] = field(default_factory=list)
    _df: Counter[str] = field(default_factory=Counter)

    def add_bullet(self, text: str, function: str, also: list[str]) -> None:
        bag = Counter(stems(text))
        self.bullets.append((bag, function, also))
        self._df.update(set(bag))

    def add_name(self, text: str, kind: str) -> None:
        self.names.append((Counter(stems(text)), kind))

    def nearest_name(self, text: str) -> list[tuple[float, str]]:
        """Kinds of the encoded subjects whose names are most like ``text``, best first: (score, kind)."""
        bag = Counter(stems(text))
        scored = []
        for b, kind in self.names:
            common = sum((bag & b).values())
            total = max(sum(bag.values()), sum(b.values()))
            if common and total:
                scored.append((common / total, kind))
        scored.sort(key=lambda x: -x[0])
        return scored[:5]

    def common_functions(self) -> list[str]:
        """Functions of the encoded bullets, most frequent first."""
        return [f for f, _ in Counter(f for _, f, _ in self.bullets).most_common()]

    def _weight(self, stem: str) -> float:
        return math.log((1 + len(self.bullets)) / (1 + self._df[stem])) + 1

    def _cosine(self, a: Counter[str], b: Counter[str]) -> float:
        common = set(a) & set(b)
        if not common:
            return 0.0
        num = sum(a[s] * b[s] * self._weight(s) ** 2 for s in common)
        na = math.sqrt(sum((a[s] * self._weight(s)) ** 2 for s in a))
        nb = math.sqrt(sum((b[s] * self._weight(s)) ** 2 for s in b))
        return num / (na * nb) if na and nb else 0.0

    def nearest_bullet(self, text: str) -> list[tuple[float, str, list[str]]]:
        """Precedent bullets by similarity, best first: (score, function, also)."""
        bag = Counter(stems(text))
        scored = [(self._cosine(bag, b), f, also) for b, f, also in self.bullets]
        scored.sort(key=lambda x: -x[0])
        return scored[:5]


def keyword_function(text: str, allowed: set[str]) -> list[tuple[int, str]]:
    """Catalogue functions whose keywords the text has, most hits first."""
    words = stems(text)
    hits = []
    for fid, keys in FUNCTION_KEYWORDS.items():
        if fid not in allowed:
            continue
        n = sum(1 for w in words for k in keys if w.startswith(k))
        if n:
            hits.append((n, fid))
    hits.sort(key=lambda x: -x[0])
    return hits


def function_of(text: str, precedents: Precedents, allowed: set[str]) -> Guess:
    """The catalogue function of a bullet; unsure when no close precedent agrees with the keywords."""
    near = [(s, f, also) for s, f, also in precedents.nearest_bullet(text) if f in allowed]
    keywords = keyword_function(text, allowed)
    if near and near[0][0] >= 0.8:
        alts = [f for _, f, _ in near[1:] if f != near[0][1]]
        return Guess(near[0][1], near[0][0], "как в закодированном положении с тем же текстом",
                     list(dict.fromkeys(alts))[:3], sure=True)
    if near and near[0][0] >= 0.45:
        agree = any(f == near[0][1] for _, f in keywords[:2])
        alts = [f for _, f in keywords if f != near[0][1]] + [f for _, f, _ in near[1:] if f != near[0][1]]
        return Guess(near[0][1], near[0][0], "по сходному пункту закодированного положения",
                     list(dict.fromkeys(alts))[:3], sure=agree)
    if keywords:
        alts = [f for _, f in keywords[1:]] + [f for _, f, _ in near if f != keywords[0][1]]
        alts = alts or [f for f in precedents.common_functions() if f != keywords[0][1]]
        return Guess(keywords[0][1], 0.3, "по ключевым словам функции", list(dict.fromkeys(alts))[:3], sure=False)
    common = [f for f in precedents.common_functions() if f in allowed and f != "methodical_support"]
    return Guess("methodical_support", 0.0, "ни прецедента, ни ключевых слов", common[:3], sure=False)


#: Kinds of subjects by words of the name, most specific first (core catalogue kinds).
KIND_RULES: tuple[tuple[str, str], ...] = (
    (r"непрерывного повышения профессионального мастерства|цнппм", "cnppm"),
    (r"методическ\w* актив", "methodical_active"),
    (r"учебно-методическ\w* объединени", "rumo"),
    (r"стажировочн", "internship_site"),
    (r"инновационн\w* площадк", "innovation_site"),
    (r"пар[аы]\b|«пары»", "teacher_pair"),
    (r"совет\w* образовательной организации|методический \(научно-методический(?:, педагогический)?\) совет",
     "school_methodical_council"),
    (r"муниципальн\w* методическ\w* (?:служб|центр)|центр\w* развития образования|(?:информационно-)?методическ\w* "
     r"центр", "municipal_methodical_service"),
    (r"муниципальн\w* методическ\w* объединени", "municipal_methodical_association"),
    (r"^методическ\w* объединени|профессиональн\w* объединени\w* педагогическ", "school_methodical_association"),
    (r"министерств|департамент\w* образования и науки|орган\w* исполнительной власти", "regional_authority"),
    (r"департамент|управлени\w* образования|комитет\w* (?:по )?образовани", "municipal_authority"),
    (r"институт", "dpo_institute"),
    (r"колледж|профессиональн\w* образовательн", "college"),
    (r"университет|высшего образования", "university"),
    (r"психолого|медико-социальн", "pms_support_centre"),
    (r"оценки качества", "quality_assessment_centre"),
    (r"ассоциаци|профессиональн\w* объединени", "professional_association"),
    (r"сообществ|клуб", "professional_community"),
    (r"управленческ\w* команд", "management_team"),
)


def kind_of(name: str, level: str | None, allowed: set[str], precedents: Precedents | None = None) -> Guess:
    """A subject's kind from its name; unsure where only a general word matched.

    Words of the name decide first (:data:`KIND_RULES`); a name no rule knows takes the kind of the most
    similar encoded subject (unsure, with the next ones as alternatives).
    """
    low = name.lower()
    hits = [kind for pattern, kind in KIND_RULES if kind in allowed and re.search(pattern, low)]
    if level == "municipal" and "regional_authority" in hits and not re.search(r"област|республик|кра[йя]|округ",
                                                                               low):
        hits.remove("regional_authority")
        hits.insert(0, "municipal_authority")
    near = [k for score, k in (precedents.nearest_name(name) if precedents else []) if k in allowed and score >= 0.3]
    if hits:
        alts = list(dict.fromkeys([*hits[1:], *(k for k in near if k != hits[0])]))
        return Guess(hits[0], 1.0, "по названию", alts[:3], sure=True)
    if near:
        alts = [k for k in dict.fromkeys(near) if k != near[0]] or ["organization"]
        return Guess(near[0], 0.5, "по сходному названию в закодированном положении", alts[:3], sure=False)
    level_kinds = {"regional": ["regional_authority", "dpo_institute", "college"],
                   "municipal": ["municipal_methodical_service", "municipal_methodical_association",
                                 "municipal_authority"],
                   "institutional": ["school_methodical_council", "school_methodical_association"]}
    alts = [k for k in level_kinds.get(level or "", []) if k in allowed] or ["professional_community"]
    return Guess("organization", 0.0, "название не подсказывает вид", alts, sure=False)
