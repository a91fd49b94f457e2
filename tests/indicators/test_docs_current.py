"""docs/indicators.md and docs/store.md are generated and must match the code."""

from __future__ import annotations

from efs.indicators.docs import DOCS, bundled_configurations, indicators_markdown, store_markdown


def test_indicators_md_is_current(registry):
    committed = (DOCS / "indicators.md").read_text(encoding="utf-8")
    assert committed == indicators_markdown(registry, bundled_configurations(registry)), (
        "обновите: python -m efs.indicators.docs"
    )


def test_store_md_is_current():
    assert (DOCS / "store.md").read_text(encoding="utf-8") == store_markdown(), (
        "обновите: python -m efs.indicators.docs"
    )
