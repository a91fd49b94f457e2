"""Every section of the passport, on every bundled configuration with synthetic data.

The counts are checked against :mod:`tests.passport.oracle`, a recomputation in plain Python from the
rows ``efs data export`` writes — no SQL and no code of the passport — with ``min_denominator=1``, so that
nothing is hidden and every number can be compared.
"""

from __future__ import annotations

import pytest

from tests.passport.conftest import NAMES, YEAR, by_label, find, section
from tests.passport.oracle import Oracle


def _open(loaded_configs, name):
    config = loaded_configs[name]
    if isinstance(config, Exception):
        pytest.fail(f"конфигурация {name} не загружается: {config}")
    return config


def _build(passport_store, config, registry, municipality=None, k=1):
    from efs.passport import build_passport

    return build_passport(config, passport_store, year=YEAR, registry=registry, municipality=municipality,
                          min_denominator=k)


def _grains(passport_store, config):
    """(municipality or None, grouping, label of a group) of the whole passport and of one municipality's part."""
    from efs.passport.counts import municipalities
    from efs.passport.text import ORGANIZATION_KINDS

    names = municipalities(passport_store, config.jurisdiction.id)
    if config.jurisdiction.level.value == "municipal":
        return [(None, "kind", lambda k: ORGANIZATION_KINDS.get(k, k))]
    first = next(iter(names))
    return [(None, "municipality", names.get), (first, "kind", lambda k: ORGANIZATION_KINDS.get(k, k))]


@pytest.mark.parametrize("name", NAMES)
def test_every_section_is_there_in_order_with_its_source(passports, name):
    from efs.passport.text import SECTIONS

    p = passports[name]
    assert [s["id"] for s in p["sections"]] == [sid for sid, _ in SECTIONS]
    for s in p["sections"]:
        assert s["from"] and s["tables"], s["id"]
        for t in s["tables"]:
            width = len(t["columns"])
            assert all(len(row["cells"]) == width for row in t["rows"]), (s["id"], t["id"])


@pytest.mark.parametrize("name", NAMES)
def test_staff_and_engagement_equal_the_recomputation_from_exported_rows(
        passport_store, exported, loaded_configs, registry, name):
    config = _open(loaded_configs, name)
    for municipality, by, label in _grains(passport_store, config):
        p = _build(passport_store, config, registry, municipality)
        oracle = Oracle(exported, config.jurisdiction.id, YEAR, by, municipality)
        expected = oracle.staff()
        rows = by_label(find(p, "staff", "staff"))
        assert expected, "синтетические данные без работников: проверять нечего"
        for group, counts in expected.items():
            row = rows[label(group)]
            for measure in ("pedagogical", "under35", "managers", "active"):
                assert row[measure] == counts.get(measure, 0), (municipality, group, measure)
        total = rows["Итого"]
        assert total["pedagogical"] == sum(c.get("pedagogical", 0) for c in expected.values())
        engaged = oracle.engagement()
        rows = by_label(find(p, "engagement", "engagement"))
        for group, counts in engaged.items():
            for measure, n in counts.items():
                assert rows[label(group)][measure] == n, (municipality, group, measure)
        shares = by_label(find(p, "engagement", "engagement_shares"))
        for group, counts in engaged.items():
            if counts["pedagogical"]:
                expected_share = round(counts.get("diagnostics", 0) / counts["pedagogical"] * 100, 1)
                assert shares[label(group)]["diagnostics"] == pytest.approx(expected_share, abs=0.051)


@pytest.mark.parametrize("name", NAMES)
def test_programmes_and_completions_equal_the_recomputation(passport_store, exported, loaded_configs, registry, name):
    from efs.passport.text import NO_DEVELOPER

    config = _open(loaded_configs, name)
    for municipality, by, _label in _grains(passport_store, config):
        p = _build(passport_store, config, registry, municipality)
        oracle = Oracle(exported, config.jurisdiction.id, YEAR, by, municipality)
        rows = by_label(find(p, "programmes", "by_developer"))
        for developer, counts in oracle.programmes().items():
            for measure, n in counts.items():
                assert rows[developer or NO_DEVELOPER][measure] == n
        done = oracle.completions()
        rows = by_label(find(p, "programmes", "completions"))
        assert done, "в синтетических данных никто не осваивал программ"
        for developer, counts in done.items():
            row = rows["Итого" if developer == "__total__" else developer or NO_DEVELOPER]
            assert (row["persons"], row["registry"]) == (counts["persons"], counts["registry"])
        forms = by_label(find(p, "programmes", "by_form"))
        assert forms["Итого"]["programmes"] == sum(c["programmes"] for c in oracle.programmes().values())
        assert forms["в сетевой форме"]["programmes"] == sum(c["network"] for c in oracle.programmes().values())


