"""Formulas of the Амурская область indicators (Положение о РС НМС, §5, ``002_6414ad974cc0e1d7.txt``).

Indicators 3 and 6 are the federal ones and use the federal formulas. Each ``reading`` states the
choice made where the wording leaves room. Imports nothing heavy (collected by ``efs validate``).
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import Formula

DOC = "002_6414ad974cc0e1d7.txt"


def _src(line: int) -> Source:
    return Source(document=DOC, section="5", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/amur.yaml``)."""
    return [
        Formula(
            id="amur_deficit_diagnostics_share",
            source=_src(403),
            name="Доля педагогов и управленцев, прошедших диагностику профессиональных дефицитов",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [{"took_diagnostic": {"kind": "professional_deficits"}}],
            },
            reading="§5 п. 1: знаменатель — педагогические работники и управленческие кадры, работавшие в году; "
            "числитель — прошедшие в году диагностику профессиональных дефицитов. «В ЦНППМ» не проверяется по "
            "полю provider: мониторинг собирает диагностики ЦНППМ, другого источника у них нет.",
        ),
        Formula(
            id="amur_individual_routes_share",
            source=_src(405),
            name="Доля педагогов и управленцев с ИОМ на основе диагностики дефицитов",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [{"individual_route": {"based_on_diagnostics": True}}],
            },
            reading="§5 п. 2: ИОМ, действовавший хотя бы часть года и построенный по результатам диагностики "
            "(based_on_diagnostics); «разработаны» читается как «имеется действующий маршрут».",
        ),
        Formula(
            id="amur_management_teams_trained_share",
            source=_src(409),
            name="Доля управленческих команд ОО, повысивших квалификацию",
            blocks={
                "population": "management_teams",
                "where": [{"team_level": "organization"}],
                "numerator": ["trained"],
            },
            reading="§5 п. 4: знаменатель — команды образовательных организаций (не муниципальные); числитель — "
            "окончившие обучение в году. Тема обучения («управление качеством образования») в данных не "
            "различается: считается любое обучение команды.",
        ),
        Formula(
            id="amur_mentoring_model_organizations_share",
            source=_src(411),
            name="Доля ОО, реализующих целевую модель наставничества",
            blocks={
                "population": "organizations",
                "numerator": [{"organization": {"mentoring_model": True}}],
            },
            reading="§5 п. 5: знаменатель — все организации юрисдикции в хранилище («в регионе»); числитель — "
            "с признаком mentoring_model.",
        ),
        Formula(
            id="amur_methodical_active_count",
            source=_src(415),
            name="Количество региональных методистов и тьюторов в РМА",
            blocks={
                "population": "staff",
                "where": [{"methodical_active": {"roles": ["regional_methodist", "tutor"]}}],
            },
            reading="§5 п. 7: люди (не записи), состоявшие в году в методическом активе в роли регионального "
            "методиста или тьютора; человек в двух ролях считается один раз.",
        ),
        Formula(
            id="amur_teachers_per_active_member",
            source=_src(417),
            name="Педагогов на одного члена РМА",
            blocks={
                "numerator": {"population": "teachers"},
                "denominator": {
                    "population": "staff",
                    "where": [{"methodical_active": {"roles": ["regional_methodist", "tutor"]}}],
                },
                "factor": 1,
            },
            reading="§5 п. 8: «сопровождаемых одним членом» читается как среднее: все педагогические работники "
            "года, делённые на число членов РМА (методистов и тьюторов). Закрепление педагогов за членами "
            "актива в данных не ведётся.",
        ),
        Formula(
            id="amur_registry_programmes_share",
            source=_src(419),
            name="Доля программ ДПО в ФР ДПП среди реализуемых",
            blocks={
                "population": "programmes",
                "where": ["implemented"],
                "numerator": [{"programme": {"federal_registry": True}}],
            },
            reading="§5 п. 9: «реализуемые» — программы, которые кто-либо освоил в году; числитель — те из них, "
            "что входят в федеральный реестр.",
        ),
        Formula(
            id="amur_network_programmes_count",
            source=_src(421),
            name="Количество программ ДПО, реализованных в сетевой форме",
            blocks={
                "population": "programmes",
                "where": ["implemented", {"programme": {"network_form": True}}],
            },
            reading="§5 п. 10: программы в сетевой форме, которые кто-либо освоил в году («реализованы»).",
        ),
        Formula(
            id="amur_innovation_programmes_share",
            source=_src(423),
            name="Доля ДПП, разработанных на основе инновационной деятельности",
            blocks={"population": "programmes", "numerator": [{"programme": {"innovation_based": True}}]},
            reading="§5 п. 11: знаменатель — все программы справочника (разработанные субъектами РС НМС), "
            "без условия освоения в году; числитель — с признаком innovation_based.",
        ),
        Formula(
            id="amur_np_infrastructure_sites_share",
            source=_src(425),
            name="Доля стажировочных площадок на инфраструктуре НП «Образование»",
            blocks={
                "population": "internship_sites",
                "where": [{"site_kind": "internship_site"}],
                "numerator": [{"organization": {"national_project_infrastructure": True}}],
            },
            reading="§5 п. 12: стажировочные площадки, действовавшие в году; «созданные на базе инфраструктуры» — "
            "организация площадки имеет признак national_project_infrastructure.",
        ),
        Formula(
            id="amur_events_count",
            source=_src(427),
            name="Количество научно-практических и просветительских мероприятий",
            blocks={"population": "events"},
            reading="§5 п. 13: все мероприятия, проведённые в году: перечень «форумов, семинаров, конференций и "
            "т.д.» открытый, поэтому вид мероприятия не ограничивается.",
        ),
    ]
