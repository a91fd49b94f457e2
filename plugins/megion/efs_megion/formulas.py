"""Formulas of the город Мегион indicators (Положение о МСНМС, §6, ``004_a3288780aaeebb26.txt``).

Indicators 3 and 5 are the federal ones and use the federal formulas. Imports nothing heavy.
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import Formula

DOC = "004_a3288780aaeebb26.txt"


def _src(line: int) -> Source:
    return Source(document=DOC, section="6", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/megion.yaml``)."""
    return [
        Formula(
            id="megion_deficit_diagnostics_share",
            source=_src(242),
            name="Доля педагогов и управленцев, прошедших диагностику профессиональных дефицитов",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [{"took_diagnostic": {"kind": "professional_deficits"}}],
            },
            reading="§6 п. 1: знаменатель — педагогические работники и управленческие кадры города, работавшие в "
            "году; числитель — прошедшие в году диагностику профессиональных дефицитов (её проводит ЦНППМПР, "
            "другого источника у мониторинга нет, поэтому provider не проверяется).",
        ),
        Formula(
            id="megion_individual_routes_share",
            source=_src(244),
            name="Доля педагогов и управленцев с ИОМ на основе диагностики дефицитов",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [{"individual_route": {"based_on_diagnostics": True}}],
            },
            reading="§6 п. 2: ИОМ, действовавший хотя бы часть года и построенный по результатам диагностики.",
        ),
        Formula(
            id="megion_management_teams_trained_share",
            source=_src(248),
            name="Доля управленческих команд ОО, повысивших квалификацию",
            blocks={
                "population": "management_teams",
                "where": [{"team_level": "organization"}],
                "numerator": ["trained"],
            },
            reading="§6 п. 4: команды образовательных организаций города; числитель — окончившие обучение в году "
            "(тема обучения в данных не различается).",
        ),
    ]
