"""Each document audited in a child process of its own, under a time and a memory budget.

A document is untrusted input: a few kilobytes can make MuPDF loop for
minutes or allocate gigabytes, and a damaged file can crash a C library. So
each one is audited in a forked child that inherits the imported code (a
fork costs about a millisecond, where a fresh interpreter would import
PyMuPDF again), limited in address space by the kernel, and killed by the
parent when its time is up. Whatever happens to the child, the parent turns
it into one line about that file and goes on with the batch.

A child also dies with its parent (Linux's parent-death signal), so killing
clearprint, even with SIGKILL, never leaves workers behind. Where ``fork``
is missing (Windows) documents are audited in this process, without budgets.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from clearprint.results import DocumentResult

ISOLATED = hasattr(os, "fork") and sys.platform.startswith("linux")

# A child's exit codes other than 0 (its result follows on the pipe).
_EXIT_MEMORY = 86
_EXIT_FAILED = 87

_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Budget:
    """What one document may take; 0 or None means no limit."""

    seconds: float | None = 60.0
    memory_mb: int | None = 1536

    def describe_memory(self) -> str:
        mb = self.memory_mb or 0
        return f"{mb / 1024:g} GB" if mb >= 1024 else f"{mb} MB"

    def describe_time(self) -> str:
        return f"{self.seconds:g} s"


class Interrupted(Exception):
    """The user or the system asked clearprint to stop (SIGINT or SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # as shells report a process ended by the signal


@dataclass(slots=True)
class _Child:
    index: int
    path: str
    pid: int
    fd: int
    deadline: float | None
    chunks: list[bytes]
    result: DocumentResult | None = None


def run(paths: list[str], audit_one: Callable[[str], DocumentResult], budget: Budget,
        jobs: int = 1) -> Iterator[DocumentResult]:
    """Audit ``paths`` with at most ``jobs`` children at once; results in the order given.

    Results are yielded as soon as every earlier document is done, so a
    report can be streamed while the batch runs.
    """
    if not ISOLATED:
        yield from (audit_one(path) for path in paths)
        return
    results: dict[int, DocumentResult] = {}
    waiting = list(enumerate(paths))[::-1]
    running: dict[int, _Child] = {}
    next_out = 0
    with _stop_on_signals():
        try:
            while waiting or running:
                while waiting and len(running) < max(1, jobs):
                    index, path = waiting.pop()
                    child = _start(index, path, audit_one, budget)
                    running[child.fd] = child
                for child in _collect(running, budget):
                    results[child.index] = child.result
                while next_out in results:
                    yield results.pop(next_out)
                    next_out += 1
        finally:
            for child in running.values():
                _kill(child)


def _start(index: int, path: str, audit_one: Callable[[str], DocumentResult], budget: Budget) -> _Child:
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child_main(path, audit_one, budget, write_fd, parent)
    os.close(write_fd)
    deadline = time.monotonic() + budget.seconds if budget.seconds else None
    return _Child(index, path, pid, read_fd, deadline, [])


def _child_main(path: str, audit_one: Callable[[str], DocumentResult], budget: Budget,
                write_fd: int, parent: int) -> None:
    code = _EXIT_FAILED
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        faulthandler.disable()  # a crash in a C library is the parent's one line, not a stack dump
        _die_with_parent(parent)
        _limit_memory(budget)
        result = audit_one(path)
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(write_fd, data)
        code = 0
    except MemoryError:
        code = _EXIT_MEMORY
    except BaseException:  # noqa: BLE001 - anything else the parent reports as a failure
        code = _EXIT_FAILED
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this child when its parent dies, however the parent dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(_EXIT_FAILED)


def _limit_memory(budget: Budget) -> None:
    """Cap the child's address space at what it already maps plus the budget.

    The imported libraries are already mapped when the child starts, so the
    budget is what the audit of this document may add.
    """
    if not budget.memory_mb:
        return
    import resource

    limit = _mapped_bytes() + budget.memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _collect(running: dict[int, _Child], budget: Budget) -> Iterator[_Child]:
    """Wait for output, an ending or a deadline; yield the children that finished."""
    now = time.monotonic()
    deadlines = [c.deadline for c in running.values() if c.deadline is not None]
    timeout = max(0.0, min(deadlines) - now) if deadlines else None
    try:
        ready, _, _ = select.select(list(running), [], [], timeout)
    except InterruptedError:
        ready = []
    for fd in ready:
        child = running[fd]
        data = os.read(fd, _READ_CHUNK)
        if data:
            child.chunks.append(data)
            continue
        del running[fd]
        os.close(fd)
        child.result = _finished(child, budget)
        yield child
    now = time.monotonic()
    for fd, child in list(running.items()):
        if child.deadline is not None and now >= child.deadline:
            del running[fd]
            _kill(child)
            child.result = DocumentResult(
                path=child.path, format=None,
                error=f"refused: took longer than {budget.describe_time()} to audit "
                      "(raise the limit with --time-limit)")
            yield child


def _finished(child: _Child, budget: Budget) -> DocumentResult:
    """The child's result, or the one-line reason it has none."""
    _, status = os.waitpid(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        try:
            result: DocumentResult = pickle.loads(b"".join(child.chunks))
            return result
        except Exception:  # noqa: BLE001 - a truncated result is reported like a crash
            code = _EXIT_FAILED
    if code == _EXIT_MEMORY or (code == -signal.SIGKILL and budget.memory_mb):
        reason = (f"refused: needs more than {budget.describe_memory()} of memory to audit "
                  "(raise the limit with --memory-limit)")
    elif code < 0:
        reason = (f"could not be read: the file made the reader stop "
                  f"({signal.Signals(-code).name}); it is probably damaged")
    else:
        reason = "could not be read: the audit failed unexpectedly; run with --debug for details"
    return DocumentResult(path=child.path, format=None, error=reason)


def _kill(child: _Child) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child.pid, 0)
    with contextlib.suppress(OSError):
        os.close(child.fd)


class _stop_on_signals:  # noqa: N801 - used as a context manager
    """SIGTERM (and SIGINT) raise Interrupted in the parent, so its children are killed."""

    def __enter__(self) -> None:
        self._previous = {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
                self._previous[signum] = signal.signal(signum, _raise_interrupted)

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)
