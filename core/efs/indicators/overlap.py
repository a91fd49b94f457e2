"""Aggregate returns the computation sets aside: a unit with both person rows and a return is never a silent choice.

::

    from efs.indicators.overlap import set_aside_returns
    for item in set_aside_returns(config, store, year=2024):
        print(item.text())

The choice itself is the engine's (:func:`efs.indicators.engine.split_returns`, the one place that decides):
person-level rows win over a return for the same organisation or municipality, an organisation's
return over its municipality's, a sub-measure row needs its unit's main row, and a return for an
indicator without a formula (or unknown to the configuration) is not counted. This module runs the
same person-level queries as :func:`efs.indicators.engine.compute` and lists every return not used, with
the reason in Russian, for ``efs data import`` (a warning); a computation that runs them anyway (the
справка's, ``efs indicators``) has the same list as its by-product (``compute(..., set_aside=[])``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.indicators.plan import IndicatorPlan
    from efs.indicators.runner import Hierarchy
    from efs.model import Configuration
    from efs.registry import Registry

#: ``scope`` of a return → how a sentence names the unit.
SCOPE_WORDS = {"organization": "организация", "municipality": "муниципалитет"}


@dataclass(frozen=True)
class SetAside:
    """One aggregate return (one row: an indicator or one of its sub-measures) the computation does not use.

    Attributes:
        jurisdiction: Jurisdiction id.
        year: The return's year.
        indicator_id: The indicator it was filed for.
        indicator_text: The indicator's wording (the id when the indicator is unknown).
        sub_measure: Sub-measure id (``None``: the indicator itself).
        scope: ``organization`` or ``municipality``.
        scope_id: Code of the organisation or municipality.
        scope_name: Its name (the code when the store does not name it).
        numerator: The return's numerator.
        denominator: Its denominator (``None`` for a count).
        reason: Key of :data:`REASONS`.
        reason_text: Why it is set aside and what is used instead, in Russian.
    """

    jurisdiction: str
    year: int
    indicator_id: str
    indicator_text: str
    sub_measure: str | None
    scope: str
    scope_id: str
    scope_name: str
    numerator: float
    denominator: float | None
    reason: str
    reason_text: str

    @property
    def key(self) -> tuple[str, str, int, str, str, str]:
        """The return's key in ``aggregate_returns``: jurisdiction, indicator, year, scope, scope id, sub-measure."""
        return (self.jurisdiction, self.indicator_id, self.year, self.scope, self.scope_id, self.sub_measure or "")

    def unit(self) -> str:
        """The unit in words: «организация «Школа № 1» (o1)»."""
        name = f"«{self.scope_name}» ({self.scope_id})" if self.scope_name != self.scope_id else f"«{self.scope_id}»"
        return f"{SCOPE_WORDS.get(self.scope, self.scope)} {name}"

    def measure(self) -> str:
        """The indicator (and sub-measure) in words."""
        part = f", часть «{self.sub_measure}»" if self.sub_measure else ""
        return f"показатель {self.indicator_id}{part}"

    def text(self) -> str:
        """One Russian line: which return, and why it is not used."""
        den = "" if self.denominator is None else f"/{self.denominator:g}"
        return (f"сводный отчёт не использован: {self.unit()}, {self.measure()}, {self.year} г. "
                f"({self.numerator:g}{den}) — {self.reason_text}")

    def as_dict(self) -> dict[str, Any]:
        """Plain data, with ``text`` (:meth:`text`)."""
        return {**asdict(self), "text": self.text()}

    def published(self) -> dict[str, Any]:
        """Plain data for outputs that are published (``efs indicators --format json``): which return and why,
        without its own numbers — a small unit's return is not disclosure-controlled."""
        return {
            "year": self.year,
            "indicator_id": self.indicator_id,
            "sub_measure": self.sub_measure,
            "scope": self.scope,
            "scope_id": self.scope_id,
            "scope_name": self.scope_name,
            "reason": self.reason,
            "reason_text": self.reason_text,
        }


