"""What efs cannot know, supplied as a file: YAML, CSV or XLSX; every mistake located, nothing written."""

from __future__ import annotations

import pytest


def test_yaml_fills_fields_nested_or_dotted(tmp_path):
    from efs.passport.fill import read_fill

    path = tmp_path / "f.yaml"
    path.write_text("financing:\n  total: 1250,5\n  regional: 1000\ncontacts.email: cnppm@example.ru\n",
                    encoding="utf-8")
    filled = read_fill(path)
    assert filled.values == {"financing.total": 1250.5, "financing.regional": 1000.0,
                             "contacts.email": "cnppm@example.ru"}


def test_csv_fills_fields_by_code_or_title(tmp_path):
    from efs.passport.fill import read_fill

    path = tmp_path / "f.csv"
    path.write_text("поле;значение\nfinancing.total;2 000\nТелефон;+7 (4162) 00-00-00\n", encoding="utf-8")
    assert read_fill(path).values == {"financing.total": 2000.0, "contacts.phone": "+7 (4162) 00-00-00"}


def test_xlsx_fills_fields(tmp_path):
    from openpyxl import Workbook

    from efs.passport.fill import read_fill

    wb = Workbook()
    ws = wb.active
    ws.append(["Поле", "Значение"])
    ws.append(["financing.federal", 12.5])
    ws.append(["contacts.site", "https://example.ru/rsnms"])
    wb.save(tmp_path / "f.xlsx")
    assert read_fill(tmp_path / "f.xlsx").values == {"financing.federal": 12.5,
                                                     "contacts.site": "https://example.ru/rsnms"}


def test_every_mistake_is_located(tmp_path):
    from efs.errors import DataError
    from efs.passport.fill import read_fill

    path = tmp_path / "f.yaml"
    path.write_text("financing:\n  totl: 5\n  regional: много\ncontacts.phone: 1\ncontacts:\n  phone: 2\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_fill(path)
    text = str(info.value)
    assert f"{path}:2:3" in text and "неизвестное поле «financing.totl»" in text and "financing.total" in text
    assert f"{path}:3:3" in text and "ожидается число" in text
    assert "указано второй раз" in text and f"{path}:6:3" in text and f"{path}:4:1" in text
    assert info.value.exit_code == 1


def test_csv_mistakes_name_the_row(tmp_path):
    from efs.errors import DataError
    from efs.passport.fill import read_fill

    path = tmp_path / "f.csv"
    path.write_text("поле;значение\nfinancing.total;-3\nвсякое;1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_fill(path)
    assert f"{path}:2:1" in str(info.value) and "отрицательной" in str(info.value)
    assert f"{path}:3:1" in str(info.value) and "неизвестное поле «всякое»" in str(info.value)


def test_a_file_without_the_two_columns_is_refused(tmp_path):
    from efs.errors import DataError
    from efs.passport.fill import read_fill

    path = tmp_path / "f.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(DataError, match="нужны столбцы «поле» и «значение»"):
        read_fill(path)


def test_filled_values_reach_the_section_and_a_sum_above_the_total_is_flagged(tmp_path):
    from efs.model import Configuration
    from efs.passport.fill import FIELDS, Filled, fill_section

    config = Configuration.model_validate({"format_version": 1, "jurisdiction": {
        "id": "x", "name": "X", "level": "regional", "document": "x.txt"}})
    s = fill_section(config, Filled({"financing.total": 10.0, "financing.regional": 8.0, "financing.other": 3.0,
                                     "contacts.email": "a@b.ru"}, "f.yaml"), recipient="оператор")
    values = {r["cells"][-1]: r["cells"][2] for r in s["tables"][0]["rows"]}
    assert values["financing.total"] == 10.0 and values["contacts.email"] == "a@b.ru"
    assert values["contacts.phone"] == "заполнить" and values["financing.federal"] is None
    assert any("больше общего объёма" in n for n in s["notes"])
    assert any(f"4 из {len(FIELDS)}" in n for n in s["notes"])
