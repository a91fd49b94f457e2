"""The configuration: one jurisdiction's Положение as data.

The YAML files in ``config/`` and the output of ``efs show`` have exactly this shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, model_serializer

from efs.model.base import (
    EfsModel,
    FunctionId,
    Identifier,
    KindId,
    Level,
    Link,
    NotBool,
    ShorthandModel,
    Source,
    TextItem,
    Vocabulary,
    catalogue,
)
from efs.model.catalogue import Function, IndicatorDefinition, Threshold

FORMAT_VERSION = 1


class Reference(ShorthandModel):
    """Ссылка на субъект или орган.

    В YAML пишется строкой. Строка вида идентификатора (``amiro``) обязана совпасть с
    идентификатором субъекта или органа — иначе ошибка загрузки. Любая другая строка — текст,
    как в документе: он разрешается только точным совпадением (после нормализации пробелов
    и кавычек) с id, названием, сокращением или иным написанием; иначе остаётся
    неразрешённым, и о нём сообщают правила проверки.
    """

    __shorthand__ = "as_written"

    as_written: str = Field(
        description="Ссылка, как она написана: идентификатор субъекта или органа либо текст документа."
    )
    id: Identifier | None = Field(None, description="Куда ссылка разрешилась (заполняет efs).")

    @property
    def written_as_id(self) -> bool:
        """True when the reference is written as an identifier rather than as document text."""
        from efs.model.base import ID_RE

        return bool(ID_RE.match(self.as_written))

    @property
    def resolved(self) -> bool:
        """True when the reference points at a defined subject or actor."""
        return self.id is not None

    @model_serializer(mode="plain")
    def _serialize(self) -> Any:
        if self.id is None or self.id == self.as_written:
            return self.as_written
        return {"as_written": self.as_written, "id": self.id}


class Alias(ShorthandModel):
    """Другое написание названия, встречающееся в документе.

    В YAML — строка или ``{text: …, source: {…}}``, если нужно указать, где оно встречается.
    """

    __shorthand__ = "text"

    text: str = Field(description="Написание дословно.")
    source: Source | None = Field(None, description="Где это написание встречается.")

    @model_serializer(mode="plain")
    def _serialize(self) -> Any:
        if self.source is None:
            return self.text
        return {"text": self.text, "source": self.source.model_dump(mode="json", exclude_none=True)}


class Edition(EfsModel):
    """Редакция акта: акт, которым в него внесены изменения («в ред. распоряжения от 15.06.2021 № 518-р»)."""

    kind: str | None = Field(None, description="Вид изменяющего акта: «приказ», «распоряжение»…")
    issuer: str | None = Field(None, description="Кто издал изменяющий акт.")
    number: str | None = Field(None, description="Номер изменяющего акта, как написан.")
    date: dt.date | None = Field(None, description="Дата изменяющего акта в формате ГГГГ-ММ-ДД.")
    date_as_written: str | None = Field(None, description="Дата, как написана в документе.")
    title: str | None = Field(None, description="Название изменяющего акта дословно.")
    as_written: str | None = Field(None, description="Ссылка на редакцию дословно («в ред. … от … № …»).")
    source: Source | None = Field(None, description="Где редакция названа.")


class ActCitation(EfsModel):
    """Реквизиты акта или приложения, как они написаны; изменявшийся акт — первоначальный акт и его редакции."""

    kind: str | None = Field(None, description="Вид акта: «приказ», «Федеральный закон», «распоряжение»…")
    issuer: str | None = Field(None, description="Кто издал акт.")
    number: str | None = Field(None, description="Номер, как написан (например, «360-О»).")
    date: dt.date | None = Field(None, description="Дата в формате ГГГГ-ММ-ДД.")
    date_as_written: str | None = Field(None, description="Дата, как написана в документе.")
    title: str | None = Field(None, description="Название акта дословно.")
    as_written: str | None = Field(None, description="Вся ссылка на акт дословно.")
    editions: list[Edition] = Field(
        default_factory=list,
        description="Редакции: акты, которыми первоначальный акт изменён, по порядку («в ред. …»). Реквизиты "
        "выше — первоначального акта.",
    )
    source: Source | None = Field(None, description="Где акт назван.")

    @property
    def current_date(self) -> dt.date | None:
        """Date of the text in force: the latest dated edition's, else the act's own."""
        dates = [e.date for e in self.editions if e.date is not None]
        return max(dates) if dates else self.date


class LegalAct(ActCitation):
    """Акт нормативной правовой основы."""

    id: Identifier = Field(description="Идентификатор акта.")
    superseded_by: str | None = Field(None, description="Чем акт заменён, если документ это указывает.")


class Annex(ActCitation):
    """Приложение к акту об утверждении положения."""

    id: Identifier | None = Field(None, description="Необязательный идентификатор приложения.")


class DocumentKind(Vocabulary):
    """Что за документ кодирует конфигурация: полное положение или его часть."""

    regulation = "regulation"
    annex = "annex"
    indicator_table = "indicator_table"
    roadmap = "roadmap"
    concept = "concept"

    __labels__ = {
        "regulation": "положение",
        "annex": "приложение",
        "indicator_table": "таблица показателей",
        "roadmap": "комплекс мер («дорожная карта»)",
        "concept": "концепция",
    }

    @property
    def parts(self) -> frozenset[str]:
        """The parts of a full Положение a document of this kind contains (see :data:`DOCUMENT_PARTS`)."""
        return _DOCUMENT_KIND_PARTS[self]


#: Parts of a full Положение whose absence a rule may report, with their Russian names.
DOCUMENT_PARTS: dict[str, str] = {
    "legal_basis": "нормативная правовая основа",
    "structure": "структура системы: субъекты по уровням и их функции",
    "indicators": "показатели эффективности",
    "roadmap": "комплекс мер («дорожная карта»)",
    "monitoring": "порядок мониторинга",
    "agreements": "соглашения между субъектами",
}

_DOCUMENT_KIND_PARTS = {
    DocumentKind.regulation: frozenset(DOCUMENT_PARTS),
    DocumentKind.annex: frozenset(),
    DocumentKind.indicator_table: frozenset({"indicators"}),
    DocumentKind.roadmap: frozenset({"roadmap"}),
    DocumentKind.concept: frozenset({"legal_basis", "structure", "indicators"}),
}


class Jurisdiction(EfsModel):
    """Юрисдикция (регион или муниципалитет) и акт, которым принято положение."""

    id: Identifier = Field(description="Идентификатор юрисдикции, например amur.")
    name: str = Field(description="Название, как в документе.")
    level: Literal[Level.regional, Level.municipal] = Field(description="regional или municipal.")
    region: str | None = Field(None, description="Для муниципалитета — субъект РФ, в который он входит.")
    document: str = Field(description="Имя файла исходного документа; источник по умолчанию для source.")
    document_kind: DocumentKind = Field(
        DocumentKind.regulation,
        description="Что за документ: regulation (полное положение), annex (приложение), indicator_table "
        "(таблица показателей), roadmap (комплекс мер), concept (концепция). Правила о том, чего в части "
        "документа нет по её природе, к ней не применяются.",
    )
    system_name: str | None = Field(None, description="Название системы, как в документе (РСНМС, МСНМС…).")
    adopted_by: ActCitation | None = Field(None, description="Акт, которым утверждено положение.")
    annexes: list[Annex] = Field(default_factory=list, description="Приложения с их датами и номерами.")
    source: Source | None = Field(None, description="Где в документе шапка.")


class System(EfsModel):
    """Цель, задачи, принципы и направления деятельности системы."""

    goal: TextItem | None = Field(None, description="Цель системы дословно.")
    tasks: list[TextItem] = Field(default_factory=list, description="Задачи.")
    principles: list[TextItem] = Field(default_factory=list, description="Принципы.")
    approaches: list[TextItem] = Field(default_factory=list, description="Методологические подходы.")
    directions: list[TextItem] = Field(default_factory=list, description="Направления деятельности.")
    interaction_subjects: list[TextItem] = Field(
        default_factory=list, description="Предмет взаимодействия субъектов."
    )
    interaction_channels: list[TextItem] = Field(
        default_factory=list, description="Каналы взаимодействия субъектов."
    )
    notes: list[TextItem] = Field(default_factory=list, description="Прочие значимые пункты.")


class SubjectFunction(EfsModel):
    """Один пункт списка функций субъекта — дословно, с функцией каталога."""

    function: FunctionId = Field(description="Функция каталога (федерального или плагина).")
    also: list[FunctionId] = Field(
        default_factory=list,
        description="Другие функции, которые пункт называет (пункт из нескольких действий: «построение и "
        "сопровождение ИОМ…; организация взаимодействия, взаимопомощи и взаимообучения»).",
    )
    text: str = Field(description="Пункт дословно.")
    source: Source | None = Field(None, description="Где пункт находится.")

    def ids(self) -> list[str]:
        """Every function the bullet names: ``function`` first, then ``also``."""
        return [self.function, *self.also]


class Subject(EfsModel):
    """Субъект системы, как его называет документ."""

    id: Identifier = Field(description="Идентификатор субъекта.")
    number: str | None = Field(None, description="Номер пункта документа, как написан (например, «3.2.4»).")
    name: str = Field(description="Полное официальное название, как в документе.")
    short_name: str | None = Field(None, description="Сокращение или краткое название из документа.")
    aliases: list[Alias] = Field(default_factory=list, description="Другие написания, встречающиеся в документе.")
    kind: KindId = Field(description="Вид субъекта из каталога.")
    level: Level | None = Field(description="Уровень, на котором субъект стоит по документу (null — не указан).")
    host: Reference | None = Field(None, description="Организация, структурным подразделением которой является.")
    part_of: Reference | None = Field(None, description="Субъект, частью (филиалом) которого является.")
    functions: list[SubjectFunction] = Field(default_factory=list, description="Функции, пункт за пунктом.")
    notes: list[TextItem] = Field(default_factory=list, description="Прочее о субъекте (состав, статус).")
    source: Source | None = Field(None, description="Где субъект назван.")

    @model_serializer(mode="wrap")
    def _keep_level(self, handler: Any) -> Any:
        # ``level: null`` is a statement of the document ("placed at no level"), not an omission:
        # keep it even when dumping with exclude_none, so that the dump loads back.
        data = handler(self)
        if isinstance(data, dict) and "level" not in data:
            data["level"] = None
        return data

    def names(self) -> list[str]:
        """Every spelling by which the document names this subject."""
        return [n for n in (self.name, self.short_name, *(a.text for a in self.aliases)) if n]


class Actor(EfsModel):
    """Орган или организация, на которые документ ссылается, не включая их в систему."""

    id: Identifier = Field(description="Идентификатор.")
    name: str = Field(description="Название, как в документе.")
    short_name: str | None = Field(None, description="Сокращение.")
    aliases: list[Alias] = Field(default_factory=list, description="Другие написания.")
    kind: KindId | None = Field(None, description="Вид из каталога, если подходит.")
    level: Level | None = Field(None, description="Уровень, если документ его указывает.")
    role: str | None = Field(None, description="Роль, которую документ ему отводит.")
    source: Source | None = Field(None, description="Где назван.")

    def names(self) -> list[str]:
        """Every spelling by which the document names this actor."""
        return [n for n in (self.name, self.short_name, *(a.text for a in self.aliases)) if n]


class AgreementKind(Vocabulary):
    """Вид соглашения."""

    tripartite = "tripartite"
    cooperation = "cooperation"
    network = "network"
    other = "other"

    __labels__ = {
        "tripartite": "трёхстороннее соглашение",
        "cooperation": "соглашение о сотрудничестве",
        "network": "договор о сетевом взаимодействии",
        "other": "иное соглашение",
    }


class Agreement(EfsModel):
    """Соглашение (договор) между субъектами."""

    id: Identifier = Field(description="Идентификатор.")
    kind: AgreementKind = Field(description="tripartite, cooperation, network или other.")
    title: str = Field(description="Соглашение, как названо в документе.")
    parties: list[Reference] = Field(default_factory=list, description="Стороны.")
    number: str | None = Field(None, description="Номер, если указан.")
    date: dt.date | None = Field(None, description="Дата, если указана.")
    date_as_written: str | None = Field(None, description="Дата, как написана.")
    subject_matter: str | None = Field(None, description="Предмет соглашения дословно.")
    source: Source | None = Field(None, description="Где соглашение упомянуто.")


class DeadlineKind(Vocabulary):
    """Вид срока."""

    date = "date"
    period = "period"
    recurrence = "recurrence"
    unspecified = "unspecified"

    __labels__ = {
        "date": "к дате",
        "period": "в течение периода",
        "recurrence": "периодически",
        "unspecified": "срок не указан",
    }


class Frequency(Vocabulary):
    """Периодичность повторяющегося срока."""

    annually = "annually"
    semiannually = "semiannually"
    quarterly = "quarterly"
    monthly = "monthly"
    continuously = "continuously"

    __labels__ = {
        "annually": "ежегодно",
        "semiannually": "раз в полугодие",
        "quarterly": "ежеквартально",
        "monthly": "ежемесячно",
        "continuously": "постоянно",
    }


class Deadline(EfsModel):
    """Срок исполнения: дословно и нормализованно."""

    as_written: str = Field(description="Срок, как в документе.")
    kind: DeadlineKind = Field(description="date, period, recurrence или unspecified.")
    date: dt.date | None = Field(None, description="Для date: крайний срок.")
    start: dt.date | None = Field(None, description="Для period и recurrence: начало.")
    end: dt.date | None = Field(None, description="Для period и recurrence: конец (последний срок).")
    frequency: Frequency | None = Field(
        None, description="Для recurrence: периодичность."
    )
    on: list[str] = Field(
        default_factory=list, description="Для recurrence: даты внутри периода в формате ММ-ДД."
    )


class Measure(EfsModel):
    """Мероприятие дорожной карты (комплекса мер)."""

    id: Identifier = Field(description="Идентификатор мероприятия.")
    number: str | None = Field(None, description="Номер, как в документе (null — строка без номера).")
    direction: str | None = Field(None, description="Направление, под которым стоит строка, дословно.")
    group: str | None = Field(None, description="Группа (подраздел), под которой стоит строка, дословно.")
    text: str = Field(description="Наименование мероприятия дословно.")
    responsible: list[Reference] = Field(default_factory=list, description="Ответственные.")
    co_executors: list[Reference] = Field(default_factory=list, description="Соисполнители.")
    deadline: Deadline | None = Field(None, description="Срок.")
    result: str | None = Field(None, description="Ожидаемый результат дословно.")
    indicators: Annotated[list[Link], catalogue("indicators")] = Field(
        default_factory=list, description="Показатели, которым служит мероприятие."
    )
    functions: Annotated[list[Link], catalogue("functions")] = Field(
        default_factory=list, description="Функции, которым служит мероприятие."
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Пороги показателей, записанные в графе результата."
    )
    done: dt.date | None = Field(
        None, description="Когда исполнение мероприятия отмечено в отчёте (пусто — не отмечено)."
    )
    source: Source | None = Field(None, description="Где строка находится.")


class Monitoring(EfsModel):
    """Порядок мониторинга эффективности системы."""

    frequency: str | None = Field(None, description="Периодичность дословно.")
    times_per_year: float | None = Field(None, ge=0, description="Сколько раз в год (нормализовано).")
    methods: list[TextItem] = Field(default_factory=list, description="Методы.")
    sources: list[TextItem] = Field(default_factory=list, description="Источники данных.")
    responsible: list[Reference] = Field(default_factory=list, description="Кто проводит.")
    outputs: list[TextItem] = Field(default_factory=list, description="Что получается в итоге.")
    notes: list[TextItem] = Field(default_factory=list, description="Прочие пункты о мониторинге.")
    source: Source | None = Field(None, description="Где мониторинг описан.")


class GlossaryTerm(EfsModel):
    """Термин глоссария."""

    term: str = Field(description="Термин дословно.")
    definition: str = Field(description="Определение дословно.")
    source: Source | None = Field(None, description="Где термин определён.")


class Suppression(EfsModel):
    """Осознанное подавление правила проверки с причиной."""

    rule: Annotated[str, catalogue("rules")] = Field(description="Код или имя правила (EFS101, missing-target-year).")
    items: list[str] = Field(default_factory=list, description="Идентификаторы элементов; пусто — все.")
    reason: str = Field(min_length=1, description="Почему это местный осознанный выбор.")


class PluginRequirement(ShorthandModel):
    """Плагин, нужный конфигурации (строка — его имя)."""

    __shorthand__ = "name"

    name: Annotated[str, catalogue("plugins")] = Field(description="Имя плагина (точка входа efs.plugins).")
    distribution: str | None = Field(None, description="Дистрибутив, который его предоставляет.")


class Configuration(EfsModel):
    """Положение одной юрисдикции целиком."""

    format_version: Annotated[Literal[1], NotBool] = Field(description="Версия формата; сейчас 1.")
    jurisdiction: Jurisdiction = Field(description="Юрисдикция и акт об утверждении положения.")
    plugins: list[PluginRequirement] = Field(default_factory=list, description="Нужные плагины.")
    legal_basis: list[LegalAct] = Field(default_factory=list, description="Нормативная правовая основа по порядку.")
    system: System = Field(default_factory=System, description="Цель, задачи, принципы, направления.")
    subjects: list[Subject] = Field(default_factory=list, description="Субъекты системы.")
    actors: list[Actor] = Field(default_factory=list, description="Органы, на которые документ ссылается.")
    functions: list[Function] = Field(default_factory=list, description="Собственные функции конфигурации.")
    indicators: list[IndicatorDefinition] = Field(default_factory=list, description="Показатели эффективности.")
    agreements: list[Agreement] = Field(default_factory=list, description="Соглашения.")
    roadmap: list[Measure] = Field(default_factory=list, description="Мероприятия дорожной карты.")
    monitoring: Monitoring | None = Field(None, description="Порядок мониторинга.")
    glossary: list[GlossaryTerm] = Field(default_factory=list, description="Глоссарий.")
    suppressions: list[Suppression] = Field(default_factory=list, description="Подавленные правила с причинами.")

    _file: str | None = PrivateAttr(default=None)
    _locations: dict[tuple[str | int, ...], tuple[int, int]] = PrivateAttr(default_factory=dict)

    @property
    def file(self) -> str | None:
        """File the configuration was loaded from, if any."""
        return self._file

    def location_of(self, path: tuple[str | int, ...]) -> Any:
        """Location of the node at ``path``, or of its nearest enclosing node present in the file."""
        from efs.errors import Location

        probe = tuple(path)
        while True:
            if probe in self._locations:
                line, column = self._locations[probe]
                return Location(self._file, line, column, tuple(path))
            if not probe:
                return Location(self._file, 1 if self._file else None, 1 if self._file else None, tuple(path))
            probe = probe[:-1]