def set_aside_returns(
    config: Configuration,
    store: Store,
    year: int | None = None,
    *,
    registry: Registry | None = None,
    pending: Iterable[Mapping[str, Any]] = (),
) -> list[SetAside]:
    """Every aggregate return of ``config``'s jurisdiction that the computation of ``year`` does not use.

    Args:
        config: The jurisdiction's configuration (its indicators, and the federal ones, are computed).
        store: An open store at the newest revision.
        year: Only this year (default: every year the store holds returns of the jurisdiction for, or
            ``pending`` has).
        registry: Plugin registry (built when ``None``).
        pending: Returns about to be written (rows of ``aggregate_returns`` as mappings; other jurisdictions'
            are ignored): they are checked as if stored, each in place of a stored return with the same key —
            what ``efs data import --dry-run`` says without writing. Exact only while nothing else the
            indicators read is about to change (the person-level rows are read from the store).

    Returns:
        The returns set aside, by year, indicator, scope, unit and sub-measure; empty when every return
        is used.

    Raises:
        StoreError: The store is not initialised or not at the newest revision.
        ConfigurationError: A formula of the configuration is invalid.
    """
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.indicators import analytics
    from efs.indicators.engine import evaluate_plans, load_aggregates, unplanned
    from efs.indicators.plan import plan_indicators
    from efs.indicators.runner import load_hierarchy, tune
    from efs.indicators.sql import FormulaContext
    from efs.registry import Registry

    registry = Registry.of(registry)
    plans = plan_indicators(config, registry)
    jur = config.jurisdiction.id
    store.ensure_current()
    out: list[SetAside] = []
    with store.engine.connect() as conn:
        tune(conn)
        a = S.aggregate_returns
        coming = _by_year(pending, jur)
        if year is None:
            query = sa.select(a.c.year).where(a.c.jurisdiction_id == jur).group_by(a.c.year)
            years = sorted({*(int(y) for (y,) in conn.execute(query)), *coming})
        else:
            years = [year]
        if not years:
            return []
        hierarchy = load_hierarchy(conn, config)
        for y in years:
            returns = _overlaid(load_aggregates(conn, jur, y), coming.get(y, []))
            chosen = [p for p in plans if p.indicator.id in returns and p.formula is not None]  # only they use any
            ctx = FormulaContext(jur, y, dialect=store.dialect)
            built = analytics.current(conn, jur, y)
            _, unused = evaluate_plans(store, conn, chosen, ctx, hierarchy, returns, built=built, coarse=False)
            out += described([*unplanned(plans, returns), *unused], plans, hierarchy, jur, y)
    return out


def _by_year(pending: Iterable[Mapping[str, Any]], jurisdiction: str) -> dict[int, list[Any]]:
    """The pending returns of one jurisdiction by year, as rows like the store's (attributes, ``""`` for no part)."""
    from types import SimpleNamespace

    out: dict[int, list[Any]] = {}
    for r in pending:
        if r["jurisdiction_id"] != jurisdiction:
            continue
        out.setdefault(int(r["year"]), []).append(SimpleNamespace(
            jurisdiction_id=jurisdiction, indicator_id=r["indicator_id"], year=int(r["year"]), scope=r["scope"],
            scope_id=r["scope_id"], sub_measure=r.get("sub_measure") or "", numerator=r["numerator"],
            denominator=r.get("denominator"),
        ))
    return out


def _overlaid(stored: dict[str, list[Any]], coming: list[Any]) -> dict[str, list[Any]]:
    """The returns by indicator once ``coming`` is written: a coming return replaces the stored one of its key."""
    if not coming:
        return stored
    last = {(r.indicator_id, r.scope, r.scope_id, r.sub_measure or ""): r for r in coming}  # written in turn
    coming, new = list(last.values()), set(last)
    out: dict[str, list[Any]] = {}
    for ind_id, rows in stored.items():
        kept = [r for r in rows if (ind_id, r.scope, r.scope_id, r.sub_measure or "") not in new]
        if kept:
            out[ind_id] = kept
    for r in coming:
        out.setdefault(r.indicator_id, []).append(r)
    return out


