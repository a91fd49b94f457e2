"""The plugin manager: default plugins, entry points, provenance, conflicts, failures, EFS_PLUGINS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from efs.errors import PluginError
from efs.hookspecs import hookimpl
from efs.model import Function, SubjectKind
from efs.plugins import get_plugin_manager
from efs.registry import Registry

SAMPLE = Path(__file__).parent / "sample_plugin"


class KindPlugin:
    @hookimpl
    def efs_subject_kinds(self):
        return [SubjectKind(id="regional_authority", name="дубликат")]


class OverridingPlugin:
    @hookimpl
    def efs_functions(self):
        return [Function(id="mentoring", name="наставничество (местное)", overrides="efs.concept.default_plugin")]


class RaisingPlugin:
    @hookimpl
    def efs_functions(self):
        raise RuntimeError("сломался")


class Misspelled:
    @hookimpl
    def efs_subject_kind(self):  # missing "s": no such hook
        return []


def test_bundled_plugins_are_loaded_from_entry_points_with_provenance(registry):
    assert {"amur", "tyumen", "megion", "turochak"} <= set(registry.jurisdictions)
    info = registry.jurisdictions["amur"]
    assert info.provenance.plugin == "amur"
    assert info.provenance.distribution == "efs-nms"
    assert registry.kinds["cnppm"].provenance.plugin == "efs.concept.default_plugin"


def test_same_id_from_two_plugins_is_an_error_naming_both():
    pm = get_plugin_manager(entry_points=False)
    pm.register(KindPlugin(), name="intruder")
    with pytest.raises(PluginError) as err:
        Registry.build(pm)
    assert "efs.concept.default_plugin" in err.value.message
    assert "intruder" in err.value.message
    assert "regional_authority" in err.value.message


def test_declared_override_replaces_the_other_definition():
    pm = get_plugin_manager(entry_points=False)
    pm.register(OverridingPlugin(), name="local")
    reg = Registry.build(pm)
    assert reg.functions["mentoring"].name == "наставничество (местное)"
    assert reg.functions["mentoring"].provenance.plugin == "local"


def test_raising_hook_is_reported_with_plugin_and_hook_names():
    pm = get_plugin_manager(entry_points=False)
    pm.register(RaisingPlugin(), name="fragile")
    with pytest.raises(PluginError) as err:
        Registry.build(pm)
    assert "«fragile»" in err.value.message and "efs_functions" in err.value.message


def test_misspelled_hook_fails_loudly_on_check_pending():
    import pluggy

    pm = get_plugin_manager(entry_points=False)
    pm.register(Misspelled(), name="typo")
    with pytest.raises(pluggy.PluginValidationError):
        pm.check_pending()


def test_efs_plugins_restricts_entry_point_plugins(monkeypatch):
    monkeypatch.setenv("EFS_PLUGINS", "amur")
    reg = Registry.build()
    assert set(reg.jurisdictions) == {"amur"}


def test_missing_plugin_is_an_error_naming_it_and_the_distribution(monkeypatch, tmp_path):
    from efs.loading import load_configuration

    monkeypatch.setenv("EFS_PLUGINS", "amur")
    cfg = tmp_path / "x.yaml"
    cfg.write_text(
        "format_version: 1\njurisdiction: {id: x, name: X, level: municipal, document: d.txt}\n"
        "plugins: [{name: sample, distribution: efs-sample-plugin}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PluginError) as err:
        load_configuration(cfg)
    assert "«sample»" in err.value.message and "efs-sample-plugin" in err.value.message


@pytest.fixture(scope="session")
def sample_plugin_target(tmp_path_factory) -> Path:
    """The sample plugin built as a wheel offline and installed into a --target directory."""
    wheels = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-index", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(SAMPLE)],
        check=True, capture_output=True,
    )
    [wheel] = wheels.glob("efs_sample_plugin-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True,
    )
    return target


def _run_efs(args: list[str], pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    env.pop("EFS_PLUGINS", None)
    return subprocess.run([sys.executable, "-m", "efs", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


@pytest.mark.slow
def test_outside_plugin_installed_as_its_own_distribution_is_listed_and_used(sample_plugin_target, tmp_path):
    listing = _run_efs(["plugins", "--format", "json"], sample_plugin_target, tmp_path)
    assert listing.returncode == 0, listing.stderr
    plugins = {p["name"]: p for p in json.loads(listing.stdout)}
    assert plugins["sample"]["distribution"] == "efs-sample-plugin"
    assert plugins["sample"]["version"] == "0.3.0"
    assert "efs_conformance_rules" in plugins["sample"]["hooks"]

    result = _run_efs(["validate", "sample", "--format", "json"], sample_plugin_target, tmp_path)
    # The sample Положение lacks the required municipal roles: errors by the severity policy (docs/rules.md), so 1
    assert result.returncode == 1, result.stdout + result.stderr
    doc = json.loads(result.stdout)
    codes = [f["code"] for f in doc["files"][0]["findings"]]
    assert "SMP001" in codes
    assert doc["files"][0]["file"].startswith(str(sample_plugin_target))
    # Its sources were checked against the document it ships: none is off, none is missing.
    assert not [c for c in codes if c.startswith("EFS02")], codes


@pytest.mark.slow
def test_outside_plugin_document_catches_a_planted_wrong_text_and_line(sample_plugin_target, tmp_path):
    """The same plantings as for the bundled configurations (tests/test_sources.py), through the document the
    installed distribution ships: an edited text, a line far from its text, a line past the end."""
    import yaml

    document = (SAMPLE / "efs_sample" / "documents" / "sample.txt").read_text(encoding="utf-8").split("\n")
    data = yaml.safe_load((SAMPLE / "efs_sample" / "config" / "sample.yaml").read_text(encoding="utf-8"))
    indicator = data["indicators"][0]
    true_line = indicator["source"]["line"]
    assert document[true_line - 1].startswith(f"{true_line}. {indicator['text']}")  # the oracle: the text itself
    data["subjects"][0]["functions"][0]["text"] = "оказывает методическую помощь всем"
    indicator["source"]["line"] = true_line + 6  # beyond the ±2 window, still inside the document
    data["subjects"][0]["source"]["line"] = len(document) + 10
    planted = tmp_path / "planted.yaml"
    planted.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _run_efs(["validate", str(planted), "--format", "json", "--select", "EFS02"], sample_plugin_target,
                      tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    found = {f["path"]: f["message"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "такого текста в документе нет" in found["subjects[0].functions[0].text"]
    assert (f"не найден у строки {true_line + 6} документа sample.txt (±2): текст начинается на строке {true_line}"
            in found["indicators[0].text"])
    assert f"строка {len(document) + 10} за пределами документа sample.txt" in found["subjects[0].source.line"]
    # the target's words are quoted from the indicator's line: they are found off by the same lines
    assert "текст начинается на строке" in found["indicators[0].targets[0].as_written"]
    assert set(found) == {"subjects[0].functions[0].text", "indicators[0].text", "indicators[0].targets[0].as_written",
                          "subjects[0].source.line"}

    data["indicators"][0]["source"]["line"] = true_line + 1  # a one-line slip is tolerated by design (±2)
    data["subjects"][0] = yaml.safe_load((SAMPLE / "efs_sample" / "config" / "sample.yaml").read_text(
        encoding="utf-8"))["subjects"][0]
    planted.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _run_efs(["validate", str(planted), "--format", "json", "--select", "EFS02"], sample_plugin_target,
                      tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["files"][0]["findings"] == [], result.stdout
