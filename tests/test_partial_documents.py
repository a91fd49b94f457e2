"""Real documents: a partial document (an indicator table) «в ред.» of a later act, as issue 13 found them.

Frictions 3 and 4: a partial document drew structural warnings about what a full Положение would contain,
suppressing them needed ids shown only in JSON, and an act «в ред. …» could not be recorded, so a 2020
target set in a table amended in 2021 was «before adoption».
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from efs.cli import run

TABLE = Path(__file__).parent / "data" / "indicator_table"
FULL_DOCUMENT_RULES = {"EFS101", "EFS105", "EFS121", "EFS122", "EFS130", "EFS131", "EFS132", "EFS180"}


def _write(tmp_path: Path, data: dict) -> Path:
    shutil.copy(TABLE / "table.txt", tmp_path / "table.txt")
    path = tmp_path / "table.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _table() -> dict:
    return yaml.safe_load((TABLE / "table.yaml").read_text(encoding="utf-8"))


def _findings(capsys, path: Path, *args: str) -> list[dict]:
    run(["validate", "--format", "json", "--exit-zero", "--as-of", "2026-01-01", *args, str(path)])
    return json.loads(capsys.readouterr().out)["files"][0]["findings"]


def test_an_indicator_table_is_not_told_it_lacks_what_a_full_regulation_contains(capsys):
    found = _findings(capsys, TABLE / "table.yaml")
    codes = {f["code"] for f in found}
    assert not codes & FULL_DOCUMENT_RULES, codes
    [why] = [f for f in found if f["code"] == "EFS012"]
    assert why["severity"] == "info" and why["path"] == "jurisdiction.document_kind"
    assert "таблица показателей" in why["message"] and "EFS131" in why["message"]
    # What the table does contain is still checked: its indicators against the federal ones, its sources.
    assert "EFS163" in codes
    assert not {c for c in codes if c.startswith("EFS02")}


def test_the_same_table_declared_a_full_regulation_draws_the_structural_findings(tmp_path, capsys):
    data = _table()
    data["jurisdiction"]["document_kind"] = "regulation"
    codes = {f["code"] for f in _findings(capsys, _write(tmp_path, data))}
    assert {"EFS101", "EFS132", "EFS180"} <= codes and "EFS012" not in codes


@pytest.mark.parametrize(("kind", "runs", "skipped"), [
    ("roadmap", set(), {"EFS160", "EFS101", "EFS180"}),
    ("annex", set(), {"EFS160", "EFS101", "EFS132"}),
    ("concept", {"EFS101", "EFS132"}, {"EFS180"}),
])
def test_each_kind_is_checked_for_the_parts_it_contains(kind, runs, skipped, tmp_path, capsys):
    data = _table()
    data["jurisdiction"]["document_kind"] = kind
    data["indicators"] = []
    codes = {f["code"] for f in _findings(capsys, _write(tmp_path, data))}
    assert runs <= codes and not codes & skipped, codes


def test_a_2020_target_of_a_table_amended_in_2021_is_not_before_adoption(capsys):
    assert "EFS167" not in {f["code"] for f in _findings(capsys, TABLE / "table.yaml")}


def test_recording_the_2021_edition_as_the_adopting_act_would_put_the_2020_targets_before_adoption(
        tmp_path, capsys):
    data = _table()
    act = data["jurisdiction"]["adopted_by"]
    edition = act.pop("editions")[0]
    act.update(number=edition["number"], date=edition["date"], date_as_written="15.06.2021")
    found = [f for f in _findings(capsys, _write(tmp_path, data)) if f["code"] == "EFS167"]
    assert len(found) == 4 and all("цель на 2020 год" in f["message"] for f in found)


def test_an_edition_is_loaded_with_its_date_and_is_the_date_of_the_text_in_force(registry):
    from efs.loading import load_configuration

    act = load_configuration(TABLE / "table.yaml", registry=registry).jurisdiction.adopted_by
    assert [(e.number, e.date.isoformat()) for e in act.editions] == [("518-р", "2021-06-15")]
    assert act.date.isoformat() == "2020-12-29" and act.current_date.isoformat() == "2021-06-15"


def test_an_act_cited_by_the_edition_is_not_after_adoption(tmp_path, capsys):
    data = _table()
    data["jurisdiction"]["document_kind"] = "regulation"
    data["legal_basis"] = [{"id": "law", "kind": "приказ", "number": "77", "date": "2021-03-01",
                            "as_written": "приказ № 77"}]
    assert "EFS107" not in {f["code"] for f in _findings(capsys, _write(tmp_path, data))}
    data["legal_basis"][0]["date"] = "2021-09-01"  # after the edition too
    [late] = [f for f in _findings(capsys, _write(tmp_path, data)) if f["code"] == "EFS107"]
    assert "положения в редакции от 15.06.2021" in late["message"]


def test_text_output_shows_the_id_a_suppression_names_and_the_suppression_works(tmp_path, capsys):
    data = _table()
    run(["validate", "--as-of", "2026-01-01", "--exit-zero", str(TABLE / "table.yaml")])
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if "EFS163" in x and "федеральный показатель 2 " in x)
    shown = line.rsplit("[элемент: ", 1)[1].rstrip("]")
    data["suppressions"] = [{"rule": "EFS163", "items": [shown], "reason": "таблица центра, не всей системы"}]
    found = _findings(capsys, _write(tmp_path, data))
    [suppressed] = [f for f in found if f["code"] == "EFS163" and f["suppressed"]]
    assert suppressed["item"] == shown == "federal_2"
    assert "EFS010" not in {f["code"] for f in found}


def test_an_unused_suppression_suggests_the_id_the_rule_did_find(tmp_path, capsys):
    data = _table()
    data["suppressions"] = [{"rule": "EFS169", "items": ["routes_shar", "diagnostics_share"], "reason": "r"},
                            {"rule": "EFS163", "items": ["federal2"], "reason": "r"},
                            {"rule": "EFS162", "reason": "r"}]
    unused = [f["message"] for f in _findings(capsys, _write(tmp_path, data)) if f["code"] == "EFS010"]
    assert any("«routes_shar»" in m and "«routes_share»" in m for m in unused), unused
    assert any("EFS163" in m and "«federal_2»" in m for m in unused), unused
    assert "подавление правила EFS162 (target-below-federal) ничего не подавляет" in unused
    assert len(unused) == 3
