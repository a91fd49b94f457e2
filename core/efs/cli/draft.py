"""``efs draft``: a Положение → a configuration to review."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("draft")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Куда записать черновик конфигурации (по умолчанию ИМЯ_ФАЙЛА.yaml рядом с документом).")
@click.option("--id", "jurisdiction", default=None, help="Идентификатор юрисдикции (по умолчанию — из имени файла).")
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
    from efs.drafting.translit import slug
    from efs.errors import InputError
    from efs.loading import load_configuration

    document = read(file)
    jid = jurisdiction or slug(file.stem) or "draft"
    target = output or file.with_suffix(".yaml")
    if target.exists() and not force:
        raise InputError(f"{target}: файл уже существует; укажите другой -o или --force")
    precedents, functions, kinds = installed()
    result = draft_document(document, precedents=precedents, functions=functions, kinds=kinds, jurisdiction=jid)
    text = to_yaml(result)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    load_configuration(target)
    if review_json is not None:
        review_json.write_text(to_json(result), encoding="utf-8")
    click.echo(review_text(result))
    counts = result.config
    click.echo(f"Черновик: {target} — субъектов {len(counts['subjects'])}, пунктов функций "
               f"{sum(len(s['functions']) for s in counts['subjects'])}, показателей {len(counts['indicators'])}, "
               f"мероприятий {len(counts['roadmap'])}, актов {len(counts['legal_basis'])}, "
               f"терминов {len(counts['glossary'])}")
