"""The importable tables in one place: Russian headers and explanations, types, natural keys, references.

Templates (:mod:`efs.data.templates`), import (:mod:`efs.data.importing`), export
(:mod:`efs.data.export`) and synthesis (:mod:`efs.data.synth`) all read :data:`SPECS`; types, keys and
explanations come from :mod:`efs.data.schema` so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from efs.data.vocabulary import ACTIVE_ROLES, DIAGNOSTIC_KINDS, SITE_KINDS, SUPPORT_FORMS, SUPPORT_ROLES

#: Column header written in templates and exports for the jurisdiction (optional in imported files).
JURISDICTION_HEADER = "Юрисдикция"

#: (table, column) or column → Russian header.
_HEADERS: dict[str, str] = {
    "jurisdictions.id": "Код юрисдикции",
    "jurisdictions.name": "Название юрисдикции",
    "jurisdictions.level": "Уровень",
    "municipalities.id": "Код муниципалитета",
    "municipalities.name": "Название муниципалитета",
    "organizations.id": "Код организации",
    "organizations.name": "Название организации",
    "organizations.kind": "Вид организации",
    "staff.id": "Работник (id)",
    "programmes.id": "Код программы",
    "programmes.name": "Название программы",
    "management_teams.id": "Код команды",
    "events.id": "Код мероприятия",
    "events.kind": "Вид мероприятия",
    "events.level": "Уровень мероприятия",
    "graduates.id": "Выпускник (id)",
    "internship_sites.kind": "Вид площадки",
    "diagnostics.kind": "Вид диагностики",
    "graduate_diagnostics.kind": "Вид диагностики",
    "methodical_active_members.role": "Роль в активе",
    "support_participation.role": "Роль",
    "support_participation.form": "Форма поддержки",
    "post_course_support.form": "Форма сопровождения",
    "measure_status.comment": "Комментарий",
    "municipality_id": "Код муниципалитета",
    "organization_id": "Код организации",
    "position": "Должность",
    "is_manager": "Управленческий работник",
    "is_pedagogical": "Педагогический работник",
    "birth_year": "Год рождения",
    "pedagogical_start_year": "Год начала педагогической работы",
    "left_year": "Год увольнения",
    "low_results": "ШНОР",
    "adverse_conditions": "ШНСУ",
    "mentoring_model": "Целевая модель наставничества",
    "national_project_infrastructure": "Инфраструктура нацпроекта",
    "staff_id": "Работник (id)",
    "taken_on": "Дата прохождения",
    "provider": "Кто проводил",
    "result_percent": "Результат, %",
    "deficits_found": "Выявлены дефициты",
    "started_on": "Дата начала",
    "ended_on": "Дата окончания",
    "based_on_diagnostics": "По результатам диагностики",
    "in_federal_registry": "В федеральном реестре",
    "network_form": "Сетевая форма",
    "innovation_based": "На основе инновационного опыта",
    "developer": "Разработчик",
    "hours": "Объём, часов",
    "programme_id": "Код программы",
    "completed_on": "Дата окончания обучения",
    "selected_by_diagnostics": "Подобрана по диагностике",
    "members": "Число членов",
    "team_id": "Код команды",
    "title": "Название",
    "since_year": "С года",
    "until_year": "По год",
    "held_on": "Дата проведения",
    "participants": "Число участников",
    "topic": "Тема",
    "graduation_year": "Год выпуска",
    "university": "Вуз",
    "graduate_id": "Выпускник (id)",
    "indicator_id": "Показатель",
    "year": "Год",
    "scope": "Уровень сводки",
    "scope_id": "Код организации или муниципалитета",
    "sub_measure": "Часть показателя",
    "numerator": "Числитель",
    "denominator": "Знаменатель",
    "measure_id": "Мероприятие",
    "as_of": "Дата статуса",
    "status": "Статус",
    "evidence": "Подтверждение",
}

#: Russian names of the tables: XLSX sheet names and CSV file names of templates.
SHEETS: dict[str, str] = {
    "jurisdictions": "Юрисдикции",
    "municipalities": "Муниципалитеты",
    "organizations": "Организации",
    "staff": "Работники",
    "diagnostics": "Диагностики",
    "individual_routes": "ИОМ",
    "programmes": "Программы",
    "programme_completions": "Освоение программ",
    "post_course_support": "Посткурсовое сопровождение",
    "support_participation": "Участие в поддержке",
    "management_teams": "Управленческие команды",
    "team_trainings": "Обучение команд",
    "methodical_active_members": "Методический актив",
    "events": "Мероприятия",
    "internship_sites": "Площадки",
    "graduates": "Выпускники",
    "graduate_diagnostics": "Диагностики выпускников",
    "aggregate_returns": "Сводные данные",
    "measure_status": "Дорожная карта",
}

#: column → (referenced table, referenced key column).
REFERENCES: dict[str, str] = {
    "municipality_id": "municipalities",
    "organization_id": "organizations",
    "staff_id": "staff",
    "programme_id": "programmes",
    "team_id": "management_teams",
    "graduate_id": "graduates",
}

#: Allowed values, with Russian spellings accepted on import (alias → value).
_CHOICES: dict[str, tuple[str, ...]] = {
    "jurisdictions.level": ("regional", "municipal"),
    "diagnostics.kind": DIAGNOSTIC_KINDS,
    "support_participation.form": SUPPORT_FORMS,
    "support_participation.role": SUPPORT_ROLES,
    "internship_sites.kind": SITE_KINDS,
    "methodical_active_members.role": ACTIVE_ROLES,
    "measure_status.status": ("done", "in_progress", "not_started", "cancelled"),
    "aggregate_returns.scope": ("organization", "municipality"),
    "events.level": ("regional", "municipal", "institutional"),
}
ALIASES: dict[str, dict[str, str]] = {
    "measure_status.status": {
        "выполнено": "done",
        "исполнено": "done",
        "в работе": "in_progress",
        "выполняется": "in_progress",
        "не начато": "not_started",
        "отменено": "cancelled",
    },
    "aggregate_returns.scope": {"организация": "organization", "муниципалитет": "municipality"},
    "jurisdictions.level": {"региональный": "regional", "муниципальный": "municipal"},
    "events.level": {
        "региональный": "regional",
        "муниципальный": "municipal",
        "институциональный": "institutional",
    },
    "support_participation.role": {
        "участник": "participant",
        "наставляемый": "mentee",
        "наставник": "mentor",
        "организатор": "organizer",
    },
}
_TYPE_NAMES = {
    "str": "текст",
    "int": "целое число",
    "float": "число (десятичная запятая допустима)",
    "bool": "да/нет",
    "date": "дата ДД.ММ.ГГГГ",
}


@dataclass(frozen=True)
class ColumnSpec:
    """One importable column.

    Attributes:
        name: Column name in the store (English).
        header: Russian header in templates and exports.
        type: ``str``, ``int``, ``float``, ``bool`` or ``date``.
        required: A value must be given.
        explanation: Russian explanation for the template's explanation sheet.
        choices: Allowed values (empty — any).
        max_length: Longest text accepted (``None`` — unlimited).
        default: Value used when the cell is empty and the column is not required.
    """

    name: str
    header: str
    type: str
    required: bool
    explanation: str
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    default: object = None

    @property
    def type_text(self) -> str:
        """The type written for people."""
        return _TYPE_NAMES[self.type]


@dataclass(frozen=True)
class TableSpec:
    """One importable table.

    Attributes:
        name: Table name in the store.
        sheet: Russian name (sheet of the XLSX template, CSV file name).
        explanation: What a row is, in Russian.
        columns: Columns in template order (the jurisdiction column excluded).
        key: Natural key columns (without ``jurisdiction_id``).
        person_rows: Holds one row per person (exported only with ``--include-person-rows``).
    """

    name: str
    sheet: str
    explanation: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    person_rows: bool
    references: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> ColumnSpec:
        """The column named ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def headers(self) -> dict[str, str]:
        """Accepted header (Russian, English, lower-cased) → column name."""
        out = {JURISDICTION_HEADER.lower(): "jurisdiction_id", "jurisdiction_id": "jurisdiction_id"}
        for c in self.columns:
            out[c.header.lower()] = c.name
            out[c.name.lower()] = c.name
        return out


