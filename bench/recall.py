"""Recall and precision of ``efs validate`` against what a careful reader finds in each bundled document.

Run::

    .venv/bin/python bench/recall.py              # the table by document and family
    .venv/bin/python bench/recall.py --details    # every missed and unexpected finding

The expectations are ``tests/wholedoc/expected/<jurisdiction>.yaml``: written from reading each document,
every expected finding with its line and reason (see ``tests/wholedoc/expectation.py`` for how findings
are matched). Families: :mod:`efs.wholedoc.families`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.wholedoc.expectation import Score, compare, expectations, findings_of

    from efs.registry import Registry
    from efs.wholedoc.families import FAMILIES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list missed and unexpected findings")
    args = parser.parse_args()
    registry = Registry.build()
    totals = {family: Score() for family in [*FAMILIES, "all"]}
    rows = []
    for jurisdiction, expectation in expectations().items():
        scores = compare(expectation, findings_of(expectation, registry))
        for family, s in scores.items():
            t = totals[family]
            t.matched += s.matched
            t.expected += s.expected
            t.reported += s.reported
            if args.details:
                for m in s.missed:
                    print(f"{jurisdiction}: пропущено: {m}")
                for u in s.unexpected:
                    print(f"{jurisdiction}: лишнее: {u}")
        rows.append((jurisdiction, scores))
    header = f"{'семейство':<14}" + "".join(f"{j:>18}" for j, _ in rows) + f"{'всего':>18}"
    print(header)
    for family in [*FAMILIES, "all"]:
        cells = [s[family] for _, s in rows] + [totals[family]]
        print(f"{family:<14}" + "".join(
            f"{f'{c.matched}/{c.expected} · {c.matched}/{c.reported}':>18}" for c in cells))
    print()
    print(f"{'семейство':<14}{'полнота':>10}{'точность':>10}")
    for family in [*FAMILIES, "all"]:
        t = totals[family]
        print(f"{family:<14}{t.recall:>10.2f}{t.precision:>10.2f}")


if __name__ == "__main__":
    main()
