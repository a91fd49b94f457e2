"""Faults of the machine and of the store, in Russian: the one translation table.

A full disk, a read-only file system, a store locked by another process, a file that is not a
SQLite database, a PostgreSQL server that does not answer, a number the store cannot hold — each
becomes a sentence saying what happened and what to check, instead of the driver's English and a
traceback. :func:`describe` is used by :func:`efs.data.store.open_store` (connection errors, with
the URL) and by the CLI for anything that escapes a command (exit code 2).

Unknown driver messages are not dropped: they come as a Russian sentence with the original in
parentheses.
"""

from __future__ import annotations

import re
from typing import Any

from efs.safeio import os_reason

#: SQLite's messages (``sqlite3`` passes the C library's text through) → what to tell the user.
SQLITE: list[tuple[str, str]] = [
    ("database is locked",
     "хранилище SQLite занято другой программой (база заблокирована): дождитесь окончания другой команды "
     "efs с этим файлом (или закройте программу, открывшую его) и повторите; ничего не записано"),
    ("database table is locked", "таблица хранилища SQLite заблокирована другой операцией; повторите команду"),
    ("database or disk is full",
     "на диске нет места для хранилища SQLite (или файл достиг предельного размера); ничего не записано — "
     "освободите место и повторите"),
    ("attempt to write a readonly database",
     "хранилище открыто только для чтения: нет прав на запись в файл хранилища или в его каталог "
     "(SQLite создаёт рядом файлы -wal и -shm) — проверьте права"),
    ("readonly database", "хранилище доступно только для чтения: проверьте права на файл и каталог"),
    ("unable to open database file",
     "не удалось открыть файл хранилища SQLite: нет каталога, нет прав на файл или каталог, или это не файл"),
    ("file is not a database",
     "файл не является хранилищем SQLite (это другой файл или он повреждён): проверьте путь в --db или EFS_DB"),
    ("file is encrypted or is not a database", "файл не является хранилищем SQLite (или зашифрован)"),
    ("database disk image is malformed",
     "файл хранилища SQLite повреждён: восстановите его из резервной копии"),
    ("disk I/O error", "ошибка ввода-вывода диска при работе с хранилищем SQLite: проверьте диск и место на нём"),
    ("too many SQL variables", "слишком большой запрос к хранилищу SQLite"),
    ("interrupted", "операция с хранилищем прервана"),
    ("no such table", "в хранилище нет нужной таблицы: оно не инициализировано или создано не efs (efs db init)"),
]

#: PostgreSQL SQLSTATE codes → what to tell the user.
SQLSTATE: dict[str, str] = {
    "22003": "число вне диапазона, который допускает столбец хранилища",
    "22001": "текст длиннее, чем допускает столбец хранилища",
    "22021": "в тексте недопустимый для кодировки хранилища символ",
    "22P05": "в тексте символ, который PostgreSQL не хранит (например, нулевой байт)",
    "53100": "на сервере PostgreSQL кончилось место на диске; ничего не записано",
    "53200": "серверу PostgreSQL не хватило памяти",
    "53300": "у сервера PostgreSQL слишком много соединений: повторите позже",
    "25006": "сервер PostgreSQL принимает только чтение (реплика или режим только для чтения)",
    "42501": "у пользователя PostgreSQL нет прав на эту операцию (GRANT на схему и таблицы)",
    "40001": "конфликт с другой одновременной командой: повторите",
    "40P01": "взаимная блокировка с другой одновременной командой: повторите",
    "55P03": "таблица занята другой командой: повторите позже",
    "57014": "запрос к PostgreSQL отменён (превышено время ожидания или отмена)",
    "57P01": "сервер PostgreSQL завершает работу",
    "57P03": "сервер PostgreSQL ещё запускается: повторите через минуту",
    "08006": "соединение с сервером PostgreSQL потеряно",
    "08001": "не удалось установить соединение с сервером PostgreSQL",
    "3D000": "такой базы данных на сервере PostgreSQL нет",
    "28P01": "неверный пароль пользователя PostgreSQL",
    "28000": "сервер PostgreSQL не разрешает вход этому пользователю (pg_hba.conf)",
}

