"""Loading: every error located (line and column), all errors in one run, exact reference resolution."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from efs.errors import ConfigurationError
from efs.loading import load_configuration

HEAD = """\
format_version: 1
jurisdiction:
  id: x
  name: Образцовый район
  level: municipal
  document: d.txt
"""

SUBJECTS = """\
subjects:
  - id: uo
    name: Управление образования
    short_name: УО
    aliases: ['Управление образования «Района»']
    kind: municipal_authority
    level: municipal
  - id: mms
    name: Муниципальная методическая служба
    short_name: ММС
    kind: municipal_methodical_service
    level: municipal
    host: uo
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path_or_dict, registry) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(ConfigurationError) as err:
        load_configuration(path_or_dict, registry=registry)
    return [(p.location.line, p.location.column, p.message) for p in err.value.problems]


def test_unknown_key_is_located_with_did_you_mean(tmp_path, registry):
    path = write(tmp_path, HEAD + "  regoin: Республика Алтай\n")
    [(line, col, msg)] = problems(path, registry)
    assert (line, col) == (7, 3)
    assert "«regoin»" in msg and "«region»" in msg


def test_all_schema_errors_of_a_file_are_reported_in_one_run(tmp_path, registry):
    path = write(tmp_path, HEAD + SUBJECTS.replace("level: municipal\n  - id: mms", "level: muncipal\n  - id: mms")
                 + "    number: 5\n")
    found = problems(path, registry)
    assert [(line, col) for line, col, _ in found] == [(13, 5), (20, 5)]  # level: muncipal; number: 5
    assert any("muncipal" in m and "municipal" in m for _, _, m in found)
    assert any("ожидается строка" in m for _, _, m in found)
    assert len(found) == 2


def test_missing_required_field_points_at_the_enclosing_node(tmp_path, registry):
    path = write(tmp_path, HEAD.replace("  document: d.txt\n", ""))
    [(line, col, msg)] = problems(path, registry)
    assert (line, col) == (2, 1)
    assert "«document»" in msg


def test_duplicate_key_and_schema_error_are_reported_together(tmp_path, registry):
    path = write(tmp_path, HEAD + "  name: Другое\n  level: bad\n")
    found = problems(path, registry)
    assert any("повторяется" in m and line == 7 for line, _, m in found)
    assert len(found) == 2  # name and level repeated; the first value is kept, so «bad» is never used


def test_reference_written_as_id_that_matches_nothing_is_a_load_error(tmp_path, registry):
    path = write(tmp_path, HEAD + SUBJECTS.replace("host: uo", "host: uoo"))
    [(line, col, msg)] = problems(path, registry)
    assert (line, col) == (19, 5)
    assert "«uoo»" in msg and "«uo»" in msg


def test_unknown_kind_and_function_are_load_errors_with_suggestions(tmp_path, registry):
    text = HEAD + SUBJECTS.replace("kind: municipal_methodical_service", "kind: municipal_methodical_servce")
    text += "    functions:\n      - {function: mentorng, text: наставничество}\n"
    found = problems(write(tmp_path, text), registry)
    msgs = " ".join(m for _, _, m in found)
    assert "municipal_methodical_service" in msgs and "«mentoring»" in msgs


def test_duplicate_ids_are_reported_at_the_second_one(tmp_path, registry):
    text = HEAD + SUBJECTS.replace("id: mms", "id: uo")
    [(line, col, msg)] = problems(write(tmp_path, text), registry)
    assert (line, col) == (14, 5)
    assert "уже занят" in msg


def _with_measure(responsible: str) -> str:
    return HEAD + SUBJECTS + textwrap.dedent(f"""\
        roadmap:
          - id: m1
            text: Проведён мониторинг
            responsible: [{responsible}]
        """)


