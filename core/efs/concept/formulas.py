"""Formulas of the four federal indicators (``001_5ac565084bef0351.txt``), written in building blocks.

The readings chosen where the Concept's wording leaves room are stated in ``reading`` and
reproduced in ``docs/indicators.md``.
"""

from __future__ import annotations

from efs.concept.indicators import DOCUMENT, SECTION
from efs.model import Source
from efs.model.formula import Formula


def federal_formulas() -> list[Formula]:
    """The formulas named by the federal indicators ``federal_1`` … ``federal_4``."""
    return [
        Formula(
            id="federal_registry_by_diagnostics_share",
            name="Доля педагогов, освоивших в году программы ДПО из федерального реестра, "
            "подобранные с учётом диагностики дефицитов",
            blocks={
                "population": "teachers",
                "numerator": [
                    {"completed_programme": {"federal_registry": True, "selected_by_diagnostics": True}}
                ],
            },
            reading="Знаменатель — все педагогические работники, работавшие в году; числитель — те из них, "
            "кто в этом году освоил хотя бы одну программу из ФР ДПП с отметкой «подобрана по "
            "результатам диагностики». Освоение считается по дате окончания программы.",
            source=Source(document=DOCUMENT, section=SECTION, line=34),
        ),
        Formula(
            id="functional_literacy_diagnostics_share",
            name="Доля педагогов и выпускников педвузов, принявших участие в диагностике функциональной "
            "грамотности (в т. ч. справившихся на 70% и более)",
            blocks={
                "population": "teachers_and_graduates",
                "numerator": [{"took_diagnostic": {"kind": "functional_literacy"}}],
                "sub_measures": [
                    {
                        "id": "ge70",
                        "label": "справившихся с диагностикой на 70% и более",
                        "numerator": [{"took_diagnostic": {"kind": "functional_literacy", "min_result": 70}}],
                    }
                ],
            },
            reading="Знаменатель — педагогические работники года плюс выпускники педагогических вузов "
            "этого года выпуска; числитель — те из них, кто прошёл диагностику функциональной "
            "грамотности в году. «Справившиеся на 70% и более» — результат ≥ 70 % выполнения; "
            "этот подпоказатель считается от того же знаменателя (цель 15 % из той же фразы).",
            source=Source(document=DOCUMENT, section=SECTION, line=36),
        ),
        Formula(
            id="management_teams_trained_count",
            name="Количество управленческих команд, повысивших квалификацию",
            blocks={"population": "management_teams", "where": ["trained"]},
            reading="Команда считается, если у неё есть запись об окончании обучения в году. "
            "Цель «к 2022 году» сравнивается со значением за год (накопленный итог — window).",
            source=Source(document=DOCUMENT, section=SECTION, line=38),
        ),
        Formula(
            id="young_teachers_supported_share",
            name="Доля педагогов до 35 лет в первые 3 года работы, участвующих в формах поддержки и сопровождения",
            blocks={"population": "young_teachers", "numerator": ["participated"]},
            reading="Молодой педагог — моложе 35 лет в году (год − год рождения < 35) и со стажем меньше "
            "трёх лет (год − год начала педагогической работы < 3). Участие — любая форма поддержки "
            "(наставничество, «пары», ассоциация молодых педагогов и т. п.), действовавшая хотя бы "
            "часть года.",
            source=Source(document=DOCUMENT, section=SECTION, line=40),
        ),
    ]
