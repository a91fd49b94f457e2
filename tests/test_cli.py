"""The CLI through click's runner and `efs.cli.run`: exit codes, formats, Russian usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from efs.cli import cli, run

ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("efs ")


def test_validate_bundled_configurations_by_directory_and_by_jurisdiction_id(capsys):
    assert run(["validate", "--exit-zero", "--format", "json", "--as-of", "2026-11-23", "config/"]) == 0
    by_dir = json.loads(capsys.readouterr().out)
    assert by_dir["as_of"] == "2026-11-23"
    assert sorted(Path(f["file"]).stem for f in by_dir["files"]) == ["amur", "megion", "turochak", "tyumen"]
    assert all(f["loaded"] for f in by_dir["files"])
    assert run(["validate", "--exit-zero", "--format", "json", "amur"]) == 0
    by_id = json.loads(capsys.readouterr().out)
    assert by_id["files"][0]["jurisdiction"] == "amur"


def test_validate_exit_codes(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\njurisdiction: {}\n", encoding="utf-8")
    assert run(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2:1: EFS002 [ошибка] не хватает обязательного поля «id»" in out
    assert run(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "нет такого файла или юрисдикции" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["valdate"], "неизвестная команда «valdate» (возможно, имелось в виду «validate»)"),
        (["validate", "--formt", "json", "config/"], "неизвестный параметр «--formt»"),
        (["validate", "--format", "xml", "config/"], "недопустимое значение «xml» для --format"),
        (["validate"], "не указан обязательный аргумент"),
        (["validate", "--as-of", "23.11.2026", "config/"], "недопустимая дата «23.11.2026» для --as-of"),
    ],
)
def test_usage_errors_are_russian_with_exit_code_2(argv, message, capsys):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Usage" not in err and "Traceback" not in err


def test_show_has_the_configuration_shape(capsys):
    assert run(["show", "amur", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format_version"] == 1 and doc["jurisdiction"]["id"] == "amur"
    from efs.loading import load_configuration

    again = load_configuration(doc)  # what efs show prints loads back as a configuration
    assert again.jurisdiction.id == "amur"


def test_plugins_lists_bundled_and_default_plugins(capsys):
    assert run(["plugins", "--format", "json"]) == 0
    names = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert names["efs.concept.default_plugin"]["default"] is True
    assert names["tyumen"]["jurisdictions"] == ["tyumen"]


def test_schema_is_json_schema_and_the_committed_copy_is_current(capsys):
    assert run(["schema", "-o", "-"]) == 0
    text = capsys.readouterr().out
    schema = json.loads(text)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # what yaml-language-server reads
    committed = (ROOT / "docs" / "configuration.schema.json").read_text(encoding="utf-8")
    assert committed.strip() == text.strip(), "обновите: efs schema -o docs/configuration.schema.json"


def test_new_config_writes_a_skeleton_that_validates(tmp_path, capsys):
    target = tmp_path / "Образцовый.yaml"
    assert run(["new", "config", "obraztsovy", "-o", str(target)]) == 0
    capsys.readouterr()
    assert run(["validate", "--format", "json", str(target)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"][0]["loaded"]
    # the editor finds the schema its modeline names, written beside the skeleton
    modeline = target.read_text(encoding="utf-8").splitlines()[0]
    schema_file = tmp_path / modeline.split("$schema=", 1)[1]
    assert json.loads(schema_file.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/")
    assert run(["new", "config", "obraztsovy", "-o", str(target)]) == 2  # refuses to overwrite


def test_config_files_declare_the_editor_schema():
    for path in sorted((ROOT / "config").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name


def test_help_pages_are_russian_for_every_command(capsys):
    from efs.cli import COMMANDS

    for name in ["", *COMMANDS]:
        argv = [name, "--help"] if name else ["--help"]
        assert run(argv) == 0
        out = capsys.readouterr().out
        assert out.startswith("Использование: efs"), (name, out[:80])
        assert "Usage:" not in out and "Options:" not in out and "[OPTIONS]" not in out, name
