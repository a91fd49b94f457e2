"""``efs serve``: the web workspace and the HTTP API on one address (the ``web`` extra)."""

from __future__ import annotations

import click

from efs.cli.db import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, metavar="АДРЕС",
              help="Адрес, на котором слушать (по умолчанию — только этот компьютер).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="ПОРТ",
              help="Порт (0 — любой свободный).")
@click.option("--writable", is_flag=True,
              help="Разрешить загрузку данных в хранилище (по умолчанию — только чтение и пробный прогон).")
@click.option("--token", default=None, metavar="КЛЮЧ", envvar="EFS_SERVE_TOKEN", show_envvar=True,
              help="Ключ, который нужен запросам API на запись (заголовок Authorization: Bearer КЛЮЧ).")
@click.option("--max-upload", type=click.IntRange(1, 1024), default=32, show_default=True, metavar="МБ",
              help="Наибольший размер запроса (загружаемого файла), МБ.")
def serve(db: str | None, host: str, port: int, writable: bool, token: str | None, max_upload: int) -> int:
    """Веб-интерфейс и HTTP API: проверка положений, черновик, показатели, справка, загрузка данных.

    Страницы и API показывают те же находки, числа и сообщения, что команды efs. Описание API —
    на странице /api/docs и в /openapi.json. Остановить — Ctrl-C.
    """
    import socket

    from efs.errors import InputError

    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise InputError(f"для efs serve нужны пакеты веб-интерфейса ({exc.name}): "
                         "pip install 'efs-nms[web]'") from None
    from efs.web.app import Settings, create_app

    app = create_app(Settings(db=db, writable=writable, token=token, max_upload=max_upload * 1024**2))
    try:  # the socket is bound here, so a busy port is a Russian message and the printed address is the real one
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # connections wait in the backlog until uvicorn accepts them: the printed address works
    except OSError as exc:
        raise InputError(f"не удалось открыть адрес {host}:{port}: {_bind_reason(exc)}") from None
    except UnicodeError:
        raise InputError(f"адрес «{host}» не разобран: нужен IP-адрес или имя этого компьютера") from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    mode = "запись разрешена" if writable else "только чтение"
    click.echo(f"efs serve: http://{shown}:{bound}/ (хранилище: {db or 'по умолчанию'}, {mode}); остановить — Ctrl-C",
               err=False)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=True)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0


def _bind_reason(exc: OSError) -> str:
    """Why the address could not be opened, in Russian, with what to do."""
    import errno

    from efs.safeio import os_reason

    reasons = {
        errno.EADDRINUSE: "порт уже занят другой программой; укажите другой --port (или --port 0 — любой свободный)",
        errno.EADDRNOTAVAIL: "у этого компьютера нет такого адреса; укажите его адрес в --host (например, 127.0.0.1)",
        errno.EACCES: "нет прав открыть этот порт (порты ниже 1024 — только для администратора); укажите --port 8000",
    }
    return reasons.get(exc.errno or 0) or os_reason(exc)
