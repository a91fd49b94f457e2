"""Every message a user can see is Russian: libyaml's and PyYAML's problems, pydantic's error types, enum
values, store and connection errors. Each known error class is fed in; an English or ASCII-only message
fails the test.

The lists of English originals below are the oracle: they were taken from the libraries' sources
(libyaml ``src/scanner.c``, ``parser.c``, ``reader.c``, ``loader.c``; PyYAML ``lib/yaml/scanner.py``,
``parser.py``, ``composer.py``, ``reader.py``) and from pydantic-core's ``ErrorType``, not from efs.
"""

from __future__ import annotations

import re
import typing

import pytest
import yaml

from efs.errors import ConfigurationError

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}\b")


def assert_russian(text: str) -> None:
    """Russian, with no English sentence outside quotes or the «сообщение …: original» parentheses."""
    assert CYRILLIC.search(text), f"нет ни одной русской буквы: {text!r}"
    outside = re.sub(r"«[^»]*»|\((?:исходное )?сообщение[^)]*\)", "", text)
    found = ENGLISH.search(outside)
    assert found is None, f"английский текст «{found.group() if found else ''}» в: {text!r}"


LIBYAML = [
    "Maximum nesting level reached, set with yaml_set_max_nest_level())",
    "block sequence entries are not allowed in this context", "control characters are not allowed",
    "could not find expected ':'", "could not find expected directive name", "did not find URI escaped octet",
    "did not find expected '!'", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
    "did not find expected '-' indicator", "did not find expected <document start>",
    "did not find expected <stream-start>", "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break", "did not find expected digit or '.' character",
    "did not find expected hexdecimal number", "did not find expected key", "did not find expected node content",
    "did not find expected tag URI", "did not find expected version number", "did not find expected whitespace",
    "did not find expected whitespace or line break", "did not find the expected '>'",
    "expected low surrogate area", "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected", "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet", "found an indentation indicator equal to 0",
    "found character that cannot start any token", "found duplicate %TAG directive",
    "found duplicate %YAML directive", "found duplicate anchor; first occurrence",
    "found extremely long version number", "found incompatible YAML document",
    "found invalid Unicode character escape code", "found undefined alias", "found undefined tag handle",
    "found unexpected ':'", "found unexpected document indicator", "found unexpected end of stream",
    "found unexpected non-alphabetical character", "found unknown directive name", "found unknown escape character",
    "incomplete UTF-16 character", "incomplete UTF-16 surrogate pair", "incomplete UTF-8 octet sequence",
    "input error", "input is too long", "invalid Unicode character", "invalid leading UTF-8 octet",
    "invalid length of a UTF-8 sequence", "invalid trailing UTF-8 octet",
    "mapping keys are not allowed in this context", "mapping values are not allowed in this context",
    "second occurrence", "unexpected low surrogate area", "memory error",
]
PYYAML = [
    "could not find expected ':'", "duplicate tag handle '!x!'", "expected ' ', but found 'x'",
    "expected '!', but found 'x'", "expected ',' or ']', but got '<scalar>'", "expected ',' or '}', but got '<scalar>'",
    "expected '<document start>', but found '<scalar>'", "expected '>', but found 'x'",
    "expected <block end>, but found '<scalar>'",
    "expected URI escape sequence of 2 hexadecimal numbers, but found 'x'",
    "expected URI, but found 'x'", "expected a comment or a line break, but found 'x'",
    "expected a digit or ' ', but found 'x'", "expected a digit or '.', but found 'x'",
    "expected a digit, but found 'x'",
    "expected a single document in the stream", "expected alphabetic or numeric character, but found 'x'",
    "expected chomping or indentation indicators, but found 'x'",
    "expected escape sequence of 4 hexadecimal numbers, but found 'x'",
    "expected indentation indicator in the range 1-9, but found 0", "expected non-empty name appended to the tag",
    "expected the empty value, but found '<scalar>'", "expected the node content, but found '<scalar>'",
    "found character '@' that cannot start any token", "found character '\\t' that cannot start any token",
    "found duplicate YAML directive", "found duplicate anchor 'a'; first occurrence",
    "found incompatible YAML document (version 1.* is required)", "found non-specific tag '!'",
    "found undefined alias 'a'", "found undefined tag handle '!x!'", "found unexpected document separator",
    "found unexpected end of stream", "found unknown escape character 'q'", "mapping keys are not allowed here",
    "mapping values are not allowed here", "second occurrence", "special characters are not allowed",
    "unacceptable character #x0001: special characters are not allowed",
    "'utf-8' codec can't decode byte #xff: invalid start byte", "exceeded maximum nesting depth",
]


