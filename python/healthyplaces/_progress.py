"""Progress bars for long runs (tqdm.auto: a text bar in terminals, a widget in notebooks).

``progress=None`` (the default everywhere) shows a bar only for runs expected to take more than a couple of seconds
and only where someone is watching (stderr is a terminal, or the code runs in a Jupyter kernel); ``True`` forces
it, ``False`` turns it off. tqdm is imported only when a bar is shown, so ``import healthyplaces`` stays light.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any, Callable, TypeVar

from . import _core

__all__ = ["activity", "bar", "effective_threads", "wanted"]

T = TypeVar("T")

# Work units a thread gets through in about two seconds: service-years for simulate (~150-200 ns each, measured
# on the 2-core dev machine), draws × inputs × years for the business case's PSA (~25 ns each).
SIMULATE_UNITS = 1.2e7
PSA_UNITS = 8e7


def effective_threads(threads: int) -> int:
    """The threads a ``threads`` option means (0 = all cores)."""
    return max(1, os.cpu_count() or 1) if int(threads) == 0 else max(1, int(threads))


def _watched() -> bool:
    """True in a Jupyter kernel or when stderr (where tqdm writes) is a terminal."""
    if "ipykernel" in sys.modules:
        try:
            from IPython import get_ipython  # type: ignore[import-not-found]

            shell = get_ipython()
            if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
                return True
        except ImportError:  # pragma: no cover - ipykernel without IPython cannot happen
            pass
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


def wanted(progress: bool | None, work: float, threshold: float, what: str) -> bool:
    """Whether to show a bar: ``progress`` if given, else a run of ``work`` units over ``threshold`` (about two
    seconds) where someone is watching."""
    if progress is None:
        return work > threshold and _watched()
    if progress not in (True, False):
        raise _core.DomainError(f"{what}: progress must be True, False or None (automatic), got {progress!r}")
    return bool(progress)


def bar(total: float | None, desc: str, unit: str = "it") -> Any:
    """A tqdm.auto bar (use as a context manager)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, dynamic_ncols=True, leave=True)


def activity(fn: Callable[[], T], desc: str) -> T:
    """Run ``fn`` (one C++ call that releases the GIL) in a helper thread while a bar without a total shows the
    time elapsed; its result or exception is returned or raised here. For work that cannot be split into chunks
    without changing its numbers."""
    out: dict[str, Any] = {}

    finished = threading.Event()

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            out["error"] = e
        finally:
            finished.set()

    worker = threading.Thread(target=run, name="healthyplaces-progress", daemon=True)
    from tqdm.auto import tqdm

    with tqdm(total=None, desc=desc, bar_format="{desc}: {elapsed}", dynamic_ncols=True) as b:
        try:
            worker.start()
            # An Event, not worker.join(timeout): CPython 3.11's join, interrupted by Ctrl-C, can mark a running
            # thread as stopped (bpo-45274's fix releases the thread's own lock), and a later join returns at once.
            while not finished.wait(0.2):
                b.refresh()
        except KeyboardInterrupt:
            # Signals reach only this thread: stop the C++ call in the helper (it polls every 20 ms; a request
            # made before the call starts waits for it), wait for it, so no work is left running behind the
            # user's back, and raise here. Ctrl-C can land inside start(), before the thread has its ident.
            deadline = time.monotonic() + 1.0
            while worker.ident is None and time.monotonic() < deadline:
                time.sleep(0.001)
            if worker.ident is not None:
                _core._interrupt(worker.ident)
                finished.wait()
                _core._interrupt(worker.ident, False)  # the call is over: the ident may be reused
            raise
    if "error" in out:
        raise out["error"]
    return out["value"]