def _python_type(col: object) -> str:
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer

    t = col.type  # type: ignore[attr-defined]
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Date | DateTime):
        return "date"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, Float):
        return "float"
    return "str"


@cache
def specs() -> dict[str, TableSpec]:
    """Every importable table, in an order in which references come first (import order)."""
    from efs.data import schema as S

    out: dict[str, TableSpec] = {}
    for table in S.metadata.sorted_tables:
        if table.name == "data_sources":
            continue
        cols: list[ColumnSpec] = []
        for c in table.columns:
            if c.name in ("jurisdiction_id", "source_id") and table.name != "jurisdictions":
                continue
            qual = f"{table.name}.{c.name}"
            typ = _python_type(c)
            default = None
            if c.default is not None and getattr(c.default, "is_scalar", False):
                default = c.default.arg  # type: ignore[attr-defined]
            required = (not c.nullable or c.primary_key) and default is None
            choices = _CHOICES.get(qual, ())
            explanation = (c.comment or "").rstrip(".")
            if choices:
                explanation += ". Значения: " + ", ".join(choices)
                if qual in ALIASES:
                    explanation += " (или по-русски: " + ", ".join(ALIASES[qual]) + ")"
            if c.name in REFERENCES and table.name != REFERENCES[c.name]:
                explanation += f". Должен быть в таблице «{SHEETS[REFERENCES[c.name]]}» или уже в хранилище"
            cols.append(
                ColumnSpec(
                    name=c.name,
                    header=_HEADERS.get(qual) or _HEADERS.get(c.name) or c.name,
                    type=typ,
                    required=required,
                    explanation=explanation + ".",
                    choices=choices,
                    max_length=getattr(c.type, "length", None),
                    default=default,
                )
            )
        key = tuple(k for k in S.NATURAL_KEYS.get(table.name, ("id",)) if k != "jurisdiction_id")
        refs = {c.name: REFERENCES[c.name] for c in cols if c.name in REFERENCES and table.name != REFERENCES[c.name]}
        out[table.name] = TableSpec(
            name=table.name,
            sheet=SHEETS[table.name],
            explanation=(table.comment or "").rstrip("."),
            columns=tuple(cols),
            key=key,
            person_rows=table.name in S.PERSON_TABLES,
            references=refs,
        )
    return out


def spec_for(name: str) -> TableSpec:
    """The table named ``name`` (English name or Russian sheet name, case-insensitive)."""
    from efs.errors import DataError

    wanted = name.strip().lower()
    for spec in specs().values():
        if wanted in (spec.name, spec.sheet.lower()):
            return spec
    raise DataError(f"нет такой таблицы: «{name}»; есть: " + ", ".join(specs()))
