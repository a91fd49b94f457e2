"""``efs indicators CONFIG --year Y``: compute every indicator from the monitoring store."""

from __future__ import annotations

from typing import Any

import click

from efs.cli.db import db_option
from efs.cli.options import format_option, min_denominator_option, warn_synthetic


@click.command()
@click.argument("config", metavar="ПУТЬ|ID")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Год отчёта.")
@db_option
@click.option(
    "--by",
    type=click.Choice(["jurisdiction", "municipality", "organization"]),
    default="jurisdiction",
    show_default=True,
    help="Территория результатов: юрисдикция, муниципалитеты или организации.",
)
@format_option("table", "json", "csv", default="table")
@click.option(
    "--explain",
    "explain_id",
    metavar="ID",
    default=None,
    help="Показать определение, формулу, SQL и данные одного показателя.",
)
@click.option(
    "--show-small",
    is_flag=True,
    help="Показывать результаты со знаменателем меньше порога (по умолчанию скрываются).",
)
@min_denominator_option
def indicators(
    config: str,
    year: int,
    db: str | None,
    by: str,
    output_format: str,
    explain_id: str | None,
    show_small: bool,
    min_denominator: int,
) -> int:
    """Рассчитать показатели эффективности конфигурации (и федеральные) по данным хранилища.

    Доли считаются как сумма числителей на сумму знаменателей по территории; знаменатель 0 —
    «нет данных»; знаменатель меньше порога скрывается (--show-small показывает).
    """
    from efs.data.store import open_store
    from efs.indicators.engine import compute, is_synthetic
    from efs.loading import load_one
    from efs.registry import Registry

    registry = Registry.build()
    cfg = load_one(config, registry)
    from efs.indicators.plan import plan_indicators

    plan_indicators(cfg, registry)  # formula errors first, located in the configuration, before the store
    with open_store(db, create=False) as store:
        results = compute(
            cfg,
            store,
            year=year,
            by=by,
            registry=registry,
            show_small=show_small,
            min_denominator=min_denominator,
        )
        synthetic = is_synthetic(store, cfg.jurisdiction.id)
        if synthetic:
            warn_synthetic()
        if explain_id is not None:
            click.echo(_explain(cfg, store, registry, explain_id, year, by, show_small, min_denominator))
            return 0
    from efs.indicators.output import FORMATS

    click.echo(FORMATS[output_format](results, synthetic=synthetic), nl=False)
    return 0


def _explain(
    cfg: Any,
    store: Any,
    registry: Any,
    indicator_id: str,
    year: int,
    by: str,
    show_small: bool,
    min_denominator: int,
) -> str:
    from efs.errors import InputError
    from efs.indicators.engine import compute
    from efs.indicators.explain import explain, reading_plans
    from efs.indicators.plan import plan_indicators
    from efs.indicators.sql import FormulaContext

    plans = {p.indicator.id: p for p in plan_indicators(cfg, registry)}
    if indicator_id not in plans:
        from efs.yamlsafe import did_you_mean

        raise InputError(
            f"нет показателя {indicator_id}{did_you_mean(indicator_id, sorted(plans))}; "
            f"есть: {', '.join(plans)}"
        )
    scopes = ["jurisdiction"] + ([by] if by != "jurisdiction" else ["municipality"])
    results = [
        r
        for scope in scopes
        for r in compute(
            cfg,
            store,
            year=year,
            by=scope,
            registry=registry,
            show_small=show_small,
            min_denominator=min_denominator,
        )
        if r.indicator_id == indicator_id
    ]
    readings = [
        (
            label,
            [
                r
                for scope in scopes
                for r in compute(
                    cfg,
                    store,
                    year=year,
                    by=scope,
                    registry=registry,
                    show_small=show_small,
                    min_denominator=min_denominator,
                    plans=[alt],
                )
                if r.indicator_id == alt.indicator.id
            ],
        )
        for label, alt in reading_plans(plans[indicator_id])
    ]
    ctx = FormulaContext(cfg.jurisdiction.id, year, dialect=store.dialect)
    return explain(plans[indicator_id], ctx, store.engine.dialect, results, readings)
