"""A broken installed plugin is reported and skipped; the rest of efs works (issue 13, friction 5).

Each broken plugin here is a real installed distribution: a ``*.dist-info`` with an ``efs.plugins`` entry
point and its module, on ``sys.path`` — what pip leaves behind.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from efs.cli import run

HEADER = "from efs.plugin import hookimpl\n\n"
BROKEN = {
    "does_not_import": ("import efs_no_such_dependency\n", "не импортируется (efs_broken_a.plugin): "
                        "ModuleNotFoundError: No module named 'efs_no_such_dependency'"),
    "misspelled": (HEADER + "@hookimpl\ndef efs_subject_kind():\n    return []\n",
                   "реализует неизвестный хук efs_subject_kind (возможно, имелось в виду «efs_subject_kinds»)"),
    "wrong_signature": (HEADER + "@hookimpl\ndef efs_functions(registry):\n    return []\n",
                        "хук efs_functions принимает аргументы, которых efs не передаёт: registry; хук получает: "
                        "ничего (хук вызывается без аргументов)"),
    "raises": (HEADER + "@hookimpl\ndef efs_functions():\n    raise RuntimeError('каталог не найден')\n",
               "хук efs_functions завершился ошибкой: RuntimeError: каталог не найден"),
}


def install(site: Path, name: str, code: str, letter: str) -> None:
    """An installed distribution ``efs-broken-<letter>`` whose entry point ``name`` is ``efs_broken_<letter>``."""
    package = site / f"efs_broken_{letter}"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "plugin.py").write_text(code, encoding="utf-8")
    info = site / f"efs_broken_{letter}-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: efs-broken-{letter}\nVersion: 1.2\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[efs.plugins]\n{name} = efs_broken_{letter}.plugin\n", encoding="utf-8")


@pytest.fixture()
def broken_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    for letter, (name, (code, _)) in zip("abcd", BROKEN.items(), strict=True):
        install(site, name, code, letter)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("EFS_PLUGINS", raising=False)
    return site


def test_each_broken_plugin_is_reported_with_name_distribution_and_error(broken_site):
    from efs.registry import Registry

    with pytest.warns(UserWarning) as caught:
        registry = Registry.build()
    broken = {b.name: b for b in registry.broken}
    assert set(broken) == set(BROKEN)
    for letter, (name, (_, error)) in zip("abcd", BROKEN.items(), strict=True):
        assert broken[name].distribution == f"efs-broken-{letter}" and broken[name].version == "1.2"
        assert broken[name].error == error
    assert len(caught) == 4 and all("он пропущен" in str(w.message) for w in caught)
    # The rest is whole: the four bundled jurisdictions, the core's catalogue, no trace of the broken ones.
    assert {"amur", "tyumen", "megion", "turochak"} <= set(registry.jurisdictions)
    assert not {r.provenance.plugin for r in registry.rules.values()} & set(BROKEN)
    assert not {name for name, _ in registry.pm.list_name_plugin()} & set(BROKEN)


def test_efs_plugins_lists_the_broken_ones_and_exits_zero(broken_site, capsys):
    assert run(["plugins", "--format", "json"]) == 0
    out = capsys.readouterr()
    listed = {p["name"]: p for p in json.loads(out.out)}
    assert listed["raises"]["broken"] is True and listed["raises"]["distribution"] == "efs-broken-d"
    assert "каталог не найден" in listed["raises"]["error"]
    assert "amur" in listed and "broken" not in listed["amur"]
    assert "efs: предупреждение: плагин «misspelled» (дистрибутив efs-broken-b 1.2) не работает" in out.err


def test_a_command_that_does_not_need_the_broken_plugins_works(broken_site, capsys):
    assert run(["validate", "--exit-zero", "--format", "json", "amur"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["files"][0]["loaded"]
    assert out.err.count("efs: предупреждение: плагин «") == 4 and "Traceback" not in out.err


def test_a_configuration_that_needs_a_broken_plugin_gets_a_clear_error(broken_site, tmp_path, capsys):
    config = tmp_path / "x.yaml"
    config.write_text("format_version: 1\njurisdiction: {id: x, name: X, level: municipal, document: x.txt}\n"
                      "plugins: [{name: raises, distribution: efs-broken-d}]\n", encoding="utf-8")
    assert run(["validate", "--format", "json", str(config)]) == 1
    [finding] = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert finding["code"] == "EFS004"
    assert ("«raises» установлен (дистрибутив efs-broken-d 1.2), но не работает: хук efs_functions завершился "
            "ошибкой: RuntimeError: каталог не найден") in finding["message"]


def test_an_unknown_name_in_efs_plugins_is_an_error_with_a_suggestion(monkeypatch, capsys):
    monkeypatch.setenv("EFS_PLUGINS", "amur,tyumne")
    assert run(["plugins"]) == 2
    err = capsys.readouterr().err
    assert "EFS_PLUGINS=amur,tyumne называет плагин, который не установлен: «tyumne»" in err
    assert "«tyumen»" in err and "установлены: amur, megion, turochak, tyumen" in err


def test_registering_a_plugin_checks_its_hooks_in_russian_naming_it():
    from efs.errors import PluginError
    from efs.plugins import get_plugin_manager, register

    ns: dict = {}
    exec(textwrap.dedent(HEADER + BROKEN["wrong_signature"][0]), ns)
    plugin = type("P", (), {"efs_functions": staticmethod(ns["efs_functions"])})
    with pytest.raises(PluginError) as err:
        register(get_plugin_manager(entry_points=False), plugin, "local")
    assert err.value.message == ("плагин «local»: хук efs_functions принимает аргументы, которых efs не передаёт: "
                                 "registry; хук получает: ничего (хук вызывается без аргументов)")