@pytest.mark.parametrize("problem", sorted(set(LIBYAML + PYYAML)))
def test_every_libyaml_and_pyyaml_problem_has_russian_text(problem):
    from efs.yamlsafe import _syntax_message

    exc = yaml.MarkedYAMLError(problem=problem)
    message = _syntax_message(exc)
    assert "разборщик не смог прочитать" not in message, f"нет перевода для «{problem}»"
    assert_russian(message)


# Real files: each produces its error in libyaml and in PyYAML's pure-Python parser alike.
SNIPPETS = {
    "a: b: c\n": "двоеточие здесь недопустимо",
    "a: 'x\n": "не закрыта кавычка",
    "a:\n\t- b\n": "табуляции",
    "a: [1, 2\nb: 3\n": "«,» или «]»",
    "a: {x: 1\n": "«,» или «}»",
    "a: &x 1\nb: *y\n": "неопределённый якорь",
    "a: \"\\q\"\n": "escape-последовательность",
    "a: @x\n": "недопустимый символ в начале значения",
    "- a\nb: c\n": "ожидался",
    "a:\n  - b\n c: d\n": "отступ",
    "a: |0\n  x\n": "от 1 до 9",
    "%YAML 2.0\n---\na: 1\n": "другой версии YAML",
    "a: !<x\n": "тег",
    "a: 1\n--- x\n...\nb\n": "несколько документов",
    "? [a]\n: b\n": "ключ отображения должен быть простым",
}


@pytest.mark.parametrize("loader", ["libyaml", "pure"])
@pytest.mark.parametrize("text", list(SNIPPETS))
def test_yaml_errors_from_real_files_are_russian_and_located(text, loader, monkeypatch):
    from efs import yamlsafe

    if loader == "pure":
        monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML без libyaml")
    with pytest.raises(ConfigurationError) as err:
        yamlsafe.parse_yaml(text, "f.yaml")
    for problem in err.value.problems:
        assert problem.location.line is not None
        assert_russian(problem.message)
        assert "разборщик не смог прочитать" not in problem.message, problem.message
    assert any(SNIPPETS[text] in p.message for p in err.value.problems), [p.message for p in err.value.problems]


def _error(etype: str) -> dict:
    ctx = {"gt": 1, "ge": 1, "lt": 9, "le": 9, "multiple_of": 2, "min_length": 1, "max_length": 5, "pattern": "x",
           "expected": "'a' or 'b'", "error": "bad thing happened", "attribute": "x", "tag": "t",
           "expected_tags": "'a', 'b'", "discriminator": "kind", "max_digits": 3, "decimal_places": 2,
           "whole_digits": 1, "expected_schemes": "'http'", "encoding": "utf-8", "class_name": "X"}
    return {"type": etype, "loc": ("x",), "msg": f"Some English text about {etype}", "input": "v", "ctx": ctx}


@pytest.mark.parametrize("etype", typing.get_args(__import__("pydantic_core").core_schema.ErrorType))
def test_every_pydantic_error_type_has_russian_text(etype):
    from efs.messages import PYDANTIC, pydantic_message

    assert etype in PYDANTIC
    message = pydantic_message(_error(etype))
    assert "{" not in message and "Some English" not in message
    assert_russian(message)


