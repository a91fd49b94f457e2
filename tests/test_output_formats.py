"""Output formats come from one registry (hook ``efs_output_formats``): the core's and an installed plugin's
are the CLI's ``--format`` choices, the workspace's formats and what the commands write."""

from __future__ import annotations

import json
import textwrap

import pytest

from efs.cli import run
from tests.conftest import CONFIG_DIR

PLUGIN = '''
from efs.plugin import OutputFormat, hookimpl


def _codes(validation):
    return "\\n".join(sorted({f.code for f in validation.findings}))


def _titles(report):
    return "\\n".join(section for section in sorted(report))


@hookimpl
def efs_output_formats():
    return [
        OutputFormat("validation", "codes", "коды находок, по одному", _codes, (".codes",)),
        OutputFormat("report", "keys", "разделы справки", _titles, (".keys",)),
    ]
'''


def install(site, name: str, code: str) -> None:
    """An installed distribution ``efs-<name>`` with one ``efs.plugins`` entry point."""
    package = site / f"efs_{name}"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(code), encoding="utf-8")
    info = site / f"efs_{name}-0.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: efs-{name}\nVersion: 0.9\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[efs.plugins]\n{name} = efs_{name}\n", encoding="utf-8")


@pytest.fixture()
def format_plugin(tmp_path, monkeypatch):
    install(tmp_path / "site", "codes", PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delenv("EFS_PLUGINS", raising=False)


def test_the_core_formats_are_the_choices_each_command_documented():
    from efs.workspace import Workspace

    ws = Workspace()
    assert [f.name for f in ws.formats("validation")] == ["text", "json", "junit", "sarif", "github"]
    assert [f.name for f in ws.formats("indicators")] == ["table", "json", "csv"]
    assert [f.name for f in ws.formats("report")] == ["html", "xlsx", "md", "json"]
    assert [f.name for f in ws.formats("diff")] == ["text", "json", "md", "html", "xlsx"]
    assert all(f.provenance is not None and f.provenance.distribution == "efs-nms"
               for kind in ("validation", "report") for f in ws.formats(kind))


def test_a_plugin_format_is_a_choice_of_the_cli_and_renders_its_kind(format_plugin, capsys):
    from efs.workspace import Workspace

    ws = Workspace()
    assert [f.name for f in ws.formats("validation")][-1] == "codes"
    assert ws.formats("validation")[-1].provenance.distribution == "efs-codes"
    assert run(["validate", "--help"]) == 0
    assert "[text|json|junit|sarif|github|codes]" in capsys.readouterr().out
    path = str(CONFIG_DIR / "amur.yaml")
    assert run(["validate", path, "--format", "json", "--exit-zero", "--as-of", "2026-01-01"]) == 0
    expected = sorted({f["code"] for file in json.loads(capsys.readouterr().out)["files"] for f in file["findings"]})
    assert run(["validate", path, "--format", "codes", "--exit-zero", "--as-of", "2026-01-01"]) == 0
    assert capsys.readouterr().out.split() == expected


def test_a_plugin_report_format_is_chosen_by_the_file_suffix(format_plugin):
    from efs.report import format_for
    from efs.workspace import Workspace

    formats = Workspace().formats("report")
    assert format_for("справка.keys", None, formats) == "keys"
    assert [f.name for f in formats] == ["html", "xlsx", "md", "json", "keys"]


def test_an_unknown_format_is_refused_with_the_registered_ones(capsys):
    assert run(["validate", str(CONFIG_DIR / "amur.yaml"), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "недопустимое значение «pdf» для --format; допустимо: text, json, junit, sarif, github" in err


def test_two_plugins_with_one_format_name_conflict_unless_one_overrides(tmp_path, monkeypatch):
    from efs.errors import PluginError
    from efs.registry import Registry

    clash = PLUGIN.replace('"codes", "коды', '"json", "коды')
    install(tmp_path / "site", "clash", clash)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delenv("EFS_PLUGINS", raising=False)
    with pytest.raises(PluginError, match=r"формат вывода «validation:json».*overrides"):
        Registry.build()
