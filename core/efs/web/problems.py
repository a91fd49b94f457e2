"""Errors as RFC 9457 problem details (``application/problem+json``), every text in Russian.

One function maps what went wrong — an efs error, a request FastAPI could not bind, an unknown address, a
fault of the machine — to a status and a Russian message; the API answers it as problem+json, the pages
show the same message in HTML. No English library message and no traceback reaches the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from efs.errors import ConfigurationError, DataError, EfsError, PluginError, StoreError

MEDIA_TYPE = "application/problem+json"

#: Problem type → (status, Russian title). ``type`` is ``urn:efs:problem:<name>``; the API page lists them.
TYPES: dict[str, tuple[int, str]] = {
    "bad-request": (400, "Неверный запрос"),
    "invalid-input": (400, "Неверные входные данные"),
    "unauthorized": (401, "Нужен ключ доступа"),
    "forbidden": (403, "Запрещено"),
    "read-only": (403, "Хранилище только для чтения"),
    "csrf": (403, "Форма устарела или отправлена с другого сайта"),
    "not-found": (404, "Не найдено"),
    "method-not-allowed": (405, "Метод не поддерживается"),
    "too-large": (413, "Слишком большой запрос"),
    "unsupported-media-type": (415, "Неподдерживаемый тип данных"),
    "invalid-configuration": (422, "Конфигурация с ошибками"),
    "rejected-data": (422, "Данные отклонены"),
    "invalid-parameter": (422, "Неверные параметры запроса"),
    "store-unavailable": (503, "Хранилище недоступно"),
    "plugin-error": (500, "Ошибка плагина"),
    "internal-error": (500, "Внутренняя ошибка"),
}


@dataclass
class Problem(Exception):
    """A problem to answer with: its type (a key of :data:`TYPES`), the Russian detail, extension members."""

    kind: str
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> int:
        return TYPES[self.kind][0]

    def body(self, instance: str | None = None) -> dict[str, Any]:
        """The problem details object (RFC 9457 §3): type, title, status, detail, instance, extensions."""
        status, title = TYPES[self.kind]
        doc: dict[str, Any] = {"type": f"urn:efs:problem:{self.kind}", "title": title, "status": status,
                               "detail": self.detail}
        if instance:
            doc["instance"] = instance
        doc.update(self.extra)
        return doc


def from_error(exc: BaseException) -> Problem:
    """The problem for an exception raised while answering a request."""
    from efs.web.service import NotFound, ReadOnly

    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, ReadOnly):
        return Problem("read-only", exc.message)
    if isinstance(exc, NotFound):
        return Problem("not-found", exc.message)
    if isinstance(exc, ConfigurationError):
        problems = [{"message": p.message, "line": p.location.line, "column": p.location.column,
                     "path": p.location.dotted_path, "code": p.code, "text": str(p)} for p in exc.problems]
        return Problem("invalid-configuration", str(exc), {"exit_code": exc.exit_code, "problems": problems})
    if isinstance(exc, DataError):
        return Problem("rejected-data", exc.message, {"exit_code": exc.exit_code})
    if isinstance(exc, StoreError):
        return Problem("store-unavailable", exc.message, {"exit_code": exc.exit_code})
    if isinstance(exc, PluginError):
        return Problem("plugin-error", exc.message, {"exit_code": exc.exit_code})
    if isinstance(exc, EfsError):
        return Problem("invalid-input", str(exc), {"exit_code": exc.exit_code})
    from efs.faults import describe

    text = describe(exc)
    if text is None:
        text = (f"внутренняя ошибка efs ({type(exc).__name__}); это ошибка программы, а не ваших данных — "
                "сообщите о ней, приложив запрос")
    return Problem("internal-error", text)


#: Names of request parameters as the pages and the API's documentation call them.
PARAMETERS = {"year": "год (year)", "by": "территория (by)", "format": "формат (format)", "as_of": "дата (as_of)",
              "min_denominator": "порог знаменателя (min_denominator)", "dry_run": "пробный прогон (dry_run)",
              "files": "файлы (files)", "file": "файл (file)", "name": "имя файла (name)",
              "select": "правила (select)", "ignore": "исключённые правила (ignore)", "id": "идентификатор (id)",
              "show_small": "показывать малые (show_small)"}


def binding_problem(errors: list[dict[str, Any]]) -> Problem:
    """A request whose parameters FastAPI could not bind, in Russian: one sentence per parameter."""
    sentences = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path", "body", "header")]
        name = PARAMETERS.get(loc[-1], loc[-1]) if loc else "запрос"
        sentences.append(f"{name}: {_reason(err)}")
    return Problem("invalid-parameter", "; ".join(sentences) or "неверные параметры запроса",
                   {"errors": [{"parameter": ".".join(str(p) for p in err.get("loc", ())[1:]), "message": s}
                               for err, s in zip(errors, sentences, strict=True)]})


def _reason(err: dict[str, Any]) -> str:
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    got = err.get("input")
    shown = f" «{str(got)[:60]}»" if isinstance(got, (str, int, float)) and not isinstance(got, bool) else ""
    if kind == "missing":
        return "не указан"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"нужно целое число, а дано{shown or ' другое'}"
    if kind in ("bool_parsing", "bool_type"):
        return f"нужно да или нет (true/false), а дано{shown}"
    if kind.startswith("date"):
        return f"нужна дата ГГГГ-ММ-ДД, а дано{shown}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"значение{shown} меньше допустимого ({ctx.get('ge', ctx.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"значение{shown} больше допустимого ({ctx.get('le', ctx.get('lt'))})"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"недопустимое значение{shown}; допустимо: {expected}"
    if kind in ("string_too_long", "too_long"):
        return "слишком длинное значение"
    if kind in ("string_pattern_mismatch",):
        return f"недопустимое значение{shown}"
    return f"недопустимое значение{shown}"
