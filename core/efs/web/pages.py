"""The pages: server-rendered Jinja2 templates and plain HTML forms (no script, nothing from outside).

What a view shows lives in its URL (``/jurisdictions/amur?year=2025&by=municipality``), so a link reproduces
it. Forms that send something carry a CSRF token; every page is built from :class:`efs.web.service.Service`
only, so it shows the findings, numbers and messages the CLI shows.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections import OrderedDict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from efs.web.problems import Problem
from efs.web.safety import CSRF_COOKIE, CSRF_FIELD, check_csrf, check_token, new_token
from efs.web.service import Service, display_name

router = APIRouter(include_in_schema=False)

SEVERITY = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
SCOPE_LABELS = {"jurisdiction": "юрисдикция", "municipality": "муниципалитеты", "organization": "организации"}
REPORT_LABELS = {"html": "HTML", "xlsx": "XLSX", "md": "Markdown", "json": "JSON"}
#: Dry-run uploads kept for the «Загрузить» button (oldest dropped first) and for how long, seconds.
PENDING_MAX = 8
PENDING_TTL = 3600


def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from efs.web.app import HERE

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    from efs.indicators.results import STATUS_LABELS
    from efs.report.text import num, with_unit

    env.globals.update(SEVERITY=SEVERITY, SCOPE_LABELS=SCOPE_LABELS, REPORT_LABELS=REPORT_LABELS,
                       STATUS_LABELS=STATUS_LABELS)
    env.filters.update(num=num, with_unit=with_unit)  # Russian numbers, as efs indicators and the справка
    return env


_ENV: Any = None


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page; the CSRF cookie is set when the browser has none (the forms carry its value)."""
    global _ENV
    if _ENV is None:
        _ENV = _templates()
    token = request.cookies.get(CSRF_COOKIE) or new_token()
    from efs._version import __version__

    html = _ENV.get_template(template).render(request=request, csrf=token, csrf_field=CSRF_FIELD,
                                              version=__version__, settings=request.app.state.settings, **context)
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def error_page(request: Request, problem: Problem) -> Response:
    """The problem as a page (same Russian message as the API's problem+json)."""
    return render(request, "error.html", status=problem.status, problem=problem.body(request.url.path))


def mount_static(app: Any) -> None:
    """Serve the pages' own style sheet (nothing else is fetched by a page)."""
    from efs.web.app import HERE

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def _csrf(request: Request, value: str | None) -> None:
    check_csrf(request.cookies.get(CSRF_COOKIE), value)


# --- home and rules ----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return render(request, "home.html", jurisdictions=service(request).jurisdictions())


@router.get("/rules/{code}", response_class=HTMLResponse)
def rule(request: Request, code: str) -> Response:
    found = service(request).rule(code)
    if found is None:
        raise Problem("not-found", f"нет правила «{code}»; список правил: efs rules")
    return render(request, "rule.html", rule=found)


# --- check a configuration -----------------------------------------------------------------------------------


def _document_lines(srv: Service, validation: Any) -> tuple[str | None, list[str]]:
    """The shipped document the checked configuration encodes (its name and lines), if efs has it."""
    from efs.documents import DocumentError, load
    from efs.documents.shipped import shipped_only

    config = validation.results[0][1] if validation.results else None
    if config is None:
        return None, []
    name = config.jurisdiction.document
    with shipped_only():
        try:
            document = load(name, registry=srv.registry)
        except DocumentError:
            return name, []
    return name, list(document.lines) if document is not None else []


def _check_page(request: Request, data: bytes | str, name: str, as_of: dt.date, *, lines: list[str] | None = None,
                document: str | None = None, review: list[dict[str, Any]] | None = None) -> Response:
    """The findings of a configuration beside its text and its document's, each finding linked to its lines."""
    srv = service(request)
    validation = srv.validate_text(data, name, as_of=as_of)
    report = validation.as_dict()
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace") if b"\x00" not in data[:65536] else ""
    if lines is None:
        document, lines = _document_lines(srv, validation)
    findings = report["files"][0]["findings"]
    rank = {"info": 1, "warning": 2, "error": 3}
    marks: dict[int, str] = {}
    doc_marks: dict[int, str] = {}
    for f in findings:
        for where, line in ((marks, f["line"]), (doc_marks, (f.get("source") or {}).get("line"))):
            if line and rank[f["severity"]] > rank.get(where.get(line, ""), 0):
                where[line] = f["severity"]
    return render(request, "check.html", name=name, text=data,
                  yaml_lines=data.splitlines(), findings=findings,
                  summary=report["summary"], as_of=as_of.isoformat(), document=document, doc_lines=lines or [],
                  review=review, review_json=json.dumps({"document": document, "review": review}, ensure_ascii=False)
                  if review is not None else None, marks=marks, doc_marks=doc_marks, formats=_downloads(srv))


