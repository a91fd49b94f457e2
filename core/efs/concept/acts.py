"""Acts the documents cite, with their dates and what replaced or amended what.

A citation in a configuration (:class:`efs.model.LegalAct`) is matched to an act here by its
number (normalised: no «№», no spaces, Latin look-alikes read as Cyrillic, one kind of dash) and,
when the citation gives a date, by its date too. Acts not listed here are simply unknown: the
rules say nothing about them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

D = dt.date

_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmtbhAСEOPXYKMTBH", "асеорхукмтвнАСЕОРХУКМТВН")
_DASHES = re.compile(r"[‐‑‒–—―−]")


def normalize_number(number: str) -> str:
    """``«№ Р‑76»`` → ``«р-76»``: what two spellings of one act number share."""
    text = _DASHES.sub("-", number).replace("№", "")
    text = re.sub(r"\s+", "", text).translate(_LATIN_TO_CYRILLIC).lower()
    return text


@dataclass(frozen=True, slots=True)
class Act:
    """A federal (or other widely cited) act.

    Attributes:
        id: Identifier.
        kind: Вид акта.
        issuer: Кто издал.
        number: Номер, как пишется.
        date: Дата принятия.
        title: Название.
        superseded_by: Id of the act that replaced it (the act lost force or was replaced).
        superseded_on: Date of that replacement.
        amended_by: Ids of acts that amended it (the act stays in force in their wording).
        note: Where the supersession is stated.
    """

    id: str
    kind: str
    issuer: str
    number: str
    date: dt.date
    title: str
    superseded_by: str | None = None
    superseded_on: dt.date | None = None
    amended_by: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""

    @property
    def label(self) -> str:
        """``распоряжение Минпросвещения России от 06.08.2020 № Р-76``."""
        return f"{self.kind} {self.issuer} от {self.date.strftime('%d.%m.%Y')} № {self.number}"


ACTS: tuple[Act, ...] = (
    Act(
        "concept_r76",
        "распоряжение",
        "Минпросвещения России",
        "Р-76",
        D(2020, 8, 6),
        "Об утверждении Концепции создания единой федеральной системы научно-методического "
        "сопровождения педагогических работников",
        superseded_by="concept_r174",
        superseded_on=D(2020, 12, 16),
        note="Концепция утверждена заново распоряжением от 16.12.2020 № Р-174, заменившим редакцию Р-76",
    ),
    Act(
        "concept_r174",
        "распоряжение",
        "Минпросвещения России",
        "Р-174",
        D(2020, 12, 16),
        "Об утверждении Концепции создания единой федеральной системы научно-методического "
        "сопровождения педагогических работников и управленческих кадров",
        amended_by=("concept_r303",),
        note="Действующая редакция — в ред. распоряжения от 15.12.2022 № Р-303",
    ),
    Act(
        "concept_r303",
        "распоряжение",
        "Минпросвещения России",
        "Р-303",
        D(2022, 12, 15),
        "О внесении изменений в Концепцию создания единой федеральной системы научно-методического "
        "сопровождения педагогических работников и управленческих кадров, утвержденную распоряжением "
        "Министерства просвещения Российской Федерации от 16.12.2020 № Р-174",
    ),
    Act(
        "recommendations_r33",
        "распоряжение",
        "Минпросвещения России",
        "Р-33",
        D(2021, 2, 4),
        "Об утверждении методических рекомендаций по реализации мероприятий по формированию и обеспечению "
        "функционирования единой федеральной системы научно-методического сопровождения педагогических "
        "работников и управленческих кадров",
    ),
    Act(
        "diagnostics_r201",
        "распоряжение",
        "Минпросвещения России",
        "Р-201",
        D(2021, 8, 27),
        "Об утверждении методических рекомендаций по порядку и формам диагностики профессиональных дефицитов",
    ),
    Act(
        "growth_3273r",
        "распоряжение",
        "Правительства Российской Федерации",
        "3273-р",
        D(2019, 12, 31),
        "Основные принципы национальной системы профессионального роста педагогических работников "
        "Российской Федерации, включая национальную систему учительского роста",
        amended_by=("growth_2580r",),
    ),
    Act(
        "growth_2580r",
        "распоряжение",
        "Правительства Российской Федерации",
        "2580-р",
        D(2020, 10, 7),
        "О внесении изменений в распоряжение Правительства Российской Федерации от 31.12.2019 № 3273-р",
    ),
    Act(
        "decree_204",
        "Указ",
        "Президента Российской Федерации",
        "204",
        D(2018, 5, 7),
        "О национальных целях и стратегических задачах развития Российской Федерации на период до 2024 года",
    ),
    Act(
        "decree_474",
        "Указ",
        "Президента Российской Федерации",
        "474",
        D(2020, 7, 21),
        "О национальных целях развития Российской Федерации на период до 2030 года",
        superseded_by="decree_309",
        superseded_on=D(2024, 5, 7),
        note="Признан утратившим силу Указом Президента Российской Федерации от 07.05.2024 № 309",
    ),
    Act(
        "decree_309",
        "Указ",
        "Президента Российской Федерации",
        "309",
        D(2024, 5, 7),
        "О национальных целях развития Российской Федерации на период до 2030 года и на перспективу "
        "до 2036 года",
    ),
    Act(
        "law_273fz",
        "Федеральный закон",
        "",
        "273-ФЗ",
        D(2012, 12, 29),
        "Об образовании в Российской Федерации",
    ),
    Act(
        "programme_1642",
        "постановление",
        "Правительства Российской Федерации",
        "1642",
        D(2017, 12, 26),
        "Об утверждении государственной программы Российской Федерации «Развитие образования»",
    ),
    Act(
        "letter_az872",
        "письмо",
        "Минпросвещения России",
        "АЗ-872/08",
        D(2021, 11, 8),
        "О направлении методических рекомендаций",
    ),
    Act(
        "letter_az1061",
        "письмо",
        "Минпросвещения России",
        "АЗ-1061/08",
        D(2021, 12, 10),
        "О формировании методического актива",
    ),
)

ACTS_BY_ID: dict[str, Act] = {a.id: a for a in ACTS}

#: The acts that set the federal concept in its current wording.
CURRENT_CONCEPT: tuple[str, ...] = ("concept_r174", "concept_r303")


def match_act(number: str | None, date: dt.date | None) -> Act | None:
    """The known act with this number (and date, when given), or ``None``."""
    if not number:
        return None
    key = normalize_number(number)
    for act in ACTS:
        if normalize_number(act.number) == key and (date is None or date == act.date):
            return act
    return None


def mentions(text: str | None, act: Act) -> bool:
    """Whether ``text`` names ``act`` by its number (e.g. an amendment inside «в ред. …»)."""
    if not text:
        return False
    flat = (
        re.sub(r"\s*-\s*", "-", _DASHES.sub("-", text).replace("№", " "))
        .translate(_LATIN_TO_CYRILLIC)
        .lower()
    )
    key = normalize_number(act.number)
    return re.search(rf"(?<![0-9а-яё]){re.escape(key)}(?![0-9])", flat) is not None


@dataclass(frozen=True, slots=True)
class Programme:
    """A national or federal project the documents cite by name, with its period.

    Attributes:
        kind: ``национальный проект`` or ``федеральный проект``.
        title: Its name (without quotes).
        start: First year.
        end: Last year (the project ended on 31 December of that year).
        note: What replaced it, where that is stated.
    """

    kind: str
    title: str
    start: int
    end: int
    note: str = ""


_NP_NOTE = ("национальный проект «Образование» (паспорт утверждён президиумом Совета при Президенте РФ по "
            "стратегическому развитию и национальным проектам 24.12.2018) действовал в 2019–2024 годах; с 2025 года "
            "его задачи перешли в национальный проект «Молодёжь и дети» (Указ Президента РФ от 07.05.2024 № 309)")

#: The national project «Образование» and its federal projects (2019–2024).
PROGRAMMES: tuple[Programme, ...] = (
    Programme("национальный проект", "Образование", 2019, 2024, _NP_NOTE),
    *(
        Programme("федеральный проект", title, 2019, 2024, "федеральный проект национального проекта «Образование», "
                  "действовавшего в 2019–2024 годах")
        for title in ("Современная школа", "Успех каждого ребенка", "Цифровая образовательная среда",
                      "Учитель будущего", "Молодые профессионалы", "Социальная активность",
                      "Поддержка семей, имеющих детей", "Патриотическое воспитание", "Новые возможности для каждого",
                      "Экспорт образования", "Социальные лифты для каждого")
    ),
)


def match_programme(kind: str, title: str) -> Programme | None:
    """The known project of this kind and name («ё» read as «е», case ignored), or ``None``."""
    key = re.sub(r"\s+", " ", title).strip().casefold().replace("ё", "е")
    for p in PROGRAMMES:
        if p.kind == kind and p.title.casefold().replace("ё", "е") == key:
            return p
    return None
