"""The disclosure audit: an intruder tries to recover every hidden cell from everything efs publishes.

docs/disclosure.md, «Проверка». For each shipped jurisdiction, on a synthetic store with many small
cells, for two years, the intruder (tests/indicators/intruder.py: written from the published outputs
and the documented hierarchy, not from efs.indicators.disclosure) reads the indicators at every scope,
the readings of ``--explain``, the exported aggregate returns and the JSON справка, and bounds each
hidden cell's numerator and denominator by linear programming. With the default protection it must
recover nothing; with primary suppression only, the same intruder recovers many cells — proof that it
can find what secondary suppression is there to hide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.indicators import intruder as I

YEARS = (2023, 2024)
#: name → (jurisdiction, staff, seed): small stores with many small cells (a few hundred hidden per year in a region)
STORES = {
    "amur": ("amur", 1500, 1),
    "tyumen": ("tyumen", 1500, 1),
    "megion": ("megion", 1500, 1),
    "turochak": ("turochak", 1500, 1),
    # where the intruder sees the tutors count equal to the denominator of teachers per tutor (three shown units)
    "amur, зерно 3": ("amur", 1500, 3),
}


@dataclass
class Audit:
    """One jurisdiction and year: what is published with and without secondary suppression, and the truth."""

    protected: I.Publication
    primary: I.Publication
    truth: I.Publication
    models: dict[str, I.Model]
    found: dict[str, list[I.Recovery]]
    report: dict[tuple[I.Table, I.Unit, int], I.Shown]


@pytest.fixture(scope="module")
def audits(tmp_path_factory) -> dict[tuple[str, int], Audit]:
    from efs.workspace import Workspace

    out = {}
    for name, (jurisdiction, staff, seed) in STORES.items():
        base = tmp_path_factory.mktemp(f"intruder_{jurisdiction}_{seed}")
        ws = Workspace(str(base / "s.sqlite"), writable=True)
        ws.synthesize(jurisdiction, staff=staff, year=YEARS[-1], years=len(YEARS), seed=seed)
        ws.export(base / "export", jurisdiction=jurisdiction, tables=["aggregate_returns"])
        returns = I.read_returns(base / "export" / "aggregate_returns.csv")
        for year in YEARS:
            pubs = {
                "protected": I.observe(ws, jurisdiction, year, returns[year]),
                "primary": I.observe(ws, jurisdiction, year, returns[year], secondary=False),
            }
            truth = I.observe(ws, jurisdiction, year, returns[year], show_small=True)
            models = {mode: I.build(pub) for mode, pub in pubs.items()}
            found = {mode: I.attack(pubs[mode], models[mode]) for mode in pubs}
            report = I.report_cells(ws.build_report(jurisdiction, year).data)
            out[name, year] = Audit(pubs["protected"], pubs["primary"], truth, models, found, report)
        ws.close()
    return out


def test_the_intruders_model_is_true_of_the_unsuppressed_values(audits):
    """Every sum, equality and inequality the intruder assumes holds exactly on the real cells."""
    broken = []
    for (jurisdiction, year), a in audits.items():
        for mode, m in a.models.items():
            broken += [f"{jurisdiction} {year} ({mode}): {b}" for b in I.check_model(m, I.truth_of(a.truth, m))]
            assert m.assumed["сумма"], f"{jurisdiction}: the intruder knows no sum: it has no teeth"
    assert not broken, "модель злоумышленника неверна:\n" + "\n".join(broken[:40])


def test_the_stores_have_many_small_cells(audits):
    primary = {j: sum(len(a.models["primary"].hidden) for (jj, _), a in audits.items() if jj == j) for j in STORES}
    assert all(n >= 50 for n in primary.values()), primary


def _listing(audits: dict[tuple[str, int], Audit], mode: str) -> tuple[list[str], dict[str, tuple[int, int]]]:
    lines: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    for (jurisdiction, _), a in audits.items():
        pub = a.protected if mode == "protected" else a.primary
        lines += [I.describe(pub, r) for r in a.found[mode]]
        found, hidden = counts.get(jurisdiction, (0, 0))
        counts[jurisdiction] = (found + len(a.found[mode]), hidden + len(a.models[mode].hidden))
    return lines, counts


def test_no_hidden_cell_is_recovered_from_what_is_published(audits):
    lines, counts = _listing(audits, "protected")
    summary = ", ".join(f"{j} {f}/{h}" for j, (f, h) in counts.items())
    assert not lines, f"раскрыто скрытых ячеек (раскрыто/скрыто): {summary}\n" + "\n".join(lines)


def test_without_secondary_suppression_the_same_intruder_recovers_many_cells(audits):
    lines, counts = _listing(audits, "primary")
    assert len(lines) >= 10, counts


def test_the_report_shows_no_cell_the_indicators_hide(audits):
    """The JSON справка (this year's cards, their drill-down and history) shows what ``efs indicators`` shows."""
    extra = []
    for (jurisdiction, _), a in audits.items():
        for (table, unit, year), (num, den, val) in a.report.items():
            cell = audits[jurisdiction, year].protected.cells.get((table, unit))
            if cell is None or cell.hidden:
                extra.append(f"{jurisdiction} {year} {table} {unit}: справка показывает {num}/{den} → {val}, "
                             f"efs indicators — {'скрыто' if cell else 'нет ячейки'}")
            elif num is not None and (num, den) != (cell.numerator, cell.denominator):
                extra.append(f"{jurisdiction} {year} {table} {unit}: справка {num}/{den}, "
                             f"efs indicators {cell.numerator}/{cell.denominator}")
    assert not extra, "\n".join(extra[:40])
