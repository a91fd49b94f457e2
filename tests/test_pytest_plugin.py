"""The pytest plugin (pytest11 entry point), tested with pytester.

Runs go to a subprocess: in-process runs re-import efs, and exception classes would differ.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

CONFIG = """\
format_version: 1
jurisdiction:
  id: sample
  name: Пробный район
  level: municipal
  document: sample.txt
subjects:
  - id: authority
    name: Управление образования
    kind: municipal_authority
    level: municipal
"""


def test_plugin_is_inert_and_light_without_configuration(pytester: pytest.Pytester):
    pytester.makepyfile(
        test_light="""
        import sys

        def test_nothing_heavy_imported():
            assert "efs.pytest_plugin" in sys.modules
            for name in ("efs.registry", "efs.conformance", "sqlalchemy", "pydantic", "openpyxl"):
                assert name not in sys.modules, name
    """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_each_configuration_is_a_node_and_each_rule_an_item(pytester: pytest.Pytester):
    pytester.makefile(".yaml", sample=CONFIG)
    result = pytester.runpytest_subprocess("--efs-config", "sample.yaml", "--efs-as-of", "2026-11-23", "-v")
    result.stdout.fnmatch_lines(
        [
            "*sample.yaml::EFS000-load PASSED*",
            "*sample.yaml::EFS160-no-indicators FAILED*",
            "*sample.yaml:1:1: EFS160 ?ошибка? в положении нет ни одного показателя*",
        ]
    )
    assert "Traceback" not in result.stdout.str()
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] >= 1 and outcomes["passed"] >= 25


def test_strict_fails_on_warnings_and_ini_option_works(pytester: pytest.Pytester):
    pytester.makefile(".yaml", sample=CONFIG)
    pytester.makeini("[pytest]\nefs_config = sample.yaml\nefs_as_of = 2026-11-23\n")
    plain = pytester.runpytest_subprocess("-k", "no-monitoring")
    plain.assert_outcomes(passed=1)
    strict = pytester.runpytest_subprocess("-k", "no-monitoring", "--efs-strict")
    strict.assert_outcomes(failed=1)
    strict.stdout.fnmatch_lines(["*EFS180 ?предупреждение?*"])


def test_broken_configuration_fails_at_load_with_located_message(pytester: pytest.Pytester):
    pytester.makefile(".yaml", broken="format_version: 1\njurisdiction: [\n")
    result = pytester.runpytest_subprocess("--efs-config", "broken.yaml", "-k", "load or EFS160")
    result.assert_outcomes(failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*broken.yaml:*EFS001 ?ошибка?*"])


def test_fixtures_for_plugin_authors(pytester: pytest.Pytester):
    pytester.makefile(".yaml", sample=CONFIG)
    pytester.makepyfile(
        test_author="""
        import datetime as dt

        def test_run_one_rule(efs_run_rule, efs_load, efs_registry):
            config = efs_load("sample.yaml")
            assert config.jurisdiction.id == "sample"
            assert [f.code for f in efs_run_rule("no-indicators", config)] == ["EFS160"]
            assert efs_run_rule("EFS155", "sample.yaml", as_of=dt.date(2026, 1, 1)) == []
            assert "EFS120" in efs_registry.rules
    """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_another_plugins_rules_and_rules_a_partial_document_lacks_are_skipped_with_the_reason(
        pytester: pytest.Pytester):
    pytester.makefile(".yaml", sample=CONFIG.replace("  document: sample.txt\n",
                                                     "  document: sample.txt\n  document_kind: roadmap\n"))
    result = pytester.runpytest_subprocess("--efs-config", "sample.yaml", "--efs-as-of", "2026-11-23", "-v",
                                           "-rs", "-k", "AMU001 or MEG001 or TYU001 or EFS132 or EFS155")
    out = result.stdout.str()
    result.stdout.fnmatch_lines([
        "*sample.yaml::AMU001-amur-responsible-not-subject SKIPPED*",
        "*sample.yaml::EFS132-empty-level SKIPPED*",
        "*sample.yaml::EFS155-measure-without-responsible PASSED*",
        "*правило плагина «amur»: конфигурация не требует этого плагина*",
        "*документ — комплекс мер («дорожная карта») (document_kind: roadmap)*",
    ])
    assert "AMU001-amur-responsible-not-subject PASSED" not in out
    result.assert_outcomes(passed=1, skipped=4)
