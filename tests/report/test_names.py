"""The names a reader knows (issue 18.5): documents by title, sources by the document's own numbering, no ids."""

from __future__ import annotations

import pytest

from efs.report.names import Namer


@pytest.fixture(scope="module")
def namer(loaded_configs, registry):
    return Namer(loaded_configs["amur"], registry)


@pytest.mark.parametrize(
    ("section", "shown"),
    [
        ("2.3.3.", "Положение, п. 2.3.3"),
        ("5", "Положение, п. 5"),
        ("Комплекс мер, 2.3.3.", "Положение, раздел «Комплекс мер», п. 2.3.3"),
        ("п. 1", "Положение, п. 1"),
        ("приказ", "Положение, «приказ»"),
        (None, "Положение"),
    ],
)
def test_a_source_in_the_documents_own_numbering_without_file_or_line(namer, section, shown):
    source = {"document": "002_6414ad974cc0e1d7.txt", "section": section, "line": 528}
    assert namer.source(source) == shown


def test_the_federal_document_and_an_unknown_one(namer):
    assert namer.source({"document": "001_5ac565084bef0351.txt", "section": "Показатели эффективности"}).startswith(
        "концепция ЕФС, ")
    assert namer.document("999_0123456789abcdef.txt") == "документ"


def test_the_polozhenie_is_named_by_its_act_when_no_plugin_ships_it(loaded_configs, registry):
    config = loaded_configs["amur"].model_copy(deep=True)
    config.jurisdiction.document = "local_copy.txt"
    title = Namer(config, registry).document_title
    assert title.startswith("Приказ от 12.05.2023 № 464 «О региональной системе научно-методического")
    assert title.endswith("(Министерство образования и науки Амурской области (Минобрнауки Амурской области))")


def test_indicators_by_number_a_trailing_dot_dropped(namer, loaded_configs, registry):
    assert namer.indicator("federal_1") == "федеральный показатель № 1"
    config = loaded_configs["amur"].model_copy(deep=True)
    config.indicators[0].number = "4."
    assert Namer(config, registry).indicator(config.indicators[0].id) == "показатель № 4"


def test_free_text_loses_its_ids(namer):
    text = ("функцию «координация деятельности субъектов системы» (coordination) на уровне «муниципальный» "
            "не выполняет никто; виды: municipal_authority; см. federal_1 и 002_6414ad974cc0e1d7.txt")
    shown = namer.humanize(text)
    assert "(coordination)" not in shown and "coordination" not in shown
    assert "municipal_authority" not in shown and "federal_1" not in shown and ".txt" not in shown
    assert "федеральный показатель № 1" in shown and "«координация деятельности субъектов системы» на уровне" in shown
