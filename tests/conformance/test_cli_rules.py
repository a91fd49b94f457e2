"""``efs rules``, ``efs rule CODE`` and ``efs coverage PATH`` through the CLI."""

from __future__ import annotations

import json

from efs.cli import run
from tests.conformance.conftest import base_config


def test_rules_lists_every_rule_with_its_plugin(capsys):
    assert run(["rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    codes = {r["code"]: r for r in rules}
    assert len([c for c in codes if c.startswith("EFS1")]) >= 25
    assert codes["EFS120"]["slug"] == "kind-level-mismatch" and codes["EFS120"]["plugin"]
    assert run(["rules"]) == 0
    assert "EFS160  no-indicators" in capsys.readouterr().out


def test_rule_explains_by_code_or_slug_and_suggests_on_typo(capsys):
    assert run(["rule", "superseded-act-cited"]) == 0
    out = capsys.readouterr().out
    assert "EFS102" in out and "Почему это важно" in out and "Р-76" in out and "Пример." in out
    assert run(["rule", "EFS12O"]) == 2
    assert "нет правила «EFS12O»" in capsys.readouterr().err


def test_rule_prints_readable_text_not_raw_markdown(capsys, registry):
    """Issue 18.6: efs rule printed ``###``, ``**``, backticks and code fences to a pipe."""
    for code in ("EFS102", "EFS140", "AMU001"):
        assert run(["rule", code]) == 0
        out = capsys.readouterr().out
        for mark in ("###", "**", "`", "```", "*Почему"):
            assert mark not in out, (code, mark)
        rule = registry.rules[code]
        assert rule.title in out and rule.recommendation in out
        assert all(line == line.rstrip() for line in out.splitlines())
        if rule.example:  # the example stays YAML a reader can copy: its lines, indented alike
            first = rule.example.splitlines()[0]
            assert any(line.strip() == first.strip() for line in out.splitlines())


def test_rule_on_a_terminal_is_rendered_by_rich_and_markdown_on_request(capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich treats the output as a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert run(["rule", "EFS140"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out and "**" not in out and "###" not in out
    monkeypatch.delenv("FORCE_COLOR")
    assert run(["rule", "EFS140", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("### EFS140 `unresolved-reference`")


def test_coverage_marks_uncovered_required_functions(tmp_path, capsys, registry):
    import yaml

    data = base_config(registry)
    data["subjects"][1]["functions"] = [
        f for f in data["subjects"][1]["functions"] if f["function"] != "individual_routes"
    ]
    data["subjects"][0]["functions"] = [
        f for f in data["subjects"][0]["functions"] if f["function"] != "individual_routes"
    ]
    data["subjects"][2]["functions"] = [
        f for f in data["subjects"][2]["functions"] if f["function"] != "individual_routes"
    ]
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(["coverage", str(path)]) == 0
    out = capsys.readouterr().out
    routes, mentoring = registry.functions["individual_routes"].name, registry.functions["mentoring"].name
    assert any(
        line.startswith("!" + routes[:20]) and "не покрыта: муниципальный" in line for line in out.splitlines()
    )
    assert not any(line.startswith("!" + mentoring[:20]) for line in out.splitlines())
    assert "individual_routes" not in out and "municipal)" not in out  # names, not ids
    assert run(["coverage", "--format", "json", str(path)]) == 0
    matrix = json.loads(capsys.readouterr().out)
    row = next(r for r in matrix["functions"] if r["id"] == "individual_routes")
    assert row["uncovered_at"] == ["municipal"] and row["cells"] == {"council": 1, "school_mo": 1}