def _downloads(srv: Service) -> list[tuple[str, str, str]]:
    """``(format, button, title)`` of the check page's downloads: every registered validation format, the
    findings as a table, the configuration as edited."""
    from efs.plugins import DEFAULT_PLUGINS

    shown = [(f.name, f"Находки {f.name.upper()}", f.title) for f in srv.formats("validation")
             if f.name in ("json", "sarif", "junit")  # the terminal's formats (text, github) are of no use here
             or (f.provenance is not None and f.provenance.plugin not in DEFAULT_PLUGINS)]
    return [*shown, ("xlsx", "Находки XLSX", "таблица находок"), ("yaml", "Конфигурация YAML", "текст, как исправлен")]


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> Response:
    return render(request, "check.html", name=None, text="", findings=None, review=None)


@router.post("/check", response_class=HTMLResponse)
async def check(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str | None, Form()] = None,
    name: Annotated[str | None, Form(max_length=200)] = None,
    as_of: Annotated[dt.date | None, Form()] = None,
) -> Response:
    _csrf(request, csrf)
    day = as_of or dt.date.today()
    if file is not None and file.filename:
        body: bytes | str = await file.read()
        shown = display_name(file.filename, "configuration.yaml")
    elif text is not None and text.strip():
        body, shown = text.replace("\r\n", "\n"), display_name(name, "configuration.yaml")
    else:
        raise Problem("invalid-input", "выберите файл конфигурации YAML или вставьте её текст")
    return await run_in_threadpool(_check_page, request, body, shown, day)


