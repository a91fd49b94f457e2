"""The building blocks of indicator formulas: populations, conditions and their parameters.

This module only *describes* the blocks (for validation, ``--explain`` and ``docs/indicators.md``);
:mod:`efs.indicators.sql` compiles them to SQLAlchemy Core. It imports nothing heavy.

A formula counts rows of one *entity* (staff, graduates, organizations, management teams, events,
internship sites, programmes). A *population* is a named set of rows of an entity in the year of
the report; *conditions* narrow it. See :mod:`efs.indicators.spec` for how they combine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from efs.data.vocabulary import ACTIVE_ROLES, DIAGNOSTIC_KINDS, SITE_KINDS, SUPPORT_FORMS, SUPPORT_ROLES

#: Entity → (Russian name, store tables read).
ENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "staff": ("работники", ("staff", "organizations")),
    "graduates": ("выпускники педагогических вузов", ("graduates",)),
    "organizations": ("организации", ("organizations",)),
    "management_teams": ("управленческие команды", ("management_teams",)),
    "events": ("мероприятия", ("events",)),
    "internship_sites": ("площадки", ("internship_sites", "organizations")),
    "programmes": ("программы ДПО", ("programmes",)),
}


@dataclass(frozen=True, slots=True)
class Population:
    """A named population: rows of one or two entities present in the report year.

    Attributes:
        id: Name used in formulas.
        entities: Entities whose rows it counts (``teachers_and_graduates`` counts two).
        text: Russian description (docs, ``--explain``).
    """

    id: str
    entities: tuple[str, ...]
    text: str


POPULATIONS: dict[str, Population] = {
    p.id: p
    for p in (
        Population(
            "staff",
            ("staff",),
            "все работники, работавшие в году (начали педагогическую работу не позже года и не уволены до него)",
        ),
        Population("teachers", ("staff",), "педагогические работники, работавшие в году"),
        Population(
            "managers", ("staff",), "управленческие кадры (руководители и заместители), работавшие в году"
        ),
        Population(
            "teachers_and_managers",
            ("staff",),
            "педагогические работники и управленческие кадры, работавшие в году",
        ),
        Population(
            "young_teachers",
            ("staff",),
            "педагоги в возрасте до 35 лет в первые 3 года работы: год − год рождения < 35 и "
            "год − год начала педагогической работы < 3",
        ),
        Population("graduates", ("graduates",), "выпускники педагогических вузов года отчёта"),
        Population(
            "teachers_and_graduates",
            ("staff", "graduates"),
            "педагогические работники года и выпускники педагогических вузов года отчёта (сумма)",
        ),
        Population("organizations", ("organizations",), "все организации юрисдикции"),
        Population("management_teams", ("management_teams",), "все управленческие команды"),
        Population("events", ("events",), "мероприятия, проведённые в году (окне лет)"),
        Population("internship_sites", ("internship_sites",), "площадки, действовавшие в году"),
        Population(
            "programmes",
            ("programmes",),
            "программы ДПО, реализуемые субъектами системы (справочник программ)",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a condition.

    Attributes:
        type: ``bool``, ``number``, ``str`` or ``list`` (of strings; a single string is accepted).
        text: Russian description.
        choices: Allowed values for ``str``/``list`` (empty — any).
        tables: Store tables read only when the parameter is given.
    """

    type: str
    text: str
    choices: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConditionBlock:
    """A condition that narrows a population.

    Attributes:
        id: Name used in formulas.
        entities: Entities it applies to.
        text: Russian description.
        params: Accepted parameters (all optional).
        tables: Store tables it reads.
        shorthand: The value a bare ``true``/scalar stands for (``{"manager": true}``), or ``None``.
    """

    id: str
    entities: tuple[str, ...]
    text: str
    params: dict[str, Param] = field(default_factory=dict)
    tables: tuple[str, ...] = ()
    shorthand: str | None = None


