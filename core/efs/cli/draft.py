"""``efs draft``: a Положение → a configuration to review."""

from __future__ import annotations

import re
from pathlib import Path

import click


@click.command("draft")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Куда записать черновик конфигурации (по умолчанию ИМЯ_ФАЙЛА.yaml рядом с документом).")
@click.option("--id", "jurisdiction", default=None,
              help="Идентификатор юрисдикции (по умолчанию — из её названия в документе).")
@click.option("--review-json", type=click.Path(path_type=Path, dir_okay=False),
              help="Записать список на проверку в JSON.")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл черновика.")
def draft(file: Path, output: Path | None, jurisdiction: str | None, review_json: Path | None, force: bool) -> None:
    """Черновик конфигурации по тексту положения (DOCX, ODT, TXT или HTML с правового портала).

    Каждый пункт черновика несёт source (документ, пункт, строка) и текст дословно; всё, в чём efs не
    уверен, помечено «ПРОВЕРИТЬ» в YAML и перечислено в выводе (и в --review-json) с вариантами.
    Строки DOCX, ODT и HTML — строки их текстовой выгрузки LibreOffice (soffice --convert-to txt:Text).
    """
    from efs.documents.reading import read
    from efs.drafting.draft import draft_document
    from efs.drafting.output import review_json as to_json
    from efs.drafting.output import review_text, to_yaml
    from efs.drafting.precedents import installed
    from efs.errors import InputError
    from efs.loading import build_configuration, read_document
    from efs.model.base import ID_MESSAGE, ID_PATTERN
    from efs.safeio import atomic_path, write_text_atomic

    if jurisdiction is not None and not re.match(ID_PATTERN, jurisdiction):
        raise InputError(f"--id «{jurisdiction}» не годится как идентификатор: {ID_MESSAGE}")
    document = read(file)
    target = output or file.with_suffix(".yaml")
    if target.exists() and not force:
        raise InputError(f"{target}: файл уже существует; укажите другой -o или --force")
    precedents, functions, kinds = installed()
    result = draft_document(document, precedents=precedents, functions=functions, kinds=kinds,
                            jurisdiction=jurisdiction)
    text = to_yaml(result)
    # The draft is loaded before it replaces anything: a draft with load errors is an efs defect, and the
    # user's previous file stays as it was.
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        build_configuration(read_document(tmp, display=str(target)))
    if review_json is not None:
        write_text_atomic(review_json, to_json(result))
    click.echo(review_text(result))
    counts = result.config
    click.echo(f"Черновик: {target} — субъектов {len(counts['subjects'])}, пунктов функций "
               f"{sum(len(s['functions']) for s in counts['subjects'])}, показателей {len(counts['indicators'])}, "
               f"мероприятий {len(counts['roadmap'])}, актов {len(counts['legal_basis'])}, "
               f"терминов {len(counts['glossary'])}")
