"""Formulas of the four federal indicators (``001_5ac565084bef0351.txt``), written in building blocks.

The readings chosen where the Concept's wording leaves room are stated in ``reading`` and
reproduced in ``docs/indicators.md``.
"""

from __future__ import annotations

from efs.concept.indicators import DOCUMENT, SECTION
from efs.model import Source
from efs.model.formula import AlternativeReading, Formula


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
            reading="«Доля педагогических работников, освоивших программы дополнительного профессионального "
            "образования, вошедшие в федеральный реестр и подобранные с учетом диагностики профессиональных "
            "дефицитов»: знаменатель — все педагогические работники, работавшие в году; числитель — те из них, "
            "кто в этом году освоил хотя бы одну программу из ФР ДПП с признаком selected_by_diagnostics "
            "(подобрана по диагностике; кто проводил диагностику, не проверяется: Концепция его не называет). "
            "Освоение считается по дате окончания программы.",
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
            reading="«Доля педагогических работников и выпускников педагогических вузов, принявших участие в "
            "диагностике уровня функциональной грамотности»: знаменатель — педагогические работники года плюс "
            "выпускники педагогических вузов этого года выпуска; числитель — те из них, кто прошёл диагностику "
            "функциональной грамотности в году. «в том числе справившихся с диагностикой на 70% и более» — "
            "результат ≥ 70 % выполнения; этот подпоказатель — часть числителя и считается от того же "
            "знаменателя (цель «не менее 15%» из той же фразы).",
            source=Source(document=DOCUMENT, section=SECTION, line=36),
        ),
        Formula(
            id="management_teams_trained_count",
            name="Количество управленческих команд, повысивших квалификацию",
            blocks={"population": "management_teams", "where": ["trained"], "since": 2021},
            reading="«Количество управленческих команд, повысивших свою квалификацию (к 2022 году – не менее "
            "200…)» — накопленный итог: команда считается один раз, если окончила обучение в любом году с 2021 "
            "(первого года после утверждения Концепции распоряжением Минпросвещения России от 16.12.2020 "
            "№ Р-174) по год отчёта включительно; «к 2022 году» — сколько команд повысили квалификацию к этому "
            "сроку, а не за один год.",
            alternatives=[
                AlternativeReading(
                    reading="Годовое значение: команды, окончившие обучение в году отчёта — темп за год; "
                    "с целью «к 2022 году», которая говорит о накопленном числе, его не сравнивают.",
                    blocks={"population": "management_teams", "where": ["trained"]},
                )
            ],
            source=Source(document=DOCUMENT, section=SECTION, line=38),
        ),
        Formula(
            id="young_teachers_supported_share",
            name="Доля педагогов до 35 лет в первые 3 года работы, участвующих в формах поддержки и сопровождения",
            blocks={"population": "young_teachers", "numerator": ["participated"]},
            reading="«педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и "
            "сопровождения в первые 3 года работы»: молодой педагог — моложе 35 лет в году (год − год рождения "
            "< 35) и со стажем меньше трёх лет (год − год начала педагогической работы < 3). Участие — любая "
            "форма поддержки (наставничество, пары педагогов, ассоциация молодых педагогов, конкурсы и т. п.), "
            "действовавшая хотя бы часть года: «различных формах» перечня не ограничивает.",
            source=Source(document=DOCUMENT, section=SECTION, line=40),
        ),
    ]
