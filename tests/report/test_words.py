"""Russian agreement and number formatting in the справка (issue 18.5: «23 рекомендаций», 22.1421215242019).

The oracle is Russian grammar written out by hand, independently of pymorphy3: after 1, 21, 31… (not
11) the nominative singular, after 2–4, 22–24… (not 12–14) the genitive singular, otherwise the
genitive plural; adjectives agree with the noun.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from efs.report.words import agree, count

EXPECTED = {
    "рекомендация": {1: "рекомендация", 2: "рекомендации", 5: "рекомендаций", 11: "рекомендаций",
                     21: "рекомендация", 23: "рекомендации", 112: "рекомендаций"},
    "показатель": {1: "показатель", 3: "показателя", 14: "показателей", 22: "показателя", 100: "показателей"},
    "непокрытая обязательная функция": {1: "непокрытая обязательная функция",
                                        2: "непокрытые обязательные функции",
                                        7: "непокрытых обязательных функций"},
    "просроченное мероприятие": {1: "просроченное мероприятие", 4: "просроченных мероприятия",
                                 17: "просроченных мероприятий", 31: "просроченное мероприятие"},
    "замечание к Положению": {1: "замечание к Положению", 23: "замечания к Положению",
                              25: "замечаний к Положению"},
}


@pytest.mark.parametrize(("phrase", "n", "form"), [(p, n, f) for p, forms in EXPECTED.items()
                                                   for n, f in forms.items()])
def test_words_agree_with_numbers(phrase, n, form):
    assert agree(n, phrase) == form
    assert count(n, phrase) == f"{n} {form}"


@pytest.mark.parametrize(("n", "form"), [(1, "показателя"), (2, "показателей"), (11, "показателей"),
                                         (21, "показателя"), (5, "показателей")])
def test_genitive_after_a_preposition(n, form):
    assert agree(n, "показатель", "gent") == form  # «у 21 показателя», «у 5 показателей»


def test_the_report_counts_agree(reports):
    for name, report in reports.items():
        for tile in report["summary"]["tiles"]:
            n, phrase = tile["count"], tile["label"].split(" ", 1)[1]
            assert tile["label"].startswith(f"{n} "), tile
            head = next(w for w in phrase.split() if w.startswith(("показател", "рекомендац", "мероприят",
                                                                    "функци", "замечани")))
            last = n % 10 if n % 100 not in (11, 12, 13, 14) else 0
            if last == 1:
                assert head in ("показатель", "рекомендация", "мероприятие", "функция", "замечание"), (name, tile)
            elif last in (2, 3, 4):
                assert head in ("показателя", "рекомендации", "мероприятия", "функции", "замечания"), (name, tile)
            else:
                assert head in ("показателей", "рекомендаций", "мероприятий", "функций", "замечаний"), (name, tile)


def test_values_are_rounded_with_a_decimal_comma(reports):
    from html.parser import HTMLParser

    from efs.report import render_text

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.numeric = False
            self.values: list[str] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            self.numeric = tag == "td" and ("class", "n") in attrs

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            if self.numeric and data.strip():
                self.values.append(data.strip())
            self.numeric = False

    for report in reports.values():
        page = Cells()
        page.feed(render_text(report, "html"))
        numbers = [v for v in page.values if not v.startswith("до ")]  # deadlines are dates
        assert numbers
        for value in numbers:
            assert re.fullmatch(r"(—|(\d{1,3}(\u202f\d{3})*(,\d)?|0,0*[1-9]\d?)( [^\d\s]\S*)?)", value), value


def test_the_morphology_library_loads_only_with_a_report():
    code = ("import sys, efs, efs.report, efs.report.build, efs.report.html; "
            "print(sorted(m for m in ('pymorphy3', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
