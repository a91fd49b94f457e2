"""Every output format: SARIF valid against its schema, JUnit read back, GitHub, text, JSON.

The ``--as-of`` date appears in each.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from efs.cli import run
from tests.conformance.conftest import AS_OF
from tests.conftest import sarif_schema

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """\
format_version: 1
jurisdiction:
  id: sample
  name: Пробный район
  level: municipal
  document: sample.txt
  adopted_by: {kind: приказ, number: '7', date: 2023-01-10}
subjects:
  - id: authority
    name: Управление образования
    kind: municipal_authority
    level: municipal
    source: {section: '3.1', line: 12}
roadmap:
  - id: m1
    number: '1.'
    text: Утвердить план города Мегiona
    responsible: [Управление образованья]
    deadline: {as_written: до 01.06.2023, kind: date, date: 2023-06-01}
    source: {section: дорожная карта, line: 40}
suppressions:
  - rule: deadline-passed
    reason: исполнение отражено в отчёте за 2023 год
"""


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "sample.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    (tmp_path / "sample.txt").write_text("строка документа\n" * 50, encoding="utf-8")  # the source document
    broken = tmp_path / "broken.yaml"
    broken.write_text("format_version: 1\njurisdiction: [\n", encoding="utf-8")
    return path, broken


def _out(capsys, *args):
    code = run(["validate", "--as-of", AS_OF.isoformat(), *args])
    return code, capsys.readouterr().out


def test_sarif_validates_against_schema_with_regions_sources_and_suppressions(sample, capsys):
    import jsonschema

    _, out = _out(capsys, "--format", "sarif", "--exit-zero", *map(str, sample))
    doc = json.loads(out)
    jsonschema.validate(doc, sarif_schema())
    results = doc["runs"][0]["results"]
    assert results and all("region" in r["locations"][0]["physicalLocation"] for r in results)
    assert doc["runs"][0]["properties"]["asOf"] == "2026-11-23"
    (unresolved,) = [r for r in results if r["ruleId"] == "EFS140"]
    related = unresolved["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"].endswith("/sample.txt") and related["region"]["startLine"] == 40
    (passed,) = [r for r in results if r["ruleId"] == "EFS153"]
    assert passed["suppressions"] == [
        {"kind": "inSource", "justification": "исполнение отражено в отчёте за 2023 год"}
    ]
    assert any(r["ruleId"] == "EFS001" for r in results)


def test_junit_is_read_back_by_a_junit_parser(sample, capsys):
    _, out = _out(capsys, "--format", "junit", "--exit-zero", *map(str, sample))
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert len(suites) == 2
    assert suites[0].find("properties/property[@name='as_of']").get("value") == "2026-11-23"
    cases = root.iter("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert any("EFS140" in c.get("name") for c in failures)
    assert int(root.get("failures")) == len(failures) and int(root.get("skipped")) == 1
    try:
        from junitparser import JUnitXml  # type: ignore[import-not-found]
    except ImportError:
        return
    xml = JUnitXml.fromstring(out)
    assert sum(s.failures for s in xml) == len(failures)


def test_github_annotations_are_escaped_and_carry_as_of(sample, capsys):
    _, out = _out(capsys, "--format", "github", "--exit-zero", str(sample[0]))
    lines = out.strip().splitlines()
    assert any(
        line.startswith("::warning file=") and "title=EFS140 unresolved-reference" in line for line in lines
    )
    assert any(line.startswith("::notice ") and "подавлено: исполнение отражено" in line for line in lines)
    assert lines[-1].startswith("::notice title=efs::") and "23.11.2026" in lines[-1]


def test_text_groups_by_file_sorted_by_line_with_summary_and_as_of(sample, capsys):
    code, out = _out(capsys, *map(str, sample))
    assert code == 1  # the broken file is an error
    lines = out.strip().splitlines()
    assert "подавлено: 1" in lines[-1] and "на дату 23.11.2026" in lines[-1]
    sample_lines = [line for line in lines if line.startswith(str(sample[0]))]
    numbers = [int(line.split(":")[1]) for line in sample_lines]
    assert numbers == sorted(numbers)
    assert any("[подавлено: исполнение отражено в отчёте за 2023 год]" in line for line in lines)
    # The document lies beside the configuration: shown as the file to open, on the line.
    beside = sample[0].parent / "sample.txt"
    assert any(f"(документ: {beside}:40, §дорожная карта)" in line for line in lines)


def test_json_marks_suppressed_and_gives_source(sample, capsys):
    _, out = _out(capsys, "--format", "json", "--exit-zero", str(sample[0]))
    doc = json.loads(out)
    assert doc["as_of"] == "2026-11-23"
    findings = doc["files"][0]["findings"]
    (sup,) = [f for f in findings if f["suppressed"]]
    assert sup["code"] == "EFS153" and sup["suppression_reason"].startswith("исполнение")
    (ref,) = [f for f in findings if f["code"] == "EFS140"]
    assert ref["source"] == {"document": "sample.txt", "section": "дорожная карта", "line": 40}
    assert ref["item"] == "m1" and ref["line"] == 18  # the reference itself, inside responsible:


def test_exit_codes_strict_and_exit_zero(sample, capsys):
    good = sample[0]
    assert _out(capsys, "--select", "EFS140", str(good))[0] == 0  # a warning only
    assert _out(capsys, "--select", "EFS140", "--strict", str(good))[0] == 1
    assert _out(capsys, "--exit-zero", *map(str, sample))[0] == 0


def test_write_baseline_then_only_new_findings_count(sample, capsys, tmp_path):
    base = tmp_path / "base.json"
    assert _out(capsys, "--strict", "--write-baseline", str(base), str(sample[0]))[0] == 0
    code, out = _out(capsys, "--strict", "--baseline", str(base), str(sample[0]))
    assert code == 0 and "в базовой линии" in out


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_a_shipped_document_is_named_by_its_file_and_line_not_by_the_cited_hash_name(capsys, monkeypatch, fmt):
    # The bundled configurations cite their seeds by hash names (002_6414ad974cc0e1d7.txt); a reader is
    # shown the file they can open, on the line, and the line there holds the words the finding is about.
    import re

    from efs.registry import Registry

    monkeypatch.chdir(ROOT)
    _, out = _out(capsys, "--format", fmt, "--exit-zero", "--as-of", "2026-11-23", "amur")
    assert "002_6414ad974cc0e1d7" not in out and "6414ad974cc0e1d7" not in out
    shipped = Registry.build().documents["002_6414ad974cc0e1d7.txt"].path
    relative = str(Path(shipped).resolve().relative_to(ROOT))
    places = re.findall(re.escape(relative) + r":(\d+)", out)
    assert places, out[:2000]
    lines = Path(shipped).read_text(encoding="utf-8").splitlines()
    assert all(1 <= int(n) <= len(lines) for n in places)
    # EFS103 on the superseded decree: its line in the shipped file is where the decree is cited.
    after = out[out.index("от 21.07.2020 № 474") :]
    decree = re.search(re.escape(relative) + r":(\d+)", after)
    assert decree is not None
    line = int(decree.group(1))
    assert "474" in lines[line - 1]