def test_an_unknown_error_type_is_a_russian_sentence_with_the_original():
    from efs.messages import pydantic_message

    message = pydantic_message({"type": "brand_new", "msg": "Keys should be strings", "input": 1})
    assert message == "недопустимое значение (сообщение проверки: Keys should be strings)"
    assert_russian(message)


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (("  level: municipal\n", "  level: regionl\n"), "regional (региональный), municipal (муниципальный)"),
        (("    level: municipal\n", "    level: federl\n"), "federal (федеральный)"),
        (("format_version: 1\n", "format_version: 1\nextra_key: 1\n"), "неизвестный ключ «extra_key»"),
        (("number: \"1\"\n", "number: [3, 1]\n"), "ожидается строка, а указано: список"),
        (("value: 70,", "value: .inf,"), "нужно конечное число"),
        (("  id: moy\n", "  id: 1\n"), "ожидается строка"),
    ],
)
def test_schema_errors_are_russian_and_name_enum_values_in_russian(patch, expected, tmp_path, registry):
    from efs.loading import load_configuration
    from efs.skeleton import skeleton

    text = skeleton("moy", "municipal")
    old, new = patch
    assert old in text, f"заготовка efs new config больше не содержит {old!r}: поправьте правку теста"
    (tmp_path / "c.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigurationError) as err:
        load_configuration(tmp_path / "c.yaml", registry=registry)
    text_out = "\n".join(p.message for p in err.value.problems)
    assert "<Level" not in text_out and "Input should" not in text_out
    assert expected in text_out, text_out
    for p in err.value.problems:
        assert_russian(p.message)


def test_a_dict_configuration_names_the_path_once(registry):
    from efs.loading import load_configuration

    with pytest.raises(ConfigurationError) as err:
        load_configuration({"format_version": 1, "jurisdiction": {"id": "x", "name": "X", "level": "regionl"}},
                           registry=registry)
    shown = [str(p) for p in err.value.problems]
    assert all(s.count("jurisdiction.level") <= 1 for s in shown), shown


# --------------------------------------------------------------------------------- stores and drivers

SQLITE = ["database is locked", "database table is locked", "database or disk is full",
          "attempt to write a readonly database", "unable to open database file", "file is not a database",
          "database disk image is malformed", "disk I/O error", "no such table: staff"]
PG_CONNECT = [
    'connection failed: connection to server at "127.0.0.1", port 5433 failed: Connection refused\n'
    "\tIs the server running on that host and accepting TCP/IP connections?",
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "x" does not exist',
    'connection failed: FATAL:  role "bob" does not exist',
    'connection failed: FATAL:  password authentication failed for user "bob"',
    "connection failed: fe_sendauth: no password supplied",
    'could not translate host name "nohost" to address: Name or service not known',
    "connection failed: timeout expired",
    'connection failed: FATAL:  no pg_hba.conf entry for host "1.2.3.4", user "bob", database "x"',
    'connection failed: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file or '
    "directory\n\tIs the server running locally and accepting connections on that socket?",
    "connection failed: FATAL:  sorry, too many clients already",
    "connection failed: FATAL:  the database system is starting up",
    "something nobody has seen before",
]


@pytest.mark.parametrize("text", SQLITE)
def test_sqlite_faults_are_russian(text):
    import sqlite3

    from efs.faults import connection_message, describe

    assert_russian(connection_message(sqlite3.OperationalError(text), "sqlite:///s.sqlite"))
    assert_russian(describe(sqlite3.OperationalError(text)) or "")


@pytest.mark.parametrize("text", PG_CONNECT)
def test_postgresql_connection_errors_say_which_url_and_what_to_check(text):
    from efs.faults import connection_message

    message = connection_message(Exception(text), "postgresql+psycopg://bob@127.0.0.1:5433/x")
    assert "postgresql+psycopg://bob@127.0.0.1:5433/x" in message
    assert "проверьте" in message or "создайте" in message or "повторите" in message or "запустите" in message
    assert_russian(message)


@pytest.mark.parametrize(
    "state", ["22003", "22001", "22021", "22P05", "53100", "53200", "53300", "25006", "42501", "40001", "40P01",
              "55P03", "57014", "57P01", "57P03", "08006", "08001", "3D000", "28P01", "28000", "XX000"],
)
def test_postgresql_errors_by_sqlstate_are_russian(state):
    from efs.faults import describe

    class PgError(Exception):
        sqlstate = state
        __module__ = "psycopg.errors"

    assert_russian(describe(PgError("ERROR: something in English went quite wrong here")) or "")


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EFBIG", "EROFS", "EACCES", "EDQUOT", "EIO", "EMFILE", "ENOENT"])
def test_operating_system_errors_are_russian(errno_name):
    import errno

    from efs.faults import describe

    code = getattr(errno, errno_name)
    assert_russian(describe(OSError(code, "No space left on device or similar", "/tmp/x")) or "")


def test_csv_module_errors_are_russian(tmp_path):
    from efs.data.readers import read_csv
    from efs.errors import DataError

    path = tmp_path / "q.csv"
    path.write_text('a;b\n"x;y\n', encoding="utf-8")
    sheet = read_csv(path)
    with pytest.raises(DataError) as err:
        list(sheet.rows)
    assert_russian(str(err.value))
