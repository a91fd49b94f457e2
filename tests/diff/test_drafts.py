"""Two drafts of a document (``efs draft``) compared: ids made from the text, items matched by wording.

The shipped text of Мегион's Положение is amended as a real amendment would be — a bullet reworded, a
body renamed, a function added, a deadline moved — and both versions drafted with ``efs draft``; ``efs
diff`` of the two drafts must report exactly those changes, with the confidence of each match by text.
"""

from __future__ import annotations

import importlib.resources
import json

from efs.cli import run

EDITS = [
    ("обеспечивает изучение запросов и оказание практической помощи педагогическим работникам;",
     "обеспечивает изучение запросов и оказание практической и консультационной помощи педагогическим работникам;",
     ("reworded", "functions")),
    ("регламентирующей создание и функционирование муниципальной системы", None, ("deadline_moved", "roadmap")),
    ("3.2.3. Муниципальные методические объединения (нетворкинг- площадки):",
     "3.2.3. Муниципальные методические объединения и клубы (нетворкинг- площадки):", ("reworded", "subjects")),
    ("их внедрении и распространении;\n\nреализуют программы наставничества.\n",
     "их внедрении и распространении;\n\nреализуют программы наставничества.\n\n"
     "организуют стажировки молодых педагогов на базе образовательных организаций города;\n",
     ("added", "functions")),
]


def test_two_drafts_of_an_amended_document_differ_by_exactly_the_amendment(tmp_path, capsys):
    text = (importlib.resources.files("efs_megion") / "documents" / "megion.txt").read_text(encoding="utf-8")
    amended = text
    for old, new, _ in EDITS:
        assert amended.count(old) == 1, old
        if new is None:  # the deadline of the roadmap row that this text opens
            start = amended.index(old)
            end = amended.index("\n", start)
            assert amended[start:end].count("До 20.08.2021") == 1
            amended = amended[:start] + amended[start:end].replace("До 20.08.2021", "До 20.12.2021") + amended[end:]
        else:
            amended = amended.replace(old, new)
    (tmp_path / "megion-2021.txt").write_text(text, encoding="utf-8")
    (tmp_path / "megion-2023.txt").write_text(amended, encoding="utf-8")
    for year in ("2021", "2023"):
        assert run(["draft", str(tmp_path / f"megion-{year}.txt"), "--id", "megion",
                    "-o", str(tmp_path / f"{year}.yaml")]) == 0
    capsys.readouterr()
    assert run(["diff", str(tmp_path / "2021.yaml"), str(tmp_path / "2023.yaml"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    changes = [c for s in data["sections"] for c in s["changes"]]
    assert sorted((c["type"], c["section"]) for c in changes) == sorted(e[2] for e in EDITS)
    by_type = {(c["type"], c["section"]): c for c in changes}
    reworded = by_type[("reworded", "functions")]
    assert [w["text"].strip() for w in reworded["words"] if w["op"] == "+"] == ["и консультационной"]
    assert reworded["match"]["method"] == "text" and 0.6 <= reworded["match"]["confidence"] < 1
    assert by_type[("deadline_moved", "roadmap")]["new"] == "До 20.12.2021"
    added = by_type[("added", "functions")]
    assert added["new"].startswith("организуют стажировки молодых педагогов")
    assert "и клубы" in by_type[("reworded", "subjects")]["new"]


def test_a_draft_compared_with_itself_is_no_change(tmp_path, capsys):
    source = importlib.resources.files("efs_megion") / "documents" / "megion.txt"
    (tmp_path / "megion.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["draft", str(tmp_path / "megion.txt"), "--id", "megion", "-o", str(tmp_path / "a.yaml")]) == 0
    assert run(["diff", str(tmp_path / "a.yaml"), str(tmp_path / "a.yaml")]) == 0
    assert "Изменений нет" in capsys.readouterr().out