ORG_FLAGS = ("low_results", "adverse_conditions", "mentoring_model", "national_project_infrastructure")
PROGRAMME_FLAGS = ("federal_registry", "network_form", "innovation_based")

_ORG_PARAMS = {
    "kind": Param("list", "вид организации (school, kindergarten, college…)"),
    **{flag: Param("bool", f"флаг организации {flag}") for flag in ORG_FLAGS},
}
_PROG_PARAMS = {
    "federal_registry": Param("bool", "программа входит в федеральный реестр ДПП"),
    "network_form": Param("bool", "программа реализуется в сетевой форме"),
    "innovation_based": Param("bool", "программа разработана на основе инновационной деятельности"),
    "developer": Param("list", "разработчик программы (как записан в данных; пусто — не совпадает ни с чем)"),
    "developer_subject": Param(
        "list",
        "разработчик — субъект или орган конфигурации (идентификаторы): его название, сокращение, иные "
        "написания и идентификатор, а также его структурные подразделения и части",
    ),
    "developed_by_system": Param(
        "bool", "разработчик — любой субъект системы (конфигурации); только true"
    ),
}
#: Parameters naming subjects of the configuration: resolved to the names as written in the data
#: (:func:`efs.indicators.names.resolve_spec`) before the formula is compiled.
SUBJECT_PARAMS = {
    "provider_subject": "provider",
    "developer_subject": "developer",
    "developed_by_system": "developer",
    "diagnostic_provider_subject": "diagnostic_provider",
}

#: «…на основе результатов диагностики профессиональных дефицитов в ЦНППМ»: the person has a diagnostic of
#: professional deficits by this provider dated no later than the route's start / the completion.
_DIAGNOSTIC_BASIS = {
    "diagnostic_provider": Param(
        "list",
        "у работника есть диагностика профессиональных дефицитов этого провайдера (как записан в данных) "
        "не позже начала маршрута / даты освоения",
        tables=("diagnostics",),
    ),
    "diagnostic_provider_subject": Param(
        "list", "то же, провайдер — субъект или орган конфигурации (идентификаторы)", tables=("diagnostics",)
    ),
}

