"""Each document audited in a child process of its own, under a time and a memory budget.

A document is untrusted input: a few kilobytes can make MuPDF loop for
minutes or allocate gigabytes, and a damaged file can crash a C library. So
documents are audited in forked workers that inherit the imported code (a
fork costs about a millisecond, where a fresh interpreter would import
PyMuPDF again), one document at a time each, limited in address space by
the kernel for each document, and killed by the parent when a document's
time is up. Whatever happens to a worker, the parent turns it into one line
about that file, starts another worker and goes on with the batch.

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
import struct
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from clearprint.results import DocumentResult

ISOLATED = hasattr(os, "fork") and sys.platform.startswith("linux")

# A worker's exit codes when it ends during a document.
_EXIT_MEMORY = 86
_EXIT_FAILED = 87

_READ_CHUNK = 1 << 20
# A worker that has grown this much past its start stops after its document, and a
# fresh one takes its place: freed memory the C allocator keeps would add up otherwise.
_RECYCLE_GROWTH = 512 << 20


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


_FRAME = struct.Struct(">Q")  # the length of each pickled message on a pipe


@dataclass(slots=True)
class _Task:
    index: int
    path: str
    deadline: float | None


@dataclass(slots=True)
class _Worker:
    """A child that audits the documents it is sent one after another.

    Keeping a worker for many documents keeps what the first one loaded (font
    metrics, the word list, decoded tables) for the rest, as a single process
    would; a fresh child per document cost a quarter more time on the corpus.
    """

    pid: int
    tasks: int  # the pipe the parent writes tasks to
    results: int  # the pipe the parent reads results from
    received: bytearray = field(default_factory=bytearray)
    task: _Task | None = None
    retiring: bool = False  # it ends after the result it sent last: send it nothing more


def run(paths: list[str], audit_one: Callable[[str], DocumentResult], budget: Budget,
        jobs: int = 1) -> Iterator[DocumentResult]:
    """Audit ``paths`` with at most ``jobs`` workers at once; results in the order given.

    Results are yielded as soon as every earlier document is done, so a
    report can be streamed while the batch runs.
    """
    if not ISOLATED:
        yield from (audit_one(path) for path in paths)
        return
    results: dict[int, DocumentResult] = {}
    waiting = list(enumerate(paths))[::-1]
    workers: dict[int, _Worker] = {}  # by the fd of its results pipe
    next_out = 0
    with _stop_on_signals():
        try:
            while waiting or any(w.task for w in workers.values()):
                for worker in [w for w in workers.values() if w.task is None and not w.retiring]:
                    if not waiting:
                        break
                    _send(worker, *waiting.pop(), budget)
                while waiting and sum(not w.retiring for w in workers.values()) < max(1, jobs):
                    others = [fd for w in workers.values() for fd in (w.tasks, w.results)]
                    worker = _start(audit_one, budget, others)
                    workers[worker.results] = worker
                    _send(worker, *waiting.pop(), budget)
                for index, result in _collect(workers, budget):
                    results[index] = result
                while next_out in results:
                    yield results.pop(next_out)
                    next_out += 1
        finally:
            for worker in workers.values():
                _stop(worker)


def _start(audit_one: Callable[[str], DocumentResult], budget: Budget, others: list[int]) -> _Worker:
    """Fork a worker; ``others``: the pipes of the workers already running, which the new
    one must not hold open (a worker reads the end of its tasks only when no one else
    holds their pipe)."""
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        for fd in (task_write, result_read, *others):
            os.close(fd)
        _worker_main(audit_one, budget, task_read, result_write, parent)
    os.close(task_read)
    os.close(result_write)
    return _Worker(pid, task_write, result_read)


def _send(worker: _Worker, index: int, path: str, budget: Budget) -> None:
    worker.task = _Task(index, path, time.monotonic() + budget.seconds if budget.seconds else None)
    with contextlib.suppress(OSError):  # a worker that died: its results pipe ends, and the task is reported
        _write_frame(worker.tasks, pickle.dumps(path))


def _worker_main(audit_one: Callable[[str], DocumentResult], budget: Budget, tasks: int, results: int,
                 parent: int) -> None:
    code = _EXIT_FAILED
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        faulthandler.disable()  # a crash in a C library is the parent's one line, not a stack dump
        _die_with_parent(parent)
        fresh = _mapped_bytes()
        while (message := _read_frame(tasks)) is not None:
            _limit_memory(budget)
            result = audit_one(pickle.loads(message))
            # Past this growth, hand the memory the allocator keeps back to the system: the
            # worker says it retires with this result, and a new one takes its place.
            retiring = _mapped_bytes() - fresh > _RECYCLE_GROWTH
            _write_frame(results, pickle.dumps((result, retiring), protocol=pickle.HIGHEST_PROTOCOL))
            if retiring:
                break
        code = 0
    except MemoryError:
        code = _EXIT_MEMORY
    except BaseException:  # noqa: BLE001 - anything else the parent reports as a failure
        code = _EXIT_FAILED
    finally:
        os._exit(code)


def _write_frame(fd: int, data: bytes) -> None:
    view = memoryview(_FRAME.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_frame(fd: int) -> bytes | None:
    """One message from the parent, or None when the parent has no more."""
    header = _read_exactly(fd, _FRAME.size)
    return None if header is None else _read_exactly(fd, _FRAME.unpack(header)[0])


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        piece = os.read(fd, size - len(data))
        if not piece:
            return None
        data += piece
    return bytes(data)


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
    """Cap the worker's address space at what it maps now plus the budget.

    Set again before each document (a soft limit may be raised up to the hard
    one), so the budget is what the audit of this document may add to what
    the imported libraries and earlier documents left mapped.
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


