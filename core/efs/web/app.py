"""The ASGI application: the pages, the API, the API's documentation, errors and safety in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from efs._version import __version__
from efs.errors import EfsError
from efs.web.problems import MEDIA_TYPE, Problem, binding_problem, from_error
from efs.web.safety import TOO_LARGE, Guard
from efs.web.service import Service

HERE = Path(__file__).parent
#: The largest request body (an upload) by default: a year of returns of a large region fits.
DEFAULT_MAX_UPLOAD = 32 * 1024**2
TOKEN_ENV = "EFS_SERVE_TOKEN"


@dataclass(frozen=True)
class Settings:
    """How the server runs.

    Attributes:
        db: The store (a SQLite path or a URL); ``None`` reads ``$EFS_DB``, else ``efs.sqlite`` here.
        writable: Imports may write to the store (otherwise only their dry run is offered).
        token: Bearer token API writes need (``None``: ``$EFS_SERVE_TOKEN``, else none needed).
        max_upload: The largest request body, in bytes.
    """

    db: str | None = None
    writable: bool = False
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD


def create_app(settings: Settings | None = None, service: Service | None = None) -> Any:
    """The web workspace as an ASGI application (run it with uvicorn, or test it with Starlette's client)."""
    settings = settings or Settings()
    if settings.token is None and os.environ.get(TOKEN_ENV):
        settings = Settings(settings.db, settings.writable, os.environ[TOKEN_ENV], settings.max_upload)
    app = FastAPI(
        title="efs",
        version=__version__,
        summary="Положения о системах научно-методического сопровождения педагогов как исполняемые данные",
        description="Проверка конфигураций, черновик по положению, показатели, справка и загрузка данных "
        "мониторинга — те же операции и тот же JSON, что у команд efs. Ошибки — RFC 9457 (problem+json), по-русски.",
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.service = service or Service.start(settings.db, writable=settings.writable)
    from efs.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    app.add_exception_handler(RequestValidationError, _binding)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(EfsError, _problem)
    app.add_middleware(Guard, max_body=settings.max_upload)
    return app


def respond(request: Request, problem: Problem) -> Response:
    """The problem as problem+json for the API, as a page for a browser."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        import json

        body = json.dumps(problem.body(request.url.path), ensure_ascii=False)
        return Response(body, status_code=problem.status, media_type=MEDIA_TYPE)
    from efs.web.pages import error_page

    return error_page(request, problem)


async def _problem(request: Request, exc: Exception) -> Response:
    return respond(request, from_error(exc))


async def _binding(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return respond(request, binding_problem(list(exc.errors())))


_HTTP = {404: ("not-found", "нет такой страницы или адреса API; начните с главной страницы /"),
         405: ("method-not-allowed", "этот адрес не принимает такой запрос (метод HTTP)"),
         413: ("too-large", "тело запроса слишком большое")}


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    too_large = request.scope.get(TOO_LARGE)
    if isinstance(too_large, Problem):  # the body went past the limit while a form was being read
        return respond(request, too_large)
    if exc.status_code == 400:
        problem = Problem("bad-request", "запрос не разобран: тело запроса повреждено или не в том формате (для "
                          "файлов нужна форма multipart/form-data)")
    else:
        kind, text = _HTTP.get(exc.status_code, ("bad-request", "неверный запрос"))
        problem = Problem(kind, text)
    return respond(request, problem)
