"""Every hook efs calls. This module is the plugin author's manual: ``docs/plugins.md`` is generated from
the docstrings below (``python -m efs.hookdocs docs/plugins.md``; a test keeps it current).

A plugin is a module (or object) with functions decorated by :data:`hookimpl` (import it from
:mod:`efs.plugin`) and named after the hooks below, registered through the entry-point group
``efs.plugins``. Hooks are called with keyword arguments only and return plain data: lists of efs models;
``[]`` (or not implementing the hook) adds nothing. Every returned item is stamped with the plugin's
provenance; two plugins returning the same id is an error unless one names the other in ``overrides``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from efs.conformance.rules import Rule
    from efs.documents import DocumentInfo
    from efs.formats import OutputFormat
    from efs.model import Function, IndicatorDefinition, SubjectKind
    from efs.model.formula import Formula
    from efs.registry import JurisdictionInfo

PROJECT_NAME = "efs"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def efs_subject_kinds() -> list[SubjectKind]:
    """Виды субъектов, которые плагин добавляет в каталог.

    Возвращает список :class:`SubjectKind`: у каждого вида — `id`, русское название (`name`), уровни, на
    которых может стоять субъект этого вида (`levels`), и роли федеральной концепции, которые он может
    исполнять (`fills_roles`: например, филиал ЦНППМ `cnppm_branch` исполняет роль `cnppm`). Субъект
    конфигурации называет вид в `kind`. `[]` — ничего не добавляет.

    С версии: 0.1
    """
    return []


@hookspec
def efs_functions() -> list[Function]:
    """Функции субъектов сверх федерального каталога.

    Возвращает список :class:`Function`: `id`, русское название, описание и, если функция обязательна по
    концепции, уровни (`required_at`) с источником (`source`). Пункт функций субъекта в конфигурации
    называет функцию в `function` (и `also`). `[]` — ничего не добавляет.

    С версии: 0.1
    """
    return []


@hookspec
def efs_indicators() -> list[IndicatorDefinition]:
    """Определения показателей, которые плагин поставляет (ядро так поставляет федеральные).

    Возвращает список :class:`IndicatorDefinition` с целевыми значениями и id формулы. Показателям,
    записанным в конфигурации, этот хук не нужен. `[]` — ничего не добавляет.

    С версии: 0.1
    """
    return []


@hookspec
def efs_formulas() -> list[Formula]:
    """Формулы показателей: из строительных блоков или функции на Python.

    Возвращает список :class:`Formula`: `id` (на него ссылается `formula` показателя), русское название,
    тело — `blocks` (строительные блоки, как в конфигурации) или `python` («модуль:функция», см. «Формулы на
    Python»), выбранное прочтение формулировки документа (`reading`). `efs validate` импортирует модуль
    формулы на Python и сообщает об опечатке в пути (EFS168). `[]` — ничего не добавляет.

    С версии: 0.1
    """
    return []


@hookspec
def efs_conformance_rules() -> list[Rule]:
    """Правила проверки, которые добавляет плагин.

    Возвращает список :class:`Rule`: код с собственным префиксом плагина (`TYU001`), читаемое имя (`slug`),
    уровень, название, обоснование, рекомендация и проверка `check(ctx)`, которая возвращает находки
    (`ctx.finding(path, message, source=…, item=…)` — находка, привязанная к узлу конфигурации). efs
    запускает правила плагина только на конфигурациях, которые требуют этот плагин (`plugins:`): своя
    проверка «моя ли это конфигурация» правилу не нужна. Правило о части полного положения объявляет её в
    `requires` и не запускается на части документа, где её нет по природе. `[]` — ничего не добавляет.

    С версии: 0.1
    """
    return []


@hookspec
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """Юрисдикции, которые обслуживает плагин, и их конфигурации.

    Возвращает список :class:`JurisdictionInfo`: `id` (его принимает командная строка: `efs validate
    myregion`), русское название и путь к конфигурации, установленной вместе с плагином
    (`Path(__file__).parent / "config" / "myregion.yaml"` или `bundled_configuration("efs_myregion",
    "myregion.yaml")`). `[]` — не обслуживает ни одной.

    С версии: 0.1
    """
    return []


@hookspec
def efs_documents() -> list[DocumentInfo]:
    """Документы, которые поставляет плагин: положение, которое кодирует его конфигурация, и другие, на
    которые ссылаются её источники.

    Возвращает список :class:`DocumentInfo`: `name` — имя, под которым документ называют источники
    (`jurisdiction.document`, `source.document`), `path` — файл внутри пакета (`Path(__file__).parent /
    "documents" / "myregion.txt"`; DOCX, ODT, HTML или TXT), `title` — что это за документ, по-русски. Когда
    документ под рукой, `efs validate` сверяет с ним каждый `source.line` и каждый дословный текст
    (EFS020–EFS023). `[]` — не поставляет ни одного.

    С версии: 0.2
    """
    return []


@hookspec
def efs_output_formats() -> list[OutputFormat]:
    """Форматы вывода, которые добавляет плагин: находок проверки, показателей, отчёта, сравнения, паспорта.

    Возвращает список :class:`OutputFormat` (`from efs.plugin import OutputFormat`): `kind` — что формат
    выводит (`validation` — находки `efs validate`, `indicators` — результаты `efs indicators`, `report` —
    аналитическая справка `efs report`, `diff` — сравнение `efs diff`, `passport` — паспорт системы
    `efs passport`), `name` — значение `--format`, русское название `title`, функция `render` (получает
    результат: для `validation` — объект `Validation` с `results`, `as_of`, `registry` и `as_dict()`, для
    `indicators` — `IndicatorRun` с `results`, `synthetic` и `set_aside`, для `report`, `diff` и `passport` — данные в
    форме их JSON) и возвращает текст или, с `binary=True`,
    байты; `suffixes` — расширения файла (по ним `efs report -o отчёт.pdf` выбирает формат), `media_type` —
    тип для загрузки из веб-интерфейса. Формат плагина появляется среди вариантов `--format` своей команды
    и среди ссылок на загрузку; форматы ядра — такие же записи этого хука. Два формата одного вида с одним
    именем — ошибка, если один не называет другой в `overrides`. `[]` — ничего не добавляет.

    С версии: 0.3
    """
    return []