def _collect(workers: dict[int, _Worker], budget: Budget) -> Iterator[tuple[int, DocumentResult]]:
    """Wait for results, an ending or a deadline; yield each document finished."""
    deadlines = [w.task.deadline for w in workers.values() if w.task and w.task.deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    try:
        ready, _, _ = select.select(list(workers), [], [], timeout)
    except InterruptedError:
        ready = []
    for fd in ready:
        worker = workers[fd]
        data = os.read(fd, _READ_CHUNK)
        if data:
            worker.received += data
            yield from _complete_results(worker)
            continue
        del workers[fd]  # the worker has ended: recycled, or died on its document
        code = _stop(worker)
        if worker.task is not None:
            yield worker.task.index, _failure(worker.task.path, code, budget)
    now = time.monotonic()
    for fd, worker in list(workers.items()):
        task = worker.task
        if task is not None and task.deadline is not None and now >= task.deadline:
            del workers[fd]
            _stop(worker)
            yield task.index, DocumentResult(
                path=task.path, format=None,
                error=f"refused: took longer than {budget.describe_time()} to audit "
                      "(raise the limit with --time-limit)")


def _complete_results(worker: _Worker) -> Iterator[tuple[int, DocumentResult]]:
    """The results whose every byte has arrived (one per task: a worker has one at a time)."""
    while len(worker.received) >= _FRAME.size:
        size = _FRAME.unpack_from(worker.received)[0]
        if len(worker.received) < _FRAME.size + size:
            return
        message = bytes(worker.received[_FRAME.size:_FRAME.size + size])
        del worker.received[:_FRAME.size + size]
        task, worker.task = worker.task, None
        result, worker.retiring = pickle.loads(message)
        if task is not None:
            yield task.index, result


def _failure(path: str, code: int, budget: Budget) -> DocumentResult:
    """The one-line reason a worker that ended during a document gives for it."""
    if code == _EXIT_MEMORY or (code == -signal.SIGKILL and budget.memory_mb):
        reason = (f"refused: needs more than {budget.describe_memory()} of memory to audit "
                  "(raise the limit with --memory-limit)")
    elif code < 0:
        reason = (f"could not be read: the file made the reader stop "
                  f"({signal.Signals(-code).name}); it is probably damaged")
    else:
        reason = "could not be read: the audit failed unexpectedly; run with --debug for details"
    return DocumentResult(path=path, format=None, error=reason)


def _stop(worker: _Worker) -> int:
    """End the worker (if it has not ended) and reap it; its exit code as waitstatus gives it."""
    for fd in (worker.tasks, worker.results):
        with contextlib.suppress(OSError):
            os.close(fd)
    if worker.task is not None:  # busy: it will not read that its tasks have ended
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(worker.pid, 0)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM (and SIGINT) raise Interrupted in the parent, so its workers are killed."""
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            previous[signum] = signal.signal(signum, _raise_interrupted)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)
