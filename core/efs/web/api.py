"""The HTTP API: the CLI's operations over HTTP, answering the JSON ``--format json`` prints.

Every route calls :class:`efs.web.service.Service` and nothing else; errors are problem details in Russian
(:mod:`efs.web.problems`). Writes (an import that is not a dry run) need a writable store, a request not
sent from another site and, when one is configured, the API token.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from efs.web import schemas
from efs.web.problems import MEDIA_TYPE, Problem
from efs.web.safety import check_same_site, check_token
from efs.web.service import SCOPES, Service

if TYPE_CHECKING:
    from efs.formats import OutputFormat

router = APIRouter(prefix="/api")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_PROBLEM = {"model": schemas.ProblemOut, "content": {MEDIA_TYPE: {}}, "description": "Ошибка (RFC 9457), по-русски."}
ERRORS: dict[int | str, dict[str, Any]] = {400: _PROBLEM, 404: _PROBLEM, 413: _PROBLEM, 422: _PROBLEM}
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain",
              "application/octet-stream", "")

Year = Annotated[int, Query(ge=2000, le=2100, description="Год отчёта.")]
Scope = Annotated[Literal["jurisdiction", "municipality", "organization"],
                  Query(description="Территория результатов: юрисдикция, муниципалитеты или организации.")]
assert SCOPES == ("jurisdiction", "municipality", "organization")


def service(request: Request) -> Service:
    """The server's service (built once at start-up)."""
    found: Service = request.app.state.service
    return found


