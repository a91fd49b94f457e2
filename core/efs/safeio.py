"""Files in and out, all or nothing and bounded: the one place efs touches the file system for them.

* :func:`atomic_path` (and :func:`write_text_atomic`, :func:`open_atomic` built on it): every report,
  export, template and output file is written to a temporary file in the same directory, flushed to
  disk and renamed over the target — a failure midway (a full disk, Ctrl-C, a crash) leaves the
  previous file intact and no truncated one. Devices and pipes (``/dev/stdout``) are written directly.
* :func:`read_bounded` and :func:`spool`: a file is read with a size cap whatever it is — a regular
  file, ``/dev/stdin``, a pipe, ``/dev/zero``, a FIFO; from a pipe or FIFO efs waits at most
  :func:`idle_timeout` seconds for the next bytes, so a FIFO nobody writes to never hangs a command.
* :func:`os_reason`: an operating-system error in Russian (a full disk, a read-only file system…).
* :func:`note_committed`: what a command has durably written so far (files renamed into place,
  committed transactions), so that an interruption can say what was saved.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from pathlib import Path
from typing import IO, Any

from efs.errors import InputError

#: Seconds to wait for the next bytes from a pipe or FIFO before giving up (``EFS_READ_TIMEOUT``).
DEFAULT_IDLE_TIMEOUT = 60.0
TIMEOUT_ENV = "EFS_READ_TIMEOUT"
_CHUNK = 1 << 16

_REASONS = {
    errno.ENOSPC: "на диске нет места",
    errno.EFBIG: "файл превысил наибольший допустимый размер (предел файловой системы или процесса)",
    errno.EDQUOT: "превышена дисковая квота",
    errno.EROFS: "файловая система только для чтения",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "операция не разрешена",
    errno.ENOENT: "нет такого файла или каталога",
    errno.EISDIR: "это каталог",
    errno.ENOTDIR: "часть пути — не каталог",
    errno.EIO: "ошибка ввода-вывода устройства",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.EMFILE: "открыто слишком много файлов",
    errno.ENFILE: "в системе открыто слишком много файлов",
    errno.ENOMEM: "не хватает памяти",
    errno.EEXIST: "файл уже существует",
    errno.ETXTBSY: "файл занят",
    errno.EBUSY: "устройство или файл занят",
    errno.ENXIO: "нет такого устройства",
    errno.EPIPE: "получатель данных закрыл канал",
    errno.ELOOP: "слишком много символических ссылок",
}


def os_reason(exc: OSError) -> str:
    """What went wrong, in Russian (the system's English text only for errors efs has no words for)."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0)
    original = exc.strerror or str(exc)
    return f"ошибка операционной системы ({name + ': ' if name else ''}{original})"


class ReadLimitError(Exception):
    """A file could not be read within the bounds; the message is Russian and says which bound."""


def idle_timeout() -> float:
    """Seconds to wait for data from a pipe or FIFO (``EFS_READ_TIMEOUT``, else 60)."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_IDLE_TIMEOUT
    return value if value > 0 else DEFAULT_IDLE_TIMEOUT


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a pipe, FIFO, device or socket)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _mb(n: float) -> str:
    return f"{n / 1048576:.1f}".replace(".", ",")


def _pump(
    path: Path,
    sink: Callable[[bytes], Any],
    max_bytes: int,
    timeout: float | None,
    inspect: Callable[[bytes], None] | None = None,
) -> int:
    """Copy ``path`` into ``sink`` chunk by chunk, at most ``max_bytes``; return the size.

    ``inspect`` sees the first chunk before anything is copied (to refuse ``/dev/zero`` at once).
    """
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    regular = stat.S_ISREG(st.st_mode)
    if regular and st.st_size > max_bytes:
        raise ReadLimitError(f"файл слишком велик: {_mb(st.st_size)} МБ при пределе {_mb(max_bytes)} МБ")
    wait = idle_timeout() if timeout is None else timeout
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | (0 if regular else os.O_NONBLOCK)
    fd = os.open(path, flags)  # non-blocking: opening a FIFO nobody writes to does not hang
    total = 0
    try:
        while True:
            if not regular:
                ready, _, _ = select.select([fd], [], [], wait)
                if not ready:
                    raise ReadLimitError(
                        f"за {wait:g} с из канала не пришло ни одного байта (никто не пишет в него?); "
                        f"чтение остановлено (срок ожидания задаёт {TIMEOUT_ENV})"
                    )
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:
                continue
            if not chunk:
                return total
            if inspect is not None and total == 0:
                inspect(chunk)
            total += len(chunk)
            if total > max_bytes:
                where = "файл" if regular else "поток данных (канал или устройство)"
                raise ReadLimitError(f"{where} длиннее предела {_mb(max_bytes)} МБ; чтение остановлено")
            sink(chunk)
    finally:
        os.close(fd)


def read_bounded(path: Path, max_bytes: int, *, timeout: float | None = None) -> bytes:
    """The bytes of ``path`` — a file, ``/dev/stdin``, a pipe, a device or a FIFO — at most ``max_bytes``.

    Raises:
        ReadLimitError: More than ``max_bytes`` (read no further than the cap), or no data from a
            pipe or FIFO within the idle timeout.
        OSError: The file cannot be opened or read.
    """
    parts: list[bytes] = []
    _pump(path, parts.append, max_bytes, timeout)
    return b"".join(parts)


@contextmanager
def spool(
    path: Path,
    max_bytes: int,
    *,
    timeout: float | None = None,
    inspect: Callable[[bytes], None] | None = None,
) -> Iterator[Path]:
    """``path`` itself when it is a regular file; else its bytes copied (bounded) to a temporary file.

    Readers that need to seek (XLSX) or to read twice (CSV encoding detection) get a real file. The
    temporary file is removed when the block ends (files opened inside it stay readable on POSIX).
    """
    if is_regular(path):
        yield path
        return
    fd, name = tempfile.mkstemp(prefix="efs-stdin-", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            _pump(path, out.write, max_bytes, timeout, inspect)
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


# ----------------------------------------------------------------------------------------- writing

_COMMITTED: ContextVar[list[str] | None] = ContextVar("efs_committed", default=None)


def start_recording() -> Token[list[str] | None]:
    """Start recording what is durably written (the CLI does it around each command)."""
    return _COMMITTED.set([])


def stop_recording(token: Token[list[str] | None]) -> None:
    """Stop recording (restores the previous state)."""
    _COMMITTED.reset(token)


def note_committed(what: str) -> None:
    """Record that ``what`` is durably written (a committed transaction, a file renamed into place)."""
    done = _COMMITTED.get()
    if done is not None:
        done.append(what)


def committed() -> list[str]:
    """What has been durably written since :func:`start_recording`."""
    return list(_COMMITTED.get() or [])



def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; on success it is flushed to disk and renamed over ``target``.

    Write the whole file to the path yielded (by name: ``workbook.save(tmp)``). When the block raises
    — a full disk, Ctrl-C — the temporary file is removed and ``target`` is left as it was. A target
    that is a device or a pipe (``/dev/stdout``) is yielded itself: there is nothing to rename.

    Raises:
        InputError: The directory does not exist, or the target is a directory.
    """
    target = Path(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"не удалось записать {target}: {os_reason(exc)}") from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"не удалось записать {target}: это каталог, а нужен файл")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            yield target
        except OSError as exc:
            raise InputError(f"не удалось записать {target}: {os_reason(exc)}") from exc
        return
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"каталог для файла {target} не существует: {parent}")
    try:
        fd, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name[:100]}.", suffix=".efs-tmp")
    except OSError as exc:
        raise InputError(f"не удалось записать {target}: {os_reason(exc)}") from exc
    os.close(fd)
    tmp = Path(name)
    done = False
    try:
        yield tmp
        mode = stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode()
        os.chmod(tmp, mode)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        done = True
        note_committed(f"файл {target}")
    except OSError as exc:
        raise InputError(f"не удалось записать {target}: {os_reason(exc)}; прежний файл не изменён") from exc
    finally:
        if not done:
            tmp.unlink(missing_ok=True)


@contextmanager
def open_atomic(target: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """:func:`open` for writing through :func:`atomic_path` (``mode`` ``w`` or ``wb``)."""
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh


def write_text_atomic(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` all or nothing; return the target."""
    with open_atomic(target, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
    return Path(target)