@pytest.mark.parametrize("name", NAMES)
def test_infrastructure_lists_the_centres_and_counts_the_sites(
        passport_store, exported, loaded_configs, registry, name):
    config = _open(loaded_configs, name)
    p = _build(passport_store, config, registry)
    oracle = Oracle(exported, config.jurisdiction.id, YEAR, "municipality")
    total = by_label(find(p, "infrastructure", "site_counts"))["Итого"]
    sites = oracle.sites()
    assert sites, "в синтетических данных нет площадок"
    for kind, n in sites.items():
        assert total[kind] == n
    assert total["all"] == sum(sites.values()) == len(find(p, "infrastructure", "sites")["rows"])
    centres = {row["cells"][-1] for row in find(p, "infrastructure", "centres")["rows"]}
    cnppm = {s.id for s in config.subjects if s.kind == "cnppm"}
    expected = {s.id for s in config.subjects if s.kind in ("cnppm", "cnppm_branch")
                or (s.part_of is not None and s.part_of.id in cnppm)}
    assert centres == expected
    named = {row["cells"][-1] for row in find(p, "infrastructure", "site_subjects")["rows"]}
    assert named == {s.id for s in config.subjects if s.kind in ("internship_site", "innovation_site",
                                                                  "networking_site")}
    stored = find(p, "infrastructure", "stored_centres")["rows"]
    assert [r["cells"][-1] for r in stored] == [o["id"] for o in oracle.t["organizations"] if o["kind"] == "cnppm"]


def test_the_branches_of_the_tyumen_cnppm_are_listed_with_their_parent(passports, loaded_configs):
    config = _open(loaded_configs, "tyumen")
    branches = [s for s in config.subjects if s.kind == "cnppm_branch"]
    rows = {r["cells"][-1]: r["cells"] for r in find(passports["tyumen"], "infrastructure", "centres")["rows"]}
    assert len(branches) >= 2
    for b in branches:
        parent = b.host or b.part_of
        assert rows[b.id][3], f"у филиала {b.id} не названа головная организация ({parent})"


@pytest.mark.parametrize("name", NAMES)
def test_structure_is_the_configuration(passports, loaded_configs, name):
    config = _open(loaded_configs, name)
    p = passports[name]
    subjects = find(p, "structure", "subjects")["rows"]
    assert [r["cells"][-1] for r in subjects] == [s.id for s in config.subjects]
    levels = by_label(find(p, "structure", "levels"))
    assert levels["Итого"]["subjects"] == len(config.subjects)
    assert len(find(p, "structure", "agreements")["rows"]) == len(config.agreements)
    hosted = {s.id: s for s in config.subjects if s.host is not None and s.host.id}
    for row in subjects:
        if row["cells"][-1] in hosted:
            assert row["cells"][5] not in (None, ""), row["cells"]


@pytest.mark.parametrize("name", NAMES)
def test_indicators_are_the_reports(passport_store, passports, loaded_configs, registry, name):
    from efs.report import build_report
    from efs.report.text import rounded

    config = _open(loaded_configs, name)
    report = build_report(config, passport_store, year=YEAR, registry=registry)
    rows = find(passports[name], "indicators", "indicators")["rows"]
    assert [(r["cells"][-1], r["cells"][2], r["cells"][5]) for r in rows] == [
        (i["id"], rounded(i["value"]), i["status_label"]) for i in report["indicators"]["items"]]


def test_a_municipality_part_takes_the_indicators_of_its_municipality(passport_store, loaded_configs, registry):
    from efs.indicators import compute
    from efs.report.text import rounded

    config = _open(loaded_configs, "amur")
    p = _build(passport_store, config, registry, "m001", k=5)
    assert p["municipality"]["id"] == "m001" and p["part"]
    mine = {(r.indicator_id, r.indicator_text): r for r in
            compute(config, passport_store, year=YEAR, by="municipality", registry=registry) if r.scope_id == "m001"}
    rows = find(p, "indicators", "indicators")["rows"]
    assert rows
    for r in rows:
        result = mine[(r["cells"][-1], r["cells"][1])]
        assert r["cells"][2] == rounded(result.value)


@pytest.mark.parametrize("name", NAMES)
def test_what_efs_cannot_know_is_marked_to_fill(passports, name):
    from efs.passport.fill import FIELDS, TO_FILL

    s = section(passports[name], "to_fill")
    rows = s["tables"][0]["rows"]
    assert [r["cells"][-1] for r in rows] == [f.id for f in FIELDS]
    assert not s["complete"]
    assert all(r["cells"][2] in (None, TO_FILL) for r in rows)
    assert any(f.group == "Финансовое обеспечение" for f in FIELDS) and any(f.group == "Контакты" for f in FIELDS)


def test_the_recipient_is_the_federal_operator_for_a_region_and_the_cnppm_for_a_municipality(passports):
    assert "федеральный оператор" in passports["amur"]["recipient"]
    assert "ЦНППМ" in passports["megion"]["recipient"]
    assert passports["megion"]["part"] and not passports["amur"]["part"]
