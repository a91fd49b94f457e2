"""``efs validate`` checks every source against the document the plugin ships: planted mistakes are found.

In a copy of each bundled configuration (no document beside it: the plugin's shipped document is used)
one function bullet is pointed at a wrong line, one is edited by a word, and one source points past the
end of the document. The oracle for "where the text actually is" is the line the hand encoding gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from efs.cli import run

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["amur", "megion", "turochak", "tyumen"]


def _validate(capsys, path: Path) -> list[dict]:
    code = run(["validate", "--format", "json", "--exit-zero", "--select", "EFS02", str(path)])
    assert code == 0
    [file] = json.loads(capsys.readouterr().out)["files"]
    assert file["loaded"], file
    return file["findings"]


def _bullets(data: dict) -> list[tuple[int, int]]:
    return [(i, k) for i, s in enumerate(data["subjects"]) for k, f in enumerate(s.get("functions", []))
            if isinstance(f.get("source"), dict) and f["source"].get("line")]


@pytest.mark.parametrize("name", NAMES)
def test_planted_wrong_line_edited_text_and_line_past_the_end_are_found(name, tmp_path, capsys, registry):
    data = yaml.safe_load((ROOT / "config" / f"{name}.yaml").read_text(encoding="utf-8"))
    n_lines = len(registry.documents[data["jurisdiction"]["document"]].path.read_text("utf-8").split("\n"))
    bullets = _bullets(data)
    (wi, wk), (ei, ek), (pi, pk) = bullets[0], bullets[len(bullets) // 2], bullets[-1]
    wrong = data["subjects"][wi]["functions"][wk]
    true_line = wrong["source"]["line"]
    wrong["source"]["line"] = true_line + 40 if true_line + 40 <= n_lines else true_line - 40
    edited = data["subjects"][ei]["functions"][ek]
    words = edited["text"].split(" ")
    edited["text"] = " ".join([*words[:2], "не", *words[2:]])
    data["subjects"][pi]["functions"][pk]["source"]["line"] = n_lines + 100
    copy = tmp_path / f"{name}.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    found = _validate(capsys, copy)
    by_path = {(f["code"], f["path"]): f for f in found}
    moved = by_path[("EFS021", f"subjects[{wi}].functions[{wk}].text")]
    assert f"не найден у строки {wrong['source']['line']} документа {data['jurisdiction']['document']}" in (
        moved["message"])
    actual = [int(n) for n in moved["message"].rsplit("строк", 1)[1].split(" ", 1)[1].split(", ")]
    assert any(abs(n - true_line) <= 2 for n in actual), (actual, true_line)
    changed = by_path[("EFS021", f"subjects[{ei}].functions[{ek}].text")]
    assert "такого текста в документе нет" in changed["message"] and changed["severity"] == "error"
    past = by_path[("EFS020", f"subjects[{pi}].functions[{pk}].source.line")]
    assert f"строка {n_lines + 100} за пределами документа" in past["message"] and f"строк {n_lines}" in (
        past["message"])
    assert len(found) == 3, found


@pytest.mark.parametrize("name", NAMES)
def test_a_bundled_configuration_copied_elsewhere_is_checked_through_its_shipped_document(name, tmp_path, capsys):
    copy = tmp_path / f"{name}.yaml"
    copy.write_text((ROOT / "config" / f"{name}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert _validate(capsys, copy) == []  # no EFS023: the document was at hand, and every source holds


def test_without_its_document_a_configuration_says_its_sources_were_not_checked(tmp_path, capsys):
    copy = tmp_path / "x.yaml"
    copy.write_text(
        "format_version: 1\njurisdiction: {id: x, name: X, level: municipal, document: x.docx}\n"
        "subjects:\n  - {id: a, name: Управление, kind: municipal_authority, level: municipal, source: {line: 3}}\n",
        encoding="utf-8",
    )
    [finding] = _validate(capsys, copy)
    assert finding["code"] == "EFS023" and finding["severity"] == "info"
    assert finding["path"] == "jurisdiction.document" and finding["line"] == 2
