"""Files are parsed in a worker process with a memory and a time limit: a hostile file fails its own read,
never the process that asked for it (the dashboard serving everyone, or the command line).

`run` sends one read (the file's bytes, or its path) to a worker and returns what the reader returned there,
or raises `ReadError`: "needs more memory than allowed" when the worker hit its address-space limit (an
allocation failed, or a native library aborted on one), "took longer than N s" when it ran out of time (the
worker is killed). Workers are forked from a fork server that has the reader's modules already imported, so
a read costs a fork (or nothing: an idle worker is reused), not an interpreter start. A file's bytes and the
result travel as a pickle whose array buffers go out of band (protocol 5), written into one shared-memory file
(memfd) whose descriptor is passed over the socket: one copy, used in place by the receiver.

Limits, from the environment or `.streamlit/secrets.toml` (the environment wins):
- `RETURNS_RADAR_READ_MEMORY_MB`  memory one read may use beyond a fresh worker's own (default 2048);
- `RETURNS_RADAR_READ_SECONDS`    time one read may take (default 120);
- `RETURNS_RADAR_MAX_CELLS`       cells a sheet may span, blank ones included (default 25,000,000);
- `RETURNS_RADAR_MAX_INFLATED_MB` bytes a workbook's zip entries may inflate to, all together (default 1024).
"""

from __future__ import annotations

import importlib
import io
import mmap
import multiprocessing
import multiprocessing.spawn as spawn
import os
import pickle
import resource
import signal
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import reduction
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any, TypeVar

from data.errors import ReadError
from data.phrases import Phrase, Sig

ROOT = Path(__file__).resolve().parent.parent
MAX_IDLE = 2  # workers kept for the next read
RETIRE_BYTES = 512 << 20  # a worker that grew past this is not kept (its freed memory may not go back)
PRELOAD = ("data.sandbox", "data.reader", "data.orders", "data.formats", "data.guard")
_inside = False  # True in a worker: reads run right there
_local = threading.local()


@dataclass(frozen=True)
class Limits:
    """What one read may use."""

    memory_mb: int = 2048
    seconds: float = 120.0
    max_cells: int = 25_000_000
    max_inflated_mb: int = 1024


SETTINGS = {
    "memory_mb": "RETURNS_RADAR_READ_MEMORY_MB",
    "seconds": "RETURNS_RADAR_READ_SECONDS",
    "max_cells": "RETURNS_RADAR_MAX_CELLS",
    "max_inflated_mb": "RETURNS_RADAR_MAX_INFLATED_MB",
}
_Number = TypeVar("_Number", int, float)
# What a worker is sent: module, function, the file (a path, or its bytes out of band), its name, the options,
# (shop salt, store URL) and the limits.
_Job = tuple[str, str, str | pickle.PickleBuffer, str, dict[str, Any], tuple[str | None, str | None], Limits]


def limits() -> Limits:
    """The limits in force: environment first, then `.streamlit/secrets.toml`, then the defaults."""
    secrets: dict[str, Any] = {}
    for path in (Path.cwd() / ".streamlit" / "secrets.toml", ROOT / ".streamlit" / "secrets.toml"):
        if path.is_file():
            try:
                secrets = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                secrets = {}
            break
    defaults = Limits()
    return Limits(
        memory_mb=_setting(secrets, "memory_mb", int, defaults.memory_mb),
        seconds=_setting(secrets, "seconds", float, defaults.seconds),
        max_cells=_setting(secrets, "max_cells", int, defaults.max_cells),
        max_inflated_mb=_setting(secrets, "max_inflated_mb", int, defaults.max_inflated_mb),
    )


def _setting(secrets: dict[str, Any], field: str, kind: type[_Number], default: _Number) -> _Number:
    """One limit: its environment variable, else its `secrets.toml` entry, else `default`."""
    name = SETTINGS[field]
    raw = os.environ.get(name) or secrets.get(name)
    if raw in (None, ""):
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ReadError(Phrase("{setting} is {value}; expected a number", setting=name, value=repr(raw))) from None


def inside() -> bool:
    """True in a worker (or when reading in-process was asked for): the reader then parses right here."""
    return _inside or getattr(_local, "here", False)


@contextmanager
def in_process() -> Iterator[None]:
    """Read in this thread, without a worker or its limits: for tests of the reader's inner workings that change
    module settings a worker would not see. Never for files from users."""
    before = getattr(_local, "here", False)
    _local.here = True
    try:
        yield
    finally:
        _local.here = before


def current_limits() -> Limits:
    """The limits of the read going on in this worker (the defaults outside one)."""
    return getattr(_local, "limits", None) or limits()


def last_peak() -> int | None:
    """The peak resident memory (bytes) of the worker during this thread's last read; None if it died."""
    return getattr(_local, "peak", None)