def described(
    aside: list[tuple[Any, str]], plans: list[IndicatorPlan], hierarchy: Hierarchy, jurisdiction: str, year: int
) -> list[SetAside]:
    """The returns of one year set aside (rows of ``aggregate_returns`` with a key of :data:`REASONS`) as
    :class:`SetAside`, named from ``hierarchy`` and ``plans``, by indicator, scope, unit and sub-measure."""
    known = {p.indicator.id: p for p in plans if p.returns_of is None}
    out: list[SetAside] = []
    for row, reason in aside:
        plan = known.get(row.indicator_id)
        if row.scope == "organization":
            name = hierarchy.organizations.get(row.scope_id, (None, row.scope_id))[1]
        else:
            name = hierarchy.municipalities.get(row.scope_id, row.scope_id)
        out.append(SetAside(
            jurisdiction=jurisdiction,
            year=year,
            indicator_id=row.indicator_id,
            indicator_text=plan.indicator.text if plan is not None else row.indicator_id,
            sub_measure=row.sub_measure or None,
            scope=row.scope,
            scope_id=row.scope_id,
            scope_name=name or row.scope_id,
            numerator=float(row.numerator),
            denominator=None if row.denominator is None else float(row.denominator),
            reason=reason,
            reason_text=REASONS[reason][1],
        ))
    order = {"organization": 0, "municipality": 1}
    return sorted(out, key=lambda s: (s.indicator_id, order.get(s.scope, 2), s.scope_id, s.sub_measure or ""))


def summary_lines(
    items: list[SetAside],
    *,
    first: int = 10,
    where: dict[tuple[Any, ...], str] | None = None,
    dry_run: bool = False,
) -> list[str]:
    """The warning ``efs data import`` prints: the count by reason, then the first ``first`` returns (each with
    its place in the imported files when ``where`` — key → «файл, лист, строка» — knows it) and how many more;
    ``dry_run``: the returns that would not be used once the files are written."""
    if not items:
        return []
    by_reason = counted(items)
    head = (f"предупреждение (пробная загрузка): после записи при расчёте показателей не будет использовано "
            f"сводных отчётов: {len(items)}" if dry_run
            else f"предупреждение: сводных отчётов, не использованных при расчёте показателей: {len(items)}")
    lines = [f"{head} ({by_reason})"]
    for item in items[:first]:
        place = (where or {}).get(item.key)
        lines.append(f"  {place + ': ' if place else ''}{item.text()}")
    if len(items) > first:
        lines.append(f"  … и ещё {len(items) - first} (все — в справке, раздел «{SECTION_TITLE}»)")
    return lines


def counted(items: list[SetAside]) -> str:
    """How many returns are set aside for each reason, the most frequent first: «у организации есть
    персональные данные — 2; показатель без формулы — 1»."""
    from collections import Counter

    reasons = Counter(i.reason for i in items)
    ranked = sorted(reasons.items(), key=lambda x: (-x[1], list(REASONS).index(x[0])))
    return "; ".join(f"{REASONS[r][0]} — {n}" for r, n in ranked)


def computation_note(items: list[SetAside]) -> str | None:
    """The line ``efs indicators`` prints on stderr when its computation set returns aside (``None``: none was):
    how many, by reason, and where to see which and why."""
    if not items:
        return None
    return (f"Внимание: сводных отчётов, не использованных при расчёте: {len(items)} ({counted(items)}). Какие и "
            f"почему — в справке (efs report, раздел «{SECTION_TITLE}») и в --format json (поле set_aside).")


#: The справка's section of the returns set aside.
SECTION_TITLE = "Сводные отчёты, не использованные при расчёте"

#: Why an aggregate return is set aside (:func:`efs.indicators.engine.split_returns` decides; this module adds
#: the last two): reason key → (a few words for the count line of the import warning, the reason in full).
REASONS = {
    "person_rows": (
        "у организации есть персональные данные",
        "у организации есть персональные данные по показателю за этот год — при расчёте используются они",
    ),
    "municipality_person_rows": (
        "у организаций муниципалитета есть персональные данные",
        "у организаций муниципалитета есть персональные данные по показателю за этот год — при расчёте "
        "используются они, сводный отчёт муниципалитета не используется (даже если он охватывает больше организаций)",
    ),
    "finer_returns": (
        "есть отчёты организаций муниципалитета",
        "организации муниципалитета сдали свои сводные отчёты по показателю за этот год — при расчёте "
        "используются они, сводный отчёт муниципалитета не используется",
    ),
    "no_main_row": (
        "часть показателя без основной строки",
        "есть только часть показателя, без строки основного показателя за эту территорию — часть не используется",
    ),
    "unknown_sub_measure": ("неизвестная часть показателя", "такой части показателя нет в его формуле"),
    "no_formula": ("показатель без формулы", "у показателя нет формулы расчёта — сводный отчёт не используется"),
    "unknown_indicator": ("неизвестный показатель", "такого показателя нет ни в конфигурации, ни среди федеральных"),
}