CONDITIONS: dict[str, ConditionBlock] = {
    c.id: c
    for c in (
        ConditionBlock(
            "took_diagnostic",
            ("staff", "graduates"),
            "прошёл диагностику в году (окне лет)",
            {
                "kind": Param("list", "вид диагностики", DIAGNOSTIC_KINDS),
                "min_result": Param("number", "результат не ниже, % выполнения"),
                "deficits_found": Param("bool", "выявлены профессиональные дефициты"),
                "provider": Param("list", "кто проводил (как записано в данных)"),
                "provider_subject": Param(
                    "list",
                    "кто проводил — субъект или орган конфигурации (идентификаторы): его название, "
                    "сокращение, иные написания и идентификатор, а также его структурные подразделения",
                ),
            },
            ("diagnostics", "graduate_diagnostics"),
        ),
        ConditionBlock(
            "completed_programme",
            ("staff",),
            "освоил программу ДПО в году (окне лет)",
            {
                **_PROG_PARAMS,
                "selected_by_diagnostics": Param(
                    "bool", "программа подобрана с учётом диагностики дефицитов"
                ),
                **_DIAGNOSTIC_BASIS,
            },
            ("programme_completions", "programmes"),
        ),
        ConditionBlock(
            "individual_route",
            ("staff",),
            "имеет индивидуальный образовательный маршрут, действовавший в году",
            {
                "based_on_diagnostics": Param("bool", "маршрут построен по результатам диагностики"),
                "started_in_period": Param(
                    "bool",
                    "true — маршрут начат (составлен) в году (окне лет); false — начат раньше и ещё "
                    "действовал; без параметра — любой маршрут, действовавший хотя бы часть года",
                ),
                **_DIAGNOSTIC_BASIS,
            },
            ("individual_routes",),
        ),
        ConditionBlock(
            "participated",
            ("staff",),
            "участвовал в формах поддержки и сопровождения, действовавших в году",
            {"forms": Param("list", "формы", SUPPORT_FORMS), "roles": Param("list", "роли", SUPPORT_ROLES)},
            ("support_participation",),
        ),
        ConditionBlock(
            "post_course_support",
            ("staff",),
            "охвачен посткурсовым сопровождением в году",
            {
                "after_completed_programme": Param(
                    "bool",
                    "сопровождение после программы, освоенной этим работником в году (окне лет): программа "
                    "сопровождения — освоенная, начало — не раньше даты освоения",
                    tables=("programme_completions",),
                )
            },
            ("post_course_support",),
        ),
        ConditionBlock(
            "methodical_active",
            ("staff",),
            "состоит в методическом активе в году",
            {"roles": Param("list", "роли в активе", ACTIVE_ROLES)},
            ("methodical_active_members",),
        ),
        ConditionBlock("manager", ("staff",), "управленческий работник", {}, (), shorthand="true"),
        ConditionBlock("pedagogical", ("staff",), "педагогический работник", {}, (), shorthand="true"),
        ConditionBlock(
            "age_below",
            ("staff",),
            "моложе N лет в году",
            {"years": Param("number", "N")},
            (),
            shorthand="years",
        ),
        ConditionBlock(
            "experience_below",
            ("staff",),
            "педагогический стаж в году меньше N лет",
            {"years": Param("number", "N")},
            (),
            shorthand="years",
        ),
        ConditionBlock(
            "organization",
            ("staff", "organizations", "internship_sites", "management_teams"),
            "организация (место работы, площадка, команда) обладает признаками",
            _ORG_PARAMS,
            ("organizations",),
        ),
        ConditionBlock(
            "has_site",
            ("organizations",),
            "на базе организации действует площадка в году",
            {"kind": Param("list", "вид площадки", SITE_KINDS)},
            ("internship_sites",),
        ),
        ConditionBlock(
            "trained",
            ("management_teams",),
            "команда окончила обучение в году (окне лет)",
            {},
            ("team_trainings",),
        ),
        ConditionBlock(
            "team_level",
            ("management_teams",),
            "команда организации или муниципалитета",
            {"level": Param("str", "organization или municipality", ("organization", "municipality"))},
            (),
            shorthand="level",
        ),
        ConditionBlock(
            "event_kind",
            ("events",),
            "вид мероприятия",
            {"kind": Param("list", "вид (conference, seminar, forum, webinar, contest…)")},
            (),
            shorthand="kind",
        ),
        ConditionBlock(
            "event_level",
            ("events",),
            "уровень мероприятия",
            {"level": Param("list", "regional, municipal, institutional")},
            (),
            shorthand="level",
        ),
        ConditionBlock(
            "site_kind",
            ("internship_sites",),
            "вид площадки",
            {"kind": Param("list", "вид площадки", SITE_KINDS)},
            (),
            shorthand="kind",
        ),
        ConditionBlock("programme", ("programmes",), "программа обладает признаками", _PROG_PARAMS, ()),
        ConditionBlock(
            "implemented",
            ("programmes",),
            "программу кто-то освоил в году (окне лет)",
            {},
            ("programme_completions",),
        ),
    )
}

#: Logical combinators: ``not`` takes one condition, ``any``/``all`` a list.
COMBINATORS = ("not", "any", "all")

#: Measures: what is summed over the counted rows.
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "count": ("число строк (людей, команд, мероприятий…)", ()),
    "participants": ("сумма числа участников мероприятий", ("events",)),
}


def describe_params(params: dict[str, Any]) -> str:
    """Parameters written for people: ``kind=functional_literacy, min_result=70``."""
    parts = []
    for key, value in params.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "да" if value else "нет"
        parts.append(f"{key}={value}")
    return ", ".join(parts)
