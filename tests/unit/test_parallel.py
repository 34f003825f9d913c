"""generator/parallel.py fork_map: the build's worker processes get their values by forking (no module global,
no pickling of the values), give their results back in order, and a failure in one reaches the build."""
from __future__ import annotations

import os
import signal
import threading

import pytest

from generator.parallel import WorkerFailed, fork_map


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_results_come_back_in_order_from_other_processes():
    results = fork_map(_pid_and_square, range(7), 2)
    assert [square for _, square in results] == [n * n for n in range(7)]
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_values_reach_the_workers_without_pickling():
    lock = threading.Lock()  # (a lock cannot be pickled)
    values = [(lock, n) for n in range(3)]
    assert fork_map(lambda value: (value[0] is not None, os.getpid()), values, 2)[0][0] is True


def test_one_worker_or_one_value_runs_here():
    assert fork_map(_pid_and_square, [3], 2) == [(os.getpid(), 9)]
    assert fork_map(_pid_and_square, [1, 2], 1) == [(os.getpid(), 1), (os.getpid(), 4)]
    assert fork_map(_pid_and_square, [], 2) == []


def test_an_exception_in_a_worker_is_raised_in_the_build():
    def fail_on_three(n):
        if n == 3:
            raise ValueError("three")
        return n

    with pytest.raises(ValueError, match="three"):
        fork_map(fail_on_three, range(6), 2)


def test_a_worker_that_dies_is_an_error_not_a_hang():
    def die_on_two(n):
        if n == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with pytest.raises(WorkerFailed, match="ended unexpectedly"):
        fork_map(die_on_two, range(4), 2)
