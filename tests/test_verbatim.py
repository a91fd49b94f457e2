"""Every verbatim text of every bundled configuration is found in its seed near its source line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verbatim import load_seed, misses, normalize

CONFIGS = sorted((Path(__file__).resolve().parents[1] / "config").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=[p.stem for p in CONFIGS])
def test_every_verbatim_text_is_in_its_seed_near_its_source_line(path, registry):
    from efs.loading import load_configuration

    config = load_configuration(path, registry=registry)
    missing = misses(config)
    assert not missing, f"{len(missing)} текстов не найдено:\n" + "\n".join(missing)


def test_normalisation_removes_markup_and_collapses_whitespace():
    assert normalize("<p>Текст\n  «в кавычках»</p>") == 'Текст "в кавычках"'
    assert normalize("3.2.1. [bookmark: bookmark4]Министерство") == "3.2.1. Министерство"


def test_table_cell_continued_on_following_lines_is_found():
    seed = load_seed("002_6414ad974cc0e1d7.txt")
    # Roadmap 1.1.2: its measure text continues two lines below, in the same column.
    text = ("1.1.2. Утвержден Комплекс мер («дорожная карта») по функционированию региональной системы "
            "научно-методического сопровождения педагогических работников и управленческих кадров")
    assert seed.found(text, 478)
    assert not seed.found(text, 400)
