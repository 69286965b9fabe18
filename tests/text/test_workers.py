"""Fold workers stop when the process that started them dies."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# A parent that starts one worker the way parallel folds do and prints its pid. Then
# parent and worker both sleep for two minutes.
PARENT = """
import multiprocessing, os, time
from concurrent.futures import ProcessPoolExecutor
from seqboard.text.protocol import _start_worker

pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                           initializer=_start_worker, initargs=(1, os.getpid()))
print(pool.submit(os.getpid).result(), flush=True)
pool.submit(time.sleep, 120)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
    except FileNotFoundError:
        return False
    return "zombie" not in state


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux only")
def test_worker_dies_with_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert _alive(worker)

        # SIGKILL leaves the parent no chance to clean up: only the kernel can stop the worker.
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        parent.kill()
        if "worker" in locals() and _alive(worker):
            os.kill(worker, signal.SIGKILL)
