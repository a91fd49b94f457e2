"""Every verbatim text of every bundled configuration is found in its shipped document near its source line."""

from __future__ import annotations

from pathlib import Path

import pytest

from efs.documents.normalize import TextIndex, normalize
from tests.conftest import shipped_document
from tests.verbatim import misses

CONFIGS = sorted((Path(__file__).resolve().parents[1] / "config").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=[p.stem for p in CONFIGS])
def test_every_verbatim_text_is_in_its_document_near_its_source_line(path, registry):
    from efs.loading import load_configuration

    config = load_configuration(path, registry=registry)
    missing = misses(config, registry)
    assert not missing, f"{len(missing)} текстов не найдено:\n" + "\n".join(missing)


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
    amur = documents_index("002_6414ad974cc0e1d7.txt", registry)
    # Roadmap 1.1.2: its measure text continues two lines below, in the same column.
    text = ("1.1.2. Утвержден Комплекс мер («дорожная карта») по функционированию региональной системы "
            "научно-методического сопровождения педагогических работников и управленческих кадров")
    assert amur.found(text, 478)
    assert not amur.found(text, 400)
    assert amur.lines_of(text) == [478]


def documents_index(name: str, registry) -> TextIndex:
    from efs import documents

    return documents.index(shipped_document(name, registry))
