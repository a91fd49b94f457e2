"""Mapping text to the catalogue: a subject's kind from its name, a bullet's function from its words.

Two sources, in this order: *precedents* — the bullets and subjects already encoded by hand in the
configurations efs has (Положения copy one another's wording, so a bullet seen before is mapped as it
was then) — and *keywords* of each catalogue function for wording never seen. Words are compared by
their stems (the first letters of a word: Russian endings change with case, the stem does not).

Measured on the four bundled documents, each drafted with the other three as precedents: stems map 228 of
269 bullets to the hand encoding's function; lemmas from pymorphy3's dictionary in their place map 227 (221
against 222 before the function words were refined: the difference is one bullet either way), at the price of
loading the dictionary (0.3 s). Eleven of the bullets the drafts miss are
worded alike in two hand encodings that chose different functions — no mapping gets those right both times.
A mapping is left unmarked only where the sources agree: measured the same way, 145 of the 269 bullets are
unmarked and 134 of those are right (11 silent errors, against 17 of 173 before the disagreement checks of
:func:`function_of`); the other 124 go to the reviewer with alternatives.
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


#: Words of each catalogue function, for wording no precedent has: (pattern on the lower-case bullet,
#: function, weight). A match counts more the nearer it stands to the start of the bullet, where a
#: Положение names what the subject does («обеспечивает разработку ДПП …», «организует стажировки …»).
FUNCTION_RULES: tuple[tuple[str, str, float], ...] = (
    (r"учредител", "assigned_by_founder", 3),
    (r"паспорт", "dpo_passport", 2.5),
    (r"экспертиз|экспертн", "expertise", 2.5),
    (r"посткурсов", "post_course_support", 2.5),
    (r"выгоран|психолог", "psychological_support", 2),
    (r"низкими|неблагоприятн|шнор|сложных социальных", "school_support", 2.5),
    (r"молод\w* (?:педагог|специалист)|молод[её]жн|до 35 лет|выпускник|первый год|первые три года",
     "young_teachers_support", 3),
    (r"наставни", "mentoring", 2),
    (r"стажир", "internships", 1.8),
    (r"конкурс", "competitions", 2),
    (r"мониторинг", "monitoring", 2),
    (r"анализ|аналитич|систематиз", "analytics", 1.2),
    (r"инновац|апробир|апробац|внедряют нов|новые элементы|новых технолог|внедрени\w* нового", "innovation", 1.5),
    (r"информир|знаком|информацион|информацию|баз\w* данных", "information_support", 1.5),
    (r"консульт|методическ\w* поддержк|методическ\w* помощ|практическ\w* помощ|адресн|методическ\w* рекомендац|"
     r"учебно-методическ\w* обеспечени", "methodical_support", 1.6),
    (r"диагност|дефицит|изучени\w* запрос|запрос", "diagnostics", 1.3),
    (r"маршрут|\bиом\b", "individual_routes", 2),
    (r"федеральн\w* реестр|фр дпп|реестр\w* (?:дпп|дополнительн|программ)|(?:из|в) (?:федерального )?реестр",
     "federal_registry", 1.8),
    (r"реестр\w* работник|реестр\w* педагог", "methodical_active", 1.5),
    (r"разраб\w* (?:\w+ ){0,4}(?:дпп|программ|модул|дополнительн)", "programme_development", 1.6),
    (r"реализ\w* (?:\w+ ){0,3}(?:дпп|программ|дополнительн)", "professional_development", 1.3),
    (r"повышени\w* квалификац|обучени|образовательн\w* мероприят|семинар|переподготов|профессионального развития|"
     r"профессионального мастерства", "professional_development", 1.0),
    (r"сообществ|объединени|ассоциац|клуб", "professional_communities", 1.4),
    (r"горизонтальн|обмен\w* опыт|обобщ|опыт|практик(?!о-)|тиражир|распростран|трансляц", "experience_dissemination",
     1.4),
    (r"координ|взаимодейств|соглашени|сотруднич", "coordination", 1.3),
    (r"услови\w* \(материально|финансир|обеспечивает условия", "resource_provision", 2),
    (r"утвержда|стратегическ", "governance", 1.2),
    (r"целев\w* обучени|профориент|профессиональной ориентации|студент|подготовк\w* педагогических кадров|"
     r"трудоустройств", "teacher_training", 2),
    (r"управленческ\w* команд|резерв", "management_training", 1.5),
    (r"методическ\w* актив|тьютор|методист", "methodical_active", 1.5),
    (r"цифров|экосистем", "digital_environment", 1.2),
    (r"оценк\w* качеств|оценочн", "quality_assessment", 1.5),
    (r"исследовани", "research", 2.5),
    (r"показател", "monitoring", 1.2),
)
#: Functions named by whom they serve («… педагогическим работникам школ с низкими результатами»): their words
#: count wherever they stand in the bullet.
WHOLE_BULLET = frozenset({"school_support"})
_COMPILED = tuple((re.compile(p), f, w) for p, f, w in FUNCTION_RULES)
#: How many nearest precedent bullets vote, and how close one must be to count.
NEIGHBOURS = 3
MIN_SIMILARITY = 0.3
#: A precedent this close is the same bullet reworded (or not at all).
SAME_TEXT = 0.85


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
    _index: list[tuple[dict[str, float], float]] | None = None

    def add_bullet(self, text: str, function: str, also: list[str]) -> None:
        bag = Counter(stems(text))
        self.bullets.append((bag, function, also))
        self._df.update(set(bag))
        self._index = None

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

    def _vector(self, bag: Counter[str]) -> tuple[dict[str, float], float]:
        """A bag of stems weighted by how rare each stem is among the precedents, and its length."""
        vector = {s: n * self._weight(s) for s, n in bag.items()}
        return vector, math.sqrt(sum(v * v for v in vector.values()))

    def _cosine(self, a: Counter[str], b: Counter[str]) -> float:
        (va, na), (vb, nb) = self._vector(a), self._vector(b)
        num = sum(v * vb[s] for s, v in va.items() if s in vb)
        return num / (na * nb) if na and nb else 0.0

    def nearest_bullet(self, text: str, n: int = 5) -> list[tuple[float, str, list[str]]]:
        """Precedent bullets by similarity, best first: (score, function, also)."""
        if self._index is None or len(self._index) != len(self.bullets):
            self._index = [self._vector(b) for b, _, _ in self.bullets]
        query, norm = self._vector(Counter(stems(text)))
        scored = []
        for (vector, length), (_, f, also) in zip(self._index, self.bullets, strict=True):
            num = sum(v * vector[s] for s, v in query.items() if s in vector)
            scored.append((num / (norm * length) if norm and length else 0.0, f, also))
        scored.sort(key=lambda x: -x[0])
        return scored[:n]


def keyword_scores(text: str, allowed: set[str]) -> dict[str, float]:
    """Score of each catalogue function by its words in ``text`` (nearer the start counts more)."""
    low = text.lower()
    out: dict[str, float] = {}
    for pattern, fid, weight in _COMPILED:
        if fid not in allowed:
            continue
        m = pattern.search(low)
        if m:
            position = 0 if fid in WHOLE_BULLET else len(low[: m.start()].split())
            out[fid] = out.get(fid, 0.0) + weight / (1 + position / 6)
    return out


def function_of(text: str, precedents: Precedents, allowed: set[str]) -> Guess:
    """The catalogue function of a bullet: the words of the functions and the nearest encoded bullets vote.

    Sure only when the winner leads clearly and the two sources do not contradict each other (the encoded
    bullets with this very wording under different functions; the function's words against the most similar
    encoded bullet); otherwise the guess goes to the review list with the runners-up (and, when nothing votes
    at all, the functions encoded most often) as alternatives.
    """
    votes = keyword_scores(text, allowed)
    near = [(score, f) for score, f, _ in precedents.nearest_bullet(text, NEIGHBOURS * 3) if f in allowed]
    near = near[:NEIGHBOURS]
    top = near[0][0] if near else 0.0
    boost = 3.0 if top >= SAME_TEXT else 1.5
    for score, f in near:
        if score >= MIN_SIMILARITY:
            votes[f] = votes.get(f, 0.0) + boost * score * score
    if not votes:
        common = [f for f in precedents.common_functions() if f in allowed and f != "methodical_support"]
        return Guess("methodical_support", 0.0, "ни прецедента, ни ключевых слов", common[:3], sure=False)
    ranked = sorted(votes.items(), key=lambda x: -x[1])
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= SAME_TEXT and near[0][1] == best:
        reason = "как в закодированном положении с тем же текстом"
    elif near and near[0][1] == best and top >= MIN_SIMILARITY:
        reason = "по сходному пункту закодированного положения"
    else:
        reason = "по ключевым словам функции"
    alternatives = [f for f, _ in ranked[1:]] + [f for _, f in near if f != best]
    alternatives = alternatives or [f for f in precedents.common_functions() if f != best and f in allowed]
    sure = best_score >= 1.5 and best_score >= 1.6 * second
    if len({f for score, f in near if score >= SAME_TEXT}) > 1:
        # The encoded Положения put this very wording under different functions: the reviewer decides.
        sure = False
        reason = "закодированные положения относят этот текст к разным функциям"
    elif reason == "по ключевым словам функции" and top >= MIN_SIMILARITY and near[0][1] != best:
        # The function's words and the most similar encoded bullet disagree.
        sure = False
        reason = f"по ключевым словам функции, а сходный пункт закодирован как «{near[0][1]}»"
    return Guess(best, round(best_score, 3), reason, list(dict.fromkeys(alternatives))[:3], sure=sure)


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
