"""Formulas of the город Мегион indicators (Положение о МСНМС, §6, ``004_a3288780aaeebb26.txt``).

Indicator 5 is the federal one and uses the federal formula. Each ``reading`` states the choice made,
``alternatives`` the other readings the words allow. Imports nothing heavy.
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import AlternativeReading, Formula

DOC = "004_a3288780aaeebb26.txt"

#: «в ЦНППМПР» — the centre of the autonomous okrug, an actor of the configuration.
CNPPMPR = ["cnppmpr"]
#: Every kind of educational organisation the store knows.
EDUCATIONAL_KINDS = ["school", "kindergarten", "additional_education", "college", "university", "cnppm"]


def _src(line: int) -> Source:
    return Source(document=DOC, section="6", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/megion.yaml``)."""
    return [
        Formula(
            id="megion_deficit_diagnostics_share",
            source=_src(242),
            name="Доля педагогов и управленцев, прошедших диагностику профессиональных дефицитов в ЦНППМПР",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [
                    {"took_diagnostic": {"kind": "professional_deficits", "provider_subject": CNPPMPR}}
                ],
            },
            reading="§6 п. 1, «прошедших диагностику профессиональных дефицитов в ЦНППМПР»: числитель — прошедшие "
            "в году диагностику профессиональных дефицитов, которую провёл ЦНППМПР (в данных провайдер записан "
            "одним из его названий в конфигурации); диагностики других организаций не считаются. Знаменатель — "
            "педагогические работники и управленческие кадры города, работавшие в году. Годовой показатель: "
            "«Мониторинг проводится не реже одного раза в год» (§6.2, строка 262).",
        ),
        Formula(
            id="megion_individual_routes_share",
            source=_src(244),
            name="Доля педагогов и управленцев, для которых в году разработаны ИОМ по диагностике в ЦНППМПР",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [
                    {
                        "individual_route": {
                            "based_on_diagnostics": True,
                            "started_in_period": True,
                            "diagnostic_provider_subject": CNPPMPR,
                        }
                    }
                ],
            },
            reading="§6 п. 2, «для которых разработаны индивидуальные образовательные маршруты на основе "
            "результатов диагностики профессиональных дефицитов в ЦНППМПР»: «разработаны» — маршрут составлен "
            "(начат) в году отчёта, как у показателя 1 — прохождение диагностики за год; маршрут построен по "
            "результатам диагностики, и у работника есть диагностика профессиональных дефицитов, проведённая "
            "ЦНППМПР не позже начала маршрута.",
            alternatives=[
                AlternativeReading(
                    reading="«разработаны» — как состояние: у работника есть маршрут, действовавший хотя бы часть "
                    "года, когда бы он ни был составлен.",
                    blocks={
                        "population": "teachers_and_managers",
                        "numerator": [
                            {
                                "individual_route": {
                                    "based_on_diagnostics": True,
                                    "diagnostic_provider_subject": CNPPMPR,
                                }
                            }
                        ],
                    },
                )
            ],
        ),
        Formula(
            id="megion_federal_registry_cnppmpr_share",
            source=_src(246),
            name="Доля педагогов, освоивших программы ФР ДПП, подобранные с учётом диагностики в ЦНППМПР",
            blocks={
                "population": "teachers",
                "numerator": [
                    {
                        "completed_programme": {
                            "federal_registry": True,
                            "selected_by_diagnostics": True,
                            "diagnostic_provider_subject": CNPPMPR,
                        }
                    }
                ],
            },
            reading="§6 п. 3, «вошедшие в ФР ДПП и подобранные с учетом диагностики профессиональных дефицитов в "
            "ЦНППМПР»: знаменатель — педагогические работники, работавшие в году; числитель — освоившие в году "
            "программу реестра с признаком selected_by_diagnostics (подобрана по диагностике), если у работника есть "
            "диагностика профессиональных дефицитов, проведённая ЦНППМПР, не позже даты освоения.",
        ),
        Formula(
            id="megion_management_teams_trained_share",
            source=_src(248),
            name="Доля управленческих команд образовательных организаций, повысивших квалификацию",
            blocks={
                "population": "management_teams",
                "where": [{"team_level": "organization"}, {"organization": {"kind": EDUCATIONAL_KINDS}}],
                "numerator": ["trained"],
            },
            reading="§6 п. 4, «Доля управленческих команд образовательных организаций…»: знаменатель — команды "
            "образовательных организаций города (не муниципальная команда и не организации другого вида); числитель "
            "— окончившие обучение в году (тема обучения в данных не различается).",
        ),
    ]
