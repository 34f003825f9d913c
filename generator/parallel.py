"""Worker processes for the build: how many (jobs()), and fork_map(), which runs a function on each of a list
of values in forked processes.

fork_map() hands the function and the values to the workers by forking: each worker starts as a copy of the
build, so a language's view (a large, frozen value) reaches it without being pickled and without a module
global. Only each value's index goes to a worker, and only the function's result comes back (pickled).
Workers end with the build, however it ends (lifeline.py).
"""
from __future__ import annotations

import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many processes to use: CHARTERKIT_JOBS, or one per core."""
    try:
        return max(1, int(os.environ["CHARTERKIT_JOBS"]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


class WorkerFailed(RuntimeError):
    """A worker process ended without giving its result (killed, or out of memory)."""


def _work(fn, items, tasks, conn, parent: int) -> None:
    """A worker: take the next index, send back (index, True, result) or (index, False, exception)."""
    from .lifeline import die_with_parent

    die_with_parent(parent)
    try:
        while True:
            index = tasks.get()
            if index is None:
                break
            try:
                conn.send((index, True, fn(items[index])))
            except BaseException as exc:  # (handed to the parent, which raises it)
                try:
                    conn.send((index, False, exc))
                except Exception:  # an exception that cannot be pickled: its words instead
                    conn.send((index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> list[R]:
    """[fn(item) for item in items], in that order, computed in up to `workers` forked processes (default:
    jobs()); in this process when one is enough or the system cannot fork. The first exception a call raised
    is raised here, after the other workers have been stopped."""
    import multiprocessing
    from multiprocessing.connection import wait

    items = list(items)
    count = min(workers or jobs(), len(items))
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    context = multiprocessing.get_context("fork")
    tasks = context.SimpleQueue()
    for index in range(len(items)):
        tasks.put(index)
    for _ in range(count):
        tasks.put(None)
    processes, pipes = [], {}
    try:
        for _ in range(count):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(fn, items, tasks, send, os.getpid()), daemon=True)
            process.start()
            send.close()  # (the worker holds its end: when it ends, the parent's end reads EOF)
            processes.append(process)
            pipes[receive] = process
        results: dict[int, R] = {}
        while pipes:
            for conn in wait(list(pipes)):
                try:
                    index, ok, value = conn.recv()
                except EOFError:  # the worker has finished, or died
                    process = pipes.pop(conn)
                    process.join()
                    if process.exitcode != 0 and len(results) < len(items):
                        raise WorkerFailed(f"A worker process of the build ended unexpectedly "
                                           f"(exit code {process.exitcode}).")
                    continue
                if not ok:
                    raise value
                results[index] = value
        if len(results) != len(items):  # (cannot happen: every worker ended normally)
            raise WorkerFailed(f"The build's worker processes gave {len(results)} of {len(items)} results.")
        return [results[index] for index in range(len(items))]
    finally:
        for process in processes:  # an error or Ctrl+C: the others stop now, before the build tidies up
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=10)
