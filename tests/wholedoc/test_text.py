"""The document read as words: abbreviations introduced and used, names in any case, spellings that differ."""

from __future__ import annotations

import pytest

from efs.wholedoc.abbreviations import read, spells
from efs.wholedoc.names import distance, near
from efs.wholedoc.text import Text, is_abbreviation


@pytest.mark.parametrize(
    ("short", "words", "ok"),
    [
        ("ЦНППМ", "Центр непрерывного повышения профессионального мастерства педагогических работников", True),
        ("МСНМС", "муниципальной системы научно-методического сопровождения педагогических работников", True),
        ("ДОН ТО", "Департамент образования и науки Тюменской области", True),
        ("ГАУ ДПО «АМИРО»", "государственного автономного учреждения дополнительного профессионального "
                            "образования «Амурский областной институт развития образования»", True),
        ("ФГБОУ ВО БГПУ", "Федеральное государственное бюджетное образовательное учреждение высшего "
                          "образования «Благовещенский государственный педагогический университет»", True),
        ("ИПКиИИРО", "Институт повышения квалификации и профессиональной переподготовки работников", False),
        ("ММС", "муниципального методического центра", False),
        ("ДЮиМП", "Департамент образования и молодежной политики", False),
    ],
)
def test_an_abbreviation_spells_the_initials_of_its_words(short, words, ok):
    assert spells(short, words) is ok


def test_introductions_find_their_words_and_uses_outside_quotes_and_legal_forms():
    text = Text([
        "1. Положение о муниципальной системе научно-методического сопровождения (далее – МСНМС).",
        "2. Цель МСНМС — помощь ЦНППМ; сведения для паспорта ДППО.",
        "3. ГАУ ДПО «АМИРО» и МКУ «ЦРО» работают по ФГОС; приказ № АЗ-872/08 и закон № 273-ФЗ.",
    ])
    abbr = read(text)
    (intro,) = abbr.introductions
    assert (intro.short, intro.line, intro.matches) == ("МСНМС", 1, True)
    assert intro.expansion.startswith("муниципальной системе")
    used = {u.token.text: u.short for u in abbr.uses}
    assert used == {"МСНМС": "МСНМС", "ЦНППМ": None, "ДППО": None, "ФГОС": None}


def test_words_in_capitals_of_a_letterhead_are_not_abbreviations():
    text = Text(["ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И МОЛОДЁЖНОЙ ПОЛИТИКИ", "ПРИКАЗ", "Работает ДОиМП."])
    assert [t.text for t in text.abbreviations()] == ["ДОиМП"]
    assert not is_abbreviation("ДЕПАРТАМЕНТ") and is_abbreviation("АмРИО")


def test_a_name_in_any_case_is_one_name():
    text = Text(["обеспечивает взаимодействие с Министерством образования и науки Республики Алтай"])
    assert text.lemmas(3, 9) == ("министерство", "образование", "и", "наука", "республика", "алтай")


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [("АмРИО", "АМИРО", True), ("ДЮиМП", "ДОиМП", True), ("ИПКиИИРО", "ИПКиППРО", True),
     ("ФМЦ", "ФНМЦ", False), ("ДПП", "ДПО", False), ("ЦНППМ", "ЦНППМ", False)],
)
def test_a_misspelt_abbreviation_is_near_the_right_one(a, b, close):
    assert near(a, b) is close


def test_distance_counts_a_swap_as_one_edit():
    assert distance("амрио", "амиро") == 1
    assert distance("ипкииирo", "ипкиппро") >= 2


def test_trace_words_leave_out_only_the_acts_cited_with_a_number(registry):
    """The words compared for template traces drop the words of an act cited «от … № …» and nothing else; an
    act with a number or a date is found only after «№» (the shipped documents' every line agrees), which is
    what lets the reading skip the citation search on a line without it."""
    from efs.documents.citations import citations
    from efs.documents.shipped import load
    from efs.wholedoc.traces import words

    line = "В соответствии с Указом Президента РФ от 07.05.2018 № 204 педагоги проходят диагностику."
    kept = [w for w, _ in words([line, "Указ от 07.05.2018 о целях"])]
    assert "педагоги" in kept and "президента" not in kept and "204" not in kept
    assert kept[-4:] == ["указ", "от", "о", "целях"]
    for name in registry.documents:
        document = load(name, registry=registry)
        assert document is not None
        for text in document.lines:
            if any(c.number or c.date for c in citations(text)):
                assert "№" in text, (name, text)
