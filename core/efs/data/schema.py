"""The monitoring store: SQLAlchemy 2 Core tables for everything the indicators count.

Design (see ``docs/store.md``):

* Every row is keyed by ``jurisdiction_id`` first, so several jurisdictions share one store and
  every index starts with the column every indicator query filters on.
* The hierarchy is explicit: ``jurisdictions`` → ``municipalities`` → ``organizations`` → ``staff``;
  results roll up along it.
* Primary keys are the *natural* keys the data arrives with (pseudonymous staff id, organization
  code, the staff id with a date for an event). Re-importing a file upserts on them;
  :data:`NATURAL_KEYS` lists them per table for the importer.
* Person-level event tables (diagnostics, completions, participation…) have primary keys that
  begin ``(jurisdiction_id, staff_id, …)`` so the ``EXISTS`` probes the indicator engine compiles
  (memberships under ``not`` or ``any``) are index lookups; a second index on
  ``(jurisdiction_id, <date>)`` serves the per-year scans that list the people with an event (a
  numerator counted from the event side, :mod:`efs.indicators.sql`).
* Dates are ISO dates; "in year Y" means the date lies in ``[Y-01-01, Y+1-01-01)``.
* ``source_id`` on every data row points at ``data_sources`` (the file and date it came from, or
  the synthesis and its seed).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ID = 80  # length of natural ids (pseudonymous staff ids are keyed hashes, well below this)
JUR = "jurisdiction_id"


def _jur() -> Column[str]:
    return Column(JUR, String(ID), nullable=False, comment="Юрисдикция (id конфигурации).")


def _source() -> Column[int]:
    return Column("source_id", Integer, nullable=True, comment="Откуда строка (data_sources.id).")


def _staff_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint([JUR, "staff_id"], ["staff.jurisdiction_id", "staff.id"], ondelete="CASCADE")


def _pk_jur() -> Column[str]:
    return Column(JUR, String(ID), primary_key=True, comment="Юрисдикция (id конфигурации).")


def _pk_staff() -> Column[str]:
    return Column("staff_id", String(ID), primary_key=True, comment="Псевдонимный id работника.")


jurisdictions = Table(
    "jurisdictions",
    metadata,
    Column("id", String(ID), primary_key=True, comment="Идентификатор юрисдикции (amur, megion…)."),
    Column("name", Text, nullable=False, comment="Название."),
    Column("level", String(20), nullable=False, comment="regional или municipal."),
    comment="Юрисдикции: регион или муниципалитет, чьё положение применяется.",
)

data_sources = Table(
    "data_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _jur(),
    Column("kind", String(20), nullable=False, comment="file, synthesis или manual."),
    Column("table_name", String(60), nullable=True, comment="Таблица, в которую загружены данные."),
    Column("file_name", Text, nullable=True, comment="Имя файла, как его указал пользователь."),
    Column("file_sha256", String(64), nullable=True, comment="Хеш содержимого файла."),
    Column("seed", Integer, nullable=True, comment="Зерно синтеза."),
    Column("rows", Integer, nullable=True, comment="Сколько строк загружено."),
    Column("loaded_at", DateTime(timezone=True), nullable=False, comment="Когда загружено."),
    Column("comment", Text, nullable=True),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    Index("ix_data_sources_jurisdiction", JUR, "kind"),
    comment="Происхождение данных: файл и дата загрузки или синтез и зерно.",
)

municipalities = Table(
    "municipalities",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Код муниципалитета."),
    Column("name", Text, nullable=False, comment="Название."),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    comment="Муниципалитеты юрисдикции (у муниципальной юрисдикции — один).",
)

organizations = Table(
    "organizations",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Код организации."),
    Column("municipality_id", String(ID), nullable=False, comment="Муниципалитет."),
    Column("name", Text, nullable=False, comment="Название."),
    Column(
        "kind",
        String(40),
        nullable=False,
        comment="school, kindergarten, additional_education, college, university, cnppm, other…",
    ),
    Column(
        "low_results",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Школа с низкими образовательными результатами (ШНОР).",
    ),
    Column(
        "adverse_conditions",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Школа, функционирующая в неблагоприятных социальных условиях (ШНСУ).",
    ),
    Column(
        "mentoring_model",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Внедрена целевая модель наставничества.",
    ),
    Column(
        "national_project_infrastructure",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Инфраструктура нацпроекта «Образование» (Точка роста, IT-куб…).",
    ),
    _source(),
    ForeignKeyConstraint(
        [JUR, "municipality_id"], ["municipalities.jurisdiction_id", "municipalities.id"], ondelete="CASCADE"
    ),
    Index("ix_organizations_municipality", JUR, "municipality_id"),
    comment="Образовательные и иные организации.",
)

staff = Table(
    "staff",
    metadata,
    _pk_jur(),
    Column(
        "id", String(ID), primary_key=True, comment="Псевдонимный id (ключевой хеш СНИЛС/табельного номера)."
    ),
    Column("organization_id", String(ID), nullable=False, comment="Основное место работы."),
    Column("position", String(120), nullable=False, comment="Должность."),
    Column(
        "is_manager",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Управленческий работник (руководитель, заместитель).",
    ),
    Column(
        "is_pedagogical",
        Boolean,
        nullable=False,
        default=True,
        server_default="1",
        comment="Педагогический работник.",
    ),
    Column("birth_year", Integer, nullable=False, comment="Год рождения."),
    Column("pedagogical_start_year", Integer, nullable=False, comment="Год начала педагогической работы."),
    Column("left_year", Integer, nullable=True, comment="Год увольнения (в следующие годы не считается)."),
    _source(),
    ForeignKeyConstraint(
        [JUR, "organization_id"], ["organizations.jurisdiction_id", "organizations.id"], ondelete="CASCADE"
    ),
    # Both indexes cover every column the population filters read, so a share over a million staff
    # scans an index, never the table: by organization (all teachers, in group order) and by the
    # start of pedagogical work (young teachers: a narrow range).
    Index(
        "ix_staff_organization",
        JUR,
        "organization_id",
        "is_pedagogical",
        "is_manager",
        "pedagogical_start_year",
        "left_year",
        "birth_year",
        "id",
    ),
    Index(
        "ix_staff_population",
        JUR,
        "pedagogical_start_year",
        "birth_year",
        "is_pedagogical",
        "is_manager",
        "left_year",
        "organization_id",
        "id",
    ),
    comment="Педагогические и управленческие работники (только псевдонимные id).",
)

diagnostics = Table(
    "diagnostics",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column(
        "kind",
        String(40),
        primary_key=True,
        comment="professional_deficits, functional_literacy, subject, methodical, managerial…",
    ),
    Column("taken_on", Date, primary_key=True, comment="Дата прохождения."),
    Column("provider", Text, nullable=True, comment="Кто проводил (ЦНППМ, ФИОКО…)."),
    Column("result_percent", Float, nullable=True, comment="Результат, % выполнения (0–100)."),
    Column("deficits_found", Boolean, nullable=True, comment="Выявлены профессиональные дефициты."),
    _source(),
    _staff_fk(),
    # Covering: the year's diagnostics are listed from the index alone (no row read per diagnostic) for
    # the indicators' member lists; the second index answers «a deficits diagnostic by this provider
    # no later than…» probes per person the same way.
    Index("ix_diagnostics_year", JUR, "taken_on", "kind", "provider", "result_percent", "deficits_found", "staff_id"),
    Index("ix_diagnostics_staff", JUR, "staff_id", "kind", "taken_on", "provider"),
    comment="Прохождение диагностик педагогами.",
)

individual_routes = Table(
    "individual_routes",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column("started_on", Date, primary_key=True, comment="Дата начала ИОМ."),
    Column("ended_on", Date, nullable=True, comment="Дата завершения (пусто — продолжается)."),
    Column(
        "based_on_diagnostics",
        Boolean,
        nullable=False,
        default=True,
        server_default="1",
        comment="Построен по результатам диагностики дефицитов.",
    ),
    _source(),
    _staff_fk(),
    Index("ix_individual_routes_year", JUR, "started_on", "ended_on", "based_on_diagnostics", "staff_id"),  # covering
    comment="Индивидуальные образовательные маршруты.",
)

programmes = Table(
    "programmes",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Код программы."),
    Column("name", Text, nullable=False, comment="Название."),
    Column(
        "in_federal_registry",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Входит в федеральный реестр ДПП.",
    ),
    Column(
        "network_form",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Реализуется в сетевой форме.",
    ),
    Column(
        "innovation_based",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Разработана на основе инновационного опыта.",
    ),
    Column("developer", Text, nullable=True, comment="Разработчик."),
    Column("hours", Integer, nullable=True, comment="Объём, часов."),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    comment="Дополнительные профессиональные программы.",
)

programme_completions = Table(
    "programme_completions",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column("programme_id", String(ID), primary_key=True, comment="Программа."),
    Column("completed_on", Date, primary_key=True, comment="Дата освоения."),
    Column(
        "selected_by_diagnostics",
        Boolean,
        nullable=False,
        default=False,
        server_default="0",
        comment="Подобрана с учётом диагностики профессиональных дефицитов.",
    ),
    _source(),
    _staff_fk(),
    ForeignKeyConstraint(
        [JUR, "programme_id"], ["programmes.jurisdiction_id", "programmes.id"], ondelete="CASCADE"
    ),
    Index(  # covering: the year's completions listed from the index alone
        "ix_programme_completions_year", JUR, "completed_on", "selected_by_diagnostics", "programme_id", "staff_id"
    ),
    comment="Освоение программ ДПО педагогами.",
)

post_course_support = Table(
    "post_course_support",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column("started_on", Date, primary_key=True, comment="Начало сопровождения."),
    Column("programme_id", String(ID), nullable=True, comment="Программа, после которой сопровождение."),
    Column("ended_on", Date, nullable=True, comment="Окончание."),
    Column("form", String(60), nullable=True, comment="Форма (консультации, стажировка…)."),
    _source(),
    _staff_fk(),
    Index("ix_post_course_support_year", JUR, "started_on"),
    comment="Посткурсовое сопровождение.",
)

support_participation = Table(
    "support_participation",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column(
        "form",
        String(60),
        primary_key=True,
        comment="mentoring, teacher_pair, young_teachers_association, networking, methodical_association, "
        "professional_community, contest, internship…",
    ),
    Column("started_on", Date, primary_key=True, comment="Начало участия."),
    Column(
        "role",
        String(30),
        nullable=False,
        default="participant",
        server_default="participant",
        comment="participant, mentee, mentor, organizer.",
    ),
    Column("ended_on", Date, nullable=True, comment="Окончание (пусто — продолжается)."),
    _source(),
    _staff_fk(),
    Index("ix_support_participation_year", JUR, "started_on"),
    comment="Участие в формах поддержки и сопровождения (наставничество, «пары», ассоциации…).",
)

management_teams = Table(
    "management_teams",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Код команды."),
    Column("organization_id", String(ID), nullable=True, comment="Организация (для команд ОО)."),
    Column("municipality_id", String(ID), nullable=False, comment="Муниципалитет команды."),
    Column("members", Integer, nullable=True, comment="Число членов."),
    _source(),
    ForeignKeyConstraint(
        [JUR, "municipality_id"], ["municipalities.jurisdiction_id", "municipalities.id"], ondelete="CASCADE"
    ),
    Index("ix_management_teams_municipality", JUR, "municipality_id"),
    comment="Управленческие команды (организаций и муниципалитетов).",
)

team_trainings = Table(
    "team_trainings",
    metadata,
    _pk_jur(),
    Column("team_id", String(ID), primary_key=True, comment="Команда."),
    Column("completed_on", Date, primary_key=True, comment="Дата окончания обучения."),
    Column("programme_id", String(ID), nullable=True, comment="Программа, если из справочника."),
    Column("title", Text, nullable=True, comment="Название обучения."),
    _source(),
    ForeignKeyConstraint(
        [JUR, "team_id"], ["management_teams.jurisdiction_id", "management_teams.id"], ondelete="CASCADE"
    ),
    Index("ix_team_trainings_year", JUR, "completed_on"),
    comment="Повышение квалификации управленческих команд.",
)

methodical_active_members = Table(
    "methodical_active_members",
    metadata,
    _pk_jur(),
    _pk_staff(),
    Column("role", String(40), primary_key=True, comment="regional_methodist, tutor, municipal_methodist…"),
    Column("since_year", Integer, primary_key=True, comment="С какого года в активе."),
    Column("until_year", Integer, nullable=True, comment="По какой год (пусто — по сей день)."),
    _source(),
    _staff_fk(),
    comment="Методический актив: методисты, тьюторы.",
)

events = Table(
    "events",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Код мероприятия."),
    Column("kind", String(60), nullable=False, comment="conference, seminar, contest, webinar, open_lesson…"),
    Column("title", Text, nullable=False, comment="Название."),
    Column("held_on", Date, nullable=False, comment="Дата проведения."),
    Column("level", String(20), nullable=True, comment="regional, municipal, institutional."),
    Column("municipality_id", String(ID), nullable=True, comment="Муниципалитет проведения."),
    Column("organization_id", String(ID), nullable=True, comment="Организатор."),
    Column("participants", Integer, nullable=True, comment="Число участников."),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    Index("ix_events_year", JUR, "held_on"),
    comment="Методические мероприятия.",
)

internship_sites = Table(
    "internship_sites",
    metadata,
    _pk_jur(),
    Column("organization_id", String(ID), primary_key=True, comment="Организация-площадка."),
    Column(
        "kind",
        String(40),
        primary_key=True,
        comment="internship_site, innovation_site, networking_site, methodical_centre…",
    ),
    Column("since_year", Integer, primary_key=True, comment="С какого года."),
    Column("until_year", Integer, nullable=True, comment="По какой год (пусто — по сей день)."),
    Column("topic", Text, nullable=True, comment="Тема."),
    _source(),
    ForeignKeyConstraint(
        [JUR, "organization_id"], ["organizations.jurisdiction_id", "organizations.id"], ondelete="CASCADE"
    ),
    comment="Стажировочные, инновационные и нетворкинг-площадки.",
)

graduates = Table(
    "graduates",
    metadata,
    _pk_jur(),
    Column("id", String(ID), primary_key=True, comment="Псевдонимный id выпускника."),
    Column("graduation_year", Integer, nullable=False, comment="Год выпуска."),
    Column("university", Text, nullable=True, comment="Вуз."),
    Column("municipality_id", String(ID), nullable=True, comment="Муниципалитет трудоустройства."),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    Index("ix_graduates_year", JUR, "graduation_year"),
    comment="Выпускники педагогических вузов (знаменатель показателя 2 концепции).",
)

graduate_diagnostics = Table(
    "graduate_diagnostics",
    metadata,
    _pk_jur(),
    Column("graduate_id", String(ID), primary_key=True, comment="Выпускник."),
    Column("kind", String(40), primary_key=True, comment="Вид диагностики."),
    Column("taken_on", Date, primary_key=True, comment="Дата."),
    Column("result_percent", Float, nullable=True, comment="Результат, %."),
    _source(),
    ForeignKeyConstraint(
        [JUR, "graduate_id"], ["graduates.jurisdiction_id", "graduates.id"], ondelete="CASCADE"
    ),
    comment="Диагностики, пройденные выпускниками педагогических вузов.",
)

aggregate_returns = Table(
    "aggregate_returns",
    metadata,
    _pk_jur(),
    Column("indicator_id", String(ID), primary_key=True, comment="Показатель."),
    Column("year", Integer, primary_key=True, comment="Год."),
    Column("scope", String(20), primary_key=True, comment="organization или municipality."),
    Column("scope_id", String(ID), primary_key=True, comment="Код организации или муниципалитета."),
    Column(
        "sub_measure",
        String(80),
        primary_key=True,
        default="",
        server_default="",
        comment="Часть показателя (пусто — основной).",
    ),
    Column("numerator", Float, nullable=False, comment="Числитель."),
    Column("denominator", Float, nullable=True, comment="Знаменатель (пусто для количеств)."),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    comment="Сводные отчёты: числитель и знаменатель по организации или муниципалитету.",
)

measure_status = Table(
    "measure_status",
    metadata,
    _pk_jur(),
    Column("measure_id", String(ID), primary_key=True, comment="Мероприятие дорожной карты."),
    Column("as_of", Date, primary_key=True, comment="Дата, на которую указан статус."),
    Column("status", String(20), nullable=False, comment="done, in_progress, not_started, cancelled."),
    Column("evidence", Text, nullable=True, comment="Подтверждение: номер приказа, ссылка."),
    Column("comment", Text, nullable=True),
    _source(),
    ForeignKeyConstraint([JUR], ["jurisdictions.id"], ondelete="CASCADE"),
    comment="Исполнение мероприятий дорожной карты.",
)

#: Natural key of each table: the columns an import upserts on (the primary key, except data_sources).
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    t.name: tuple(c.name for c in t.primary_key.columns)
    for t in metadata.sorted_tables
    if t.name != "data_sources"
}

#: Tables holding one row per person (never exported without ``--include-person-rows``).
PERSON_TABLES: frozenset[str] = frozenset(
    {
        "staff",
        "diagnostics",
        "individual_routes",
        "programme_completions",
        "post_course_support",
        "support_participation",
        "methodical_active_members",
        "graduates",
        "graduate_diagnostics",
    }
)

MEASURE_STATUSES: tuple[str, ...] = ("done", "in_progress", "not_started", "cancelled")
AGGREGATE_SCOPES: tuple[str, ...] = ("organization", "municipality")

# --- analytics tables ---------------------------------------------------------------------------
# Built after import or synthesis (``efs.indicators.analytics.build``), read by the indicator engine
# when they are current; never imported, exported or documented as data. A separate MetaData keeps
# them out of everything that walks the data tables (import specs, export, snapshots, synth clearing).

analytics_metadata = MetaData(naming_convention=NAMING_CONVENTION)

analytics_builds = Table(
    "analytics_builds",
    analytics_metadata,
    _pk_jur(),
    Column("year", Integer, primary_key=True, comment="Год."),
    Column("data_stamp", String(200), nullable=False, comment="Состояние данных, по которым построено."),
    Column("queries", Text, nullable=False, comment="JSON: ключ запроса → можно ли сворачивать до муниципалитета."),
    Column("built_at", DateTime(timezone=True), nullable=False, comment="Когда построено."),
    Column("seconds", Float, nullable=True, comment="Сколько секунд строилось."),
    comment="Аналитические таблицы: какие годы юрисдикции построены и по какому состоянию данных.",
)

analytics_groups = Table(
    "analytics_groups",
    analytics_metadata,
    _pk_jur(),
    Column("year", Integer, primary_key=True, comment="Год."),
    Column("query_key", String(64), primary_key=True, comment="SHA-256 скомпилированного запроса формулы."),
    Column("grain", String(20), primary_key=True, comment="organization или municipality."),
    Column("row_no", Integer, primary_key=True, comment="Порядок строки в результате запроса."),
    Column("municipality_id", String(ID), nullable=True),
    Column("organization_id", String(ID), nullable=True),
    Column("numerator", Float, nullable=False),
    Column("denominator", Float, nullable=True),
    Column("base", Float, nullable=False),
    Column("subs", Text, nullable=True, comment="JSON: числители подпоказателей."),
    comment="Аналитические таблицы: числители и знаменатели формул по группам, посчитанные заранее.",
)