_PG_CONNECT: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Connection refused"),
     "сервер не принимает соединения: проверьте, что PostgreSQL запущен, слушает TCP/IP на этом адресе и порту "
     "(listen_addresses, port) и что порт в URL верный"),
    (re.compile(r'database "(?P<x>[^"]+)" does not exist'),
     "базы данных «{x}» на сервере нет: создайте её (createdb {x}) или исправьте имя в URL"),
    (re.compile(r'role "(?P<x>[^"]+)" does not exist'),
     "пользователя (роли) «{x}» на сервере нет: проверьте имя пользователя в URL"),
    (re.compile(r'password authentication failed for user "(?P<x>[^"]+)"'),
     "неверный пароль пользователя «{x}»: проверьте пароль в URL или в ~/.pgpass"),
    (re.compile(r"no password supplied|fe_sendauth"),
     "сервер требует пароль, а он не указан: проверьте URL — добавьте пароль (postgresql://user:пароль@…) "
     "или запишите его в ~/.pgpass"),
    (re.compile(r"could not translate host name \"?(?P<x>[^\" ]+)|Name or service not known|nodename nor servname"),
     "имя сервера не найдено (DNS): проверьте адрес в URL"),
    (re.compile(r"timeout expired|timed out"),
     "сервер не ответил вовремя: проверьте адрес, сеть и брандмауэр"),
    (re.compile(r"no pg_hba.conf entry"),
     "сервер не разрешает вход с этого адреса этому пользователю: проверьте pg_hba.conf сервера (нужна строка "
     "для этого адреса, пользователя и базы)"),
    (re.compile(r"No such file or directory.*socket|Is the server running locally"),
     "локальный сервер PostgreSQL не запущен (нет сокета): запустите его или укажите адрес host в URL"),
    (re.compile(r"SSL"), "не удалось установить защищённое соединение (SSL): проверьте sslmode в URL"),
    (re.compile(r"too many clients|remaining connection slots"),
     "у сервера PostgreSQL слишком много соединений: повторите позже"),
    (re.compile(r"the database system is starting up"), "сервер PostgreSQL ещё запускается: повторите через минуту"),
    (re.compile(r"the database system is shutting down"), "сервер PostgreSQL завершает работу"),
]


def _first_line(text: str) -> str:
    return " ".join(str(text).split())[:300]


def sqlite_message(text: str) -> str | None:
    """The Russian text for one of SQLite's messages, or ``None``."""
    for needle, russian in SQLITE:
        if needle in text:
            return russian
    return None


def connection_message(orig: BaseException, url: str) -> str:
    """Why the store at ``url`` could not be reached, and what to check (PostgreSQL or SQLite)."""
    text = str(orig)
    lite = sqlite_message(text)
    if lite is not None:
        return f"хранилище {url}: {lite}"
    for pattern, russian in _PG_CONNECT:
        m = pattern.search(text)
        if m is not None:
            return f"не удалось подключиться к хранилищу {url}: " + russian.format(**m.groupdict())
    return (f"не удалось подключиться к хранилищу {url}: проверьте адрес, порт, имя базы, пользователя и пароль "
            f"в URL (сообщение драйвера: {_first_line(text)})")


def _sqlstate(orig: Any) -> str | None:
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return str(state) if state else None


def describe(exc: BaseException) -> str | None:
    """A Russian message for a fault of the machine or the store; ``None`` when ``exc`` is not one."""
    if isinstance(exc, MemoryError):
        return ("не хватило оперативной памяти: уменьшите объём работы (меньше --staff, меньше файлов за раз) "
                "или освободите память")
    if isinstance(exc, RecursionError):
        return "слишком глубокая вложенность данных: обработка остановлена"
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"ошибка ввода-вывода{where}: {os_reason(exc)}"
    module = type(exc).__module__.split(".")[0]
    if module == "sqlalchemy":
        orig = getattr(exc, "orig", None)
        if orig is None:
            cause = exc.__cause__ or exc.__context__
            if cause is not None and cause is not exc:
                inner = describe(cause)
                if inner is not None:
                    return inner
            return f"ошибка хранилища ({_first_line(str(exc))})"
        return _driver(orig)
    if module in ("sqlite3", "psycopg", "psycopg2"):
        return _driver(exc)
    if isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc):
        return "число слишком велико для хранилища SQLite (больше 64 бит); ничего не записано"
    return None


def _driver(orig: BaseException) -> str:
    text = str(orig)
    if isinstance(orig, OverflowError) or "too large to convert to SQLite INTEGER" in text:
        return "число слишком велико для хранилища SQLite (больше 64 бит); ничего не записано"
    lite = sqlite_message(text)
    if lite is not None:
        return lite
    state = _sqlstate(orig)
    if state in SQLSTATE:
        return f"{SQLSTATE[state]} (PostgreSQL, код {state})"
    if "cannot contain NUL" in text:
        return "в тексте нулевой байт (NUL), который PostgreSQL не хранит; ничего не записано"
    for pattern, russian in _PG_CONNECT:
        m = pattern.search(text)
        if m is not None:
            return "хранилище PostgreSQL: " + russian.format(**m.groupdict())
    return f"ошибка хранилища; ничего не записано (сообщение драйвера {type(orig).__name__}: {_first_line(text)})"
