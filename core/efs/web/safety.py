"""What keeps the server safe by default: body limits, security headers, CSRF tokens, the API token.

* Every request body is counted as it arrives (declared ``Content-Length`` or not); past the limit the
  server answers 413 with a Russian message and reads no further.
* Every response carries a Content-Security-Policy that allows nothing from outside the server (and no
  script at all), ``nosniff``, no referrer, no framing.
* A form that changes state carries a CSRF token tied to a cookie (double submit, ``SameSite=Strict``);
  a request from another site (``Origin``/``Sec-Fetch-Site``) that would write is refused.
* With a token configured (``efs serve --token`` or ``EFS_SERVE_TOKEN``), API calls that write need
  ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from efs.web.problems import MEDIA_TYPE, Problem, from_error

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Everything the pages need comes from the server itself; no script runs, no frame embeds them.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
#: The report is one self-contained HTML file (its style and diagrams inline): still no script, nothing fetched.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'"
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
CSRF_COOKIE = "efs_csrf"
CSRF_FIELD = "csrf"


def megabytes(n: int) -> str:
    """``n`` bytes in whole megabytes, Russian style."""
    return f"{n / 1024**2:.0f} МБ" if n >= 1024**2 else f"{n // 1024} КБ"


class Guard:
    """ASGI middleware: the body limit and the security headers of every response."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await send_problem(scope, send, self.too_large(), extra_headers=_CLOSE)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    scope[TOO_LARGE] = self.too_large()
                    raise BodyTooLarge
            return message

        started = False

        async def headed(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers.extend(h for h in HEADERS if h[0] not in names)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted, headed)
        except BodyTooLarge:
            if started:
                raise
            await send_problem(scope, headed, self.too_large(), extra_headers=_CLOSE)
        except Exception as exc:  # a fault or a bug: a Russian 500, logged for the operator, never a traceback
            if started:
                raise
            import logging

            logging.getLogger("efs.web").error("ошибка при обработке %s", scope.get("path"), exc_info=exc)
            await send_problem(scope, headed, from_error(exc))

    def too_large(self) -> Problem:
        """The 413 problem of this limit."""
        return Problem("too-large", f"тело запроса больше допустимых {megabytes(self.max_body)}; загрузите файл "
                       "меньшего размера (предел задаёт параметр efs serve --max-upload)",
                       {"limit_bytes": self.max_body})


#: Key of the request scope that holds the 413 problem once the body went past the limit.
TOO_LARGE = "efs.too_large"
_CLOSE = [(b"connection", b"close")]


class BodyTooLarge(Exception):
    """The request body went past the limit while it was being read."""


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


async def send_problem(scope: Scope, send: Send, problem: Problem,
                       extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer with ``problem`` as problem+json, straight on the ASGI channel."""
    body = json.dumps(problem.body(scope.get("path")), ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", f"{MEDIA_TYPE}; charset=utf-8".encode()),
               (b"content-length", str(len(body)).encode()), *(extra_headers or [])]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def new_token() -> str:
    """A fresh CSRF token (random, URL-safe)."""
    return secrets.token_urlsafe(24)


def check_csrf(cookie: str | None, field: str | None) -> None:
    """Refuse a form whose token does not match its cookie.

    Raises:
        Problem: ``csrf`` (403) with a Russian message saying to reload the page.
    """
    if not cookie or not field or not hmac.compare_digest(cookie, field):
        raise Problem("csrf", "форма устарела или отправлена с другого сайта: обновите страницу и отправьте её снова")


def check_same_site(headers: Any, host: str | None) -> None:
    """Refuse a request a browser sent from another site (it could write on the user's behalf).

    Raises:
        Problem: ``forbidden`` (403).
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site in ("cross-site", "same-site"):
        raise Problem("forbidden", "запрос отправлен с другого сайта; изменять данные можно только со страниц efs")
    origin = headers.get("origin")
    if origin and origin != "null" and host and origin.split("://", 1)[-1] != host:
        raise Problem("forbidden", f"запрос отправлен с другого сайта ({origin}); изменять данные можно только "
                      "со страниц efs или из программы без заголовка Origin")


def check_token(expected: str | None, authorization: str | None) -> None:
    """With a token configured, refuse a write without ``Authorization: Bearer <token>``.

    Raises:
        Problem: ``unauthorized`` (401).
    """
    if expected is None:
        return
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Problem("unauthorized", "для записи нужен ключ доступа: заголовок Authorization: Bearer <ключ> "
                      "(ключ задаёт efs serve --token или переменная EFS_SERVE_TOKEN)")
