"""covering year indexes of the event tables for indicator member lists

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 23:10:00

The indicator queries list the people with an event of the year (``SELECT DISTINCT staff_id FROM
diagnostics WHERE jurisdiction_id = ? AND taken_on …``): with every column they filter on in the
year index, the list is read from the index alone instead of one table row per event. A second
diagnostics index answers the per-person probe «a deficits diagnostic by this provider no later
than…» the same way. Support participation keeps its narrow year index: its overlap condition has no
lower bound on the start, and the planner lists it by the primary key (in person order, so the list
needs no sorting) — a covering year index made it pick the year order and sort (measured slower).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JUR = "jurisdiction_id"
#: table → (index, columns before, columns after)
CHANGED = {
    "diagnostics": (
        "ix_diagnostics_year",
        [JUR, "taken_on"],
        [JUR, "taken_on", "kind", "provider", "result_percent", "deficits_found", "staff_id"],
    ),
    "individual_routes": (
        "ix_individual_routes_year",
        [JUR, "started_on"],
        [JUR, "started_on", "ended_on", "based_on_diagnostics", "staff_id"],
    ),
    "programme_completions": (
        "ix_programme_completions_year",
        [JUR, "completed_on"],
        [JUR, "completed_on", "selected_by_diagnostics", "programme_id", "staff_id"],
    ),
}


def upgrade() -> None:
    """Upgrade schema."""
    for table, (name, _, after) in CHANGED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, after, unique=False)
    op.create_index("ix_diagnostics_staff", "diagnostics", [JUR, "staff_id", "kind", "taken_on", "provider"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_diagnostics_staff", table_name="diagnostics")
    for table, (name, before, _) in CHANGED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before, unique=False)
