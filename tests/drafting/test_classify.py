"""Mapping a bullet to a catalogue function: sure only where the sources agree, else asked with alternatives."""

from __future__ import annotations

from efs.drafting.classify import Precedents, function_of

ALLOWED = {"internships", "professional_development", "expertise", "experience_dissemination", "methodical_support"}
SEMINARS = "проводит семинары, мастер-классы, стажировки для освоения педагогическими работниками компетенций"


def test_the_same_wording_encoded_under_two_functions_is_asked():
    # Two encodings chose internships, one professional development: the majority leads clearly, yet the
    # encodings disagree on this very wording, so the reviewer decides.
    precedents = Precedents()
    for function in ("internships", "internships", "professional_development"):
        precedents.add_bullet(SEMINARS, function, [])
    precedents.add_bullet("оказывает консультационную помощь педагогам", "methodical_support", [])
    guess = function_of(SEMINARS, precedents, ALLOWED)
    assert (guess.value, guess.sure) == ("internships", False)
    assert "professional_development" in guess.alternatives


def test_the_same_wording_encoded_alike_is_sure():
    precedents = Precedents()
    precedents.add_bullet(SEMINARS, "internships", [])
    precedents.add_bullet(SEMINARS, "internships", [])
    precedents.add_bullet("оказывает консультационную помощь педагогам", "methodical_support", [])
    guess = function_of(SEMINARS, precedents, ALLOWED)
    assert (guess.value, guess.sure) == ("internships", True)


def test_keywords_against_the_most_similar_encoded_bullet_are_asked():
    # «экспертизу» names expertise; the most similar encoded bullet (the same materials) is methodical support.
    precedents = Precedents()
    precedents.add_bullet("разрабатывает учебно-методические материалы для педагогических работников",
                          "methodical_support", [])
    precedents.add_bullet("организует стажировки педагогов", "internships", [])
    guess = function_of("проводить экспертизу учебно-методических материалов для педагогических работников",
                        precedents, ALLOWED)
    assert (guess.value, guess.sure) == ("expertise", False)
    assert "methodical_support" in guess.alternatives