def _codes(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as the CLI writes it (UTF-8, Cyrillic as is)."""
    return Response(json.dumps(data, ensure_ascii=False, indent=2), status_code=status, media_type="application/json")


@router.get("/jurisdictions", summary="Юрисдикции", response_model=list[schemas.JurisdictionOut])
def jurisdictions(request: Request) -> list[dict[str, str]]:
    """Юрисдикции установленных плагинов: id и название."""
    return [{"id": j, "name": name} for j, name in service(request).jurisdictions()]


@router.post(
    "/validate",
    summary="Проверить конфигурацию",
    responses={200: {"model": schemas.ValidationOut, "description": "Находки, как efs validate --format json "
                     "(для format=json; иначе — текст этого формата)."},
               **ERRORS, 422: {"model": schemas.ValidationOut, "description": "Конфигурация не загрузилась: "
                               "находки EFS001–EFS005 в том же формате."}},
    openapi_extra={"requestBody": {"required": True, "description": "Текст конфигурации YAML (UTF-8).",
                                   "content": {"application/yaml": {"schema": {"type": "string"}}}}},
)
async def validate(
    request: Request,
    name: Annotated[str, Query(max_length=200, description="Имя файла в находках.")] = "configuration.yaml",
    format: Annotated[str, Query(max_length=40, description="Формат, как efs validate --format: json, sarif, "
                                 "junit, text, github или формат плагина.")] = "json",
    as_of: Annotated[dt.date | None, Query(description="Дата проверки сроков (по умолчанию — сегодня).")] = None,
    select: Annotated[str | None,
                      Query(description="Только эти правила (коды, префиксы, имена через запятую).")] = None,
    ignore: Annotated[str | None, Query(description="Не запускать эти правила.")] = None,
) -> Response:
    """Проверить конфигурацию, присланную телом запроса, как `efs validate ФАЙЛ --format json`.

    Находки — ответ 200 с тем же JSON, что печатает CLI (коды, места, сообщения). Конфигурация, которая не
    загрузилась (синтаксис, схема, ссылки, размер, кодировка: EFS001–EFS005), — ответ 422 с тем же JSON.
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in YAML_TYPES:
        raise Problem("unsupported-media-type", f"тело запроса — {kind}, а ожидается текст конфигурации YAML "
                      "(Content-Type: application/yaml); файл из формы загружайте на странице «Проверка»")
    body = await request.body()
    from efs.web.service import display_name

    shown = display_name(name, "configuration.yaml")
    srv = service(request)
    day = as_of or dt.date.today()
    chosen = srv.output_format("validation", format)  # an unknown format is refused before any work
    validation = await run_in_threadpool(srv.validate_text, body, shown, as_of=day, select=_codes(select),
                                         ignore=_codes(ignore))
    text = await run_in_threadpool(srv.render_findings, validation, format)
    loaded = all(config is not None for _, config, _ in validation.results)
    return Response(text, status_code=200 if loaded else 422, media_type=chosen.media_type)


@router.get("/jurisdictions/{jurisdiction}/configuration", summary="Конфигурация юрисдикции",
            responses={200: {"content": {"application/yaml": {}}}, **ERRORS})
def configuration(request: Request, jurisdiction: str) -> Response:
    """Текст конфигурации, установленной с плагином юрисдикции."""
    return Response(service(request).configuration_text(jurisdiction), media_type="application/yaml; charset=utf-8")


@router.get("/jurisdictions/{jurisdiction}/coverage", summary="Матрица покрытия", responses=ERRORS)
def coverage(request: Request, jurisdiction: str) -> Response:
    """Матрица «функция × субъект», как `efs coverage ID --format json`."""
    return json_response(service(request).coverage(jurisdiction))


@router.get("/jurisdictions/{jurisdiction}/indicators", summary="Показатели",
            responses={200: {"model": schemas.IndicatorsOut}, **ERRORS, 503: _PROBLEM})
def indicators(
    request: Request,
    jurisdiction: str,
    year: Year,
    by: Scope = "jurisdiction",
    show_small: Annotated[bool, Query(description="Показывать результаты с малым знаменателем.")] = False,
    min_denominator: Annotated[int | None, Query(ge=1, description="Наименьший показываемый знаменатель.")] = None,
) -> Response:
    """Показатели юрисдикции за год по данным хранилища, как `efs indicators ID --year Y --format json`."""
    return json_response(service(request).indicators(jurisdiction, year, by=by, show_small=show_small,
                                                     min_denominator=min_denominator))


@router.get("/jurisdictions/{jurisdiction}/indicators/{indicator}/explain", summary="Объяснение показателя",
            responses={200: {"content": {"text/plain": {}}}, **ERRORS, 503: _PROBLEM})
def explain(request: Request, jurisdiction: str, indicator: str, year: Year, by: Scope = "jurisdiction") -> Response:
    """Определение, формула, SQL, данные и значения показателя, как `efs indicators ID --year Y --explain ИД`."""
    return Response(service(request).explain(jurisdiction, indicator, year, by), media_type="text/plain; charset=utf-8")


@router.get("/jurisdictions/{jurisdiction}/report", summary="Аналитическая справка",
            responses={200: {"description": "Файл справки."}, **ERRORS, 503: _PROBLEM})
def report(
    request: Request,
    jurisdiction: str,
    year: Year,
    format: Annotated[str, Query(max_length=40, description="Формат справки: html, xlsx, md, json или формат "
                                 "плагина.")] = "html",
    as_of: Annotated[dt.date | None, Query(description="Дата состояния дорожной карты.")] = None,
    min_denominator: Annotated[int | None, Query(ge=1, description="Наименьший показываемый знаменатель.")] = None,
) -> Response:
    """Справка за год в HTML, XLSX, Markdown или JSON, как `efs report ID --year Y -o ФАЙЛ`."""
    srv = service(request)
    data = srv.report(jurisdiction, year, format, as_of=as_of, min_denominator=min_denominator)
    return download(data, srv.output_format("report", format), f"{jurisdiction}-{year}")


def download(data: bytes | str, fmt: OutputFormat, stem: str, inline: bool = False) -> Response:
    """A file to download in the registered format ``fmt``, named ``stem`` with its suffix (the server's name)."""
    disposition = "inline" if inline else "attachment"
    headers = {"content-disposition": f'{disposition}; filename="{stem}{fmt.suffix}"'}
    if fmt.media_type.startswith("text/html"):
        from efs.web.safety import REPORT_CSP

        headers["content-security-policy"] = REPORT_CSP
    return Response(data, media_type=fmt.media_type, headers=headers)


@router.get("/rules/{code}", summary="Правило проверки", responses=ERRORS)
def rule(request: Request, code: str) -> Response:
    """Обоснование, рекомендация и пример правила, как `efs rule КОД --format json`."""
    found = service(request).rule(code)
    if found is None:
        raise Problem("not-found", f"нет правила «{code}»; список: efs rules")
    return json_response(found)


@router.post("/import", summary="Загрузить данные мониторинга",
             responses={200: {"model": schemas.ImportOut}, 401: _PROBLEM, 403: _PROBLEM, **ERRORS})
async def import_(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Файлы CSV или XLSX.")],
    dry_run: Annotated[bool, Query(description="Только проверить и посчитать, ничего не записывать.")] = True,
) -> Response:
    """Загрузить файлы CSV/XLSX, как `efs data import`: все строки или ни одной.

    По умолчанию — пробный прогон (`dry_run=true`). Отклонённые строки (лист, строка, столбец, причина) —
    ответ 422 с тем же отчётом; записать можно только в хранилище, открытое для записи (`efs serve
    --writable`), и с ключом, если он задан.
    """
    if not dry_run:
        check_same_site(request.headers, request.headers.get("host"))
        check_token(request.app.state.settings.token, request.headers.get("authorization"))
    uploads = [(f.filename or "", await f.read()) for f in files]
    summary = await run_in_threadpool(service(request).import_files, uploads, dry_run=dry_run)
    return json_response(summary.to_dict(), 422 if summary.problems else 200)


@router.post("/draft", summary="Черновик конфигурации по положению",
             responses={200: {"model": schemas.DraftOut}, **ERRORS})
async def draft(
    request: Request,
    file: Annotated[UploadFile, File(description="Положение: DOCX, ODT, HTML или TXT.")],
    id: Annotated[str | None, Form(description="Идентификатор юрисдикции (по умолчанию — из названия).")] = None,
) -> Response:
    """Черновик конфигурации и список на проверку, как `efs draft ФАЙЛ --review-json`."""
    data = await file.read()
    result = await run_in_threadpool(service(request).draft, file.filename, data, jurisdiction=id)
    return json_response(result)


@router.get("/templates", summary="Шаблон для загрузки данных",
            responses={200: {"content": {XLSX: {}}}})
def templates(request: Request) -> Response:
    """Книга XLSX с листом на таблицу: заголовки, типы и пояснения столбцов, как `efs data template`."""
    data = service(request).template()
    return Response(data, media_type=XLSX,
                    headers={"content-disposition": 'attachment; filename="efs-templates.xlsx"'})


__all__ = ["JSONResponse", "router"]
