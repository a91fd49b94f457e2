"""Verbatim texts: the one normalisation, and the product checking every quoted text of the bundled configurations."""

from __future__ import annotations

from collections import Counter

import pytest

from efs.documents.normalize import TextIndex, normalize
from tests.conftest import shipped_document
from tests.verbatim import verbatim_texts

NAMES = ["amur", "megion", "turochak", "tyumen"]


@pytest.mark.parametrize("name", NAMES)
def test_the_product_checks_every_text_the_independent_listing_names(name, bundled_configs):
    from efs.conformance.rules_sources import quotations

    config = bundled_configs[name]
    listed = Counter((text, s.document, s.line) for _, text, s in verbatim_texts(config) if s is not None)
    checked = Counter((q.text, q.source.document, q.source.line) for q in quotations(config) if q.source)
    assert not listed - checked, sorted(listed - checked)[:5]
    assert sum(listed.values()) > 100


@pytest.mark.parametrize("name", NAMES)
def test_every_verbatim_text_of_a_bundled_configuration_is_at_its_source_line(name, bundled_configs, registry):
    from efs.conformance import validate

    findings = validate(bundled_configs[name], registry=registry, select=["EFS02"])
    assert [f"{f.code} {f.location.dotted_path}: {f.message}" for f in findings] == []


def test_normalisation_removes_markup_unifies_quotes_and_collapses_whitespace():
    assert normalize("<p>Текст\n  «в кавычках»</p>") == 'Текст "в кавычках"'
    assert normalize("3.2.1. [bookmark: bookmark4]Министерство") == "3.2.1. Министерство"
    assert normalize("„a“ ‘b’ 'c'\t\u00a0d") == '"a" "b" "c" d'


def test_normalisation_keeps_case_dashes_and_look_alike_letters():
    # These are the document's own text, and some are its defects: the validator must see them.
    assert normalize("ЦНППМ – центр") == "ЦНППМ – центр"
    assert normalize("Мегiон") != normalize("Мегион")  # a Latin «i»
    assert normalize("Центр") != normalize("центр")


def test_text_is_found_only_within_two_lines_of_where_it_starts():
    idx = TextIndex(["шапка", "", "первая строка пункта", "продолжение пункта", "", "", "", "", "хвост"])
    assert idx.found("первая строка пункта продолжение", 3)
    assert idx.found("первая строка", 5) and idx.found("первая строка", 1)
    assert not idx.found("первая строка", 6)
    assert idx.lines_of("продолжение") == [4]
    assert idx.lines_of("нет такого") == []


def test_table_cell_continued_on_following_lines_is_found(registry):
    from efs import documents

    amur = documents.index(shipped_document("002_6414ad974cc0e1d7.txt", registry))
    # Roadmap 1.1.2: its measure text continues two lines below, in the same column.
    text = ("1.1.2. Утвержден Комплекс мер («дорожная карта») по функционированию региональной системы "
            "научно-методического сопровождения педагогических работников и управленческих кадров")
    assert amur.found(text, 478)
    assert not amur.found(text, 400)
    assert amur.lines_of(text) == [478]


def test_a_table_row_whose_continuation_leaves_out_leading_cells_is_read_shifted():
    idx = TextIndex(["№\tМероприятие\tСрок", "1.\tПровести\tдо 1 мая", "обучение педагогов", "", "2.\tИное\t—"])
    # Line 3 leaves out the «№» cell: it continues the «Мероприятие» column shifted one cell left.
    assert idx.found("Провести обучение педагогов", 2)
    assert not idx.found("Провести иное", 2)