@pytest.mark.parametrize(
    ("written", "resolved"),
    [
        ("mms", "mms"),  # an id
        ("Муниципальная методическая служба", "mms"),  # the name, exactly
        ("ММС", "mms"),  # the short name
        ("Управление  образования 'Района'", "uo"),  # alias, after whitespace/quote normalisation
        ("Муниципальная методическая служба района", None),  # near miss: kept unresolved, never guessed
        ("муниципальная методическая служба", None),  # case differs: not an exact match
    ],
)
def test_text_references_resolve_only_by_exact_match(tmp_path, registry, written, resolved):
    config = load_configuration(write(tmp_path, _with_measure(f'"{written}"')), registry=registry)
    ref = config.roadmap[0].responsible[0]
    assert ref.id == resolved
    assert ref.as_written == written


def test_dict_configuration_gets_the_same_messages_located_by_path(registry):
    data = {
        "format_version": 1,
        "jurisdiction": {"id": "x", "name": "X", "level": "municipal", "document": "d.txt"},
        "subjects": [{"id": "a", "name": "A", "kind": "municipal_authority", "level": "munic"}],
    }
    [(line, _, msg)] = problems(data, registry)
    assert line is None
    assert msg.startswith("subjects[0].level: недопустимое значение «munic»")


def test_source_document_defaults_to_the_jurisdiction_document(tmp_path, registry):
    text = HEAD + SUBJECTS.replace("    level: municipal\n  - id: mms", "    level: municipal\n"
                                   "    source: {section: '3.1', line: 4}\n  - id: mms")
    config = load_configuration(write(tmp_path, text), registry=registry)
    assert config.subjects[0].source.document == "d.txt"
    assert config.location_of(("subjects", 1, "host")).line == 20  # one source line added above


def test_bom_is_accepted(tmp_path, registry):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode())
    assert load_configuration(path, registry=registry).jurisdiction.name == "Образцовый район"


def test_numbers_dates_and_booleans_are_read_strictly_as_json_and_the_editor_schema_read_them(tmp_path, registry):
    """Issue 18.1: the loader once turned "12" into 12, true into 1 and 2020-12-16T10:00 into a date,
    which no JSON Schema accepts; now both refuse, and the message says what was written."""
    path = write(tmp_path, HEAD.replace("format_version: 1", "format_version: true")
                 + '  source: {line: "12"}\n'
                 + "  adopted_by: {date: 2020-12-16T10:00:00, number: 5}\n"
                 + "  annexes: [{date: 16.12.2020, date_as_written: 16.12.2020}]\n")
    found = {(line, msg) for line, _, msg in problems(path, registry)}
    assert (1, "ожидается число, а указано логическое значение true") in found
    assert (7, "ожидается целое число, а указана строка «12» (число пишется без кавычек)") in found
    assert any(line == 8 and "ГГГГ-ММ-ДД" in msg and "2020-12-16T10:00:00" in msg for line, msg in found)
    assert any(line == 8 and msg.startswith("ожидается строка") for line, msg in found)  # number: 5
    assert any(line == 9 and "«16.12.2020»" in msg for line, msg in found)


def test_a_whole_number_written_with_a_point_is_still_a_whole_number(registry):
    """JSON (and so JSON Schema) has one number type: 2024.0 is the integer 2024."""
    data = {"format_version": 1.0, "jurisdiction": {"id": "x", "name": "X", "level": "municipal",
                                                     "document": "d.txt", "source": {"line": 3.0}}}
    config = load_configuration(data, registry=registry)
    assert config.format_version == 1 and config.jurisdiction.source is not None
    assert config.jurisdiction.source.line == 3 and isinstance(config.jurisdiction.source.line, int)


def test_a_lone_surrogate_is_refused_with_its_place_not_a_traceback(registry):
    """libyaml refuses "\\ud800" in a file; data built in Python can still carry one."""
    data = {"format_version": 1, "jurisdiction": {"id": "x", "name": "Район \ud800", "level": "municipal",
                                                   "document": "d.txt"}}
    [(_, _, msg)] = problems(data, registry)
    assert msg.startswith("jurisdiction.name: ") and "суррогат" in msg
