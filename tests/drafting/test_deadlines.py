"""Roadmap deadlines: what each wording means, read the way the hand encodings read the adopted roadmaps."""

from __future__ import annotations

import pytest

from efs.drafting.roadmap import _deadline


@pytest.mark.parametrize(("written", "meaning"), [
    ("до 15.05.2023", {"kind": "date", "date": "2023-05-15"}),
    ("до 1 сентября 2023 года", {"kind": "date", "date": "2023-09-01"}),
    ("до декабря 2024 года", {"kind": "date", "date": "2024-12-01"}),
    ("до 2024 года", {"kind": "date", "date": "2024-12-31"}),
    ("ноябрь 2023 года", {"kind": "period", "start": "2023-11-01", "end": "2023-11-30"}),
    ("март-декабрь 2024 года", {"kind": "period", "start": "2024-03-01", "end": "2024-12-31"}),
    ("с 15 марта по 31 декабря 2024 года", {"kind": "period", "start": "2024-03-15", "end": "2024-12-31"}),
    ("с 1 по 30 сентября 2024", {"kind": "period", "start": "2024-09-01", "end": "2024-09-30"}),
    ("IV квартал 2023 года", {"kind": "period", "start": "2023-10-01", "end": "2023-12-31"}),
    ("ежегодно", {"kind": "recurrence", "frequency": "annually", "end": "2024-12-31"}),
    ("Ежегодно - до 20 мая - до 20 декабря",
     {"kind": "recurrence", "frequency": "annually", "end": "2024-12-20", "on": ["05-20", "12-20"]}),
    ("Ежегодно до 1 декабря 2023 до 1 декабря 2024",
     {"kind": "recurrence", "frequency": "annually", "start": "2023-12-01", "end": "2024-12-01", "on": ["12-01"]}),
    ("Ежегодно в соответствии с учебным графиком - 2022/23 учебный год - 2023/24 учебный год",
     {"kind": "recurrence", "frequency": "annually", "start": "2022-09-01", "end": "2024-08-31"}),
    ("не менее 1 раза в месяц", {"kind": "recurrence", "frequency": "monthly", "end": "2024-12-31"}),
    ("Постоянно", {"kind": "recurrence", "frequency": "continuously", "end": "2024-12-31"}),
    ("В срок до 01.11.2021 далее - в течение года", {"kind": "date", "date": "2021-11-01"}),
    ("В течение года", {"kind": "unspecified"}),
    ("в соответствии с графиком", {"kind": "unspecified"}),
])
def test_a_deadline_means_what_it_says(written, meaning):
    # The roadmap runs to 2024 («Комплекс мер … до 2024 года»): a recurrence without dates of its own ends then.
    assert _deadline(written, "2024") == {"as_written": written, **meaning}


def test_every_deadline_of_the_bundled_roadmaps_reads_as_the_hand_encoding(registry):
    # The oracle: the deadlines of config/amur.yaml and config/megion.yaml, each read by a person.
    from efs.loading import load_configuration

    checked = 0
    for jurisdiction, horizon in (("amur", "2024"), ("megion", None)):
        config = load_configuration(registry.jurisdictions[jurisdiction].config_path, registry=registry)
        for measure in config.roadmap:
            if measure.deadline is None:
                continue
            hand = measure.deadline.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            hand["as_written"] = measure.deadline.as_written
            assert _deadline(measure.deadline.as_written, horizon) == hand, measure.number
            checked += 1
    assert checked >= 70