def run(module: str, function: str, source: Any, name: str, **options: Any) -> Any:
    """`module.function(source, **options)` in a worker; `ReadError` for anything that goes wrong there."""
    from data.config import default_url
    from data.errors import StoreError
    from data.formats import source_bytes
    from data.privacy import chosen

    wanted = limits()
    shop_salt = chosen()
    try:  # without a salt decided here, the worker asks this store for it, and only if a buyer id needs hashing
        store_url = None if shop_salt else default_url()
    except StoreError as err:
        raise ReadError(Phrase("{file}: {error}", file=name, error=str(err))) from None
    # A path is opened by the worker (no copy through the pipe); absolute, as the worker keeps its first folder.
    payload = (
        os.path.abspath(source) if isinstance(source, (str, Path)) else pickle.PickleBuffer(source_bytes(source, name))
    )  # travels out of band, through shared memory
    job: _Job = (module, function, payload, name, options, (shop_salt, store_url), wanted)
    _local.peak = None
    try:
        worker = _take(wanted)
    except (OSError, RuntimeError, EOFError) as err:
        raise ReadError(
            Phrase("{file} could not be read: the reading process could not be started ({error})", file=name, error=str(err))
        ) from None
    try:
        reply = worker.call(job, wanted.seconds)
    except _Timeout:
        worker.kill()
        raise ReadError(
            Phrase(
                "{file}: reading took longer than {seconds} s, the limit for one file; split it into smaller files (or raise "
                "RETURNS_RADAR_READ_SECONDS)",
                file=name,
                seconds=Sig(wanted.seconds, 6),
            )
        ) from None
    except _Died as died:
        worker.kill()
        raise ReadError(_death_message(name, died.code, wanted)) from None
    status, value, peak = reply
    _local.peak = peak
    if status in ("ok", "read-error"):
        _give(worker, peak)
    else:  # a worker that ran out of memory or failed oddly is not trusted with the next read
        worker.kill()
    if status == "ok":
        return value
    if status == "read-error":
        raise ReadError(value[0], sheets=value[1])
    if status == "memory":
        raise ReadError(_memory_message(name, wanted))
    raise ReadError(Phrase("{file} could not be read: {error}", file=name, error=str(value)))


def _memory_message(name: str, wanted: Limits) -> Phrase:
    return Phrase(
        "{file}: this file needs more memory than allowed ({mb} MB for one file); split it into smaller files (or raise "
        "RETURNS_RADAR_READ_MEMORY_MB)",
        file=name,
        mb=wanted.memory_mb,
    )


def _death_message(name: str, code: int | None, wanted: Limits) -> Phrase:
    if code is not None and code < 0 and -code in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL):
        return _memory_message(name, wanted)  # native code aborts when an allocation fails under the limit
    return Phrase(
        "{file} could not be read: the reader stopped unexpectedly (exit {code}); the file may be damaged", file=name, code=str(code)
    )


# ---------------------------------------------------------------- workers


class _Timeout(Exception):
    pass


class _Died(Exception):
    def __init__(self, code: int | None) -> None:
        super().__init__(code)
        self.code = code


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, wanted: Limits) -> None:
        context = _context()
        self.limits = wanted
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, wanted), daemon=True, name="returns-radar-reader")
        with _start_lock:
            # A worker needs only this module, not the caller's main script (which may not guard its own start).
            original = spawn.get_preparation_data
            spawn.get_preparation_data = lambda name: {
                k: v for k, v in original(name).items() if k not in ("init_main_from_path", "init_main_from_name")
            }
            try:
                self.process.start()
            finally:
                spawn.get_preparation_data = original
        child.close()

    def call(self, job: _Job, seconds: float) -> tuple[str, Any, int | None]:
        buffers: list[pickle.PickleBuffer] = []
        head = pickle.dumps(job, protocol=5, buffer_callback=buffers.append)
        try:
            _send(self.conn, head, buffers)
        except (BrokenPipeError, ConnectionResetError, OSError):
            raise _Died(self._exit_code()) from None
        deadline = time.monotonic() + seconds
        while not self.conn.poll(min(1.0, max(0.0, deadline - time.monotonic()))):
            if not self.process.is_alive():
                raise _Died(self._exit_code())
            if time.monotonic() >= deadline:
                raise _Timeout
        try:
            reply: tuple[str, Any, int | None] = _receive(self.conn)  # (status, value, peak memory)
            return reply
        except (EOFError, ConnectionResetError, OSError):
            raise _Died(self._exit_code()) from None

    def _exit_code(self) -> int | None:
        self.process.join(5)
        return self.process.exitcode

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


_idle: list[_Worker] = []
_lock = threading.Lock()
_start_lock = threading.Lock()
_started: list[ForkServerContext] = []