@router.post("/check/download")
async def check_download(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    text: Annotated[str, Form()] = "",
    name: Annotated[str | None, Form(max_length=200)] = None,
    format: Annotated[str, Form(max_length=40)] = "json",
    as_of: Annotated[dt.date | None, Form()] = None,
    review: Annotated[str | None, Form()] = None,
) -> Response:
    _csrf(request, csrf)
    shown = display_name(name, "configuration.yaml")
    stem = shown.rsplit(".", 1)[0]
    if format == "review":  # the draft's review list, as efs draft --review-json writes it
        try:
            data = json.loads(review or "")
        except ValueError:
            raise Problem("invalid-input", "список на проверку повреждён: постройте черновик заново") from None
        return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type="application/json",
                        headers={"content-disposition": f'attachment; filename="{stem}-review.json"'})
    if format == "yaml":
        return Response(text, media_type="application/yaml; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{shown}"'})
    srv = service(request)
    day = as_of or dt.date.today()
    chosen = None if format == "xlsx" else srv.output_format("validation", format)
    validation = await run_in_threadpool(srv.validate_text, text.replace("\r\n", "\n"), shown, as_of=day)
    if chosen is None:
        data = await run_in_threadpool(srv.findings_xlsx, validation)
        from efs.web.api import XLSX

        return Response(data, media_type=XLSX,
                        headers={"content-disposition": f'attachment; filename="{stem}-findings.xlsx"'})
    out = await run_in_threadpool(srv.render_findings, validation, format)
    return Response(out, media_type=chosen.media_type,
                    headers={"content-disposition": f'attachment; filename="{stem}-findings{chosen.suffix}"'})


# --- draft from a document -----------------------------------------------------------------------------------


@router.post("/draft", response_class=HTMLResponse)
async def draft(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    id: Annotated[str | None, Form(max_length=64)] = None,
) -> Response:
    _csrf(request, csrf)
    if file is None or not file.filename:
        raise Problem("invalid-input", "выберите файл положения: DOCX, ODT, HTML или TXT")
    data = await file.read()
    result = await run_in_threadpool(service(request).draft, file.filename, data, jurisdiction=id or None)
    name = result["document"].rsplit(".", 1)[0] + ".yaml"
    return await run_in_threadpool(_check_page, request, result["yaml"], name, dt.date.today(), lines=result["lines"],
                                   document=result["document"], review=result["review"])


# --- jurisdictions -------------------------------------------------------------------------------------------


@router.get("/jurisdictions/{jurisdiction}", response_class=HTMLResponse)
def jurisdiction(
    request: Request,
    jurisdiction: str,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    by: Annotated[Literal["jurisdiction", "municipality", "organization"], Query()] = "jurisdiction",
) -> Response:
    from efs.errors import EfsError

    srv = service(request)
    config = srv.configuration(jurisdiction)
    matrix = srv.coverage(jurisdiction)
    indicators, store_problem = None, None
    if year is not None:
        try:
            indicators = srv.indicators(jurisdiction, year, by=by)
        except EfsError as exc:
            store_problem = str(exc)
    return render(request, "jurisdiction.html", config=config, matrix=matrix, year=year, by=by,
                  indicators=indicators, store_problem=store_problem, default_year=dt.date.today().year - 1,
                  formats=[f.name for f in srv.formats("report")])


@router.get("/jurisdictions/{jurisdiction}/explain/{indicator}", response_class=HTMLResponse)
def explain(
    request: Request,
    jurisdiction: str,
    indicator: str,
    year: Annotated[int, Query(ge=2000, le=2100)],
    by: Annotated[Literal["jurisdiction", "municipality", "organization"], Query()] = "jurisdiction",
) -> Response:
    srv = service(request)
    config = srv.configuration(jurisdiction)
    text = srv.explain(jurisdiction, indicator, year, by)
    return render(request, "explain.html", config=config, indicator=indicator, year=year, by=by, text=text)


@router.get("/jurisdictions/{jurisdiction}/report")
def report(
    request: Request,
    jurisdiction: str,
    year: Annotated[int, Query(ge=2000, le=2100)],
    format: Annotated[str, Query(max_length=40)] = "html",
) -> Response:
    from efs.web.api import download

    srv = service(request)
    data = srv.report(jurisdiction, year, format)
    return download(data, srv.output_format("report", format), f"{jurisdiction}-{year}", inline=format == "html")


# --- monitoring data -----------------------------------------------------------------------------------------

_PENDING: OrderedDict[str, tuple[float, list[tuple[str, bytes]]]] = OrderedDict()


def _keep(files: list[tuple[str, bytes]]) -> str:
    """Keep a dry run's files in memory for the «Загрузить» button; return their key."""
    now = time.monotonic()
    for key in [k for k, (t, _) in _PENDING.items() if now - t > PENDING_TTL]:
        del _PENDING[key]
    while len(_PENDING) >= PENDING_MAX:
        _PENDING.popitem(last=False)
    key = secrets.token_urlsafe(16)
    _PENDING[key] = (now, files)
    return key


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request) -> Response:
    return render(request, "import.html", summary=None, key=None)


@router.post("/import", response_class=HTMLResponse)
async def import_dry_run(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    csrf: Annotated[str | None, Form()] = None,
) -> Response:
    _csrf(request, csrf)
    uploads = [(f.filename or "", await f.read()) for f in files if f.filename]
    if not uploads:
        raise Problem("invalid-input", "выберите файлы CSV или XLSX для загрузки")
    summary = await run_in_threadpool(service(request).import_files, uploads, dry_run=True)
    key = _keep(uploads) if not summary.problems else None
    return render(request, "import.html", summary=summary, key=key)


@router.post("/import/commit", response_class=HTMLResponse)
async def import_commit(
    request: Request,
    key: Annotated[str, Form(max_length=64)],
    csrf: Annotated[str | None, Form()] = None,
    token: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    _csrf(request, csrf)
    check_token(request.app.state.settings.token, f"Bearer {token}" if token else None)
    pending = _PENDING.pop(key, None)
    if pending is None:
        raise Problem("invalid-input", "файлы пробного прогона больше не хранятся (прошёл час или загружены "
                      "другие): выберите их и проверьте снова")
    summary = await run_in_threadpool(service(request).import_files, pending[1], dry_run=False)
    return render(request, "import.html", summary=summary, key=None)


# --- the API's documentation ---------------------------------------------------------------------------------


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            operations.append({"method": method.upper(), "path": path, **op})
    from efs.web.problems import TYPES

    return render(request, "api.html", spec=spec, operations=operations, problems=TYPES)