def _context() -> ForkServerContext:
    with _lock:
        if not _started:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(PRELOAD))
            _started.append(context)
        return _started[0]


def _take(wanted: Limits) -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.limits == wanted and worker.alive():
                return worker
            worker.kill()
    return _Worker(wanted)


def _give(worker: _Worker, peak: int | None) -> None:
    with _lock:
        if len(_idle) < MAX_IDLE and worker.alive() and (peak or 0) < RETIRE_BYTES:
            _idle.append(worker)
            return
    worker.kill()


def shutdown() -> None:
    """Stop the idle workers (they also stop on their own when this process ends)."""
    with _lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.kill()


def _send(conn: Any, head: bytes, buffers: list[pickle.PickleBuffer]) -> None:
    """Send a pickle and its out-of-band buffers: the bytes go into one shared-memory file (memfd) whose descriptor
    travels over the socket, so a large table costs one copy, not a stream of small pipe writes."""
    views = [buffer.raw() for buffer in buffers]  # flat bytes (pickle hands out contiguous buffers only)
    sizes = [len(head), *(view.nbytes for view in views)]
    total = sum(sizes)
    fd = os.memfd_create("returns-radar-read", os.MFD_CLOEXEC)
    try:
        for view in (memoryview(head), *views):  # write(2) fills the file twice as fast as copying into a map
            done = 0
            while done < view.nbytes:
                done += os.write(fd, view[done:])
        if not total:
            os.ftruncate(fd, 1)
        conn.send(sizes)
        reduction.send_handle(conn, fd, 0)
    finally:
        os.close(fd)


def _receive(conn: Any) -> Any:
    """The other end of `_send`: the buffers are slices of the shared memory, used in place (writable, never
    shortened: only this process holds the file now)."""
    sizes = conn.recv()
    fd = reduction.recv_handle(conn)
    try:
        region = mmap.mmap(fd, max(sum(sizes), 1))
    finally:
        os.close(fd)
    whole = memoryview(region)
    parts, at = [], 0
    for size in sizes:
        parts.append(whole[at : at + size])
        at += size
    return pickle.loads(parts[0], buffers=parts[1:])


# ---------------------------------------------------------------- inside a worker


def _serve(conn: Any, wanted: Limits) -> None:
    """The worker's loop: one job at a time until the pipe closes."""
    global _inside
    _inside = True
    os.environ.pop("RETURNS_RADAR_SALT", None)  # the fork server's copy may be stale: each job brings its salt
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal stops the parent, which stops us
    import pyarrow as pa

    # Arrow's own allocator reserves large address ranges up front; the system one makes the limit mean memory.
    pa.set_memory_pool(pa.system_memory_pool())
    for module in PRELOAD:
        importlib.import_module(module)
    _local.limits = wanted
    base = _status("VmSize") or 0
    limit = base + (wanted.memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            job = _receive(conn)
        except (EOFError, OSError):
            return
        _reset_peak()
        reply = _work(job)
        peak = _status("VmHWM")
        try:
            head_buffers: list[pickle.PickleBuffer] = []
            head = pickle.dumps((*reply, peak), protocol=5, buffer_callback=head_buffers.append)
        except MemoryError:
            head_buffers = []
            head = pickle.dumps(("memory", None, peak), protocol=5)
        except Exception as error:  # a result that cannot travel: say so rather than hang
            head_buffers = []
            head = pickle.dumps(("error", f"{type(error).__name__}: {str(error)[:200]}", peak), protocol=5)
        try:
            _send(conn, head, head_buffers)
        except (BrokenPipeError, OSError):
            return
        del reply, head, head_buffers


def _work(job: _Job) -> tuple[str, Any]:
    from data.privacy import using_salt

    module, function, payload, name, options, (shop_salt, store_url), _ = job
    source = payload if isinstance(payload, str) else _named(bytes(payload), name)
    try:
        with using_salt(shop_salt, store_url=store_url):
            return "ok", getattr(importlib.import_module(module), function)(source, **options)
    except ReadError as error:
        if _is_memory(error.__cause__):
            return "memory", None
        return "read-error", (error.message, error.sheets)
    except Exception as error:
        if _is_memory(error):
            return "memory", None
        return "error", f"{type(error).__name__}: {str(error)[:200]}"


def _is_memory(error: BaseException | None) -> bool:
    """MemoryError, pyarrow's ArrowMemoryError and kin: an allocation refused under the limit."""
    return error is not None and (isinstance(error, MemoryError) or "memory" in type(error).__name__.lower())


def _named(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _status(field: str) -> int | None:
    """A figure (bytes) from /proc/self/status, such as VmSize or VmHWM (peak resident memory)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    """Start VmHWM afresh for this read (Linux: writing 5 to clear_refs resets the peak)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass
